//! mentorkit: run library staff mentorship programs from a folder of YAML and TOML files.

pub mod ics;
pub mod schedule;
