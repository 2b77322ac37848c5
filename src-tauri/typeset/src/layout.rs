//! Paragraph layout: shaped glyphs cut into lines at break opportunities.

use super::breaks::{self, Kind};
use super::font::{Weight, face};
use super::glyph_text::{BOXES, Word, glyph_texts};
use super::shape::shape;

/// Above the baseline, in em of the face: room for a tone mark stacked over
/// an upper vowel.
pub const ASCENT: f32 = 1.0;
/// Below the baseline, in em of the face: Sarabun's declared descender is
/// too shallow for ฎุ.
pub const DESCENT: f32 = 0.45;
/// Line pitch as a multiple of the official size: Word's single spacing
/// for TH Sarabun New (20.8 pt at 16 pt).
pub const LINE_PITCH: f32 = 1.3;

/// The height of a single-spaced line at the official `size`.
pub fn line_height(size: f32) -> f32 {
    size * LINE_PITCH
}

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
    /// Thai distributed justification, as Word's: every line but a
    /// paragraph's last (and one ending at a newline) fills the measure,
    /// the room shared evenly between its characters (grapheme clusters,
    /// spaces included), so Thai, which has no spaces between words, reads
    /// evenly. A line too short to stretch well (under 3/4 of the
    /// measure, e.g. before a long link) stays flush left.
    Justify,
}

/// The most a justified line spreads its characters: a quarter of the
/// face's em between two clusters.
const MAX_SPREAD_EM: f32 = 0.25;

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
    /// Line height as a multiple of the official size; 0 means [`LINE_PITCH`].
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
    /// The characters this glyph stands for (`glyph_text`), for the PDF's
    /// ToUnicode map; `None` when it is the font's own glyph for the one
    /// character it stands for.
    pub cid: Option<String>,
}

/// A check box (☐ ☑ ☒), drawn as a square `side` points wide standing on
/// the baseline, `x` points from the line's origin.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckBox {
    pub x: f32,
    pub side: f32,
    pub mark: char,
    pub color: Rgb,
}

/// The colour of every link in every document.
pub const LINK_COLOR: Rgb = [0.05, 0.25, 0.6];
/// A check box's advance and side, as a fraction of the official size.
const BOX_ADVANCE: f32 = 0.75;
const BOX_SIDE: f32 = 0.5;

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
    /// The line's words in reading order, each with its glyphs.
    pub words: Vec<Word>,
    pub boxes: Vec<CheckBox>,
}

struct Shaped {
    gid: u16,
    cluster: usize,
    adv: f32,
    adv_units: i32,
    dx_units: i32,
    dy_units: i32,
    span: usize,
    /// A check box, drawn as a vector where the font has no glyph.
    check_box: Option<char>,
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
    let leading = if p.leading > 0.0 { p.leading } else { LINE_PITCH };
    let height = max_size * leading;
    // The face's own box (ascent and descent in its em) centred in the line.
    let em = face(Weight::Regular).point_size(max_size);
    let baseline = (height - em * (ASCENT + DESCENT)) / 2.0 + em * ASCENT;

