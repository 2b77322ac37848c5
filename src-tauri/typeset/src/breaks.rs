//! Where a line may end.
//!
//! 1. ICU's dictionary line breaker (UAX #14 plus Thai word boundaries; it
//!    breaks like Chromium).
//! 2. Thai compounds kept whole: a break between two Thai segments that
//!    together (with up to four neighbours) form a word of the PyThaiNLP list
//!    is demoted to a fallback (งบ|ประมาณ, ร้อง|เรียน).
//! 3. Units (`units`): no break inside a number, a date, a phone or
//!    document number, or between a title and a name; ๆ never starts a line.
//! 4. Links: no break inside a URL or e-mail address except after / - _ . ?
//!    & = (not inside the scheme, and not leaving fewer than four characters
//!    of the link on either side), so that long links wrap at sensible points.
//!
//! Fallback breaks are used only when a piece is wider than the line.

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

use super::words;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line ends here (a newline in the text).
    Mandatory,
    /// A good place to end a line.
    Good,
    /// Allowed, but splits a compound word: only when nothing else fits.
    Fallback,
}

/// A break opportunity: the line may end before byte `pos`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    pub pos: usize,
    pub kind: Kind,
}

fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c)
}

/// Break opportunities of `text` in order, excluding 0 and `text.len()`.
pub fn opportunities(text: &str) -> Vec<Break> {
    let segmenter = LineSegmenter::new_dictionary(LineBreakOptions::default());
    let mut out: Vec<Break> = segmenter
        .segment_str(text)
        .filter(|&p| p > 0 && p < text.len())
        .map(|pos| {
            let before = text[..pos].chars().next_back();
            let kind = if matches!(
                before,
                Some('\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
            ) {
                Kind::Mandatory
            } else {
                Kind::Good
            };
            Break { pos, kind }
        })
        .collect();
    keep_compounds(text, &mut out);
    keep_numbers_with_their_words(text, &mut out);
    keep_units(text, &mut out);
    wrap_links(text, &mut out);
    // ๆ never starts a line: it repeats the word before it.
    out.retain(|b| b.kind == Kind::Mandatory || !text[b.pos..].trim_start_matches(' ').starts_with('ๆ'));
    out
}

/// Breaks inside a unit become fallbacks.
fn keep_units(text: &str, breaks: &mut [Break]) {
    let units = super::units::unbreakable(text);
    if units.is_empty() {
        return;
    }
    for b in breaks.iter_mut().filter(|b| b.kind == Kind::Good) {
        let i = units.partition_point(|&(_, e)| e <= b.pos);
        if units.get(i).is_some_and(|&(s, _)| s < b.pos) {
            b.kind = Kind::Fallback;
        }
    }
}

/// "พ.ศ. 2566", "โทร. 1139", "ข้อ 207": an abbreviation or ข้อ and the
/// number after it stay on one line.
fn keep_numbers_with_their_words(text: &str, breaks: &mut [Break]) {
    for b in breaks.iter_mut().filter(|b| b.kind == Kind::Good) {
        let (before, after) = (&text[..b.pos], &text[b.pos..]);
        if !after.starts_with(|c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c)) {
            continue;
        }
        let word = before.trim_end_matches(' ');
        if word.len() == before.len() {
            continue; // no space: not "word number"
        }
        let last: String = word
            .chars()
            .rev()
            .take_while(|c| !c.is_whitespace())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        // The abbreviation itself: letters and dots at the end of the token.
        let abbr: Vec<char> = last
            .chars()
            .rev()
            .take_while(|&c| c == '.' || is_thai_letter(c))
            .collect();
        let abbreviation = last.ends_with('.') && abbr.iter().any(|&c| is_thai_letter(c)) && abbr.len() <= 6;
        if abbreviation || last.ends_with("ข้อ") || last.ends_with("มาตรา") {
            b.kind = Kind::Fallback;
        }
    }
}

