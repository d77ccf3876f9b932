use chrono::Datelike;

use super::*;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn items(titles: &[&str]) -> Vec<CurriculumItem> {
    titles
        .iter()
        .map(|t| CurriculumItem {
            title: (*t).to_owned(),
            topics: vec![format!("{t} topic")],
            activities: vec!["journaling".to_owned()],
            ..CurriculumItem::default()
        })
        .collect()
}

const CAREER: [&str; 9] = [
    "Career & Personality Assessments",
    "Career Research and Decision-Making",
    "SMART Goals",
    "Personal SWOT & Mission Statements",
    "Resume & Cover Letter",
    "Vision Boards",
    "Mock Interviews",
    "Guest Speakers",
    "Reflections & Celebration",
];

fn career() -> Recurrence {
    Recurrence {
        first: date("2016-01-12"),
        rule: "FREQ=MONTHLY;BYDAY=2TU".to_owned(),
        time: time("14:00"),
        timezone: chrono_tz::America::Chicago,
        skip: vec![date("2016-07-12")],
        ends: Some(date("2016-09-30")),
    }
}

fn defaults() -> WorkshopDefaults {
    WorkshopDefaults {
        duration_minutes: 150,
        location: Some("Central Library, Meeting Room B".to_owned()),
        online: None,
    }
}

fn dates(plan: &Plan) -> Vec<String> {
    plan.sessions.iter().map(|s| s.date.to_string()).collect()
}

