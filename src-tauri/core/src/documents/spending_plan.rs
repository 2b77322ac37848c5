//! The spending plan (แผนการใช้จ่ายงบประมาณ) for the year: what the report's
//! first measure circulates to staff. Planned amounts by quarter, by expense
//! category (operating items beneath) and by division, with the total in
//! Thai words, in baht (the unit line says so), and the blocks of who
//! proposes and who approves the plan.

use rust_decimal::Decimal;

use super::page::{amounts_heading, fitted_widths, reporter_and_approver};
use crate::budget::{BudgetDoc, BudgetLineDoc, Category, OperatingItem};
use crate::domain::{Digits, Organization, Signatures};
use crate::error::{CoreError, Result};
use crate::money::{baht_text, format_amount};
use crate::thai;
use crate::typeset::{Align, Block, Paragraph, Style, Table, mm};

/// Planned amount of `l` in fiscal quarter `q` (1–4).
fn quarter(l: &BudgetLineDoc, q: u8) -> Decimal {
    l.months
        .iter()
        .filter(|m| (m.month - 1) / 3 + 1 == q)
        .map(|m| m.planned)
        .sum()
}

struct Row {
    label: String,
    indent: bool,
    available: Decimal,
    quarters: [Decimal; 4],
}

fn row<'a>(label: String, indent: bool, lines: impl Iterator<Item = &'a BudgetLineDoc>) -> Row {
    let mut r = Row {
        label,
        indent,
        available: Decimal::ZERO,
        quarters: [Decimal::ZERO; 4],
    };
    for l in lines {
        r.available += l.available();
        for q in 1..=4u8 {
            r.quarters[q as usize - 1] += quarter(l, q);
        }
    }
    r
}

const TABLE: f32 = 14.0;
const BODY: f32 = 16.0;
const PADDING: f32 = 4.0;

pub fn spending_plan_pdf(doc: &BudgetDoc, org: &Organization, signed: &Signatures, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: String| thai::to_display(&s, digits);
    let money = |v: Decimal| format_amount(v, digits);
    let title = format!("แผนการใช้จ่ายงบประมาณ ประจำปีงบประมาณ พ.ศ. {}", doc.year_be);
    let mut flow = super::page::landscape_document(&d(title), &org.name_th);
    flow.space(8.0);

    let mut by_category = Vec::new();
    for c in Category::ALL {
        if !doc.lines.iter().any(|l| l.category == c) {
            continue;
        }
        by_category.push(row(
            c.thai().into(),
            false,
            doc.lines.iter().filter(|l| l.category == c),
        ));
        if c == Category::Operating {
            for item in OperatingItem::ALL {
                let of = |l: &&BudgetLineDoc| l.category == c && l.item == Some(item);
                if doc.lines.iter().any(|l| of(&l)) {
                    by_category.push(row(item.thai().into(), true, doc.lines.iter().filter(of)));
                }
            }
        }
    }
    let divisions = doc.divisions();
    let by_division: Vec<Row> = divisions
        .iter()
        .map(|v| row((*v).to_owned(), false, doc.lines.iter().filter(|l| l.division == *v)))
        .collect();
    let total = row("รวมทั้งสิ้น".into(), false, doc.lines.iter());

    let body = Style::regular(TABLE);
    let bold = Style::bold(TABLE);
    // Every amount column as wide as its widest figure: totals never wrap.
    let figures = |r: &Row| {
        let mut v = vec![r.available];
        v.extend(r.quarters);
        v.push(r.quarters.iter().copied().sum());
        v
    };
    let all: Vec<&Row> = by_category.iter().chain(&by_division).chain([&total]).collect();
    let columns: Vec<Vec<(String, Style)>> = (0..6)
        .map(|i| {
            let mut c: Vec<(String, Style)> = all.iter().map(|r| (money(figures(r)[i]), bold.clone())).collect();
            c.push((d("ไตรมาส 1".into()), bold.clone()));
            c
        })
        .collect();
    let widths = fitted_widths(flow.content_width(), PADDING, &columns);
    let cell = |t: String, s: &Style, a: Align| vec![Block::Para(Paragraph::new(t, s.clone()).align(a))];
    let header = |first: &str| -> Vec<Vec<Block>> {
        [
            first,
            "งบหลังโอน",
            "ไตรมาส 1\n(ต.ค.–ธ.ค.)",
            "ไตรมาส 2\n(ม.ค.–มี.ค.)",
            "ไตรมาส 3\n(เม.ย.–มิ.ย.)",
            "ไตรมาส 4\n(ก.ค.–ก.ย.)",
            "รวมแผน",
        ]
        .iter()
        .map(|h| cell(d((*h).to_owned()), &bold, Align::Center))
        .collect()
    };
    let cells = |r: &Row, total: bool| {
        let s = if total { &bold } else { &body };
        let mut p = Paragraph::new(r.label.clone(), s.clone());
        if r.indent {
            p = p.indents(12.0, 12.0);
        }
        let mut out = vec![vec![Block::Para(p)], cell(money(r.available), s, Align::Right)];
        out.extend(r.quarters.iter().map(|q| cell(money(*q), s, Align::Right)));
        out.push(cell(money(r.quarters.iter().copied().sum()), s, Align::Right));
        out
    };
    let table = |rows: &[Row], first: &str| Table {
        widths: widths.clone(),
        header: header(first),
        rows: rows
            .iter()
            .map(|r| cells(r, false))
            .chain(std::iter::once(cells(&total, true)))
            .collect(),
        padding: PADDING,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
        total: true,
    };
    let heading = |flow: &mut crate::typeset::Flow, text: &str| amounts_heading(flow, &d(text.to_owned()), BODY, TABLE);

    heading(&mut flow, "1. แผนการใช้จ่ายจำแนกตามงบรายจ่าย");
    flow.table(&table(&by_category, "งบรายจ่าย"))?;
    flow.space(4.0);
    flow.paragraph(&Paragraph::new(
        format!(
            "งบประมาณหลังโอนรวม {} บาท ({})",
            money(total.available),
            baht_text(total.available)
        ),
        Style::regular(BODY),
    ));
    flow.space(10.0);
    heading(&mut flow, "2. แผนการใช้จ่ายจำแนกตามหน่วยงาน");
    flow.table(&table(&by_division, "หน่วยงาน"))?;

    // Who proposes the plan and who approves it.
    reporter_and_approver(&mut flow, signed, "ผู้เสนอ", BODY);

    flow.finish(super::page::page_numbers(digits, BODY, mm(6.0)))
        .map_err(CoreError::from)
}
