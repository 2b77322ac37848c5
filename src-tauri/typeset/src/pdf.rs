//! Writing PDF: each page's content stream written by us as it is drawn
//! (`content`: operators, deflated once the flow has moved on, so a long
//! document holds its pages as compressed bytes, not as operations), the
//! document around it by printpdf (fonts, images, link annotations,
//! metadata) and lopdf. Shaped glyphs are placed
//! run by run, every glyph in the ToUnicode map and an ActualText span per
//! word (`glyph_text`) so that copy/paste, `pdftotext`, pypdf and pdfminer
//! give back the text; fonts subset with `subsetter` (only the glyphs
//! used); check boxes drawn as vectors.
//! Coordinates here are points from the page's top-left corner.

use printpdf::{
    Actions, BorderArray, Codepoint, ColorArray, FontId, LinkAnnotation, Mm, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Pt, Rect, TextItem,
};
use subsetter::GlyphRemapper;

use super::TypesetError;
use super::content::Contents;
use super::font::{Weight, face};
pub use super::image::{Image, SVG_PIXELS, is_svg};
use super::layout::{Line, Rgb as Color3};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub const A4_PORTRAIT: PageSize = PageSize {
        width: 595.2756,
        height: 841.8898,
    };
    pub const A4_LANDSCAPE: PageSize = PageSize {
        width: 841.8898,
        height: 595.2756,
    };
}

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}
/// Font and fill colour in force in a page's content stream.
type TextState = (Option<(Weight, f32)>, Option<Color3>);

/// A box on the page, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub top: f32,
    pub w: f32,
    pub h: f32,
}

pub struct PdfWriter {
    doc: PdfDocument,
    size: PageSize,
    pages: Contents,
    /// Each page's link annotations (printpdf writes them).
    links: Vec<Vec<LinkAnnotation>>,
    fonts: [FontId; 2],
    remap: [GlyphRemapper; 2],
    used: [bool; 2],
    /// The images placed so far, by key, and their resource names.
    images: Vec<(usize, String)>,
    /// Text state of each page's content stream so far (font and fill
    /// colour persist across BT/ET; rect() restores what it changes).
    state: Vec<TextState>,
    /// The same pages as SVG, when a preview was asked for.
    svg: Option<super::svg::SvgPages>,
    /// The text of every subset glyph, per face: the ToUnicode map has one
    /// entry a glyph, so the first text a glyph was written with stays.
    glyph_text: [foldhash::HashMap<u16, String>; 2],
}

