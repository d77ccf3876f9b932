//! The integration tests: one binary that drives the real `mentorkit`
//! executable on temporary program folders.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod agreement;
mod calendar;
mod check;
mod evidence;
mod exports;
mod foundation;
mod hostile;
mod intake;
mod matching;
mod print;
mod progress;
mod readme;
mod reliability;
mod report;
mod screening;
mod serve;
mod support;
