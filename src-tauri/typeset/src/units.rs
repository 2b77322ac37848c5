//! Units a line never splits, found in the text as printed (Arabic or Thai
//! digits) by DFAs that `build.rs` compiles from `unit_patterns.rs`:
//! - numbers with their separators (`101,346,250.00`, `0701.08/ว24`,
//!   `7440-001-0001/62`);
//! - document numbers with their prefix (`ที่ พณ 0701.08/ว24`);
//! - phone numbers (`0 2547 4621`, `02-547-4621`);
//! - dates (`9 พฤษภาคม 2566`, `30 ก.ย. 66`, `พฤษภาคม พ.ศ. 2566`);
//! - a title with the name after it (`นางสาวสมหญิง`, `นาย สมชาย`).
//!
//! `breaks` demotes every break inside one to a fallback, taken only when
//! the unit alone is wider than the line.

use std::sync::LazyLock;

use regex_automata::dfa::{dense, regex::Regex};

use crate::unit_patterns::{COUNT, DOCUMENT_NUMBER, MONTH_RANGE, PHONE, TITLE};

/// A compiled DFA's bytes, at the alignment its state identifiers need
/// (`include_bytes!` promises none).
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

type Bytes = &'static Aligned<[u8]>;

macro_rules! dfa {
    ($i:literal, $end:literal) => {
        &Aligned {
            _align: [],
            bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/units-", $i, ".", $end)),
        }
    };
}

/// The patterns of `unit_patterns.rs`, compiled by `build.rs`: a forward
/// and a reverse DFA each.
static COMPILED: [(Bytes, Bytes); COUNT] = [
    (dfa!(0, "fwd"), dfa!(0, "rev")),
    (dfa!(1, "fwd"), dfa!(1, "rev")),
    (dfa!(2, "fwd"), dfa!(2, "rev")),
    (dfa!(3, "fwd"), dfa!(3, "rev")),
    (dfa!(4, "fwd"), dfa!(4, "rev")),
    (dfa!(5, "fwd"), dfa!(5, "rev")),
];

type Dfa = dense::DFA<&'static [u32]>;

/// Loading checks each DFA's bytes whole (its states, its transitions),
/// which costs about a quarter of compiling the patterns.
static PATTERNS: LazyLock<Vec<Regex<Dfa>>> = LazyLock::new(|| {
    let load = |a: Bytes| {
        dense::DFA::from_bytes(&a.bytes)
            .expect("build.rs wrote the unit DFAs for this target")
            .0
    };
    COMPILED
        .iter()
        .map(|&(fwd, rev)| Regex::builder().build_from_dfas(load(fwd), load(rev)))
        .collect()
});

fn digits(s: &str) -> usize {
    s.chars()
        .filter(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c))
        .count()
}

/// Where a pattern found a unit that holds: a phone number has 9 or 10
/// digits; a title is a word of its own (not นาย in นายก…, which the
/// word list keeps whole anyway).
fn holds(text: &str, pattern: usize, start: usize, end: usize) -> bool {
    let found = &text[start..end];
    let before = text[..start].chars().next_back();
    let thai_letter_before = before.is_some_and(|c| ('\u{0E01}'..='\u{0E4E}').contains(&c));
    match pattern {
        DOCUMENT_NUMBER => !thai_letter_before,
        PHONE => (9..=10).contains(&digits(found)) && !before.is_some_and(|c| c.is_ascii_digit()),
        // A name is a word of at most 20 characters after the title.
        TITLE => !thai_letter_before && found.chars().count() <= 26,
        _ => true,
    }
}

/// Byte ranges of `text` inside which a line never ends, in order and
/// not overlapping.
pub fn unbreakable(text: &str) -> Vec<(usize, usize)> {
    // Most units hold a digit, a name a title: a paragraph without either
    // is not scanned for them.
    let digit = text.chars().any(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c));
    let title = ["นาย", "นาง", "ดร.", "ว่าที่"].iter().any(|t| text.contains(t));
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (i, re) in PATTERNS.iter().enumerate() {
        let wanted = match i {
            MONTH_RANGE => true,
            TITLE => title,
            _ => digit,
        };
        if !wanted {
            continue;
        }
        for m in re.find_iter(text.as_bytes()) {
            // A number does not end on the sentence's full stop or comma
            // (an abbreviation keeps its dot: ก.ย.).
            let trimmed = text[m.range()].trim_end_matches(['.', ',', ':', '-', '/', '_']);
            let end = if trimmed.ends_with(|c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c)) {
                m.start() + trimmed.len()
            } else {
                m.end()
            };
            if end > m.start() && holds(text, i, m.start(), end) {
                found.push((m.start(), end));
            }
        }
    }
    merged(found)
}