/// Non-ASCII and unsafe bytes of a URL percent-encoded (PDF URIs are ASCII).
fn uri_ascii(url: &str) -> String {
    let mut out = String::with_capacity(url.len() * 2);
    for b in url.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub use crate::stamp::{Stamp, info, with_stamp};
use crate::stamp::{layout_error, save};

impl PdfWriter {
    pub fn new(title: &str, size: PageSize) -> PdfWriter {
        let mut doc = PdfDocument::new(title);
        let now = printpdf::DateTime::now_utc();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        doc.metadata.info.creator = "Prongsai".into();
        doc.metadata.info.producer = "Prongsai (printpdf, harfrust)".into();
        PdfWriter {
            doc,
            size,
            pages: Contents::default(),
            links: Vec::new(),
            // Short resource names: they are written at every font change.
            fonts: [FontId("F1".into()), FontId("F2".into())],
            remap: [GlyphRemapper::new(), GlyphRemapper::new()],
            used: [false; 2],
            images: Vec::new(),
            state: Vec::new(),
            svg: None,
            glyph_text: Default::default(),
        }
    }

    /// Also draws every page as SVG, for [`PdfWriter::finish_preview`].
    pub fn with_preview(mut self) -> PdfWriter {
        self.svg = Some(super::svg::SvgPages::new((self.size.width, self.size.height)));
        self
    }

    /// As [`PdfWriter::with_preview`], the text drawn as the glyphs'
    /// outlines: SVG any renderer draws the same, with no font of its own
    /// (what [`crate::raster::png`] draws pixels from).
    pub fn with_outlined_preview(mut self) -> PdfWriter {
        self.svg = Some(super::svg::SvgPages::outlined((self.size.width, self.size.height)));
        self
    }

    /// The pages as SVG documents (none unless [`PdfWriter::with_preview`]);
    /// images are `prongsai-image:KEY` references for the caller to fill.
    pub fn finish_preview(self) -> Vec<String> {
        self.svg.map(super::svg::SvgPages::finish).unwrap_or_default()
    }

    pub fn size(&self) -> PageSize {
        self.size
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn add_page(&mut self) -> usize {
        self.links.push(Vec::new());
        self.state.push((None, None));
        if let Some(svg) = &mut self.svg {
            svg.add_page();
        }
        self.pages.add_page()
    }

    fn y(&self, top: f32) -> Pt {
        Pt(self.size.height - top)
    }

    /// Draws a laid-out line with its left edge at `x` and its top at `top`.
    pub fn line(&mut self, page: usize, x: f32, top: f32, line: &Line) {
        if line.glyphs.is_empty() {
            return;
        }
        if let Some(svg) = &mut self.svg {
            svg.line(page, x, top, line);
        }
        let base_x = x + line.x;
        let baseline = top + line.baseline;
        let height = self.size.height;
        let mut ops = self.pages.page(page);
        ops.op("BT");
        let (mut font, mut color) = self.state[page];
        // The glyphs of a run share font, size and baseline: one text matrix
        // and one TJ of glyph ids, with kerns (in thousandths of an em)
        // where the shaped position differs from the pen.
        // A word is inside its ActualText span; the TJ before a span's end
        // carries the kern to the next word, so the run goes on unbroken.
        let mut run: Option<(Weight, f32, i32, i32)> = None; // weight, size, dy, pen
        let mut glyphs: Vec<(u16, f32)> = Vec::new();
        let mut words = line.words.iter().peekable();
        let mut open_word: Option<usize> = None; // where the open span ends
        for (i, g) in line.glyphs.iter().enumerate() {
            let w = g.weight.index();
            let f = face(g.weight);
            let same_run = matches!(run, Some((rw, rs, rdy, _)) if rw == g.weight && rs == g.size && rdy == g.dy_units)
                && color == Some(g.color);
            if same_run && let (Some((_, _, _, pen)), Some(last)) = (run, glyphs.last_mut()) {
                // A TJ number after the previous glyph moves the pen to this one.
                last.1 = (pen - g.x_units) as f32 * 1000.0 / f.units_per_em;
            }
            if open_word == Some(i) {
                ops.show_glyphs(&glyphs).op("EMC");
                glyphs.clear();
                open_word = None;
            }
            while let Some(word) = words.next_if(|word| word.glyphs.start <= i) {
                if word.actual && word.glyphs.end > i && open_word.is_none() {
                    ops.show_glyphs(&glyphs).actual_text(&word.text);
                    glyphs.clear();
                    open_word = Some(word.glyphs.end);
                }
            }
            if !same_run {
                ops.show_glyphs(&glyphs);
                glyphs.clear();
                if font != Some((g.weight, g.size)) {
                    ops.name(&self.fonts[w].0).num(f.point_size(g.size)).op("Tf");
                    font = Some((g.weight, g.size));
                }
                if color != Some(g.color) {
                    ops.rgb(g.color, "rg");
                    color = Some(g.color);
                }
                let k = f.scale(g.size);
                let px = base_x + g.x_units as f32 * k;
                let py = height - baseline + g.dy_units as f32 * k;
                ops.nums(&[1.0, 0.0, 0.0, 1.0, px, py]).op("Tm");
            }
            self.used[w] = true;
            let gid = self.remap[w].remap(g.gid);
            // The glyph's text goes into our own ToUnicode map (`finish`),
            // not into every glyph written.
            self.glyph_text[w].entry(gid).or_insert_with(|| {
                g.cid
                    .clone()
                    .or_else(|| f.char_of(g.gid).map(String::from))
                    .unwrap_or_else(|| "\u{FFFD}".into())
            });
            glyphs.push((gid, 0.0));
            run = Some((g.weight, g.size, g.dy_units, g.x_units + f.advance(g.gid)));
        }
        ops.show_glyphs(&glyphs);
        if open_word.is_some() {
            ops.op("EMC");
        }
        ops.op("ET");
        self.state[page] = (font, color);
        for l in &line.links {
            let rect = Rect {
                x: Pt(base_x + l.x0),
                y: self.y(top + line.height),
                width: Pt(l.x1 - l.x0),
                height: Pt(line.height),
                mode: None,
                winding_order: None,
            };
            self.links[page].push(LinkAnnotation::new(
                rect,
                Actions::Uri(uri_ascii(&l.url)),
                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                Some(ColorArray::Transparent),
                None,
            ));
        }
        for b in &line.boxes {
            self.check_box(page, base_x + b.x, baseline, b);
        }
    }

    /// A check box standing on the baseline: the square, and a tick (☑) or
    /// a cross (☒) inside.
    fn check_box(&mut self, page: usize, x: f32, baseline: f32, b: &super::layout::CheckBox) {
        let (s, top) = (b.side, baseline - b.side);
        let stroke = (s * 0.08).max(0.5);
        self.rect(page, Area { x, top, w: s, h: s }, Some((stroke, b.color)), None);
        match b.mark {
            '☑' => self.polyline(
                page,
                &[
                    (x + s * 0.2, top + s * 0.55),
                    (x + s * 0.42, top + s * 0.78),
                    (x + s * 0.82, top + s * 0.2),
                ],
                stroke * 1.5,
                b.color,
            ),
            '☒' => {
                self.segment(
                    page,
                    (x + s * 0.2, top + s * 0.2),
                    (x + s * 0.8, top + s * 0.8),
                    stroke,
                    b.color,
                );
                self.segment(
                    page,
                    (x + s * 0.8, top + s * 0.2),
                    (x + s * 0.2, top + s * 0.8),
                    stroke,
                    b.color,
                );
            }
            _ => {}
        }
    }

    /// A rectangle, stroked and/or filled.
    pub fn rect(&mut self, page: usize, a: Area, stroke: Option<(f32, Color3)>, fill: Option<Color3>) {
        let paint = match (stroke.is_some(), fill.is_some()) {
            (true, true) => "B",
            (true, false) => "S",
            (false, true) => "f",
            (false, false) => return,
        };
        if let Some(svg) = &mut self.svg {
            svg.rect(page, (a.x, a.top, a.w, a.h), stroke, fill);
        }
        let bottom = self.size.height - a.top - a.h;
        let mut ops = self.pages.page(page);
        ops.op("q");
        if let Some((thickness, c)) = stroke {
            ops.num(thickness).op("w").rgb(c, "RG");
        }
        if let Some(c) = fill {
            ops.rgb(c, "rg");
        }
        ops.nums(&[a.x, bottom, a.w, a.h]).op("re").op(paint).op("Q");
    }

    /// A stroked line through `points`.
    pub fn polyline(&mut self, page: usize, points: &[(f32, f32)], thickness: f32, color: Color3) {
        if points.len() < 2 {
            return;
        }
        if let Some(svg) = &mut self.svg {
            svg.polyline(page, points, thickness, color);
        }
        let h = self.size.height;
        let mut ops = self.pages.page(page);
        ops.op("q").num(thickness).op("w").rgb(color, "RG");
        for (i, &(x, y)) in points.iter().enumerate() {
            ops.nums(&[x, h - y]).op(if i == 0 { "m" } else { "l" });
        }
        ops.op("S").op("Q");
    }

    /// A straight line segment.
    pub fn segment(&mut self, page: usize, from: (f32, f32), to: (f32, f32), thickness: f32, color: Color3) {
        self.polyline(page, &[from, to], thickness, color);
    }

    /// Places `image` with its top-left corner at (`x`, `top`), `w` × `h` points.
    /// The same image placed twice is stored once.
    pub fn image(&mut self, page: usize, key: usize, image: &Image, a: Area) {
        if let Some(svg) = &mut self.svg {
            svg.image(page, key, (a.x, a.top, a.w, a.h));
        }
        let Area { x, top, w, h } = a;
        let name = match self.images.iter().find(|(k, _)| *k == key) {
            Some((_, name)) => name.clone(),
            None => {
                // Named by its key, not printpdf's random name: the same
                // document gets the same bytes.
                let name = format!("Im{key}");
                self.doc.resources.xobjects.map.insert(
                    printpdf::XObjectId(name.clone()),
                    printpdf::XObject::Image(image.raw.clone()),
                );
                self.images.push((key, name.clone()));
                name
            }
        };
        let bottom = self.size.height - top - h;
        let mut ops = self.pages.page(page);
        ops.op("q")
            .nums(&[w, 0.0, 0.0, h, x, bottom])
            .op("cm")
            .name(&name)
            .op("Do")
            .op("Q");
    }

    /// The finished PDF: fonts subset to the glyphs used.
    pub fn finish(mut self) -> Result<Vec<u8>, TypesetError> {
        for w in Weight::ALL {
            let i = w.index();
            if !self.used[i] {
                continue;
            }
            let f = face(w);
            let subset = subsetter::subset(f.data, 0, &self.remap[i])
                .map_err(|e| TypesetError::Font(format!("cannot subset {}: {e:?}", f.name)))?;
            let mut warnings = Vec::new();
            let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings)
                .ok_or_else(|| TypesetError::Font(format!("the subset of {} does not parse", f.name)))?;
            parsed.font_name = Some(format!("{}+{}", subset_tag(&self.remap[i]), f.name));
            self.doc
                .resources
                .fonts
                .map
                .insert(self.fonts[i].clone(), PdfFont::new(parsed));
        }
        // printpdf writes the pages' dictionaries, their link annotations
        // and each font's widths from the glyphs its pages show; the content
        // streams are ours (`content`) and replace its own below. So the
        // first page it is given shows every glyph used, once.
        let (wmm, hmm) = (Mm(self.size.width * 25.4 / 72.0), Mm(self.size.height * 25.4 / 72.0));
        let mut usage = vec![Op::StartTextSection];
        for w in Weight::ALL {
            let i = w.index();
            if self.used[i] {
                usage.push(Op::SetFont {
                    font: PdfFontHandle::External(self.fonts[i].clone()),
                    size: Pt(12.0),
                });
                let glyphs = (0..self.remap[i].num_gids()).map(|gid| Codepoint {
                    gid,
                    offset: 0.0,
                    cid: None,
                });
                usage.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(glyphs.collect())],
                });
            }
        }
        usage.push(Op::EndTextSection);
        self.doc.pages = std::mem::take(&mut self.links)
            .into_iter()
            .enumerate()
            .map(|(n, links)| {
                let mut ops: Vec<Op> = links.into_iter().map(|link| Op::LinkAnnotation { link }).collect();
                if n == 0 {
                    ops.append(&mut usage);
                }
                PdfPage::new(wmm, hmm, ops)
            })
            .collect();
        // Images compressed (printpdf picks Flate for graphics, JPEG for
        // photos), at the size they came in.
        let images = printpdf::ImageOptimizationOptions {
            quality: Some(0.92),
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(printpdf::ImageCompression::Auto),
        };
        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: false,
            secure: true,
            image_optimization: Some(images),
        };
        let mut warnings = Vec::new();
        let mut lo = self.doc.to_lopdf_document(&opts, &mut warnings);
        to_unicode(&mut lo, &self.glyph_text);
        // The document's language, for screen readers and search.
        if let Ok(root) = lo.trailer.get(b"Root").and_then(lopdf::Object::as_reference)
            && let Ok(catalog) = lo.get_object_mut(root).and_then(|o| o.as_dict_mut())
        {
            catalog.set("Lang", lopdf::Object::string_literal("th"));
        }
        super::content::deflate_streams(&mut lo);
        let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
        for (id, segments) in pages.into_iter().zip(self.pages.finish()) {
            let streams: Vec<lopdf::Object> = segments
                .into_iter()
                .map(|bytes| {
                    let dict = lopdf::Dictionary::from_iter([("Filter", lopdf::Object::Name(b"FlateDecode".to_vec()))]);
                    lopdf::Object::Reference(lo.add_object(lopdf::Stream::new(dict, bytes)))
                })
                .collect();
            let page = lo
                .get_object_mut(id)
                .and_then(lopdf::Object::as_dict_mut)
                .map_err(layout_error)?;
            let old = page.get(b"Contents").and_then(lopdf::Object::as_reference).ok();
            match <[lopdf::Object; 1]>::try_from(streams) {
                Ok([one]) => page.set("Contents", one),
                // A blank page has no contents (not an empty array).
                Err(streams) if streams.is_empty() => {
                    page.remove(b"Contents");
                }
                Err(streams) => page.set("Contents", streams),
            }
            if let Some(old) = old {
                lo.objects.remove(&old);
            }
        }
        crate::stamp::apply_current(&mut lo)?;
        save(lo)
    }
}

