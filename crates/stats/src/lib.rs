//! The statistics behind mentorkit's evidence of impact, as pure functions:
//! counts, durations and differences in, estimates, intervals and p-values
//! out. No I/O and no knowledge of participants: the caller decides which
//! group is which and how the figures are worded.
//!
//! Every method, what it computes and where it comes from:
//!
//! - **Proportion** ([`wilson`]): the Wilson score interval (Wilson, 1927,
//!   *JASA* 22:209–212) at any confidence level. Exactly 0 at 0 events and
//!   exactly 1 when every one had the event.
//! - **Risk ratio** ([`risk_ratio`]): the score interval of Koopman (1984,
//!   *Biometrics* 40:513–517), the set of ratios θ whose score statistic
//!   (maximum likelihood restricted to p₁ = θ·p₂, with the closed form of
//!   Miettinen & Nurminen, 1985, *Stat. Med.* 4:213–226, without their
//!   N/(N−1) factor) stays within ±z; each bound is found by bisection on
//!   log θ. The point may be infinite or undefined ([`Point`]); the lower
//!   bound is 0 when the first group has no events, the upper bound +∞ when
//!   the second has none.
//! - **Risk difference** ([`risk_difference`]): Newcombe's hybrid score
//!   interval (Newcombe, 1998, *Stat. Med.* 17:873–890, method 10), built
//!   from the two Wilson intervals.
//! - **Fisher's exact test** ([`fisher_exact`]): the two-sided p-value as
//!   the probability of every table with the same margins that is no more
//!   probable than the one observed (Fisher, 1935, *The Design of
//!   Experiments*; the definition of R's `fisher.test` and scipy's
//!   `fisher_exact`), ties judged with a relative tolerance of 10⁻⁷; and the
//!   mid-p (Lancaster, 1961, *JASA* 56:223–234), which counts the tables as
//!   probable as the observed one half. Hypergeometric probabilities come
//!   from log-factorials, so tables of 100,000 people take milliseconds.
//! - **Stratified risk ratio** ([`mantel_haenszel`]): the Mantel–Haenszel
//!   pooled ratio (Mantel & Haenszel, 1959, *JNCI* 22:719–748) with the
//!   variance of its logarithm by Greenland & Robins (1985, *Biometrics*
//!   41:55–68). A stratum with no one in one of the groups says nothing
//!   about the ratio and is skipped (its terms are zero in every sum); the
//!   result counts the strata used and skipped.
//! - **Survival** ([`kaplan_meier`]): the Kaplan–Meier product-limit curve
//!   for right-censored durations (Kaplan & Meier, 1958, *JASA*
//!   53:457–481), Greenwood's variance (Greenwood, 1926), and the log(−log)
//!   ("exponential Greenwood") interval (Kalbfleisch & Prentice, 1980, *The
//!   Statistical Analysis of Failure Time Data*), which stays inside
//!   [0, 1]. [`KaplanMeier::at`] reads the curve at a time and says when
//!   that time lies beyond the follow-up.
//! - **Paired mean change** ([`paired_change`]): the mean of the
//!   differences with Student's t interval (Student, 1908, *Biometrika*
//!   6:1–25), the t quantile computed from the inverse of the regularised
//!   incomplete beta function, optionally clamped to the range a change can
//!   take on its scale.
//! - **Wilcoxon signed-rank test** ([`wilcoxon_signed_rank`]): two-sided
//!   p-value for paired differences (Wilcoxon, 1945, *Biometrics Bulletin*
//!   1:80–83): zeros dropped (Wilcoxon's own treatment), tied absolute
//!   differences given their mean rank; up to 50 non-zero differences the
//!   exact distribution of the positive rank sum over all 2ⁿ sign flips,
//!   conditional on the ranks (Lehmann, 1975, *Nonparametrics*), by a
//!   dynamic programme over doubled ranks; above 50 the normal
//!   approximation with the tie correction of the variance and no
//!   continuity correction.
//!
//! The special functions (log-gamma, the incomplete gamma and beta
//! functions and their inverses) are written here from their series and
//! continued fractions (Abramowitz & Stegun, 1964, chapters 6 and 26) and
//! checked against scipy by the oracle test.

mod difference;
mod error;
mod fisher;
mod mantel_haenszel;
mod paired;
mod proportion;
mod ratio;
mod special;
mod survival;
mod value;
mod wilcoxon;

pub use difference::risk_difference;
pub use error::StatsError;
pub use fisher::{FisherExact, fisher_exact};
pub use mantel_haenszel::{MantelHaenszel, Stratum, mantel_haenszel};
pub use paired::{Bounds, PairedChange, paired_change};
pub use proportion::wilson;
pub use ratio::risk_ratio;
pub use special::{normal_quantile, student_t_quantile};
pub use survival::{KaplanMeier, Observation, Reading, Step, kaplan_meier};
pub use value::{Count, Estimate, Interval, Level, Point};
pub use wilcoxon::{EXACT_LIMIT, SignedRank, SignedRankMethod, wilcoxon_signed_rank};
