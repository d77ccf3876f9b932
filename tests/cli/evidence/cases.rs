//! The cases of issue 13: each folder, the words and figures the issue
//! asked for, and one run of the oracle over them all.

use serde_json::Value;

use super::generate::{Folder, Person, Staff, date};
use super::{binary, close, comparison, figure, split, verified_all};

fn seven_of_seven_against_1451_of_2000_folder() -> Folder {
    Folder::new("seven-of-seven", "2024-01-01")
        .mentees(split(
            7,
            7,
            |_| Person::hired("2012-05-01"),
            |_| Person::hired("2012-05-01"),
        ))
        .staff(Staff::rows(split(
            2000,
            1451,
            |_| Person::hired("2010-01-01"),
            |i| Person::hired("2010-01-01").left(&date(2020, 2 + (i % 10) as u32, 15)),
        )))
}

#[test]
fn seven_of_seven_against_1451_of_2000() {
    // Issue 13: printed "1.4× as likely (95% interval 1.1× to 1.5×)";
    // Fisher's exact p is 0.20 and the score interval 0.89–1.42.
    let f = seven_of_seven_against_1451_of_2000_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    let r = figure(&e, "retention-1y");
    assert_eq!(r["participants"]["text"], "7 of 7 (100%)");
    let s = comparison(r, "staff");
    assert_eq!(s["proportion"]["text"], "1,451 of 2,000 (73%)");
    assert!(close(&s["fisher"]["p_value"], 0.200_327_532, 1e-9), "{s}");
    assert!(close(&s["ratio"]["low"], 0.889_549, 1e-6), "{s}");
    assert!(close(&s["ratio"]["high"], 1.417_387, 1e-6), "{s}");
    assert_eq!(s["verdict"], "no-clear-difference");
    assert_eq!(r["small_sample"], true);
}

fn one_promoted_mentee_against_174_of_2000_folder() -> Folder {
    Folder::new("one-promoted", "2024-01-01")
        .mentees(vec![Person::hired("2012-05-01").promoted("2021-04-01")])
        .staff(Staff::rows(split(
            2000,
            174,
            |_| Person::hired("2011-01-01").promoted("2022-02-01"),
            |_| Person::hired("2011-01-01"),
        )))
}

#[test]
fn one_promoted_mentee_against_174_of_2000() {
    // Issue 13: printed "11.5× as likely (3.8× to 19.4×)" with no caution.
    let f = one_promoted_mentee_against_174_of_2000_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    let p = figure(&e, "promotion-3y");
    let s = comparison(p, "staff");
    assert!(close(&s["fisher"]["p_value"], 0.087_456_272, 1e-9), "{s}");
    assert_eq!(s["verdict"], "no-clear-difference");
    assert!(
        p["caution"]
            .as_str()
            .unwrap()
            .starts_with("Small group: n = 1"),
        "{p}"
    );
}

fn zero_of_forty_promoted_folder() -> Folder {
    Folder::new("zero-of-forty", "2024-01-01")
        .mentees(split(
            40,
            0,
            |_| Person::hired("2014-01-01"),
            |_| Person::hired("2014-01-01"),
        ))
        .staff(Staff::rows(split(
            2000,
            174,
            |_| Person::hired("2011-01-01").promoted("2021-09-01"),
            |_| Person::hired("2011-01-01"),
        )))
}

#[test]
fn zero_of_forty_promoted() {
    // Issue 13: "a ratio of 0.0 outside its own interval".
    let f = zero_of_forty_promoted_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    let r = &comparison(figure(&e, "promotion-3y"), "staff")["ratio"];
    assert_eq!(
        (r["value"].as_f64(), r["low"].as_f64()),
        (Some(0.0), Some(0.0))
    );
    assert!(r["high"].as_f64().unwrap() > 1.0, "{r}");
}

fn an_as_of_day_before_the_start_folder() -> Folder {
    Folder::new("before-start", "2019-10-01")
        .mentees(split(
            5,
            5,
            |_| Person::hired("2015-01-01"),
            |_| Person::hired("2015-01-01"),
        ))
        .staff(Staff::rows(split(
            50,
            5,
            |_| Person::hired("2012-01-01"),
            |_| Person::hired("2012-01-01"),
        )))
}

