//! Reading one answer of a form: dates in the form's order and timestamps
//! from Google and Microsoft Forms, Yes/No, checkbox lists, availability in
//! words. Each reader returns the value or what is wrong, in words.

use chrono::NaiveDate;
use mentorkit_sheet::datetime::{self, StampError};

use crate::model::values::Slot;

pub use mentorkit_sheet::datetime::DateOrder;

/// A date as written, or a timestamp's date as written (no zone is
/// converted: imports read their timestamps through `datetime` with the
/// program's zone, in `rows.rs`).
pub fn parse_date(s: &str, order: DateOrder) -> Result<NaiveDate, String> {
    datetime::parse(s, order)
        .map(|t| t.written.date())
        .map_err(|e| stamp_message(&e))
}

/// Why a timestamp or date of a form cannot be read, in the words of an
/// import: the map's `dates` option is named, and the order it reads in.
pub fn stamp_message(e: &StampError) -> String {
    match e {
        StampError::NotADate {
            text,
            order,
            reads_as,
        } => {
            let mut msg = format!(
                "`{text}` is not a date in {} order (the map's dates = \"{}\")",
                order.describe(),
                order.word()
            );
            if let Some(other) = reads_as {
                msg.push_str(&format!(
                    "; it reads as {}: set dates = \"{}\" in the map's [options]",
                    other.describe(),
                    other.word()
                ));
            }
            msg
        }
        StampError::BadTime { text } => {
            format!("`{text}` has a time that cannot be read; write it as 14:03 or 2:03 PM")
        }
        StampError::UnknownZone { text, word } => format!(
            "`{text}`: the time zone `{word}` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago"
        ),
        StampError::NoSuchTime { text, zone } => {
            format!("`{text}` does not exist in {zone}: the clocks skipped that hour")
        }
        StampError::NotADateCell { shown } => {
            format!("the cell holds {shown}, which is not a date")
        }
        StampError::CellError { error } => format!("the cell holds the error {error}"),
    }
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

/// Availability as slots, strictly: every item must be understood (see
/// [`read_slots`]); the first item that is not is the error.
pub fn parse_slots(s: &str, day: Option<u8>) -> Result<Vec<Slot>, String> {
    let reading = read_slots(s, day);
    match reading.unread.into_iter().next() {
        Some(unread) => Err(unread.why),
        None => Ok(reading.slots),
    }
}

/// What an availability answer gave: the slots it names, and the items
/// that were not wholly understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotReading {
    /// Sorted, without repeats.
    pub slots: Vec<Slot>,
    pub unread: Vec<Unread>,
}

/// One item of an answer that was not wholly understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// As written, trimmed.
    pub item: String,
    /// What was not understood, in words.
    pub why: String,
    /// Whether the item still named days and parts of the day (its slots
    /// are kept): `Saturday mornings before 10`.
    pub partly: bool,
}

/// Availability as slots: each comma-separated item names days and parts of
/// the day — `Tuesday afternoon`, `Tue & Thu mornings`, `tue-pm`, `weekday
/// evenings` — and stands for every day with every part it names. An item
/// with parts but no day takes `day` (from a grid question's column, such as
/// `When could you meet? [Tuesday]`). An item with other words too keeps
/// the slots it names and is also `unread` (`Saturday mornings before 10`
/// is `sat-am`, and more); an item without both a day and a part gives none.
pub fn read_slots(s: &str, day: Option<u8>) -> SlotReading {
    let mut reading = SlotReading::default();
    let t = s.trim();
    if matches!(
        t.to_ascii_lowercase().as_str(),
        "" | "none" | "n/a" | "-" | "not available"
    ) {
        return reading;
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
        let item = item.trim();
        let mut days: Vec<u8> = Vec::new();
        let mut parts: Vec<u8> = Vec::new();
        let mut unknown: Option<&str> = None;
        for w in &words {
            if let Some(ds) = day_word(w) {
                days.extend(ds);
            } else if let Some(p) = part_word(w) {
                parts.push(p);
            } else if !FILLER.contains(&w.as_str()) && unknown.is_none() {
                unknown = Some(w);
            }
        }
        if days.is_empty()
            && let Some(d) = day
        {
            days.push(d);
        }
        let why = if let Some(w) = unknown {
            Some(format!(
                "`{item}`: `{w}` is not a day or a part of the day (morning, afternoon, evening)"
            ))
        } else if days.is_empty() {
            Some(format!(
                "`{item}` names no day; write it like `Tuesday afternoon`"
            ))
        } else if parts.is_empty() {
            Some(format!(
                "`{item}` names no part of the day; add morning, afternoon or evening"
            ))
        } else {
            None
        };
        let named = !days.is_empty() && !parts.is_empty();
        if named {
            for &d in &days {
                for &p in &parts {
                    reading.slots.push(Slot { day: d, part: p });
                }
            }
        }
        if let Some(why) = why {
            reading.unread.push(Unread {
                item: item.to_string(),
                why,
                partly: named,
            });
        }
    }
    reading.slots.sort();
    reading.slots.dedup();
    reading
}

