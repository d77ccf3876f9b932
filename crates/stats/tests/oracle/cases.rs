//! The cases sent to the oracle: the ones quoted in issue 13, the edges
//! (0% and 100% in either group, one person, all censored, ties
//! everywhere), and many more drawn from a seeded generator.

use serde::Serialize;

/// One question for the oracle, serialised as `{"kind": …, inputs}`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Case {
    Wilson {
        x: u32,
        n: u32,
        level: f64,
    },
    Ratio {
        x1: u32,
        n1: u32,
        x2: u32,
        n2: u32,
        level: f64,
    },
    Difference {
        x1: u32,
        n1: u32,
        x2: u32,
        n2: u32,
        level: f64,
    },
    Fisher {
        x1: u32,
        n1: u32,
        x2: u32,
        n2: u32,
    },
    MantelHaenszel {
        /// [a, n1, c, n2] per stratum.
        strata: Vec<[u32; 4]>,
        level: f64,
    },
    KaplanMeier {
        times: Vec<f64>,
        events: Vec<bool>,
        reads: Vec<f64>,
        level: f64,
    },
    Paired {
        d: Vec<f64>,
        bounds: Option<(f64, f64)>,
        level: f64,
    },
    TQuantile {
        df: f64,
        level: f64,
    },
    Wilcoxon {
        d: Vec<f64>,
    },
}

/// The three comparisons for one pair of groups at 95%.
pub(crate) fn comparison(x1: u32, n1: u32, x2: u32, n2: u32) -> Vec<Case> {
    let level = 0.95;
    vec![
        Case::Ratio {
            x1,
            n1,
            x2,
            n2,
            level,
        },
        Case::Difference {
            x1,
            n1,
            x2,
            n2,
            level,
        },
        Case::Fisher { x1, n1, x2, n2 },
    ]
}

/// SplitMix64: a small seeded generator, so every run sends the same cases.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
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
    pub(crate) fn int(&mut self, lo: u32, hi: u32) -> u32 {
        lo + (self.next() % u64::from(hi - lo + 1)) as u32
    }

    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1_u64 << 53) as f64
    }

    pub(crate) fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.next() as usize % from.len()]
    }

    /// A group size spread over orders of magnitude: 1 to `max`.
    fn size(&mut self, max: u32) -> u32 {
        let x = (f64::from(max).ln() * self.unit()).exp();
        (x.round() as u32).clamp(1, max)
    }

    /// Events out of `n`, often at an edge (0, 1, n − 1, n).
    fn events(&mut self, n: u32) -> u32 {
        match self.int(0, 9) {
            0 => 0,
            1 => n,
            2 => 1.min(n),
            3 => n.saturating_sub(1),
            _ => self.int(0, n),
        }
    }
}

/// The edges of issue 13 and of the methods.
pub(crate) fn edges() -> Vec<Case> {
    let mut v = Vec::new();
    let pairs = [
        (7, 7, 1451, 2000),
        (1, 1, 174, 2000),
        (0, 40, 174, 2000),
        (0, 40, 30, 100),
        (0, 40, 1, 1),
        (0, 40, 0, 2000),
        (40, 40, 2000, 2000),
        (40, 40, 0, 2000),
        (0, 1, 1, 1),
        (1, 1, 0, 1),
        (1, 1, 1, 1),
        (0, 1, 0, 1),
        (3, 12, 0, 9),
        (12, 12, 4, 9),
        (5, 9, 9, 9),
        (36, 40, 16, 80),
        (25_000, 50_000, 24_500, 50_000),
        (610, 1000, 60_000, 100_000),
    ];
    for (x1, n1, x2, n2) in pairs {
        v.extend(comparison(x1, n1, x2, n2));
    }
    for (x, n) in [(0, 1), (1, 1), (0, 40), (7, 7), (1451, 2000), (0, 100_000)] {
        v.push(Case::Wilson { x, n, level: 0.95 });
    }
    v
}