#[test]
fn an_as_of_day_before_the_start() {
    // Issue 13: "100% retention instead of 'not started'".
    let f = an_as_of_day_before_the_start_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    for m in [
        "retention-1y",
        "retention-3y",
        "promotion-3y",
        "certification-1y",
    ] {
        let fig = figure(&e, m);
        assert_eq!(fig["reading"], "not-started", "{m}");
        assert!(fig["participants"]["rate"].is_null());
    }
}

fn an_open_window_is_read_so_far_folder() -> Folder {
    Folder::new("open-window", "2022-07-02")
        .mentees(split(
            12,
            3,
            |i| Person::hired("2014-01-01").left(&date(2021, 1 + i as u32, 10)),
            |_| Person::hired("2014-01-01"),
        ))
        .staff(Staff::rows(split(
            120,
            30,
            |i| Person::hired("2013-01-01").left(&date(2020 + (i % 2) as i32, 3, 1)),
            |_| Person::hired("2013-01-01"),
        )))
}

#[test]
fn an_open_window_is_read_so_far() {
    // Issue 13: "a figure whose window is still open is labelled 'after 3 years'".
    let f = an_open_window_is_read_so_far_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    let r3 = figure(&e, "retention-3y");
    assert_eq!(r3["reading"], "so-far");
    assert_eq!(r3["label"], "still employed so far (2.5 years of 3 years)");
    assert!(!r3["conclusion"].as_str().unwrap().contains("after 3 years"));
    assert_eq!(figure(&e, "retention-1y")["reading"], "final");
}

fn shorter_tenure_alone_is_no_effect_once_stratified_folder() -> Folder {
    let short = |i: usize, k: usize| {
        let p = Person::hired("2019-03-01");
        if i < k { p.promoted("2021-06-01") } else { p }
    };
    let long = |i: usize, k: usize| {
        let p = Person::hired("2006-03-01");
        if i < k { p.promoted("2021-06-01") } else { p }
    };
    let mut mentees: Vec<Person> = (0..40).map(|i| short(i, 16)).collect();
    mentees.extend((0..10).map(|i| long(i, 1)));
    let mut staff: Vec<Person> = (0..100).map(|i| short(i, 40)).collect();
    staff.extend((0..400).map(|i| long(i, 40)));
    Folder::new("tenure-confounded", "2024-01-01")
        .mentees(mentees)
        .staff(Staff::rows(staff))
}

#[test]
fn shorter_tenure_alone_is_no_effect_once_stratified() {
    // Issue 13: mentees merely have shorter tenure; promotion depends on
    // tenure only (40% under 2 years, 10% from 10), so within tenure bands
    // the ratio is 1.00 while the raw one is about 2.
    let f = shorter_tenure_alone_is_no_effect_once_stratified_folder();
    let e: Value = binary(f.write(), &f.as_of).0;
    let s = comparison(figure(&e, "promotion-3y"), "staff");
    // Raw: 17 of 50 against 80 of 500, 2.125×.
    assert!(
        close(&s["ratio"]["value"], 17.0 / 50.0 / (80.0 / 500.0), 1e-9),
        "{s}"
    );
    assert_eq!(s["verdict"], "higher");
    let st = &s["stratified"];
    assert!(close(&st["ratio"]["value"], 1.0, 1e-12), "{st}");
    assert!(
        st["ratio"]["low"].as_f64().unwrap() < 1.0 && st["ratio"]["high"].as_f64().unwrap() > 1.0
    );
    assert!(
        st["conclusion"]
            .as_str()
            .unwrap()
            .contains("may come from who joined"),
        "{st}"
    );
}

#[test]
fn the_issues_cases_agree_with_the_oracle() {
    let folders = [
        seven_of_seven_against_1451_of_2000_folder(),
        one_promoted_mentee_against_174_of_2000_folder(),
        zero_of_forty_promoted_folder(),
        an_as_of_day_before_the_start_folder(),
        an_open_window_is_read_so_far_folder(),
        shorter_tenure_alone_is_no_effect_once_stratified_folder(),
    ];
    verified_all(&folders);
}