#[test]
fn career_program_nine_second_tuesdays_with_july_skipped() {
    let plan = plan_workshops(&career(), &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(
        dates(&plan),
        [
            "2016-01-12",
            "2016-02-09",
            "2016-03-08",
            "2016-04-12",
            "2016-05-10",
            "2016-06-14",
            "2016-08-09",
            "2016-09-13",
            "2016-10-11",
        ]
    );
    assert_eq!(plan.end, PlanEnd::CurriculumUsedUp);
    assert_eq!(plan.closures, [date("2016-07-12")]);
    let first = &plan.sessions[0];
    assert_eq!(first.id, "2016-01-12-career-personality-assessments");
    assert_eq!(first.number, 1);
    assert_eq!(first.time, time("14:00"));
    assert_eq!(first.duration_minutes, 150);
    assert_eq!(first.topics, ["Career & Personality Assessments topic"]);
    assert_eq!(
        first.location.as_deref(),
        Some("Central Library, Meeting Room B")
    );
    for s in &plan.sessions {
        assert_eq!(s.date.weekday(), chrono::Weekday::Tue);
        assert!(
            (8..=14).contains(&s.date.day()),
            "{} is a second Tuesday",
            s.date
        );
    }
    // The closure pushes the ninth workshop past `ends`: kept, and said so.
    assert_eq!(
        plan.notes,
        [PlanNote::PastEnds {
            id: "2016-10-11-reflections-celebration".to_owned(),
            date: date("2016-10-11"),
            ends: date("2016-09-30"),
        }]
    );
    assert_eq!(
        plan.notes[0].to_string(),
        "closures push `2016-10-11-reflections-celebration` to 2016-10-11, \
         after the program ends on 2016-09-30"
    );
    assert!(plan.notes[0].is_warning());
}

#[test]
fn ids_sort_by_date() {
    let plan = plan_workshops(&career(), &defaults(), &items(&CAREER)).unwrap();
    let ids: Vec<&String> = plan.sessions.iter().map(|s| &s.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
}

#[test]
fn without_closures_the_curriculum_fits_in_nine_months() {
    let mut recurrence = career();
    recurrence.skip.clear();
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(plan.sessions.len(), 9);
    assert_eq!(plan.sessions[8].date, date("2016-09-13"));
    assert_eq!(plan.end, PlanEnd::CurriculumUsedUp);
    assert!(plan.notes.is_empty(), "{:?}", plan.notes);
    assert!(plan.closures.is_empty());
}

#[test]
fn ends_reached_before_the_curriculum_is_used_up() {
    let mut recurrence = career();
    recurrence.ends = Some(date("2016-05-31"));
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    // Five rule dates up to the end of May, no closure among them.
    assert_eq!(plan.sessions.len(), 5);
    assert_eq!(plan.end, PlanEnd::EndsReached);
    let PlanNote::CurriculumDoesNotFit {
        scheduled,
        entries,
        left_out,
    } = &plan.notes[0]
    else {
        panic!("{:?}", plan.notes)
    };
    assert_eq!((*scheduled, *entries), (5, 9));
    assert_eq!(left_out[0], "Vision Boards");
    assert!(plan.notes[0].to_string().starts_with(
        "the curriculum does not fit: 5 of 9 entries have a date; without one: Vision Boards; "
    ));
}

#[test]
fn a_rule_with_fewer_dates_than_the_curriculum() {
    let mut recurrence = career();
    recurrence.rule = "FREQ=MONTHLY;BYDAY=2TU;COUNT=4".to_owned();
    recurrence.skip = vec![date("2016-03-08")];
    recurrence.ends = None;
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(dates(&plan), ["2016-01-12", "2016-02-09", "2016-04-12"]);
    assert_eq!(plan.end, PlanEnd::RuleExhausted);
    assert_eq!(plan.end.to_string(), "the rule has no more dates");
    assert!(matches!(
        plan.notes[0],
        PlanNote::CurriculumDoesNotFit {
            scheduled: 3,
            entries: 9,
            ..
        }
    ));
}

#[test]
fn until_in_the_rule_stops_it_too() {
    let mut recurrence = career();
    recurrence.rule = "FREQ=MONTHLY;BYDAY=2TU;UNTIL=20160301T000000Z".to_owned();
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(dates(&plan), ["2016-01-12", "2016-02-09"]);
    assert_eq!(plan.end, PlanEnd::RuleExhausted);
}

#[test]
fn a_short_curriculum_leaves_dates_over() {
    let plan = plan_workshops(&career(), &defaults(), &items(&CAREER[..3])).unwrap();
    assert_eq!(plan.sessions.len(), 3);
    assert_eq!(plan.end, PlanEnd::CurriculumUsedUp);
    assert_eq!(
        plan.notes,
        [PlanNote::DatesLeftOver {
            unused: 5,
            last: date("2016-03-08"),
            ends: date("2016-09-30"),
        }]
    );
    assert!(!plan.notes[0].is_warning());
    // A closure after the last workshop moved nothing.
    assert!(plan.closures.is_empty());
}

#[test]
fn a_skip_date_off_the_rule_is_reported() {
    let mut recurrence = career();
    recurrence.skip = vec![date("2016-07-13")];
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(plan.sessions[6].date, date("2016-07-12"));
    assert_eq!(
        plan.notes,
        [PlanNote::SkipNotOnRule {
            date: date("2016-07-13")
        }]
    );
}

#[test]
fn first_off_the_rule_starts_at_the_rules_first_date() {
    let mut recurrence = career();
    recurrence.first = date("2016-01-01");
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER[..1])).unwrap();
    assert_eq!(plan.sessions[0].date, date("2016-01-12"));
    assert_eq!(
        plan.notes[0].to_string(),
        "first = 2016-01-01 is not a date of the rule; the first workshop is on 2016-01-12"
    );
}

#[test]
fn two_closures_in_a_row_move_twice() {
    let mut recurrence = career();
    recurrence.skip = vec![date("2016-02-09"), date("2016-03-08")];
    recurrence.ends = None;
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER[..3])).unwrap();
    assert_eq!(dates(&plan), ["2016-01-12", "2016-04-12", "2016-05-10"]);
    assert_eq!(plan.closures.len(), 2);
}

