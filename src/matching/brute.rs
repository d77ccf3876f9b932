//! Brute-force oracles for the solvers' property tests: enumerate every
//! solution of a small instance and keep the lexicographic best of
//! (score, people matched, id bonus).

use std::collections::HashMap;

use super::{Edge, Score, weight};

/// (total score, pairs, id bonus): the objective every solver maximises.
pub(crate) type Key = (Score, usize, i128);

/// The objective of a bipartite assignment.
pub(crate) fn assignment_key(edges: &[Edge], mentors: usize, mentor_of: &[Option<usize>]) -> Key {
    let scores: HashMap<(usize, usize), Score> =
        edges.iter().map(|e| ((e.a, e.b), e.score)).collect();
    let mut key = (0, 0, 0);
    for (m, t) in mentor_of.iter().enumerate() {
        if let Some(t) = *t {
            key.0 += scores[&(m, t)];
            key.1 += 1;
            key.2 += weight::pair_bonus(m, t, mentor_of.len(), mentors);
        }
    }
    key
}

/// Every best assignment (mentor of each mentee) and its key.
pub(crate) fn assignments(
    mentees: usize,
    capacity: &[u32],
    edges: &[Edge],
    pins: &[(usize, usize)],
) -> (Key, Vec<Vec<Option<usize>>>) {
    let mut choices: Vec<Vec<Option<usize>>> = vec![vec![None]; mentees];
    for e in edges {
        choices[e.a].push(Some(e.b));
    }
    for &(m, t) in pins {
        choices[m] = vec![Some(t)];
    }
    let mut best: (Option<Key>, Vec<Vec<Option<usize>>>) = (None, Vec::new());
    let mut current = vec![None; mentees];
    let mut load = vec![0u32; capacity.len()];
    walk(0, &choices, capacity, &mut load, &mut current, &mut |a| {
        let key = assignment_key(edges, capacity.len(), a);
        match best.0 {
            Some(k) if k > key => {}
            Some(k) if k == key => best.1.push(a.to_vec()),
            _ => best = (Some(key), vec![a.to_vec()]),
        }
    });
    (best.0.unwrap_or((0, 0, 0)), best.1)
}

fn walk(
    m: usize,
    choices: &[Vec<Option<usize>>],
    capacity: &[u32],
    load: &mut [u32],
    current: &mut Vec<Option<usize>>,
    visit: &mut dyn FnMut(&[Option<usize>]),
) {
    if m == choices.len() {
        visit(current);
        return;
    }
    for &c in &choices[m] {
        if let Some(t) = c {
            if load[t] == capacity[t] {
                continue;
            }
            load[t] += 1;
        }
        current[m] = c;
        walk(m + 1, choices, capacity, load, current, visit);
        if let Some(t) = c {
            load[t] -= 1;
        }
    }
    current[m] = None;
}

