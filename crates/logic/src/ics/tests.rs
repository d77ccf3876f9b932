use super::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn info() -> CalendarInfo {
    CalendarInfo {
        program: "Career Development Mentorship Program".to_owned(),
        organization: Some("Anytown Public Library".to_owned()),
        timezone: chrono_tz::America::Chicago,
        stamp: Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).unwrap(),
    }
}

fn workshop(id: &str, day: &str, title: &str) -> IcsEvent {
    IcsEvent {
        id: id.to_owned(),
        title: title.to_owned(),
        date: date(day),
        time: Some(time("14:00")),
        duration_minutes: 150,
        location: Some("Central Library, Meeting Room B".to_owned()),
        topics: vec!["MBTI".to_owned(), "Holland Codes".to_owned()],
        activities: vec!["journaling".to_owned(), "peer discussion".to_owned()],
        ..IcsEvent::default()
    }
}

fn career() -> Vec<IcsEvent> {
    [
        ("2016-01-12", "Career & Personality Assessments"),
        ("2016-02-09", "Career Research and Decision-Making"),
        ("2016-03-08", "SMART Goals"),
        ("2016-04-12", "Personal SWOT & Mission Statements"),
        ("2016-05-10", "Resume & Cover Letter"),
        ("2016-06-14", "Vision Boards"),
        ("2016-08-09", "Mock Interviews"),
        ("2016-09-13", "Guest Speakers"),
        ("2016-10-11", "Reflections & Celebration"),
    ]
    .into_iter()
    .map(|(day, title)| {
        let id = crate::schedule::session_id(date(day), title);
        workshop(&id, day, title)
    })
    .collect()
}

/// RFC 5545's rules for the shape of the text.
fn assert_well_formed(text: &str) {
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    let mut depth = Vec::new();
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "longer than 75 octets: {line:?}");
        if let Some(name) = line.strip_prefix("BEGIN:") {
            depth.push(name);
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(depth.pop(), Some(name));
        }
    }
    assert!(depth.is_empty());
}

fn events_in(text: &str) -> Vec<String> {
    text.split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|e| e.split("END:VEVENT").next().unwrap().to_owned())
        .collect()
}

