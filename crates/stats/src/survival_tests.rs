//! Unit tests of the Kaplan–Meier curve on the classic 6-MP leukaemia data.

use super::*;

/// Freireich et al. (1963), the 6-mercaptopurine arm in weeks, as printed in
/// Gehan (1965) and every survival textbook (+ marks censoring).
fn six_mp() -> Vec<Observation> {
    let events = [6, 6, 6, 7, 10, 13, 16, 22, 23];
    let censored = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
    let mut v: Vec<Observation> = events.iter().map(|&t| Observation::event(t)).collect();
    v.extend(censored.iter().map(|&t| Observation::censored(t)));
    v
}

fn fitted() -> KaplanMeier {
    kaplan_meier(&six_mp(), Level::NINETY_FIVE).unwrap()
}

#[test]
fn reproduces_the_textbook_curve_for_six_mp() {
    // S(t) and Greenwood's standard error as printed in survival textbooks
    // (e.g. Klein & Moeschberger, 2003, chapter 4) and by statsmodels 0.15's
    // SurvfuncRight; the log(−log) bounds from those standard errors.
    let expected = [
        (
            6.0,
            21,
            0.857_142_857,
            0.076_360_35,
            0.619_717_96,
            0.951_551_75,
        ),
        (
            7.0,
            17,
            0.806_722_689,
            0.086_935_29,
            0.563_146_56,
            0.922_809_02,
        ),
        (
            10.0,
            15,
            0.752_941_176,
            0.096_349_65,
            0.503_199_51,
            0.889_361_84,
        ),
        (
            13.0,
            12,
            0.690_196_078,
            0.106_814_71,
            0.431_610_22,
            0.849_065_96,
        ),
        (
            16.0,
            11,
            0.627_450_980,
            0.114_053_87,
            0.367_510_86,
            0.804_912_19,
        ),
        (
            22.0,
            7,
            0.537_815_126,
            0.128_233_75,
            0.267_778_94,
            0.746_790_72,
        ),
        (
            23.0,
            6,
            0.448_179_272,
            0.134_591_46,
            0.188_052_01,
            0.680_142_63,
        ),
    ];
    let km = fitted();
    let events: Vec<&Step> = km.steps().iter().filter(|s| s.events > 0).collect();
    assert_eq!(events.len(), expected.len());
    for (step, (t, n, s, se, lo, hi)) in events.iter().zip(expected) {
        assert_eq!((step.time, step.at_risk), (t, n));
        assert!(
            (step.survival - s).abs() < 1e-9,
            "S({t}) = {}",
            step.survival
        );
        assert!((step.variance.sqrt() - se).abs() < 1e-8, "se at {t}");
        assert!((step.interval.lower() - lo).abs() < 1e-8, "lower at {t}");
        assert!((step.interval.upper() - hi).abs() < 1e-8, "upper at {t}");
    }
}

#[test]
fn events_come_before_censoring_at_a_tied_time() {
    // At week 6: 21 at risk, 3 events and 1 censored; 17 at risk at week 7.
    let km = fitted();
    let first = km.steps()[0];
    assert_eq!((first.at_risk, first.events, first.censored), (21, 3, 1));
    assert_eq!(km.steps()[1].at_risk, 17);
}

#[test]
fn reading_between_steps_and_beyond_the_follow_up() {
    let km = fitted();
    let Reading::Known { estimate, followed } = km.at(8.0) else {
        panic!("week 8 is inside the follow-up");
    };
    assert!((estimate.point.finite().unwrap() - 0.806_722_689).abs() < 1e-9);
    assert_eq!(followed, 16);
    assert!(matches!(km.at(35.0), Reading::Known { followed: 0, .. }));
    let Reading::BeyondFollowUp { last_time, last } = km.at(36.0) else {
        panic!("nobody was followed past week 35");
    };
    assert_eq!(last_time, 35.0);
    assert!((last.point.finite().unwrap() - 0.448_179_272).abs() < 1e-9);
    assert_eq!(km.at(-1.0), Reading::BeforeStart);
    let Reading::Known { estimate, followed } = km.at(0.0) else {
        panic!("time 0 is known");
    };
    assert_eq!((estimate.point, followed), (Point::Finite(1.0), 21));
}

#[test]
fn everyone_censored_keeps_survival_at_one() {
    let obs = [Observation::censored(3.0), Observation::censored(5_u32)];
    let km = kaplan_meier(&obs, Level::NINETY_FIVE).unwrap();
    assert!(
        km.steps()
            .iter()
            .all(|s| s.survival == 1.0 && s.variance == 0.0)
    );
    assert!(matches!(
        km.at(9.0),
        Reading::BeyondFollowUp { last_time: 5.0, .. }
    ));
}

#[test]
fn when_everyone_had_the_event_zero_is_known_for_ever() {
    let obs = [Observation::event(2_u32), Observation::event(4_u32)];
    let km = kaplan_meier(&obs, Level::NINETY_FIVE).unwrap();
    let Reading::Known { estimate, .. } = km.at(1000.0) else {
        panic!("survival reached 0 at day 4");
    };
    assert_eq!(estimate.point, Point::Finite(0.0));
    assert_eq!(
        (estimate.interval.lower(), estimate.interval.upper()),
        (0.0, 0.0)
    );
}

#[test]
fn bad_durations_are_refused_with_their_position() {
    let level = Level::NINETY_FIVE;
    assert!(kaplan_meier(&[], level).is_err());
    let negative = [Observation::event(1.0), Observation::censored(-2.0)];
    assert_eq!(
        kaplan_meier(&negative, level),
        Err(StatsError::NegativeTime {
            index: 1,
            time: -2.0
        })
    );
    assert!(kaplan_meier(&[Observation::event(f64::NAN)], level).is_err());
}
