//! The compiled-in faces: Sarabun Regular and Bold (SIL OFL 1.1, see
//! `fonts/OFL.txt`). No system font is ever needed.
//!
//! Sizes are official sizes. "16 pt" in the Regulation on Official
//! Correspondence means TH SarabunPSK / TH Sarabun New at 16 pt, and
//! Sarabun, its OFL redrawing, is drawn half as wide again at the same size
//! (ก 576 against 386 thousandths of an em, Thai digits 676 against 449).
//! So every face carries the point size that looks like one official
//! point ([`Face::official`]): a Style of 16 sets Sarabun at 10.67 pt, with
//! the same characters per line as TH Sarabun New 16 pt.

use std::sync::LazyLock;

use harfrust::{Font, ShaperFont};

static REGULAR_BYTES: &[u8] = include_bytes!("../fonts/Sarabun-Regular.ttf");
static BOLD_BYTES: &[u8] = include_bytes!("../fonts/Sarabun-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    pub const ALL: [Weight; 2] = [Weight::Regular, Weight::Bold];
    pub fn index(self) -> usize {
        self as usize
    }
}

pub struct Face {
    pub weight: Weight,
    /// PostScript-style name written into the PDF.
    pub name: &'static str,
    pub data: &'static [u8],
    font: Font,
    pub units_per_em: f32,
    /// Points of this face that look like one point of TH Sarabun New.
    pub official: f32,
    /// hmtx advance of every glyph, read once (asked for every glyph written).
    advances: Vec<i32>,
    /// The font's glyph for the characters documents use most (Basic Latin,
    /// Latin-1, Thai), read once; others are looked up in the cmap.
    common: std::collections::HashMap<char, u32>,
    /// The character the font maps to each glyph (the first, for a glyph of
    /// two), for what a PDF reader copies.
    chars: std::collections::HashMap<u16, char>,
}

impl Face {
    fn load(weight: Weight, name: &'static str, data: &'static [u8]) -> Face {
        let font = Font::new(data, 0).expect("the compiled-in font parses");
        let units_per_em = f32::from(font.units_per_em());
        let shaper = ShaperFont::new(&font);
        let advances = (0..font.num_glyphs())
            .map(|g| shaper.glyph_h_advance(harfrust::GlyphId::new(g)))
            .collect();
        let mapped: Vec<(char, u32)> = ('\u{20}'..='\u{FF}')
            .chain('\u{0E00}'..='\u{0E7F}')
            .chain('\u{2000}'..='\u{206F}')
            .filter_map(|c| shaper.nominal_glyph(c as u32).map(|g| (c, g.to_u32())))
            .collect();
        let mut chars = std::collections::HashMap::new();
        for &(c, g) in &mapped {
            if let Ok(g) = u16::try_from(g) {
                chars.entry(g).or_insert(c);
            }
        }
        let common = mapped.into_iter().collect();
        drop(shaper);
        Face {
            weight,
            name,
            data,
            font,
            units_per_em,
            official: SARABUN_PER_OFFICIAL_POINT,
            advances,
            common,
            chars,
        }
    }

    pub fn shaper(&self) -> ShaperFont<'_, '_> {
        ShaperFont::new(&self.font)
    }

    /// Glyph the font maps `c` to, if it has one.
    pub fn glyph_of(&self, c: char) -> Option<u32> {
        match self.common.get(&c) {
            Some(&g) => Some(g),
            None if ('\u{20}'..='\u{FF}').contains(&c) || ('\u{0E00}'..='\u{0E7F}').contains(&c) => None,
            None => self.shaper().nominal_glyph(c as u32).map(harfrust::GlyphId::to_u32),
        }
    }

    /// The character the font maps to `gid`, if any.
    pub fn char_of(&self, gid: u16) -> Option<char> {
        self.chars.get(&gid).copied()
    }

    /// The glyph's advance in the font's `hmtx` (what a PDF viewer uses).
    pub fn advance(&self, gid: u16) -> i32 {
        match self.advances.get(usize::from(gid)) {
            Some(&a) => a,
            None => self.shaper().glyph_h_advance(harfrust::GlyphId::new(u32::from(gid))),
        }
    }

    /// Font units to points at the official `size`.
    pub fn scale(&self, size: f32) -> f32 {
        self.point_size(size) / self.units_per_em
    }

    /// The size this face is set at to look like the official `size`.
    pub fn point_size(&self, size: f32) -> f32 {
        size * self.official
    }
}

/// Sarabun at 2/3 of a size looks like TH Sarabun New at that size: the
/// same width of a Thai line within 1 % (ก 576 × 2/3 = 384 against 386;
/// Thai digits 451 against 449).
pub const SARABUN_PER_OFFICIAL_POINT: f32 = 2.0 / 3.0;

static FACES: LazyLock<[Face; 2]> = LazyLock::new(|| {
    [
        Face::load(Weight::Regular, "Sarabun-Regular", REGULAR_BYTES),
        Face::load(Weight::Bold, "Sarabun-Bold", BOLD_BYTES),
    ]
});

pub fn face(weight: Weight) -> &'static Face {
    &FACES[weight.index()]
}

/// The raw font file, e.g. for `hb-shape` in tests.
pub fn font_bytes(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => REGULAR_BYTES,
        Weight::Bold => BOLD_BYTES,
    }
}
