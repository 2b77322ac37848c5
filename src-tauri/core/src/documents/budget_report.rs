//! The budget monitoring report (รายงานผลการใช้จ่ายงบประมาณ): the 6- or
//! 12-month report, or any cut-off month. Tables by category and by
//! division with the quarter's target, the total in Thai words, two vector
//! charts (cumulative plan against disbursement by month, allocation
//! against disbursement by category), and the reporter's and approver's
//! signatures. Amounts are in baht (the unit line says so); a negative
//! balance is printed in red with a word and a note.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::page::{amounts_heading, fitted_widths, reporter_and_approver};
use crate::budget::{BudgetDoc, Category, MonitorRow, Monitoring};
use crate::domain::{Digits, Organization, Signatures};
use crate::error::{CoreError, Result};
use crate::money::{baht_text, format_amount};
use crate::thai;
use crate::typeset::chart::{Chart, Series, bar_chart, line_chart};
use crate::typeset::{Align, Area, Block, Cell, Paragraph, Style, Table, mm};

use crate::thai::FISCAL_MONTHS_SHORT as MONTHS;
const PLAN: [f32; 3] = [0.55, 0.62, 0.7];
const ACTUAL: [f32; 3] = [0.06, 0.3, 0.51];
const RED: [f32; 3] = [0.75, 0.0, 0.0];
/// Table text: official 14 pt, as financial tables are set.
const TABLE: f32 = 14.0;
const BODY: f32 = 16.0;
const PADDING: f32 = 4.0;

pub fn budget_report_pdf(
    doc: &BudgetDoc,
    m: &Monitoring,
    org: &Organization,
    signed: &Signatures,
    digits: Digits,
) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let money = |v: Decimal| format_amount(v, digits);
    let (starts, _) = thai::fiscal_year_bounds(m.year_be)?;
    let round = match m.through_month {
        6 => "รอบ 6 เดือน".to_owned(),
        12 => "รอบ 12 เดือน".to_owned(),
        n => format!("{n} เดือน"),
    };
    let title = format!("รายงานผลการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {} ({round})", m.year_be);
    let mut flow = super::page::landscape_document(&d(&title), &org.name_th);
    flow.paragraph(
        &Paragraph::new(
            format!(
                "ตั้งแต่ {} ถึง {}",
                thai::date_long(starts, digits),
                thai::date_long(m.through, digits)
            ),
            Style::regular(BODY),
        )
        .align(Align::Center),
    );
    flow.space(8.0);

    let body = Style::regular(TABLE);
    let bold = Style::bold(TABLE);
    let pct = |p: Option<Decimal>| p.map_or_else(|| "-".into(), |p| d(&format!("{p:.2}")));
    let amounts = |r: &MonitorRow| [r.allocated, r.planned, r.disbursed, r.committed, r.remaining];
    // Every amount column as wide as its widest figure: totals never wrap.
    let all: Vec<&MonitorRow> = m.by_category.iter().chain(&m.by_division).chain([&m.total]).collect();
    let mut columns: Vec<Vec<(String, Style)>> = (0..5)
        .map(|i| all.iter().map(|r| (money(amounts(r)[i]), bold.clone())).collect())
        .collect();
    columns.push(vec![("ร้อยละเบิกจ่าย".into(), bold.clone())]);
    columns.push(vec![("(ร้อยละ)".into(), bold.clone()), ("เป้าหมาย".into(), bold.clone())]);
    let widths = fitted_widths(flow.content_width(), PADDING, &columns);

    let cell = |t: String, s: &Style, a: Align| vec![Block::Para(Paragraph::new(t, s.clone()).align(a))];
    let header = |first: &str| -> Vec<Cell> {
        [
            first,
            "หลังโอน",
            "แผนถึงสิ้นงวด",
            "เบิกจ่าย",
            "ก่อหนี้ผูกพันคงค้าง",
            "คงเหลือ",
            "ร้อยละเบิกจ่าย",
            "เป้าหมาย (ร้อยละ)",
        ]
        .iter()
        .map(|h| cell((*h).to_owned(), &bold, Align::Center))
        .collect()
    };
    let row = |r: &MonitorRow, total: bool| {
        let s = if total { &bold } else { &body };
        let mut cells = vec![cell(r.key.clone(), s, Align::Left)];
        for v in amounts(r) {
            if v.is_sign_negative() && !v.is_zero() {
                // A balance below zero is said, not only printed.
                let red = s.clone().with_color(RED);
                cells.push(vec![
                    Block::Para(Paragraph::new(money(v), red.clone()).align(Align::Right)),
                    Block::Para(Paragraph::new("เกินวงเงิน", red).align(Align::Right)),
                ]);
            } else {
                cells.push(cell(money(v), s, Align::Right));
            }
        }
        cells.push(cell(pct(r.percent_disbursed), s, Align::Right));
        cells.push(cell(pct(r.target_percent), s, Align::Right));
        cells
    };
    let table = |rows: &[MonitorRow], first: &str| Table {
        widths: widths.clone(),
        header: header(first),
        rows: rows
            .iter()
            .map(|r| row(r, false))
            .chain(std::iter::once(row(&m.total, true)))
            .collect(),
        padding: PADDING,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
        total: true,
    };
    let heading = |flow: &mut crate::typeset::Flow, text: &str| amounts_heading(flow, &d(text), BODY, TABLE);
    heading(&mut flow, "ตารางที่ 1 ผลการเบิกจ่ายจำแนกตามงบรายจ่าย");
    flow.table(&table(&m.by_category, "งบรายจ่าย"))?;
    flow.space(4.0);
    flow.paragraph(&Paragraph::new(
        format!(
            "เบิกจ่ายรวม {} บาท ({})",
            money(m.total.disbursed),
            baht_text(m.total.disbursed)
        ),
        Style::regular(BODY),
    ));
    if all
        .iter()
        .any(|r| r.remaining.is_sign_negative() && !r.remaining.is_zero())
    {
        flow.paragraph(&Paragraph::new(
            "หมายเหตุ คงเหลือที่พิมพ์สีแดงติดลบ: เบิกจ่ายรวมกับก่อหนี้ผูกพันคงค้างเกินงบประมาณหลังโอน ควรตรวจสอบตัวเลขที่บันทึก",
            Style::regular(TABLE).with_color(RED),
        ));
    }
    flow.space(10.0);
    heading(&mut flow, "ตารางที่ 2 ผลการเบิกจ่ายจำแนกตามหน่วยงาน");
    flow.table(&table(&m.by_division, "หน่วยงาน"))?;

    charts(&mut flow, doc, m, digits);

    reporter_and_approver(&mut flow, signed, "ผู้รายงาน", BODY);

    flow.finish(super::page::page_numbers(digits, BODY, mm(6.0)))
        .map_err(CoreError::from)
}

