//! Paragraph layout: shaped glyphs cut into lines at break opportunities.

use super::breaks::{self, Break, Kind};
use super::font::{Weight, face};
use super::shape::shape;

/// Above the baseline, in em: room for a tone mark stacked over an upper vowel.
pub const ASCENT: f32 = 1.0;
/// Below the baseline, in em: Sarabun's declared descender is too shallow for ฎุ.
pub const DESCENT: f32 = 0.45;

pub type Rgb = [f32; 3];
pub const BLACK: Rgb = [0.0, 0.0, 0.0];

#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub weight: Weight,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub fn regular(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            color: BLACK,
        }
    }
    pub fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            size,
            color: BLACK,
        }
    }
    pub fn with_color(mut self, color: Rgb) -> Style {
        self.color = color;
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A paragraph to set. Lines start at `indent`; the first line at
/// `first_indent` instead. A `label` ("1.", "2.1") hangs at the first line's
/// left edge.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    pub spans: Vec<Span>,
    pub align: Align,
    pub first_indent: f32,
    pub indent: f32,
    pub label: Option<Span>,
    /// Where the label starts, from the paragraph's left edge.
    pub label_indent: f32,
    /// Line height as a multiple of the size; 0 means ASCENT + DESCENT.
    pub leading: f32,
}

impl Paragraph {
    pub fn new(text: impl Into<String>, style: Style) -> Paragraph {
        Paragraph {
            spans: vec![Span::new(text, style)],
            ..Default::default()
        }
    }
    pub fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }
    pub fn indents(mut self, first: f32, rest: f32) -> Self {
        self.first_indent = first;
        self.indent = rest;
        self
    }
    pub fn label(mut self, label: Span, hang: f32) -> Self {
        self.label = Some(label);
        self.first_indent = hang;
        self.indent = hang;
        self
    }
}

/// A glyph placed on a line, in points from the line's left edge and
/// baseline (`dy` up).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub weight: Weight,
    pub gid: u16,
    /// Position from the line's origin in font units of this glyph's size:
    /// exact integers, so the PDF needs no rounding noise.
    pub x_units: i32,
    pub dy_units: i32,
    pub size: f32,
    pub color: Rgb,
    /// The character this glyph stands for, if it is the font's own glyph
    /// for one (fallback for copy/paste; lines also carry ActualText).
    pub cid: Option<String>,
}

/// Text of one style on a line, starting `x` points from the line's origin
/// and `width` points wide.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub text: String,
    pub x: f32,
    pub width: f32,
    pub weight: Weight,
    pub size: f32,
    pub color: Rgb,
}

/// A link's horizontal extent on a line.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkBox {
    pub x0: f32,
    pub x1: f32,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub glyphs: Vec<PlacedGlyph>,
    /// The line's text in runs of one style, where each starts: what a
    /// preview that draws text (SVG) needs.
    pub runs: Vec<TextRun>,
    /// The text of the line, for extraction.
    pub text: String,
    pub width: f32,
    /// Offset of the line's left edge within the paragraph box.
    pub x: f32,
    pub height: f32,
    /// Baseline below the line's top.
    pub baseline: f32,
    pub links: Vec<LinkBox>,
}

struct Shaped {
    gid: u16,
    cluster: usize,
    adv: f32,
    adv_units: i32,
    dx_units: i32,
    dy_units: i32,
    span: usize,
}

