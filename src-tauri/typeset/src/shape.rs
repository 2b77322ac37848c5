//! Shaping with the font's own GSUB/GPOS through harfrust (HarfBuzz's Rust
//! port): tone marks above upper vowels, marks clear of the stems of ป ฝ ฟ,
//! ญ/ฐ without their tails under a below vowel.

use harfrust::{Buffer, Direction, Language, Script, ShapeOptions, shape as hb_shape};

use super::font::Face;

/// One positioned glyph, in font units. `cluster` is the byte offset in the
/// shaped text of the first character the glyph stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub gid: u16,
    pub cluster: u32,
    pub advance: i32,
    pub dx: i32,
    pub dy: i32,
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Splits text into runs of one script: Thai, or everything else.
/// Spaces and punctuation stay with the run they follow.
fn script_runs(text: &str) -> Vec<(usize, usize, bool)> {
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let thai = is_thai(c);
        let neutral = !thai && !c.is_alphanumeric();
        match runs.last_mut() {
            Some(last) if last.2 == thai || neutral => last.1 = end,
            _ => runs.push((i, end, thai)),
        }
    }
    runs
}

/// Shapes `text` left to right with `face`.
pub fn shape(face: &Face, text: &str) -> Vec<Glyph> {
    let shaper = face.shaper();
    let mut out = Vec::with_capacity(text.len());
    let mut buf = Buffer::new();
    for (start, end, thai) in script_runs(text) {
        buf.push_str(&text[start..end]);
        buf.set_direction(Direction::LeftToRight);
        if thai {
            buf.set_script(Some(Script::THAI));
            buf.set_language(Language::new("th"));
        } else {
            buf.guess_segment_properties();
            buf.set_direction(Direction::LeftToRight);
        }
        let plan = face.plan(buf.script(), buf.language());
        // Shaping a buffer with its direction set cannot fail.
        if hb_shape(&shaper, &mut buf, ShapeOptions::new().plan(Some(&plan))).is_ok() {
            for (info, pos) in buf.glyph_infos().iter().zip(buf.glyph_positions()) {
                out.push(Glyph {
                    gid: u16::try_from(info.glyph_id).unwrap_or(0),
                    cluster: start as u32 + info.cluster,
                    advance: pos.x_advance,
                    dx: pos.x_offset,
                    dy: pos.y_offset,
                });
            }
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_by_script_with_neutral_characters_attached() {
        let t = "งบ (Intranet) ปี 2566";
        let runs: Vec<&str> = script_runs(t).iter().map(|&(s, e, _)| &t[s..e]).collect();
        assert_eq!(runs, ["งบ (", "Intranet) ", "ปี ", "2566"]);
    }
}