/// The day's name, for a note: 0 is Monday.
pub fn day_name(day: u8) -> &'static str {
    crate::model::values::DAY_NAMES
        .get(usize::from(day))
        .copied()
        .unwrap_or("")
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

    fn date(s: &str, order: DateOrder) -> Result<String, String> {
        parse_date(s, order).map(|d| d.to_string())
    }

    #[test]
    fn dates_and_timestamps_in_the_words_of_an_import() {
        use DateOrder::*;
        let ok = [
            ("11/2/2015", Mdy, "2015-11-02"),
            ("11/2/2015 14:03:22", Mdy, "2015-11-02"),
            ("11/2/15 2:03:22 PM", Mdy, "2015-11-02"),
            ("2/11/2015 14:03:22", Dmy, "2015-11-02"),
            ("2015-11-02T14:03:22.517Z", Dmy, "2015-11-02"),
            ("2026/11/03 9:41:12 AM GMT-6", Mdy, "2026-11-03"),
        ];
        for (s, order, want) in ok {
            assert_eq!(date(s, order).as_deref(), Ok(want), "{s}");
        }
        assert_eq!(
            date("25/12/2015", Mdy),
            Err("`25/12/2015` is not a date in month/day/year order (the map's dates = \"mdy\"); it reads as day/month/year: set dates = \"dmy\" in the map's [options]".into())
        );
        assert_eq!(
            date("11/2/2015 25:00", Mdy),
            Err(
                "`11/2/2015 25:00` has a time that cannot be read; write it as 14:03 or 2:03 PM"
                    .into()
            )
        );
        assert_eq!(
            date("11/2/2015 9:00 Mars", Mdy),
            Err("`11/2/2015 9:00 Mars`: the time zone `Mars` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago".into())
        );
        for bad in ["2/30/2015", "2015", "11/2", "yesterday", "1/2/345", ""] {
            assert!(date(bad, Mdy).is_err(), "{bad}");
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
    fn partly_understood_availability_keeps_its_slots() {
        let r = read_slots(
            "Tuesday afternoon, Saturday mornings before 10, lunch",
            None,
        );
        let slots: Vec<String> = r.slots.iter().map(|s| s.to_string()).collect();
        assert_eq!(slots, ["tue-pm", "sat-am"]);
        let unread: Vec<(&str, bool)> = r
            .unread
            .iter()
            .map(|u| (u.item.as_str(), u.partly))
            .collect();
        assert_eq!(
            unread,
            [("Saturday mornings before 10", true), ("lunch", false)]
        );
        assert_eq!(
            r.unread[0].why,
            "`Saturday mornings before 10`: `before` is not a day or a part of the day (morning, afternoon, evening)"
        );
        assert_eq!(
            parse_slots("Saturday mornings before 10", None),
            Err(r.unread[0].why.clone()),
            "the strict reading refuses it"
        );
        assert_eq!(read_slots("Lunch", Some(1)).slots, []);
        assert_eq!(day_name(1), "Tuesday");
    }

    #[test]
    fn emails() {
        assert_eq!(parse_email(" ana@x.org "), Ok("ana@x.org".into()));
        for bad in ["ana", "ana@", "@x.org", "a b@x.org", "a@b@c"] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }
}