/// Sets `p` into lines no wider than `width` points.
pub fn layout(p: &Paragraph, width: f32) -> Vec<Line> {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(p.spans.len());
    for s in &p.spans {
        let start = text.len();
        text.push_str(&s.text);
        ranges.push(start..text.len());
    }
    let max_size = p.spans.iter().map(|s| s.style.size).fold(0.0f32, f32::max);
    let max_size = p.label.as_ref().map_or(max_size, |l| max_size.max(l.style.size));
    let leading = if p.leading > 0.0 { p.leading } else { ASCENT + DESCENT };
    let height = max_size * leading;
    let baseline = max_size * (ASCENT + (leading - ASCENT - DESCENT) / 2.0);

    let mut glyphs: Vec<Shaped> = Vec::new();
    for (i, (s, r)) in p.spans.iter().zip(&ranges).enumerate() {
        let f = face(s.style.weight);
        let k = f.scale(s.style.size);
        for g in shape(f, &s.text) {
            glyphs.push(Shaped {
                gid: g.gid,
                cluster: r.start + g.cluster as usize,
                adv: g.advance as f32 * k,
                adv_units: g.advance,
                dx_units: g.dx,
                dy_units: g.dy,
                span: i,
            });
        }
    }
    // prefix[i] = width of glyphs[..i]
    let mut prefix = Vec::with_capacity(glyphs.len() + 1);
    prefix.push(0.0f32);
    for g in &glyphs {
        prefix.push(prefix.last().unwrap() + g.adv);
    }
    let glyph_at = |pos: usize| glyphs.partition_point(|g| g.cluster < pos);
    let trimmed_end = |start: usize, end: usize| start + text[start..end].trim_end().len();
    let span_width = |start: usize, end: usize| {
        let end = trimmed_end(start, end);
        prefix[glyph_at(end)] - prefix[glyph_at(start)]
    };

    let links: Vec<(usize, usize, String)> = linkify::LinkFinder::new()
        .links(&text)
        .map(|l| {
            let url = if l.kind() == &linkify::LinkKind::Email {
                format!("mailto:{}", l.as_str())
            } else {
                l.as_str().to_owned()
            };
            (l.start(), l.end(), url)
        })
        .collect();

    let opportunities = breaks::opportunities(&text);
    let mut lines_at: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut first = true;
    while start < text.len() {
        let avail = width - if first { p.first_indent } else { p.indent };
        let end = next_line_end(&text, &opportunities, start, avail, &span_width);
        lines_at.push((start, end));
        start = end;
        // A new line does not start with spaces.
        start += text[start..].len() - text[start..].trim_start_matches([' ', '\t']).len();
        first = false;
    }
    if lines_at.is_empty() {
        lines_at.push((0, 0));
    }

    let mut lines = Vec::with_capacity(lines_at.len());
    for (n, &(s, e)) in lines_at.iter().enumerate() {
        let e = trimmed_end(s, e);
        let (g0, g1) = (glyph_at(s), glyph_at(e));
        let mut placed = Vec::with_capacity(g1 - g0 + 4);
        let mut x = 0.0;
        let mut pen = 0i32;
        let mut pen_span = usize::MAX;
        let mut runs: Vec<(usize, f32, &Style)> = Vec::new(); // text start, x, style
        for g in &glyphs[g0..g1] {
            let st = &p.spans[g.span].style;
            if g.span != pen_span {
                // A new span may differ in size: restart its unit pen here.
                pen = (x / face(st.weight).scale(st.size)).round() as i32;
                pen_span = g.span;
                runs.push((g.cluster.max(s), x, st));
            }
            placed.push(PlacedGlyph {
                weight: st.weight,
                gid: g.gid,
                x_units: pen + g.dx_units,
                dy_units: g.dy_units,
                size: st.size,
                color: st.color,
                cid: char_for_glyph(&text, g.cluster, g.gid, st.weight),
            });
            x += g.adv;
            pen += g.adv_units;
        }
        let indent = if n == 0 { p.first_indent } else { p.indent };
        let x0 = match p.align {
            Align::Left => indent,
            Align::Center => indent + ((width - indent) - x) / 2.0,
            Align::Right => width - x,
        };
        let mut line_links = Vec::new();
        for (ls, le, url) in &links {
            let (a, b) = ((*ls).max(s), (*le).min(e));
            if a < b {
                line_links.push(LinkBox {
                    x0: prefix[glyph_at(a)] - prefix[g0],
                    x1: prefix[glyph_at(b)] - prefix[g0],
                    url: url.clone(),
                });
            }
        }
        let mut text_runs: Vec<TextRun> = runs
            .iter()
            .enumerate()
            .map(|(i, &(from, rx, st))| {
                let (to, end_x) = runs.get(i + 1).map_or((e, x), |&(t, nx, _)| (t, nx));
                TextRun {
                    text: text[from..to.max(from)].to_owned(),
                    x: x0 + rx,
                    width: end_x - rx,
                    weight: st.weight,
                    size: st.size,
                    color: st.color,
                }
            })
            .collect();
        let mut line_text = text[s..e].to_owned();
        if n == 0
            && let Some(label) = &p.label
        {
            let lf = face(label.style.weight);
            let k = lf.scale(label.style.size);
            let mut lx = ((p.label_indent - x0) / k).round() as i32;
            for g in shape(lf, &label.text) {
                placed.push(PlacedGlyph {
                    weight: label.style.weight,
                    gid: g.gid,
                    x_units: lx + g.dx,
                    dy_units: g.dy,
                    size: label.style.size,
                    color: label.style.color,
                    cid: char_for_glyph(&label.text, g.cluster as usize, g.gid, label.style.weight),
                });
                lx += g.advance;
            }
            text_runs.insert(
                0,
                TextRun {
                    text: label.text.clone(),
                    x: p.label_indent,
                    width: text_width(&label.text, &label.style),
                    weight: label.style.weight,
                    size: label.style.size,
                    color: label.style.color,
                },
            );
            line_text = format!("{} {}", label.text, line_text);
        }
        lines.push(Line {
            glyphs: placed,
            runs: text_runs,
            text: line_text,
            width: x,
            x: x0,
            height,
            baseline,
            links: line_links,
        });
    }
    lines
}

