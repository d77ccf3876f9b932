//! Charts as inline SVG, drawn with plotters, so an HTML report is one
//! self-contained file: the funnel, attendance, surveys and trends (bar
//! charts of categories, grouped when there are several series) and the
//! retention curves ([`retention`]); the tables beside each chart carry the
//! same figures for readers who cannot see it. Text in a chart (category names such as survey questions)
//! is escaped by plotters' SVG backend.

mod retention;

use plotters::coord::Shift;

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

    fn draw(
        &self,
        root: &DrawingArea<SVGBackend<'_>, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<<SVGBackend<'_> as DrawingBackend>::ErrorType>> {
        root.fill(&WHITE)?;
        let n = self.categories.len().max(1);
        let y_max = if self.y_max > 0.0 { self.y_max } else { 1.0 };
        let legend_height = if self.series.len() > 1 { 24 } else { 0 };
        let (legend, plot) = root.split_vertically(legend_height);
        let mut chart = ChartBuilder::on(&plot)
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(48)
            // An integer range is closed in plotters: 0..n-1 makes n segments.
            .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..y_max * 1.12)?;
        let every = n.div_ceil(12);
        let integers = self.integers;
        let label_of = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if i % every == 0 => {
                self.categories.get(*i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        let y_of = |y: &f64| {
            if integers {
                format!("{y:.0}")
            } else {
                format!("{y:.1}")
            }
        };
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n)
            .x_label_formatter(&label_of)
            .y_labels(6)
            .y_label_formatter(&y_of)
            .y_desc(self.y_label.as_str())
            .max_light_lines(1)
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xe4, 0xe4, 0xe8))
            .label_style(("sans-serif", 12))
            .draw()?;
        let groups = self.series.len().max(1) as i32;
        for (i, _) in self.categories.iter().enumerate() {
            let (left, base) = chart.backend_coord(&(SegmentValue::Exact(i), 0.0));
            let next = if i + 1 < n {
                SegmentValue::Exact(i + 1)
            } else {
                SegmentValue::Last
            };
            let (right, _) = chart.backend_coord(&(next, 0.0));
            let width = right - left;
            let pad = width / 8;
            let bar = ((width - 2 * pad) / groups).max(1);
            for (j, s) in self.series.iter().enumerate() {
                let Some(Some(v)) = s.values.get(i) else {
                    continue;
                };
                let (_, top) = chart.backend_coord(&(SegmentValue::Exact(i), *v));
                let x0 = left + pad + bar * j as i32;
                let colour = PALETTE[j % PALETTE.len()];
                // Backend coordinates are the root's, not the plot area's.
                root.draw(&Rectangle::new(
                    [(x0, top), (x0 + bar - 2, base)],
                    colour.filled(),
                ))?;
                if self.value_labels {
                    let text = if integers {
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
    Bars {
        categories: held
            .iter()
            .map(|(date, _)| {
                chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                    .map(|d| d.format("%b %-d").to_string())
                    .unwrap_or_else(|_| date.to_string())
            })
            .collect(),
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
}
