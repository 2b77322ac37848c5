//! What text each glyph stands for, so that a PDF gives back the stored text:
//! - every glyph gets characters for the ToUnicode map, which pypdf,
//!   pdfminer and most viewers read: the font's own character for the glyph
//!   when the cluster has it, else the cluster's character no other glyph
//!   of the cluster claimed (a tone mark moved clear of an upper vowel, ญ
//!   without its tail);
//! - a line is cut into words (a word and the spaces after it); a word whose
//!   glyphs do not give back its text in order (ำ, a ligature of marks, a
//!   check box), that has a mark moved off the baseline (a reader may take
//!   it for another line), or that stands on a justified line (whose spread
//!   a reader could take for spaces) is marked in the PDF with its exact
//!   text as ActualText: readers that honour it (pdftotext, Acrobat) copy it
//!   as stored, and selection goes word by word.
//!
//! ำ is the one character HarfBuzz draws as two glyphs (ํ and า, the ํ
//! moved before a tone mark): through ToUnicode alone it reads as its
//! compatibility decomposition.

use std::ops::Range;

use super::font::Face;

/// Check boxes, which Sarabun lacks: drawn as vectors instead of a glyph.
pub const BOXES: [char; 4] = ['☐', '☑', '☒', '□'];

/// A line's word: the glyphs (indices into `Line::glyphs`) that draw it,
/// and its text as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub glyphs: Range<usize>,
    pub text: String,
    /// Marked with its text as ActualText.
    pub actual: bool,
}

/// The characters of `cluster` a glyph may stand for: ำ as ํ and า.
fn cluster_chars(cluster: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(cluster.len());
    for c in cluster.chars() {
        if c == 'ำ' {
            out.extend(['ํ', 'า']);
        } else {
            out.push(c);
        }
    }
    out
}

/// The text of each glyph of one cluster (`gids`, in order), given the
/// cluster's text.
pub fn cluster_glyph_texts(face: &Face, cluster: &str, gids: &[u16]) -> Vec<String> {
    let mut free = cluster_chars(cluster);
    let mut out: Vec<Option<char>> = vec![None; gids.len()];
    // The font's own character for a glyph, when the cluster has it.
    for (i, &g) in gids.iter().enumerate() {
        if let Some(c) = face.char_of(g)
            && let Some(at) = free.iter().position(|&f| f == c)
        {
            out[i] = Some(free.remove(at));
        }
    }
    // A variant glyph takes the first character no glyph claimed.
    let mut variant = None;
    for (i, &g) in gids.iter().enumerate() {
        if out[i].is_none() {
            out[i] = if free.is_empty() {
                face.char_of(g)
            } else {
                variant = Some(i);
                Some(free.remove(0))
            };
        }
    }
    // What is left over goes to the last variant glyph: a ligature (ํ with
    // a tone mark above it in น้ำ) stands for both of its characters. A
    // glyph the font maps to a character keeps meaning only that one, as
    // the ToUnicode map has one entry a glyph.
    let mut texts: Vec<String> = out
        .into_iter()
        .map(|c| c.map_or_else(|| "\u{FFFD}".to_owned(), String::from))
        .collect();
    if let Some(t) = variant.or(texts.len().checked_sub(1)).and_then(|i| texts.get_mut(i)) {
        t.extend(free);
    }
    texts
}

/// The text of each glyph (cluster offset in `text`, glyph id, weight),
/// cluster by cluster; the last cluster ends at `end`. `None` for a glyph
/// that is the font's own for the one character of its cluster (most
/// glyphs): the PDF writer asks the font then, so nothing is allocated.
pub(crate) fn glyph_texts(text: &str, end: usize, glyphs: &[(usize, u16, super::font::Weight)]) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(glyphs.len());
    let mut i = 0;
    while i < glyphs.len() {
        let (c, gid, weight) = glyphs[i];
        let j = glyphs[i..]
            .iter()
            .position(|g| g.0 != c)
            .map_or(glyphs.len(), |k| i + k);
        let to = glyphs.get(j).map_or(end, |g| g.0).max(c);
        let face = super::font::face(weight);
        let cluster = &text[c..to];
        let mut chars = cluster.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(ch), None) => Some(ch),
            _ => None,
        };
        if j == i + 1 && single.is_some() && face.char_of(gid) == single {
            out.push(None);
        } else {
            let gids: Vec<u16> = glyphs[i..j].iter().map(|g| g.1).collect();
            out.extend(cluster_glyph_texts(face, cluster, &gids).into_iter().map(Some));
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::{Weight, face};
    use crate::shape::shape;

    fn texts(s: &str) -> Vec<String> {
        let f = face(Weight::Regular);
        let glyphs = shape(f, s);
        let mut out = Vec::new();
        let mut i = 0;
        while i < glyphs.len() {
            let c = glyphs[i].cluster;
            let j = glyphs[i..]
                .iter()
                .position(|g| g.cluster != c)
                .map_or(glyphs.len(), |k| i + k);
            let end = glyphs.get(j).map_or(s.len(), |g| g.cluster as usize);
            let gids: Vec<u16> = glyphs[i..j].iter().map(|g| g.gid).collect();
            out.extend(cluster_glyph_texts(f, &s[c as usize..end], &gids));
            i = j;
        }
        out
    }

    #[test]
    fn every_glyph_stands_for_its_characters() {
        assert_eq!(
            texts("น้ำ"),
            ["น", "\u{e49}\u{e4d}", "า"],
            "the ligature stands for both marks"
        );
        for word in ["ปู่", "ที่", "ญาติ", "ฐานะ", "กิ่ง", "ปั้น", "ฟ้อง", "ค่ำ", "น้ำ", "ทำ", "ฎีกา"]
        {
            let t = texts(word);
            assert!(!t.iter().any(|s| s.contains('\u{FFFD}')), "{word}: {t:?}");
            let mut got: Vec<char> = t.concat().chars().collect();
            let mut want = cluster_chars(word);
            got.sort_unstable();
            want.sort_unstable();
            assert_eq!(got, want, "{word}: {t:?}");
        }
    }
}
