//! The timestamps Forms and spreadsheets write, read and converted.

use super::*;
use DateOrder::{Dmy, Mdy, Ymd};

const CHICAGO: Tz = Tz::America__Chicago;

fn local_text(s: &str, order: DateOrder, tz: Tz) -> Result<String, StampError> {
    local(s, order, tz).map(|t| t.format("%Y-%m-%d %H:%M:%S%.3f").to_string())
}

#[test]
fn zoned_stamps_are_converted_to_the_programs_zone() {
    let cases = [
        // Google Forms' own "Download responses (.csv)".
        (
            "2026/11/03 9:41:12 AM GMT-6",
            Ymd,
            "2026-11-03 09:41:12.000",
        ),
        (
            "2026/11/03 9:41:12 AM GMT-6",
            Mdy,
            "2026-11-03 09:41:12.000",
        ),
        (
            "2026/11/03 9:41:12 AM GMT+5:30",
            Mdy,
            "2026-11-02 22:11:12.000",
        ),
        ("2026/11/03 3:10:00 AM GMT", Mdy, "2026-11-02 21:10:00.000"),
        ("2026/11/03 3:10:00 am UTC", Mdy, "2026-11-02 21:10:00.000"),
        (
            "2026/07/01 9:00:00 AM GMT-5",
            Mdy,
            "2026-07-01 09:00:00.000",
        ),
        // ISO 8601.
        ("2026-11-03T03:10:00Z", Mdy, "2026-11-02 21:10:00.000"),
        ("2026-11-03T09:41:12-06:00", Dmy, "2026-11-03 09:41:12.000"),
        ("2026-11-03T09:41:12+0530", Mdy, "2026-11-02 22:11:12.000"),
        ("2026-11-03T09:41:12.517Z", Mdy, "2026-11-03 03:41:12.517"),
        ("2026-11-03 14:03:22 +05:30", Mdy, "2026-11-03 02:33:22.000"),
        // Abbreviations and IANA names.
        ("11/3/2026 10:41 AM EST", Mdy, "2026-11-03 09:41:00.000"),
        (
            "2026-11-03 10:00 America/New_York",
            Mdy,
            "2026-11-03 09:00:00.000",
        ),
        // No zone: already the program's.
        ("11/3/2026 9:41", Mdy, "2026-11-03 09:41:00.000"),
        ("11/3/26 2:03:22 PM", Mdy, "2026-11-03 14:03:22.000"),
        ("3/11/2026 14:03", Dmy, "2026-11-03 14:03:00.000"),
        // An hour the clocks skip, written without a zone, is as written.
        ("3/8/2026 2:30", Mdy, "2026-03-08 02:30:00.000"),
        // The hour Chicago repeats in the autumn is taken the first time.
        (
            "2026-11-01 01:30 America/Chicago",
            Mdy,
            "2026-11-01 01:30:00.000",
        ),
    ];
    for (s, order, want) in cases {
        assert_eq!(local_text(s, order, CHICAGO).as_deref(), Ok(want), "{s}");
    }
    assert_eq!(
        date("2026/11/03 9:41:12 AM GMT+5:30", Mdy, CHICAGO),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 2).unwrap())
    );
    assert_eq!(
        date("2026/11/03 9:41:12 AM GMT+5:30", Mdy, Tz::Asia__Kolkata),
        Ok(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap())
    );
}

#[test]
fn dates_and_clocks_without_zones() {
    let utc = Tz::UTC;
    let cases = [
        ("11/2/2015", Mdy, "2015-11-02 00:00:00.000"),
        ("11/2/2015 14:03:22", Mdy, "2015-11-02 14:03:22.000"), // Google Sheets
        ("11/2/15 2:03:22 PM", Mdy, "2015-11-02 14:03:22.000"), // Microsoft
        ("11/2/15 12:03:22 AM", Mdy, "2015-11-02 00:03:22.000"),
        ("11/2/15 12:03 pm", Mdy, "2015-11-02 12:03:00.000"),
        ("11/2/15 2:03 p.m.", Mdy, "2015-11-02 14:03:00.000"),
        ("2/11/2015 2:03:22 p. m.", Dmy, "2015-11-02 14:03:22.000"),
        ("11/2/2015, 2:03:22 PM", Mdy, "2015-11-02 14:03:22.000"),
        ("2/11/2015 14:03:22", Dmy, "2015-11-02 14:03:22.000"),
        ("02.11.2015", Dmy, "2015-11-02 00:00:00.000"),
        ("2015-11-02", Mdy, "2015-11-02 00:00:00.000"),
        ("2015-11-02T14:03:22.517Z", Dmy, "2015-11-02 14:03:22.517"),
        ("2015/11/02 14:03", Ymd, "2015-11-02 14:03:00.000"),
        ("3/14/98", Mdy, "1998-03-14 00:00:00.000"),
        (" 2/29/2016 ", Mdy, "2016-02-29 00:00:00.000"),
        // A no-break space (two bytes in UTF-8) between date and time.
        ("11/2/2015\u{a0}14:03", Mdy, "2015-11-02 14:03:00.000"),
    ];
    for (s, order, want) in cases {
        assert_eq!(local_text(s, order, utc).as_deref(), Ok(want), "{s}");
    }
    for bad in [
        "2/30/2015",
        "2015",
        "11/2",
        "yesterday",
        "1/2/345",
        "",
        "11/2/2015 25:00",
        "11/2/2015 13:00 PM",
        "11/2/2015 0:30 AM",
        "11/2/2015 9.41",
        "11/2/2015 9:41:12:10",
        "11/2/2015 9:415",
        "2015-11-02 later",
    ] {
        assert!(parse(bad, Mdy).is_err(), "{bad}");
    }
    let stamp = parse("2026-11-03", Mdy).unwrap();
    assert!(!stamp.has_time && stamp.zone.is_none());
    assert!(parse("2026-11-03 00:00", Mdy).unwrap().has_time);
}

