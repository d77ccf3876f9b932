//! One-to-one and reverse matching: mentees to mentors with capacities, for the
//! maximum total score, exactly (a capacitated assignment, solved as a
//! min-cost flow by [`super::flow`]).

use std::collections::HashMap;

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
    let scores = edge_scores(&p.edges);
    let (pinned, room) = check_pins(p, &scores)?;
    let packing = Packing::new(p.mentees, (p.mentees * p.capacity.len()) as i128);
    let edges = p
        .edges
        .iter()
        .filter(|e| pinned[e.a].is_none() && room[e.b] > 0)
        .map(|e| {
            let bonus = weight::pair_bonus(e.a, e.b, p.mentees, p.capacity.len());
            (e.a, e.b, packing.weight(e.score, bonus))
        });
    let free = (0..p.mentees).map(|m| pinned[m].is_none());
    let mut mentor_of = best(free, &room, edges);
    for (m, pin) in pinned.iter().enumerate() {
        if pin.is_some() {
            mentor_of[m] = *pin;
        }
    }
    let score = mentor_of
        .iter()
        .enumerate()
        .filter_map(|(m, t)| t.and_then(|t| scores.get(&(m, t))))
        .sum();
    let matched = mentor_of.iter().filter(|t| t.is_some()).count();
    Ok(Assignment {
        mentor_of,
        score,
        matched,
    })
}

fn edge_scores(edges: &[Edge]) -> HashMap<(usize, usize), Score> {
    let mut scores = HashMap::with_capacity(edges.len());
    for e in edges {
        let s = scores.entry((e.a, e.b)).or_insert(e.score);
        *s = (*s).max(e.score);
    }
    scores
}

/// Pinned mentor of each mentee, and the room each mentor has left.
fn check_pins(
    p: &Problem,
    scores: &HashMap<(usize, usize), Score>,
) -> Result<(Vec<Option<usize>>, Vec<u32>), PinError> {
    let mut pinned = vec![None; p.mentees];
    let mut room = p.capacity.clone();
    for &(m, t) in &p.pins {
        if m >= p.mentees || t >= p.capacity.len() {
            return Err(PinError::OutOfRange { a: m, b: t });
        }
        if pinned[m].is_some() {
            return Err(PinError::Twice { person: m });
        }
        if !scores.contains_key(&(m, t)) {
            return Err(PinError::NoEdge { a: m, b: t });
        }
        if room[t] == 0 {
            return Err(PinError::OverCapacity {
                mentor: t,
                capacity: p.capacity[t],
            });
        }
        room[t] -= 1;
        pinned[m] = Some(t);
    }
    Ok((pinned, room))
}

/// The maximum packed-weight assignment of the `free` mentees to mentors with
/// `room`, over edges (mentee, mentor, packed weight).
pub(crate) fn best(
    free: impl Iterator<Item = bool>,
    room: &[u32],
    edges: impl Iterator<Item = (usize, usize, i128)>,
) -> Vec<Option<usize>> {
    let free: Vec<bool> = free.collect();
    let edges: Vec<(usize, usize, i128)> = edges.filter(|e| free[e.0] && room[e.1] > 0).collect();
    let max_abs = edges.iter().map(|e| e.2.abs()).max().unwrap_or(0);
    if weight::fits_i64(max_abs) {
        best_with::<i64>(&free, room, &edges)
    } else {
        best_with::<i128>(&free, room, &edges)
    }
}

fn best_with<W: Weight>(
    free: &[bool],
    room: &[u32],
    edges: &[(usize, usize, i128)],
) -> Vec<Option<usize>> {
    let mentees: u64 = free.iter().filter(|&&f| f).count() as u64;
    let seats: u64 = room.iter().map(|&r| r as u64).sum();
    let mut mentor_of = vec![None; free.len()];
    // The scarcer side goes on the left, so each search ends quickly.
    let mentees_left = mentees <= seats;
    let list = edges
        .iter()
        .map(|&(m, t, w)| {
            let w = W::from_i128(w);
            if mentees_left {
                (m as u32, t as u32, w)
            } else {
                (t as u32, m as u32, w)
            }
        })
        .collect();
    let ones = |flags: &[bool]| flags.iter().map(|&f| u32::from(f)).collect::<Vec<u32>>();
    let g = if mentees_left {
        Graph::new(ones(free), room.to_vec(), list)
    } else {
        Graph::new(room.to_vec(), ones(free), list)
    };
    for e in flow::max_weight(&g).chosen {
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
