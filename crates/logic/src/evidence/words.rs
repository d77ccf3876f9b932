//! How figures are written for people: "2 of 7 (29%)", "1.38×", "p = 0.20",
//! "+27 points", "2.5 years". Halves round up; a rate that is neither 0 nor
//! all never prints as 0% or 100%.

use chrono::NaiveDate;

/// A whole number with thousands separated: `1,451`.
pub fn count(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Percent with no decimals, halves rounded up: `86%`.
pub fn percent(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).round())
}

/// The share `k` of `n` as a percent that never hides a person: `<1%` for a
/// few of many, `>99%` for all but a few.
fn share_percent(k: u32, n: u32) -> String {
    let x = f64::from(k) / f64::from(n);
    let p = (x * 100.0).round();
    if k > 0 && p == 0.0 {
        "<1%".to_string()
    } else if k < n && p == 100.0 {
        ">99%".to_string()
    } else {
        percent(x)
    }
}

/// `2 of 7 (29%)`; `none of 0` for an empty group.
pub fn of(k: u32, n: u32) -> String {
    if n == 0 {
        return "none of 0".to_string();
    }
    format!("{} of {} ({})", count(k), count(n), share_percent(k, n))
}

/// One decimal, halves rounded away from zero (2.25 → `2.3`).
pub fn one_decimal(x: f64) -> String {
    format!("{:.1}", (x * 10.0).round() / 10.0)
}

/// One decimal with its sign: `+1.3`, `-0.3`.
pub fn signed(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 {
        return "0.0".to_string();
    }
    format!("{r:+.1}")
}

/// A ratio: two decimals under 10 (`1.38×`), one under 100, none above;
/// `∞` when unbounded.
pub fn times(x: f64) -> String {
    if x.is_infinite() {
        return "∞".to_string();
    }
    if x < 10.0 {
        format!("{x:.2}×")
    } else if x < 100.0 {
        format!("{x:.1}×")
    } else {
        format!("{x:.0}×")
    }
}

/// A difference of shares in percentage points: `+27 points`.
pub fn points(x: f64) -> String {
    let p = (x * 100.0).round();
    if p == 0.0 {
        "0 points".to_string()
    } else {
        format!("{p:+.0} points")
    }
}

/// A p-value: `p = 0.20`, `p = 0.087`, `p = 0.0016`, `p < 0.001`.
pub fn p_value(p: f64) -> String {
    format!("p {}", p_relation(p))
}

/// The part after `p`: `= 0.20`, `< 0.001`.
pub fn p_relation(p: f64) -> String {
    let n = p_number(p);
    match n.strip_prefix('<') {
        Some(rest) => format!("< {rest}"),
        None => format!("= {n}"),
    }
}

/// A p-value alone, for a table cell: `0.20`, `0.087`, `0.0016`, `<0.001`.
pub fn p_number(p: f64) -> String {
    if p < 0.001 {
        "<0.001".to_string()
    } else if p >= 0.995 {
        "1.00".to_string()
    } else if p >= 0.1 {
        format!("{p:.2}")
    } else if p >= 0.01 {
        format!("{p:.3}")
    } else {
        format!("{p:.4}")
    }
}

/// `1 year`, `3 years`.
pub fn years(n: u32) -> String {
    if n == 1 {
        "1 year".to_string()
    } else {
        format!("{n} years")
    }
}

/// How long from `start` to `day`, as people say it: `12 days`,
/// `7 months`, `2.5 years`.
pub fn span(start: NaiveDate, day: NaiveDate) -> String {
    let days = (day - start).num_days().max(0);
    if days < 31 {
        return if days == 1 {
            "1 day".to_string()
        } else {
            format!("{days} days")
        };
    }
    if days < 365 {
        let months = months_between(start, day);
        return if months == 1 {
            "1 month".to_string()
        } else {
            format!("{months} months")
        };
    }
    format!("{} years", one_decimal(days as f64 / 365.25))
}

/// Whole calendar months from `start` to `day`.
fn months_between(start: NaiveDate, day: NaiveDate) -> u32 {
    let mut months = 0;
    while start
        .checked_add_months(chrono::Months::new(months + 1))
        .is_some_and(|d| d <= day)
    {
        months += 1;
    }
    months
}

/// Years from `start` to `day` as a number (days / 365.25).
pub fn years_between(start: NaiveDate, day: NaiveDate) -> f64 {
    (day - start).num_days() as f64 / 365.25
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn plain_words() {
        assert_eq!(of(2, 7), "2 of 7 (29%)");
        assert_eq!(of(1451, 2000), "1,451 of 2,000 (73%)");
        assert_eq!(of(1, 2000), "1 of 2,000 (<1%)");
        assert_eq!(of(1999, 2000), "1,999 of 2,000 (>99%)");
        assert_eq!(of(0, 40), "0 of 40 (0%)");
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(times(1.378), "1.38×");
        assert_eq!(times(11.49), "11.5×");
        assert_eq!(times(f64::INFINITY), "∞");
        assert_eq!(points(0.274), "+27 points");
        assert_eq!(points(-0.004), "0 points");
        assert_eq!(p_value(0.2003), "p = 0.20");
        assert_eq!(p_value(0.0874), "p = 0.087");
        assert_eq!(p_value(0.00158), "p = 0.0016");
        assert_eq!(p_value(0.00001), "p < 0.001");
        assert_eq!(signed(1.25), "+1.3");
        assert_eq!(signed(-0.04), "0.0");
    }

    #[test]
    fn spans() {
        assert_eq!(span(day("2020-01-01"), day("2020-01-13")), "12 days");
        assert_eq!(span(day("2020-01-01"), day("2020-08-15")), "7 months");
        assert_eq!(span(day("2020-01-01"), day("2022-07-02")), "2.5 years");
        assert_eq!(span(day("2020-01-01"), day("2019-01-01")), "0 days");
    }
}
