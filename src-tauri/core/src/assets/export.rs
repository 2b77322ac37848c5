//! The register and the loan book as an XLSX workbook: sheet "ทะเบียนครุภัณฑ์"
//! in the app's own column names (so the file imports back as it is), with
//! accumulated depreciation and book value as of a day; sheet "สมุดยืมพัสดุ"
//! with every loan, in Thai words. Dates are date cells shown in BE; both
//! sheets print on A4 (`crate::xlsx`).

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::import::FIELDS;
use super::{AssetDoc, Loan, ReturnCondition, Settlement, depreciation};
use crate::error::{CoreError, Result};

fn xlsx(e: XlsxError) -> CoreError {
    crate::xlsx::fail(e)
}

fn be(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}/{}/{}", d.day(), d.month(), d.year() + crate::thai::BE_OFFSET)
}

pub fn to_xlsx(register: &[AssetDoc], loans: &[Loan], as_of: chrono::NaiveDate) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let date = crate::xlsx::date_format();

    let sheet = book.add_worksheet().set_name("ทะเบียนครุภัณฑ์").map_err(xlsx)?;
    let mut headers: Vec<String> = FIELDS.iter().map(|(_, _, th)| (*th).to_owned()).collect();
    headers.push(format!("{} ณ {}", super::import::DERIVED[0], be(as_of)));
    headers.push(format!("{} ณ {}", super::import::DERIVED[1], be(as_of)));
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(0, c as u16, h.as_str(), &bold).map_err(xlsx)?;
    }
    for (r, a) in register.iter().enumerate() {
        let r = r as u32 + 1;
        let dep = depreciation(a, as_of);
        let texts = [
            a.number.clone(),
            a.name.clone(),
            a.category.clone(),
            a.brand.clone(),
            a.model.clone(),
            a.serial.clone(),
        ];
        for (c, t) in texts.iter().enumerate() {
            sheet.write(r, c as u16, t.as_str()).map_err(xlsx)?;
        }
        crate::xlsx::write_date(sheet, r, 6, a.acquired_on, &date)?;
        sheet.write(r, 7, a.method.as_str()).map_err(xlsx)?;
        sheet
            .write_with_format(r, 8, a.price.to_f64().unwrap_or(0.0), &money)
            .map_err(xlsx)?;
        if let Some(y) = a.budget_year {
            sheet.write(r, 9, y).map_err(xlsx)?;
        }
        for (c, t) in [
            (10, a.funding.as_str()),
            (11, a.location.as_str()),
            (12, a.division.as_str()),
            (13, a.status.thai()),
        ] {
            sheet.write(r, c, t).map_err(xlsx)?;
        }
        sheet.write(r, 14, a.useful_life).map_err(xlsx)?;
        sheet.write(r, 15, a.note.as_str()).map_err(xlsx)?;
        sheet
            .write_with_format(r, 16, dep.accumulated.to_f64().unwrap_or(0.0), &money)
            .map_err(xlsx)?;
        sheet
            .write_with_format(r, 17, dep.book_value.to_f64().unwrap_or(0.0), &money)
            .map_err(xlsx)?;
    }
    crate::xlsx::set_up(sheet, 1, true)?;

    let sheet = book.add_worksheet().set_name("สมุดยืมพัสดุ").map_err(xlsx)?;
    let headers = [
        "เลขที่",
        "เลขครุภัณฑ์",
        "รายการ",
        "ผู้ยืม",
        "ตำแหน่ง",
        "หน่วยงาน",
        "วัตถุประสงค์",
        "นอกสถานที่",
        "วันที่ยืม",
        "กำหนดคืน",
        "สถานะ",
        "ผู้อนุมัติ",
        "ส่งมอบเมื่อ",
        "คืนเมื่อ",
        "สภาพเมื่อคืน",
        "การชดใช้",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_with_format(0, c as u16, *h, &bold).map_err(xlsx)?;
    }
    for (r, l) in loans.iter().enumerate() {
        let r = r as u32 + 1;
        let q = &l.request;
        sheet.write(r, 0, l.id).map_err(xlsx)?;
        let texts = [
            (1, l.asset_number()),
            (2, l.asset_name.as_str()),
            (3, q.borrower.as_str()),
            (4, q.position.as_str()),
            (5, q.division.as_str()),
            (6, q.purpose.as_str()),
            (7, if q.outside { "ใช่" } else { "ไม่ใช่" }),
            (10, l.state.thai()),
            (11, l.decided_by.as_str()),
            (14, l.return_condition.map_or("", ReturnCondition::thai)),
            (15, l.settlement.map_or("", Settlement::thai)),
        ];
        for (c, t) in texts {
            sheet.write(r, c, t).map_err(xlsx)?;
        }
        for (c, d) in [
            (8, Some(q.borrow_on)),
            (9, Some(q.due_on)),
            (12, l.handed_over_on),
            (13, l.returned_on),
        ] {
            if let Some(d) = d {
                crate::xlsx::write_date(sheet, r, c, d, &date)?;
            }
        }
    }
    crate::xlsx::set_up(sheet, 1, true)?;
    book.save_to_buffer().map_err(xlsx)
}
