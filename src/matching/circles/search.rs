//! The heuristic side of peer circles: a greedy merge by best gain, local
//! search by moving or swapping single people, and the final tally.

use super::*;

impl Setup {
    /// Merges circles two at a time, the pair that adds the most value first,
    /// while a merge still adds value and fits (size, shared slot, every pair
    /// allowed).
    pub(super) fn greedy(&self) -> Vec<Cluster> {
        let mut m = Merger::new(self);
        for c in 0..m.cl.len() {
            let mut near: Vec<(usize, (Score, usize))> =
                m.nb[c].iter().map(|(&d, &x)| (d, x)).collect();
            near.sort_unstable();
            for (d, x) in near.into_iter().filter(|&(d, _)| c < d) {
                m.offer(c, d, x);
            }
        }
        while let Some((_, _, c, d, vc, vd)) = m.heap.pop() {
            if m.alive[c] && m.alive[d] && m.version[c] == vc && m.version[d] == vd {
                m.merge(c, d);
            }
        }
        m.cl.into_iter()
            .zip(m.alive)
            .filter(|(_, a)| *a)
            .map(|(c, _)| c)
            .collect()
    }

    /// What merging `c` and `d` adds, when they may merge and it adds anything.
    fn merge_gain(&self, c: &Cluster, d: &Cluster, (cross, pairs): (Score, usize)) -> Option<i128> {
        let (a, b) = (c.members.len(), d.members.len());
        if a + b > self.g || pairs != a * b || c.mask & d.mask == 0 {
            return None;
        }
        let after = self.value_of(c.score + d.score + cross, a + b);
        let gain = after - self.value_of(c.score, a) - self.value_of(d.score, b);
        (gain > 0).then_some(gain)
    }

    /// Local search (move one person, swap two) from `clusters`, then kicks:
    /// a few people moved at random (seeded) and the search run again, keeping
    /// the result when it is no worse, until the work budget runs out or many
    /// kicks in a row found nothing better.
    pub(super) fn local_search(&self, clusters: Vec<Cluster>) -> Vec<Cluster> {
        let movable: Vec<bool> = {
            let mut m = vec![false; self.n];
            for a in self.atoms.iter().filter(|a| a.len() == 1) {
                m[a[0]] = true;
            }
            m
        };
        let people: Vec<usize> = (0..self.n).filter(|&v| movable[v]).collect();
        let mut cur = clusters;
        // Room for everyone to stand alone after a kick.
        cur.extend((0..self.n).map(|_| Cluster {
            members: Vec::new(),
            mask: u64::MAX,
            score: 0,
        }));
        let mut steps = 0u64;
        self.descend(&mut cur, &movable, &mut steps);
        let mut best = cur.clone();
        let (mut best_value, mut cur_value) = (self.value_all(&best), self.value_all(&cur));
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut idle = 0;
        while steps < LOCAL_STEPS && idle < KICKS_IDLE && !people.is_empty() {
            let mut next = cur.clone();
            for _ in 0..KICK_SIZE {
                let v = people[(xorshift(&mut rng) % people.len() as u64) as usize];
                self.kick(v, &mut next, &mut rng);
            }
            self.descend(&mut next, &movable, &mut steps);
            let value = self.value_all(&next);
            if value >= cur_value {
                cur = next;
                cur_value = value;
            }
            if cur_value > best_value {
                best = cur.clone();
                best_value = cur_value;
                idle = 0;
            } else {
                idle += 1;
            }
        }
        best.retain(|c| !c.members.is_empty());
        best
    }

    fn value_all(&self, cl: &[Cluster]) -> i128 {
        cl.iter()
            .map(|c| self.value_of(c.score, c.members.len()))
            .sum()
    }

    /// Moves `v` to a random circle it may join, or alone.
    fn kick(&self, v: usize, cl: &mut [Cluster], rng: &mut u64) {
        let of = |cl: &[Cluster]| cl.iter().position(|c| c.members.contains(&v)).unwrap_or(0);
        let a = of(cl);
        let open: Vec<usize> = (0..cl.len())
            .filter(|&b| b != a)
            .filter(|&b| {
                let c = &cl[b];
                c.members.len() < self.g
                    && c.mask & self.slots[v] != 0
                    && (c.members.is_empty() || self.gain(v, &c.members).is_some())
            })
            .collect();
        let Some(&to) = open.get((xorshift(rng) % open.len().max(1) as u64) as usize) else {
            return;
        };
        let loss = self.gain(v, &cl[a].members).unwrap_or(0);
        let gain = self.gain(v, &cl[to].members).unwrap_or(0);
        let mut of_all = vec![0usize; self.n];
        for (i, c) in cl.iter().enumerate() {
            for &u in &c.members {
                of_all[u] = i;
            }
        }
        self.apply(Change::Move { v, to, gain, loss }, cl, &mut of_all);
    }

