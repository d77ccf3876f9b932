//! Small value types shared by the records: weekly slots, modality, roles,
//! durations, clock times and the status words, each parsed strictly so that a
//! bad value is reported where it was written.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// Days of a weekly slot, in calendar order.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// Parts of a day of a weekly slot.
pub const PARTS: [&str; 3] = ["am", "pm", "eve"];

/// The days in words, in the order of `Slot::day` (0 is Monday).
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A weekly meeting slot such as `tue-pm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot {
    /// 0 = Monday … 6 = Sunday.
    pub day: u8,
    /// 0 = am, 1 = pm, 2 = eve.
    pub part: u8,
}

impl Slot {
    /// Every slot, Monday morning first.
    pub fn all() -> impl Iterator<Item = Slot> {
        (0..7u8).flat_map(|day| (0..3u8).map(move |part| Slot { day, part }))
    }

    /// 0..21, for bit sets.
    pub fn index(self) -> usize {
        usize::from(self.day) * 3 + usize::from(self.part)
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            DAYS[usize::from(self.day)],
            PARTS[usize::from(self.part)]
        )
    }
}

impl FromStr for Slot {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let parsed = t.split_once('-').and_then(|(d, p)| {
            let day = DAYS.iter().position(|x| *x == d)?;
            let part = PARTS.iter().position(|x| *x == p)?;
            Some(Slot {
                day: day as u8,
                part: part as u8,
            })
        });
        parsed.ok_or_else(|| {
            format!("`{s}` is not a weekly slot; write a day and a part of it, from mon-am, mon-pm, mon-eve … to sun-eve")
        })
    }
}

impl Serialize for Slot {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// Defines a kebab-case word enum with its allowed values listed in errors.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $variant),+ }

        impl $name {
            /// The words this field accepts.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// The word written in files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim().to_ascii_lowercase();
                $(if t == $word { return Ok($name::$variant); })+
                let near = match crate::error::nearest(&t, Self::WORDS.iter().copied()) {
                    Some(near) => format!("; did you mean `{near}`?"),
                    None => String::new(),
                };
                Err(format!("`{}` is not allowed here; use one of: {}{near}", s, Self::WORDS.join(", ")))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(de::Error::custom)
            }
        }
    };
}

word_enum!(
    /// Whether a person takes part as a mentee or a mentor.
    Role { Mentee = "mentee", Mentor = "mentor" }
);

word_enum!(
    /// How a person can meet.
    Modality { InPerson = "in-person", Virtual = "virtual", Hybrid = "hybrid" }
);

word_enum!(
    /// How far a deliverable has come.
    DeliverableStatus { NotStarted = "not-started", Draft = "draft", Done = "done" }
);

word_enum!(
    /// Where a SMART goal stands.
    GoalStatus {
        NotStarted = "not-started",
        InProgress = "in-progress",
        Done = "done",
        Dropped = "dropped",
    }
);

word_enum!(
    /// A coordinator's decision that beats the eligibility rules.
    OverrideDecision { Eligible = "eligible", Ineligible = "ineligible" }
);

word_enum!(
    /// A session is a whole-cohort workshop or a pair or group meeting.
    SessionKind { Workshop = "workshop", Meeting = "meeting" }
);

word_enum!(
    /// The form of mentoring a program runs.
    ProgramKind { Group = "group", OneToOne = "one-to-one", Peer = "peer", Reverse = "reverse" }
);

word_enum!(
    /// How mentees are paired or grouped.
    MatchMode { OneToOne = "one-to-one", Peer = "peer", Reverse = "reverse", Group = "group" }
);

word_enum!(
    /// Who gets the places when more are eligible than the capacity.
    Waitlist { FirstCome = "first-come", Lottery = "lottery" }
);

word_enum!(
    /// How documents print a time of day: `2:00 PM` or `14:00`.
    Clock { Twelve = "12h", TwentyFour = "24h" }
);

/// Time zones whose country prints times on a 12-hour clock: the United
/// States and its territories, Canada, Australia, New Zealand, India and
/// the Philippines (prefixes end in `/`). Every other zone, and UTC, gets 24h.
const TWELVE_HOUR_ZONES: &[&str] = &[
    "US/",
    "Canada/",
    "Australia/",
    // United States (zone1970.tab, and the old names that link to them)
    "America/New_York",
    "America/Detroit",
    "America/Kentucky/",
    "America/Indiana/",
    "America/Indianapolis",
    "America/Fort_Wayne",
    "America/Louisville",
    "America/Knox_IN",
    "America/Chicago",
    "America/Menominee",
    "America/North_Dakota/",
    "America/Denver",
    "America/Boise",
    "America/Shiprock",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "America/Juneau",
    "America/Sitka",
    "America/Metlakatla",
    "America/Yakutat",
    "America/Nome",
    "America/Adak",
    "America/Atka",
    "America/Puerto_Rico",
    "America/St_Thomas",
    "Navajo",
    "Pacific/Honolulu",
    "Pacific/Johnston",
    "Pacific/Guam",
    "Pacific/Saipan",
    "Pacific/Pago_Pago",
    "Pacific/Samoa",
    // Canada
    "America/St_Johns",
    "America/Halifax",
    "America/Glace_Bay",
    "America/Moncton",
    "America/Goose_Bay",
    "America/Blanc-Sablon",
    "America/Toronto",
    "America/Montreal",
    "America/Nipigon",
    "America/Thunder_Bay",
    "America/Iqaluit",
    "America/Pangnirtung",
    "America/Atikokan",
    "America/Coral_Harbour",
    "America/Winnipeg",
    "America/Rainy_River",
    "America/Resolute",
    "America/Rankin_Inlet",
    "America/Regina",
    "America/Swift_Current",
    "America/Edmonton",
    "America/Cambridge_Bay",
    "America/Yellowknife",
    "America/Inuvik",
    "America/Creston",
    "America/Dawson_Creek",
    "America/Fort_Nelson",
    "America/Whitehorse",
    "America/Dawson",
    "America/Vancouver",
    // Australia, New Zealand, India, the Philippines
    "Antarctica/Macquarie",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "NZ",
    "NZ-CHAT",
    "Asia/Kolkata",
    "Asia/Calcutta",
    "Asia/Manila",
];

impl Clock {
    /// The clock of the country a time zone belongs to (see
    /// `TWELVE_HOUR_ZONES`): `America/Chicago` → 12h, `Europe/Paris` → 24h.
    pub fn for_zone(zone: &str) -> Clock {
        let twelve = TWELVE_HOUR_ZONES.iter().any(|z| match z.strip_suffix('/') {
            Some(prefix) => zone
                .strip_prefix(prefix)
                .is_some_and(|r| r.starts_with('/')),
            None => zone == *z,
        });
        if twelve {
            Clock::Twelve
        } else {
            Clock::TwentyFour
        }
    }

    /// A time of day on this clock: `2:00 PM` or `14:00`.
    pub fn format(self, hour: u8, minute: u8) -> String {
        match self {
            Clock::TwentyFour => format!("{hour:02}:{minute:02}"),
            Clock::Twelve => {
                let h = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                let half = if hour < 12 { "AM" } else { "PM" };
                format!("{h}:{minute:02} {half}")
            }
        }
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by `word_enum!`
impl Default for Role {
    fn default() -> Self {
        Role::Mentee
    }
}

#[allow(clippy::derivable_impls)] // the enum is made by `word_enum!`
impl Default for Modality {
    fn default() -> Self {
        Modality::Hybrid
    }
}

/// A length of time in whole minutes, written `2h30m`, `90m`, `2h` or `90`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub u32);

/// The longest a session (a workshop or a meeting) may last: a day. Past
/// it a number is a typo or an attack, and a calendar would get an end date
/// thousands of years away.
pub const MAX_SESSION_MINUTES: u32 = 24 * 60;

impl FromStr for Minutes {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}` is not a duration; write hours and minutes like `2h30m`, `90m` or `2h`, or a number of minutes"
            )
        };
        let t: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if t.is_empty() {
            return Err(bad());
        }
        let too_long = |what: String| {
            format!(
                "{what} is too long for a session; a session lasts at most 24 hours ({MAX_SESSION_MINUTES} minutes)"
            )
        };
        if t.bytes().all(|b| b.is_ascii_digit()) {
            return match t.parse::<u64>() {
                Ok(0) => Err(bad()),
                Ok(n) if n <= u64::from(MAX_SESSION_MINUTES) => Ok(Minutes(n as u32)),
                _ => Err(too_long(format!("`{t}` minutes"))),
            };
        }
        let (hours, rest) = match t.split_once('h') {
            Some((h, rest)) => (h.parse::<u32>().map_err(|_| bad())?, rest),
            None => (0, t.as_str()),
        };
        let minutes = match rest.strip_suffix('m').or(rest.strip_suffix("min")) {
            Some(m) if !m.is_empty() => m.parse::<u32>().map_err(|_| bad())?,
            Some(_) => return Err(bad()),
            None if rest.is_empty() => 0,
            None => return Err(bad()),
        };
        match hours.checked_mul(60).and_then(|h| h.checked_add(minutes)) {
            Some(0) => Err(bad()),
            Some(total) if total <= MAX_SESSION_MINUTES => Ok(Minutes(total)),
            _ => Err(too_long(format!("`{}`", s.trim()))),
        }
    }
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = (self.0 / 60, self.0 % 60);
        match (h, m) {
            (0, m) => write!(f, "{m}m"),
            (h, 0) => write!(f, "{h}h"),
            (h, m) => write!(f, "{h}h{m}m"),
        }
    }
}

