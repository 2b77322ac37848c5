//! A year's headings as typed, and as printed: placeholders filled with the
//! organization's name, its ministry and the year.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a year prints above and around its table, as the user typed it.
/// `{หน่วยงาน}`, `{กระทรวง}` and `{ปี}` stand for the organization's Thai
/// name, its ministry and the fiscal year, filled in when the year is shown
/// or printed ([`Headings::fill`]): a renamed organization prints its new
/// name, and no agency prints another's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    pub title: Vec<String>,
    pub heading: Vec<String>,
    pub part1_heading: String,
    pub part2_heading: String,
    /// The table's four column headings; empty: [`COLUMNS`].
    #[serde(default)]
    pub columns: Vec<String>,
}

/// The table's standard column headings.
pub const COLUMNS: [&str; 4] = ["มาตรการ", "กิจกรรม/แนวทาง", "ผลการดำเนินการ", "หมายเหตุ"];

/// What a heading may say instead of the organization's Thai name, its
/// ministry and the fiscal year (BE), in that order.
pub const PLACEHOLDERS: [&str; 3] = ["{หน่วยงาน}", "{กระทรวง}", "{ปี}"];

/// A year's own column headings are all four or none (the standard ones).
pub fn check_columns(columns: &[String]) -> crate::error::Result<()> {
    if columns.is_empty() || columns.len() == COLUMNS.len() {
        return Ok(());
    }
    Err(crate::refusal::Refusal::ColumnCount { columns: COLUMNS.len() }.into())
}

impl Headings {
    /// The headings of a new agency's year, as the NACC's O-items word
    /// them, with the agency's name and the year as placeholders.
    pub fn standard() -> Headings {
        let year = "ประจำปีงบประมาณ พ.ศ. {ปี}".to_owned();
        Headings {
            title: vec![
                "รายงานผลการดำเนินการ".into(),
                "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".into(),
                year.clone(),
            ],
            heading: vec![
                "รายการผลการดำเนินการตามแผนปฏิบัติการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".into(),
                "ภายใต้มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {หน่วยงาน}".into(),
                year,
            ],
            part1_heading: "ส่วนที่ 1 มาตรการ กิจกรรม/แนวทางส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน และผลการดำเนินการ".into(),
            part2_heading: "ส่วนที่ 2 ผลลัพธ์หรือความสำเร็จของการดำเนินงาน".into(),
            columns: Vec::new(),
        }
    }

    /// The headings of a report filed under an ITA item: the item's title
    /// as the title, its fiscal year made the `{ปี}` placeholder on a line
    /// of its own ("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม… ปีงบประมาณ
    /// พ.ศ. 2568" under ITA 2569), the rest as `self`.
    pub fn following_item(&self, item_title: &str) -> Headings {
        let title = item_title.trim();
        let (name, year_line) = match title.find("ปีงบประมาณ") {
            Some(at) if at > 0 => {
                let (name, year) = title.split_at(at);
                let year = year.trim_end_matches(|c: char| c.is_ascii_digit() || ('๐'..='๙').contains(&c));
                (name.trim(), format!("{}{}", year, PLACEHOLDERS[2]))
            }
            _ => (title, "ประจำปีงบประมาณ พ.ศ. {ปี}".to_owned()),
        };
        Headings {
            title: vec![name.to_owned(), year_line],
            ..self.clone()
        }
    }

    /// The headings as printed for `year_be` of the organization named
    /// `name_th` in `ministry`: placeholders filled, the standard columns
    /// where none are set.
    pub fn fill(&self, name_th: &str, ministry: &str, year_be: i32) -> Headings {
        let year = year_be.to_string();
        let fill = |s: &String| {
            s.replace(PLACEHOLDERS[0], name_th)
                .replace(PLACEHOLDERS[1], ministry)
                .replace(PLACEHOLDERS[2], &year)
        };
        let columns = if self.columns.is_empty() {
            COLUMNS.iter().map(|c| (*c).to_owned()).collect()
        } else {
            self.columns.iter().map(fill).collect()
        };
        Headings {
            title: self.title.iter().map(fill).collect(),
            heading: self.heading.iter().map(fill).collect(),
            part1_heading: fill(&self.part1_heading),
            part2_heading: fill(&self.part2_heading),
            columns,
        }
    }
}
