//! Units a line never splits, found with `regex` in the text as printed
//! (Arabic or Thai digits):
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

use regex::Regex;

const DIGIT: &str = "[0-9๐-๙]";
const MONTHS: &str = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม\
    |ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\.";
const TITLES: &str = "นางสาว|นาง|นาย|ดร\\.|ว่าที่ร้อยตรี|ว่าที่ร้อยโท|ว่าที่ร้อยเอก|ว่าที่ ร\\.ต\\.";

/// A number, with letters only where a document or asset number has them
/// (`ว24` after a slash, a prefix of up to three letters).
fn number() -> String {
    format!("(?:[A-Za-zก-ฮ]{{1,3}})?{DIGIT}+(?:[.,:/_-](?:[A-Za-zก-ฮ]{{0,3}}{DIGIT}+|[A-Za-z]+))*")
}

/// A date is one unit: a day and a month, with the year if one follows
/// (`9 พฤษภาคม 2566`, `30 ก.ย. 66`, `9 พฤษภาคม`), or a month and a year of
/// four digits (`มีนาคม พ.ศ. 2567`). One pattern, not one for each form:
/// the month names make each pattern costly to compile, and every process
/// that prints compiles them.
fn dates() -> String {
    let year = format!(" *(?:พ\\.ศ\\. *)?{DIGIT}");
    format!("{DIGIT}{{1,2}} +(?:{MONTHS})(?:{year}{{2,4}})?|(?:{MONTHS}){year}{{4}}")
}

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let num = number();
    [
        dates(),
        // A range of months: ต.ค.–ธ.ค.
        format!("(?:{MONTHS}) *[–-] *(?:{MONTHS})"),
        // A document number: ที่, the department's letters, the number.
        format!("(?:ที่ +)?[ก-ฮ]{{2,4}} +{DIGIT}+(?:\\.{DIGIT}+)*/[ก-ฮ]{{0,2}}{DIGIT}+"),
        // A phone number: a leading zero and groups of digits.
        format!("[0๐]{DIGIT}{{0,3}}(?:[ -]{DIGIT}{{3,4}}){{1,2}}"),
        // A title and the name after it (up to the next space).
        format!("(?:{TITLES}) ?[ก-๛]+"),
        num,
    ]
    .iter()
    .map(|p| Regex::new(p).expect("the unit patterns compile"))
    .collect()
});

/// Indices in [`PATTERNS`] of the units with a condition of their own.
const MONTH_RANGE: usize = 1;
const DOCUMENT_NUMBER: usize = 2;
const PHONE: usize = 3;
const TITLE: usize = 4;

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
        for m in re.find_iter(text) {
            // A number does not end on the sentence's full stop or comma
            // (an abbreviation keeps its dot: ก.ย.).
            let trimmed = m.as_str().trim_end_matches(['.', ',', ':', '-', '/', '_']);
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
        let old: Vec<Regex> = [
            format!("{DIGIT}{{1,2}} +(?:{MONTHS}) *(?:พ\\.ศ\\. *)?{DIGIT}{{2,4}}"),
            format!("(?:{MONTHS}) *(?:พ\\.ศ\\. *)?{DIGIT}{{4}}"),
            format!("{DIGIT}{{1,2}} +(?:{MONTHS})"),
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect();
        let new = Regex::new(&dates()).unwrap();
        let union = |text: &str, res: &[&Regex]| {
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