/// The two charts side by side on one band, with their heading.
fn charts(flow: &mut crate::typeset::Flow, doc: &BudgetDoc, m: &Monitoring, digits: Digits) {
    let d = |s: &str| thai::to_display(s, digits);
    let chart_h = mm(85.0);
    flow.space(12.0);
    flow.keep(chart_h + 8.0);
    let page = flow.page();
    let top = flow.y() + 4.0;
    let small = Style::regular(13.0);
    // Millions of baht: whole numbers where the axis has them.
    let millions = |v: f64| {
        let m = v / 1_000_000.0;
        if (m - m.round()).abs() < 1e-9 {
            d(&format!("{m:.0}"))
        } else {
            d(&format!("{m:.1}"))
        }
    };
    let f = |v: Decimal| v.to_f64().unwrap_or(0.0);
    let totals = crate::budget::month_totals(doc);
    let plan: Vec<Option<f64>> = totals.iter().map(|t| Some(f(t.planned_to_date))).collect();
    let actual: Vec<Option<f64>> = totals
        .iter()
        .map(|t| (t.month <= m.through_month).then(|| f(t.disbursed_to_date)))
        .collect();
    let half = (flow.content_width() - mm(10.0)) / 2.0;
    let left = flow.margins.left;
    let labels: Vec<String> = MONTHS.iter().map(|s| (*s).to_owned()).collect();
    let series = [
        Series {
            name: "แผนสะสม".into(),
            color: PLAN,
            values: plan,
        },
        Series {
            name: "เบิกจ่ายสะสม".into(),
            color: ACTUAL,
            values: actual,
        },
    ];
    line_chart(
        &mut flow.pdf,
        page,
        Area {
            x: left,
            top,
            w: half,
            h: chart_h,
        },
        &Chart {
            title: &d("แผนภูมิที่ 1 แผนและผลการเบิกจ่ายสะสมรายเดือน (ล้านบาท)"),
            labels: &labels,
            series: &series,
            style: &small,
            value: &millions,
        },
    );
    let cats: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| doc.lines.iter().any(|l| l.category == *c))
        .collect();
    let by = |c: &Category, f: fn(&MonitorRow) -> Decimal| -> Option<f64> {
        m.by_category
            .iter()
            .find(|r| r.key == c.thai())
            .map(|r| f(r).to_f64().unwrap_or(0.0))
    };
    let series = [
        Series {
            name: "งบประมาณหลังโอน".into(),
            color: PLAN,
            values: cats.iter().map(|c| by(c, |r| r.allocated)).collect(),
        },
        Series {
            name: "เบิกจ่าย".into(),
            color: ACTUAL,
            values: cats.iter().map(|c| by(c, |r| r.disbursed)).collect(),
        },
    ];
    bar_chart(
        &mut flow.pdf,
        page,
        Area {
            x: left + half + mm(10.0),
            top,
            w: half,
            h: chart_h,
        },
        &Chart {
            title: &d("แผนภูมิที่ 2 งบประมาณและการเบิกจ่ายจำแนกตามงบรายจ่าย (ล้านบาท)"),
            labels: &cats.iter().map(|c| c.thai().to_owned()).collect::<Vec<_>>(),
            series: &series,
            style: &small,
            value: &millions,
        },
    );
    flow.set_y(top + chart_h);
}