/// Replaces each subset font's ToUnicode map with the text of every glyph
/// written (printpdf's own map knows only a glyph's nominal character).
fn to_unicode(lo: &mut lopdf::Document, texts: &[foldhash::HashMap<u16, String>; 2]) {
    let maps: Vec<(lopdf::ObjectId, usize)> = lo
        .objects
        .values()
        .filter_map(|o| {
            let d = o.as_dict().ok()?;
            if d.get(b"Subtype").ok()?.as_name().ok()? != b"Type0" {
                return None;
            }
            let base = std::str::from_utf8(d.get(b"BaseFont").ok()?.as_name().ok()?).ok()?;
            let w = Weight::ALL
                .iter()
                .position(|w| base.ends_with(&format!("+{}", face(*w).name)))?;
            Some((d.get(b"ToUnicode").ok()?.as_reference().ok()?, w))
        })
        .collect();
    for (id, w) in maps {
        let cmap = cmap(&texts[w]);
        lo.objects.insert(
            id,
            lopdf::Object::Stream(lopdf::Stream::new(lopdf::Dictionary::new(), cmap.into_bytes())),
        );
    }
}

/// A ToUnicode CMap (PDF 32000 9.10.3): glyph code to UTF-16BE text.
fn cmap(texts: &foldhash::HashMap<u16, String>) -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let mut entries: Vec<(&u16, &String)> = texts.iter().collect();
    entries.sort_unstable();
    for chunk in entries.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (gid, text) in chunk {
            let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(s, "<{gid:04X}> <{hex}>");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// The six-letter tag of a subset font (PDF 32000 9.6.4), derived from the
/// glyphs it holds so that the same document gets the same name.
fn subset_tag(remap: &GlyphRemapper) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in remap.remapped_gids() {
        h = (h ^ u64::from(g)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6).map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_what_was_drawn_on_it_and_a_blank_page_nothing() {
        let mut pdf = PdfWriter::new("t", PageSize::A4_PORTRAIT);
        let a = Area {
            x: 10.0,
            top: 20.0,
            w: 30.0,
            h: 40.0,
        };
        pdf.add_page();
        pdf.rect(0, a, Some((0.5, [0.0, 0.0, 0.0])), None);
        for _ in 0..3 {
            pdf.add_page();
        }
        pdf.rect(3, a, None, Some([1.0, 0.0, 0.0]));
        // Page 0 again, after it was deflated: a second stream (a reader
        // joins the two with a newline).
        pdf.segment(0, (0.0, 0.0), (5.0, 5.0), 1.0, [0.0, 0.0, 1.0]);
        let lo = lopdf::Document::load_mem(&pdf.finish().unwrap()).unwrap();
        let pages: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
        let content = |i: usize| {
            String::from_utf8(lo.get_page_content(pages[i]))
                .unwrap()
                .trim_end()
                .to_owned()
        };
        assert_eq!(
            content(0),
            "q\n0.5 w\n0 0 0 RG\n10 781.89 30 40 re\nS\nQ\n\nq\n1 w\n0 0 1 RG\n0 841.89 m\n5 836.89 l\nS\nQ"
        );
        let page = |i: usize| lo.get_object(pages[i]).unwrap().as_dict().unwrap();
        assert_eq!(page(0).get(b"Contents").unwrap().as_array().unwrap().len(), 2);
        for blank in [1, 2] {
            assert!(page(blank).get(b"Contents").is_err(), "page {blank} is blank");
        }
        assert_eq!(content(3), "q\n1 0 0 rg\n10 781.89 30 40 re\nf\nQ");
    }

    #[test]
    fn uris_are_ascii() {
        assert_eq!(uri_ascii("https://a.th/ผล?x=1"), "https://a.th/%E0%B8%9C%E0%B8%A5?x=1");
        assert_eq!(uri_ascii("https://a.th/a%20b"), "https://a.th/a%20b");
    }
}
