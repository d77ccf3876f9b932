//! The exact engine behind one-to-one, reverse and group matching: a maximum
//! weight b-matching on a bipartite graph by successive shortest paths.
//!
//! Left nodes have a supply, right nodes a capacity, edges carry one unit. Every
//! left unit is routed either along an edge or to "none" (left unmatched, weight
//! 0), so the problem is a transportation problem and units can be routed one
//! at a time, in any order, each along a shortest path under node potentials
//! (Dijkstra on reduced costs, stopping as soon as the nearest way out is
//! settled). A greedy pass that keeps the potentials feasible routes most units
//! before the first search. Callers put the scarcer side on the left: each
//! search then ends at one of the many free right nodes after a few steps.
//!
//! Potentials (`pot`): left nodes stay ≥ 0 (and 0 once a unit went to none),
//! right nodes ≤ 0 (and 0 while not full). Every residual arc keeps a
//! non-negative reduced cost, which certifies optimality at the end.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::weight::Weight;

const NONE: u32 = u32::MAX;

/// The shortest way out of a search so far: its length, and the node it
/// leaves from (a free right node, or a left node sending its unit to none).
struct Exit<W> {
    length: W,
    at: u32,
}

/// A bipartite graph in compressed rows: edges sorted by left node.
#[derive(Clone, Debug)]
pub(crate) struct Graph<W> {
    supply: Vec<u32>,
    capacity: Vec<u32>,
    start: Vec<usize>,
    /// Left node of each edge.
    tail: Vec<u32>,
    /// Weight and right node of each edge: each row starts with its heaviest
    /// edges in order (`sorted` of them), and every later edge of the row is
    /// no heavier than those.
    arcs: Vec<(W, u32)>,
    sorted: Vec<u32>,
}

/// How many of a row's heaviest edges are kept in order; searches rarely
/// look further, and selecting them is linear where sorting the row is not.
/// Tests keep only 2, so that the small instances of the property tests
/// exercise the unordered rest of a row too.
const SORTED_HEAD: usize = if cfg!(test) { 2 } else { 48 };

impl<W: Weight> Graph<W> {
    /// `edges` are (left, right, weight) with indices in range; pairs should be
    /// unique (a parallel edge is harmless: at most one of them is chosen).
    /// The iterator is walked twice (count, then place). Each node's heaviest
    /// edges come first and in order, which lets a search stop scanning a node
    /// at the first edge that cannot beat the best path found.
    pub(crate) fn new(
        supply: Vec<u32>,
        capacity: Vec<u32>,
        edges: impl Iterator<Item = (u32, u32, W)> + Clone,
    ) -> Self {
        let mut start = vec![0usize; supply.len() + 1];
        for (l, _, _) in edges.clone() {
            start[l as usize + 1] += 1;
        }
        for i in 0..supply.len() {
            start[i + 1] += start[i];
        }
        let m = start[supply.len()];
        let mut next = start.clone();
        let mut arcs = vec![(W::ZERO, 0u32); m];
        for (l, r, w) in edges {
            let slot = &mut next[l as usize];
            arcs[*slot] = (w, r);
            *slot += 1;
        }
        let mut tail = vec![0u32; m];
        let mut sorted = vec![0u32; supply.len()];
        for x in 0..supply.len() {
            tail[start[x]..start[x + 1]].fill(x as u32);
            let row = &mut arcs[start[x]..start[x + 1]];
            let heaviest_first = |p: &(W, u32), q: &(W, u32)| q.cmp(p);
            if row.len() > SORTED_HEAD {
                row.select_nth_unstable_by(SORTED_HEAD, heaviest_first);
            }
            let head = row.len().min(SORTED_HEAD);
            row[..head].sort_unstable_by(heaviest_first);
            sorted[x] = head as u32;
        }
        Graph {
            supply,
            capacity,
            start,
            tail,
            arcs,
            sorted,
        }
    }

    pub(crate) fn left(&self) -> usize {
        self.supply.len()
    }

    pub(crate) fn right(&self) -> usize {
        self.capacity.len()
    }

