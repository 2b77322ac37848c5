//! Open data: a year's budget monitoring figures, the asset register and
//! the loan book as datasets in the data.go.th manner. Each dataset is a
//! CSV (UTF-8 with a BOM, so Excel opens it as Thai), the same table as
//! XLSX, and a data dictionary (field name, Thai label, type, unit); one
//! `metadata.csv` describes them all (title, description, publisher,
//! source, licence, last update).
//!
//! Field names are English without spaces; values are as stored (ISO
//! dates, plain decimals, Arabic digits), so that a machine reads them
//! without guessing; text Excel would run as a formula (`=…`, `+…`, `@…`)
//! gets a leading apostrophe in the CSV. Names of people (borrowers, who
//! approved, free text that may name someone: a loan's purpose, an asset's
//! note) are left out unless the caller asks for them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use crate::assets::{AssetDoc, Loan, ReturnCondition, Settlement, depreciation};
use crate::budget::BudgetDoc;
use crate::error::{CoreError, Result};

/// A value of a dataset's cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i64),
    Money(Decimal),
    Date(NaiveDate),
    Empty,
}

impl Value {
    fn csv(&self) -> String {
        match self {
            // A cell Excel would take as a formula gets a leading
            // apostrophe, as Excel itself writes such text.
            Value::Text(t) if t.starts_with(['=', '+', '@', '\t', '\r']) => format!("'{t}"),
            Value::Text(t) => t.clone(),
            Value::Int(i) => i.to_string(),
            Value::Money(m) => m.round_dp(2).to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Empty => String::new(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<Option<NaiveDate>> for Value {
    fn from(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Empty, Value::Date)
    }
}

/// What a field holds, as the dictionary names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Decimal,
    Date,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Decimal => "number",
            Kind::Date => "date",
        }
    }
}

/// A field of a dataset: its English name, Thai label, type and unit.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    pub unit: &'static str,
}

const fn field(name: &'static str, label: &'static str, kind: Kind, unit: &'static str) -> Field {
    Field {
        name,
        label,
        kind,
        unit,
    }
}

/// A table to publish, with what the metadata says of it.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The file stem: stable, so links to it stay valid.
    pub name: String,
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub rows: Vec<Vec<Value>>,
}

/// Who publishes, and when the records last changed.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub organization: String,
    pub contact: String,
    pub last_update: Option<NaiveDate>,
}

/// The licence data.go.th applies by default.
pub const LICENCE: &str = "Open Data Common";
const SOURCE: &str = "ทะเบียนและบันทึกของหน่วยงาน จัดทำด้วยโปรแกรมโปร่งใส (Prongsai)";

const BUDGET_FIELDS: [Field; 14] = [
    field("line_no", "ลำดับรายการ", Kind::Integer, ""),
    field("division", "หน่วยงานที่รับผิดชอบ", Kind::Text, ""),
    field("budget_category", "งบรายจ่าย", Kind::Text, ""),
    field("operating_item", "หมวดรายจ่ายของงบดำเนินงาน", Kind::Text, ""),
    field("plan", "แผนงาน/โครงการ", Kind::Text, ""),
    field("fund_source", "แหล่งเงิน", Kind::Text, ""),
    field("allocated", "งบประมาณที่ได้รับจัดสรร", Kind::Decimal, "บาท"),
    field("transfer_in", "โอนเปลี่ยนแปลงเข้า", Kind::Decimal, "บาท"),
    field("transfer_out", "โอนเปลี่ยนแปลงออก", Kind::Decimal, "บาท"),
    field("fiscal_month", "เดือนของปีงบประมาณ (1 = ตุลาคม)", Kind::Integer, "เดือน"),
    field("month_start", "วันแรกของเดือน", Kind::Date, ""),
    field("planned", "แผนการใช้จ่าย", Kind::Decimal, "บาท"),
    field("disbursed", "ผลการเบิกจ่าย", Kind::Decimal, "บาท"),
    field("committed", "ผูกพัน (PO)", Kind::Decimal, "บาท"),
];

