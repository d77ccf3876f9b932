//! Charts as inline SVG, drawn with plotters, so an HTML report is one
//! self-contained file: the funnel, attendance, surveys and trends (bar
//! charts of categories, grouped when there are several series) and the
//! retention curves ([`retention`]); the tables beside each chart carry the
//! same figures for readers who cannot see it. Category names wrap onto up
//! to three lines under their bars rather than run into each other, and a
//! value of zero is drawn as a thin bar with its figure, so it is not
//! mistaken for a missing one. Text in a chart (category names such as
//! survey questions) is escaped by plotters' SVG backend.

mod retention;

use plotters::coord::Shift;

use chrono::Datelike;

use crate::filters::label;
use crate::logic::cohort::{Funnel, QuestionChange};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colours of the series, in order; readable in greyscale print too.
pub use retention::retention;

pub(crate) const PALETTE: [RGBColor; 4] = [
    RGBColor(0x2b, 0x57, 0x9a),
    RGBColor(0xe0, 0x8a, 0x1e),
    RGBColor(0x5a, 0x9e, 0x6f),
    RGBColor(0x8e, 0x4a, 0x8c),
];

/// Width and height of every chart, in SVG pixels.
pub(crate) const SIZE: (u32, u32) = (640, 280);

/// A named row of values, one per category (`None`: no bar).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A bar chart: categories along the bottom, bars up to `y_max`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub y_max: f64,
    /// What the vertical axis counts, e.g. `people`.
    pub y_label: String,
    /// Print the value above each bar.
    pub value_labels: bool,
    /// Vertical labels as whole numbers.
    pub integers: bool,
    /// What the categories are, under their labels (e.g. the year of the
    /// dates above it).
    pub x_label: Option<String>,
}

/// Font size of the category labels, and the height of one line of them.
const LABEL_FONT: u32 = 12;
const LABEL_LINE: i32 = 14;
/// Most lines a category label takes.
const LABEL_LINES: usize = 3;

