//! The ITAS answer sheet: for every item of a round, มี/ไม่มี, the URL on
//! the agency's own website and the explanation, as the agency types them
//! into ITAS, with each URL's check. Written as a workbook here and as a
//! PDF by `documents::ita`.

use rust_xlsxwriter::{Format, FormatAlign, Workbook};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::links::{LinkCheck, LinkProblem, Online};
use super::{Round, TrackStatus};
use crate::error::Result;
use crate::xlsx::fail;

/// One item's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Answer {
    pub code: String,
    pub title: String,
    /// The fiscal year (BE) the item asks for.
    pub fiscal_year: i32,
    /// มี: the tracker has the item as published.
    pub has: bool,
    pub url: String,
    pub explanation: String,
    pub check: LinkCheck,
}

/// The answers of `round`, their URLs checked offline against `domains`
/// (an item not yet published is answered ไม่มี and its URL not required).
pub fn answers(round: &Round, domains: &[String]) -> Vec<Answer> {
    round
        .items
        .iter()
        .map(|i| {
            let has = i.track.status == TrackStatus::Published;
            let url = i.track.url.trim().to_owned();
            // Not published and no URL: nothing to check.
            let check = if has || !url.is_empty() {
                LinkCheck::offline(&i.item.code, &url, domains)
            } else {
                LinkCheck {
                    code: i.item.code.clone(),
                    url: String::new(),
                    problems: Vec::new(),
                    online: Online::NotChecked,
                    ok: true,
                }
            };
            Answer {
                code: i.item.code.clone(),
                title: i.item.title.clone(),
                fiscal_year: i.fiscal_year,
                has,
                url,
                explanation: i.track.explanation.clone(),
                check,
            }
        })
        .collect()
}

/// A check's result in Thai, for the sheet and the PDF ("" when fine).
pub fn check_words(check: &LinkCheck) -> String {
    let mut words: Vec<String> = check
        .problems
        .iter()
        .map(|p| match p {
            LinkProblem::Missing => "ตอบ \"มี\" แต่ไม่มี URL".to_owned(),
            LinkProblem::Malformed { .. } => "URL ไม่ถูกรูปแบบ".to_owned(),
            LinkProblem::NotHttps => "ไม่ใช่ https".to_owned(),
            LinkProblem::ForeignDomain { host } => format!("อยู่นอกเว็บไซต์หลักของหน่วยงาน ({host})"),
        })
        .collect();
    match &check.online {
        Online::NotChecked | Online::Answered { .. } => {}
        Online::Redirected { to, .. } => words.push(format!("เปลี่ยนเส้นทางไป {to}")),
        Online::ErrorPage { to, .. } => words.push(format!("เปลี่ยนเส้นทางไปหน้าข้อผิดพลาด {to}")),
        Online::Failed { status: Some(s), .. } => words.push(format!("เปิดไม่ได้ (HTTP {s})")),
        Online::Failed { status: None, .. } => words.push("เปิดไม่ได้ (ไม่มีการตอบกลับ)".to_owned()),
    }
    words.join("; ")
}

/// The answer sheet as an XLSX workbook: a title row, the header, one row
/// per item; printed on A4 landscape with the header repeated.
pub fn workbook(year_be: i32, org_name: &str, answers: &[Answer]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let sheet = book.add_worksheet().set_name(format!("ITA {year_be}")).map_err(fail)?;
    sheet
        .write_with_format(
            0,
            0,
            format!("แบบตอบ ITAS ข้อมูลพื้นฐาน (OIT) ITA {year_be} {org_name}"),
            &bold,
        )
        .map_err(fail)?;
    let headers = [
        "ข้อ",
        "หัวข้อ",
        "ปีงบประมาณของข้อมูล",
        "มี/ไม่มี",
        "URL",
        "คำอธิบายเพิ่มเติม",
        "ผลการตรวจ URL",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(1, c as u16, *h, &bold).map_err(fail)?;
    }
    for (i, a) in answers.iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write(r, 0, &a.code).map_err(fail)?;
        sheet.write_with_format(r, 1, &a.title, &wrap).map_err(fail)?;
        sheet.write(r, 2, a.fiscal_year).map_err(fail)?;
        sheet.write(r, 3, if a.has { "มี" } else { "ไม่มี" }).map_err(fail)?;
        if a.url.is_empty() {
            sheet.write(r, 4, "").map_err(fail)?;
        } else if url::Url::parse(&a.url).is_err()
            || sheet
                .write_url(r, 4, rust_xlsxwriter::Url::new(a.url.as_str()))
                .is_err()
        {
            // Not a link Excel takes (malformed, or over its length): the text.
            sheet.write(r, 4, &a.url).map_err(fail)?;
        }
        sheet.write_with_format(r, 5, &a.explanation, &wrap).map_err(fail)?;
        sheet.write(r, 6, check_words(&a.check)).map_err(fail)?;
    }
    crate::xlsx::set_up(sheet, 2, true)?;
    sheet.set_column_width(1, 48).map_err(fail)?;
    sheet.set_column_width(4, 50).map_err(fail)?;
    sheet.set_column_width(5, 40).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}
