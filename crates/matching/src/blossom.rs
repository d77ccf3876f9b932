//! Maximum weight matching on a general graph: Edmonds' blossom algorithm in
//! its primal-dual O(n³) form (Galil, "Efficient algorithms for finding
//! maximum matching in graphs", 1986).
//!
//! Each stage grows alternating trees from every single vertex along tight
//! edges (zero slack), shrinking odd cycles into blossoms, until an augmenting
//! path appears; when no tight edge is left, the duals move by the largest step
//! that keeps them feasible. Weights are doubled on the way in so every dual
//! stays an integer. Vertices are `0..n`; blossoms take ids `n..2n`.
//!
//! An edge end is `2k` (the first vertex of edge `k`) or `2k + 1` (the second);
//! `end ^ 1` is the other end. "Via `p`" below means: the vertex at `p` is the
//! one outside, the vertex at `p ^ 1` the one inside.

use super::weight::Weight;

const NONE: usize = usize::MAX;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Label {
    Free,
    Outer,
    Inner,
}

/// The partner of each vertex in a maximum weight matching of `n` vertices and
/// `edges` (u, v, weight); edges of weight ≤ 0 never help and are ignored.
pub(crate) fn max_weight<W: Weight>(n: usize, edges: &[(usize, usize, W)]) -> Vec<Option<usize>> {
    let edges: Vec<(usize, usize, W)> = edges
        .iter()
        .copied()
        .filter(|e| e.2 > W::ZERO && e.0 != e.1)
        .collect();
    if edges.is_empty() {
        return vec![None; n];
    }
    let mut s = Solver::new(n, &edges);
    s.run();
    (0..n)
        .map(|v| (s.mate[v] != NONE).then(|| s.vertex[s.mate[v]]))
        .collect()
}

struct Solver<W> {
    n: usize,
    /// Vertex at each edge end.
    vertex: Vec<usize>,
    /// Twice each edge's weight.
    weight2: Vec<W>,
    /// Far ends of each vertex's edges.
    neighbours: Vec<Vec<usize>>,
    /// The end at the partner, per vertex.
    mate: Vec<usize>,
    label: Vec<Label>,
    /// Via which end a top-level blossom got its label.
    label_end: Vec<usize>,
    /// A vertex inside an inner blossom reached by a tight edge, and via which end.
    reached: Vec<usize>,
    in_blossom: Vec<usize>,
    parent: Vec<usize>,
    /// Children of a blossom around its cycle, the base's child first.
    children: Vec<Vec<usize>>,
    /// `cycle[b][i]`: the end in `children[i + 1]` of the edge from `children[i]`.
    cycle: Vec<Vec<usize>>,
    base: Vec<usize>,
    /// Vertex duals, then blossom duals (half the textbook z, so steps are ±delta).
    dual: Vec<W>,
    /// Least-slack edge: from a free vertex to an outer one, or between outer blossoms.
    best_edge: Vec<usize>,
    /// An outer blossom's least-slack edge to each neighbouring outer blossom.
    best_edges: Vec<Option<Vec<usize>>>,
    unused: Vec<usize>,
    allowed: Vec<bool>,
    queue: Vec<usize>,
    mark: Vec<bool>,
}

impl<W: Weight> Solver<W> {
    fn new(n: usize, edges: &[(usize, usize, W)]) -> Self {
        let mut vertex = Vec::with_capacity(2 * edges.len());
        let mut neighbours = vec![Vec::new(); n];
        let mut top = W::ZERO;
        for (k, &(u, v, w)) in edges.iter().enumerate() {
            vertex.push(u);
            vertex.push(v);
            neighbours[u].push(2 * k + 1);
            neighbours[v].push(2 * k);
            top = top.max(w);
        }
        let mut dual = vec![top; n];
        dual.extend(vec![W::ZERO; n]);
        Solver {
            n,
            vertex,
            weight2: edges.iter().map(|e| e.2 + e.2).collect(),
            neighbours,
            mate: vec![NONE; n],
            label: vec![Label::Free; 2 * n],
            label_end: vec![NONE; 2 * n],
            reached: vec![NONE; n],
            in_blossom: (0..n).collect(),
            parent: vec![NONE; 2 * n],
            children: vec![Vec::new(); 2 * n],
            cycle: vec![Vec::new(); 2 * n],
            base: (0..n).chain(std::iter::repeat_n(NONE, n)).collect(),
            dual,
            best_edge: vec![NONE; 2 * n],
            best_edges: vec![None; 2 * n],
            unused: (n..2 * n).rev().collect(),
            allowed: vec![false; edges.len()],
            queue: Vec::new(),
            mark: vec![false; 2 * n],
        }
    }

    fn slack(&self, k: usize) -> W {
        self.dual[self.vertex[2 * k]] + self.dual[self.vertex[2 * k + 1]] - self.weight2[k]
    }

    fn leaves(&self, b: usize, out: &mut Vec<usize>) {
        if b < self.n {
            out.push(b);
        } else {
            for &c in &self.children[b] {
                self.leaves(c, out);
            }
        }
    }

    fn leaves_of(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.leaves(b, &mut out);
        out
    }

