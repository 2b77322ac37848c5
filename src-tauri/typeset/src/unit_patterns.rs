//! The patterns of the units a line never splits ([`crate::units`]), as
//! text. `build.rs` compiles them into DFAs the library loads; the
//! library's tests compile them again with `regex`.
#![cfg_attr(not(test), allow(dead_code))]

const DIGIT: &str = "[0-9๐-๙]";
const MONTHS: &str = "มกราคม|กุมภาพันธ์|มีนาคม|เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตุลาคม|พฤศจิกายน|ธันวาคม\
    |ม\\.ค\\.|ก\\.พ\\.|มี\\.ค\\.|เม\\.ย\\.|พ\\.ค\\.|มิ\\.ย\\.|ก\\.ค\\.|ส\\.ค\\.|ก\\.ย\\.|ต\\.ค\\.|พ\\.ย\\.|ธ\\.ค\\.";
const TITLES: &str = "นางสาว|นาง|นาย|ดร\\.|ว่าที่ร้อยตรี|ว่าที่ร้อยโท|ว่าที่ร้อยเอก|ว่าที่ ร\\.ต\\.";

/// How many patterns there are, and the indices in [`patterns`] of the
/// units with a condition of their own.
pub const COUNT: usize = 6;
pub const MONTH_RANGE: usize = 1;
pub const DOCUMENT_NUMBER: usize = 2;
pub const PHONE: usize = 3;
pub const TITLE: usize = 4;

/// A number, with letters only where a document or asset number has them
/// (`ว24` after a slash, a prefix of up to three letters).
fn number() -> String {
    format!("(?:[A-Za-zก-ฮ]{{1,3}})?{DIGIT}+(?:[.,:/_-](?:[A-Za-zก-ฮ]{{0,3}}{DIGIT}+|[A-Za-z]+))*")
}

/// A date is one unit: a day and a month, with the year if one follows
/// (`9 พฤษภาคม 2566`, `30 ก.ย. 66`, `9 พฤษภาคม`), or a month and a year of
/// four digits (`มีนาคม พ.ศ. 2567`). One pattern, not one for each form.
pub fn dates() -> String {
    let year = format!(" *(?:พ\\.ศ\\. *)?{DIGIT}");
    format!("{DIGIT}{{1,2}} +(?:{MONTHS})(?:{year}{{2,4}})?|(?:{MONTHS}){year}{{4}}")
}

/// Every pattern, in the order of the indices above.
pub fn patterns() -> [String; COUNT] {
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
        number(),
    ]
}

/// The old date patterns, for the test that the one above finds what they did.
#[cfg(test)]
pub fn dates_as_three() -> [String; 3] {
    [
        format!("{DIGIT}{{1,2}} +(?:{MONTHS}) *(?:พ\\.ศ\\. *)?{DIGIT}{{2,4}}"),
        format!("(?:{MONTHS}) *(?:พ\\.ศ\\. *)?{DIGIT}{{4}}"),
        format!("{DIGIT}{{1,2}} +(?:{MONTHS})"),
    ]
}
