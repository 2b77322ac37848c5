//! The budget as an XLSX workbook: the lines (with formulas for what the app
//! derives, and their results stored so any viewer shows them) and the
//! monitoring report. Amounts are written as numbers with two decimals;
//! a workbook read back gives the app's figures to the satang.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

use crate::budget::{BudgetDoc, MonitorRow, Monitoring};
use crate::error::{CoreError, Result};

fn xlsx(e: XlsxError) -> CoreError {
    crate::xlsx::fail(e)
}

/// Excel's number for an amount (a double: exact to the satang up to
/// 15 significant digits, i.e. below a trillion baht).
fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Column letter of a zero-based index (A, B, …, Z, AA, …).
fn col(mut i: u16) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (i % 26) as u8));
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s
}

use crate::thai::FISCAL_MONTHS_SHORT as MONTHS;

/// The workbook: sheet "งบประมาณ" (lines, monthly disbursement) and sheet
/// "รายงานติดตาม" (the monitoring report through `monitoring.through_month`).
pub fn to_xlsx(doc: &BudgetDoc, monitoring: &Monitoring) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let money = Format::new().set_num_format("#,##0.00");
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("งบประมาณ").map_err(xlsx)?;
    let mut headers: Vec<String> = [
        "หน่วยงาน",
        "งบรายจ่าย",
        "รายการ",
        "แผนงาน/ผลผลิต/โครงการ",
        "แหล่งเงิน",
        "งบประมาณที่ได้รับจัดสรร",
        "โอนเข้า",
        "โอนออก",
        "คงเหลือหลังโอน",
    ]
    .map(String::from)
    .to_vec();
    headers.extend(MONTHS.iter().map(|m| format!("เบิกจ่าย {m}")));
    headers.push("เบิกจ่ายรวม".into());
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx)?;
    }
    for (i, l) in doc.lines.iter().enumerate() {
        let r = i as u32 + 1;
        let excel_row = r + 1;
        sheet.write_string(r, 0, &l.division).map_err(xlsx)?;
        sheet.write_string(r, 1, l.category.thai()).map_err(xlsx)?;
        sheet
            .write_string(r, 2, l.item.map_or("", |i| i.thai()))
            .map_err(xlsx)?;
        sheet.write_string(r, 3, &l.plan).map_err(xlsx)?;
        sheet.write_string(r, 4, &l.source).map_err(xlsx)?;
        for (c, v) in [(5u16, l.allocated), (6, l.transfer_in), (7, l.transfer_out)] {
            sheet.write_number_with_format(r, c, num(v), &money).map_err(xlsx)?;
        }
        let available =
            Formula::new(format!("=F{excel_row}+G{excel_row}-H{excel_row}")).set_result(l.available().to_string());
        sheet.write_formula_with_format(r, 8, available, &money).map_err(xlsx)?;
        let mut total = Decimal::ZERO;
        for m in 1..=12u8 {
            let v = l
                .months
                .iter()
                .find(|x| x.month == m)
                .map_or(Decimal::ZERO, |x| x.disbursed);
            total += v;
            sheet
                .write_number_with_format(r, 8 + u16::from(m), num(v), &money)
                .map_err(xlsx)?;
        }
        let sum =
            Formula::new(format!("=SUM({}{excel_row}:{}{excel_row})", col(9), col(20))).set_result(total.to_string());
        sheet.write_formula_with_format(r, 21, sum, &money).map_err(xlsx)?;
    }
    crate::xlsx::set_up(sheet, 1, true)?;

    let report = book.add_worksheet().set_name("รายงานติดตาม").map_err(xlsx)?;
    let head = [
        "",
        "หลังโอน",
        "แผนถึงสิ้นงวด",
        "เบิกจ่ายถึงสิ้นงวด",
        "ก่อหนี้ผูกพันคงค้าง",
        "คงเหลือ",
        "ร้อยละเบิกจ่าย",
        "เป้าหมาย (ร้อยละ)",
    ];
    report
        .write_string_with_format(
            0,
            0,
            format!(
                "ณ วันที่ {} (ไตรมาส {})",
                crate::thai::date_long(monitoring.through, crate::domain::Digits::Arabic),
                monitoring.quarter
            ),
            &bold,
        )
        .map_err(xlsx)?;
    for (c, h) in head.iter().enumerate() {
        report.write_string_with_format(1, c as u16, *h, &bold).map_err(xlsx)?;
    }
    let mut r = 2u32;
    let mut write_row = |row: &MonitorRow, r: u32| -> Result<()> {
        report.write_string(r, 0, &row.key).map_err(xlsx)?;
        for (c, v) in [
            (1u16, row.allocated),
            (2, row.planned),
            (3, row.disbursed),
            (4, row.committed),
            (5, row.remaining),
        ] {
            report.write_number_with_format(r, c, num(v), &money).map_err(xlsx)?;
        }
        if let Some(p) = row.percent_disbursed {
            report.write_number_with_format(r, 6, num(p), &money).map_err(xlsx)?;
        }
        if let Some(p) = row.target_percent {
            report.write_number_with_format(r, 7, num(p), &money).map_err(xlsx)?;
        }
        Ok(())
    };
    for row in monitoring.by_category.iter().chain(&monitoring.by_division) {
        write_row(row, r)?;
        r += 1;
    }
    write_row(&monitoring.total, r)?;
    crate::xlsx::set_up(report, 2, true)?;
    book.save_to_buffer().map_err(xlsx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::{BudgetLineDoc, Category, MonthFigures, monitor};

    #[test]
    fn column_letters() {
        assert_eq!(
            (col(0), col(25), col(26), col(27), col(701), col(702)),
            (
                "A".into(),
                "Z".into(),
                "AA".into(),
                "AB".into(),
                "ZZ".into(),
                "AAA".into()
            )
        );
    }

    #[test]
    fn the_workbook_reads_back_to_the_satang() {
        use calamine::{Data, Reader};
        let d = |s: &str| -> Decimal { s.parse().unwrap() };
        let line = |div: &str, alloc: &str, cents: i64| BudgetLineDoc {
            division: div.into(),
            category: Category::Operating,
            item: None,
            plan: String::new(),
            source: String::new(),
            allocated: d(alloc),
            transfer_in: d("0.10"),
            transfer_out: d("0.20"),
            months: (1..=12)
                .map(|m| MonthFigures {
                    month: m,
                    disbursed: Decimal::new(cents * i64::from(m), 2),
                    ..Default::default()
                })
                .collect(),
        };
        let doc = BudgetDoc {
            year_be: 2566,
            lines: vec![line("ก", "999999999.99", 3_333_333), line("ข", "0.01", 1)],
            targets: vec![],
        };
        let m = monitor(&doc, 12).unwrap();
        let bytes = to_xlsx(&doc, &m).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let lines = book.worksheet_range("งบประมาณ").unwrap();
        let cell = |r: u32, c: u32| -> Decimal {
            match lines.get_value((r, c)).unwrap() {
                Data::Float(f) => format!("{f}").parse::<Decimal>().unwrap().round_dp(2),
                other => panic!("{other:?}"),
            }
        };
        for (i, l) in doc.lines.iter().enumerate() {
            let r = i as u32 + 1;
            assert_eq!(cell(r, 5), l.allocated);
            assert_eq!(cell(r, 8), l.available(), "formula result");
            assert_eq!(cell(r, 21), l.months.iter().map(|m| m.disbursed).sum::<Decimal>());
        }
        let report = book.worksheet_range("รายงานติดตาม").unwrap();
        let total_row = report.height() as u32 - 1;
        match report.get_value((total_row, 3)).unwrap() {
            Data::Float(f) => assert_eq!(
                format!("{f}").parse::<Decimal>().unwrap().round_dp(2),
                m.total.disbursed
            ),
            other => panic!("{other:?}"),
        }
    }
}
