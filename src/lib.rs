//! mentorkit: run library staff mentorship programs from a folder of YAML and TOML files.

pub mod attendance;
pub mod ics;
pub mod schedule;