/// The budget lines, one row per line and fiscal month.
pub fn budget_dataset(budget: &BudgetDoc, starts_on: NaiveDate) -> Dataset {
    let mut rows = Vec::new();
    for (i, line) in budget.lines.iter().enumerate() {
        for m in &line.months {
            let month_start = starts_on
                .checked_add_months(chrono::Months::new(u32::from(m.month.saturating_sub(1))))
                .unwrap_or(starts_on);
            rows.push(vec![
                Value::Int(i as i64 + 1),
                line.division.as_str().into(),
                line.category.thai().into(),
                line.item.map_or("", |it| it.thai()).into(),
                line.plan.as_str().into(),
                line.source.as_str().into(),
                Value::Money(line.allocated),
                Value::Money(line.transfer_in),
                Value::Money(line.transfer_out),
                Value::Int(i64::from(m.month)),
                Value::Date(month_start),
                Value::Money(m.planned),
                Value::Money(m.disbursed),
                Value::Money(m.committed),
            ]);
        }
    }
    let year = budget.year_be;
    Dataset {
        name: format!("budget-monitoring-{year}"),
        title: format!("แผนและผลการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {year}"),
        description: format!(
            "แผนการใช้จ่ายและผลการเบิกจ่ายงบประมาณรายเดือน จำแนกตามรายการงบประมาณ ปีงบประมาณ พ.ศ. {year} \
             ใช้ประกอบรายงานการกำกับติดตามรอบ 6 และ 12 เดือน"
        ),
        fields: BUDGET_FIELDS.to_vec(),
        rows,
    }
}

const ASSET_FIELDS: [Field; 17] = [
    field("asset_number", "เลขครุภัณฑ์", Kind::Text, ""),
    field("name", "รายการ", Kind::Text, ""),
    field("category", "ประเภท", Kind::Text, ""),
    field("brand", "ยี่ห้อ", Kind::Text, ""),
    field("model", "รุ่น", Kind::Text, ""),
    field("serial_number", "หมายเลขเครื่อง", Kind::Text, ""),
    field("acquired_on", "วันที่ได้มา", Kind::Date, ""),
    field("acquisition_method", "วิธีการได้มา", Kind::Text, ""),
    field("price", "ราคาต่อหน่วย", Kind::Decimal, "บาท"),
    field("budget_year", "ปีงบประมาณที่จัดซื้อ (พ.ศ.)", Kind::Integer, "ปี"),
    field("fund_source", "แหล่งเงิน", Kind::Text, ""),
    field("location", "สถานที่ตั้ง", Kind::Text, ""),
    field("division", "หน่วยงานที่รับผิดชอบ", Kind::Text, ""),
    field("status", "สถานะ", Kind::Text, ""),
    field("useful_life", "อายุการใช้งาน", Kind::Integer, "ปี"),
    field(
        "accumulated_depreciation",
        "ค่าเสื่อมราคาสะสม ณ วันสิ้นปีงบประมาณ",
        Kind::Decimal,
        "บาท",
    ),
    field("book_value", "มูลค่าสุทธิ ณ วันสิ้นปีงบประมาณ", Kind::Decimal, "บาท"),
];
const NOTE: Field = field("note", "หมายเหตุ", Kind::Text, "");

