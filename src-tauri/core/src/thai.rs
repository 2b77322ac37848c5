//! Thai text conventions: digits, Buddhist Era years, fiscal years.
//!
//! Stored text always has Arabic digits; [`to_storage`] maps Thai digits
//! (๐–๙) on the way in and [`to_display`] maps them back on the way out,
//! leaving links and e-mail addresses alone (a URL with Thai digits is a
//! different URL).

use chrono::NaiveDate;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

strum_names!(Digits);

/// How digits are shown. Stored text always uses Arabic digits.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumString,
)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Digits {
    #[default]
    Thai,
    Arabic,
}

/// BE = CE + 543.
pub const BE_OFFSET: i32 = 543;

const THAI_ZERO: u32 = '๐' as u32;

/// The Thai digits ๐–๙, zero first (what the UI shows numbers with).
pub const THAI_DIGITS: [char; 10] = ['๐', '๑', '๒', '๓', '๔', '๕', '๖', '๗', '๘', '๙'];

/// Thai digits to Arabic digits; everything else unchanged.
pub fn to_storage(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - THAI_ZERO) as u8),
            _ => c,
        })
        .collect()
}

fn arabic_to_thai(text: &str, out: &mut String) {
    out.extend(text.chars().map(|c| match c {
        '0'..='9' => THAI_DIGITS[(c as u32 - '0' as u32) as usize],
        _ => c,
    }));
}

/// Stored text as the reader sees it. With [`Digits::Thai`], Arabic digits
/// become Thai except inside URLs and e-mail addresses.
pub fn to_display(text: &str, digits: Digits) -> String {
    match digits {
        Digits::Arabic => text.to_owned(),
        Digits::Thai => {
            let mut out = String::with_capacity(text.len() + text.len() / 2);
            let mut last = 0;
            for link in linkify::LinkFinder::new().links(text) {
                arabic_to_thai(&text[last..link.start()], &mut out);
                out.push_str(link.as_str());
                last = link.end();
            }
            arabic_to_thai(&text[last..], &mut out);
            out
        }
    }
}

/// A number as the reader sees it.
pub fn number_display(n: impl std::fmt::Display, digits: Digits) -> String {
    to_display(&n.to_string(), digits)
}

/// The months, January first.
pub const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// The fiscal year's months, abbreviated, October first.
pub const FISCAL_MONTHS_SHORT: [&str; 12] = [
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
];

/// A date as Thai documents write it: "5 เมษายน 2566" (BE year), in the
/// chosen digits.
pub fn date_long(date: NaiveDate, digits: Digits) -> String {
    use chrono::Datelike;
    let s = format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year() + BE_OFFSET
    );
    to_display(&s, digits)
}

/// A year as typed in a form: a Buddhist Era year, a Christian-era year
/// with the BE year it likely meant, or no year at all. The one place the
/// BE/CE rule lives; the UI asks for it (`read_year`), never repeats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum YearReading {
    Be { year_be: i32 },
    LooksCe { meant: i32 },
    OutOfRange { year: i32 },
    NotAYear,
}

/// Reads a typed year (Thai or Arabic digits).
pub fn read_year(text: &str) -> YearReading {
    match to_storage(text.trim()).parse::<i32>() {
        Ok(y) => classify_year(y),
        Err(_) => YearReading::NotAYear,
    }
}

fn classify_year(year: i32) -> YearReading {
    if (2400..=2800).contains(&year) {
        YearReading::Be { year_be: year }
    } else if (1857..=2257).contains(&year) {
        YearReading::LooksCe {
            meant: year + BE_OFFSET,
        }
    } else {
        YearReading::OutOfRange { year }
    }
}

/// Checks that `year_be` is a plausible Buddhist Era year. A CE year typed by
/// mistake (2023 for 2566) is refused with a hint.
pub fn check_year_be(year_be: i32) -> Result<i32> {
    match classify_year(year_be) {
        YearReading::Be { year_be } => Ok(year_be),
        YearReading::LooksCe { meant } => Err(Refusal::ChristianEraYear { year: year_be, meant }.into()),
        _ => Err(Refusal::NotABuddhistEraYear { year: year_be }.into()),
    }
}

/// First and last day of a fiscal year: 1 October of the previous year to
/// 30 September, named by its BE end year.
pub fn fiscal_year_bounds(year_be: i32) -> Result<(NaiveDate, NaiveDate)> {
    let ce = check_year_be(year_be)? - BE_OFFSET;
    let start = NaiveDate::from_ymd_opt(ce - 1, 10, 1);
    let end = NaiveDate::from_ymd_opt(ce, 9, 30);
    match (start, end) {
        (Some(s), Some(e)) => Ok((s, e)),
        _ => Err(Refusal::NotABuddhistEraYear { year: year_be }.into()),
    }
}

/// The fiscal year (BE) a Gregorian date falls in.
/// The day it was in Thailand (UTC+7, no daylight saving) at `t`: a change
/// made at 01:00 in Bangkok is dated that day, not the UTC day before.
pub fn day_in_thailand(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    let thailand = chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    t.with_timezone(&thailand).date_naive()
}

pub fn fiscal_year_of(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    let ce = if date.month() >= 10 {
        date.year() + 1
    } else {
        date.year()
    };
    ce + BE_OFFSET
}

