//! mentorkit
pub mod matching;
