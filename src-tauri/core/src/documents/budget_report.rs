//! The budget monitoring report (รายงานผลการใช้จ่ายงบประมาณ): the 6- or
//! 12-month report, or any cut-off month. Tables by category and by
//! division with the quarter's target, the total in Thai words, and two
//! vector charts: cumulative plan against disbursement by month, and
//! allocation against disbursement by category.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::budget::{BudgetDoc, Category, MonitorRow, Monitoring};
use crate::domain::{Digits, Organization};
use crate::error::{CoreError, Result};
use crate::money::{baht_text, format_amount};
use crate::thai;
use crate::typeset::chart::{Series, bar_chart, line_chart};
use crate::typeset::{Align, Area, Block, Paragraph, Style, Table, mm};

use crate::thai::FISCAL_MONTHS_SHORT as MONTHS;
const PLAN: [f32; 3] = [0.55, 0.62, 0.7];
const ACTUAL: [f32; 3] = [0.06, 0.3, 0.51];

pub fn budget_report_pdf(doc: &BudgetDoc, m: &Monitoring, org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: String| thai::to_display(&s, digits);
    let money = |v: Decimal| format_amount(v, digits);
    let (starts, _) = thai::fiscal_year_bounds(m.year_be)?;
    let round = match m.through_month {
        6 => "รอบ 6 เดือน".to_owned(),
        12 => "รอบ 12 เดือน".to_owned(),
        n => format!("{n} เดือน"),
    };
    let title = format!("รายงานผลการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {} ({round})", m.year_be);
    let mut flow = super::page::landscape_document(&d(title), &org.name_th);
    flow.paragraph(
        &Paragraph::new(
            format!(
                "ตั้งแต่ {} ถึง {}",
                thai::date_long(starts, digits),
                thai::date_long(m.through, digits)
            ),
            Style::regular(16.0),
        )
        .align(Align::Center),
    );
    flow.space(8.0);

    let body = Style::regular(14.0);
    let bold = Style::bold(14.0);
    let w = flow.content_width();
    // Name, five amounts, two percentages.
    let widths: Vec<f32> = [0.15, 0.13, 0.13, 0.13, 0.13, 0.13, 0.1, 0.1]
        .iter()
        .map(|f| f * w)
        .collect();
    let cell = |t: String, s: &Style, a: Align| vec![Block::Para(Paragraph::new(t, s.clone()).align(a))];
    let header = |first: &str| {
        [
            first,
            "หลังโอน",
            "แผนถึงสิ้นงวด",
            "เบิกจ่าย",
            "ก่อหนี้ผูกพัน",
            "คงเหลือ",
            "ร้อยละเบิกจ่าย",
            "เป้าหมาย (ร้อยละ)",
        ]
        .iter()
        .map(|h| cell((*h).to_owned(), &bold, Align::Center))
        .collect()
    };
    let pct = |p: Option<Decimal>| p.map(|p| d(format!("{p:.2}"))).unwrap_or_else(|| "-".into());
    let row = |r: &MonitorRow, total: bool| {
        let s = if total { &bold } else { &body };
        let mut cells = vec![cell(r.key.clone(), s, Align::Left)];
        for v in [r.allocated, r.planned, r.disbursed, r.committed, r.remaining] {
            cells.push(cell(money(v), s, Align::Right));
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
        padding: 4.0,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
    };
    flow.paragraph(&Paragraph::new(
        "ตารางที่ 1 ผลการเบิกจ่ายจำแนกตามงบรายจ่าย",
        Style::bold(16.0),
    ));
    flow.space(3.0);
    flow.table(&table(&m.by_category, "งบรายจ่าย"))?;
    flow.space(4.0);
    flow.paragraph(&Paragraph::new(
        format!(
            "เบิกจ่ายรวม {} บาท ({})",
            money(m.total.disbursed),
            baht_text(m.total.disbursed)
        ),
        Style::regular(16.0),
    ));
    flow.space(10.0);
    flow.paragraph(&Paragraph::new(
        "ตารางที่ 2 ผลการเบิกจ่ายจำแนกตามหน่วยงาน",
        Style::bold(16.0),
    ));
    flow.space(3.0);
    flow.table(&table(&m.by_division, "หน่วยงาน"))?;

    // Charts, side by side on one band.
    let chart_h = mm(80.0);
    flow.space(12.0);
    flow.keep(chart_h + 30.0);
    flow.paragraph(&Paragraph::new("แผนภูมิ", Style::bold(16.0)));
    let page = flow.page();
    let top = flow.y() + 4.0;
    let small = Style::regular(13.0);
    let millions = |v: f64| d(format!("{:.1}", v / 1_000_000.0));
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
    line_chart(
        &mut flow.pdf,
        page,
        Area {
            x: left,
            top,
            w: half,
            h: chart_h,
        },
        &labels,
        &[
            Series {
                name: "แผนสะสม (ล้านบาท)".into(),
                color: PLAN,
                values: plan,
            },
            Series {
                name: "เบิกจ่ายสะสม (ล้านบาท)".into(),
                color: ACTUAL,
                values: actual,
            },
        ],
        &small,
        &millions,
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
    bar_chart(
        &mut flow.pdf,
        page,
        Area {
            x: left + half + mm(10.0),
            top,
            w: half,
            h: chart_h,
        },
        &cats.iter().map(|c| c.thai().to_owned()).collect::<Vec<_>>(),
        &[
            Series {
                name: "หลังโอน (ล้านบาท)".into(),
                color: PLAN,
                values: cats.iter().map(|c| by(c, |r| r.allocated)).collect(),
            },
            Series {
                name: "เบิกจ่าย (ล้านบาท)".into(),
                color: ACTUAL,
                values: cats.iter().map(|c| by(c, |r| r.disbursed)).collect(),
            },
        ],
        &small,
        &millions,
    );
    flow.set_y(top + chart_h);

    flow.finish(super::page::page_numbers(digits, 16.0, mm(6.0)))
        .map_err(CoreError::from)
}