/// Many more, drawn from `rng`.
pub(crate) fn generated(rng: &mut Rng) -> Vec<Case> {
    let mut v = Vec::new();
    let levels = [0.8, 0.9, 0.95, 0.95, 0.99];
    for _ in 0..250 {
        let n = rng.size(5000);
        let x = rng.events(n);
        let level = rng.pick(&levels);
        v.push(Case::Wilson { x, n, level });
    }
    for i in 0..300 {
        // Small cohorts against staff files of up to 3,000 (and a few large).
        let n1 = rng.size(if i % 20 == 0 { 20_000 } else { 80 });
        let n2 = rng.size(if i % 20 == 0 { 100_000 } else { 3000 });
        let (x1, x2) = (rng.events(n1), rng.events(n2));
        let level = rng.pick(&levels);
        v.push(Case::Ratio {
            x1,
            n1,
            x2,
            n2,
            level,
        });
        v.push(Case::Difference {
            x1,
            n1,
            x2,
            n2,
            level,
        });
        v.push(Case::Fisher { x1, n1, x2, n2 });
    }
    v.extend((0..100).map(|_| strata(rng)));
    v.extend((0..80).map(|i| survival(rng, i)));
    v.extend((0..120).map(|_| paired(rng)));
    for _ in 0..60 {
        let df = f64::from(rng.size(200_000));
        let level = rng.pick(&[0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999_999]);
        v.push(Case::TQuantile { df, level });
    }
    v.extend((0..200).map(|i| wilcoxon(rng, i)));
    v
}

fn strata(rng: &mut Rng) -> Case {
    let count = rng.int(1, 6);
    let strata = (0..count)
        .map(|_| {
            // Now and then a stratum with no one in one of the groups.
            let n1 = if rng.int(0, 7) == 0 { 0 } else { rng.size(120) };
            let n2 = if rng.int(0, 7) == 0 { 0 } else { rng.size(400) };
            [rng.events(n1), n1, rng.events(n2), n2]
        })
        .collect();
    Case::MantelHaenszel {
        strata,
        level: rng.pick(&[0.9, 0.95, 0.99]),
    }
}

fn survival(rng: &mut Rng, i: u32) -> Case {
    let n = rng.size(150) as usize;
    // Heavy ties on a coarse grid (whole quarters), or spread-out days.
    let coarse = i.is_multiple_of(2);
    let censor_share = rng.pick(&[0.0, 0.2, 0.5, 0.8, 1.0]);
    let times: Vec<f64> = (0..n)
        .map(|_| {
            if coarse {
                f64::from(rng.int(0, 12) * 91)
            } else {
                f64::from(rng.int(0, 2000))
            }
        })
        .collect();
    let events = (0..n).map(|_| rng.unit() >= censor_share).collect();
    let longest = times.iter().copied().fold(0.0, f64::max);
    let mut reads = vec![-1.0, 0.0, 365.0, 1095.0, longest, longest + 1.0];
    reads.extend((0..4).map(|_| (rng.unit() * 1.2 * longest).floor()));
    Case::KaplanMeier {
        times,
        events,
        reads,
        level: rng.pick(&[0.9, 0.95, 0.99]),
    }
}

fn paired(rng: &mut Rng) -> Case {
    let n = rng.size(3000).max(2) as usize;
    let survey = rng.int(0, 3) > 0;
    let d: Vec<f64> = (0..n)
        .map(|_| {
            if survey {
                f64::from(rng.int(1, 5)) - f64::from(rng.int(1, 5))
            } else {
                (rng.unit() * 8.0 - 3.0 * rng.unit()).clamp(-4.0, 4.0)
            }
        })
        .collect();
    Case::Paired {
        d,
        bounds: (rng.int(0, 1) == 0).then_some((-4.0, 4.0)),
        level: rng.pick(&[0.9, 0.95, 0.99]),
    }
}

fn wilcoxon(rng: &mut Rng, i: u32) -> Case {
    let n = match i % 5 {
        0 => rng.int(1, 13),
        1 => rng.int(14, 50),
        2 => rng.int(45, 56),
        3 => rng.int(51, 200),
        _ => rng.int(1, 60),
    } as usize;
    let d = (0..n)
        .map(|_| match i % 4 {
            // Survey answers: ties and zeros everywhere.
            0 | 1 => f64::from(rng.int(1, 5)) - f64::from(rng.int(1, 5)),
            // One shared size of change: every |d| tied.
            2 => rng.pick(&[-1.0, 1.0, 1.0, 0.0]),
            _ => (rng.unit() - 0.3) * 10.0,
        })
        .collect();
    Case::Wilcoxon { d }
}
