use super::*;
use crate::model::{Education, Override};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn mentee(hired: Option<&str>) -> Participant {
    Participant {
        name: "X".into(),
        email: "x@x.org".into(),
        department: "Circulation".into(),
        hired: hired.map(d),
        ..Participant::default()
    }
}

fn rules() -> Eligibility {
    Eligibility {
        min_years_of_service: 1.0,
        exclude_managers: true,
        exclude_degrees: vec!["MLS".into(), "M.L.I.S.".into()],
        ..Eligibility::default()
    }
}

#[test]
fn years_of_service_boundaries() {
    let as_of = d("2015-12-01");
    let cases = [
        ("2014-12-01", true, 1.0),  // a year to the day
        ("2014-12-02", false, 0.9), // a day short
        ("2014-11-30", true, 1.0),
        ("2015-12-01", false, 0.0),
        ("2016-01-04", false, 0.0), // hired after as_of
        ("2010-08-02", true, 5.3),
    ];
    for (hired, ok, years) in cases {
        assert_eq!(served(d(hired), as_of, 1.0), ok, "{hired}");
        assert_eq!(shown_years(d(hired), as_of), years, "{hired}");
    }
    // 29 February: the anniversary is 28 February in a common year.
    assert!(served(d("2016-02-29"), d("2017-02-28"), 1.0));
    assert!(!served(d("2016-02-29"), d("2017-02-27"), 1.0));
    // Fractions count in months.
    assert!(served(d("2014-06-01"), d("2015-12-01"), 1.5));
    assert!(!served(d("2014-06-02"), d("2015-12-01"), 1.5));
    assert!(served(d("2015-12-01"), d("2015-12-01"), 0.0));
}

#[test]
fn reasons_in_words() {
    let as_of = d("2015-12-01");
    let r = rules();
    let cases: Vec<(Participant, Vec<&str>)> = vec![
        (mentee(Some("2010-01-01")), vec![]),
        (
            Participant {
                manager: Some(true),
                ..mentee(Some("2010-01-01"))
            },
            vec!["manager"],
        ),
        (
            mentee(Some("2015-01-15")),
            vec!["0.8 years of service, 1 required"],
        ),
        (mentee(None), vec!["no hire date"]),
        (
            Participant {
                degrees: vec!["BA".into(), "m.l.s.".into()],
                ..mentee(Some("2010-01-01"))
            },
            vec!["holds MLS"],
        ),
        (
            Participant {
                degrees: vec!["mlis".into()],
                manager: Some(true),
                ..mentee(Some("2015-06-01"))
            },
            vec![
                "manager",
                "0.5 years of service, 1 required",
                "holds M.L.I.S.",
            ],
        ),
        (
            Participant {
                education: vec![Education {
                    degree: "M L S".into(),
                    institution: None,
                    year: None,
                }],
                ..mentee(Some("2010-01-01"))
            },
            vec!["holds MLS"],
        ),
        (
            Participant {
                degrees: vec!["MLS-candidate".into()],
                ..mentee(Some("2010-01-01"))
            },
            vec![],
        ),
    ];
    for (p, want) in cases {
        assert_eq!(rule_reasons(&r, as_of, &p), want, "{p:?}");
    }
    // No minimum: no hire date needed.
    let lax = Eligibility::default();
    assert!(rule_reasons(&lax, as_of, &mentee(None)).is_empty());
}

fn folder(people: Vec<(&str, Participant)>) -> BTreeMap<String, Participant> {
    people.into_iter().map(|(id, p)| (id.into(), p)).collect()
}

