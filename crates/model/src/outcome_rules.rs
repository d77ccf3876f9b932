//! Outcome dates that cannot all be true, for `check` and `outcome`.

use crate::Participant;

/// An outcome that contradicts itself or the person's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeIssue {
    /// The field under `outcome` the issue is placed at.
    pub field: &'static str,
    pub message: String,
    pub help: String,
}

/// Dates in `outcome` that cannot both be true: leaving or a promotion
/// before being hired, a promotion after leaving. (A promotion before the
/// program started is checked by the folder's validation.)
pub fn outcome_issues(p: &Participant) -> Vec<OutcomeIssue> {
    let mut out = Vec::new();
    let Some(o) = &p.outcome else {
        return out;
    };
    if let (Some(left), Some(hired)) = (o.left, p.hired)
        && left < hired
    {
        out.push(OutcomeIssue {
            field: "left",
            message: format!("left {left}, before being hired ({hired})"),
            help: "check the dates of `left` and `hired`".into(),
        });
    }
    if let (Some(promoted), Some(hired)) = (o.promoted, p.hired)
        && promoted < hired
    {
        out.push(OutcomeIssue {
            field: "promoted",
            message: format!("promoted {promoted}, before being hired ({hired})"),
            help: "check the dates of `promoted` and `hired`".into(),
        });
    }
    if let (Some(promoted), Some(left)) = (o.promoted, o.left)
        && promoted > left
    {
        out.push(OutcomeIssue {
            field: "promoted",
            message: format!("promoted {promoted}, after leaving ({left})"),
            help: "a better post at another library counts from the day they left; check the dates"
                .into(),
        });
    }
    out
}