/// Breaks `text` into lines of at most `width` characters, at spaces where
/// it can (a longer word is cut), into at most `LABEL_LINES` lines; what
/// does not fit ends the last line with `…`.
pub fn wrap_label(text: &str, width: usize) -> Vec<String> {
    let width = width.max(3);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_string();
        loop {
            let room = if line.is_empty() {
                width
            } else {
                width.saturating_sub(line.chars().count() + 1)
            };
            let len = word.chars().count();
            if len <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if line.is_empty() {
                // A word longer than the line: cut it.
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                lines.push(head);
            } else {
                lines.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > LABEL_LINES {
        lines.truncate(LABEL_LINES);
        if let Some(last) = lines.last_mut() {
            let keep: String = last.chars().take(width.saturating_sub(1)).collect();
            *last = format!("{}…", keep.trim_end());
        }
    }
    lines
}

impl Bars {
    /// Draws the chart as an SVG document (no XML declaration), or says why not.
    pub fn svg(&self) -> Result<String, String> {
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
            self.draw(&root)
                .map_err(|e| format!("cannot draw a chart: {e}"))?;
            root.present()
                .map_err(|e| format!("cannot draw a chart: {e}"))?;
        }
        Ok(out)
    }

    /// The category labels, each broken into lines that fit under its bars
    /// (a label is written every `every` categories when they are many).
    fn label_lines(&self, plot_width: u32) -> (usize, Vec<Vec<String>>) {
        let n = self.categories.len().max(1);
        let every = n.div_ceil(12);
        let segment = f64::from(plot_width) / n as f64 * every as f64;
        // An average character of a 12 px sans-serif font is about 6.6 px wide.
        let width = (segment * 0.92 / (f64::from(LABEL_FONT) * 0.55)).floor() as usize;
        let lines = self
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i % every == 0 {
                    wrap_label(c, width)
                } else {
                    Vec::new()
                }
            })
            .collect();
        (every, lines)
    }

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend<'_>, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<<SVGBackend<'_> as DrawingBackend>::ErrorType>> {
        root.fill(&WHITE)?;
        let n = self.categories.len().max(1);
        let y_max = if self.y_max > 0.0 { self.y_max } else { 1.0 };
        let legend_height = if self.series.len() > 1 { 24 } else { 0 };
        let (legend, plot) = root.split_vertically(legend_height);
        let (_, labels) = self.label_lines(SIZE.0 - 48 - 16);
        let rows = labels.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32;
        let x_desc = i32::from(self.x_label.is_some()) * LABEL_LINE;
        let mut chart = ChartBuilder::on(&plot)
            .margin(8)
            .x_label_area_size(10 + rows * LABEL_LINE + x_desc)
            .y_label_area_size(48)
            // An integer range is closed in plotters: 0..n-1 makes n segments.
            .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..y_max * 1.12)?;
        let integers = self.integers;
        // On a count axis only whole numbers are labelled: with a cohort of
        // one, the ticks 0, 0.2 … 1 would all print as 0 or 1.
        let y_of = |y: &f64| {
            if !integers {
                format!("{y:.1}")
            } else if (y - y.round()).abs() < 1e-9 {
                format!("{y:.0}")
            } else {
                String::new()
            }
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&|_| String::new())
            .y_labels(6)
            .y_label_formatter(&y_of)
            .y_desc(self.y_label.as_str())
            .max_light_lines(1)
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xe4, 0xe4, 0xe8))
            .label_style(("sans-serif", 12))
            .draw()?;
        let label_style = ("sans-serif", LABEL_FONT)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        let (_, base) = chart.backend_coord(&(SegmentValue::Exact(0), 0.0));
        for (i, lines) in labels.iter().enumerate() {
            let (x, _) = chart.backend_coord(&(SegmentValue::CenterOf(i), 0.0));
            for (k, line) in lines.iter().enumerate() {
                let y = base + 8 + k as i32 * LABEL_LINE;
                root.draw(&Text::new(line.clone(), (x, y), label_style.clone()))?;
            }
        }
        if let Some(desc) = &self.x_label {
            let (left, _) = chart.backend_coord(&(SegmentValue::Exact(0), 0.0));
            let (right, _) = chart.backend_coord(&(SegmentValue::Last, 0.0));
            let y = base + 8 + rows * LABEL_LINE;
            let style = ("sans-serif", 11)
                .into_font()
                .color(&RGBColor(0x58, 0x58, 0x66))
                .pos(Pos::new(HPos::Center, VPos::Top));
            root.draw(&Text::new(desc.clone(), ((left + right) / 2, y), style))?;
        }
        self.draw_bars(root, |c| chart.backend_coord(c))?;
        if legend_height > 0 {
            let mut x = 60;
            for (j, s) in self.series.iter().enumerate() {
                let colour = PALETTE[j % PALETTE.len()];
                legend.draw(&Rectangle::new([(x, 8), (x + 12, 20)], colour.filled()))?;
                let style = ("sans-serif", 12)
                    .into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center));
                legend.draw(&Text::new(s.name.clone(), (x + 18, 14), style))?;
                x += 30 + 7 * s.name.chars().count() as i32;
            }
        }
        Ok(())
    }

    /// The bars, with their values above them when asked; a zero is a
    /// thin bar with `0` above it whether or not values are printed.
    fn draw_bars(
        &self,
        root: &DrawingArea<SVGBackend<'_>, Shift>,
        at: impl Fn(&(SegmentValue<usize>, f64)) -> (i32, i32),
    ) -> Result<(), DrawingAreaErrorKind<<SVGBackend<'_> as DrawingBackend>::ErrorType>> {
        let n = self.categories.len().max(1);
        let groups = self.series.len().max(1) as i32;
        for (i, _) in self.categories.iter().enumerate() {
            let (left, base) = at(&(SegmentValue::Exact(i), 0.0));
            let next = if i + 1 < n {
                SegmentValue::Exact(i + 1)
            } else {
                SegmentValue::Last
            };
            let (right, _) = at(&(next, 0.0));
            let width = right - left;
            let pad = width / 8;
            let bar = ((width - 2 * pad) / groups).max(1);
            for (j, s) in self.series.iter().enumerate() {
                let Some(Some(v)) = s.values.get(i) else {
                    continue;
                };
                let (_, top) = at(&(SegmentValue::Exact(i), *v));
                let zero = *v == 0.0;
                // A zero still shows: a bar two pixels high on the axis.
                let top = if zero { base - 2 } else { top };
                let x0 = left + pad + bar * j as i32;
                let colour = PALETTE[j % PALETTE.len()];
                // Backend coordinates are the root's, not the plot area's.
                root.draw(&Rectangle::new(
                    [(x0, top), (x0 + bar - 2, base)],
                    colour.filled(),
                ))?;
                if self.value_labels || zero {
                    let text = if integers_or_zero(self.integers, *v) {
                        format!("{v:.0}")
                    } else {
                        format!("{v:.1}")
                    };
                    let style = ("sans-serif", 11)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Bottom));
                    root.draw(&Text::new(text, (x0 + bar / 2 - 1, top - 2), style))?;
                }
            }
        }
        Ok(())
    }
}

