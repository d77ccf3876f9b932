//! Generated cohorts for the matching benchmark: seeded, so every run and the
//! Python baseline see the same people.

// The folder writer (phase two) uses the tables and fields the solver bench does not.
#![allow(dead_code)]

/// Weekly slots: mon..sun × am/pm/eve would be 21; programs use 18 (no Sunday).
pub(crate) const SLOTS: usize = 18;
pub(crate) const COMPETENCIES: [&str; 12] = [
    "cataloging",
    "reference",
    "outreach",
    "programming",
    "collection development",
    "digital literacy",
    "grant writing",
    "supervision",
    "youth services",
    "metadata",
    "public speaking",
    "data analysis",
];
pub(crate) const DEPARTMENTS: [&str; 5] = [
    "Circulation",
    "Technical Services",
    "Youth Services",
    "Reference",
    "Systems",
];
pub(crate) const MODALITIES: [&str; 3] = ["in-person", "virtual", "hybrid"];

/// One generated person; lists hold indices into the tables above.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    pub(crate) department: usize,
    pub(crate) slots: Vec<usize>,
    pub(crate) competencies: Vec<usize>,
    pub(crate) skills: Vec<usize>,
    pub(crate) modality: usize,
    pub(crate) capacity: u32,
    pub(crate) hired_year: i32,
}

/// SplitMix64: small, seeded, good enough for test data.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in lo..=hi.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    /// `k` distinct sorted values below `n`.
    pub(crate) fn subset(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = i + (self.next() % (n - i) as u64) as usize;
            all.swap(i, j);
        }
        let mut out = all[..k].to_vec();
        out.sort_unstable();
        out
    }
}

pub(crate) fn person(rng: &mut Rng, mentor: bool) -> Person {
    let slots = rng.range(1, 5) as usize;
    let comps = rng.range(1, 4) as usize;
    let skills = rng.range(1, 4) as usize;
    Person {
        department: rng.range(0, DEPARTMENTS.len() as u64 - 1) as usize,
        slots: rng.subset(SLOTS, slots),
        competencies: rng.subset(COMPETENCIES.len(), comps),
        skills: rng.subset(COMPETENCIES.len(), skills),
        modality: rng.range(0, 2) as usize,
        capacity: if mentor { rng.range(1, 5) as u32 } else { 1 },
        hired_year: rng.range(1990, 2024) as i32,
    }
}

/// `mentees` mentees and `mentors` mentors from `seed`.
pub(crate) fn cohort(mentees: usize, mentors: usize, seed: u64) -> (Vec<Person>, Vec<Person>) {
    let mut rng = Rng::new(seed);
    let a = (0..mentees).map(|_| person(&mut rng, false)).collect();
    let b = (0..mentors).map(|_| person(&mut rng, true)).collect();
    (a, b)
}

fn common(a: &[usize], b: &[usize]) -> i64 {
    a.iter().filter(|x| b.contains(x)).count() as i64
}

/// The SPEC pair score with the example weights (10, 3, 2, 2), or None when
/// the two share no slot.
pub(crate) fn pair_score(mentee: &Person, mentor: &Person, peer: bool) -> Option<i64> {
    let slots = common(&mentee.slots, &mentor.slots);
    if slots == 0 {
        return None;
    }
    let comp = if peer {
        common(&mentee.competencies, &mentor.skills) + common(&mentor.competencies, &mentee.skills)
    } else {
        common(&mentee.competencies, &mentor.competencies)
    };
    let dept = i64::from(mentee.department != mentor.department);
    let modality = i64::from(
        mentee.modality == mentor.modality || mentee.modality == 2 || mentor.modality == 2,
    );
    Some(10 * comp + 3 * dept + 2 * slots + 2 * modality)
}
