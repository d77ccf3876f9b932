//! The retention chart: each group's Kaplan–Meier curve of still being
//! employed, from the program start, as a step line, with the participants'
//! 95% band shaded and the 1- and 3-year readings marked. Groups are named
//! by their labels (`participants`, `staff.csv`), never by people.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{PALETTE, SIZE};
use crate::logic::evidence::Curve;

/// The chart of `curves` (the participants first), or `None` with nothing
/// to draw.
pub fn retention(curves: &[Curve]) -> Result<Option<String>, String> {
    if curves.iter().all(|c| c.steps.is_empty()) {
        return Ok(None);
    }
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        draw(&root, curves).map_err(|e| format!("cannot draw a chart: {e}"))?;
        root.present()
            .map_err(|e| format!("cannot draw a chart: {e}"))?;
    }
    Ok(Some(out))
}

/// The step line through `(years, share)` points, in percent: flat until
/// the next step, then on to `end`.
fn steps(points: &[(f64, f64)], end: f64) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len() * 2 + 2);
    let mut last = 1.0;
    out.push((0.0, 100.0));
    for &(x, y) in points {
        out.push((x, last * 100.0));
        out.push((x, y * 100.0));
        last = y;
    }
    out.push((end, last * 100.0));
    out
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Failed<'a> = DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>;

fn draw<'a>(root: &Area<'a>, curves: &[Curve]) -> Result<(), Failed<'a>> {
    root.fill(&WHITE)?;
    let followed = curves
        .iter()
        .filter_map(|c| c.steps.last().map(|s| s.years))
        .fold(0.0_f64, f64::max);
    let x_max = followed.max(3.0) * 1.04;
    let (legend, plot) = root.split_vertically(24);
    let mut chart = ChartBuilder::on(&plot)
        .margin(8)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(0f64..x_max, 0f64..104f64)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(8)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .x_desc("years from the program start")
        .y_labels(6)
        .y_label_formatter(&|y| format!("{y:.0}%"))
        .y_desc("still employed")
        .max_light_lines(1)
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(0xe4, 0xe4, 0xe8))
        .label_style(("sans-serif", 12))
        .draw()?;
    // The readings at 1 and 3 years.
    for year in [1.0, 3.0] {
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(year, 0.0), (year, 104.0)],
            RGBColor(0x99, 0x99, 0xa0).stroke_width(1),
        )))?;
    }
    // The participants' band first, under the lines.
    if let Some(c) = curves.first() {
        let last = c.steps.last().map_or(0.0, |s| s.years);
        let upper: Vec<(f64, f64)> = c.steps.iter().map(|s| (s.years, s.high)).collect();
        let lower: Vec<(f64, f64)> = c.steps.iter().map(|s| (s.years, s.low)).collect();
        let mut band = steps(&upper, last);
        band.extend(steps(&lower, last).into_iter().rev());
        chart.draw_series(std::iter::once(Polygon::new(
            band,
            PALETTE[0].mix(0.18).filled(),
        )))?;
    }
    for (i, c) in curves.iter().enumerate().rev() {
        let last = c.steps.last().map_or(0.0, |s| s.years);
        let points: Vec<(f64, f64)> = c.steps.iter().map(|s| (s.years, s.survival)).collect();
        let colour = PALETTE[i % PALETTE.len()];
        chart.draw_series(std::iter::once(PathElement::new(
            steps(&points, last),
            colour.stroke_width(if i == 0 { 3 } else { 2 }),
        )))?;
    }
    let mut x = 60;
    for (i, c) in curves.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        legend.draw(&Rectangle::new([(x, 12), (x + 14, 16)], colour.filled()))?;
        let style = ("sans-serif", 12)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        legend.draw(&Text::new(c.label.clone(), (x + 20, 14), style))?;
        x += 40 + 7 * c.label.chars().count() as i32;
    }
    let style = ("sans-serif", 11)
        .into_font()
        .color(&RGBColor(0x55, 0x55, 0x5f))
        .pos(Pos::new(HPos::Right, VPos::Center));
    legend.draw(&Text::new(
        "shaded: participants' 95% band".to_string(),
        (SIZE.0 as i32 - 10, 14),
        style,
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::evidence::{CurveStep, GroupKind};

    fn curve(label: &str, points: &[(f64, f64)]) -> Curve {
        Curve {
            group: GroupKind::Participants,
            label: label.to_string(),
            steps: points
                .iter()
                .map(|&(years, survival)| CurveStep {
                    days: years * 365.25,
                    years,
                    survival,
                    low: (survival - 0.2).max(0.0),
                    high: (survival + 0.1).min(1.0),
                    at_risk: Some(7),
                    events: Some(1),
                    censored: Some(0),
                })
                .collect(),
        }
    }

    fn two() -> Vec<Curve> {
        vec![
            curve("participants", &[(0.5, 0.86), (2.5, 0.71)]),
            curve("staff.csv", &[(0.2, 0.9), (1.5, 0.8), (4.0, 0.7)]),
        ]
    }

    #[test]
    fn draws_one_line_per_group_with_its_label() {
        let svg = retention(&two()).unwrap().unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains(">\nparticipants\n<"), "{svg}");
        assert!(svg.contains(">\nstaff.csv\n<"), "{svg}");
        assert!(svg.contains("years from the program start"));
        assert_eq!(svg, retention(&two()).unwrap().unwrap());
        assert_eq!(retention(&[curve("participants", &[])]).unwrap(), None);
    }

    #[test]
    fn steps_hold_flat_until_the_next_event() {
        assert_eq!(
            steps(&[(1.0, 0.5)], 2.0),
            vec![(0.0, 100.0), (1.0, 100.0), (1.0, 50.0), (2.0, 50.0)]
        );
    }
}
