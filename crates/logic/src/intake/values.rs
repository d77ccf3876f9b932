//! Reading one answer of a form: dates in the form's order and timestamps
//! from Google and Microsoft Forms, Yes/No, checkbox lists, availability in
//! words. Each reader returns the value or what is wrong, in words.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::values::Slot;

/// The order of day, month and year in the form's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// Month/day/year, as US forms export (the default).
    #[default]
    Mdy,
    /// Day/month/year.
    Dmy,
    /// Year-month-day.
    Ymd,
}

impl DateOrder {
    /// The words a map's `dates` option takes.
    pub const WORDS: &'static [&'static str] = &["mdy", "dmy", "ymd"];

    /// The option word.
    pub fn from_word(s: &str) -> Option<DateOrder> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            "ymd" => Some(DateOrder::Ymd),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            DateOrder::Mdy => "month/day/year",
            DateOrder::Dmy => "day/month/year",
            DateOrder::Ymd => "year-month-day",
        }
    }

    fn word(self) -> &'static str {
        match self {
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
            DateOrder::Ymd => "ymd",
        }
    }
}

/// A date, or a timestamp whose time is dropped.
pub fn parse_date(s: &str, order: DateOrder) -> Result<NaiveDate, String> {
    parse_stamp(s, order).map(|t| t.date())
}

/// A date with an optional time: `11/2/2015 14:03:22` (Google Forms),
/// `11/2/15 2:03:22 PM` (Microsoft Forms), `2015-11-02T14:03:22`, `2015-11-02`.
/// Four-digit years first are always year-month-day; two-digit years are
/// 2000–2069 or 1970–1999.
pub fn parse_stamp(s: &str, order: DateOrder) -> Result<NaiveDateTime, String> {
    let t = s.trim();
    let (date_part, time_part) = match t.split_once(|c: char| c.is_whitespace() || c == 'T') {
        Some((d, rest)) => (d, rest.trim()),
        None => (t, ""),
    };
    let date = read_date(date_part, order).ok_or_else(|| date_error(t, date_part, order))?;
    let time = if time_part.is_empty() {
        NaiveTime::MIN
    } else {
        read_time(time_part).ok_or_else(|| {
            format!("`{t}` has a time that cannot be read; write it as 14:03 or 2:03 PM")
        })?
    };
    Ok(date.and_time(time))
}

fn date_error(whole: &str, date_part: &str, order: DateOrder) -> String {
    let mut msg = format!(
        "`{whole}` is not a date in {} order (the map's dates = \"{}\")",
        order.describe(),
        order.word()
    );
    let other = match order {
        DateOrder::Mdy => Some(DateOrder::Dmy),
        DateOrder::Dmy => Some(DateOrder::Mdy),
        DateOrder::Ymd => None,
    };
    if let Some(other) = other
        && read_date(date_part, other).is_some()
    {
        msg.push_str(&format!(
            "; it reads as {}: set dates = \"{}\" in the map's [options]",
            other.describe(),
            other.word()
        ));
    }
    msg
}