    /// First-improvement descent: each person in turn takes its best move.
    fn descend(&self, cl: &mut [Cluster], movable: &[bool], steps: &mut u64) {
        let mut of = vec![0usize; self.n];
        for (i, c) in cl.iter().enumerate() {
            for &v in &c.members {
                of[v] = i;
            }
        }
        let mut improved = true;
        while improved && *steps < LOCAL_STEPS {
            improved = false;
            for v in (0..self.n).filter(|&v| movable[v]) {
                if let Some(change) = self.best_change(v, cl, &of, movable, steps) {
                    self.apply(change, cl, &mut of);
                    improved = true;
                }
            }
        }
    }

    /// The best improving move of `v` (to another circle, or a swap with
    /// someone there), if any.
    fn best_change(
        &self,
        v: usize,
        cl: &[Cluster],
        of: &[usize],
        movable: &[bool],
        steps: &mut u64,
    ) -> Option<Change> {
        let a = of[v];
        let own = self.gain(v, &cl[a].members).unwrap_or(0);
        let size_a = cl[a].members.len();
        let base_a = self.value_of(cl[a].score, size_a);
        let mut cands: Vec<usize> = self.adj[v]
            .iter()
            .map(|x| of[x.0])
            .filter(|&b| b != a)
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(i128, Change)> = None;
        let mut consider = |delta: i128, ch: Change| {
            if delta > 0 && best.as_ref().is_none_or(|b| delta > b.0) {
                best = Some((delta, ch));
            }
        };
        for &b in &cands {
            let cb = &cl[b];
            *steps += (cb.members.len() * cb.members.len()) as u64;
            let size_b = cb.members.len();
            let base = base_a + self.value_of(cb.score, size_b);
            let fits = size_b < self.g && cb.mask & self.slots[v] != 0;
            if let Some(to) = fits.then(|| self.gain(v, &cb.members)).flatten() {
                let after = self.value_of(cl[a].score - own, size_a - 1)
                    + self.value_of(cb.score + to, size_b + 1);
                consider(
                    after - base,
                    Change::Move {
                        v,
                        to: b,
                        gain: to,
                        loss: own,
                    },
                );
            }
            for &w in cb.members.iter().filter(|&&w| movable[w]) {
                if let Some((delta, swap)) = self.swap(v, w, (a, b), cl, own) {
                    consider(delta, swap);
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Trading `v` (in circle `a`, where it gains `own`) for `w` (in `b`):
    /// what it adds, when both fit where they go.
    fn swap(
        &self,
        v: usize,
        w: usize,
        (a, b): (usize, usize),
        cl: &[Cluster],
        own: Score,
    ) -> Option<(i128, Change)> {
        let mask_without = |c: &Cluster, x: usize| {
            c.members
                .iter()
                .filter(|&&u| u != x)
                .fold(u64::MAX, |m, &u| m & self.slots[u])
        };
        if mask_without(&cl[b], w) & self.slots[v] == 0
            || mask_without(&cl[a], v) & self.slots[w] == 0
        {
            return None;
        }
        let without = |c: &Cluster, x: usize| -> Vec<usize> {
            c.members.iter().copied().filter(|&u| u != x).collect()
        };
        let (rest_a, rest_b) = (without(&cl[a], v), without(&cl[b], w));
        let (vb, wa) = (self.gain(v, &rest_b)?, self.gain(w, &rest_a)?);
        let wb = self.gain(w, &cl[b].members).unwrap_or(0);
        let delta = (vb + wa - own - wb) as i128 * (self.n as i128 + 1);
        Some((
            delta,
            Change::Swap {
                v,
                w,
                a,
                b,
                va: own,
                vb,
                wa,
                wb,
            },
        ))
    }

    fn apply(&self, change: Change, cl: &mut [Cluster], of: &mut [usize]) {
        match change {
            Change::Move { v, to, gain, loss } => {
                let a = of[v];
                cl[a].members.retain(|&u| u != v);
                cl[a].score -= loss;
                cl[a].mask = cl[a]
                    .members
                    .iter()
                    .fold(u64::MAX, |m, &u| m & self.slots[u]);
                cl[to].members.push(v);
                cl[to].members.sort_unstable();
                cl[to].score += gain;
                cl[to].mask &= self.slots[v];
                of[v] = to;
            }
            Change::Swap {
                v,
                w,
                a,
                b,
                va,
                vb,
                wa,
                wb,
            } => {
                for (c, out, inn, lost, won) in [(a, v, w, va, wa), (b, w, v, wb, vb)] {
                    let members = &mut cl[c].members;
                    members.retain(|&u| u != out);
                    members.push(inn);
                    members.sort_unstable();
                    cl[c].score += won - lost;
                    cl[c].mask = cl[c]
                        .members
                        .iter()
                        .fold(u64::MAX, |m, &u| m & self.slots[u]);
                }
                of[v] = b;
                of[w] = a;
            }
        }
    }

    pub(super) fn finish(&self, clusters: Vec<Cluster>, exact: bool) -> Circles {
        let mut kept: Vec<Cluster> = clusters
            .into_iter()
            .filter(|c| c.members.len() >= 2)
            .collect();
        kept.sort_by_key(|c| c.members[0]);
        let mut circle_of = vec![None; self.n];
        for (i, c) in kept.iter().enumerate() {
            for &v in &c.members {
                circle_of[v] = Some(i);
            }
        }
        let score: Score = kept.iter().map(|c| c.score).sum();
        let matched = kept.iter().map(|c| c.members.len()).sum();
        let bound = if exact {
            score
        } else {
            ((0..self.n).map(|v| self.top(v)).sum::<Score>() / 2).max(score)
        };
        let circles = kept
            .into_iter()
            .map(|c| Circle {
                slot: bits(c.mask).next().unwrap_or(0),
                members: c.members,
            })
            .collect();
        Circles {
            circles,
            circle_of,
            score,
            matched,
            bound,
            exact,
        }
    }
}

/// A candidate merge: its gain, the first ids of both circles (for ties),
/// the circles, and their versions when it was offered.
type Offer = (i128, Reverse<(usize, usize)>, usize, usize, u32, u32);

/// The greedy merge's state: circles, what lies between neighbouring circles
/// (cross score, allowed pairs), and the merges on offer, best first.
struct Merger<'s> {
    s: &'s Setup,
    cl: Vec<Cluster>,
    nb: Vec<HashMap<usize, (Score, usize)>>,
    version: Vec<u32>,
    alive: Vec<bool>,
    heap: BinaryHeap<Offer>,
}

impl<'s> Merger<'s> {
    fn new(s: &'s Setup) -> Self {
        let cl: Vec<Cluster> = s.atoms.iter().map(|a| s.cluster(a.clone())).collect();
        let mut of = vec![0usize; s.n];
        for (i, c) in cl.iter().enumerate() {
            for &v in &c.members {
                of[v] = i;
            }
        }
        let mut nb: Vec<HashMap<usize, (Score, usize)>> = vec![HashMap::new(); cl.len()];
        for v in 0..s.n {
            for &(u, sc) in &s.adj[v] {
                let (a, b) = (of[v], of[u]);
                if v < u && a != b {
                    for (x, y) in [(a, b), (b, a)] {
                        let e = nb[x].entry(y).or_insert((0, 0));
                        e.0 += sc;
                        e.1 += 1;
                    }
                }
            }
        }
        let n = cl.len();
        Merger {
            s,
            cl,
            nb,
            version: vec![0; n],
            alive: vec![true; n],
            heap: BinaryHeap::new(),
        }
    }

    fn offer(&mut self, c: usize, d: usize, between: (Score, usize)) {
        let (c, d) = (c.min(d), c.max(d));
        if let Some(gain) = self.s.merge_gain(&self.cl[c], &self.cl[d], between) {
            let (x, y) = (self.cl[c].members[0], self.cl[d].members[0]);
            let ids = Reverse((x.min(y), x.max(y)));
            self.heap
                .push((gain, ids, c, d, self.version[c], self.version[d]));
        }
    }

    /// Merges circle `d` into `c` and offers `c`'s new merges.
    fn merge(&mut self, c: usize, d: usize) {
        let (cross, _) = self.nb[c].get(&d).copied().unwrap_or((0, 0));
        let taken = std::mem::take(&mut self.cl[d].members);
        let (dscore, dmask) = (self.cl[d].score, self.cl[d].mask);
        let target = &mut self.cl[c];
        target.members.extend(taken);
        target.members.sort_unstable();
        target.mask &= dmask;
        target.score += dscore + cross;
        self.alive[d] = false;
        self.version[c] += 1;
        let from_d = std::mem::take(&mut self.nb[d]);
        self.nb[c].remove(&d);
        for (x, val) in from_d.into_iter().filter(|&(x, _)| x != c) {
            self.nb[x].remove(&d);
            for (p, q) in [(c, x), (x, c)] {
                let e = self.nb[p].entry(q).or_insert((0, 0));
                e.0 += val.0;
                e.1 += val.1;
            }
        }
        let mut next: Vec<(usize, (Score, usize))> =
            self.nb[c].iter().map(|(&x, &v)| (x, v)).collect();
        next.sort_unstable();
        for (x, val) in next {
            self.offer(c, x, val);
        }
    }
}

/// The seeded generator behind the kicks.
pub(super) fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

/// One local-search step.
#[derive(Clone, Copy, Debug)]
enum Change {
    /// `v` leaves its circle (losing `loss`) for circle `to` (gaining `gain`).
    Move {
        v: usize,
        to: usize,
        gain: Score,
        loss: Score,
    },
    /// `v` (in `a`) and `w` (in `b`) trade places; `va`, `wb` are what they
    /// had, `vb`, `wa` what they get.
    Swap {
        v: usize,
        w: usize,
        a: usize,
        b: usize,
        va: Score,
        vb: Score,
        wa: Score,
        wb: Score,
    },
}
