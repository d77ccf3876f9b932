//! The blossom algorithm's structural steps: moving the duals, shrinking an
//! odd cycle into a blossom, expanding one, and augmenting through blossoms.

use super::{Label, NONE, Solver};
use crate::weight::Weight;

/// Which bound stopped the dual step.
enum Step {
    /// An outer vertex's dual reached 0: the matching is optimal.
    Done,
    /// A free vertex's edge to an outer vertex became tight.
    FreeEdge(usize),
    /// An edge between two outer blossoms became tight.
    OuterEdge(usize),
    /// An inner blossom's dual reached 0: expand it.
    Expand(usize),
}

impl<W: Weight> Solver<W> {
    fn top(&self, b: usize) -> bool {
        self.parent[b] == NONE && (b < self.n || self.base[b] != NONE)
    }

    /// Moves the duals by the largest step that keeps them feasible; false when
    /// the matching is optimal.
    pub(super) fn step_duals(&mut self) -> bool {
        let Some((delta, step)) = self.largest_step() else {
            return false;
        };
        let n = self.n;
        for v in 0..n {
            match self.label[self.in_blossom[v]] {
                Label::Outer => self.dual[v] = self.dual[v] - delta,
                Label::Inner => self.dual[v] = self.dual[v] + delta,
                Label::Free => {}
            }
        }
        for b in n..2 * n {
            if self.top(b) {
                match self.label[b] {
                    Label::Outer => self.dual[b] = self.dual[b] + delta,
                    Label::Inner => self.dual[b] = self.dual[b] - delta,
                    Label::Free => {}
                }
            }
        }
        match step {
            Step::Done => return false,
            Step::FreeEdge(v) => {
                let k = self.best_edge[v];
                self.allowed[k] = true;
                let mut i = self.vertex[2 * k];
                if self.label[self.in_blossom[i]] == Label::Free {
                    i = self.vertex[2 * k + 1];
                }
                self.queue.push(i);
            }
            Step::OuterEdge(b) => {
                let k = self.best_edge[b];
                self.allowed[k] = true;
                self.queue.push(self.vertex[2 * k]);
            }
            Step::Expand(b) => self.expand(b, false),
        }
        true
    }