#[test]
fn career_calendar() {
    let out = export(&info(), &career(), &SequenceState::default());
    let text = &out.text;
    assert_well_formed(text);
    assert!(text.starts_with(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//mentorkit//mentorkit//EN\r\n\
         CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n\
         X-WR-CALNAME:Career Development Mentorship Program\r\n\
         X-WR-TIMEZONE:America/Chicago\r\nBEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n"
    ));
    assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
    let events = events_in(text);
    assert_eq!(events.len(), 9);
    assert_eq!(
        events[0],
        "DESCRIPTION:Topics: MBTI\\, Holland Codes\\nActivities: journaling\\, peer dis\r\n \
         cussion\r\n\
         DTEND;TZID=America/Chicago:20160112T163000\r\n\
         DTSTAMP:20160101T000000Z\r\n\
         DTSTART;TZID=America/Chicago:20160112T140000\r\n\
         LOCATION:Central Library\\, Meeting Room B\r\n\
         SEQUENCE:0\r\n\
         SUMMARY:Career & Personality Assessments\r\n\
         UID:2016-01-12-career-personality-assessments-cf947c1c@mentorkit\r\n"
    );
    // Summer sessions keep 14:00 on the local clock.
    assert!(events[4].contains("DTSTART;TZID=America/Chicago:20160510T140000\r\n"));
    assert!(events[8].contains("DTEND;TZID=America/Chicago:20161011T163000\r\n"));
    // The one zone definition covers both sides of DST.
    assert!(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20160313T020000\r\n"));
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"));
    assert!(out.state.events.values().all(|e| e.sequence == 0));
    assert_eq!(out.state.events.len(), 9);
}

#[test]
fn same_inputs_same_bytes() {
    let a = export(&info(), &career(), &SequenceState::default());
    let mut reversed = career();
    reversed.reverse();
    let b = export(&info(), &reversed, &SequenceState::default());
    assert_eq!(a, b);
    // Exporting again from the remembered state changes nothing.
    let c = export(&info(), &career(), &a.state);
    assert_eq!(a, c);
}

#[test]
fn uids_differ_between_programs_and_not_between_runs() {
    let mut other = info();
    other.program = "Library Technology Mentoring".to_owned();
    let id = "2016-01-12-career-personality-assessments";
    assert_eq!(uid(&info(), id), uid(&info(), id));
    assert_ne!(uid(&info(), id), uid(&other, id));
    assert!(uid(&other, id).ends_with("@mentorkit"));
}

#[test]
fn a_changed_session_gets_the_next_sequence() {
    let first = export(&info(), &career(), &SequenceState::default());
    let mut moved = career();
    moved[2].location = Some("Branch Library, Room 1".to_owned());
    let second = export(&info(), &moved, &first.state);
    let events = events_in(&second.text);
    assert!(events[2].contains("SEQUENCE:1\r\n"), "{}", events[2]);
    for (n, e) in events.iter().enumerate() {
        if n != 2 {
            assert!(e.contains("SEQUENCE:0\r\n"), "{e}");
        }
    }
    // Moving it back is a change too: the number never goes down.
    let third = export(&info(), &career(), &second.state);
    assert!(events_in(&third.text)[2].contains("SEQUENCE:2\r\n"));
    // A session that disappears keeps its memory.
    let fewer = export(&info(), &career()[..3], &third.state);
    assert_eq!(fewer.state.events.len(), 9);
}

#[test]
fn text_is_escaped_and_folded() {
    let mut e = workshop(
        "2016-01-12-x",
        "2016-01-12",
        "Goals; plans, and\\ more\r\nsecond line",
    );
    e.location =
        Some("Salle de réunion « B », 2ᵉ étage — Bibliothèque centrale, Montréal".to_owned());
    e.topics = vec!["a".repeat(200)];
    let text = export(&info(), &[e], &SequenceState::default()).text;
    assert_well_formed(&text);
    assert!(text.contains("SUMMARY:Goals\\; plans\\, and\\\\ more\\nsecond line\r\n"));
    // Folding never splits a UTF-8 character.
    for line in text.split_terminator("\r\n") {
        assert!(std::str::from_utf8(line.as_bytes()).is_ok());
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(
        "LOCATION:Salle de réunion « B »\\, 2ᵉ étage — Bibliothèque centrale\\, Montréal\r\n"
    ));
}

#[test]
fn online_sessions_have_a_url() {
    let mut e = workshop("2016-01-12-x", "2016-01-12", "Virtual Check-in");
    e.location = None;
    e.online = Some("https://meet.example.org/abc-defg-hij".to_owned());
    e.modality = Some("virtual".to_owned());
    e.people = vec!["Ana Ruiz".to_owned(), "Bo Li".to_owned()];
    let text = export(&info(), &[e], &SequenceState::default())
        .text
        .replace("\r\n ", "");
    assert!(text.contains("URL:https://meet.example.org/abc-defg-hij\r\n"));
    assert!(text.contains("LOCATION:https://meet.example.org/abc-defg-hij\r\n"));
    assert!(text.contains(
        "Participants: Ana Ruiz\\, Bo Li\\nModality: virtual\\nJoin online: https://meet.example.org/abc-defg-hij\r\n"
    ));
}

#[test]
fn a_session_across_the_fall_back_lasts_its_duration() {
    // 23:00 CDT on 5 November plus four hours is 02:00 CST: five clock hours.
    let mut e = workshop("2016-11-05-lock-in", "2016-11-05", "Lock-in");
    e.time = Some(time("23:00"));
    e.duration_minutes = 240;
    let (start, end) = local_span(chrono_tz::America::Chicago, &e);
    assert_eq!(start.to_string(), "2016-11-05 23:00:00");
    assert_eq!(end.to_string(), "2016-11-06 02:00:00");
    // And across the spring gap: 01:00 CST plus two hours is 04:00 CDT.
    e.date = date("2016-03-13");
    e.time = Some(time("01:00"));
    e.duration_minutes = 120;
    let (_, end) = local_span(chrono_tz::America::Chicago, &e);
    assert_eq!(end.to_string(), "2016-03-13 04:00:00");
}

#[test]
fn events_spanning_new_year_cover_both_years() {
    let mut e = workshop("2016-12-31-party", "2016-12-31", "Party");
    e.time = Some(time("22:00"));
    e.duration_minutes = 240;
    let text = export(&info(), &[e], &SequenceState::default()).text;
    assert!(text.contains("DTEND;TZID=America/Chicago:20170101T020000\r\n"));
    assert!(text.contains(
        "BEGIN:DAYLIGHT\r\nDTSTART:20160313T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
    ));
}

#[test]
fn an_empty_calendar_is_still_a_calendar() {
    let text = export(&info(), &[], &SequenceState::default()).text;
    assert_well_formed(&text);
    assert!(!text.contains("VTIMEZONE"));
}

#[test]
fn the_icalendar_parser_reads_it_back() {
    let text = export(&info(), &career(), &SequenceState::default()).text;
    let parsed: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = parsed.events().collect();
    assert_eq!(events.len(), 9);
    assert_eq!(
        events[0].get_summary(),
        Some("Career & Personality Assessments")
    );
    assert_eq!(
        events[0].get_location(),
        Some("Central Library, Meeting Room B")
    );
    assert_eq!(
        events[0].get_description(),
        Some("Topics: MBTI, Holland Codes\nActivities: journaling, peer discussion")
    );
}

/// The independent check: Python's icalendar parses the file, resolves each
/// DTSTART, and turns our VTIMEZONE into a tzinfo whose offsets must agree
/// with the tz database at every event. Skipped, with a notice, where Python's
/// icalendar is not installed (`.ci/run` installs it).
#[test]
fn python_icalendar_reads_it_back() {
    let mut events = career();
    // Both DST edges: the Sunday mornings of the changes.
    let mut spring = workshop("2016-03-13-spring", "2016-03-13", "Spring");
    spring.time = Some(time("03:30"));
    let mut fall = workshop("2016-11-06-fall", "2016-11-06", "Fall");
    fall.time = Some(time("01:30"));
    events.extend([spring, fall]);
    let text = export(&info(), &events, &SequenceState::default()).text;
    let Some(report) = crate::ics::python_check::run(&text) else {
        return;
    };
    let mut lines: Vec<&str> = report.lines().collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "2016-01-12-career-personality-assessments 2016-01-12T20:00:00+00:00 -21600 -21600",
            "2016-02-09-career-research-and-decision-making 2016-02-09T20:00:00+00:00 -21600 -21600",
            "2016-03-08-smart-goals 2016-03-08T20:00:00+00:00 -21600 -21600",
            "2016-03-13-spring 2016-03-13T08:30:00+00:00 -18000 -18000",
            "2016-04-12-personal-swot-mission-statements 2016-04-12T19:00:00+00:00 -18000 -18000",
            "2016-05-10-resume-cover-letter 2016-05-10T19:00:00+00:00 -18000 -18000",
            "2016-06-14-vision-boards 2016-06-14T19:00:00+00:00 -18000 -18000",
            "2016-08-09-mock-interviews 2016-08-09T19:00:00+00:00 -18000 -18000",
            "2016-09-13-guest-speakers 2016-09-13T19:00:00+00:00 -18000 -18000",
            "2016-10-11-reflections-celebration 2016-10-11T19:00:00+00:00 -18000 -18000",
            "2016-11-06-fall 2016-11-06T06:30:00+00:00 -18000 -18000",
            "calendar ok 11 events",
        ]
    );
}