/// The register, with depreciation as of `as_of` (the fiscal year's last
/// day); its notes only `with_names` (they may name a custodian).
pub fn asset_dataset(register: &[AssetDoc], as_of: NaiveDate, with_names: bool) -> Dataset {
    let mut fields = ASSET_FIELDS.to_vec();
    if with_names {
        fields.push(NOTE);
    }
    let rows = register
        .iter()
        .map(|a| {
            let dep = depreciation(a, as_of);
            let mut row: Vec<Value> = vec![
                a.number.as_str().into(),
                a.name.as_str().into(),
                a.category.as_str().into(),
                a.brand.as_str().into(),
                a.model.as_str().into(),
                a.serial.as_str().into(),
                Value::Date(a.acquired_on),
                a.method.as_str().into(),
                Value::Money(a.price),
                a.budget_year.map_or(Value::Empty, |y| Value::Int(i64::from(y))),
                a.funding.as_str().into(),
                a.location.as_str().into(),
                a.division.as_str().into(),
                a.status.thai().into(),
                Value::Int(i64::from(a.useful_life)),
                Value::Money(dep.accumulated),
                Value::Money(dep.book_value),
            ];
            if with_names {
                row.push(a.note.as_str().into());
            }
            row
        })
        .collect();
    let on = crate::thai::date_long(as_of, crate::Digits::Arabic);
    Dataset {
        name: "asset-register".into(),
        title: "ทะเบียนครุภัณฑ์".into(),
        description: format!("ครุภัณฑ์ของหน่วยงานตามทะเบียนคุมทรัพย์สิน พร้อมค่าเสื่อมราคาสะสมและมูลค่าสุทธิ ณ วันที่ {on}"),
        fields,
        rows,
    }
}

const LOAN_FIELDS: [Field; 12] = [
    field("loan_no", "เลขที่การยืม", Kind::Integer, ""),
    field("asset_number", "เลขครุภัณฑ์", Kind::Text, ""),
    field("asset_name", "รายการ", Kind::Text, ""),
    field("borrower_division", "หน่วยงานผู้ยืม", Kind::Text, ""),
    field("outside_office", "นำไปใช้นอกสถานที่", Kind::Text, ""),
    field("borrow_on", "วันที่ยืม", Kind::Date, ""),
    field("due_on", "กำหนดส่งคืน", Kind::Date, ""),
    field("state", "สถานะ", Kind::Text, ""),
    field("decided_on", "วันที่อนุมัติหรือไม่อนุมัติ", Kind::Date, ""),
    field("returned_on", "วันที่ส่งคืน", Kind::Date, ""),
    field("return_condition", "สภาพเมื่อส่งคืน", Kind::Text, ""),
    field("settlement", "การชดใช้ (ข้อ 209)", Kind::Text, ""),
];
const LOAN_NAMES: [Field; 4] = [
    field("purpose", "วัตถุประสงค์ (ข้อความอิสระ อาจมีชื่อบุคคล)", Kind::Text, ""),
    field("borrower", "ผู้ยืม", Kind::Text, ""),
    field("borrower_position", "ตำแหน่งผู้ยืม", Kind::Text, ""),
    field("decided_by", "ผู้อนุมัติ", Kind::Text, ""),
];

