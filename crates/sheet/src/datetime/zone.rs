//! The zone written after a time: `Z`, `UTC`, `GMT`, `GMT-6` and
//! `GMT+5:30` (Google Forms' own download), ISO 8601 offsets (`-06:00`,
//! `+0530`), the North American and European abbreviations people and
//! tools write, and IANA names (`America/Chicago`). Anything else is a word
//! that cannot be known, and is named back.

use std::fmt;

use chrono::{FixedOffset, Offset};
use chrono_tz::Tz;

/// A time zone as a timestamp wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A fixed offset from UTC (`Z` and `UTC` are zero).
    Fixed(FixedOffset),
    /// A named zone, whose offset depends on the date.
    Named(Tz),
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Zone::Fixed(o) => write!(f, "UTC{o}"),
            Zone::Named(tz) => write!(f, "{}", tz.name()),
        }
    }
}

/// Abbreviations taken as one fixed offset (hours east of UTC). `CST` is
/// US Central here, as US tools write it, not China's.
const ABBREVIATIONS: &[(&str, i32)] = &[
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
    ("AKST", -9),
    ("AKDT", -8),
    ("HST", -10),
    ("WET", 0),
    ("WEST", 1),
    ("CET", 1),
    ("CEST", 2),
    ("EET", 2),
    ("EEST", 3),
];

/// The zone `text` names, or `None` when it cannot be known.
pub(crate) fn parse(text: &str) -> Option<Zone> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("z") {
        return Some(Zone::Fixed(utc()));
    }
    if t.starts_with(['+', '-']) {
        return offset(t).map(Zone::Fixed);
    }
    let letters = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(t, |end| &t[..end]);
    let tail = &t[letters.len()..];
    let word = letters.to_ascii_uppercase();
    if matches!(word.as_str(), "UTC" | "GMT" | "UT") {
        if tail.is_empty() {
            return Some(Zone::Fixed(utc()));
        }
        return offset(tail).map(Zone::Fixed);
    }
    if tail.is_empty()
        && let Some((_, hours)) = ABBREVIATIONS.iter().find(|(a, _)| *a == word)
    {
        return FixedOffset::east_opt(hours * 3600).map(Zone::Fixed);
    }
    if t.contains('/') {
        return t.parse::<Tz>().ok().map(Zone::Named);
    }
    None
}

fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

/// `+5:30`, `-6`, `-06`, `-0600`, `-06:00`, `+530`: at most 15 hours.
fn offset(t: &str) -> Option<FixedOffset> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, &t[1..]),
        b'-' => (-1, &t[1..]),
        _ => return None,
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) if digits(h) && m.len() == 2 && digits(m) => (h, m),
        Some(_) => return None,
        None if rest.bytes().all(|b| b.is_ascii_digit()) => match rest.len() {
            1 | 2 => (rest, "0"),
            3 | 4 => rest.split_at(rest.len() - 2),
            _ => return None,
        },
        None => return None,
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    if h > 15 || m >= 60 {
        return None;
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn east(hours: i32, minutes: i32) -> Option<Zone> {
        Some(Zone::Fixed(
            FixedOffset::east_opt(hours * 3600 + minutes * 60).unwrap(),
        ))
    }

    #[test]
    fn zone_words_and_offsets() {
        let cases = [
            ("Z", east(0, 0)),
            ("z", east(0, 0)),
            ("UTC", east(0, 0)),
            ("gmt", east(0, 0)),
            ("GMT-6", east(-6, 0)),
            ("GMT+5:30", east(5, 30)),
            ("GMT-06:00", east(-6, 0)),
            ("UTC+0100", east(1, 0)),
            ("-06:00", east(-6, 0)),
            ("+0530", east(5, 30)),
            ("+05", east(5, 0)),
            ("+530", east(5, 30)),
            ("-6", east(-6, 0)),
            ("CST", east(-6, 0)),
            ("cdt", east(-5, 0)),
            ("CEST", east(2, 0)),
            ("America/Chicago", Some(Zone::Named(Tz::America__Chicago))),
            ("Europe/Dublin", Some(Zone::Named(Tz::Europe__Dublin))),
            ("EST5", None),
            ("EST5EDT", None),
            ("Mars", None),
            ("GMT+25", None),
            ("GMT+5:3", None),
            ("+05:60", None),
            ("+123456", None),
            ("GMT-", None),
            ("Mars/Olympus", None),
            ("(Central)", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn zones_show_themselves() {
        assert_eq!(east(-6, 0).unwrap().to_string(), "UTC-06:00");
        assert_eq!(
            Zone::Named(Tz::America__Chicago).to_string(),
            "America/Chicago"
        );
    }
}
