//! Pages drawn as SVG beside the PDF, for an on-screen preview: the same
//! lines, breaks and positions, with each run of text handed to the
//! viewer's own text engine in the same face (Sarabun) and stretched to
//! the width it has in the PDF (`textLength`). Images are referenced as
//! `prongsai-image:KEY` for the caller to fill in.

use std::fmt::Write;

use super::layout::{Line, Rgb};

/// A box in points from the page's top-left corner: x, top, width, height.
pub(crate) type Box4 = (f32, f32, f32, f32);

pub(crate) struct SvgPages {
    /// The page's width and height in points.
    size: (f32, f32),
    pages: Vec<String>,
    /// Glyphs drawn as their outlines (an image made without a text
    /// engine), each glyph's path data once read, by face and glyph id.
    outlines: Option<std::collections::HashMap<(usize, u16), String>>,
}

/// A glyph's outline as SVG path data, in font units (y up).
#[derive(Default)]
struct PathData(String);

impl skrifa::outline::OutlinePen for PathData {
    fn move_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "M{x} {y}");
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let _ = write!(self.0, "L{x} {y}");
    }
    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let _ = write!(self.0, "Q{cx0} {cy0} {x} {y}");
    }
    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let _ = write!(self.0, "C{cx0} {cy0} {cx1} {cy1} {x} {y}");
    }
    fn close(&mut self) {
        self.0.push('Z');
    }
}

/// The outline of glyph `gid` of `data` (empty for a space or a glyph the
/// font cannot draw).
fn outline(data: &[u8], gid: u16) -> String {
    use skrifa::MetadataProvider;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::outline::DrawSettings;
    let Ok(font) = skrifa::FontRef::new(data) else {
        return String::new();
    };
    let Some(glyph) = font.outline_glyphs().get(skrifa::GlyphId::new(u32::from(gid))) else {
        return String::new();
    };
    let mut pen = PathData::default();
    match glyph.draw(
        DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
        &mut pen,
    ) {
        Ok(_) => pen.0,
        Err(_) => String::new(),
    }
}

fn color(c: Rgb) -> String {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", b(c[0]), b(c[1]), b(c[2]))
}

/// Text as XML character data or an attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl SvgPages {
    pub(crate) fn new(size: (f32, f32)) -> SvgPages {
        SvgPages {
            size,
            pages: Vec::new(),
            outlines: None,
        }
    }

    /// Pages whose text is drawn as the glyphs' outlines, positioned as in
    /// the PDF: the shaping and breaks are the document's own.
    pub(crate) fn outlined(size: (f32, f32)) -> SvgPages {
        SvgPages {
            outlines: Some(std::collections::HashMap::new()),
            ..SvgPages::new(size)
        }
    }

    pub(crate) fn add_page(&mut self) {
        self.pages.push(String::new());
    }

    pub(crate) fn line(&mut self, page: usize, x: f32, top: f32, line: &Line) {
        if let Some(cache) = &mut self.outlines {
            let out = &mut self.pages[page];
            let (base_x, baseline) = (x + line.x, top + line.baseline);
            for g in &line.glyphs {
                let face = super::font::face(g.weight);
                let d = cache
                    .entry((g.weight.index(), g.gid))
                    .or_insert_with(|| outline(face.data, g.gid));
                if d.is_empty() {
                    continue;
                }
                let k = face.scale(g.size);
                let px = base_x + g.x_units as f32 * k;
                let py = baseline - g.dy_units as f32 * k;
                let _ = write!(
                    out,
                    r#"<path transform="matrix({k} 0 0 {} {px:.2} {py:.2})" fill="{}" d="{d}"/>"#,
                    -k,
                    color(g.color)
                );
            }
            return;
        }
        let out = &mut self.pages[page];
        let y = top + line.baseline;
        for r in line.runs.iter().filter(|r| !r.text.trim().is_empty()) {
            let weight = if r.weight.index() == 0 { 400 } else { 700 };
            let _ = write!(
                out,
                r#"<text x="{:.2}" y="{y:.2}" font-size="{}" font-weight="{weight}" fill="{}" textLength="{:.2}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                x + r.x,
                super::font::builtin(r.weight).point_size(r.size),
                color(r.color),
                r.width.max(0.1),
                escape(r.text.trim_end()),
            );
        }
    }

    pub(crate) fn rect(&mut self, page: usize, (x, top, w, h): Box4, stroke: Option<(f32, Rgb)>, fill: Option<Rgb>) {
        let fill = fill.map_or("none".to_owned(), color);
        let (sw, sc) = stroke.map_or((0.0, "none".to_owned()), |(w, c)| (w, color(c)));
        let _ = write!(
            self.pages[page],
            r#"<rect x="{x:.2}" y="{top:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}" stroke="{sc}" stroke-width="{sw}"/>"#
        );
    }

    pub(crate) fn polyline(&mut self, page: usize, points: &[(f32, f32)], thickness: f32, c: Rgb) {
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.2},{y:.2}")).collect();
        let _ = write!(
            self.pages[page],
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{thickness}"/>"#,
            pts.join(" "),
            color(c)
        );
    }

    pub(crate) fn image(&mut self, page: usize, key: usize, (x, top, w, h): Box4) {
        let _ = write!(
            self.pages[page],
            r#"<image href="prongsai-image:{key}" x="{x:.2}" y="{top:.2}" width="{w:.2}" height="{h:.2}" preserveAspectRatio="none"/>"#
        );
    }

    /// Each page as a whole SVG document, in points, on white.
    pub(crate) fn finish(self) -> Vec<String> {
        let (w, h) = self.size;
        self.pages
            .into_iter()
            .map(|body| {
                format!(
                    r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.2} {h:.2}" font-family="Sarabun, sans-serif"><rect width="100%" height="100%" fill="#ffffff"/>{body}</svg>"##
                )
            })
            .collect()
    }
}
