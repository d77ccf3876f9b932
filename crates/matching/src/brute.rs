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

/// The best key of a mentor-led grouping: every choice of one slot per mentor
/// (within its own slots), each solved by enumeration.
pub(crate) fn grouping_key(p: &super::group::Problem) -> Option<Key> {
    let mentors = p.capacity.len();
    let choices: Vec<Vec<u64>> = (0..mentors)
        .map(|t| {
            let s: Vec<u64> = (0..64)
                .filter(|s| p.mentor_slots[t] >> s & 1 == 1)
                .map(|s| 1u64 << s)
                .collect();
            if s.is_empty() { vec![0] } else { s }
        })
        .collect();
    let mut best: Option<Key> = None;
    let mut pick = vec![0usize; mentors];
    loop {
        let slot: Vec<u64> = (0..mentors).map(|t| choices[t][pick[t]]).collect();
        let edges: Vec<Edge> = p
            .edges
            .iter()
            .copied()
            .filter(|e| p.mentee_slots[e.a] & slot[e.b] != 0)
            .collect();
        let pins_ok = p
            .pins
            .iter()
            .all(|&(m, t)| edges.iter().any(|e| (e.a, e.b) == (m, t)));
        if pins_ok {
            let (key, all) = assignments(p.mentee_slots.len(), &p.capacity, &edges, &p.pins);
            if !all.is_empty() && best.is_none_or(|b| key > b) {
                best = Some(key);
            }
        }
        let mut t = 0;
        while t < mentors && pick[t] + 1 == choices[t].len() {
            pick[t] = 0;
            t += 1;
        }
        if t == mentors {
            return best;
        }
        pick[t] += 1;
    }
}

/// The best (score, people in circles) of peer circles by enumeration.
pub(crate) fn circles_key(p: &super::circles::Problem) -> (Score, usize) {
    let n = p.slots.len();
    let g = p.group_size.max(2);
    let score: HashMap<(usize, usize), Score> = p
        .edges
        .iter()
        .filter(|e| p.slots[e.a] & p.slots[e.b] != 0)
        .flat_map(|e| [((e.a, e.b), e.score), ((e.b, e.a), e.score)])
        .collect();
    let mut circles: Vec<Vec<usize>> = Vec::new();
    let mut best = (0, 0);
    circle_walk(0, n, g, p, &score, &mut circles, &mut best);
    best
}

fn circle_walk(
    v: usize,
    n: usize,
    g: usize,
    p: &super::circles::Problem,
    score: &HashMap<(usize, usize), Score>,
    circles: &mut Vec<Vec<usize>>,
    best: &mut (Score, usize),
) {
    if v == n {
        let together =
            |a: usize, b: usize| circles.iter().any(|c| c.contains(&a) && c.contains(&b));
        if p.pins.iter().any(|&(a, b)| !together(a, b)) {
            return;
        }
        let mut key = (0, 0);
        for c in circles.iter().filter(|c| c.len() >= 2) {
            key.1 += c.len();
            for (i, &a) in c.iter().enumerate() {
                for &b in &c[i + 1..] {
                    key.0 += score[&(a, b)];
                }
            }
        }
        *best = (*best).max(key);
        return;
    }
    for i in 0..circles.len() {
        let fits = circles[i].len() < g
            && circles[i].iter().all(|&u| score.contains_key(&(u, v)))
            && circles[i].iter().fold(p.slots[v], |m, &u| m & p.slots[u]) != 0;
        if fits {
            circles[i].push(v);
            circle_walk(v + 1, n, g, p, score, circles, best);
            circles[i].pop();
        }
    }
    circles.push(vec![v]);
    circle_walk(v + 1, n, g, p, score, circles, best);
    circles.pop();
}
