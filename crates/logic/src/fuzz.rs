//! Property-driven fuzzing of the Forms importer's pieces (the export read
//! through mentorkit-sheet, then through a map) and of the recurrence path: arbitrary and corrupted input gives a value or an error,
//! never a panic or a hang. Loaders are fuzzed in `store::fuzz`. The case
//! count comes from `PROPTEST_CASES`.

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

use crate::intake::map::parse_map;
use crate::intake::rows::read_rows;
use crate::intake::values::{
    DateOrder, parse_bool, parse_date, parse_slots, read_slots, split_list,
};
use crate::schedule::{Recurrence, WorkshopDefaults, expand, plan_workshops};

const GOOGLE: &str = include_str!("../../../tests/fixtures/intake/google.csv");
const GOOGLE_MAP: &str = include_str!("../../../tests/fixtures/intake/google-map.toml");

use mentorkit_testkit::mutated;

const CSV_PIECES: &[&str] = &[
    "\"",
    "\"\"",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    ";",
    "\t",
    "=1+1",
    "13/45/2015",
    "2/30/2016",
    "Yes",
    "Maybe",
    "Tuesday afternoon",
    "someday",
    "é",
    "\u{0}",
];

const RULE_PIECES: &[&str] = &[
    "FREQ=",
    "DAILY",
    "WEEKLY",
    "MONTHLY",
    "YEARLY",
    "SECONDLY",
    ";",
    "BYDAY=",
    "2TU",
    "-1FR",
    "99MO",
    "COUNT=",
    "0",
    "-3",
    "999999999",
    "UNTIL=",
    "20160101T000000Z",
    "INTERVAL=",
    "BYSETPOS=",
    "BYMONTHDAY=31",
    "BYHOUR=25",
    "=",
    "\n",
    "RRULE:",
];

fn recurrence(rule: String, ends: Option<NaiveDate>) -> Recurrence {
    Recurrence {
        first: NaiveDate::from_ymd_opt(2016, 1, 12).unwrap_or_default(),
        rule,
        time: NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default(),
        timezone: chrono_tz::America::Chicago,
        skip: vec![NaiveDate::from_ymd_opt(2016, 7, 12).unwrap_or_default()],
        ends,
    }
}

proptest! {
    #[test]
    fn a_corrupted_export_is_read_or_refused(text in mutated(GOOGLE, CSV_PIECES)) {
        let options = mentorkit_sheet::Options::default();
        if let Ok(table) = mentorkit_sheet::read(text.as_bytes(), "google.csv", &options) {
            for r in table.rows() {
                for c in &r.cells {
                    prop_assert!(c.place.line().is_some_and(|l| l >= 1));
                    prop_assert!(c.place.char().is_some_and(|c| c >= 1));
                }
            }
            let map = parse_map(std::path::Path::new("google-map.toml"), GOOGLE_MAP);
            prop_assert!(map.is_ok());
            if let Ok(map) = map
                && let Ok(bound) = map.bind(std::path::Path::new("google-map.toml"), &table)
            {
                let _ = read_rows(&table, &map, &bound, chrono_tz::America::Chicago);
            }
        }
    }

    #[test]
    fn answer_readers_never_panic(s in "\\PC{0,40}") {
        for order in [DateOrder::Mdy, DateOrder::Dmy, DateOrder::Ymd] {
            let _ = parse_date(&s, order);
        }
        let _ = parse_bool(&s);
        let _ = split_list(&s);
        let _ = parse_slots(&s, None);
        let _ = parse_slots(&s, Some(1));
        let _ = read_slots(&s, Some(1));
    }

    #[test]
    fn any_rule_expands_or_is_refused(rule in mutated("FREQ=MONTHLY;BYDAY=2TU", RULE_PIECES), bounded in any::<bool>()) {
        let ends = bounded.then(|| NaiveDate::from_ymd_opt(2016, 10, 31).unwrap_or_default());
        let r = recurrence(rule, ends);
        let _ = expand(&r, 12);
        let _ = plan_workshops(&r, &WorkshopDefaults::default(), &[]);
    }
}
