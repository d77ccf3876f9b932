use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 5e-4
}

fn career(hired: &str, promoted: Option<&str>, left: Option<&str>) -> Career {
    Career {
        hired: Some(day(hired)),
        promoted: promoted.map(day),
        left: left.map(day),
    }
}

#[test]
fn wilson_intervals_match_hand_figures() {
    // 2 of 7: p = 0.2857; by hand (z = 1.96) 0.0822 to 0.6411.
    let (l, h) = wilson(2, 7).unwrap();
    assert!(close(l, 0.0822) && close(h, 0.6411), "{l} {h}");
    // 0 of 10: 0 to 0.2775; 10 of 10: 0.7225 to 1.
    let (l, h) = wilson(0, 10).unwrap();
    assert!(close(l, 0.0) && close(h, 0.2775), "{l} {h}");
    let (l, h) = wilson(10, 10).unwrap();
    assert!(close(l, 0.7225) && close(h, 1.0), "{l} {h}");
    assert_eq!(wilson(0, 0), None);
    assert_eq!(proportion(0, 0).rate, None);
}

#[test]
fn risk_ratio_with_the_katz_interval() {
    // 2/7 against 3/28: 2.667, ln-scale SE 0.8092, so 0.546 to 13.02.
    let r = risk_ratio(&proportion(2, 7), &proportion(3, 28)).unwrap();
    assert!(close(r.value, 2.6667), "{r:?}");
    assert!(
        close(r.low, 0.5461) && (r.high - 13.02).abs() < 0.01,
        "{r:?}"
    );
    assert_eq!(risk_ratio(&proportion(2, 7), &proportion(0, 28)), None);
    assert_eq!(risk_ratio(&proportion(0, 0), &proportion(3, 28)), None);
    // A zero cell still gets an interval (half a person added for it).
    let r = risk_ratio(&proportion(0, 7), &proportion(3, 28)).unwrap();
    assert_eq!(r.value, 0.0);
    assert!(r.low > 0.0 && r.high > 1.0, "{r:?}");
}

#[test]
fn t_quantiles() {
    assert_eq!(t975(1), 12.706);
    assert_eq!(t975(30), 2.042);
    assert!(close(t975(31), 2.0395), "{}", t975(31));
    assert!(close(t975(120), 1.9799), "{}", t975(120));
    assert!(t975(0).is_infinite());
}

type Surveys = BTreeMap<String, BTreeMap<String, u8>>;

fn member(c: Career, completed: Option<bool>, _surveys: &Surveys) -> Member {
    Member {
        career: c,
        completed,
    }
}

/// The cohort's paired changes of people who answered these surveys.
fn changes(all: &[&Surveys]) -> Vec<QuestionChange> {
    let people: Vec<crate::model::Participant> = all
        .iter()
        .map(|s| crate::model::Participant {
            surveys: (*s).clone(),
            ..crate::model::Participant::default()
        })
        .collect();
    crate::cohort::surveys::paired_changes(&people)
}

#[test]
fn retention_and_promotion_against_a_comparison_group() {
    let none = BTreeMap::new();
    let cohort = vec![
        member(
            career("2010-01-01", Some("2017-02-01"), None),
            Some(true),
            &none,
        ),
        member(
            career("2011-01-01", None, Some("2016-11-30")),
            Some(false),
            &none,
        ),
        member(career("2012-01-01", Some("2019-06-01"), None), None, &none),
        member(
            career("2013-01-01", None, Some("2018-01-31")),
            Some(true),
            &none,
        ),
    ];
    let staff = vec![
        career("2005-01-01", Some("2016-05-01"), None),
        career("2006-01-01", None, Some("2016-03-01")),
        career("2007-01-01", None, None),
        career("2008-01-01", Some("2015-01-01"), Some("2017-06-01")),
        // Hired after the start, or gone before it: not compared.
        career("2016-02-01", Some("2016-09-01"), None),
        career("2001-01-01", None, Some("2015-12-31")),
    ];
    let comparison = Comparison {
        file: "staff.csv",
        staff: &staff,
    };
    let e = evidence(
        &cohort,
        &[],
        Some(comparison),
        Some(day("2016-01-01")),
        day("2020-01-01"),
    );
    assert_eq!(
        e.comparison,
        Some(ComparisonSummary {
            file: "staff.csv".into(),
            listed: 6,
            at_start: 4
        })
    );
    let fig = |m: &str| e.figures.iter().find(|f| f.measure == m).unwrap();
    let counts = |p: &Proportion| (p.count, p.n);
    // One year: 3 of 4 stayed; staff 3 of 4 (one left in March 2016).
    let r1 = fig("retention-1y");
    assert_eq!(counts(&r1.participants), (3, 4));
    assert_eq!(r1.comparison.as_ref().map(counts), Some((3, 4)));
    assert!(close(r1.ratio.unwrap().value, 1.0));
    assert!(!r1.provisional);
    // Three years: 2 of 4 stayed; staff 2 of 4.
    let r3 = fig("retention-3y");
    assert_eq!(counts(&r3.participants), (2, 4));
    assert_eq!(r3.final_on, Some(day("2019-01-01")));
    // Promotion within three years: 1 of 4 (the 2019 one is too late);
    // staff 1 of 4 (the 2015 one was before the start).
    let p3 = fig("promotion-3y");
    assert_eq!(counts(&p3.participants), (1, 4));
    assert_eq!(p3.comparison.as_ref().map(counts), Some((1, 4)));
    assert_eq!(
        p3.conclusion,
        "too few people to tell the groups apart: the ratio's 95% interval, 0.1× to 11.0×, includes 1"
    );
    // Completion: 2 of the 3 known.
    let c = fig("completion");
    assert_eq!(counts(&c.participants), (2, 3));
    assert!(c.provisional);
    assert!(
        c.conclusion.starts_with("1 person not known yet"),
        "{}",
        c.conclusion
    );
}