/// Thai month abbreviations, January first (ม.ค. … ธ.ค.).
pub const MONTHS_SHORT: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// A date as a Thai user types it, with a Buddhist Era year: "5/4/2566",
/// "5 เมษายน 2566", "๕ เม.ย. ๒๕๖๖", or ISO with a BE year "2566-04-05".
/// A Christian-era year (2023) is refused with the BE year it likely meant.
pub fn parse_be_date(text: &str) -> Result<NaiveDate> {
    let t = to_storage(text.trim());
    let bad = || {
        CoreError::from(Refusal::NotADate {
            text: text.trim().to_owned(),
        })
    };
    let parts: Vec<&str> = if t.contains('/') {
        t.split('/').map(str::trim).collect()
    } else if t.contains('-') && !t.contains(' ') {
        let mut p: Vec<&str> = t.split('-').collect();
        p.reverse();
        p
    } else {
        t.split_whitespace().collect()
    };
    let [day, month, year] = parts.as_slice() else {
        return Err(bad());
    };
    let day: u32 = day.parse().map_err(|_| bad())?;
    let month: u32 = match month.parse::<u32>() {
        Ok(m) => m,
        Err(_) => MONTHS
            .iter()
            .position(|m| m == month)
            .or_else(|| {
                MONTHS_SHORT
                    .iter()
                    .position(|m| m == month || m.replace('.', "") == *month)
            })
            .map(|i| i as u32 + 1)
            .ok_or_else(bad)?,
    };
    let year: i32 = year.trim_start_matches("พ.ศ.").trim().parse().map_err(|_| bad())?;
    let year_be = check_year_be(year)?;
    NaiveDate::from_ymd_opt(year_be - BE_OFFSET, month, day)
        .ok_or_else(|| Refusal::NotACalendarDay { day, month, year_be }.into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_change_after_midnight_in_bangkok_is_dated_that_day() {
        let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // 01:00 on 1 October 2023 in Bangkok: the new fiscal year 2567.
        assert_eq!(super::day_in_thailand(at("2023-09-30T18:00:00Z")), day(2023, 10, 1));
        assert_eq!(super::day_in_thailand(at("2023-09-30T16:59:59Z")), day(2023, 9, 30));
    }

    use super::*;

    #[test]
    fn be_dates_parse_and_ce_years_are_refused() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 5).unwrap();
        for text in [
            "5/4/2566",
            "05/04/2566",
            "5 เมษายน 2566",
            "๕ เม.ย. ๒๕๖๖",
            "5 เมย 2566",
            "2566-04-05",
        ] {
            assert_eq!(parse_be_date(text).unwrap(), d, "{text}");
        }
        let e = parse_be_date("5/4/2023").unwrap_err().to_string();
        assert!(e.contains("Christian-era") && e.contains("2566"), "{e}");
        assert!(
            parse_be_date("31/2/2566")
                .unwrap_err()
                .to_string()
                .contains("not a day")
        );
        assert!(parse_be_date("yesterday").is_err());
        assert!(parse_be_date("5 Smarch 2566").is_err());
    }

    #[test]
    fn digits_round_trip_outside_links() {
        let stored = to_storage("ที่ พณ ๐๗๐๑.๐๘/ว๒๔ ลงวันที่ ๕ เมษายน ๒๕๖๖");
        assert_eq!(stored, "ที่ พณ 0701.08/ว24 ลงวันที่ 5 เมษายน 2566");
        assert_eq!(
            to_display(&stored, Digits::Thai),
            "ที่ พณ ๐๗๐๑.๐๘/ว๒๔ ลงวันที่ ๕ เมษายน ๒๕๖๖"
        );
        assert_eq!(to_display(&stored, Digits::Arabic), stored);
    }

    #[test]
    fn links_and_emails_keep_their_digits() {
        let s = "ดูที่ https://www.ipthailand.go.th/th/ผลการดำเนินงาน/item/report_dip_2566.html \
                 หรือ fin1@ipthailand.go.th โทร. 1139";
        let shown = to_display(s, Digits::Thai);
        assert!(shown.contains("https://www.ipthailand.go.th/th/ผลการดำเนินงาน/item/report_dip_2566.html"));
        assert!(shown.contains("fin1@ipthailand.go.th"));
        assert!(shown.ends_with("โทร. ๑๑๓๙"));
    }

    #[test]
    fn fiscal_year_runs_october_to_september() {
        let (s, e) = fiscal_year_bounds(2566).unwrap();
        assert_eq!(s, NaiveDate::from_ymd_opt(2022, 10, 1).unwrap());
        assert_eq!(e, NaiveDate::from_ymd_opt(2023, 9, 30).unwrap());
        assert_eq!(fiscal_year_of(s), 2566);
        assert_eq!(fiscal_year_of(e), 2566);
        assert_eq!(fiscal_year_of(NaiveDate::from_ymd_opt(2023, 10, 1).unwrap()), 2567);
    }

    #[test]
    fn dates_are_written_in_thai_with_the_buddhist_era() {
        let d = NaiveDate::from_ymd_opt(2023, 4, 5).unwrap();
        assert_eq!(date_long(d, Digits::Thai), "๕ เมษายน ๒๕๖๖");
        assert_eq!(date_long(d, Digits::Arabic), "5 เมษายน 2566");
        let d = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        assert_eq!(date_long(d, Digits::Arabic), "31 ธันวาคม 2565");
    }

    #[test]
    fn ce_year_is_refused_with_a_hint() {
        let err = check_year_be(2023).unwrap_err().to_string();
        assert!(err.contains("2566"), "{err}");
        assert!(check_year_be(66).is_err());
        assert_eq!(check_year_be(2566).unwrap(), 2566);
    }
}