#[test]
fn weekly_rule_across_both_dst_changes_keeps_local_time() {
    // Chicago springs forward on 2016-03-13 and falls back on 2016-11-06.
    let recurrence = Recurrence {
        first: date("2016-03-06"),
        rule: "FREQ=WEEKLY;BYDAY=SU".to_owned(),
        time: time("01:30"),
        timezone: chrono_tz::America::Chicago,
        skip: Vec::new(),
        ends: Some(date("2016-03-20")),
    };
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER[..3])).unwrap();
    assert_eq!(dates(&plan), ["2016-03-06", "2016-03-13", "2016-03-20"]);
    assert!(plan.sessions.iter().all(|s| s.time == time("01:30")));
    assert!(plan.notes.is_empty(), "{:?}", plan.notes);

    let expansion = expand(
        &Recurrence {
            first: date("2016-10-30"),
            ends: Some(date("2016-11-13")),
            ..recurrence
        },
        0,
    )
    .unwrap();
    assert_eq!(
        expansion.dates,
        [date("2016-10-30"), date("2016-11-06"), date("2016-11-13")]
    );
}

#[test]
fn clock_changes_at_the_start_time_are_reported() {
    let zone = chrono_tz::America::Chicago;
    assert_eq!(
        local_time_note(zone, date("2016-03-13"), time("02:30"))
            .unwrap()
            .to_string(),
        "02:30 does not exist on 2016-03-13 (clocks spring forward); calendars will move it"
    );
    assert!(matches!(
        local_time_note(zone, date("2016-11-06"), time("01:30")),
        Some(PlanNote::TimeAmbiguous { .. })
    ));
    assert_eq!(
        local_time_note(zone, date("2016-11-06"), time("14:00")),
        None
    );
}

#[test]
fn a_workshop_in_the_spring_gap_is_planned_and_flagged() {
    let recurrence = Recurrence {
        first: date("2016-03-06"),
        rule: "FREQ=WEEKLY".to_owned(),
        time: time("02:30"),
        timezone: chrono_tz::America::Chicago,
        skip: Vec::new(),
        ends: None,
    };
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER[..3])).unwrap();
    assert_eq!(dates(&plan), ["2016-03-06", "2016-03-13", "2016-03-20"]);
    assert_eq!(
        plan.notes,
        [PlanNote::TimeInGap {
            date: date("2016-03-13"),
            time: time("02:30")
        }]
    );
}

#[test]
fn southern_hemisphere_zone() {
    // Sydney: DST ends 2016-04-03, starts 2016-10-02.
    let recurrence = Recurrence {
        first: date("2016-03-27"),
        rule: "FREQ=WEEKLY".to_owned(),
        time: time("09:00"),
        timezone: chrono_tz::Australia::Sydney,
        skip: Vec::new(),
        ends: Some(date("2016-04-10")),
    };
    let expansion = expand(&recurrence, 0).unwrap();
    assert_eq!(expansion.dates.len(), 3);
    assert!(!expansion.exhausted);
}

#[test]
fn bad_rules_are_refused_with_the_reason() {
    let mut recurrence = career();
    recurrence.rule = "FREQ=FORTNIGHTLY".to_owned();
    let err = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the rule `FREQ=FORTNIGHTLY` is not a valid RRULE: "),
        "{err}"
    );
}

#[test]
fn an_endless_rule_without_a_stop_is_refused() {
    let recurrence = Recurrence {
        rule: "FREQ=DAILY".to_owned(),
        ends: None,
        skip: (0..2000)
            .map(|n| date("2016-01-12") + chrono::Days::new(n))
            .collect(),
        ..career()
    };
    let err = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap_err();
    assert_eq!(err, ScheduleError::TooManyDates { limit: MAX_DATES });
}

#[test]
fn rrule_prefix_is_accepted() {
    let mut recurrence = career();
    recurrence.rule = "RRULE:FREQ=MONTHLY;BYDAY=2TU".to_owned();
    let plan = plan_workshops(&recurrence, &defaults(), &items(&CAREER)).unwrap();
    assert_eq!(plan.sessions.len(), 9);
}

