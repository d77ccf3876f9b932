//! `match --explain ID`: the parts of a person's score, where each comes from,
//! and the next-best alternatives with what they lost to.

use std::fmt::Write as _;

use super::plan::{Arrangement, Block, Plan};
use super::score::normal;
use crate::model::matches::Parts;
use crate::model::{Participant, Slot};

/// Alternatives listed before the rest are counted.
const ALTERNATIVES: usize = 5;

impl Plan<'_> {
    /// The explanation for `id`, or `None` when `id` is not being matched.
    pub fn explain(&self, id: &str) -> Option<String> {
        let c = &self.cohort;
        let i = c.ids.iter().position(|x| *x == id)?;
        let mut out = String::new();
        match &self.arrangement {
            Arrangement::Mentors { mentor_of, slot } if i < c.mentees => {
                self.explain_mentee(&mut out, i, mentor_of, slot);
            }
            Arrangement::Mentors { mentor_of, .. } => {
                self.explain_mentor(&mut out, i - c.mentees, mentor_of)
            }
            Arrangement::Peers { partner } => {
                let with: Vec<usize> = partner[i].into_iter().collect();
                self.explain_peer(&mut out, i, &with, None, |p| {
                    partner[p].into_iter().collect()
                });
            }
            Arrangement::Circles { circles } => {
                let circle_of = |p: usize| circles.iter().find(|c| c.1.contains(&p));
                let (slot, with) = match circle_of(i) {
                    Some((s, members)) => (
                        Some(*s),
                        members.iter().copied().filter(|&x| x != i).collect(),
                    ),
                    None => (None, Vec::new()),
                };
                self.explain_peer(&mut out, i, &with, slot.map(|s| s.to_string()), |p| {
                    circle_of(p)
                        .map(|c| c.1.iter().copied().filter(|&x| x != p).collect())
                        .unwrap_or_default()
                });
            }
        }
        trim_trailing(&mut out);
        Some(out)
    }

    fn reason_of(&self, id: &str) -> String {
        let reason = self
            .matches
            .unmatched
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.reason.as_str());
        reason.unwrap_or("left over").to_string()
    }

    fn explain_mentee(
        &self,
        out: &mut String,
        m: usize,
        mentor_of: &[Option<usize>],
        slot: &[Option<Slot>],
    ) {
        let c = &self.cohort;
        match mentor_of[m] {
            Some(t) => {
                let parts = c.mentor_pair(m, t).unwrap_or_default();
                let place = slot[t]
                    .map(|s| format!(" (the group meets {s})"))
                    .unwrap_or_default();
                let mentor = c.ids[c.mentees + t];
                let _ = writeln!(
                    out,
                    "{} is matched with {mentor}{place}: score {}",
                    c.ids[m],
                    parts.total()
                );
                self.parts_lines(out, m, c.mentees + t, &parts, false);
            }
            None => {
                let _ = writeln!(
                    out,
                    "{} is not matched: {}",
                    c.ids[m],
                    self.reason_of(c.ids[m])
                );
            }
        }
        self.mentor_alternatives(out, m, mentor_of, slot);
    }

    /// The mentors `m` could have had, best first, and why they did not.
    fn mentor_alternatives(
        &self,
        out: &mut String,
        m: usize,
        mentor_of: &[Option<usize>],
        slot: &[Option<Slot>],
    ) {
        let c = &self.cohort;
        let mentor = |t: usize| c.ids[c.mentees + t];
        let mut alternatives: Vec<(i64, usize)> = Vec::new();
        let (mut blocked, mut no_slot) = (Vec::new(), 0);
        for t in (0..c.mentors()).filter(|&t| Some(t) != mentor_of[m]) {
            match c.mentor_pair(m, t) {
                Ok(p) => alternatives.push((p.total(), t)),
                Err(Block::NoSlot) => no_slot += 1,
                Err(block) => blocked.push((mentor(t), block)),
            }
        }
        alternatives.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        if !alternatives.is_empty() {
            out.push_str("next best:\n");
        }
        for &(score, t) in alternatives.iter().take(ALTERNATIVES) {
            let why = self.lost_to(m, t, mentor_of, slot);
            let _ = writeln!(out, "  {:<24}{score:>5}  {why}", mentor(t));
        }
        for (id, block) in blocked {
            let why = match block {
                Block::Forbidden => "forbidden by [matching] forbid",
                Block::Senior => "not junior to them (reverse mode)",
                _ => "no `hired` date to compare (reverse mode)",
            };
            let _ = writeln!(out, "  {id:<24}    —  {why}");
        }
        let more = alternatives.len().saturating_sub(ALTERNATIVES);
        let mut rest = Vec::new();
        if more > 0 {
            rest.push(format!("{more} more who share a slot"));
        }
        if no_slot > 0 {
            let s = if no_slot == 1 { "s" } else { "" };
            rest.push(format!("{no_slot} who share{s} no slot"));
        }
        if !rest.is_empty() {
            let _ = writeln!(out, "  and {}", rest.join(", "));
        }
    }

    /// Why mentee `m` is not with mentor `t`: the group meets elsewhere, or
    /// `t` is full (with whom, at what score), or it would cost more.
    fn lost_to(
        &self,
        m: usize,
        t: usize,
        mentor_of: &[Option<usize>],
        slot: &[Option<Slot>],
    ) -> String {
        let c = &self.cohort;
        let held: Vec<(usize, i64)> = (0..c.mentees)
            .filter(|&x| mentor_of[x] == Some(t))
            .map(|x| (x, c.mentor_pair(x, t).map(|p| p.total()).unwrap_or(0)))
            .collect();
        match slot[t] {
            Some(s) if c.profiles.slots(m) >> s.index() & 1 == 0 => {
                format!("meets {s}, not one of their slots")
            }
            _ if held.len() as u32 >= c.capacity(t) => {
                let took: Vec<String> = held
                    .iter()
                    .map(|(x, s)| format!("{} ({s})", c.ids[*x]))
                    .collect();
                format!("full with {}", took.join(", "))
            }
            _ => match mentor_of[m].and_then(|now| c.mentor_pair(m, now).ok()) {
                Some(now) => format!(
                    "has room; scores less than the match ({}) or would cost others more",
                    now.total()
                ),
                None => "has room".to_string(),
            },
        }
    }

    fn explain_mentor(&self, out: &mut String, t: usize, mentor_of: &[Option<usize>]) {
        let c = &self.cohort;
        let ti = c.mentees + t;
        let group: Vec<usize> = (0..c.mentees)
            .filter(|&m| mentor_of[m] == Some(t))
            .collect();
        let entry = self
            .matches
            .matches
            .iter()
            .find(|e| e.mentor.as_deref() == Some(c.ids[ti]));
        let place = entry
            .and_then(|e| e.slot)
            .map(|s| format!(", meeting {s}"))
            .unwrap_or_default();
        let score: i64 = group
            .iter()
            .filter_map(|&m| c.mentor_pair(m, t).ok())
            .map(|p| p.total())
            .sum();
        let _ = writeln!(
            out,
            "{} has {}{place}: score {score}",
            c.ids[ti],
            crate::model::error::count(group.len(), "mentee", "mentees")
        );
        for &m in &group {
            let parts = c.mentor_pair(m, t).unwrap_or_default();
            let _ = writeln!(
                out,
                "  {:<24}{:>5}  {}",
                c.ids[m],
                parts.total(),
                summary(&parts)
            );
        }
        let mut others: Vec<(i64, usize)> = (0..c.mentees)
            .filter(|&m| mentor_of[m] != Some(t))
            .filter_map(|m| c.mentor_pair(m, t).ok().map(|p| (p.total(), m)))
            .collect();
        others.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        if !others.is_empty() {
            out.push_str("next best:\n");
        }
        for &(score, m) in others.iter().take(ALTERNATIVES) {
            let why = match mentor_of[m] {
                Some(x) => {
                    let s = c.mentor_pair(m, x).map(|p| p.total()).unwrap_or(0);
                    format!("with {} ({s})", c.ids[c.mentees + x])
                }
                None => format!("unmatched: {}", self.reason_of(c.ids[m])),
            };
            let _ = writeln!(out, "  {:<24}{score:>5}  {why}", c.ids[m]);
        }
    }

    fn explain_peer(
        &self,
        out: &mut String,
        a: usize,
        with: &[usize],
        slot: Option<String>,
        mates: impl Fn(usize) -> Vec<usize>,
    ) {
        let c = &self.cohort;
        let score: i64 = with
            .iter()
            .filter_map(|&b| c.peer_pair(a, b).ok())
            .map(|p| p.total())
            .sum();
        let names: Vec<&str> = with.iter().map(|&b| c.ids[b]).collect();
        match (with.len(), slot) {
            (0, _) => {
                let _ = writeln!(
                    out,
                    "{} is not matched: {}",
                    c.ids[a],
                    self.reason_of(c.ids[a])
                );
            }
            (_, Some(s)) => {
                let _ = writeln!(
                    out,
                    "{} meets {s} with {}: score {score}",
                    c.ids[a],
                    names.join(", ")
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "{} is paired with {}: score {score}",
                    c.ids[a],
                    names.join(", ")
                );
            }
        }
        if let [b] = with {
            let parts = c.peer_pair(a, *b).unwrap_or_default();
            self.parts_lines(out, a, *b, &parts, true);
        } else {
            for &b in with {
                let parts = c.peer_pair(a, b).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {:<24}{:>5}  {}",
                    c.ids[b],
                    parts.total(),
                    summary(&parts)
                );
            }
        }
        self.peer_alternatives(out, a, with, mates);
    }

    /// The peers `a` could have been with, best first, and whom they are with.
    fn peer_alternatives(
        &self,
        out: &mut String,
        a: usize,
        with: &[usize],
        mates: impl Fn(usize) -> Vec<usize>,
    ) {
        let c = &self.cohort;
        let mut others: Vec<(i64, usize)> = (0..c.mentees)
            .filter(|&b| b != a && !with.contains(&b))
            .filter_map(|b| c.peer_pair(a, b).ok().map(|p| (p.total(), b)))
            .collect();
        others.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        if !others.is_empty() {
            out.push_str("next best:\n");
        }
        for &(score, b) in others.iter().take(ALTERNATIVES) {
            let theirs = mates(b);
            let why = if theirs.is_empty() {
                format!("unmatched: {}", self.reason_of(c.ids[b]))
            } else {
                let s: i64 = theirs
                    .iter()
                    .filter_map(|&x| c.peer_pair(b, x).ok())
                    .map(|p| p.total())
                    .sum();
                let who: Vec<&str> = theirs.iter().map(|&x| c.ids[x]).collect();
                format!("with {} ({s})", who.join(", "))
            };
            let _ = writeln!(out, "  {:<24}{score:>5}  {why}", c.ids[b]);
        }
    }

    /// One line per part: its value and where it comes from.
    fn parts_lines(&self, out: &mut String, a: usize, b: usize, parts: &Parts, peer: bool) {
        let (pa, pb) = (self.cohort.people[a], self.cohort.people[b]);
        let words = if peer {
            let mut w = shared(&pa.competencies, &pb.skills);
            w.extend(shared(&pb.competencies, &pa.skills));
            w
        } else {
            shared(&pa.competencies, &pb.competencies)
        };
        let dept = if normal(&pa.department) == normal(&pb.department) {
            format!("both {}", pa.department.trim())
        } else {
            format!("{} / {}", pa.department.trim(), pb.department.trim())
        };
        let slots: Vec<String> = pa
            .availability
            .iter()
            .filter(|s| pb.availability.contains(s))
            .map(|s| s.to_string())
            .collect();
        let prefers = |x: &Participant, y: &str| x.prefers.iter().any(|p| p.trim() == y);
        let (ia, ib) = (self.cohort.ids[a], self.cohort.ids[b]);
        let pref = match (prefers(pa, ib), prefers(pb, ia)) {
            (true, true) => "each prefers the other".to_string(),
            (true, false) => format!("{ia} prefers {ib}"),
            (false, true) => format!("{ib} prefers {ia}"),
            (false, false) => String::new(),
        };
        let detail = [
            words.join(", "),
            dept,
            slots.join(", "),
            format!("{} / {}", pa.modality(), pb.modality()),
            pref,
        ];
        for ((name, value), detail) in Parts::NAMES.iter().zip(parts.values()).zip(detail) {
            let _ = writeln!(out, "  {name:<24}{value:>5}  {detail}");
        }
    }
}

/// The words two lists share, as the first list writes them.
fn shared(a: &[String], b: &[String]) -> Vec<String> {
    let theirs: Vec<String> = b.iter().map(|w| normal(w)).collect();
    let mut out: Vec<String> = a
        .iter()
        .filter(|w| theirs.contains(&normal(w)))
        .map(|w| w.trim().to_string())
        .collect();
    out.sort_by_key(|w| normal(w));
    out.dedup_by_key(|w| normal(w));
    out
}

/// The non-zero parts, as `competency 20, availability 2`.
fn summary(p: &Parts) -> String {
    let parts: Vec<String> = Parts::NAMES
        .iter()
        .zip(p.values())
        .filter(|(_, v)| *v != 0)
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    parts.join(", ")
}

/// Drops spaces left at line ends by empty details.
fn trim_trailing(out: &mut String) {
    let trimmed: Vec<&str> = out.lines().map(str::trim_end).collect();
    *out = trimmed.join("\n");
    out.push('\n');
}
