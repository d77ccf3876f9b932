//! A Lagrangian bound for group mode, and the groupings it suggests.
//!
//! Give every mentee a price λ ≥ 0 and let each mentor pick, on its own, the
//! slot and the members that are worth most net of their prices. No mentee is
//! then limited to one group, so `Σ λ + Σ best net group` bounds every
//! grouping from above, for any prices; unlike the assignment relaxation it
//! keeps each group to one slot. Subgradient steps move the prices toward the
//! lowest bound: a mentee two groups want costs more, one nobody wants less.
//! The slots the mentors pick on the way are evaluated exactly as groupings.

use super::{Search, Solved, bits};

impl Search<'_> {
    /// The lowest bound found in `rounds` price steps (at most), improving
    /// `best` with the slot choices met on the way.
    pub(super) fn lagrange(&mut self, relaxed: &Solved, best: &mut Solved, rounds: usize) -> i128 {
        let mut lambda = self.start_prices(relaxed);
        let mut bound = i128::MAX;
        // The step size, as a fraction that halves when the bound stalls.
        let (mut num, den) = (2i128, 2i128);
        let mut stalled = 0;
        let mut tried: Vec<Vec<u64>> = Vec::new();
        for _ in 0..rounds {
            if self.out_of_budget() {
                break;
            }
            let (value, counts, slots) = self.priced_groups(&lambda);
            if value < bound {
                bound = value;
                stalled = 0;
            } else {
                stalled += 1;
                if stalled >= 3 {
                    num = (num / 2).max(1);
                    stalled = 0;
                }
            }
            if !tried.contains(&slots) {
                let found = self.evaluate(&slots);
                if found.total > best.total {
                    *best = found;
                }
                tried.push(slots);
            }
            if bound <= best.total {
                break;
            }
            let grad: Vec<i128> = counts
                .iter()
                .zip(&lambda)
                .map(|(&c, &l)| {
                    let g = c as i128 - 1;
                    if l == 0 && g < 0 { 0 } else { g }
                })
                .collect();
            let norm: i128 = grad.iter().map(|g| g * g).sum();
            if norm == 0 {
                break;
            }
            let step = num * (value - best.total) / (den * norm);
            for (l, g) in lambda.iter_mut().zip(&grad) {
                *l = (*l + step.max(1) * g).max(0);
            }
        }
        bound
    }

    /// Prices that start the search from the relaxed optimum: a full mentor's
    /// threshold is its weakest member, and each mentee's price covers every
    /// pair above its mentor's threshold (a feasible dual of the relaxation).
    fn start_prices(&self, relaxed: &Solved) -> Vec<i128> {
        let p = self.p;
        let mentors = self.room.len();
        let mut weakest: Vec<Option<i128>> = vec![None; mentors];
        let mut load = vec![0u32; mentors];
        for (k, e) in p.edges.iter().enumerate() {
            if relaxed.mentor_of[e.a] == Some(e.b) && self.pinned[e.a].is_none() {
                load[e.b] += 1;
                let w = self.weight[k];
                weakest[e.b] = Some(weakest[e.b].map_or(w, |x: i128| x.min(w)));
            }
        }
        let threshold: Vec<i128> = (0..mentors)
            .map(|t| {
                if load[t] >= self.room[t] {
                    weakest[t].unwrap_or(0).max(0)
                } else {
                    0
                }
            })
            .collect();
        let mut lambda = vec![0i128; p.mentee_slots.len()];
        for (k, e) in p.edges.iter().enumerate() {
            if self.pinned[e.a].is_none() {
                lambda[e.a] = lambda[e.a].max(self.weight[k] - threshold[e.b]);
            }
        }
        lambda
    }

    /// Each mentor's best net group under `lambda`: the bound (with the pins'
    /// fixed part), how many groups want each mentee, and each mentor's slot.
    fn priced_groups(&mut self, lambda: &[i128]) -> (i128, Vec<u32>, Vec<u64>) {
        let p = self.p;
        self.spent += p.edges.len() as u64;
        self.solves += 1;
        let mut counts = vec![0u32; lambda.len()];
        let mut slots = vec![0u64; self.room.len()];
        let mut total: i128 = lambda.iter().sum::<i128>() + self.pinned_total;
        let mut net: Vec<(i128, usize)> = Vec::new();
        let mut best_members: Vec<usize> = Vec::new();
        for (t, edges) in self.by_mentor.iter().enumerate() {
            let room = self.room[t] as usize;
            let mut best: Option<(i128, u32)> = None;
            for s in bits(self.allowed[t]) {
                net.clear();
                for &k in edges {
                    let e = &p.edges[k];
                    let w = self.weight[k] - lambda[e.a];
                    if w > 0 && self.pinned[e.a].is_none() && p.mentee_slots[e.a] >> s & 1 == 1 {
                        net.push((w, e.a));
                    }
                }
                if room > 0 && net.len() > room {
                    net.select_nth_unstable_by(room - 1, |x, y| y.cmp(x));
                }
                net.truncate(room);
                let value: i128 = net.iter().map(|x| x.0).sum();
                if best.is_none_or(|b| value > b.0) {
                    best = Some((value, s));
                    best_members.clear();
                    best_members.extend(net.iter().map(|x| x.1));
                }
            }
            if let Some((value, s)) = best {
                total += value;
                slots[t] = 1 << s;
                for &m in &best_members {
                    counts[m] += 1;
                }
            }
        }
        (total, counts, slots)
    }
}
