//! The one reading of an RFC 5545 recurrence rule (`[schedule] repeat` and
//! `meetings`): `check` validates with it, `schedule` lays workshops out with
//! it, and `progress` finds meeting periods with it, so that a rule one of
//! them accepts the others never refuse.

use chrono::{NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use rrule::{RRule, RRuleSet, Unvalidated};

/// Why a rule cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("it must be one line")]
    NotOneLine,
    #[error("{0}")]
    Invalid(String),
    #[error("{local} does not exist in {zone}")]
    NoSuchTime { local: String, zone: String },
}

/// The rule as the rrule crate's set, starting at `first` and `time` in `zone`
/// (a start skipped by a clock change moves an hour later). The `RRULE:`
/// prefix is optional.
pub fn rule_set(
    rule: &str,
    first: NaiveDate,
    time: NaiveTime,
    zone: Tz,
) -> Result<RRuleSet, RuleError> {
    let text = rule.trim();
    let text = text.strip_prefix("RRULE:").unwrap_or(text);
    if text.is_empty() || text.contains(['\n', '\r']) {
        return Err(RuleError::NotOneLine);
    }
    let parsed: RRule<Unvalidated> = text
        .parse()
        .map_err(|e: rrule::RRuleError| RuleError::Invalid(e.to_string()))?;
    let tz = rrule::Tz::Tz(zone);
    let local = first.and_time(time);
    let start = tz
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| {
            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
        })
        .ok_or_else(|| RuleError::NoSuchTime {
            local: local.to_string(),
            zone: zone.name().to_string(),
        })?;
    let validated = parsed
        .validate(start)
        .map_err(|e| RuleError::Invalid(e.to_string()))?;
    Ok(RRuleSet::new(start).rrule(validated).limit())
}

/// The dates of a rule from `first` up to `until`, inclusive, at most
/// `limit` of them. A rule that cannot be read gives none (`check` reports it).
pub fn dates_until(
    rule: &str,
    first: NaiveDate,
    zone: Tz,
    until: NaiveDate,
    limit: u16,
) -> Vec<NaiveDate> {
    if until < first {
        return Vec::new();
    }
    let Ok(set) = rule_set(rule, first, NaiveTime::MIN, zone) else {
        return Vec::new();
    };
    let Some(end) = until
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| d.and_local_timezone(rrule::Tz::Tz(zone)).earliest())
    else {
        return Vec::new();
    };
    set.before(end)
        .all(limit)
        .dates
        .into_iter()
        .map(|d| d.date_naive())
        .filter(|&d| d <= until)
        .collect()
}

/// The program's zone, UTC when it does not name one (`check` reports that).
pub fn zone(name: &str) -> Tz {
    name.parse::<Tz>().unwrap_or(chrono_tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn one_reading_for_every_use() {
        let chicago = zone("America/Chicago");
        assert!(
            rule_set(
                "FREQ=MONTHLY;BYDAY=2TU",
                day("2016-01-12"),
                NaiveTime::MIN,
                chicago
            )
            .is_ok()
        );
        assert!(
            rule_set(
                "RRULE:FREQ=WEEKLY",
                day("2016-01-12"),
                NaiveTime::MIN,
                chicago
            )
            .is_ok()
        );
        assert!(matches!(
            rule_set("FREQ=WEEKLY\nX", day("2016-01-12"), NaiveTime::MIN, chicago),
            Err(RuleError::NotOneLine)
        ));
        assert!(matches!(
            rule_set("FREQ=NEVER", day("2016-01-12"), NaiveTime::MIN, chicago),
            Err(RuleError::Invalid(_))
        ));
        assert_eq!(
            dates_until(
                "FREQ=WEEKLY;INTERVAL=2",
                day("2016-01-06"),
                chicago,
                day("2016-02-03"),
                100
            ),
            [day("2016-01-06"), day("2016-01-20"), day("2016-02-03")]
        );
    }
}
