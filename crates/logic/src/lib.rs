//! mentorkit's pure logic: values in, values out. Screening, the schedule and
//! its calendar, the answers of an intake, and the facts derived from a
//! cohort (attendance, completion, progress, surveys, evidence). Nothing here
//! reads or writes a file, parses a command line or knows where a folder is.

use mentorkit_model as model;
use mentorkit_model::error;

pub mod attendance;
pub mod cohort;
pub mod evidence;
#[cfg(test)]
mod fuzz;
pub mod ics;
pub mod intake;
pub mod schedule;
pub mod screen;
pub mod survey;
