//! The view the reports take of `matches.yaml`: each pair or group, its
//! mentor (none for peers), its members and its meeting slot. The file itself
//! is read by `store::load_matches` into `model::matches`.

/// One pair or group: a mentor (none for peers) and their mentees.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchGroup {
    pub mentor: Option<String>,
    pub mentees: Vec<String>,
    /// The shared meeting slot of a group, when written.
    pub slot: Option<String>,
}

/// The matches: the mode, and the groups in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    pub mode: Option<String>,
    pub groups: Vec<MatchGroup>,
}

/// The reports' view of the matches `mentorkit match` wrote.
pub fn from_model(m: &crate::matches::Matches) -> Matches {
    let groups = m
        .matches
        .iter()
        .map(|e| MatchGroup {
            mentor: e.mentor.clone(),
            mentees: e.mentees.iter().chain(&e.members).cloned().collect(),
            slot: e.slot.map(|s| s.to_string()),
        })
        .filter(|g| g.mentor.is_some() || !g.mentees.is_empty())
        .collect();
    Matches {
        mode: Some(m.mode.as_str().to_string()),
        groups,
    }
}
