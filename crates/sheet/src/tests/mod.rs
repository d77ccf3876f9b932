//! The whole reader on exports as Forms, Excel and LibreOffice write them:
//! workbooks built here, text in each encoding and delimiter, hostile
//! sizes.

mod budgets;
mod hostile;
mod text;
mod workbooks;

use crate::{Options, Table};

pub(super) fn texts(t: &Table) -> Vec<Vec<String>> {
    t.rows()
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text().into_owned()).collect())
        .collect()
}

pub(super) fn opts() -> Options {
    Options::default()
}
