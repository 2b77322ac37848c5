//! The compiled-in faces: Sarabun Regular and Bold (SIL OFL 1.1, see
//! `fonts/OFL.txt`). No system font is ever needed.

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
    /// hmtx advance of every glyph, read once (asked for every glyph written).
    advances: Vec<i32>,
    /// The font's glyph for the characters documents use most (Basic Latin,
    /// Latin-1, Thai), read once; others are looked up in the cmap.
    common: std::collections::HashMap<char, u32>,
}

impl Face {
    fn load(weight: Weight, name: &'static str, data: &'static [u8]) -> Face {
        let font = Font::new(data, 0).expect("the compiled-in font parses");
        let units_per_em = f32::from(font.units_per_em());
        let shaper = ShaperFont::new(&font);
        let advances = (0..font.num_glyphs())
            .map(|g| shaper.glyph_h_advance(harfrust::GlyphId::new(g)))
            .collect();
        let common = ('\u{20}'..='\u{FF}')
            .chain('\u{0E00}'..='\u{0E7F}')
            .filter_map(|c| shaper.nominal_glyph(c as u32).map(|g| (c, g.to_u32())))
            .collect();
        drop(shaper);
        Face {
            weight,
            name,
            data,
            font,
            units_per_em,
            advances,
            common,
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

    /// The glyph's advance in the font's `hmtx` (what a PDF viewer uses).
    pub fn advance(&self, gid: u16) -> i32 {
        match self.advances.get(usize::from(gid)) {
            Some(&a) => a,
            None => self.shaper().glyph_h_advance(harfrust::GlyphId::new(u32::from(gid))),
        }
    }

    /// Font units to points at `size`.
    pub fn scale(&self, size: f32) -> f32 {
        size / self.units_per_em
    }
}

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
