//! The statistics behind the evidence: a proportion with its Wilson
//! interval, a ratio of two proportions with the Katz interval, Student's t
//! for a mean change, and how figures are written (halves rounded up).

use serde::Serialize;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A share of people, with its Wilson 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Proportion {
    pub count: u32,
    pub n: u32,
    pub rate: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// How many times as likely participants were, with a 95% interval (Katz).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ratio {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// The Wilson score 95% interval of `count` out of `n`; `None` when n is 0.
pub fn wilson(count: u32, n: u32) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let n = f64::from(n);
    let p = f64::from(count.min(n as u32)) / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// `count` of `n` with its rate and Wilson interval.
pub fn proportion(count: u32, n: u32) -> Proportion {
    let interval = wilson(count, n);
    Proportion {
        count,
        n,
        rate: (n > 0).then(|| f64::from(count) / f64::from(n)),
        low: interval.map(|i| i.0),
        high: interval.map(|i| i.1),
    }
}

/// The ratio of two rates with the Katz log interval; a cell of 0 (or all)
/// gets half a person added to each cell for the interval only. `None` when
/// either group is empty or the second rate is 0.
pub fn risk_ratio(a: &Proportion, b: &Proportion) -> Option<Ratio> {
    let (ra, rb) = (a.rate?, b.rate?);
    if rb <= 0.0 {
        return None;
    }
    let value = ra / rb;
    let (mut x, mut n1, mut y, mut n2) = (
        f64::from(a.count),
        f64::from(a.n),
        f64::from(b.count),
        f64::from(b.n),
    );
    if a.count == 0 || b.count == 0 || a.count == a.n || b.count == b.n {
        (x, n1, y, n2) = (x + 0.5, n1 + 1.0, y + 0.5, n2 + 1.0);
    }
    let se = (1.0 / x - 1.0 / n1 + 1.0 / y - 1.0 / n2).max(0.0).sqrt();
    let centre = ((x / n1) / (y / n2)).ln();
    Some(Ratio {
        value,
        low: (centre - Z95 * se).exp(),
        high: (centre + Z95 * se).exp(),
    })
}

/// The 97.5th percentile of Student's t with `df` degrees of freedom.
pub fn t975(df: u32) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df as usize - 1],
        _ => {
            // Cornish–Fisher expansion around the normal quantile.
            let (z, d) = (Z95, f64::from(df));
            z + (z.powi(3) + z) / (4.0 * d)
                + (5.0 * z.powi(5) + 16.0 * z.powi(3) + 3.0 * z) / (96.0 * d * d)
        }
    }
}

/// Percent with no decimals, halves rounded up: `86%`.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).round())
}

/// One decimal, halves rounded away from zero (2.25 → `2.3`).
pub fn one_decimal(x: f64) -> String {
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

/// One decimal with its sign: `+1.3`, `-0.3`.
pub fn signed(x: f64) -> String {
    format!("{:+.1}", (x * 10.0).round() / 10.0)
}

/// A ratio: `2.7×`.
pub fn times(x: f64) -> String {
    format!("{}×", one_decimal(x))
}
