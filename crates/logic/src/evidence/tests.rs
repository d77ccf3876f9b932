//! Unit tests of the evidence: filled in below.
