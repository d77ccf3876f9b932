//! mentorkit
