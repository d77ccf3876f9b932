//! The heuristic side of peer circles: a greedy merge by best gain, local
//! search by moving or swapping single people, and the final tally.

use super::*;

impl Setup {
    /// Circles grown one at a time: the best pair of people still alone
    /// (highest score first) starts a circle, which then takes whoever adds the
    /// most while someone fits (size, shared slot, every pair allowed). People
    /// pinned together start as one circle.
    pub(super) fn greedy(&self) -> Vec<Cluster> {
        let mut atom_of = vec![0usize; self.n];
        for (i, a) in self.atoms.iter().enumerate() {
            for &v in a {
                atom_of[v] = i;
            }
        }
        let mut used = vec![false; self.atoms.len()];
        let mut out = Vec::new();
        for (i, a) in self.atoms.iter().enumerate().filter(|(_, a)| a.len() > 1) {
            used[i] = true;
            out.push(self.grow(self.cluster(a.clone()), &atom_of, &mut used));
        }
        let mut pairs: Vec<(Score, usize, usize)> = (0..self.n)
            .flat_map(|v| {
                self.adj[v]
                    .iter()
                    .filter(move |x| v < x.0)
                    .map(move |x| (x.1, v, x.0))
            })
            .filter(|&(_, v, u)| {
                self.atoms[atom_of[v]].len() == 1 && self.atoms[atom_of[u]].len() == 1
            })
            .collect();
        pairs.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        for (_, v, u) in pairs {
            let (a, b) = (atom_of[v], atom_of[u]);
            if used[a] || used[b] {
                continue;
            }
            used[a] = true;
            used[b] = true;
            out.push(self.grow(self.cluster(vec![v.min(u), v.max(u)]), &atom_of, &mut used));
        }
        out.extend(
            (0..self.atoms.len())
                .filter(|&i| !used[i])
                .map(|i| self.cluster(self.atoms[i].clone())),
        );
        out
    }

    /// Adds to `c`, while it has room, the unused atom that adds the most.
    fn grow(&self, mut c: Cluster, atom_of: &[usize], used: &mut [bool]) -> Cluster {
        while c.members.len() < self.g {
            let mut best: Option<(i128, usize, Score)> = None;
            for &(u, _) in &self.adj[c.members[0]] {
                let i = atom_of[u];
                let atom = &self.atoms[i];
                if used[i] || atom[0] != u || c.members.len() + atom.len() > self.g {
                    continue;
                }
                let mask = atom.iter().fold(c.mask, |m, &x| m & self.slots[x]);
                let cross: Option<Score> = atom.iter().map(|&x| self.gain(x, &c.members)).sum();
                let (Some(cross), true) = (cross, mask != 0) else {
                    continue;
                };
                let inside = self.cluster(atom.clone()).score;
                let size = c.members.len() + atom.len();
                let add = self.value_of(c.score + cross + inside, size)
                    - self.value_of(c.score, c.members.len());
                if add > 0 && best.is_none_or(|b| add > b.0) {
                    best = Some((add, i, cross + inside));
                }
            }
            let Some((_, i, plus)) = best else { break };
            used[i] = true;
            c.members.extend(&self.atoms[i]);
            c.members.sort_unstable();
            c.mask = c.members.iter().fold(u64::MAX, |m, &x| m & self.slots[x]);
            c.score += plus;
        }
        c
    }

    /// Local search (move one person, swap two) from `clusters`, then kicks:
    /// a few people moved at random (seeded) and the search run again around
    /// them, keeping the result when it is no worse, until the work budget runs
    /// out or many kicks in a row found nothing better.
    pub(super) fn local_search(&self, clusters: Vec<Cluster>) -> Vec<Cluster> {
        let mut movable = vec![false; self.n];
        for a in self.atoms.iter().filter(|a| a.len() == 1) {
            movable[a[0]] = true;
        }
        let people: Vec<usize> = (0..self.n).filter(|&v| movable[v]).collect();
        let mut cl = clusters;
        // Room for everyone to stand alone after a kick.
        cl.extend((0..self.n).map(|_| Cluster {
            members: Vec::new(),
            mask: u64::MAX,
            score: 0,
        }));
        let mut of = vec![0usize; self.n];
        for (i, c) in cl.iter().enumerate() {
            for &v in &c.members {
                of[v] = i;
            }
        }
        let mut cur = Layout { cl, of };
        let mut steps = 0u64;
        self.descend(&mut cur, &movable, &mut steps, people.clone());
        let mut best = cur.clone();
        let (mut best_value, mut cur_value) = (self.value_all(&best.cl), self.value_all(&cur.cl));
        let mut next = cur.clone();
        let mut rng = 0x9E37_79B9_7F4A_7C15u64;
        let mut idle = 0;
        while steps < LOCAL_STEPS && idle < KICKS_IDLE && !people.is_empty() {
            next.clone_from(&cur);
            // Copying the layout is work too.
            steps += (self.n + next.cl.len()) as u64;
            let mut touched = Vec::new();
            for _ in 0..KICK_SIZE {
                let v = people[(xorshift(&mut rng) % people.len() as u64) as usize];
                touched.extend(self.kick(v, &mut next, &mut rng));
            }
            // Only moves around what the kick changed can have become better.
            let again: Vec<usize> = touched
                .iter()
                .flat_map(|&c| next.cl[c].members.iter().copied())
                .collect();
            self.descend(&mut next, &movable, &mut steps, again);
            let value = self.value_all(&next.cl);
            if value >= cur_value {
                std::mem::swap(&mut cur, &mut next);
                cur_value = value;
            }
            if cur_value > best_value {
                best.clone_from(&cur);
                best_value = cur_value;
                idle = 0;
            } else {
                idle += 1;
            }
        }
        best.cl.retain(|c| !c.members.is_empty());
        best.cl
    }