/// The best packed weight of a bipartite assignment by a plain min-cost flow
/// (Bellman–Ford successive shortest paths, no potentials, no warm start): an
/// independent check for instances too big to enumerate.
pub(crate) fn assignment_weight_by_flow(mentees: usize, capacity: &[u32], edges: &[Edge]) -> i128 {
    let mentors = capacity.len();
    let packing = weight::Packing::new(mentees, (mentees * mentors) as i128);
    let (s, t, n) = (
        mentees + mentors,
        mentees + mentors + 1,
        mentees + mentors + 2,
    );
    // (to, capacity, cost, reverse index)
    let mut adj: Vec<Vec<(usize, i64, i128, usize)>> = vec![Vec::new(); n];
    let add =
        |adj: &mut Vec<Vec<(usize, i64, i128, usize)>>, u: usize, v: usize, c: i64, w: i128| {
            let (ru, rv) = (adj[v].len(), adj[u].len());
            adj[u].push((v, c, w, ru));
            adj[v].push((u, 0, -w, rv));
        };
    for m in 0..mentees {
        add(&mut adj, s, m, 1, 0);
    }
    for (j, &c) in capacity.iter().enumerate() {
        add(&mut adj, mentees + j, t, i64::from(c), 0);
    }
    for e in edges {
        let w = packing.weight(e.score, weight::pair_bonus(e.a, e.b, mentees, mentors));
        add(&mut adj, e.a, mentees + e.b, 1, -w);
    }
    let mut total = 0i128;
    loop {
        let mut dist = vec![i128::MAX; n];
        let mut pred = vec![(usize::MAX, 0usize); n];
        dist[s] = 0;
        for _ in 0..n {
            let mut changed = false;
            for u in 0..n {
                if dist[u] == i128::MAX {
                    continue;
                }
                for (k, &(v, c, w, _)) in adj[u].iter().enumerate() {
                    if c > 0 && dist[u] + w < dist[v] {
                        dist[v] = dist[u] + w;
                        pred[v] = (u, k);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if dist[t] >= 0 {
            return total;
        }
        total -= dist[t];
        let mut v = t;
        while v != s {
            let (u, k) = pred[v];
            let r = adj[u][k].3;
            adj[u][k].1 -= 1;
            adj[v][r].1 += 1;
            v = u;
        }
    }
}

/// The objective of a pairing of people.
pub(crate) fn pairing_key(edges: &[Edge], partner: &[Option<usize>]) -> Key {
    let n = partner.len();
    let mut key = (0, 0, 0);
    for e in edges {
        if e.a < e.b && partner[e.a] == Some(e.b) {
            key.0 += e.score;
            key.1 += 1;
            key.2 += weight::pair_bonus(e.a, e.b, n, n);
        }
    }
    key
}

/// Every best pairing (partner of each person) and its key; `edges` have
/// `a < b` and pinned pairs must be edges.
pub(crate) fn pairings(
    n: usize,
    edges: &[Edge],
    pins: &[(usize, usize)],
) -> (Key, Vec<Vec<Option<usize>>>) {
    let mut partner = vec![None; n];
    for &(a, b) in pins {
        partner[a] = Some(b);
        partner[b] = Some(a);
    }
    let mut best: (Option<Key>, Vec<Vec<Option<usize>>>) = (None, Vec::new());
    pair_walk(0, edges, &mut partner, &mut |p| {
        let key = pairing_key(edges, p);
        match best.0 {
            Some(k) if k > key => {}
            Some(k) if k == key => best.1.push(p.to_vec()),
            _ => best = (Some(key), vec![p.to_vec()]),
        }
    });
    (best.0.unwrap_or((0, 0, 0)), best.1)
}

fn pair_walk(
    v: usize,
    edges: &[Edge],
    partner: &mut Vec<Option<usize>>,
    visit: &mut dyn FnMut(&[Option<usize>]),
) {
    if v == partner.len() {
        visit(partner);
        return;
    }
    if partner[v].is_some() {
        return pair_walk(v + 1, edges, partner, visit);
    }
    pair_walk(v + 1, edges, partner, visit);
    for e in edges.iter().filter(|e| e.a == v) {
        if partner[e.b].is_some() {
            continue;
        }
        partner[v] = Some(e.b);
        partner[e.b] = Some(v);
        pair_walk(v + 1, edges, partner, visit);
        partner[e.b] = None;
    }
    partner[v] = None;
}

/// The best packed weight of a pairing by dynamic programming over subsets
/// (up to ~20 people): an independent check beyond what enumeration reaches.
pub(crate) fn pairing_weight_by_subsets(n: usize, edges: &[Edge]) -> i128 {
    let packing = weight::Packing::new(n / 2, (n * n) as i128);
    let mut w = vec![vec![None; n]; n];
    for e in edges {
        let (a, b) = (e.a.min(e.b), e.a.max(e.b));
        let x = packing.weight(e.score, weight::pair_bonus(a, b, n, n));
        w[a][b] = Some(x);
        w[b][a] = Some(x);
    }
    let full = (1usize << n) - 1;
    // best[mask]: the best over the people not in `mask`.
    let mut best = vec![0i128; 1 << n];
    for mask in (0..full).rev() {
        let i = (!mask).trailing_zeros() as usize;
        let mut b = best[mask | 1 << i];
        for j in i + 1..n {
            if let (0, Some(x)) = (mask & 1 << j, w[i][j]) {
                b = b.max(x.max(0) + best[mask | 1 << i | 1 << j]);
            }
        }
        best[mask] = b;
    }
    best[0]
}
