//! The filters our templates use, registered in one place ([`register`]).
//! Each turns a context value into words for print; missing values (null)
//! print as an em dash, so a template never shows `None` or fails on a gap.
//! Their output is plain text, escaped like any other value.

use chrono::{Datelike, NaiveDate};
use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::model::Clock;

/// What a missing number or date prints as.
pub const MISSING: &str = "—";

/// Registers every filter on `tera`.
pub fn register(tera: &mut Tera) {
    tera.register_filter("long_date", |v: &Value, _: Kwargs, _: &State| {
        on_date(v, |d| d.format("%B %-d, %Y").to_string())
    });
    tera.register_filter("weekday", |v: &Value, _: Kwargs, _: &State| {
        on_date(v, |d| d.format("%A").to_string())
    });
    tera.register_filter("month_day", |v: &Value, _: Kwargs, _: &State| {
        on_date(v, |d| format!("{} {}", d.format("%b"), d.day()))
    });
    tera.register_filter("short_date", |v: &Value, _: Kwargs, _: &State| {
        on_date(v, |d| {
            format!("{} {}, {}", d.format("%b"), d.day(), d.year())
        })
    });
    tera.register_filter(
        "clock",
        |v: &Value, kw: Kwargs, state: &State| -> TeraResult<String> {
            let given = kw.get::<String>("clock")?;
            let program = state.get::<Value>("program")?;
            let from_program = program
                .as_ref()
                .and_then(|p| p.get_from_path("clock"))
                .and_then(Value::as_str)
                .map(str::to_string);
            let clock = given
                .or(from_program)
                .and_then(|c| c.parse::<Clock>().ok())
                .unwrap_or(Clock::TwentyFour);
            Ok(match v.as_str() {
                Some(s) => clock_time(s, clock),
                None if v.is_none() || v.is_undefined() => String::new(),
                None => v.to_string(),
            })
        },
    );
    tera.register_filter("slot", |v: &str, _: Kwargs, _: &State| slot_words(v));
    tera.register_filter("month_year", |v: &Value, _: Kwargs, _: &State| {
        on_date(v, |d| d.format("%b %Y").to_string())
    });
    tera.register_filter(
        "percent",
        |v: &Value, _: Kwargs, _: &State| -> TeraResult<String> { Ok(percent(v.as_f64())) },
    );
    tera.register_filter(
        "decimal",
        |v: &Value, kw: Kwargs, _: &State| -> TeraResult<String> {
            Ok(decimal(v.as_f64(), digits(&kw)?))
        },
    );
    tera.register_filter(
        "signed",
        |v: &Value, kw: Kwargs, _: &State| -> TeraResult<String> {
            Ok(signed(v.as_f64(), digits(&kw)?))
        },
    );
    tera.register_filter("label", |v: &str, _: Kwargs, _: &State| label(v));
    tera.register_filter("words", |v: &Value, _: Kwargs, _: &State| -> Value {
        match (v.as_str(), v.as_array()) {
            (Some(s), _) => words(s).into(),
            (_, Some(items)) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), words))
                .collect::<Vec<String>>()
                .into(),
            _ => v.clone(),
        }
    });
    tera.register_filter("prose_list", |v: Vec<String>, _: Kwargs, _: &State| {
        prose_list(&v)
    });
}

fn digits(kw: &Kwargs) -> TeraResult<usize> {
    Ok(kw.get::<u64>("digits")?.unwrap_or(1).min(6) as usize)
}

/// Applies `f` to a `YYYY-MM-DD` string; other text passes unchanged,
/// null prints as nothing.
fn on_date(v: &Value, f: impl Fn(NaiveDate) -> String) -> String {
    match v.as_str() {
        Some(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => f(d),
            Err(_) => s.to_string(),
        },
        None if v.is_none() || v.is_undefined() => String::new(),
        None => v.to_string(),
    }
}