    let mut glyphs: Vec<Shaped> = Vec::new();
    for (i, (s, r)) in p.spans.iter().zip(&ranges).enumerate() {
        let f = face(s.style.weight);
        let k = f.scale(s.style.size);
        for g in shape(f, &s.text) {
            let check_box = s.text[g.cluster as usize..]
                .chars()
                .next()
                .filter(|c| g.gid == 0 && BOXES.contains(c));
            let (adv, adv_units) = match check_box {
                Some(_) => {
                    let a = BOX_ADVANCE * s.style.size;
                    (a, (a / k).round() as i32)
                }
                None => (g.advance as f32 * k, g.advance),
            };
            glyphs.push(Shaped {
                gid: g.gid,
                cluster: r.start + g.cluster as usize,
                adv,
                adv_units,
                dx_units: g.dx,
                dy_units: g.dy,
                span: i,
                check_box,
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
        let end = breaks::line_end(&text, &opportunities, start, avail, &span_width);
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
    for (n, &(s, raw_end)) in lines_at.iter().enumerate() {
        let e = trimmed_end(s, raw_end);
        let (g0, g1) = (glyph_at(s), glyph_at(e));
        let indent = if n == 0 { p.first_indent } else { p.indent };
        // Justified: the room left, shared between the clusters' gaps.
        let ends_paragraph = n + 1 == lines_at.len() || text[s..raw_end].ends_with(['\n', '\r', '\u{2028}']);
        let gaps = glyphs[g0..g1]
            .windows(2)
            .filter(|w| w[0].cluster != w[1].cluster)
            .count();
        let natural = prefix[g1] - prefix[g0];
        let room = width - indent - natural;
        let spread = if p.align == Align::Justify
            && !ends_paragraph
            && gaps > 0
            && room > 0.0
            && natural >= 0.75 * (width - indent)
        {
            (room / gaps as f32).min(MAX_SPREAD_EM * em)
        } else {
            0.0
        };
        // shift[i]: how far glyph g0 + i moves right.
        let mut shifts = Vec::with_capacity(g1 - g0);
        let mut shift = 0.0f32;
        for (i, g) in glyphs[g0..g1].iter().enumerate() {
            if i > 0 && glyphs[g0 + i - 1].cluster != g.cluster {
                shift += spread;
            }
            shifts.push(shift);
        }
        let shift_at = |gi: usize| -> f32 {
            if gi >= g1 {
                shift
            } else {
                shifts.get(gi.saturating_sub(g0)).copied().unwrap_or(0.0)
            }
        };
        let keys: Vec<(usize, u16, Weight)> = glyphs[g0..g1]
            .iter()
            .map(|g| (g.cluster, g.gid, p.spans[g.span].style.weight))
            .collect();
        let cids = glyph_texts(&text, e, &keys);
        let in_link = |pos: usize| links.iter().any(|&(a, b, _)| a <= pos && pos < b);
        let mut placed = Vec::with_capacity(g1 - g0 + 4);
        // placed_at[i]: where glyph g0 + i is (or would be) in `placed`.
        let mut placed_at = Vec::with_capacity(g1 - g0 + 1);
        let mut boxes = Vec::new();
        let mut x = 0.0;
        let mut pen = 0i32;
        let mut pen_span = usize::MAX;
        let mut runs: Vec<(usize, f32, &Style, Rgb)> = Vec::new(); // text start, x, style, colour
        for (i, g) in glyphs[g0..g1].iter().enumerate() {
            let st = &p.spans[g.span].style;
            let k = face(st.weight).scale(st.size);
            let color = if st.color == BLACK && in_link(g.cluster) {
                LINK_COLOR
            } else {
                st.color
            };
            if g.span != pen_span {
                // A new span may differ in size: restart its unit pen here.
                pen = (x / k).round() as i32;
                pen_span = g.span;
            }
            if runs.last().is_none_or(|r| !std::ptr::eq(r.2, st) || r.3 != color) {
                runs.push((g.cluster.max(s), x + shifts[i], st, color));
            }
            placed_at.push(placed.len());
            match g.check_box {
                Some(mark) => boxes.push(CheckBox {
                    x: x + shifts[i] + (g.adv - BOX_SIDE * st.size) / 2.0,
                    side: BOX_SIDE * st.size,
                    mark,
                    color,
                }),
                None => placed.push(PlacedGlyph {
                    weight: st.weight,
                    gid: g.gid,
                    x_units: pen + g.dx_units + (shifts[i] / k).round() as i32,
                    dy_units: g.dy_units,
                    size: st.size,
                    color,
                    cid: cids[i].clone(),
                }),
            }
            x += g.adv;
            pen += g.adv_units;
        }
        placed_at.push(placed.len());
        let x = x + shift;
        let x0 = match p.align {
            Align::Left | Align::Justify => indent,
            Align::Center => indent + ((width - indent) - x) / 2.0,
            Align::Right => width - x,
        };
        let mut line_links = Vec::new();
        for (ls, le, url) in &links {
            let (a, b) = ((*ls).max(s), (*le).min(e));
            if a < b {
                let (ga, gb) = (glyph_at(a), glyph_at(b));
                line_links.push(LinkBox {
                    x0: prefix[ga] - prefix[g0] + shift_at(ga),
                    x1: prefix[gb] - prefix[g0] + shift_at(gb),
                    url: url.clone(),
                });
            }
        }
        let mut text_runs: Vec<TextRun> = runs
            .iter()
            .enumerate()
            .map(|(i, &(from, rx, st, color))| {
                let (to, end_x) = runs.get(i + 1).map_or((e, x), |&(t, nx, _, _)| (t, nx));
                TextRun {
                    text: text[from..to.max(from)].to_owned(),
                    x: x0 + rx,
                    width: end_x - rx,
                    weight: st.weight,
                    size: st.size,
                    color,
                }
            })
            .collect();
        // Words: from one good break to the next, spaces included.
        let mut cuts: Vec<usize> = vec![s];
        let (from, to) = (
            opportunities.partition_point(|b| b.pos <= s),
            opportunities.partition_point(|b| b.pos < e),
        );
        cuts.extend(
            opportunities[from..to.max(from)]
                .iter()
                .filter(|b| b.kind != Kind::Fallback)
                .map(|b| b.pos),
        );
        cuts.push(e);
        let mut words: Vec<Word> = cuts
            .windows(2)
            .filter(|w| w[0] < w[1])
            .map(|w| {
                let glyphs = placed_at[glyph_at(w[0]) - g0]..placed_at[glyph_at(w[1]) - g0];
                let text = &text[w[0]..w[1]];
                // A mark (no advance of its own, stacked on its base or on
                // another mark) or a glyph moved off the pen's way: readers
                // that go by position alone take it for another word or line.
                // A character the font lacks (glyph 0 stands for any) is
                // only given back by ActualText too.
                let moved = placed[glyphs.clone()]
                    .iter()
                    .any(|g| g.gid == 0 || g.dy_units != 0 || face(g.weight).advance(g.gid) == 0)
                    || placed[glyphs.clone()].windows(2).any(|w| {
                        w[1].weight == w[0].weight && w[1].x_units < w[0].x_units + face(w[0].weight).advance(w[0].gid)
                    });
                let actual = spread > 0.0 || moved || !reads_back(&placed[glyphs.clone()], text);
                Word {
                    glyphs,
                    text: text.to_owned(),
                    actual,
                }
            })
            .collect();
        let mut line_text = text[s..e].to_owned();
        if n == 0
            && let Some(label) = &p.label
        {
            // The label first, in drawing and in reading order.
            let lf = face(label.style.weight);
            let k = lf.scale(label.style.size);
            let mut lx = ((p.label_indent - x0) / k).round() as i32;
            let shaped = shape(lf, &label.text);
            let keys: Vec<(usize, u16, Weight)> = shaped
                .iter()
                .map(|g| (g.cluster as usize, g.gid, label.style.weight))
                .collect();
            let label_cids = glyph_texts(&label.text, label.text.len(), &keys);
            let label_glyphs: Vec<PlacedGlyph> = shaped
                .iter()
                .zip(label_cids)
                .map(|(g, cid)| {
                    let placed = PlacedGlyph {
                        weight: label.style.weight,
                        gid: g.gid,
                        x_units: lx + g.dx,
                        dy_units: g.dy,
                        size: label.style.size,
                        color: label.style.color,
                        cid,
                    };
                    lx += g.advance;
                    placed
                })
                .collect();
            let count = label_glyphs.len();
            placed.splice(0..0, label_glyphs);
            for w in &mut words {
                w.glyphs = w.glyphs.start + count..w.glyphs.end + count;
            }
            words.insert(
                0,
                Word {
                    glyphs: 0..count,
                    text: label.text.clone(),
                    actual: false,
                },
            );
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
            words,
            boxes,
        });
    }
    lines
}

/// Whether what ToUnicode gives for `glyphs`, in order, is `text`.
fn reads_back(glyphs: &[PlacedGlyph], text: &str) -> bool {
    let mut rest = text;
    for g in glyphs {
        let found = match &g.cid {
            Some(t) => rest.strip_prefix(t.as_str()),
            None => face(g.weight).char_of(g.gid).and_then(|c| rest.strip_prefix(c)),
        };
        match found {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// Width of `text` set in `style` (points), on one line.
pub fn text_width(text: &str, style: &Style) -> f32 {
    let f = face(style.weight);
    let k = f.scale(style.size);
    shape(f, text).iter().map(|g| g.advance as f32 * k).sum()
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