/// The loan book; borrowers' and approvers' names, and the purpose typed
/// (free text that may name someone), only `with_names`.
pub fn loan_dataset(loans: &[Loan], with_names: bool) -> Dataset {
    let mut fields = LOAN_FIELDS.to_vec();
    if with_names {
        fields.extend(LOAN_NAMES);
    }
    let rows = loans
        .iter()
        .map(|l| {
            let q = &l.request;
            let mut row: Vec<Value> = vec![
                Value::Int(l.id),
                q.asset_number.as_str().into(),
                l.asset_name.as_str().into(),
                q.division.as_str().into(),
                (if q.outside { "ใช่" } else { "ไม่ใช่" }).into(),
                Value::Date(q.borrow_on),
                Value::Date(q.due_on),
                l.state.thai().into(),
                l.decided_on.into(),
                l.returned_on.into(),
                l.return_condition.map_or("", ReturnCondition::thai).into(),
                l.settlement.map_or("", Settlement::thai).into(),
            ];
            if with_names {
                row.extend([
                    q.purpose.as_str().into(),
                    q.borrower.as_str().into(),
                    q.position.as_str().into(),
                    l.decided_by.as_str().into(),
                ]);
            }
            row
        })
        .collect();
    Dataset {
        name: "asset-loans".into(),
        title: "ทะเบียนการยืมพัสดุ".into(),
        description: "การยืมครุภัณฑ์ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ \
                      พ.ศ. 2560 ข้อ 207–211: วันที่ยืม กำหนดส่งคืน การส่งคืนและการชดใช้"
            .into(),
        fields,
        rows,
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

fn csv_fail(e: impl std::fmt::Display) -> CoreError {
    CoreError::Io(format!("cannot write the CSV: {e}"))
}

fn write_csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    w.write_record(header).map_err(csv_fail)?;
    for row in rows {
        w.write_record(&row).map_err(csv_fail)?;
    }
    w.into_inner().map_err(csv_fail)
}

/// The dataset as CSV: the field names, then a row per record.
pub fn to_csv(d: &Dataset) -> Result<Vec<u8>> {
    let header: Vec<&str> = d.fields.iter().map(|f| f.name).collect();
    write_csv(&header, d.rows.iter().map(|r| r.iter().map(Value::csv).collect()))
}

/// The data dictionary of `d`, as CSV.
pub fn dictionary_csv(d: &Dataset) -> Result<Vec<u8>> {
    let header = ["field_name", "label_th", "type", "unit", "example"];
    let rows = d.fields.iter().enumerate().map(|(i, f)| {
        let example = d
            .rows
            .iter()
            .map(|r| r[i].csv())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        vec![
            f.name.to_owned(),
            f.label.to_owned(),
            f.kind.name().to_owned(),
            f.unit.to_owned(),
            example,
        ]
    });
    write_csv(&header, rows)
}

/// What data.go.th asks of each dataset, one row each.
pub fn metadata_csv(sets: &[Dataset], publisher: &Publisher) -> Result<Vec<u8>> {
    let header = [
        "dataset",
        "title",
        "description",
        "publisher",
        "contact",
        "source",
        "licence",
        "language",
        "last_update",
        "records",
        "files",
        "dictionary",
    ];
    let updated = publisher
        .last_update
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let rows = sets.iter().map(|d| {
        vec![
            d.name.clone(),
            d.title.clone(),
            d.description.clone(),
            publisher.organization.clone(),
            publisher.contact.clone(),
            SOURCE.to_owned(),
            LICENCE.to_owned(),
            "th".to_owned(),
            updated.clone(),
            d.rows.len().to_string(),
            format!("{0}.csv {0}.xlsx", d.name),
            format!("{}-dictionary.csv", d.name),
        ]
    });
    write_csv(&header, rows)
}

fn xlsx(e: rust_xlsxwriter::XlsxError) -> CoreError {
    crate::xlsx::fail(e)
}

/// The dataset as a workbook: the field names in the first row, the Thai
/// labels as the header cells' notes would hide them, so they go in a
/// second sheet, "dictionary". Dates are date cells, money numbers.
/// Deterministic: the document's dates are the records' last update.
pub fn to_xlsx(d: &Dataset, publisher: &Publisher) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = publisher.last_update.unwrap_or_default();
    let stamp = ExcelDateTime::parse_from_str(&format!("{}T00:00:00Z", created.format("%Y-%m-%d"))).map_err(xlsx)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&d.title)
            .set_author(&publisher.organization)
            .set_creation_datetime(&stamp),
    );
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let date = crate::xlsx::date_format();
    let sheet = book.add_worksheet().set_name("data").map_err(xlsx)?;
    for (c, f) in d.fields.iter().enumerate() {
        sheet.write_with_format(0, c as u16, f.name, &bold).map_err(xlsx)?;
    }
    for (r, row) in d.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            match v {
                Value::Text(t) => {
                    sheet.write(r, c, t.as_str()).map_err(xlsx)?;
                }
                Value::Int(i) => {
                    sheet.write(r, c, *i as f64).map_err(xlsx)?;
                }
                Value::Money(m) => {
                    use rust_decimal::prelude::ToPrimitive;
                    sheet
                        .write_with_format(r, c, m.to_f64().unwrap_or(0.0), &money)
                        .map_err(xlsx)?;
                }
                Value::Date(day) => crate::xlsx::write_date(sheet, r, c, *day, &date)?,
                Value::Empty => {}
            }
        }
    }
    crate::xlsx::set_up(sheet, 1, true)?;
    let dict = book.add_worksheet().set_name("dictionary").map_err(xlsx)?;
    for (c, h) in ["field_name", "label_th", "type", "unit"].iter().enumerate() {
        dict.write_with_format(0, c as u16, *h, &bold).map_err(xlsx)?;
    }
    for (r, f) in d.fields.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, t) in [f.name, f.label, f.kind.name(), f.unit].iter().enumerate() {
            dict.write(r, c as u16, *t).map_err(xlsx)?;
        }
    }
    crate::xlsx::set_up(dict, 1, false)?;
    book.save_to_buffer().map_err(xlsx)
}