fn read_date(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if [a, b, c]
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4)
    {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    let year = |p: &str| -> Option<i32> {
        let n = i32::try_from(num(p)?).ok()?;
        match p.len() {
            4 => Some(n),
            1 | 2 => Some(if n < 70 { 2000 + n } else { 1900 + n }),
            _ => None,
        }
    };
    let (y, m, d) = if a.len() == 4 {
        (year(a)?, num(b)?, num(c)?)
    } else {
        match order {
            DateOrder::Mdy => (year(c)?, num(a)?, num(b)?),
            DateOrder::Dmy => (year(c)?, num(b)?, num(a)?),
            DateOrder::Ymd => return None,
        }
    };
    if b.len() > 2 || (a.len() != 4 && (a.len() > 2 || c.len() == 3)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

fn read_time(s: &str) -> Option<NaiveTime> {
    let lower = s
        .trim()
        .to_ascii_lowercase()
        .replace("a.m.", "am")
        .replace("p.m.", "pm");
    let (clock, meridiem) = if let Some(c) = lower.strip_suffix("pm") {
        (c.trim(), Some(12))
    } else if let Some(c) = lower.strip_suffix("am") {
        (c.trim(), Some(0))
    } else {
        (lower.trim(), None)
    };
    // Drop a trailing `Z` or fractions of a second.
    let clock = clock.trim_end_matches('z');
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next()?.trim().parse().ok()?;
    let sec: u32 = match parts.next() {
        Some(p) => p.split(',').next()?.trim().parse::<f64>().ok()?.floor() as u32,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match meridiem {
        Some(add) if (1..=12).contains(&h) => h % 12 + add,
        Some(_) => return None,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, sec)
}

/// Yes/No, True/False, Y/N, 1/0, in any case.
pub fn parse_bool(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        _ => Err(format!("`{}` is not yes or no", s.trim())),
    }
}

/// A checkbox answer as its items: split on commas (Google Forms) and
/// semicolons (Microsoft Forms), trimmed, empty items and repeats (ignoring
/// case) dropped.
pub fn split_list(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in s.split([',', ';']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if !item.is_empty() && !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    out
}

/// Availability as slots: each comma-separated item names days and parts of
/// the day — `Tuesday afternoon`, `Tue & Thu mornings`, `tue-pm`, `weekday
/// evenings` — and stands for every day with every part it names. An item
/// with parts but no day takes `day` (from a grid question's column, such as
/// `When could you meet? [Tuesday]`). Sorted, without repeats.
pub fn parse_slots(s: &str, day: Option<u8>) -> Result<Vec<Slot>, String> {
    let mut slots = Vec::new();
    let t = s.trim();
    if matches!(
        t.to_ascii_lowercase().as_str(),
        "" | "none" | "n/a" | "-" | "not available"
    ) {
        return Ok(slots);
    }
    for item in t.split([',', ';', '/']) {
        let words: Vec<String> = item
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if words.is_empty() {
            continue;
        }
        let mut days: Vec<u8> = Vec::new();
        let mut parts: Vec<u8> = Vec::new();
        for w in &words {
            if let Some(ds) = day_word(w) {
                days.extend(ds);
            } else if let Some(p) = part_word(w) {
                parts.push(p);
            } else if !FILLER.contains(&w.as_str()) {
                return Err(format!(
                    "`{}`: `{w}` is not a day or a part of the day (morning, afternoon, evening)",
                    item.trim()
                ));
            }
        }
        if days.is_empty() {
            match day {
                Some(d) => days.push(d),
                None => {
                    return Err(format!(
                        "`{}` names no day; write it like `Tuesday afternoon`",
                        item.trim()
                    ));
                }
            }
        }
        if parts.is_empty() {
            return Err(format!(
                "`{}` names no part of the day; add morning, afternoon or evening",
                item.trim()
            ));
        }
        for &d in &days {
            for &p in &parts {
                slots.push(Slot { day: d, part: p });
            }
        }
    }
    slots.sort();
    slots.dedup();
    Ok(slots)
}

/// Words that may sit between days and parts: `Tuesday and Thursday in the morning`.
const FILLER: &[&str] = &["and", "or", "on", "in", "the", "at", "s", "only", "both"];

/// The day (or days) a word names, plurals allowed: 0 is Monday.
pub fn day_word(w: &str) -> Option<Vec<u8>> {
    let w = w.strip_suffix('s').filter(|s| s.len() >= 3).unwrap_or(w);
    let one = match w {
        "mon" | "monday" => 0,
        "tue" | "tues" | "tuesday" => 1,
        "wed" | "weds" | "wednesday" => 2,
        "thu" | "thur" | "thurs" | "thursday" => 3,
        "fri" | "friday" => 4,
        "sat" | "saturday" => 5,
        "sun" | "sunday" => 6,
        "weekday" => return Some(vec![0, 1, 2, 3, 4]),
        "weekend" => return Some(vec![5, 6]),
        _ => return None,
    };
    Some(vec![one])
}

fn part_word(w: &str) -> Option<u8> {
    match w {
        "am" | "morning" | "mornings" => Some(0),
        "pm" | "afternoon" | "afternoons" => Some(1),
        "eve" | "evening" | "evenings" | "night" | "nights" => Some(2),
        _ => None,
    }
}

/// The one day a grid question's column names in brackets
/// (`When could you meet? [Tuesday]` → Tuesday), if any.
pub fn header_day(header: &str) -> Option<u8> {
    let open = header.rfind('[')?;
    let inner = header[open + 1..].trim_end().strip_suffix(']')?;
    let mut days = inner
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|w| day_word(&w.to_ascii_lowercase()));
    match (days.next(), days.next()) {
        (Some(d), None) if d.len() == 1 => d.first().copied(),
        _ => None,
    }
}

/// An email address: one `@` with text on both sides, no spaces.
pub fn parse_email(s: &str) -> Result<String, String> {
    let t = s.trim();
    let ok = t.split('@').count() == 2
        && !t.starts_with('@')
        && !t.ends_with('@')
        && !t.contains(char::is_whitespace);
    if ok {
        Ok(t.to_string())
    } else {
        Err(format!("`{t}` is not an email address"))
    }
}

/// Free text: trimmed, line ends made `\n`, spaces kept.
pub fn clean_text(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(s: &str, order: DateOrder) -> Result<String, String> {
        parse_stamp(s, order).map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    #[test]
    fn dates_and_timestamps() {
        use DateOrder::*;
        let ok = [
            ("11/2/2015", Mdy, "2015-11-02 00:00:00"),
            ("11/2/2015 14:03:22", Mdy, "2015-11-02 14:03:22"), // Google
            ("11/2/15 2:03:22 PM", Mdy, "2015-11-02 14:03:22"), // Microsoft
            ("11/2/15 12:03:22 AM", Mdy, "2015-11-02 00:03:22"),
            ("11/2/15 12:03 pm", Mdy, "2015-11-02 12:03:00"),
            ("2/11/2015 14:03:22", Dmy, "2015-11-02 14:03:22"),
            ("02.11.2015", Dmy, "2015-11-02 00:00:00"),
            ("2015-11-02", Mdy, "2015-11-02 00:00:00"),
            ("2015-11-02T14:03:22.517Z", Dmy, "2015-11-02 14:03:22"),
            ("2015/11/02 14:03", Ymd, "2015-11-02 14:03:00"),
            ("3/14/98", Mdy, "1998-03-14 00:00:00"),
            (" 2/29/2016 ", Mdy, "2016-02-29 00:00:00"),
        ];
        for (s, order, want) in ok {
            assert_eq!(stamp(s, order).as_deref(), Ok(want), "{s}");
        }
        assert_eq!(
            stamp("25/12/2015", Mdy),
            Err("`25/12/2015` is not a date in month/day/year order (the map's dates = \"mdy\"); it reads as day/month/year: set dates = \"dmy\" in the map's [options]".into())
        );
        for bad in [
            "2/30/2015",
            "2015",
            "11/2",
            "yesterday",
            "11/2/2015 25:00",
            "11/2/2015 13:00 PM",
            "1/2/345",
            "",
        ] {
            assert!(stamp(bad, Mdy).is_err(), "{bad}");
        }
    }

    #[test]
    fn booleans_and_lists() {
        assert_eq!(parse_bool(" Yes"), Ok(true));
        assert_eq!(parse_bool("FALSE"), Ok(false));
        assert_eq!(parse_bool("maybe"), Err("`maybe` is not yes or no".into()));
        assert_eq!(split_list("BA, MLS,  ba ,"), ["BA", "MLS"]);
        assert_eq!(split_list("Option 1;Option  2;"), ["Option 1", "Option 2"]);
        assert!(split_list("  ").is_empty());
    }

    fn slots(s: &str, day: Option<u8>) -> Result<String, String> {
        parse_slots(s, day).map(|v| {
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    #[test]
    fn availability_in_words() {
        let cases = [
            ("Tuesday afternoon, Thursday morning", "tue-pm thu-am"),
            ("tue-pm; mon-eve", "mon-eve tue-pm"),
            ("Tuesdays and Thursdays in the evening", "tue-eve thu-eve"),
            ("Wed morning & afternoon", "wed-am wed-pm"),
            (
                "Weekday evenings",
                "mon-eve tue-eve wed-eve thu-eve fri-eve",
            ),
            ("Sat AM", "sat-am"),
            ("None", ""),
            ("", ""),
        ];
        for (s, want) in cases {
            assert_eq!(slots(s, None).as_deref(), Ok(want), "{s}");
        }
        assert_eq!(
            slots("Morning, Evening", Some(1)).as_deref(),
            Ok("tue-am tue-eve")
        );
        assert_eq!(
            slots("Tuesday lunch", None),
            Err("`Tuesday lunch`: `lunch` is not a day or a part of the day (morning, afternoon, evening)".into())
        );
        assert_eq!(
            slots("mornings", None),
            Err("`mornings` names no day; write it like `Tuesday afternoon`".into())
        );
        assert_eq!(
            slots("Tuesday", None),
            Err("`Tuesday` names no part of the day; add morning, afternoon or evening".into())
        );
        assert_eq!(header_day("When could you meet? [Tuesday]"), Some(1));
        assert_eq!(header_day("When could you meet?"), None);
        assert_eq!(header_day("Times [Mon/Tue]"), None);
    }

    #[test]
    fn emails() {
        assert_eq!(parse_email(" ana@x.org "), Ok("ana@x.org".into()));
        for bad in ["ana", "ana@", "@x.org", "a b@x.org", "a@b@c"] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }
}
