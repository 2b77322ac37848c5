//! Vector charts drawn with PDF paths: a line chart and a grouped bar chart,
//! each with its title, a legend, a y axis that runs to a round number just
//! above the data, x labels, and the values written on the marks. Generic:
//! values and labels in, drawing out.

use super::layout::{Align, Paragraph, Rgb, Style, layout, line_height, text_width};
use super::pdf::{Area, PdfWriter};

pub struct Series {
    pub name: String,
    pub color: Rgb,
    /// One value per x label; `None` leaves a gap (e.g. months not yet reported).
    pub values: Vec<Option<f64>>,
}

/// What a chart shows, and in which words.
pub struct Chart<'a> {
    pub title: &'a str,
    pub labels: &'a [String],
    pub series: &'a [Series],
    pub style: &'a Style,
    /// A value as the axis and the marks write it.
    pub value: &'a dyn Fn(f64) -> String,
}

const GRID: Rgb = [0.85, 0.87, 0.9];
const AXIS: Rgb = [0.3, 0.3, 0.3];
const INK: Rgb = [0.15, 0.15, 0.15];

/// Sets `p` in a box `width` wide at (`x`, `top`).
fn text(pdf: &mut PdfWriter, page: usize, p: &Paragraph, x: f32, top: f32, width: f32) {
    for line in layout(p, width) {
        pdf.line(page, x, top, &line);
    }
}

fn label(s: &str, style: &Style, align: Align) -> Paragraph {
    Paragraph::new(s, style.clone()).align(align)
}

/// The plot area left after the title, the axis labels and the legend, and
/// the y scale.
struct Frame {
    plot: Area,
    max: f64,
}

/// The axis: the lowest round top (a multiple of 1, 2, 2.5 or 5 times a
/// power of ten) at or above the data that three to six steps reach, and
/// the number of steps (fewer when two tops are equal).
fn axis(data_max: f64) -> (f64, usize) {
    if data_max <= 0.0 {
        return (1.0, 4);
    }
    let p = 10f64.powf(data_max.log10().floor());
    let mut best: Option<(f64, usize)> = None;
    for scale in [p / 100.0, p / 10.0, p] {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * scale;
            let ticks = (data_max / step - 1e-9).ceil().max(1.0) as usize;
            let top = step * ticks as f64;
            if (3..=6).contains(&ticks)
                && best.is_none_or(|(t, n)| top < t - 1e-9 * t || ((top - t).abs() <= 1e-9 * t && ticks < n))
            {
                best = Some((top, ticks));
            }
        }
    }
    best.unwrap_or((data_max, 4))
}

fn frame(pdf: &mut PdfWriter, page: usize, area: Area, c: &Chart) -> Frame {
    let style = c.style;
    let data_max = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0f64, |a, &b| a.max(b));
    let (max, ticks) = axis(data_max);
    let tick = |i: usize| max * i as f64 / ticks as f64;
    let label_w = (0..=ticks)
        .map(|i| text_width(&(c.value)(tick(i)), style))
        .fold(0.0, f32::max)
        + 6.0;
    let line_h = line_height(style.size);
    let title = Style::bold(style.size + 2.0);
    let title_h = line_height(title.size);
    text(
        pdf,
        page,
        &label(c.title, &title, Align::Center),
        area.x,
        area.top,
        area.w,
    );
    let plot = Area {
        x: area.x + label_w,
        top: area.top + title_h + line_h * 1.6,
        w: area.w - label_w,
        h: area.h - title_h - line_h * 3.0,
    };
    // Legend under the title.
    let mut x = plot.x;
    let legend_top = area.top + title_h;
    for s in c.series {
        pdf.rect(
            page,
            Area {
                x,
                top: legend_top + line_h * 0.35,
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
            legend_top,
            plot.w,
        );
        x += 14.0 + text_width(&s.name, style) + 16.0;
    }
    // Grid and y labels.
    for i in 0..=ticks {
        let y = plot.top + plot.h - plot.h * i as f32 / ticks as f32;
        pdf.segment(
            page,
            (plot.x, y),
            (plot.x + plot.w, y),
            0.5,
            if i == 0 { AXIS } else { GRID },
        );
        let value = (c.value)(tick(i));
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

/// A value written centred above (`x`, `y`).
fn value_label(pdf: &mut PdfWriter, page: usize, c: &Chart, v: f64, (x, y): (f32, f32), width: f32) {
    let small = Style::regular(c.style.size - 1.0).with_color(INK);
    let h = line_height(small.size);
    text(
        pdf,
        page,
        &label(&(c.value)(v), &small, Align::Center),
        x - width / 2.0,
        y - h,
        width,
    );
}

/// Lines through the points of each series, over evenly spaced x labels;
/// each series' last value is written beside its last point.
pub fn line_chart(pdf: &mut PdfWriter, page: usize, area: Area, c: &Chart) {
    let f = frame(pdf, page, area, c);
    x_labels(pdf, page, &f, c.labels, c.style);
    let step = f.plot.w / c.labels.len().max(1) as f32;
    for (si, s) in c.series.iter().enumerate() {
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
        for run in points.split(Option::is_none) {
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
        let last = s.values.iter().enumerate().rev().find_map(|(i, v)| v.map(|v| (i, v)));
        if let Some((i, v)) = last
            && let Some(at) = points[i]
        {
            // The first series' value above its point, the next below, so
            // that two lines ending close together keep both readable.
            let below = if si % 2 == 1 {
                line_height(c.style.size - 1.0) + 4.0
            } else {
                -2.0
            };
            value_label(pdf, page, c, v, (at.0, at.1 + below), step * 2.2);
        }
    }
}

/// Bars side by side for each label, one per series, each with its value.
pub fn bar_chart(pdf: &mut PdfWriter, page: usize, area: Area, c: &Chart) {
    let f = frame(pdf, page, area, c);
    x_labels(pdf, page, &f, c.labels, c.style);
    let step = f.plot.w / c.labels.len().max(1) as f32;
    let bar = step * 0.7 / c.series.len().max(1) as f32;
    for (si, s) in c.series.iter().enumerate() {
        for (i, v) in s.values.iter().enumerate() {
            let Some(v) = *v else { continue };
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
            value_label(
                pdf,
                page,
                c,
                v,
                (x + bar * 0.46, f.plot.top + f.plot.h - h - 1.0),
                bar * 1.9,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::axis;

    #[test]
    fn the_axis_runs_to_a_round_number_just_above_the_data() {
        assert_eq!(axis(101.3), (120.0, 6));
        assert_eq!(axis(7.3), (7.5, 3));
        assert_eq!(axis(1_234_000.0), (1_250_000.0, 5));
        assert_eq!(axis(100.0), (100.0, 4));
        assert_eq!(axis(0.0), (1.0, 4));
        for v in [0.3, 3.0, 42.0, 99.9, 101.0, 5_000.0, 73_500_000.0] {
            let (top, ticks) = axis(v);
            assert!(
                top >= v && top < v * 1.6 && (3..=6).contains(&ticks),
                "{v}: {top} in {ticks}"
            );
        }
    }
}
