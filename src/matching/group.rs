//! Group mode.
