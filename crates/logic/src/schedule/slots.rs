//! Weekly slots (`mon-am` … `sun-eve`) and the ranking behind
//! `schedule suggest`: which slot suits the most people, and who cannot come.

use chrono::{NaiveTime, Weekday};

pub use crate::model::Slot;

/// Part of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DayPart {
    Am,
    Pm,
    Eve,
}

impl DayPart {
    pub const ALL: [DayPart; 3] = [DayPart::Am, DayPart::Pm, DayPart::Eve];

    pub fn as_str(self) -> &'static str {
        match self {
            DayPart::Am => "am",
            DayPart::Pm => "pm",
            DayPart::Eve => "eve",
        }
    }

    /// When a meeting in this part of the day starts, unless the program says
    /// otherwise.
    pub fn default_start(self) -> NaiveTime {
        let hour = match self {
            DayPart::Am => 10,
            DayPart::Pm => 14,
            DayPart::Eve => 18,
        };
        NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)
    }
}

impl DayPart {
    /// The part of the day of `slot`.
    pub fn of(slot: Slot) -> DayPart {
        match slot.part {
            0 => DayPart::Am,
            1 => DayPart::Pm,
            _ => DayPart::Eve,
        }
    }
}

/// The weekday of `slot`.
pub fn weekday(slot: Slot) -> Weekday {
    Weekday::try_from(slot.day).unwrap_or(Weekday::Mon)
}

/// Whether a person is counted as a mentor or a mentee in the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Mentee,
    Mentor,
}

/// One person's weekly availability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    pub id: String,
    pub side: Side,
    pub slots: Vec<Slot>,
}

/// One slot of the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotRank {
    pub slot: Slot,
    /// Ids of who can come, sorted.
    pub can: Vec<String>,
    /// Ids of who cannot, sorted.
    pub cannot: Vec<String>,
    /// How many of `can` are mentors.
    pub mentors: usize,
}

/// Every slot, best first: most people who can come, then most mentors among
/// them, then week order. Slots nobody can make are kept at the end so the
/// table always has 21 rows.
pub fn rank_slots(people: &[Availability]) -> Vec<SlotRank> {
    let mut people: Vec<&Availability> = people.iter().collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));
    let mut ranks: Vec<SlotRank> = Slot::all()
        .map(|slot| {
            let (can, cannot): (Vec<&&Availability>, Vec<&&Availability>) =
                people.iter().partition(|p| p.slots.contains(&slot));
            SlotRank {
                slot,
                mentors: can.iter().filter(|p| p.side == Side::Mentor).count(),
                can: can.iter().map(|p| p.id.clone()).collect(),
                cannot: cannot.iter().map(|p| p.id.clone()).collect(),
            }
        })
        .collect();
    ranks.sort_by(|a, b| {
        b.can
            .len()
            .cmp(&a.can.len())
            .then(b.mentors.cmp(&a.mentors))
            .then(a.slot.cmp(&b.slot))
    });
    ranks
}

/// The best slot everyone in `people` shares, if there is one.
pub fn shared_slot(people: &[Availability]) -> Option<Slot> {
    rank_slots(people)
        .into_iter()
        .find(|r| r.cannot.is_empty() && !r.can.is_empty())
        .map(|r| r.slot)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, side: Side, slots: &[&str]) -> Availability {
        Availability {
            id: id.to_owned(),
            side,
            slots: slots.iter().map(|s| s.parse().unwrap()).collect(),
        }
    }

    #[test]
    fn parts_and_days_of_slots() {
        let slot: Slot = "tue-eve".parse().unwrap();
        assert_eq!(weekday(slot), Weekday::Tue);
        assert_eq!(DayPart::of(slot), DayPart::Eve);
        assert_eq!(DayPart::of("sun-am".parse().unwrap()), DayPart::Am);
        assert_eq!(weekday("sun-pm".parse().unwrap()), Weekday::Sun);
        let all: Vec<String> = Slot::all().map(|s| s.to_string()).collect();
        assert_eq!(
            (all.len(), all[0].as_str(), all[20].as_str()),
            (21, "mon-am", "sun-eve")
        );
    }

    #[test]
    fn ranking_counts_who_can_and_cannot() {
        let people = [
            person("ana", Side::Mentee, &["tue-pm", "wed-am"]),
            person("bo", Side::Mentee, &["tue-pm"]),
            person("cy", Side::Mentor, &["wed-am", "tue-pm"]),
            person("di", Side::Mentor, &["wed-am"]),
        ];
        let ranks = rank_slots(&people);
        assert_eq!(ranks.len(), 21);
        // tue-pm and wed-am both seat three; wed-am has two mentors.
        assert_eq!(ranks[0].slot.to_string(), "wed-am");
        assert_eq!(ranks[0].can, ["ana", "cy", "di"]);
        assert_eq!(ranks[0].cannot, ["bo"]);
        assert_eq!(ranks[0].mentors, 2);
        assert_eq!(ranks[1].slot.to_string(), "tue-pm");
        assert_eq!(ranks[1].cannot, ["di"]);
        // Empty slots follow in week order.
        assert_eq!(ranks[2].slot.to_string(), "mon-am");
        assert!(ranks[2].can.is_empty());
        assert_eq!(ranks[2].cannot.len(), 4);
    }

    #[test]
    fn ties_break_by_week_order() {
        let people = [person("a", Side::Mentee, &["fri-eve", "mon-pm"])];
        let ranks = rank_slots(&people);
        assert_eq!(ranks[0].slot.to_string(), "mon-pm");
        assert_eq!(ranks[1].slot.to_string(), "fri-eve");
    }

    #[test]
    fn shared_slot_for_a_pair() {
        let pair = [
            person("t", Side::Mentor, &["thu-eve", "mon-am"]),
            person("m", Side::Mentee, &["thu-eve", "mon-am", "sat-am"]),
        ];
        assert_eq!(shared_slot(&pair).unwrap().to_string(), "mon-am");
        let apart = [
            person("t", Side::Mentor, &["thu-eve"]),
            person("m", Side::Mentee, &["mon-am"]),
        ];
        assert_eq!(shared_slot(&apart), None);
        assert_eq!(shared_slot(&[]), None);
    }
}