#[test]
fn same_title_same_day_gets_distinct_ids() {
    let recurrence = Recurrence {
        rule: "FREQ=DAILY;BYHOUR=9,14".to_owned(),
        time: time("09:00"),
        ends: None,
        skip: Vec::new(),
        ..career()
    };
    // One date a day even when the rule has two times.
    let plan = plan_workshops(&recurrence, &defaults(), &items(&["Open Lab", "Open Lab"])).unwrap();
    assert_eq!(plan.sessions[0].id, "2016-01-12-open-lab");
    assert_eq!(plan.sessions[1].id, "2016-01-13-open-lab");

    let mut taken = BTreeSet::new();
    assert_eq!(
        unique_id(&mut taken, date("2016-01-12"), "Lab"),
        "2016-01-12-lab"
    );
    assert_eq!(
        unique_id(&mut taken, date("2016-01-12"), "Lab"),
        "2016-01-12-lab-2"
    );
    assert_eq!(
        unique_id(&mut taken, date("2016-01-12"), "Lab"),
        "2016-01-12-lab-3"
    );
}

#[test]
fn slugs() {
    let cases = [
        (
            "Career & Personality Assessments",
            "career-personality-assessments",
        ),
        ("  Résumé — Cover Letter!  ", "resume-cover-letter"),
        ("SMART Goals", "smart-goals"),
        ("", ""),
        ("&&&", ""),
        ("Zoë's 2nd Q&A", "zoe-s-2nd-q-a"),
    ];
    for (text, want) in cases {
        assert_eq!(slug(text, 60), want, "{text}");
    }
    assert_eq!(slug("alpha beta gamma", 10), "alpha-beta");
    assert_eq!(slug("supercalifragilistic", 5), "super");
    assert_eq!(session_id(date("2016-01-12"), "?"), "2016-01-12-workshop");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the closures, curriculum and end: workshops are on dates of
        /// the rule, never on a closure, in order, one per entry at most, and
        /// as many as the rule's dates up to `ends` allow.
        #[test]
        fn plans_respect_the_rule(
            entries in 0usize..14,
            skip_mask in 0u32..(1 << 14),
            ends_months in proptest::option::of(0u32..16),
        ) {
            let all = expand(&Recurrence { ends: None, skip: Vec::new(), ..career() }, 40)
                .unwrap()
                .dates;
            let skip: Vec<NaiveDate> =
                (0..14).filter(|i| skip_mask & (1 << i) != 0).map(|i| all[i]).collect();
            let ends = ends_months
                .map(|m| date("2016-01-31").checked_add_months(chrono::Months::new(m)).unwrap());
            let recurrence = Recurrence { skip: skip.clone(), ends, ..career() };
            let titles: Vec<String> = (0..entries).map(|n| format!("Entry {n}")).collect();
            let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
            let plan = plan_workshops(&recurrence, &defaults(), &items(&titles)).unwrap();

            let got: Vec<NaiveDate> = plan.sessions.iter().map(|s| s.date).collect();
            prop_assert!(got.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(got.iter().all(|d| all.contains(d) && !skip.contains(d)));
            let allowed = ends.map_or(usize::MAX, |e| all.iter().filter(|d| **d <= e).count());
            prop_assert_eq!(got.len(), entries.min(allowed));
            // No usable date before the last workshop is left out.
            if let Some(last) = got.last() {
                let usable = all.iter().filter(|d| *d <= last && !skip.contains(d)).count();
                prop_assert_eq!(usable, got.len());
            }
            let fits = got.len() == entries;
            prop_assert_eq!(fits, plan.end == PlanEnd::CurriculumUsedUp);
            let warned = plan
                .notes
                .iter()
                .any(|n| matches!(n, PlanNote::CurriculumDoesNotFit { .. }));
            prop_assert_eq!(warned, !fits);
            for (n, s) in plan.sessions.iter().enumerate() {
                prop_assert_eq!(s.number, n + 1);
                prop_assert_eq!(&s.title, &format!("Entry {n}"));
            }
        }
    }
}