#[test]
fn windows_not_yet_closed_are_provisional() {
    let none = BTreeMap::new();
    let cohort = vec![member(
        career("2010-01-01", Some("2016-06-01"), None),
        None,
        &none,
    )];
    let e = evidence(
        &cohort,
        &[],
        None,
        Some(day("2016-01-01")),
        day("2016-07-01"),
    );
    let p3 = e
        .figures
        .iter()
        .find(|f| f.measure == "promotion-3y")
        .unwrap();
    assert!(p3.provisional);
    assert_eq!(
        p3.conclusion,
        "provisional until 2019-01-01, counted to 2016-07-01; n = 1 is small: the 95% interval runs from 21% to 100%"
    );
    let e = evidence(&cohort, &[], None, None, day("2016-07-01"));
    assert_eq!(
        e.figures.len(),
        1,
        "without a start only completion is counted"
    );
    assert!(e.notes[0].starts_with("no start date"));
}

#[test]
fn survey_change_per_question_with_its_interval() {
    let s = |pre: &[(&str, u8)], post: &[(&str, u8)]| {
        let m = |v: &[(&str, u8)]| v.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        let mut out: BTreeMap<String, BTreeMap<String, u8>> = BTreeMap::new();
        out.insert("pre".into(), m(pre));
        if !post.is_empty() {
            out.insert("post".into(), m(post));
        }
        out
    };
    let a = s(&[("clarity", 2), ("joy", 3)], &[("clarity", 4), ("joy", 3)]);
    let b = s(&[("clarity", 1)], &[("clarity", 4)]);
    let c = s(&[("clarity", 3)], &[("clarity", 4)]);
    let d = s(&[("clarity", 3)], &[]);
    let changes = survey_changes(&changes(&[&a, &b, &c, &d]));
    assert_eq!(changes.len(), 2);
    // clarity: changes +2, +3, +1 → mean 2, sd 1, se 0.5774, t(2) 4.303.
    let cl = &changes[0];
    assert_eq!((cl.question.as_str(), cl.n), ("clarity", 3));
    assert!(close(cl.pre_mean.unwrap(), 2.0) && close(cl.post_mean.unwrap(), 4.0));
    assert!(close(cl.change.unwrap(), 2.0));
    assert!(close(cl.low.unwrap(), 2.0 - 4.303 * 0.57735), "{cl:?}");
    assert!(close(cl.high.unwrap(), 2.0 + 4.303 * 0.57735), "{cl:?}");
    assert_eq!((cl.improved, cl.unchanged, cl.declined), (3, 0, 0));
    assert_eq!(
        cl.conclusion,
        "too few answers to conclude: the 95% interval, -0.5 to +4.5, includes no change"
    );
    // joy: one pair, no interval.
    let joy = &changes[1];
    assert_eq!((joy.n, joy.change, joy.low), (1, Some(0.0), None));
    assert_eq!(
        joy.conclusion,
        "one person answered it on both surveys: no interval"
    );
}

#[test]
fn no_post_survey_and_an_empty_cohort_say_so() {
    let pre: BTreeMap<String, BTreeMap<String, u8>> = [(
        "pre".to_string(),
        [("joy".to_string(), 3)].into_iter().collect(),
    )]
    .into_iter()
    .collect();
    let cohort = vec![member(Career::default(), None, &pre)];
    let e = evidence(
        &cohort,
        &changes(&[&pre]),
        None,
        Some(day("2016-01-01")),
        day("2016-07-01"),
    );
    assert_eq!(e.surveys[0].n, 0);
    assert_eq!(
        e.surveys[0].conclusion,
        "no one answered it on both surveys"
    );
    assert_eq!(
        e.notes,
        ["no one has answered both the pre and the post survey yet"]
    );
    let e = evidence(&[], &[], None, Some(day("2016-01-01")), day("2016-07-01"));
    assert_eq!(e.cohort, 0);
    assert!(
        e.figures
            .iter()
            .all(|f| f.participants.n == 0 && f.conclusion == "no one to count")
    );
    assert_eq!(e.notes, ["no accepted mentees: nothing to count"]);
}

#[test]
fn no_spread_gives_no_interval() {
    let s: BTreeMap<String, BTreeMap<String, u8>> = [
        (
            "pre".to_string(),
            [("joy".to_string(), 3)].into_iter().collect(),
        ),
        (
            "post".to_string(),
            [("joy".to_string(), 4)].into_iter().collect(),
        ),
    ]
    .into_iter()
    .collect();
    let c = &survey_changes(&changes(&[&s, &s, &s]))[0];
    assert_eq!((c.n, c.change, c.low, c.high), (3, Some(1.0), None, None));
    assert_eq!(
        c.conclusion,
        "all 3 moved by +1.0: with no spread there is no interval, and 3 answers are too few to generalise"
    );
}
