//! One-to-one and reverse matching: mentees to mentors with capacities, for the
//! maximum total score, exactly (a capacitated assignment, solved as a
//! min-cost flow by `flow.rs`).

use super::flow::{self, Graph};
use super::weight::{self, Packing, Weight};
use super::{Edge, PinError, Score};

/// Mentees `0..mentees`, mentors `0..capacity.len()`, both in id order.
#[derive(Clone, Debug, Default)]
pub struct Problem {
    pub mentees: usize,
    /// Most mentees each mentor takes.
    pub capacity: Vec<u32>,
    /// Allowed pairs: `a` is the mentee, `b` the mentor. Leave out pairs that
    /// share no slot or are forbidden; at most one edge per pair.
    pub edges: Vec<Edge>,
    /// (mentee, mentor) pairs that must hold.
    pub pins: Vec<(usize, usize)>,
}

/// An optimal assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The mentor of each mentee, if any.
    pub mentor_of: Vec<Option<usize>>,
    /// The total score of the pairs.
    pub score: Score,
    pub matched: usize,
}

/// The best assignment: highest total score, then most mentees matched, then
/// earlier ids paired with earlier ids. Pins are kept and count in the total.
pub fn solve(p: &Problem) -> Result<Assignment, PinError> {
    let (pinned, room) = check_pins(p)?;
    let free: Vec<bool> = pinned.iter().map(Option::is_none).collect();
    let mut mentor_of = best(&free, &room, p.edges.iter());
    for (m, pin) in pinned.iter().enumerate() {
        if pin.is_some() {
            mentor_of[m] = *pin;
        }
    }
    let score = p
        .edges
        .iter()
        .filter(|e| mentor_of[e.a] == Some(e.b))
        .map(|e| e.score)
        .sum();
    let matched = mentor_of.iter().filter(|t| t.is_some()).count();
    Ok(Assignment {
        mentor_of,
        score,
        matched,
    })
}

/// Pinned mentor of each mentee, and the room each mentor has left.
fn check_pins(p: &Problem) -> Result<(Vec<Option<usize>>, Vec<u32>), PinError> {
    let mut pinned = vec![None; p.mentees];
    let mut room = p.capacity.clone();
    for &(m, t) in &p.pins {
        if m >= p.mentees || t >= p.capacity.len() {
            return Err(PinError::OutOfRange { a: m, b: t });
        }
        if pinned[m].is_some() {
            return Err(PinError::Twice { person: m });
        }
        pinned[m] = Some(t);
    }
    let mut found = vec![false; p.mentees];
    for e in &p.edges {
        if pinned[e.a] == Some(e.b) {
            found[e.a] = true;
        }
    }
    for &(m, t) in &p.pins {
        if !found[m] {
            return Err(PinError::NoEdge { a: m, b: t });
        }
        if room[t] == 0 {
            return Err(PinError::OverCapacity {
                mentor: t,
                capacity: p.capacity[t],
            });
        }
        room[t] -= 1;
    }
    Ok((pinned, room))
}

/// The best assignment of the `free` mentees to mentors with `room` over
/// `edges` (mentee, mentor, score), by the packed objective; the id bonus
/// counts over all mentees and mentors, so it does not depend on who is free.
pub(crate) fn best<'a>(
    free: &[bool],
    room: &[u32],
    edges: impl Iterator<Item = &'a Edge> + Clone,
) -> Vec<Option<usize>> {
    let (mentees, mentors) = (free.len(), room.len());
    let packing = Packing::new(mentees, (mentees * mentors) as i128);
    let edges = edges.filter(|e| free[e.a] && room[e.b] > 0);
    let top = edges.clone().map(|e| e.score.abs()).max().unwrap_or(0);
    let max_abs = packing.weight(top, (mentees * mentors) as i128);
    let packed = edges.map(move |e| {
        let bonus = weight::pair_bonus(e.a, e.b, mentees, mentors);
        (e.a as u32, e.b as u32, packing.weight(e.score, bonus))
    });
    if weight::fits_i64(max_abs) {
        best_with::<i64>(free, room, packed)
    } else {
        best_with::<i128>(free, room, packed)
    }
}