/// Demotes breaks inside Thai words: a break between two Thai letters is
/// kept only where the dictionary's best segmentation of the run has a word
/// boundary (so งบ|ประมาณ and ร้อง|เรียน become fallbacks).
fn keep_compounds(text: &str, breaks: &mut [Break]) {
    let mut k = 0;
    while k < breaks.len() {
        let p = breaks[k].pos;
        let (before, after) = (text[..p].chars().next_back(), text[p..].chars().next());
        if !(before.is_some_and(is_thai_letter) && after.is_some_and(is_thai_letter)) {
            k += 1;
            continue;
        }
        let (start, end) = (thai_run_start(text, p), thai_run_end(text, p));
        let bounds = words::best_boundaries(&text[start..end]);
        while k < breaks.len() && breaks[k].pos < end {
            if breaks[k].kind == Kind::Good && !bounds[breaks[k].pos - start] {
                breaks[k].kind = Kind::Fallback;
            }
            k += 1;
        }
    }
}

fn thai_run_start(text: &str, p: usize) -> usize {
    text[..p]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_thai_letter(c))
        .last()
        .map_or(p, |(i, _)| i)
}

fn thai_run_end(text: &str, p: usize) -> usize {
    text[p..]
        .char_indices()
        .find(|&(_, c)| !is_thai_letter(c))
        .map_or(text.len(), |(i, _)| p + i)
}

/// Inside links: no breaks but after separators.
fn wrap_links(text: &str, breaks: &mut Vec<Break>) {
    let links: Vec<(usize, usize)> = linkify::LinkFinder::new()
        .links(text)
        .map(|l| (l.start(), l.end()))
        .collect();
    if links.is_empty() {
        return;
    }
    // Inside a link, word breaks of a Thai path segment stay as fallbacks
    // (better than cutting a word when a segment is wider than the line).
    breaks.retain_mut(|b| match links.iter().find(|&&(s, e)| b.pos > s && b.pos < e) {
        None => true,
        Some(_) => {
            let around = (text[..b.pos].chars().next_back(), text[b.pos..].chars().next());
            let between_words = b.kind == Kind::Good;
            b.kind = Kind::Fallback;
            between_words && matches!(around, (Some(x), Some(y)) if is_thai_letter(x) && is_thai_letter(y))
        }
    });
    for (s, e) in links {
        let body = &text[s..e];
        let skip = body.find("://").map_or(0, |i| i + 3);
        // Never fewer than four characters of the link alone on a line.
        let chars_between = |a: usize, b: usize| text[a..b].chars().count();
        for (i, c) in body.char_indices().skip_while(|&(i, _)| i < skip) {
            let pos = s + i + c.len_utf8();
            let next = text[pos..].chars().next();
            if matches!(c, '/' | '-' | '_' | '.' | '?' | '&' | '=')
                && pos < e
                && next != Some(c)
                && chars_between(s, pos) >= 4
                && chars_between(pos, e) >= 4
            {
                breaks.push(Break { pos, kind: Kind::Good });
            }
        }
    }
    breaks.sort_by_key(|b| b.pos);
    breaks.dedup_by_key(|b| b.pos);
}

/// Grapheme cluster boundaries of `text[from..to]` (absolute byte offsets),
/// the last resort for a piece wider than a line.
pub fn grapheme_boundaries(text: &str, from: usize, to: usize) -> Vec<usize> {
    icu_segmenter::GraphemeClusterSegmenter::new()
        .segment_str(&text[from..to])
        .map(|p| from + p)
        .filter(|&p| p > from && p < to)
        .collect()
}