    /// The largest dual step and what stops it (the first found among equals).
    fn largest_step(&self) -> Option<(W, Step)> {
        let n = self.n;
        let mut best: Option<(W, Step)> = None;
        let mut offer = |d: W, s: Step| {
            if best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, s));
            }
        };
        for v in 0..n {
            match self.label[self.in_blossom[v]] {
                Label::Outer => offer(self.dual[v], Step::Done),
                Label::Free if self.best_edge[v] != NONE => {
                    offer(self.slack(self.best_edge[v]), Step::FreeEdge(v));
                }
                _ => {}
            }
        }
        for b in 0..2 * n {
            if self.top(b) && self.label[b] == Label::Outer && self.best_edge[b] != NONE {
                offer(self.slack(self.best_edge[b]).half(), Step::OuterEdge(b));
            }
        }
        for b in n..2 * n {
            if self.top(b) && self.label[b] == Label::Inner {
                offer(self.dual[b], Step::Expand(b));
            }
        }
        best
    }

    /// Shrinks the odd cycle closed by edge `k` between two outer blossoms
    /// whose trees meet at `base` into a new outer blossom.
    pub(super) fn add_blossom(&mut self, base: usize, k: usize) {
        let Some(b) = self.unused.pop() else { return };
        let bb = self.in_blossom[base];
        let mut bv = self.in_blossom[self.vertex[2 * k]];
        let mut bw = self.in_blossom[self.vertex[2 * k + 1]];
        self.base[b] = base;
        self.parent[b] = NONE;
        self.parent[bb] = b;
        let (mut kids, mut ends) = (Vec::new(), Vec::new());
        while bv != bb {
            self.parent[bv] = b;
            kids.push(bv);
            ends.push(self.label_end[bv] ^ 1);
            bv = self.in_blossom[self.vertex[self.label_end[bv]]];
        }
        kids.push(bb);
        kids.reverse();
        ends.reverse();
        ends.push(2 * k + 1);
        while bw != bb {
            self.parent[bw] = b;
            kids.push(bw);
            ends.push(self.label_end[bw]);
            bw = self.in_blossom[self.vertex[self.label_end[bw]]];
        }
        self.label[b] = Label::Outer;
        self.label_end[b] = self.label_end[bb];
        self.dual[b] = W::ZERO;
        self.children[b] = kids;
        self.cycle[b] = ends;
        for v in self.leaves_of(b) {
            if self.label[self.in_blossom[v]] == Label::Inner {
                // An inner vertex inside an outer blossom is outer now: scan it.
                self.queue.push(v);
            }
            self.in_blossom[v] = b;
        }
        self.gather_best_edges(b);
    }

    /// The new outer blossom's least-slack edge to each other outer blossom,
    /// from its children's lists (or their vertices' edges).
    fn gather_best_edges(&mut self, b: usize) {
        let mut best_to = vec![NONE; 2 * self.n];
        for c in self.children[b].clone() {
            let edges: Vec<usize> = match self.best_edges[c].take() {
                Some(list) => list,
                None => self
                    .leaves_of(c)
                    .iter()
                    .flat_map(|&v| self.neighbours[v].iter().map(|p| p / 2))
                    .collect(),
            };
            for k in edges {
                let (i, j) = (self.vertex[2 * k], self.vertex[2 * k + 1]);
                let j = if self.in_blossom[j] == b { i } else { j };
                let bj = self.in_blossom[j];
                if bj != b
                    && self.label[bj] == Label::Outer
                    && (best_to[bj] == NONE || self.slack(k) < self.slack(best_to[bj]))
                {
                    best_to[bj] = k;
                }
            }
            self.best_edge[c] = NONE;
        }
        let list: Vec<usize> = best_to.into_iter().filter(|&k| k != NONE).collect();
        let mut best = NONE;
        for &k in &list {
            if best == NONE || self.slack(k) < self.slack(best) {
                best = k;
            }
        }
        self.best_edge[b] = best;
        self.best_edges[b] = Some(list);
    }

    /// Dissolves blossom `b` into its children; mid-stage (an inner blossom whose
    /// dual reached 0) the children on the even side of the cycle stay in the
    /// tree, and at the end of a stage children with dual 0 expand too.
    pub(super) fn expand(&mut self, b: usize, end_of_stage: bool) {
        let kids = std::mem::take(&mut self.children[b]);
        let ends = std::mem::take(&mut self.cycle[b]);
        for &c in &kids {
            self.parent[c] = NONE;
            if c < self.n {
                self.in_blossom[c] = c;
            } else if end_of_stage && self.dual[c] == W::ZERO {
                self.expand(c, true);
            } else {
                for v in self.leaves_of(c) {
                    self.in_blossom[v] = c;
                }
            }
        }
        if !end_of_stage && self.label[b] == Label::Inner {
            self.relabel_children(b, &kids, &ends);
        }
        self.label[b] = Label::Free;
        self.label_end[b] = NONE;
        self.base[b] = NONE;
        self.best_edge[b] = NONE;
        self.best_edges[b] = None;
        self.dual[b] = W::ZERO;
        self.unused.push(b);
    }

    /// After an inner blossom opens: the children from where the tree entered
    /// it to its base alternate inner/outer; the rest are free unless an outer
    /// vertex already reaches one of their vertices by a tight edge.
    fn relabel_children(&mut self, b: usize, kids: &[usize], ends: &[usize]) {
        let len = kids.len();
        let entry = self.in_blossom[self.vertex[self.label_end[b] ^ 1]];
        let Some(mut j) = kids.iter().position(|&c| c == entry) else {
            return;
        };
        let forward = j % 2 == 1;
        let next = |j: usize| {
            if forward {
                (j + 1) % len
            } else {
                (j + len - 1) % len
            }
        };
        // The end in the next child of the cycle edge leaving child `j`.
        let towards_next = |j: usize| {
            if forward {
                ends[j]
            } else {
                ends[(j + len - 1) % len] ^ 1
            }
        };
        let mut p = self.label_end[b];
        while j != 0 {
            self.assign_label(self.vertex[p ^ 1], Label::Inner, p);
            self.allowed[towards_next(j) / 2] = true;
            j = next(j);
            let q = towards_next(j);
            self.allowed[q / 2] = true;
            p = q ^ 1;
            j = next(j);
        }
        // The base child keeps its mate (already outer): label it alone.
        let c0 = kids[0];
        self.label[c0] = Label::Inner;
        self.label_end[c0] = p;
        self.best_edge[c0] = NONE;
        j = next(0);
        while kids[j] != entry {
            let c = kids[j];
            if self.label[c] != Label::Outer {
                let leaves = self.leaves_of(c);
                if let Some(&v) = leaves.iter().find(|&&v| self.reached[v] != NONE) {
                    self.assign_label(v, Label::Inner, self.reached[v]);
                }
            }
            j = next(j);
        }
    }

    /// Flips the matching along the augmenting path through edge `k`.
    pub(super) fn augment(&mut self, k: usize) {
        for (s0, p0) in [
            (self.vertex[2 * k], 2 * k + 1),
            (self.vertex[2 * k + 1], 2 * k),
        ] {
            let (mut s, mut p) = (s0, p0);
            loop {
                let bs = self.in_blossom[s];
                if bs >= self.n {
                    self.augment_blossom(bs, s);
                }
                self.mate[s] = p;
                if self.label_end[bs] == NONE {
                    break;
                }
                let bt = self.in_blossom[self.vertex[self.label_end[bs]]];
                let e = self.label_end[bt];
                s = self.vertex[e];
                let j = self.vertex[e ^ 1];
                if bt >= self.n {
                    self.augment_blossom(bt, j);
                }
                self.mate[j] = e;
                p = e ^ 1;
            }
        }
    }

    /// Rematches blossom `b` so that vertex `v` becomes its base.
    fn augment_blossom(&mut self, b: usize, v: usize) {
        let mut t = v;
        while self.parent[t] != b {
            t = self.parent[t];
        }
        if t >= self.n {
            self.augment_blossom(t, v);
        }
        let len = self.children[b].len();
        let Some(i) = self.children[b].iter().position(|&c| c == t) else {
            return;
        };
        let forward = i % 2 == 1;
        let next = |j: usize| {
            if forward {
                (j + 1) % len
            } else {
                (j + len - 1) % len
            }
        };
        let mut j = i;
        while j != 0 {
            j = next(j);
            let q = if forward {
                self.cycle[b][j]
            } else {
                self.cycle[b][j - 1] ^ 1
            };
            let (x, y) = (self.vertex[q ^ 1], self.vertex[q]);
            let cx = self.children[b][j];
            j = next(j);
            let cy = self.children[b][j];
            if cx >= self.n {
                self.augment_blossom(cx, x);
            }
            if cy >= self.n {
                self.augment_blossom(cy, y);
            }
            self.mate[x] = q;
            self.mate[y] = q ^ 1;
        }
        self.children[b].rotate_left(i);
        self.cycle[b].rotate_left(i);
        self.base[b] = v;
    }
}
