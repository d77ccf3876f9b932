//! The search over mentors' slots: depth-first branch and bound on the
//! assignment relaxation (exact when it finishes), and local search that
//! moves one mentor at a time, most promising move first.

use super::{Search, Solved, bits};

impl Search<'_> {
    /// Depth-first branch and bound from the solved relaxation `root`; returns
    /// the best bound left open and whether the search finished (then `best`
    /// is optimal).
    pub(super) fn branch_and_bound(&mut self, root: Solved, best: &mut Solved) -> (i128, bool) {
        let mut stack: Vec<(Vec<u64>, i128)> = Vec::new();
        let mut next = Some(root);
        loop {
            let node = match next.take() {
                Some(node) => node,
                None => {
                    let Some((slots, parent_bound)) = stack.pop() else {
                        break;
                    };
                    if parent_bound <= best.total {
                        continue;
                    }
                    if self.out_of_budget() {
                        stack.push((slots, parent_bound));
                        break;
                    }
                    self.evaluate(&slots)
                }
            };
            let slots = node.slots.clone();
            if node.total <= best.total {
                continue;
            }
            let common = self.common_slots(&node);
            let mut split = vec![false; slots.len()];
            for t in node.mentor_of.iter().flatten() {
                split[*t] = common[*t] == 0;
            }
            let Some(t) = (0..slots.len()).find(|&t| split[t]) else {
                *best = node;
                continue;
            };
            // Try the slots the relaxed group favours last-pushed, so first.
            let mut choices: Vec<(i128, u32)> = bits(slots[t])
                .map(|s| {
                    let w = node
                        .mentor_of
                        .iter()
                        .enumerate()
                        .filter(|&(m, x)| *x == Some(t) && self.p.mentee_slots[m] >> s & 1 == 1)
                        .count();
                    (w as i128, s)
                })
                .collect();
            choices.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            for (_, s) in choices {
                let mut child = slots.clone();
                child[t] = 1 << s;
                stack.push((child, node.total));
            }
        }
        let open = stack.iter().map(|n| n.1).max();
        match open {
            Some(b) if b > best.total => (b, false),
            _ => (best.total, true),
        }
    }

    /// Local search: move one mentor to another slot when the exact re-solve
    /// says the total rises; candidate moves are tried most promising first.
    pub(super) fn improve(&mut self, best: &mut Solved) {
        let mut improved = true;
        while improved && !self.out_of_budget() {
            improved = false;
            for (_, t, s) in self.moves(best) {
                if self.out_of_budget() {
                    break;
                }
                let mut slots = best.slots.clone();
                slots[t] = 1 << s;
                let next = self.evaluate(&slots);
                if next.total > best.total {
                    *best = next;
                    improved = true;
                    break;
                }
            }
        }
    }

    /// Every (estimated gain, mentor, slot) move, best estimate first. The
    /// estimate prices each mentee at what its current pair is worth.
    fn moves(&self, cur: &Solved) -> Vec<(i128, usize, u32)> {
        let p = self.p;
        let mentors = self.room.len();
        let mut worth = vec![0i128; p.mentee_slots.len()];
        let mut held = vec![0i128; mentors];
        for (k, e) in p.edges.iter().enumerate() {
            if cur.mentor_of[e.a] == Some(e.b) && self.pinned[e.a].is_none() {
                worth[e.a] = self.weight[k];
                held[e.b] += self.weight[k];
            }
        }
        let mut gains: Vec<Vec<Vec<i128>>> = vec![vec![Vec::new(); 64]; mentors];
        for (k, e) in p.edges.iter().enumerate() {
            if self.pinned[e.a].is_some() {
                continue;
            }
            let price = if cur.mentor_of[e.a] == Some(e.b) {
                0
            } else {
                worth[e.a]
            };
            let gain = self.weight[k] - price;
            if gain > 0 {
                for s in bits(p.mentee_slots[e.a] & self.allowed[e.b]) {
                    gains[e.b][s as usize].push(gain);
                }
            }
        }
        let mut moves = Vec::new();
        for (t, per_slot) in gains.iter_mut().enumerate() {
            for s in bits(self.allowed[t] & !cur.slots[t]) {
                let g = &mut per_slot[s as usize];
                g.sort_unstable_by(|a, b| b.cmp(a));
                let take: i128 = g.iter().take(self.room[t] as usize).sum();
                moves.push((take - held[t], t, s));
            }
        }
        moves.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        moves
    }
}