fn best_with<W: Weight>(
    free: &[bool],
    room: &[u32],
    edges: impl Iterator<Item = (u32, u32, i128)> + Clone,
) -> Vec<Option<usize>> {
    let mentees: u64 = free.iter().filter(|&&f| f).count() as u64;
    let seats: u64 = room.iter().map(|&r| r as u64).sum();
    let mut mentor_of = vec![None; free.len()];
    // The scarcer side goes on the left, so each search ends quickly.
    let mentees_left = mentees <= seats;
    let ones = |flags: &[bool]| flags.iter().map(|&f| u32::from(f)).collect::<Vec<u32>>();
    let g = if mentees_left {
        let list = edges.map(|(m, t, w)| (m, t, W::from_i128(w)));
        Graph::new(ones(free), room.to_vec(), list)
    } else {
        let list = edges.map(|(m, t, w)| (t, m, W::from_i128(w)));
        Graph::new(room.to_vec(), ones(free), list)
    };
    for e in flow::max_weight(&g) {
        let (l, r) = g.ends(e);
        let (m, t) = if mentees_left { (l, r) } else { (r, l) };
        mentor_of[m as usize] = Some(t as usize);
    }
    mentor_of
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::brute;
    use super::*;

    /// A small instance: up to 6 mentees, 3 mentors, capacities 0–3, sparse
    /// edges with scores 0–4 (ties are common), and a few pins.
    fn instance() -> impl Strategy<Value = Problem> {
        (1usize..7, 1usize..4)
            .prop_flat_map(|(m, t)| {
                (
                    Just(m),
                    prop::collection::vec(0u32..4, t),
                    prop::collection::vec(prop::option::weighted(0.6, 0i64..5), m * t),
                    prop::collection::vec((0..m, 0..t), 0..3),
                )
            })
            .prop_map(|(mentees, capacity, cells, pins)| {
                let mentors = capacity.len();
                let edges: Vec<Edge> = cells
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.map(|s| Edge::new(i / mentors, i % mentors, s)))
                    .collect();
                Problem {
                    mentees,
                    capacity,
                    edges,
                    pins,
                }
            })
    }

    fn pins_hold(p: &Problem) -> bool {
        let mut load = vec![0u32; p.capacity.len()];
        let mut seen = vec![false; p.mentees];
        for &(m, t) in &p.pins {
            if seen[m] || !p.edges.iter().any(|e| e.a == m && e.b == t) {
                return false;
            }
            seen[m] = true;
            load[t] += 1;
        }
        load.iter().zip(&p.capacity).all(|(l, c)| l <= c)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn matches_brute_force(p in instance()) {
            match solve(&p) {
                Err(_) => prop_assert!(!pins_hold(&p)),
                Ok(a) => {
                    prop_assert!(pins_hold(&p));
                    let (key, all) = brute::assignments(p.mentees, &p.capacity, &p.edges, &p.pins);
                    let got = brute::assignment_key(&p.edges, p.capacity.len(), &a.mentor_of);
                    prop_assert_eq!(got, key);
                    prop_assert_eq!((a.score, a.matched), (key.0, key.1));
                    prop_assert!(all.contains(&a.mentor_of));
                    if all.len() == 1 {
                        prop_assert_eq!(&a.mentor_of, &all[0]);
                    }
                }
            }
        }
    }

    /// Medium instances with many ties, against a plain min-cost flow.
    fn medium() -> impl Strategy<Value = Problem> {
        (10usize..60, 2usize..15, any::<u64>()).prop_map(|(mentees, mentors, seed)| {
            let mut x = seed | 1;
            let mut next = move || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            };
            let capacity = (0..mentors).map(|_| (next() % 5) as u32).collect();
            let mut edges = Vec::new();
            for m in 0..mentees {
                for t in 0..mentors {
                    if next() % 3 == 0 {
                        edges.push(Edge::new(m, t, (next() % 4) as i64));
                    }
                }
            }
            Problem {
                mentees,
                capacity,
                edges,
                pins: vec![],
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn matches_plain_flow_on_medium_instances(p in medium()) {
            let Ok(a) = solve(&p) else { return Err(TestCaseError::fail("pins")) };
            let packing = Packing::new(p.mentees, (p.mentees * p.capacity.len()) as i128);
            let got: i128 = p.edges.iter().filter(|e| a.mentor_of[e.a] == Some(e.b)).map(|e| {
                packing.weight(e.score, weight::pair_bonus(e.a, e.b, p.mentees, p.capacity.len()))
            }).sum();
            let mut load = vec![0u32; p.capacity.len()];
            for t in a.mentor_of.iter().flatten() {
                load[*t] += 1;
            }
            prop_assert!(load.iter().zip(&p.capacity).all(|(l, c)| l <= c));
            prop_assert_eq!(got, brute::assignment_weight_by_flow(p.mentees, &p.capacity, &p.edges));
        }
    }

    #[test]
    fn ties_go_to_earlier_ids() {
        // Two mentees, two mentors of capacity 1, every pair scores 5.
        let edges = vec![
            Edge::new(0, 0, 5),
            Edge::new(0, 1, 5),
            Edge::new(1, 0, 5),
            Edge::new(1, 1, 5),
        ];
        let p = Problem {
            mentees: 2,
            capacity: vec![1, 1],
            edges,
            pins: vec![],
        };
        let a = solve(&p).ok();
        assert_eq!(a.map(|a| a.mentor_of), Some(vec![Some(0), Some(1)]));
        // One seat: the earlier mentee wins it.
        let p = Problem {
            capacity: vec![1, 0],
            ..p
        };
        assert_eq!(
            solve(&p).ok().map(|a| a.mentor_of),
            Some(vec![Some(0), None])
        );
    }

    #[test]
    fn zero_score_pair_beats_no_pair() {
        let edges = vec![Edge::new(0, 0, 4), Edge::new(1, 0, 0), Edge::new(1, 1, 0)];
        let p = Problem {
            mentees: 2,
            capacity: vec![1, 1],
            edges,
            pins: vec![],
        };
        let a = solve(&p).ok();
        assert_eq!(
            a.map(|a| (a.mentor_of, a.score, a.matched)),
            Some((vec![Some(0), Some(1)], 4, 2))
        );
    }

    #[test]
    fn pins_that_cannot_hold_are_named() {
        let edges = vec![Edge::new(0, 0, 1), Edge::new(1, 0, 1)];
        let p = Problem {
            mentees: 2,
            capacity: vec![1, 1],
            edges,
            pins: vec![(0, 1)],
        };
        assert_eq!(solve(&p), Err(PinError::NoEdge { a: 0, b: 1 }));
        let p = Problem {
            pins: vec![(0, 0), (1, 0)],
            ..p
        };
        assert_eq!(
            solve(&p),
            Err(PinError::OverCapacity {
                mentor: 0,
                capacity: 1
            })
        );
        let p = Problem {
            pins: vec![(0, 0), (0, 0)],
            ..p
        };
        assert_eq!(solve(&p), Err(PinError::Twice { person: 0 }));
    }
}
