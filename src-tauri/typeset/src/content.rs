//! Page content streams, written as PDF operators (PDF 32000 8–9) the
//! moment something is drawn and deflated once the flow has moved two
//! pages on, so a long document holds its finished pages as compressed
//! bytes rather than as operations. A page drawn on again later (its page
//! number, say) gets another segment: a page's `/Contents` may be an array
//! of streams, read as one.

use flate2::{Compress, Compression, FlushCompress, Status};

/// One page's content: the segments deflated so far, and what was written
/// since.
#[derive(Default)]
struct Page {
    deflated: Vec<Vec<u8>>,
    open: Vec<u8>,
}

impl Page {
    /// Deflates what was written since the last segment. One compressor
    /// serves every page: its tables (some 300 KB) are made once, not
    /// made and freed a page at a time, which left the heap in holes the
    /// next page's tables did not fit (the 1,000-measure report's peak
    /// went from 89 to 204 MiB).
    fn settle(&mut self, z: &mut Compress) {
        if !self.open.is_empty() {
            self.deflated.push(deflate(z, &self.open));
            self.open = Vec::new();
        }
    }
}

/// `bytes` deflated as one zlib stream by `z`, which is reset first: the
/// same bytes a new compressor of its level would write.
pub(crate) fn deflate(z: &mut Compress, bytes: &[u8]) -> Vec<u8> {
    z.reset();
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    loop {
        let read = z.total_in() as usize;
        let status = z
            .compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)
            .expect("deflating into a Vec given room cannot fail");
        if status == Status::StreamEnd {
            break;
        }
        out.reserve(out.capacity().max(64));
    }
    out.shrink_to_fit();
    out
}

/// What lopdf's `Document::compress` does (every stream that may be and
/// is not yet compressed is deflated, and kept so if smaller), with one
/// compressor where lopdf makes a new one, its tables some 300 KB, for
/// each stream. At zlib's default level, not lopdf's best: the best took
/// half as long again over the sample's fonts for 1 % fewer bytes.
pub(crate) fn deflate_streams(lo: &mut lopdf::Document) {
    let mut z = Compress::new(Compression::default(), true);
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(s) = object
            && s.allows_compression
            && s.dict.get(b"Filter").is_err()
        {
            let packed = deflate(&mut z, &s.content);
            if packed.len() + 19 < s.content.len() {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed);
            }
        }
    }
}

pub(crate) struct Contents {
    pages: Vec<Page>,
    /// Pages with bytes not yet deflated, oldest first.
    open: Vec<usize>,
    deflate: Compress,
}

impl Default for Contents {
    fn default() -> Contents {
        Contents {
            pages: Vec::new(),
            open: Vec::new(),
            deflate: Compress::new(Compression::default(), true),
        }
    }
}

impl Contents {
    /// Adds a page; deflates what earlier pages hold, but for the one
    /// before it (a table row or a figure may still end there).
    pub fn add_page(&mut self) -> usize {
        self.pages.push(Page::default());
        let newest = self.pages.len() - 1;
        let (pages, z) = (&mut self.pages, &mut self.deflate);
        self.open.retain(|&p| {
            if p + 1 < newest {
                pages[p].settle(z);
                false
            } else {
                true
            }
        });
        newest
    }

    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// The writer for page `page`.
    pub fn page(&mut self, page: usize) -> Ops<'_> {
        let p = &mut self.pages[page];
        if p.open.is_empty() {
            self.open.push(page);
        }
        Ops(&mut p.open)
    }

    /// Every page's deflated segments, in order.
    pub fn finish(mut self) -> Vec<Vec<Vec<u8>>> {
        self.pages
            .iter_mut()
            .map(|p| {
                p.settle(&mut self.deflate);
                std::mem::take(&mut p.deflated)
            })
            .collect()
    }
}

/// Writes operators to one page's content stream.
pub(crate) struct Ops<'a>(&'a mut Vec<u8>);