/// Our VTIMEZONE, read by Python's icalendar as a tzinfo of its own, agrees
/// with the tz database on every event of two years, in zones of both
/// hemispheres, with half-hour DST (Lord Howe), without DST (Phoenix), and
/// across a rule change (the US in 2007).
#[test]
fn python_agrees_with_our_vtimezone_in_many_zones() {
    let zones = [
        (chrono_tz::America::Chicago, 2016),
        (chrono_tz::America::New_York, 2006),
        (chrono_tz::Europe::London, 2016),
        (chrono_tz::Australia::Sydney, 2016),
        (chrono_tz::Australia::Lord_Howe, 2016),
        (chrono_tz::America::Phoenix, 2016),
        (chrono_tz::Asia::Kolkata, 2016),
        (chrono_tz::America::Sao_Paulo, 2017),
    ];
    for (zone, year) in zones {
        let mut info = info();
        info.timezone = zone;
        // Every other week for two years, at an hour near the usual changes.
        let start = NaiveDate::from_ymd_opt(year, 1, 3).unwrap();
        let events: Vec<IcsEvent> = (0..53)
            .map(|n| {
                let day = start + chrono::Days::new(14 * n);
                let mut e = workshop(&format!("{day}-w"), &day.to_string(), "W");
                e.time = Some(time("03:30"));
                e
            })
            .collect();
        let text = export(&info, &events, &SequenceState::default()).text;
        let Some(report) = crate::ics::python_check::run(&text) else {
            return;
        };
        let lines: Vec<&str> = report.lines().collect();
        assert_eq!(lines.last(), Some(&"calendar ok 53 events"), "{zone}");
        for line in &lines[..lines.len() - 1] {
            let parts: Vec<&str> = line.split(' ').collect();
            assert_eq!(parts[2], parts[3], "{zone}: {line}");
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text a coordinator types survives: the file stays well formed
        /// and the icalendar parser gives the same text back.
        #[test]
        fn any_text_round_trips(
            title in "[ -~àéü€😀\\\\;,:\"\n]{1,120}",
            place in "[ -~ßø漢字\\\\;,\n]{0,200}",
        ) {
            let mut e = workshop("2016-01-12-x", "2016-01-12", &title);
            e.location = Some(place.clone());
            let text = export(&info(), &[e], &SequenceState::default()).text;
            assert_well_formed(&text);
            let parsed: icalendar::Calendar = text.parse().unwrap();
            let event = parsed.events().next().unwrap();
            let cleaned = clean(&title);
            let want_title = if cleaned.is_empty() { None } else { Some(cleaned.as_str()) };
            prop_assert_eq!(event.get_summary().filter(|s| !s.is_empty()), want_title);
            let place = clean(&place);
            if !place.is_empty() {
                prop_assert_eq!(event.get_location(), Some(place.as_str()));
            }
        }
    }
}

#[test]
fn refold_keeps_every_line_within_75_octets() {
    // Regression: icalendar 0.17.17 folded a 150-octet line into 75 + 76.
    let long = format!("DESCRIPTION:{}\r\n", "x".repeat(138));
    let want = format!(
        "DESCRIPTION:{}\r\n {}\r\n x\r\n",
        "x".repeat(63),
        "x".repeat(74)
    );
    assert_eq!(refold(&long), want);
    // Already folded text is unfolded first, so refolding is idempotent.
    assert_eq!(refold(&want), want);
    // Multi-byte characters are never cut.
    let wide = format!("SUMMARY:{}\r\n", "€".repeat(40));
    for line in refold(&wide).split_terminator("\r\n") {
        assert!(line.len() <= 75);
    }
    assert_eq!(refold(&wide).replace("\r\n ", ""), wide);
}

#[test]
fn a_session_without_a_time_is_an_all_day_event() {
    let mut e = workshop("2016-05-01-open-house", "2016-05-01", "Open House");
    e.time = None;
    let text = export(&info(), &[e], &SequenceState::default()).text;
    assert_well_formed(&text);
    assert!(text.contains("DTSTART;VALUE=DATE:20160501\r\n"), "{text}");
    assert!(text.contains("DTEND;VALUE=DATE:20160502\r\n"));
    // No timed event, so no zone definition is needed.
    assert!(!text.contains("VTIMEZONE"));
}