/// The end of the line that starts at `start`: the last break that fits,
/// a mandatory break, or, when the first piece alone is too wide, a
/// fallback break or a grapheme boundary inside it.
fn next_line_end(text: &str, breaks: &[Break], start: usize, avail: f32, width: &dyn Fn(usize, usize) -> f32) -> usize {
    let eps = 0.01;
    let mut best: Option<usize> = None;
    let from = breaks.partition_point(|b| b.pos <= start);
    for b in &breaks[from..] {
        if b.kind == Kind::Fallback {
            continue;
        }
        if width(start, b.pos) > avail + eps {
            return best.unwrap_or_else(|| squeeze(text, breaks, start, b.pos, avail, width));
        }
        if b.kind == Kind::Mandatory {
            return b.pos;
        }
        best = Some(b.pos);
    }
    if width(start, text.len()) <= avail + eps {
        return text.len();
    }
    best.unwrap_or_else(|| squeeze(text, breaks, start, text.len(), avail, width))
}

/// The piece `start..end` is wider than the line: end the line at the last
/// fallback break that fits, else the last grapheme boundary that fits
/// (at least one grapheme, so that layout always advances).
fn squeeze(
    text: &str,
    breaks: &[Break],
    start: usize,
    end: usize,
    avail: f32,
    width: &dyn Fn(usize, usize) -> f32,
) -> usize {
    let fallback = breaks
        .iter()
        .filter(|b| b.pos > start && b.pos < end && b.kind == Kind::Fallback)
        .map(|b| b.pos)
        .take_while(|&p| width(start, p) <= avail)
        .last();
    if let Some(p) = fallback {
        return p;
    }
    let graphemes = breaks::grapheme_boundaries(text, start, end);
    let fit = graphemes
        .iter()
        .copied()
        .take_while(|&p| width(start, p) <= avail)
        .last();
    fit.or(graphemes.first().copied()).unwrap_or(end)
}

/// The character at or after `cluster` that the font maps to `gid`.
fn char_for_glyph(text: &str, cluster: usize, gid: u16, weight: Weight) -> Option<String> {
    let f = face(weight);
    text.get(cluster..)?
        .chars()
        .take(4)
        .find(|&c| f.glyph_of(c) == Some(u32::from(gid)))
        .map(String::from)
}

/// Width of `text` set in `style` (points), on one line.
pub fn text_width(text: &str, style: &Style) -> f32 {
    let f = face(style.weight);
    let k = f.scale(style.size);
    shape(f, text).iter().map(|g| g.advance as f32 * k).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_all_text() {
        let text = "เผยแพร่ข้อมูลแผน/รายงานการกำกับติดตามการใช้จ่ายงบประมาณประจำปีของหน่วยงาน ทั้งงบประมาณในระดับกรมและระดับกอง ให้บุคลากรทราบโดยทั่วกัน";
        let p = Paragraph::new(text, Style::regular(14.0));
        let lines = layout(&p, 200.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width <= 200.0 + 0.01, "{} > 200: {}", l.width, l.text);
        }
        let joined: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn a_too_long_word_is_cut_at_graphemes() {
        let p = Paragraph::new(
            "https://example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Style::regular(12.0),
        );
        let lines = layout(&p, 60.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= 60.01));
        assert_eq!(lines[0].links.len(), 1);
    }

    #[test]
    fn a_label_hangs_before_the_text() {
        let p = Paragraph::new("ข้อความ", Style::regular(14.0)).label(Span::new("1.", Style::regular(14.0)), 20.0);
        let l = &layout(&p, 300.0)[0];
        assert_eq!(l.x, 20.0);
        assert!(
            l.glyphs.iter().any(|g| g.x_units < 0),
            "label not placed left of the text"
        );
        assert!(l.text.starts_with("1. "));
    }
}