/// `14:00` on `clock`: `2:00 PM` or `14:00`; other text passes unchanged.
pub fn clock_time(text: &str, clock: Clock) -> String {
    let parsed = text.trim().split_once(':').and_then(|(h, m)| {
        let hour: u8 = h.parse().ok()?;
        let minute: u8 = m.parse().ok()?;
        (hour < 24 && minute < 60 && m.len() == 2).then_some((hour, minute))
    });
    match parsed {
        Some((hour, minute)) => clock.format(hour, minute),
        None => text.to_string(),
    }
}

/// A weekly slot in words: `tue-pm` → `Tuesday afternoon`; other text
/// passes unchanged.
pub fn slot_words(text: &str) -> String {
    const DAYS: [&str; 7] = crate::model::values::DAY_NAMES;
    const PARTS: [&str; 3] = ["morning", "afternoon", "evening"];
    match text.parse::<crate::model::Slot>() {
        Ok(slot) => format!(
            "{} {}",
            DAYS[usize::from(slot.day) % 7],
            PARTS[usize::from(slot.part) % 3]
        ),
        Err(_) => text.to_string(),
    }
}

/// `0.875` → `88%`.
pub fn percent(v: Option<f64>) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{:.0}%", x * 100.0),
        _ => MISSING.to_string(),
    }
}

/// `2.345` → `2.3` (with `digits` decimals).
pub fn decimal(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{:.*}", digits, x),
        _ => MISSING.to_string(),
    }
}

/// A change with its sign: `+1.3`, `−0.5` (a true minus sign), `0.0`.
pub fn signed(v: Option<f64>, digits: usize) -> String {
    match v {
        Some(x) if x.is_finite() => {
            let text = format!("{:.*}", digits, x.abs());
            let zero = text.chars().all(|c| c == '0' || c == '.');
            match () {
                _ if zero => text,
                _ if x < 0.0 => format!("−{text}"),
                _ => format!("+{text}"),
            }
        }
        _ => MISSING.to_string(),
    }
}

