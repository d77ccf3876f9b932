//! Peer mode: people pair with each other (no mentors), for the maximum total
//! score, exactly: a maximum weight matching on a general graph, by Edmonds'
//! blossom algorithm (see `blossom.rs`).

use super::blossom;
use super::weight::{self, Packing};
use super::{Edge, PinError, Score};

/// People `0..people` in id order.
#[derive(Clone, Debug, Default)]
pub struct Problem {
    pub people: usize,
    /// Allowed pairs (`a` ≠ `b`, either order); leave out pairs that share no
    /// slot or are forbidden; at most one edge per pair.
    pub edges: Vec<Edge>,
    /// Pairs that must hold.
    pub pins: Vec<(usize, usize)>,
}

/// An optimal pairing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairing {
    /// Each person's partner, if any.
    pub partner: Vec<Option<usize>>,
    pub score: Score,
    /// Pairs formed.
    pub pairs: usize,
}

/// The best pairing: highest total score, then most pairs, then earlier ids
/// with earlier ids. Pins are kept and count in the total.
pub fn solve(p: &Problem) -> Result<Pairing, PinError> {
    let n = p.people;
    let mut partner = check_pins(p)?;
    let packing = Packing::new(n / 2, (n * n) as i128);
    let top = p.edges.iter().map(|e| e.score.abs()).max().unwrap_or(0);
    let packed: Vec<(usize, usize, i128)> = p
        .edges
        .iter()
        .filter(|e| e.a != e.b && partner[e.a].is_none() && partner[e.b].is_none())
        .map(|e| {
            let (a, b) = (e.a.min(e.b), e.a.max(e.b));
            (
                a,
                b,
                packing.weight(e.score, weight::pair_bonus(a, b, n, n)),
            )
        })
        .collect();
    let found = if weight::fits_i64(packing.weight(top, (n * n) as i128)) {
        let edges: Vec<(usize, usize, i64)> = packed
            .iter()
            .map(|&(a, b, w)| (a, b, weight::Weight::from_i128(w)))
            .collect();
        blossom::max_weight(n, &edges)
    } else {
        blossom::max_weight(n, &packed)
    };
    for (v, mate) in found.into_iter().enumerate() {
        if mate.is_some() {
            partner[v] = mate;
        }
    }
    let score = p
        .edges
        .iter()
        .filter(|e| e.a != e.b && partner[e.a] == Some(e.b))
        .map(|e| e.score)
        .sum();
    let pairs = partner.iter().filter(|m| m.is_some()).count() / 2;
    Ok(Pairing {
        partner,
        score,
        pairs,
    })
}

/// The pinned partner of each person.
fn check_pins(p: &Problem) -> Result<Vec<Option<usize>>, PinError> {
    let mut partner = vec![None; p.people];
    for &(a, b) in &p.pins {
        if a >= p.people || b >= p.people {
            return Err(PinError::OutOfRange { a, b });
        }
        if a == b {
            return Err(PinError::NoEdge { a, b });
        }
        for x in [a, b] {
            if partner[x].is_some() {
                return Err(PinError::Twice { person: x });
            }
        }
        partner[a] = Some(b);
        partner[b] = Some(a);
    }
    let mut found = vec![false; p.people];
    for e in &p.edges {
        if e.a != e.b && partner[e.a] == Some(e.b) {
            found[e.a.min(e.b)] = true;
        }
    }
    for &(a, b) in &p.pins {
        if !found[a.min(b)] {
            return Err(PinError::NoEdge { a, b });
        }
    }
    Ok(partner)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::brute;
    use super::*;

    /// Up to 10 people, edges with scores 0–4 (many ties), a pin or two.
    fn instance(max: usize, p_edge: f64) -> impl Strategy<Value = Problem> {
        (1usize..=max)
            .prop_flat_map(move |n| {
                (
                    Just(n),
                    prop::collection::vec(prop::option::weighted(p_edge, 0i64..5), n * n),
                    prop::collection::vec((0..n, 0..n), 0..2),
                )
            })
            .prop_map(|(n, cells, pins)| {
                let edges = (0..n * n)
                    .filter(|i| i / n < i % n)
                    .filter_map(|i| cells[i].map(|s| Edge::new(i / n, i % n, s)))
                    .collect();
                Problem {
                    people: n,
                    edges,
                    pins,
                }
            })
    }

    fn pins_hold(p: &Problem) -> bool {
        let mut seen = vec![false; p.people];
        for &(a, b) in &p.pins {
            if a == b || seen[a] || seen[b] {
                return false;
            }
            seen[a] = true;
            seen[b] = true;
            if !p.edges.iter().any(|e| (e.a, e.b) == (a.min(b), a.max(b))) {
                return false;
            }
        }
        true
    }

    fn check(p: &Problem) -> Result<(), TestCaseError> {
        match solve(p) {
            Err(_) => prop_assert!(!pins_hold(p)),
            Ok(r) => {
                prop_assert!(pins_hold(p));
                let (key, all) = brute::pairings(p.people, &p.edges, &p.pins);
                prop_assert_eq!(brute::pairing_key(&p.edges, &r.partner), key);
                prop_assert_eq!((r.score, r.pairs), (key.0, key.1));
                prop_assert!(
                    all.contains(&r.partner),
                    "not a best pairing: {:?}",
                    r.partner
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]
        #[test]
        fn matches_brute_force_dense(p in instance(9, 0.7)) {
            check(&p)?;
        }

        #[test]
        fn matches_brute_force_sparse(p in instance(11, 0.3)) {
            check(&p)?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(80))]
        #[test]
        fn matches_subset_dp_on_medium_graphs(
            p in (12usize..=17, 0.15f64..0.9).prop_flat_map(|(n, d)| instance_exact(n, d))
        ) {
            let r = solve(&p).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let n = p.people;
            let packing = Packing::new(n / 2, (n * n) as i128);
            let got: i128 = p.edges.iter().filter(|e| r.partner[e.a] == Some(e.b)).map(|e| {
                packing.weight(e.score, weight::pair_bonus(e.a, e.b, n, n))
            }).sum();
            prop_assert_eq!(got, brute::pairing_weight_by_subsets(n, &p.edges));
        }
    }

    /// Exactly `n` people, no pins; scores mix ties (0–3) with rare large ones.
    fn instance_exact(n: usize, p_edge: f64) -> impl Strategy<Value = Problem> {
        let score = prop_oneof![8 => 0i64..4, 1 => 20i64..60];
        prop::collection::vec(prop::option::weighted(p_edge, score), n * n).prop_map(move |cells| {
            let edges = (0..n * n)
                .filter(|i| i / n < i % n)
                .filter_map(|i| cells[i].map(|s| Edge::new(i / n, i % n, s)))
                .collect();
            Problem {
                people: n,
                edges,
                pins: vec![],
            }
        })
    }

    #[test]
    fn an_odd_cycle_is_solved_exactly() {
        // A triangle of equal scores with a pendant: the pendant must pair.
        let edges = vec![
            Edge::new(0, 1, 3),
            Edge::new(1, 2, 3),
            Edge::new(0, 2, 3),
            Edge::new(2, 3, 1),
        ];
        let r = solve(&Problem {
            people: 4,
            edges,
            pins: vec![],
        })
        .ok();
        assert_eq!(
            r.map(|r| (r.partner, r.score)),
            Some((vec![Some(1), Some(0), Some(3), Some(2)], 4))
        );
    }
}