/// The end of the line that starts at `start`: the last break that fits,
/// a mandatory break, or, when the first piece alone is too wide, a
/// fallback break or a grapheme boundary inside it.
pub(crate) fn line_end(
    text: &str,
    breaks: &[Break],
    start: usize,
    avail: f32,
    width: &dyn Fn(usize, usize) -> f32,
) -> usize {
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
    let graphemes = grapheme_boundaries(text, start, end);
    let fit = graphemes
        .iter()
        .copied()
        .take_while(|&p| width(start, p) <= avail)
        .last();
    fit.or(graphemes.first().copied()).unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good(text: &str) -> Vec<&str> {
        let mut pieces = Vec::new();
        let mut last = 0;
        for b in opportunities(text).into_iter().filter(|b| b.kind != Kind::Fallback) {
            pieces.push(&text[last..b.pos]);
            last = b.pos;
        }
        pieces.push(&text[last..]);
        pieces
    }

    #[test]
    fn compounds_stay_whole() {
        for w in ["งบประมาณ", "ร้องเรียน", "อิเล็กทรอนิกส์", "หนังสือเวียน"]
        {
            let text = format!("การใช้จ่าย{w}ของหน่วยงาน");
            assert!(
                good(&text).iter().any(|p| p.contains(w)),
                "{w} split: {:?}",
                good(&text)
            );
        }
    }

    #[test]
    fn links_break_only_after_separators() {
        let text = "ดูที่ https://www.ipthailand.go.th/th/item/report_dip_2566.html ครับ";
        let pieces = good(text);
        assert!(pieces.contains(&"ipthailand."), "{pieces:?}");
        assert!(pieces.contains(&"report_"), "{pieces:?}");
        assert!(
            !pieces.iter().any(|p| p.ends_with("htt") || p == &"https:/"),
            "{pieces:?}"
        );
        assert!(pieces.iter().any(|p| p.starts_with("https://www.")), "{pieces:?}");
    }

    #[test]
    fn numbers_stay_with_abbreviations() {
        for t in ["ปีงบประมาณ พ.ศ. 2566 นี้", "โทร. 1139 หรือ", "ตามข้อ 207 ถึง"]
        {
            let pieces = good(t);
            assert!(
                pieces
                    .iter()
                    .any(|p| p.contains("พ.ศ. 2566") || p.contains("โทร. 1139") || p.contains("ข้อ 207")),
                "{pieces:?}"
            );
        }
    }

    #[test]
    fn units_ranks_and_mai_yamok_stay_whole() {
        for (text, whole) in [
            ("เบิกจ่ายรวม ๑๐๑,๓๔๖,๒๕๐.๐๐ บาท", "๑๐๑,๓๔๖,๒๕๐.๐๐"),
            ("หนังสือ ที่ พณ ๐๗๐๑.๐๘/ว๒๔ ลงวันที่ ๙ พฤษภาคม ๒๕๖๖", "พณ ๐๗๐๑.๐๘/ว๒๔"),
            ("ลงวันที่ ๙ พฤษภาคม ๒๕๖๖ แล้ว", "๙ พฤษภาคม ๒๕๖๖"),
            ("ติดต่อ โทร. ๐ ๒๕๔๗ ๔๖๒๑ ได้", "๐ ๒๕๔๗ ๔๖๒๑"),
            ("นักวิชาการพัสดุชำนาญการพิเศษ", "ชำนาญการพิเศษ"),
            ("หมายเลข 7440-001-0001/62 ชำรุด", "7440-001-0001/62"),
        ] {
            assert!(
                good(text).iter().any(|p| p.contains(whole)),
                "{whole} split: {:?}",
                good(text)
            );
        }
        let text = "ต่างๆ ที่เกี่ยวข้อง ต่าง ๆ นั้น";
        for b in opportunities(text) {
            assert!(!text[b.pos..].trim_start().starts_with('ๆ'), "{:?}", &text[b.pos..]);
        }
    }

    #[test]
    fn a_link_never_leaves_a_short_piece() {
        let text = "อีเมล fin@ipthailand.go.th หรือ https://www.ipthailand.go.th/th/a.html";
        let pieces = good(text);
        assert!(
            !pieces.iter().any(|p| p.trim() == "th" || p.starts_with("th ")),
            "{pieces:?}"
        );
        assert_eq!(pieces.last(), Some(&"html"), "{pieces:?}");
        let text = "ดู https://www.a.th/x";
        assert_eq!(good(text).last(), Some(&"th/x"), "{:?}", good(text));
    }

    #[test]
    fn newlines_are_mandatory() {
        let b = opportunities("ก\nข");
        assert_eq!(
            b,
            vec![Break {
                pos: 4,
                kind: Kind::Mandatory
            }]
        );
    }
}