    fn run(&mut self) {
        for _ in 0..self.n {
            self.label.fill(Label::Free);
            self.best_edge.fill(NONE);
            self.best_edges[self.n..].fill(None);
            self.allowed.fill(false);
            self.reached.fill(NONE);
            self.queue.clear();
            for v in 0..self.n {
                if self.mate[v] == NONE && self.label[self.in_blossom[v]] == Label::Free {
                    self.assign_label(v, Label::Outer, NONE);
                }
            }
            if !self.stage() {
                break;
            }
            for b in self.n..2 * self.n {
                if self.base[b] != NONE
                    && self.parent[b] == NONE
                    && self.label[b] == Label::Outer
                    && self.dual[b] == W::ZERO
                {
                    self.expand(b, true);
                }
            }
        }
    }

    /// Grows the trees until an augmentation (true) or the optimum (false).
    fn stage(&mut self) -> bool {
        loop {
            while let Some(v) = self.queue.pop() {
                if self.scan(v) {
                    return true;
                }
            }
            if !self.step_duals() {
                return false;
            }
        }
    }

    /// Looks at every edge of outer vertex `v`; true when it augmented.
    fn scan(&mut self, v: usize) -> bool {
        for i in 0..self.neighbours[v].len() {
            let p = self.neighbours[v][i];
            let k = p / 2;
            let w = self.vertex[p];
            let (bv, bw) = (self.in_blossom[v], self.in_blossom[w]);
            if bv == bw {
                continue;
            }
            let mut slack = W::ZERO;
            if !self.allowed[k] {
                slack = self.slack(k);
                self.allowed[k] = slack <= W::ZERO;
            }
            if self.allowed[k] {
                match self.label[bw] {
                    Label::Free => self.assign_label(w, Label::Inner, p ^ 1),
                    Label::Outer => {
                        let base = self.common_base(v, w);
                        if base == NONE {
                            self.augment(k);
                            return true;
                        }
                        self.add_blossom(base, k);
                    }
                    Label::Inner => {
                        if self.reached[w] == NONE {
                            self.reached[w] = p ^ 1;
                        }
                    }
                }
            } else if self.label[bw] == Label::Outer {
                if self.best_edge[bv] == NONE || slack < self.slack(self.best_edge[bv]) {
                    self.best_edge[bv] = k;
                }
            } else if (self.label[bw] == Label::Free || self.reached[w] == NONE)
                && (self.best_edge[w] == NONE || slack < self.slack(self.best_edge[w]))
            {
                self.best_edge[w] = k;
            }
        }
        false
    }

    fn assign_label(&mut self, w: usize, label: Label, p: usize) {
        let b = self.in_blossom[w];
        self.label[b] = label;
        self.label_end[b] = p;
        self.best_edge[b] = NONE;
        if label == Label::Outer {
            let mut leaves = Vec::new();
            self.leaves(b, &mut leaves);
            self.queue.extend(leaves);
        } else {
            let m = self.mate[self.base[b]];
            self.assign_label(self.vertex[m], Label::Outer, m ^ 1);
        }
    }

    /// Walks up both trees from `v` and `w`: the base of the blossom their edge
    /// closes, or `NONE` when the trees differ (an augmenting path).
    fn common_base(&mut self, v: usize, w: usize) -> usize {
        let mut path = Vec::new();
        let mut found = NONE;
        let (mut v, mut w) = (v, w);
        while v != NONE {
            let b = self.in_blossom[v];
            if self.mark[b] {
                found = self.base[b];
                break;
            }
            self.mark[b] = true;
            path.push(b);
            v = if self.label_end[b] == NONE {
                NONE
            } else {
                let t = self.in_blossom[self.vertex[self.label_end[b]]];
                self.vertex[self.label_end[t]]
            };
            if w != NONE {
                std::mem::swap(&mut v, &mut w);
            }
        }
        for b in path {
            self.mark[b] = false;
        }
        found
    }
}

mod ops;

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Best total weight by dynamic programming over subsets.
    fn best_by_subsets(n: usize, edges: &[(usize, usize, i64)]) -> i64 {
        let mut w = vec![vec![0i64; n]; n];
        for &(a, b, x) in edges {
            w[a][b] = w[a][b].max(x);
            w[b][a] = w[a][b];
        }
        let full = (1usize << n) - 1;
        let mut best = vec![0i64; 1 << n];
        for mask in (0..full).rev() {
            let i = (!mask).trailing_zeros() as usize;
            let mut b = best[mask | 1 << i];
            for j in i + 1..n {
                if mask & 1 << j == 0 && w[i][j] > 0 {
                    b = b.max(w[i][j] + best[mask | 1 << i | 1 << j]);
                }
            }
            best[mask] = b;
        }
        best[0]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1500))]
        /// Raw weights with heavy ties stress the degenerate steps (zero-length
        /// dual moves, blossoms expanding and re-forming).
        #[test]
        fn optimal_on_tied_weights(
            (n, cells) in (2usize..=14).prop_flat_map(|n| {
                (Just(n), prop::collection::vec(prop::option::weighted(0.5, 1i64..4), n * n))
            })
        ) {
            let edges: Vec<(usize, usize, i64)> = (0..n * n)
                .filter(|i| i / n < i % n)
                .filter_map(|i| cells[i].map(|x| (i / n, i % n, x)))
                .collect();
            let mate = max_weight(n, &edges);
            let mut total = 0;
            for &(a, b, x) in &edges {
                if mate[a] == Some(b) {
                    prop_assert_eq!(mate[b], Some(a));
                    total += x;
                }
            }
            for (v, m) in mate.iter().enumerate() {
                if let Some(m) = *m {
                    prop_assert_eq!(mate[m], Some(v));
                }
            }
            prop_assert_eq!(total, best_by_subsets(n, &edges));
        }
    }
}