impl Serialize for Minutes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Minutes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = scalar_string(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// A time of day, `HH:MM` on a 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl FromStr for ClockTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "`{s}` is not a time of day; write it as HH:MM on a 24-hour clock, like `14:00`"
            )
        };
        let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 || m.len() != 2 {
            return Err(bad());
        }
        Ok(ClockTime { hour, minute })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = scalar_string(d)?;
        s.parse().map_err(de::Error::custom)
    }
}

/// Reads any scalar (text, number, boolean) as its text.
pub fn scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct V;
    impl de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a single value")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(V)
}

/// Any scalar kept as text: years, loose dates like `2014-03` or `present`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text(pub String);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        scalar_string(d).map(Text)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A list that may also be written as a single value (`degrees: BA`).
/// Errors inside the list keep their own place and message.
pub fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> de::Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list, or a single value")
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::new();
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
            let d: de::value::StrDeserializer<'_, E> = de::IntoDeserializer::into_deserializer(v);
            T::deserialize(d).map(|t| vec![t])
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Vec<T>, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
            Ok(Vec::new())
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Vec<T>, D2::Error> {
            d.deserialize_any(self)
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// Trimmed, lower-cased form used whenever competencies, departments and
/// slots are compared.
pub fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_follows_the_zone_country() {
        for (zone, clock) in [
            ("America/Chicago", Clock::Twelve),
            ("America/Indiana/Knox", Clock::Twelve),
            ("America/Toronto", Clock::Twelve),
            ("US/Eastern", Clock::Twelve),
            ("Pacific/Honolulu", Clock::Twelve),
            ("Australia/Sydney", Clock::Twelve),
            ("America/Mexico_City", Clock::TwentyFour),
            ("America/Sao_Paulo", Clock::TwentyFour),
            ("Europe/London", Clock::TwentyFour),
            ("UTC", Clock::TwentyFour),
            ("USA", Clock::TwentyFour),
        ] {
            assert_eq!(Clock::for_zone(zone), clock, "{zone}");
        }
    }

    #[test]
    fn clocks_print_times() {
        let cases = [(0, 5, "12:05 AM", "00:05"), (9, 30, "9:30 AM", "09:30")];
        let more = [(12, 0, "12:00 PM", "12:00"), (14, 0, "2:00 PM", "14:00")];
        for (h, m, twelve, twenty_four) in cases.into_iter().chain(more) {
            assert_eq!(Clock::Twelve.format(h, m), twelve);
            assert_eq!(Clock::TwentyFour.format(h, m), twenty_four);
        }
    }

    #[test]
    fn slots_parse_case_insensitively() {
        assert_eq!(
            "Tue-PM".parse::<Slot>().map(|s| s.to_string()),
            Ok("tue-pm".into())
        );
        assert!("tue-noon".parse::<Slot>().is_err());
        assert_eq!(Slot::all().count(), 21);
    }

    #[test]
    fn durations() {
        let cases = [
            ("2h30m", Some(150)),
            ("90m", Some(90)),
            ("2h", Some(120)),
            ("45", Some(45)),
            ("0", None),
            ("-5m", None),
            ("2x", None),
            ("h", None),
            ("1440", Some(1440)),
            ("24h", Some(1440)),
            ("1441", None),
            ("4294967295", None),
            ("99999999999999999999", None),
            ("25h", None),
            ("9999999h", None),
        ];
        for (s, want) in cases {
            assert_eq!(s.parse::<Minutes>().ok().map(|m| m.0), want, "{s}");
        }
        assert_eq!(Minutes(150).to_string(), "2h30m");
        assert_eq!(
            "4294967295".parse::<Minutes>(),
            Err("`4294967295` minutes is too long for a session; a session lasts at most 24 hours (1440 minutes)".into())
        );
        assert_eq!(
            "25h".parse::<Minutes>(),
            Err(
                "`25h` is too long for a session; a session lasts at most 24 hours (1440 minutes)"
                    .into()
            )
        );
    }

    #[test]
    fn clock_times() {
        assert_eq!(
            "14:00".parse::<ClockTime>().map(|t| t.to_string()),
            Ok("14:00".into())
        );
        for bad in ["25:00", "14:60", "14", "2pm", "14:5"] {
            assert!(bad.parse::<ClockTime>().is_err(), "{bad}");
        }
    }

    #[test]
    fn word_enums_list_allowed_values() {
        let err = "boss".parse::<Role>().err();
        assert_eq!(
            err.as_deref(),
            Some("`boss` is not allowed here; use one of: mentee, mentor")
        );
    }
}
