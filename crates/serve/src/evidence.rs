//! The evidence of impact on the overview: what `logic::evidence` returns
//! for the derived cohort (against the staff file `[evaluation] comparison`
//! names, and the applicants not accepted), shown through the evidence's own
//! words (`evidence::display`), the cells `progress --evidence` prints and
//! the cohort report's section shows; nothing is recomputed here.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::logic::cohort::Cohort;
use crate::logic::evidence::display::{self, ChangeView, FigureView};
use crate::logic::evidence::{self, Evidence, Staff};
use crate::model::Career;

/// The figures as the overview shows them.
#[derive(Debug, Serialize)]
pub(crate) struct View {
    pub cohort: Option<u32>,
    /// `4.0 years` from the start to the day counted to.
    pub follow_up: Option<String>,
    /// The comparison groups, in words.
    pub groups: Vec<String>,
    pub figures: Vec<FigureView>,
    pub surveys: Vec<ChangeView>,
    pub competencies: Vec<ChangeView>,
    pub notes: Vec<String>,
}

/// Every figure of impact for a derived cohort, as `progress --evidence`
/// and `report cohort` count it.
pub(crate) fn of(cohort: &Cohort<'_>) -> Result<Evidence> {
    let staff = crate::store::comparison::load(cohort.folder).map_err(Error::Invalid)?;
    let careers: Option<(String, Vec<Career>)> =
        staff.map(|(name, rows)| (name, rows.iter().map(|r| r.career()).collect()));
    let staff = careers
        .as_ref()
        .map(|(file, careers)| Staff { file, careers });
    Ok(evidence::evidence(cohort, staff))
}

/// The rows of `e`, in the evidence's words.
pub(crate) fn view(e: &Evidence, roster_note: Option<&str>) -> View {
    View {
        cohort: e.cohort,
        follow_up: e
            .start
            .filter(|&s| s <= e.as_of)
            .map(|s| evidence::words::span(s, e.as_of)),
        groups: e
            .groups
            .iter()
            .map(|g| match g.at_start {
                Some(n) => format!("{} ({n} employed at the start)", g.label),
                None => g.label.clone(),
            })
            .collect(),
        figures: display::figures(e),
        surveys: display::surveys(e),
        competencies: display::competencies(e),
        // The overview says once, at its top, that the folder is not screened.
        notes: e
            .notes
            .iter()
            .filter(|n| Some(n.as_str()) != roster_note)
            .cloned()
            .collect(),
    }
}
