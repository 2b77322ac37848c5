//! Vector charts drawn with PDF paths: a line chart and a grouped bar chart,
//! with axes, grid, labels and a legend. Generic: values and labels in,
//! drawing out.

use super::layout::{Align, Paragraph, Rgb, Style, layout, text_width};
use super::pdf::{Area, PdfWriter};

pub struct Series {
    pub name: String,
    pub color: Rgb,
    /// One value per x label; `None` leaves a gap (e.g. months not yet reported).
    pub values: Vec<Option<f64>>,
}

const GRID: Rgb = [0.85, 0.87, 0.9];
const AXIS: Rgb = [0.3, 0.3, 0.3];

/// Sets `p` in a box `width` wide at (`x`, `top`).
fn text(pdf: &mut PdfWriter, page: usize, p: &Paragraph, x: f32, top: f32, width: f32) {
    for line in layout(p, width) {
        pdf.line(page, x, top, &line);
    }
}

fn label(s: &str, style: &Style, align: Align) -> Paragraph {
    Paragraph::new(s, style.clone()).align(align)
}

/// The plot area left after the axis labels and the legend, and the y scale.
struct Frame {
    plot: Area,
    max: f64,
}

fn frame(
    pdf: &mut PdfWriter,
    page: usize,
    area: Area,
    series: &[Series],
    style: &Style,
    y_label: &dyn Fn(f64) -> String,
) -> Frame {
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0f64, |a, &b| a.max(b));
    let max = if max <= 0.0 { 1.0 } else { nice(max) };
    let label_w = (0..=4)
        .map(|i| text_width(&y_label(max * f64::from(i) / 4.0), style))
        .fold(0.0, f32::max)
        + 6.0;
    let line_h = super::layout::line_height(style.size);
    let plot = Area {
        x: area.x + label_w,
        top: area.top + line_h * 1.2,
        w: area.w - label_w,
        h: area.h - line_h * 2.6,
    };
    // Legend across the top.
    let mut x = plot.x;
    for s in series {
        pdf.rect(
            page,
            Area {
                x,
                top: area.top + line_h * 0.3,
                w: 10.0,
                h: 6.0,
            },
            None,
            Some(s.color),
        );
        text(
            pdf,
            page,
            &label(&s.name, style, Align::Left),
            x + 14.0,
            area.top,
            plot.w,
        );
        x += 14.0 + text_width(&s.name, style) + 16.0;
    }
    // Grid and y labels.
    for i in 0..=4 {
        let y = plot.top + plot.h - plot.h * i as f32 / 4.0;
        pdf.segment(
            page,
            (plot.x, y),
            (plot.x + plot.w, y),
            0.5,
            if i == 0 { AXIS } else { GRID },
        );
        let value = y_label(max * f64::from(i) / 4.0);
        text(
            pdf,
            page,
            &label(&value, style, Align::Right),
            area.x,
            y - line_h * 0.55,
            label_w - 4.0,
        );
    }
    pdf.segment(page, (plot.x, plot.top), (plot.x, plot.top + plot.h), 0.6, AXIS);
    Frame { plot, max }
}

/// 1, 2 or 5 times a power of ten, at or above `v`.
fn nice(v: f64) -> f64 {
    let p = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * p)
        .find(|&n| n >= v)
        .unwrap_or(10.0 * p)
}

fn x_labels(pdf: &mut PdfWriter, page: usize, f: &Frame, labels: &[String], style: &Style) {
    let step = f.plot.w / labels.len().max(1) as f32;
    for (i, l) in labels.iter().enumerate() {
        let x = f.plot.x + step * i as f32;
        text(
            pdf,
            page,
            &label(l, style, Align::Center),
            x,
            f.plot.top + f.plot.h + 2.0,
            step,
        );
    }
}

/// Lines through the points of each series, over evenly spaced x labels.
pub fn line_chart(
    pdf: &mut PdfWriter,
    page: usize,
    area: Area,
    labels: &[String],
    series: &[Series],
    style: &Style,
    y_label: &dyn Fn(f64) -> String,
) {
    let f = frame(pdf, page, area, series, style, y_label);
    x_labels(pdf, page, &f, labels, style);
    let step = f.plot.w / labels.len().max(1) as f32;
    for s in series {
        let points: Vec<Option<(f32, f32)>> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.map(|v| {
                    let x = f.plot.x + step * (i as f32 + 0.5);
                    (x, f.plot.top + f.plot.h - f.plot.h * (v / f.max) as f32)
                })
            })
            .collect();
        let runs = points.split(Option::is_none);
        for run in runs {
            let pts: Vec<(f32, f32)> = run.iter().flatten().copied().collect();
            pdf.polyline(page, &pts, 1.6, s.color);
            for &(x, y) in &pts {
                pdf.rect(
                    page,
                    Area {
                        x: x - 1.8,
                        top: y - 1.8,
                        w: 3.6,
                        h: 3.6,
                    },
                    None,
                    Some(s.color),
                );
            }
        }
    }
}

/// Bars side by side for each label, one per series.
pub fn bar_chart(
    pdf: &mut PdfWriter,
    page: usize,
    area: Area,
    labels: &[String],
    series: &[Series],
    style: &Style,
    y_label: &dyn Fn(f64) -> String,
) {
    let f = frame(pdf, page, area, series, style, y_label);
    x_labels(pdf, page, &f, labels, style);
    let step = f.plot.w / labels.len().max(1) as f32;
    let bar = step * 0.7 / series.len().max(1) as f32;
    for (si, s) in series.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let h = f.plot.h * (v / f.max) as f32;
            let x = f.plot.x + step * i as f32 + step * 0.15 + bar * si as f32;
            if h > 0.0 {
                pdf.rect(
                    page,
                    Area {
                        x,
                        top: f.plot.top + f.plot.h - h,
                        w: bar * 0.92,
                        h,
                    },
                    None,
                    Some(s.color),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scales_are_round_numbers() {
        assert_eq!(super::nice(7.3), 10.0);
        assert_eq!(super::nice(1_234_000.0), 2_000_000.0);
        assert_eq!(super::nice(2_400.0), 2_500.0);
        assert_eq!(super::nice(5_000.0), 5_000.0);
    }
}