    /// (left, right) of edge `e` as returned in [`Solution::chosen`].
    pub(crate) fn ends(&self, e: u32) -> (u32, u32) {
        (self.tail[e as usize], self.arcs[e as usize].1)
    }
}

/// The edges of a maximum weight set with at most `supply` edges at each left node
/// and `capacity` at each right node.
pub(crate) fn max_weight<W: Weight>(g: &Graph<W>) -> Vec<u32> {
    let mut s = State::new(g);
    s.greedy();
    for x in 0..g.left() {
        while s.routed[x] < g.supply[x] {
            s.route_one(x as u32);
        }
    }
    (0..g.tail.len() as u32)
        .filter(|&e| s.flow[e as usize])
        .collect()
}

struct State<'g, W> {
    g: &'g Graph<W>,
    flow: Vec<bool>,
    pot: Vec<W>,
    /// Units of each left node routed so far (along edges or to none).
    routed: Vec<u32>,
    /// Edges with flow at each right node.
    held: Vec<Vec<u32>>,
    dist: Vec<W>,
    pred: Vec<u32>,
    done: Vec<bool>,
    touched: Vec<u32>,
    settled: Vec<u32>,
    heap: BinaryHeap<Reverse<(W, u32)>>,
}

impl<'g, W: Weight> State<'g, W> {
    fn new(g: &'g Graph<W>) -> Self {
        let n = g.left() + g.right();
        State {
            g,
            flow: vec![false; g.tail.len()],
            pot: vec![W::ZERO; n],
            routed: vec![0; g.left()],
            held: vec![Vec::new(); g.right()],
            dist: vec![W::MAX; n],
            pred: vec![NONE; n],
            done: vec![false; n],
            touched: Vec::new(),
            settled: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn full(&self, j: usize) -> bool {
        self.held[j].len() as u32 >= self.g.capacity[j]
    }

    /// Each left node in turn takes its best edges while they lead to right
    /// nodes with room, stopping at the first that does not; its potential is
    /// then the value of the best edge it did not take, which keeps every
    /// reduced cost non-negative.
    fn greedy(&mut self) {
        let g = self.g;
        let nl = g.left();
        let mut cands: Vec<(W, u32)> = Vec::new();
        for x in 0..nl {
            cands.clear();
            cands.extend((g.start[x]..g.start[x + 1]).map(|e| {
                let j = g.arcs[e].1 as usize;
                (g.arcs[e].0 + self.pot[nl + j], e as u32)
            }));
            let want = (g.supply[x] as usize + 1).min(cands.len());
            let better = |p: &(W, u32), q: &(W, u32)| q.0.cmp(&p.0).then(p.1.cmp(&q.1));
            if want > 0 && want < cands.len() {
                cands.select_nth_unstable_by(want - 1, better);
            }
            cands.truncate(want);
            cands.sort_unstable_by(better);
            let mut next = W::ZERO;
            for &(value, e) in &cands {
                let j = g.arcs[e as usize].1 as usize;
                if value <= W::ZERO || self.routed[x] == g.supply[x] || self.full(j) {
                    next = next.max(value);
                    break;
                }
                self.flow[e as usize] = true;
                self.held[j].push(e);
                self.routed[x] += 1;
            }
            self.pot[x] = next;
            for &(_, e) in &cands {
                let j = g.arcs[e as usize].1 as usize;
                if self.flow[e as usize] && self.full(j) {
                    self.lower_right(j);
                }
            }
        }
    }

    /// A right node that just became full takes the lowest potential its held
    /// edges allow, which leaves later left nodes the most room.
    fn lower_right(&mut self, j: usize) {
        let g = self.g;
        let nl = g.left();
        // Each held edge (x, j) needs pot[j] ≥ pot[x] − w(x, j).
        let mut p: Option<W> = None;
        for &e in &self.held[j] {
            let x = g.tail[e as usize] as usize;
            let need = self.pot[x] - g.arcs[e as usize].0;
            p = Some(p.map_or(need, |q| q.max(need)));
        }
        let p = p.unwrap_or(W::ZERO);
        self.pot[nl + j] = p.min(W::ZERO);
    }

    fn reach(&mut self, v: u32, d: W, e: u32) {
        let v = v as usize;
        if self.dist[v] == W::MAX {
            self.touched.push(v as u32);
        }
        self.dist[v] = d;
        self.pred[v] = e;
        self.heap.push(Reverse((d, v as u32)));
    }

    /// Routes one unit of left node `x0` along a shortest path to a free right
    /// node or to none, and updates the potentials of the settled nodes.
    fn route_one(&mut self, x0: u32) {
        let nl = self.g.left() as u32;
        self.reach(x0, W::ZERO, NONE);
        // The shortest way out found so far, and where it leaves.
        let mut exit = Exit {
            length: self.pot[x0 as usize],
            at: x0,
        };
        while let Some(Reverse((d, v))) = self.heap.pop() {
            let vu = v as usize;
            if self.done[vu] || d > self.dist[vu] {
                continue;
            }
            if d >= exit.length {
                break;
            }
            self.done[vu] = true;
            self.settled.push(v);
            if v < nl {
                self.scan_left(v, d, &mut exit);
            } else {
                self.scan_right(v, d, &mut exit);
            }
        }
        for &v in &self.settled {
            let vu = v as usize;
            self.pot[vu] = self.pot[vu] + self.dist[vu] - exit.length;
        }
        self.augment(x0, exit.at);
        for &v in &self.touched {
            let vu = v as usize;
            self.dist[vu] = W::MAX;
            self.pred[vu] = NONE;
            self.done[vu] = false;
        }
        self.touched.clear();
        self.settled.clear();
        self.heap.clear();
    }

    /// Relaxes the unused edges of left node `v` (settled at distance `d`).
    fn scan_left(&mut self, v: u32, d: W, exit: &mut Exit<W>) {
        let g = self.g;
        let (nl, vu) = (g.left() as u32, v as usize);
        let pv = self.pot[vu];
        let sorted = g.start[vu] + g.sorted[vu] as usize;
        for e in g.start[vu]..g.start[vu + 1] {
            let (w, j) = g.arcs[e];
            // Right potentials are ≤ 0, so `d + pv − w` bounds this edge's
            // distance from below. In the sorted head of the row every later
            // edge is lighter, so the scan can stop there.
            if d + pv - w >= exit.length {
                if e < sorted {
                    break;
                }
                continue;
            }
            let (node, nu) = (nl + j, (nl + j) as usize);
            if self.flow[e] || self.done[nu] {
                continue;
            }
            let nd = d + pv - w - self.pot[nu];
            if nd < self.dist[nu] {
                self.reach(node, nd, e as u32);
                if nd < exit.length && !self.full(j as usize) {
                    *exit = Exit {
                        length: nd,
                        at: node,
                    };
                }
            }
        }
    }

    /// Relaxes the edges back from right node `v` (settled at distance `d`)
    /// to the left nodes it holds; each of those may leave to none.
    fn scan_right(&mut self, v: u32, d: W, exit: &mut Exit<W>) {
        let g = self.g;
        let j = v as usize - g.left();
        let pv = self.pot[v as usize];
        for k in 0..self.held[j].len() {
            let e = self.held[j][k];
            let x = g.tail[e as usize];
            let xu = x as usize;
            if self.done[xu] {
                continue;
            }
            let nd = d + g.arcs[e as usize].0 + pv - self.pot[xu];
            if nd < self.dist[xu] {
                self.reach(x, nd, e);
                let out = nd + self.pot[xu];
                if out < exit.length {
                    *exit = Exit { length: out, at: x };
                }
            }
        }
    }

    /// Flips the edges on the path found from `x0` to `end`.
    fn augment(&mut self, x0: u32, end: u32) {
        let g = self.g;
        let nl = g.left() as u32;
        let mut v = end;
        while v != x0 {
            let e = self.pred[v as usize];
            let eu = e as usize;
            if v >= nl {
                self.flow[eu] = true;
                self.held[(v - nl) as usize].push(e);
                v = g.tail[eu];
            } else {
                self.flow[eu] = false;
                let j = g.arcs[eu].1 as usize;
                self.held[j].retain(|&h| h != e);
                v = nl + g.arcs[eu].1;
            }
        }
        self.routed[x0 as usize] += 1;
    }
}