/// Whether a value prints as a whole number: on an integer chart, or a zero.
fn integers_or_zero(integers: bool, v: f64) -> bool {
    integers || v == 0.0
}

/// People at each step of the funnel; the steps not known yet are left out.
pub fn funnel(f: &Funnel) -> Result<Option<String>, String> {
    if f.applied == 0 {
        return Ok(None);
    }
    let steps = [
        ("Applied", Some(f.applied)),
        ("Eligible", f.eligible),
        ("Accepted", f.accepted),
        ("Completed", Some(f.completed)),
    ];
    let known: Vec<(&str, usize)> = steps
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    Bars {
        categories: known.iter().map(|(k, _)| k.to_string()).collect(),
        series: vec![Series {
            name: "People".into(),
            values: known.iter().map(|(_, v)| Some(*v as f64)).collect(),
        }],
        y_max: f.applied as f64,
        y_label: "people".into(),
        value_labels: true,
        integers: true,
        x_label: None,
    }
    .svg()
    .map(Some)
}

/// Attendance at each workshop held: `(date as YYYY-MM-DD, attended)`, out
/// of the cohort's size; a session with `None` (suppressed) gets no bar.
pub fn attendance(
    held: &[(String, Option<usize>)],
    cohort: usize,
) -> Result<Option<String>, String> {
    if held.is_empty() {
        return Ok(None);
    }
    let max = held
        .iter()
        .filter_map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(cohort);
    let dates: Vec<Option<chrono::NaiveDate>> = held
        .iter()
        .map(|(date, _)| chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
        .collect();
    // Dates carry their year: under the axis when they share one, else on each.
    let years: std::collections::BTreeSet<i32> = dates.iter().flatten().map(|d| d.year()).collect();
    let one_year = match years.iter().collect::<Vec<_>>().as_slice() {
        [y] => Some(**y),
        _ => None,
    };
    Bars {
        categories: held
            .iter()
            .zip(&dates)
            .map(|((text, _), date)| match (date, one_year) {
                (Some(d), Some(_)) => d.format("%b %-d").to_string(),
                (Some(d), None) => d.format("%b %-d, %Y").to_string(),
                (None, _) => text.to_string(),
            })
            .collect(),
        x_label: one_year.map(|y| y.to_string()),
        series: vec![Series {
            name: "Attended".into(),
            values: held.iter().map(|(_, n)| n.map(|n| n as f64)).collect(),
        }],
        y_max: max as f64,
        y_label: "attended".into(),
        value_labels: true,
        integers: true,
    }
    .svg()
    .map(Some)
}

/// Pre and post means per survey question, on the 1–5 scale.
pub fn surveys(changes: &[QuestionChange]) -> Result<Option<String>, String> {
    if changes.is_empty() {
        return Ok(None);
    }
    Bars {
        categories: changes.iter().map(|q| label(&q.question)).collect(),
        series: vec![
            Series {
                name: "Pre".into(),
                values: changes.iter().map(|q| q.pre_mean).collect(),
            },
            Series {
                name: "Post".into(),
                values: changes.iter().map(|q| q.post_mean).collect(),
            },
        ],
        y_max: 5.0,
        y_label: "mean answer (1–5)".into(),
        value_labels: true,
        integers: false,
        x_label: None,
    }
    .svg()
    .map(Some)
}

/// Completion, retention after 1 and 3 years and promotion within 3 years
/// (shares) per cohort label; a window not yet closed has no bar.
pub fn trends(cohorts: &[(String, [Option<f64>; 4])]) -> Result<Option<String>, String> {
    if cohorts.is_empty() {
        return Ok(None);
    }
    let series = |i: usize, name: &str| Series {
        name: name.into(),
        values: cohorts
            .iter()
            .map(|(_, r)| r[i].map(|x| x * 100.0))
            .collect(),
    };
    Bars {
        categories: cohorts.iter().map(|(l, _)| l.clone()).collect(),
        series: vec![
            series(0, "Completed %"),
            series(1, "Employed after 1 year %"),
            series(2, "Employed after 3 years %"),
            series(3, "Promoted within 3 years %"),
        ],
        y_max: 100.0,
        y_label: "% of the cohort".into(),
        value_labels: false,
        integers: true,
        x_label: None,
    }
    .svg()
    .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(categories: &[&str]) -> Bars {
        Bars {
            categories: categories.iter().map(|s| s.to_string()).collect(),
            series: vec![
                Series {
                    name: "Pre".into(),
                    values: vec![Some(2.0), None],
                },
                Series {
                    name: "Post".into(),
                    values: vec![Some(4.5), Some(3.0)],
                },
            ],
            y_max: 5.0,
            y_label: "mean answer".into(),
            value_labels: true,
            integers: false,
            x_label: None,
        }
    }

    #[test]
    fn draws_an_svg_with_a_bar_per_value() {
        let svg = chart(&["confidence", "clarity"]).svg().unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("confidence"));
        assert!(svg.contains(">\n4.5\n<"), "{svg}");
        // three bars: the missing value draws none
        assert_eq!(svg.matches("fill=\"#2B579A\"").count(), 2, "{svg}");
        assert_eq!(svg.matches("fill=\"#E08A1E\"").count(), 3);
    }

    #[test]
    fn the_same_chart_is_the_same_bytes() {
        let c = chart(&["a", "b"]);
        assert_eq!(c.svg().unwrap(), c.svg().unwrap());
    }

    #[test]
    fn text_in_a_chart_is_escaped() {
        let svg = chart(&["<script>alert(1)</script>", "a&b"]).svg().unwrap();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("a&amp;b"));
    }

    #[test]
    fn long_labels_wrap_instead_of_running_together() {
        assert_eq!(
            wrap_label("Career Development Mentorship Program (2016)", 20),
            ["Career Development", "Mentorship Program", "(2016)"]
        );
        assert_eq!(wrap_label("Aug 9", 20), ["Aug 9"]);
        assert_eq!(
            wrap_label("one two three four five six seven", 9),
            ["one two", "three", "four fiv…"]
        );
        assert_eq!(
            wrap_label("Supercalifragilistic", 8),
            ["Supercal", "ifragili", "stic"]
        );
        let svg = Bars {
            categories: vec![
                "Career Development Mentorship Program (2016)".into(),
                "Library Technology Mentoring (2025)".into(),
                "c".into(),
                "d".into(),
            ],
            ..chart(&[])
        }
        .svg()
        .unwrap();
        // Four categories leave about 20 characters a line.
        assert!(svg.contains(">\nCareer Development\n<"), "{svg}");
        assert!(svg.contains(">\nMentorship Program\n<"), "{svg}");
        assert!(!svg.contains('…'), "{svg}");
    }

    #[test]
    fn a_zero_is_drawn_and_labelled_a_missing_value_is_not() {
        let c = Bars {
            series: vec![Series {
                name: "Rate".into(),
                values: vec![Some(0.0), None],
            }],
            value_labels: false,
            ..chart(&["a", "b"])
        };
        let svg = c.svg().unwrap();
        // One bar (the zero, two pixels high) and its figure; nothing for None.
        assert_eq!(svg.matches("fill=\"#2B579A\"").count(), 1, "{svg}");
        assert!(svg.contains("height=\"2\""), "{svg}");
        assert!(svg.contains(">\n0\n<"), "{svg}");
    }

    #[test]
    fn attendance_dates_carry_their_year() {
        let held = |rows: &[(&str, usize)]| -> Vec<(String, Option<usize>)> {
            rows.iter()
                .map(|(d, n)| (d.to_string(), Some(*n)))
                .collect()
        };
        let one_year = attendance(&held(&[("2016-01-12", 7), ("2016-02-09", 0)]), 7)
            .unwrap()
            .unwrap();
        assert!(one_year.contains(">\nJan 12\n<"), "{one_year}");
        assert!(one_year.contains(">\n2016\n<"), "{one_year}");
        let two_years = attendance(&held(&[("2016-12-13", 7), ("2017-01-10", 6)]), 7)
            .unwrap()
            .unwrap();
        assert!(two_years.contains(">\nDec 13, 2016\n<"), "{two_years}");
        assert!(two_years.contains(">\nJan 10, 2017\n<"), "{two_years}");
    }

    #[test]
    fn a_count_axis_labels_whole_numbers_only() {
        let svg = funnel(&Funnel {
            applied: 1,
            eligible: Some(1),
            accepted: Some(1),
            completed: 1,
        })
        .unwrap()
        .unwrap();
        // Ticks at 0, 0.2, … 1.0: only 0 and 1 are written, each once on the axis.
        let labels: Vec<&str> = svg
            .split("text-anchor=\"end\"")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1))
            .map(|t| t.split('<').next().unwrap_or("").trim())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(labels, ["0", "1"], "{svg}");
    }
}