/// A status or key word as a label: `in-progress` → `In progress`,
/// `job_satisfaction` → `Job satisfaction`.
pub fn label(word: &str) -> String {
    let spaced = word.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key as words: `career-plan` → `career plan`.
pub fn words(word: &str) -> String {
    word.replace(['-', '_'], " ")
}

/// `[a, b, c]` → `a, b and c`.
pub fn prose_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders `template` with our filters and `value` as `v`.
    fn render(template: &str, value: serde_json::Value) -> String {
        let mut tera = Tera::new();
        register(&mut tera);
        tera.add_raw_template("t.txt", template).unwrap();
        let ctx = tera::Context::from_serialize(&serde_json::json!({ "v": value })).unwrap();
        tera.render("t.txt", &ctx).unwrap()
    }

    #[test]
    fn long_date() {
        assert_eq!(
            render("{{ v | long_date }}", "2016-01-12".into()),
            "January 12, 2016"
        );
        assert_eq!(render("{{ v | long_date }}", "present".into()), "present");
        assert_eq!(render("{{ v | long_date }}", serde_json::Value::Null), "");
    }

    #[test]
    fn weekday() {
        assert_eq!(render("{{ v | weekday }}", "2016-01-12".into()), "Tuesday");
    }

    #[test]
    fn month_day() {
        assert_eq!(render("{{ v | month_day }}", "2016-08-09".into()), "Aug 9");
    }

    #[test]
    fn short_date() {
        assert_eq!(
            render("{{ v | short_date }}", "2016-08-09".into()),
            "Aug 9, 2016"
        );
        assert_eq!(render("{{ v | short_date }}", serde_json::Value::Null), "");
    }

    #[test]
    fn clock() {
        let render_with = |template: &str, clock: Option<&str>| {
            let mut tera = Tera::new();
            register(&mut tera);
            tera.add_raw_template("t.txt", template).unwrap();
            let ctx = tera::Context::from_serialize(&serde_json::json!({
                "v": "14:05",
                "program": {"clock": clock},
            }))
            .unwrap();
            tera.render("t.txt", &ctx).unwrap()
        };
        assert_eq!(render_with("{{ v | clock }}", Some("12h")), "2:05 PM");
        assert_eq!(render_with("{{ v | clock }}", Some("24h")), "14:05");
        // No clock in the program: 24h; a keyword overrides the program.
        assert_eq!(render_with("{{ v | clock }}", None), "14:05");
        assert_eq!(
            render_with("{{ v | clock(clock=\"12h\") }}", Some("24h")),
            "2:05 PM"
        );
        assert_eq!(render("{{ v | clock }}", "00:30".into()), "00:30");
        assert_eq!(render("{{ v | clock }}", "noon".into()), "noon");
        assert_eq!(render("{{ v | clock }}", serde_json::Value::Null), "");
        assert_eq!(clock_time("00:30", Clock::Twelve), "12:30 AM");
        assert_eq!(clock_time("12:00", Clock::Twelve), "12:00 PM");
    }

    #[test]
    fn slot() {
        assert_eq!(
            render("{{ v | slot }}", "tue-pm".into()),
            "Tuesday afternoon"
        );
        assert_eq!(render("{{ v | slot }}", "SUN-EVE".into()), "Sunday evening");
        assert_eq!(render("{{ v | slot }}", "noon".into()), "noon");
    }

    #[test]
    fn month_year() {
        assert_eq!(
            render("{{ v | month_year }}", "2016-10-31".into()),
            "Oct 2016"
        );
    }

    #[test]
    fn percent() {
        assert_eq!(render("{{ v | percent }}", 0.875.into()), "88%");
        assert_eq!(render("{{ v | percent }}", 1.into()), "100%");
        assert_eq!(render("{{ v | percent }}", serde_json::Value::Null), "—");
    }

    #[test]
    fn decimal() {
        assert_eq!(render("{{ v | decimal }}", 2.345.into()), "2.3");
        assert_eq!(render("{{ v | decimal(digits=2) }}", 4.into()), "4.00");
        assert_eq!(render("{{ v | decimal }}", serde_json::Value::Null), "—");
    }

    #[test]
    fn signed() {
        assert_eq!(render("{{ v | signed }}", 1.25.into()), "+1.2");
        assert_eq!(render("{{ v | signed }}", (-0.5).into()), "−0.5");
        assert_eq!(render("{{ v | signed }}", (-0.01).into()), "0.0");
        assert_eq!(render("{{ v | signed(digits=0) }}", 2.into()), "+2");
        assert_eq!(render("{{ v | signed }}", serde_json::Value::Null), "—");
    }

    #[test]
    fn label() {
        assert_eq!(
            render("{{ v | label }}", "in-progress".into()),
            "In progress"
        );
        assert_eq!(
            render("{{ v | label }}", "job_satisfaction".into()),
            "Job satisfaction"
        );
        assert_eq!(render("{{ v | label }}", "".into()), "");
    }

    #[test]
    fn words() {
        assert_eq!(
            render("{{ v | words }}", "career-plan".into()),
            "career plan"
        );
        assert_eq!(
            render(
                "{{ v | words | prose_list }}",
                serde_json::json!(["vision-board", "resume"])
            ),
            "vision board and resume"
        );
    }

    #[test]
    fn prose_list() {
        let list = |v: &[&str]| serde_json::json!(v);
        assert_eq!(render("{{ v | prose_list }}", list(&[])), "");
        assert_eq!(render("{{ v | prose_list }}", list(&["a"])), "a");
        assert_eq!(render("{{ v | prose_list }}", list(&["a", "b"])), "a and b");
        assert_eq!(
            render("{{ v | prose_list }}", list(&["a", "b", "c"])),
            "a, b and c"
        );
    }
}
