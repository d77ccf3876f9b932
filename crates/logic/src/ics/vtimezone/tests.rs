use super::*;

fn utc(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn text(zone: Tz, first: i32, last: i32) -> String {
    vtimezone_lines(zone, first, last)
        .into_iter()
        .map(|(k, v)| format!("{k}:{v}\n"))
        .collect()
}

#[test]
fn chicago_2016_changes_to_the_second() {
    let found = transitions(
        chrono_tz::America::Chicago,
        utc("2016-01-01 00:00:00"),
        utc("2017-01-01 00:00:00"),
    );
    assert_eq!(
        found,
        [
            Transition {
                at: utc("2016-03-13 08:00:00"),
                from: -6 * 3600,
                to: -5 * 3600,
                daylight: true,
                name: "CDT".to_owned(),
            },
            Transition {
                at: utc("2016-11-06 07:00:00"),
                from: -5 * 3600,
                to: -6 * 3600,
                daylight: false,
                name: "CST".to_owned(),
            },
        ]
    );
    assert_eq!(found[0].onset(), utc("2016-03-13 02:00:00"));
    assert_eq!(found[1].onset(), utc("2016-11-06 02:00:00"));
}

#[test]
fn chicago_2016_vtimezone() {
    assert_eq!(
        text(chrono_tz::America::Chicago, 2016, 2016),
        "BEGIN:VTIMEZONE
TZID:America/Chicago
BEGIN:STANDARD
DTSTART:20151101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
TZOFFSETFROM:-0500
TZOFFSETTO:-0600
TZNAME:CST
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:20160313T020000
TZOFFSETFROM:-0600
TZOFFSETTO:-0500
TZNAME:CDT
END:DAYLIGHT
END:VTIMEZONE
"
    );
}

#[test]
fn us_rule_change_of_2007_splits_the_observances() {
    let found = observances(chrono_tz::America::New_York, 2005, 2008);
    let summary: Vec<(bool, String, Option<String>)> = found
        .iter()
        .map(|o| (o.daylight, o.start.to_string(), o.rule.clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                false,
                "2004-10-31 02:00:00".to_owned(),
                Some("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z".to_owned())
            ),
            (
                true,
                "2005-04-03 02:00:00".to_owned(),
                Some("FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z".to_owned())
            ),
            (
                true,
                "2007-03-11 02:00:00".to_owned(),
                Some("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU".to_owned())
            ),
            (
                false,
                "2007-11-04 02:00:00".to_owned(),
                Some("FREQ=YEARLY;BYMONTH=11;BYDAY=1SU".to_owned())
            ),
        ]
    );
}

#[test]
fn southern_hemisphere_sydney() {
    let found = observances(chrono_tz::Australia::Sydney, 2016, 2017);
    let summary: Vec<(bool, String, String, String)> = found
        .iter()
        .map(|o| {
            (
                o.daylight,
                o.start.to_string(),
                o.rule.clone().unwrap_or_default(),
                format_offset(o.to),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                true,
                "2015-10-04 02:00:00".to_owned(),
                "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU".to_owned(),
                "+1100".to_owned()
            ),
            (
                false,
                "2016-04-03 03:00:00".to_owned(),
                "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU".to_owned(),
                "+1000".to_owned()
            ),
        ]
    );
}

#[test]
fn zones_without_changes_get_one_fixed_observance() {
    assert_eq!(
        text(chrono_tz::America::Phoenix, 2016, 2016),
        "BEGIN:VTIMEZONE
TZID:America/Phoenix
BEGIN:STANDARD
DTSTART:19700101T000000
TZOFFSETFROM:-0700
TZOFFSETTO:-0700
TZNAME:MST
END:STANDARD
END:VTIMEZONE
"
    );
    let kolkata = observances(chrono_tz::Asia::Kolkata, 2016, 2016);
    assert_eq!(format_offset(kolkata[0].to), "+0530");
}

#[test]
fn offsets_format() {
    assert_eq!(format_offset(-21600), "-0600");
    assert_eq!(format_offset(19800), "+0530");
    assert_eq!(format_offset(0), "+0000");
    assert_eq!(format_offset(-(3600 + 30 * 60 + 15)), "-013015");
}

/// The transitions replay the zone: the offset they imply equals chrono-tz's
/// at every hour of the years, for zones of both hemispheres and odd offsets.
#[test]
fn transitions_replay_the_zone() {
    let zones = [
        chrono_tz::America::Chicago,
        chrono_tz::Europe::London,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::Asia::Tehran,
        chrono_tz::Europe::Moscow,
    ];
    let (from, to) = (utc("2010-01-01 00:00:00"), utc("2016-01-01 00:00:00"));
    for zone in zones {
        let found = transitions(zone, from, to);
        let mut offset = state_at(zone, from).offset;
        let mut next = found.iter().peekable();
        let mut t = from;
        while t < to {
            while let Some(change) = next.next_if(|c| c.at <= t) {
                assert_eq!(change.from, offset, "{zone} at {}", change.at);
                offset = change.to;
            }
            assert_eq!(offset, state_at(zone, t).offset, "{zone} at {t}");
            t += Duration::minutes(30);
        }
    }
}