#[test]
fn overrides_beat_the_rules_either_way() {
    let people = folder(vec![
        (
            "boss",
            Participant {
                manager: Some(true),
                override_: Some(Override {
                    decision: OverrideDecision::Eligible,
                    reason: Some("acting supervisor only".into()),
                }),
                ..mentee(Some("2010-01-01"))
            },
        ),
        (
            "fine",
            Participant {
                override_: Some(Override {
                    decision: OverrideDecision::Ineligible,
                    reason: None,
                }),
                ..mentee(Some("2010-01-01"))
            },
        ),
        (
            "mentor",
            Participant {
                role: Role::Mentor,
                manager: Some(true),
                ..mentee(None)
            },
        ),
    ]);
    let s = screen(&rules(), d("2015-12-01"), &people);
    assert_eq!(s.decisions.len(), 2, "mentors are not screened");
    let boss = &s.decisions["boss"];
    assert_eq!(boss.decision, Outcome::Accepted);
    assert_eq!(
        boss.reasons,
        ["override: acting supervisor only", "overridden: manager"]
    );
    assert_eq!(s.decisions["fine"].decision, Outcome::Ineligible);
    assert_eq!(s.decisions["fine"].reasons, ["override"]);
}

#[test]
fn first_come_breaks_ties_by_id_and_waitlists_in_order() {
    let applied = |day: Option<&str>, id| {
        (
            id,
            Participant {
                applied: day.map(d),
                ..mentee(Some("2010-01-01"))
            },
        )
    };
    let people = folder(vec![
        applied(Some("2015-11-03"), "cy"),
        applied(Some("2015-11-02"), "bo"),
        applied(Some("2015-11-02"), "al"),
        applied(None, "ab"),
        applied(Some("2015-11-04"), "di"),
    ]);
    let r = Eligibility {
        capacity: Some(2),
        ..rules()
    };
    let s = screen(&r, d("2015-12-01"), &people);
    assert_eq!(s.accepted().collect::<Vec<_>>(), ["al", "bo"]);
    assert_eq!(s.waitlist(), ["cy", "di", "ab"]);
    assert_eq!(s.decisions["ab"].waitlist, Some(3));
    assert_eq!(s.decisions["cy"].reasons, ["beyond the capacity of 2"]);
}

#[test]
fn splitmix64_matches_the_reference_values() {
    // The first outputs for seed 1234567 from the reference C code.
    let mut r = SplitMix64::new(1_234_567);
    let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
    assert_eq!(
        got,
        [
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423
        ]
    );
}

#[test]
fn lottery_is_reproducible_and_a_permutation() {
    let mut a: Vec<u32> = (0..20).collect();
    let mut b = a.clone();
    shuffle(&mut a, 2016);
    shuffle(&mut b, 2016);
    assert_eq!(a, b);
    let mut c: Vec<u32> = (0..20).collect();
    shuffle(&mut c, 2017);
    assert_ne!(a, c);
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    // Pinned: the order for seed 2016 is part of the documented behaviour.
    let mut five = ["a", "b", "c", "d", "e"];
    shuffle(&mut five, 2016);
    assert_eq!(five, PINNED_2016);
}

/// The lottery order of five ids for seed 2016; it must never change.
const PINNED_2016: [&str; 5] = ["e", "d", "a", "b", "c"];

#[test]
fn funnel_counts_by_department_ignoring_case() {
    let people = folder(vec![
        ("a", mentee(Some("2010-01-01"))),
        (
            "b",
            Participant {
                department: "circulation ".into(),
                manager: Some(true),
                ..mentee(Some("2010-01-01"))
            },
        ),
        (
            "c",
            Participant {
                department: "Youth Services".into(),
                ..mentee(Some("2010-01-01"))
            },
        ),
    ]);
    let s = screen(&rules(), d("2015-12-01"), &people);
    let rows = funnel(&s, &people);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].department.as_deref(), Some("Circulation"));
    assert_eq!(
        (rows[0].applied, rows[0].eligible, rows[0].ineligible),
        (2, 1, 1)
    );
    assert_eq!(rows[2].department, None);
    assert_eq!(
        (rows[2].applied, rows[2].eligible, rows[2].accepted),
        (3, 2, 2)
    );
}
