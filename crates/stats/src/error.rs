//! Why a method refused its input: one enum, with the offending values, so
//! the caller can say which record or answer to fix.

use thiserror::Error;

/// What was wrong with the values handed to a method.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// More events than people.
    #[error(
        "{events} events out of {total} people is impossible: the events cannot outnumber the group"
    )]
    CountAboveTotal { events: u32, total: u32 },
    /// A confidence level outside (0, 1).
    #[error("confidence level {level} is not strictly between 0 and 1: pass a share such as 0.95")]
    InvalidLevel { level: f64 },
    /// Bounds of an interval that are not numbers or not in order.
    #[error("the interval [{lower}, {upper}] is not two ordered numbers")]
    InvalidInterval { lower: f64, upper: f64 },
    /// A method that needs at least one observation got none.
    #[error("no observations in {what}: the figure needs at least one")]
    Empty { what: &'static str },
    /// A value that is infinite or not a number.
    #[error("{what} number {index} (counting from 0) is {value}, not a finite number")]
    NotFinite {
        what: &'static str,
        index: usize,
        value: f64,
    },
    /// A negative duration.
    #[error("duration number {index} (counting from 0) is {time}: a duration cannot be negative")]
    NegativeTime { index: usize, time: f64 },
    /// Clamp bounds that are not numbers or not in order.
    #[error("the bounds [{lo}, {hi}] are not two ordered finite numbers")]
    InvalidBounds { lo: f64, hi: f64 },
    /// A difference outside the bounds it was said to lie in.
    #[error(
        "difference number {index} (counting from 0) is {value}, outside [{lo}, {hi}]: check the scale of the answers"
    )]
    OutsideBounds {
        index: usize,
        value: f64,
        lo: f64,
        hi: f64,
    },
}