    fn value_all(&self, cl: &[Cluster]) -> i128 {
        cl.iter()
            .map(|c| self.value_of(c.score, c.members.len()))
            .sum()
    }

    /// Moves `v` to a random circle of its neighbours it may join, or alone;
    /// the circles it left and joined.
    fn kick(&self, v: usize, lay: &mut Layout, rng: &mut u64) -> Vec<usize> {
        let a = lay.of[v];
        let mut open: Vec<usize> = self.adj[v]
            .iter()
            .map(|x| lay.of[x.0])
            .filter(|&b| b != a)
            .collect();
        open.sort_unstable();
        open.dedup();
        open.retain(|&b| {
            let c = &lay.cl[b];
            c.members.len() < self.g
                && c.mask & self.slots[v] != 0
                && self.gain(v, &c.members).is_some()
        });
        if lay.cl[a].members.len() > 1 {
            open.extend(lay.cl.iter().position(|c| c.members.is_empty()));
        }
        let Some(&to) = open.get((xorshift(rng) % open.len().max(1) as u64) as usize) else {
            return Vec::new();
        };
        let loss = self.gain(v, &lay.cl[a].members).unwrap_or(0);
        let gain = self.gain(v, &lay.cl[to].members).unwrap_or(0);
        self.apply(Change::Move { v, to, gain, loss }, &mut lay.cl, &mut lay.of);
        vec![a, to]
    }

    /// Descent from the people in `start`: each in turn takes its best move,
    /// and everyone in a circle a move changed (and the mover's neighbours)
    /// gets another look, until no move helps or the work budget is spent.
    fn descend(&self, lay: &mut Layout, movable: &[bool], steps: &mut u64, start: Vec<usize>) {
        let mut queued = vec![false; self.n];
        let mut queue = VecDeque::new();
        let push = |queue: &mut VecDeque<usize>, queued: &mut [bool], v: usize| {
            if movable[v] && !queued[v] {
                queued[v] = true;
                queue.push_back(v);
            }
        };
        for v in start {
            push(&mut queue, &mut queued, v);
        }
        while let Some(v) = queue.pop_front() {
            queued[v] = false;
            if *steps >= LOCAL_STEPS {
                break;
            }
            let Some(change) = self.best_change(v, &lay.cl, &lay.of, movable, steps) else {
                continue;
            };
            let movers: Vec<usize> = change.movers().into_iter().flatten().collect();
            let left: Vec<usize> = movers.iter().map(|&m| lay.of[m]).collect();
            self.apply(change, &mut lay.cl, &mut lay.of);
            let joined: Vec<usize> = movers.iter().map(|&m| lay.of[m]).collect();
            for c in left.into_iter().chain(joined) {
                for &u in &lay.cl[c].members {
                    push(&mut queue, &mut queued, u);
                }
            }
            for &mover in &movers {
                for &(u, _) in &self.adj[mover] {
                    push(&mut queue, &mut queued, u);
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

/// The seeded generator behind the kicks.
pub(super) fn xorshift(x: &mut u64) -> u64 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

/// Circles and where each person is, as the local search moves them.
#[derive(Debug)]
struct Layout {
    cl: Vec<Cluster>,
    of: Vec<usize>,
}

impl Clone for Layout {
    fn clone(&self) -> Self {
        Layout {
            cl: self.cl.clone(),
            of: self.of.clone(),
        }
    }

    /// Reuses the buffers already there: the search copies layouts often.
    fn clone_from(&mut self, other: &Self) {
        self.cl.clone_from(&other.cl);
        self.of.clone_from(&other.of);
    }
}

impl Change {
    /// The people a change moves.
    fn movers(&self) -> [Option<usize>; 2] {
        match *self {
            Change::Move { v, .. } => [Some(v), None],
            Change::Swap { v, w, .. } => [Some(v), Some(w)],
        }
    }
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