/// Every file of the datasets, by name: the CSV, the XLSX and the
/// dictionary of each, then `metadata.csv`.
pub fn files(sets: &[Dataset], publisher: &Publisher) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for d in sets {
        out.push((format!("{}.csv", d.name), to_csv(d)?));
        out.push((format!("{}.xlsx", d.name), to_xlsx(d, publisher)?));
        out.push((format!("{}-dictionary.csv", d.name), dictionary_csv(d)?));
    }
    out.push(("metadata.csv".into(), metadata_csv(sets, publisher)?));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn csv_starts_with_a_bom_and_keeps_values_as_stored() {
        let d = Dataset {
            name: "x".into(),
            title: "t".into(),
            description: String::new(),
            fields: vec![
                field("a", "ก", Kind::Text, ""),
                field("b", "ข", Kind::Decimal, "บาท"),
                field("c", "ค", Kind::Date, ""),
            ],
            rows: vec![vec![
                "มี, จุลภาค".into(),
                Value::Money(Decimal::new(123_450, 2)),
                Value::Date(day(2023, 9, 30)),
            ]],
        };
        let csv = to_csv(&d).unwrap();
        assert!(csv.starts_with(BOM));
        let text = std::str::from_utf8(&csv[3..]).unwrap();
        assert_eq!(text, "a,b,c\r\n\"มี, จุลภาค\",1234.50,2023-09-30\r\n");
        let formula = Dataset {
            rows: vec![vec!["=HYPERLINK(\"x\")".into(), Value::Empty, Value::Empty]],
            ..d.clone()
        };
        let text = String::from_utf8(to_csv(&formula).unwrap()[3..].to_vec()).unwrap();
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{text}");
        let dict = String::from_utf8(dictionary_csv(&d).unwrap()).unwrap();
        assert!(dict.contains("b,ข,number,บาท,1234.50"), "{dict}");
    }

    #[test]
    fn names_of_people_only_when_asked() {
        let asset: AssetDoc = serde_json::from_value(serde_json::json!({
            "number": "7440-001-0001/66", "name": "โน้ตบุ๊ก", "category": "ครุภัณฑ์คอมพิวเตอร์",
            "acquired_on": "2023-01-10", "method": "เฉพาะเจาะจง", "price": "25000",
            "useful_life": 5, "note": "ผู้รับผิดชอบ นายสมชาย"
        }))
        .unwrap();
        let without = asset_dataset(std::slice::from_ref(&asset), day(2023, 9, 30), false);
        assert!(!without.fields.iter().any(|f| f.name == "note"));
        let text = String::from_utf8(to_csv(&without).unwrap()).unwrap();
        assert!(!text.contains("สมชาย"), "{text}");
        let with = asset_dataset(&[asset], day(2023, 9, 30), true);
        let text = String::from_utf8(to_csv(&with).unwrap()).unwrap();
        assert!(text.contains("สมชาย"), "{text}");
    }
}