#[test]
fn what_cannot_be_read_says_why() {
    let cases = [
        (
            "25/12/2015",
            Mdy,
            StampError::NotADate {
                text: "25/12/2015".into(),
                order: Mdy,
                reads_as: Some(Dmy),
            },
            "`25/12/2015` is not a date in month/day/year order; it reads as day/month/year",
        ),
        (
            "12/25/2015",
            Dmy,
            StampError::NotADate {
                text: "12/25/2015".into(),
                order: Dmy,
                reads_as: Some(Mdy),
            },
            "`12/25/2015` is not a date in day/month/year order; it reads as month/day/year",
        ),
        (
            "soon",
            Ymd,
            StampError::NotADate {
                text: "soon".into(),
                order: Ymd,
                reads_as: None,
            },
            "`soon` is not a date in year-month-day order",
        ),
        (
            "11/2/2015 25:00",
            Mdy,
            StampError::BadTime {
                text: "11/2/2015 25:00".into(),
            },
            "`11/2/2015 25:00` has a time that cannot be read; write it as 14:03 or 2:03 PM",
        ),
        (
            "2026/11/03 9:41:12 AM EST5",
            Mdy,
            StampError::UnknownZone {
                text: "2026/11/03 9:41:12 AM EST5".into(),
                word: "EST5".into(),
            },
            "`2026/11/03 9:41:12 AM EST5`: the time zone `EST5` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago",
        ),
        (
            "2026/11/03 9:41 Mars",
            Mdy,
            StampError::UnknownZone {
                text: "2026/11/03 9:41 Mars".into(),
                word: "Mars".into(),
            },
            "`2026/11/03 9:41 Mars`: the time zone `Mars` is not known; write it as UTC, GMT-6, GMT+5:30, -06:00 or a name such as America/Chicago",
        ),
    ];
    for (s, order, want, message) in cases {
        let got = parse(s, order).unwrap_err();
        assert_eq!(got, want, "{s}");
        assert_eq!(got.to_string(), message);
    }
    // 2:30 on the night Chicago springs forward does not exist there.
    let skipped = local("2026-03-08 02:30 America/Chicago", Mdy, Tz::UTC).unwrap_err();
    assert_eq!(
        skipped,
        StampError::NoSuchTime {
            text: "2026-03-08 02:30:00".into(),
            zone: CHICAGO
        }
    );
    assert_eq!(
        skipped.to_string(),
        "`2026-03-08 02:30:00` does not exist in America/Chicago: the clocks skipped that hour"
    );
}

#[test]
fn workbook_cells_give_the_same_stamps() {
    let t = NaiveDate::from_ymd_opt(2026, 11, 3)
        .unwrap()
        .and_hms_opt(9, 41, 12)
        .unwrap();
    let from_cell = stamp_of(&Value::DateTime(t), Mdy).unwrap().unwrap();
    let from_text = stamp_of(&Value::Text("11/3/2026 9:41:12".into()), Mdy)
        .unwrap()
        .unwrap();
    assert_eq!(from_cell, from_text);
    assert_eq!(from_cell.local(CHICAGO), Ok(t));
    assert_eq!(from_cell.date(CHICAGO), Ok(t.date()));
    assert_eq!(stamp_of(&Value::Empty, Mdy), Ok(None));
    assert_eq!(stamp_of(&Value::Text("  ".into()), Mdy), Ok(None));
    assert_eq!(
        stamp_of(&Value::Number(46329.0), Mdy),
        Err(StampError::NotADateCell {
            shown: "46329".into()
        })
    );
    assert_eq!(
        stamp_of(&Value::Error(CellError::NotAvailable), Mdy),
        Err(StampError::CellError {
            error: CellError::NotAvailable
        })
    );
    assert_eq!(
        StampError::CellError {
            error: CellError::NotAvailable
        }
        .to_string(),
        "the cell holds the error #N/A"
    );
    // The moment itself, for ordering submissions across a clock change.
    let a = parse("2026-11-01 01:30 -05:00", Mdy)
        .unwrap()
        .in_zone(CHICAGO)
        .unwrap();
    let b = parse("2026-11-01 01:10 -06:00", Mdy)
        .unwrap()
        .in_zone(CHICAGO)
        .unwrap();
    assert!(a < b);
}

#[test]
fn order_words() {
    for w in DateOrder::WORDS {
        assert_eq!(DateOrder::from_word(w).map(DateOrder::word), Some(*w));
    }
    assert_eq!(DateOrder::from_word(" DMY "), Some(Dmy));
    assert_eq!(DateOrder::from_word("iso"), None);
    assert_eq!(DateOrder::default(), Mdy);
}
