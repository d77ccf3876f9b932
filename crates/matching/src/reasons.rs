//! Why someone is left unmatched, in words a coordinator can act on.

use super::plan::{Arrangement, Block, Cohort};
use crate::model::MatchMode;
use crate::model::matches::Unmatched;

/// How many names a reason lists before "and N more".
const NAMED: usize = 3;

impl Cohort<'_> {
    /// Every candidate left without a match, by id, with the reason.
    pub(crate) fn unmatched(&self, arr: &Arrangement) -> Vec<Unmatched> {
        let mut matched = vec![false; self.mentees];
        match arr {
            Arrangement::Mentors { mentor_of, .. } => {
                for (m, t) in mentor_of.iter().enumerate() {
                    matched[m] = t.is_some();
                }
            }
            Arrangement::Peers { partner } => {
                for (a, b) in partner.iter().enumerate() {
                    matched[a] = b.is_some();
                }
            }
            Arrangement::Circles { circles } => {
                for (_, members) in circles {
                    for &m in members {
                        matched[m] = true;
                    }
                }
            }
        }
        (0..self.mentees)
            .filter(|&m| !matched[m])
            .map(|m| Unmatched {
                id: self.ids[m].to_string(),
                reason: self.reason(m, arr),
            })
            .collect()
    }

    fn reason(&self, m: usize, arr: &Arrangement) -> String {
        if self.profiles.slots(m) == 0 {
            return "no availability given, so nobody shares a weekly slot".to_string();
        }
        if self.with_mentors() {
            self.mentor_reason(m, arr)
        } else {
            self.peer_reason(m, arr)
        }
    }

    fn mentor_reason(&self, m: usize, arr: &Arrangement) -> String {
        if self.mentors() == 0 {
            return "there are no mentors".to_string();
        }
        let mut open = Vec::new();
        let (mut forbidden, mut senior, mut no_hired) = (Vec::new(), 0, 0);
        for t in 0..self.mentors() {
            match self.mentor_pair(m, t) {
                Ok(_) => open.push(t),
                Err(Block::NoSlot) => {}
                Err(Block::Forbidden) => forbidden.push(self.ids[self.mentees + t]),
                Err(Block::Senior) => senior += 1,
                Err(Block::NoHired) => no_hired += 1,
            }
        }
        if open.is_empty() {
            return if !forbidden.is_empty() {
                format!(
                    "the only mentors who share a slot are forbidden: {}",
                    names(&forbidden)
                )
            } else if no_hired > 0 && self.people[m].hired.is_none() {
                "no `hired` date, so reverse mode cannot compare years of service".to_string()
            } else if senior + no_hired > 0 {
                "every mentor who shares a slot has as many or more years of service (reverse mode)"
                    .to_string()
            } else {
                "no mentor shares a weekly slot".to_string()
            };
        }
        let mentor = |t: usize| self.ids[self.mentees + t];
        if let (MatchMode::Group, Arrangement::Mentors { slot, .. }) = (self.mode, arr) {
            let elsewhere: Vec<String> = open
                .iter()
                .filter_map(|&t| {
                    let s = slot[t]?;
                    (self.profiles.slots(m) >> s.index() & 1 == 0)
                        .then(|| format!("{} meets {s}", mentor(t)))
                })
                .collect();
            if elsewhere.len() == open.len() {
                return format!(
                    "the groups they could join meet in other slots: {}",
                    names(&elsewhere)
                );
            }
            return "the groups that meet in their slots are full".to_string();
        }
        let full: Vec<&str> = open.iter().map(|&t| mentor(t)).collect();
        format!("every mentor who shares a slot is full: {}", names(&full))
    }

    fn peer_reason(&self, m: usize, arr: &Arrangement) -> String {
        let mut open = 0;
        let mut forbidden = Vec::new();
        for p in (0..self.mentees).filter(|&p| p != m) {
            match self.peer_pair(m, p) {
                Ok(_) => open += 1,
                Err(Block::Forbidden) => forbidden.push(self.ids[p]),
                Err(_) => {}
            }
        }
        if self.mentees < 2 {
            return "there is nobody else to pair with".to_string();
        }
        if open == 0 {
            return if forbidden.is_empty() {
                "no other mentee shares a weekly slot".to_string()
            } else {
                format!(
                    "the only peers who share a slot are forbidden: {}",
                    names(&forbidden)
                )
            };
        }
        match arr {
            Arrangement::Circles { circles } => {
                let slots = self.profiles.slots(m);
                if circles.iter().any(|(s, _)| slots >> s.index() & 1 == 1) {
                    "the circles that meet in their slots are full".to_string()
                } else {
                    "no circle meets in one of their slots".to_string()
                }
            }
            _ => "the odd one out: everyone who shares a slot with them is paired".to_string(),
        }
    }
}

/// Up to [`NAMED`] names, then how many more.
fn names<S: AsRef<str>>(list: &[S]) -> String {
    let mut out: Vec<&str> = list.iter().take(NAMED).map(AsRef::as_ref).collect();
    let more = list.len().saturating_sub(NAMED);
    let more_text = format!("and {more} more");
    if more > 0 {
        out.push(&more_text);
    }
    out.join(", ")
}