/// `found`'s ranges in order, those that overlap made one.
fn merged(mut found: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    found.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (s, e) in found {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit_patterns;

    /// `patterns` compiled by `regex`, as the library compiled them before
    /// `build.rs` did.
    fn with_regex(patterns: &[String]) -> Vec<regex::Regex> {
        patterns.iter().map(|p| regex::Regex::new(p).unwrap()).collect()
    }

    fn units(text: &str) -> Vec<&str> {
        unbreakable(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn numbers_dates_phones_and_document_numbers_are_units() {
        let t = "รวม ๑๐๑,๓๔๖,๒๕๐.๐๐ บาท";
        assert!(units(t).contains(&"๑๐๑,๓๔๖,๒๕๐.๐๐"), "{:?}", units(t));
        let t = "ครุภัณฑ์ 7440-001-0001/62 ชำรุด";
        assert!(units(t).contains(&"7440-001-0001/62"), "{:?}", units(t));
        let t = "ตามหนังสือ ที่ พณ ๐๗๐๑.๐๘/ว๒๔ ลงวันที่ ๙ พฤษภาคม ๒๕๖๖ แล้ว";
        let u = units(t);
        assert!(u.contains(&"ที่ พณ ๐๗๐๑.๐๘/ว๒๔"), "{u:?}");
        assert!(u.contains(&"๙ พฤษภาคม ๒๕๖๖"), "{u:?}");
        let t = "โทร. ๐ ๒๕๔๗ ๔๖๒๑ หรือ 02-547-4621.";
        let u = units(t);
        assert!(u.contains(&"๐ ๒๕๔๗ ๔๖๒๑") && u.contains(&"02-547-4621"), "{u:?}");
        assert!(units("ไตรมาส 1 (ต.ค.–ธ.ค.)").contains(&"ต.ค.–ธ.ค."));
        let t = "ณ วันที่ 30 ก.ย. 66 และเดือนมีนาคม พ.ศ. 2567";
        let u = units(t);
        assert!(u.contains(&"30 ก.ย. 66") && u.contains(&"มีนาคม พ.ศ. 2567"), "{u:?}");
    }

    /// The one date pattern finds what the three it replaced found: a day,
    /// month and year; a month and a four-digit year; a day and a month.
    #[test]
    fn one_date_pattern_finds_what_three_did() {
        let old = with_regex(&unit_patterns::dates_as_three());
        let new = regex::Regex::new(&unit_patterns::dates()).unwrap();
        let union = |text: &str, res: &[&regex::Regex]| {
            merged(
                res.iter()
                    .flat_map(|r| r.find_iter(text).map(|m| (m.start(), m.end())))
                    .collect(),
            )
        };
        let months = ["มกราคม", "ก.ย.", "ธันวาคม", "มี.ค."];
        let days = ["", "9 ", "30  ", "๑๕ ", "123 "];
        let years = ["", " 2566", " พ.ศ. 2566", "พ.ศ.๒๕๖๗", " 66", " 6", " 25666", " พ.ศ. "];
        let mut checked = 0;
        for m in months {
            for d in days {
                for y in years {
                    for text in [format!("{d}{m}{y}"), format!("วันที่ {d}{m}{y} และ {d}{m}{y}.")] {
                        assert_eq!(
                            union(&text, &[&new]),
                            union(&text, &old.iter().collect::<Vec<_>>()),
                            "{text}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 320);
        assert_eq!(union("9 พฤษภาคม 2566", &[&new]), [(0, "9 พฤษภาคม 2566".len())]);
    }

    /// The DFAs `build.rs` wrote find, in any text, the matches `regex`
    /// finds with the same patterns: texts strung together from the pieces
    /// units are made of, and from the pieces that end or break them.
    #[test]
    fn the_compiled_patterns_find_what_regex_finds() {
        let reference = with_regex(&unit_patterns::patterns());
        let pieces: Vec<&str> = "9|30|๑๕|2566|๒๕๖๗|66|0|๐|02|101,346,250.00|0701.08/ว24|7440-001-0001/62|\
            ที่|พณ|ว| |  |-|–|.|,|/|:|_|พ.ศ.|มกราคม|พฤษภาคม|ก.ย.|ต.ค.|มี.ค.|ธ.ค.|นาย|นางสาว|ดร.|ว่าที่ ร.ต.|\
            สมหญิง|นายก|การ|ราคา|abc|A|x1|(|)|\n|๛|ๆ|é"
            .split('|')
            .collect();
        // A fixed sequence (xorshift), so that a failure names one text.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut matches = 0;
        for _ in 0..4_000 {
            let len = 1 + next(12);
            let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
            for (i, (dfa, re)) in PATTERNS.iter().zip(&reference).enumerate() {
                let ours: Vec<_> = dfa.find_iter(text.as_bytes()).map(|m| m.range()).collect();
                let theirs: Vec<_> = re.find_iter(&text).map(|m| m.range()).collect();
                assert_eq!(ours, theirs, "pattern {i} in {text:?}");
                matches += ours.len();
            }
        }
        assert!(matches > 4_000, "the texts hold units: {matches}");
    }

    #[test]
    fn a_title_holds_its_name_but_not_a_longer_word() {
        let u = units("ผู้ยืม นางสาวสมหญิง รักดี");
        assert!(u.contains(&"นางสาวสมหญิง"), "{u:?}");
        assert!(units("การประชุมของนายกสมาคมทั้งหมดนี้ยาวมากเกินกว่าชื่อคนจะเป็นได้แน่นอน").is_empty());
    }

    #[test]
    fn a_sentence_stop_is_not_part_of_a_unit() {
        assert_eq!(units("ปี 2566."), ["2566"]);
    }
}