impl Ops<'_> {
    /// A number to three decimals (a thousandth of a point for positions,
    /// well below any device's resolution; of an em for kerns; of full
    /// intensity for colours), with no trailing zeros.
    pub fn num(&mut self, v: f32) -> &mut Self {
        let m = (f64::from(v) * 1000.0).round() as i64;
        let (int, frac) = (m / 1000, (m % 1000).unsigned_abs());
        if m < 0 && int == 0 {
            self.0.push(b'-');
        }
        self.0.extend_from_slice(itoa::Buffer::new().format(int).as_bytes());
        if frac != 0 {
            let digits = [frac / 100, frac / 10 % 10, frac % 10].map(|d| b'0' + d as u8);
            let len = digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
            self.0.push(b'.');
            self.0.extend_from_slice(&digits[..len]);
        }
        self.0.push(b' ');
        self
    }

    /// `v` as four upper-case hexadecimal digits (a glyph id, a UTF-16
    /// unit): the most frequent thing a page writes, so not through `fmt`.
    fn hex4(&mut self, v: u16) {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        self.0
            .extend_from_slice(&[12, 8, 4, 0].map(|shift| HEX[usize::from(v >> shift & 0xF)]));
    }

    pub fn nums(&mut self, vs: &[f32]) -> &mut Self {
        for &v in vs {
            self.num(v);
        }
        self
    }

    /// An operator, ending the line.
    pub fn op(&mut self, op: &str) -> &mut Self {
        self.0.extend_from_slice(op.as_bytes());
        self.0.push(b'\n');
        self
    }

    /// A name (written as given: ours are plain ASCII).
    pub fn name(&mut self, name: &str) -> &mut Self {
        self.0.push(b'/');
        self.0.extend_from_slice(name.as_bytes());
        self.0.push(b' ');
        self
    }

    pub fn rgb(&mut self, c: [f32; 3], op: &str) -> &mut Self {
        self.nums(&c).op(op)
    }

    /// `/Span <</ActualText (text as UTF-16BE)>> BDC`: the exact text a
    /// reader copies for what follows until `EMC`.
    pub fn actual_text(&mut self, text: &str) -> &mut Self {
        self.0.extend_from_slice(b"/Span <</ActualText <FEFF");
        for u in text.encode_utf16() {
            self.hex4(u);
        }
        self.0.extend_from_slice(b">>> BDC\n");
        self
    }

    /// `[<gids> kern <gids> …] TJ`: glyph ids (two bytes each, Identity-H),
    /// each followed by the kern that moves the pen to the next, in
    /// thousandths of an em.
    pub fn show_glyphs(&mut self, glyphs: &[(u16, f32)]) -> &mut Self {
        if glyphs.is_empty() {
            return self;
        }
        self.0.extend_from_slice(b"[<");
        for (i, &(gid, kern)) in glyphs.iter().enumerate() {
            self.hex4(gid);
            if kern != 0.0 {
                self.0.extend_from_slice(b"> ");
                self.num(kern);
                if i + 1 < glyphs.len() {
                    self.0.push(b'<');
                }
            } else if i + 1 == glyphs.len() {
                self.0.extend_from_slice(b"> ");
            }
        }
        self.op("] TJ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(f: impl FnOnce(&mut Ops)) -> String {
        let mut c = Contents::default();
        c.add_page();
        f(&mut c.page(0));
        String::from_utf8(std::mem::take(&mut c.pages[0].open)).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        let s = written(|o| {
            o.nums(&[0.0, -0.0, 12.0, 12.5, -0.25, 595.2756, 0.0004, -3.0006]);
        });
        assert_eq!(s, "0 0 12 12.5 -0.25 595.276 0 -3.001 ");
    }

    /// Written without `fmt`, numbers and hexadecimal digits are what
    /// `fmt` writes: every glyph id, and thousandths either side of zero.
    #[test]
    fn numbers_and_glyph_ids_are_what_fmt_would_write() {
        let s = written(|o| (0..=u16::MAX).for_each(|v| o.hex4(v)));
        let want: String = (0..=u16::MAX).map(|v| format!("{v:04X}")).collect();
        assert_eq!(s, want);
        for m in (-30_000i32..30_000).step_by(7).chain([0, 1, -1, 999, -999]) {
            let s = written(|o| {
                o.num(m as f32 / 1000.0);
            });
            let want = if m == 0 {
                "0".to_owned()
            } else {
                format!("{}", f64::from(m) / 1000.0)
            };
            assert_eq!(s, format!("{want} "), "{m}");
        }
    }

    #[test]
    fn glyph_runs_are_one_string_between_kerns() {
        let s = written(|o| {
            o.show_glyphs(&[(1, 0.0), (0x2a, -12.5), (3, 0.0), (4, 0.0)]);
        });
        assert_eq!(s, "[<0001002A> -12.5 <00030004> ] TJ\n");
        let s = written(|o| {
            o.show_glyphs(&[(1, 7.0)]);
        });
        assert_eq!(s, "[<0001> 7 ] TJ\n");
        let s = written(|o| {
            o.actual_text("ก").op("EMC");
        });
        assert_eq!(s, "/Span <</ActualText <FEFF0E01>>> BDC\nEMC\n");
    }

    #[test]
    fn pages_left_behind_are_deflated_and_a_page_drawn_on_again_gets_a_segment() {
        let mut c = Contents::default();
        for p in 0..4 {
            c.add_page();
            c.page(p).op("BT").op("ET");
        }
        assert!(
            c.pages[0].open.is_empty() && c.pages[1].open.is_empty(),
            "two pages behind: deflated"
        );
        assert!(!c.pages[2].open.is_empty() && !c.pages[3].open.is_empty());
        c.page(0).op("Q");
        let pages = c.finish();
        assert_eq!(pages[0].len(), 2);
        assert_eq!(pages[3].len(), 1);
        let inflate = |b: &[u8]| {
            use std::io::Read as _;
            let mut s = String::new();
            flate2::read::ZlibDecoder::new(b).read_to_string(&mut s).unwrap();
            s
        };
        assert_eq!(inflate(&pages[0][0]), "BT\nET\n");
        assert_eq!(inflate(&pages[0][1]), "Q\n");

        // Content that does not compress to a third (numbers at random)
        // comes back whole, through the same compressor, page after page.
        let mut c = Contents::default();
        let mut x: u32 = 1;
        let mut want = Vec::new();
        for p in 0..3 {
            c.add_page();
            let mut o = c.page(p);
            let mut text = String::new();
            for _ in 0..20_000 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let v = (x >> 8) as f32 / 1000.0;
                o.num(v);
                text.push_str(&format!("{} ", (f64::from(v) * 1000.0).round() / 1000.0));
            }
            want.push(text);
        }
        for (segments, want) in c.finish().iter().zip(want) {
            assert_eq!(segments.len(), 1);
            assert_eq!(inflate(&segments[0]), want);
        }
    }
}
