//! What the asset records print: the borrowing slip (แบบฟอร์มการยืมพัสดุ)
//! for signature, on one A4 page, and the annual inspection report
//! (รายงานผลการตรวจสอบพัสดุประจำปี, ข้อ 213), marked ร่าง until the
//! committee's result is confirmed. A4 portrait, official 16 pt.

use super::page::{Signer, signatures};
use crate::assets::{Authority, Inspection, Loan, ReturnCondition, Settlement};
use crate::domain::{Digits, Organization};
use crate::error::{CoreError, Result};
use crate::money::format_amount;
use crate::thai;
use crate::typeset::flow::{Block, Table};
use crate::typeset::layout::{layout, line_height};
use crate::typeset::{Align, Flow, Margins, PageSize, Paragraph, PdfWriter, Span, Style, mm};

const BODY: f32 = 16.0;
const TABLE: f32 = 14.0;

fn margins() -> Margins {
    Margins {
        top: mm(15.0),
        right: mm(20.0),
        bottom: mm(15.0),
        left: mm(30.0),
    }
}

/// A section's heading, kept with the lines after it.
fn heading(flow: &mut Flow, text: &str) {
    flow.heading(&Paragraph::new(text, Style::bold(BODY)), line_height(BODY) * 2.0);
}

/// A label in bold, then its value, as one paragraph.
fn field(label: &str, value: &str) -> Paragraph {
    Paragraph {
        spans: vec![
            Span::new(format!("{label} "), Style::bold(BODY)),
            Span::new(value.to_owned(), Style::regular(BODY)),
        ],
        ..Default::default()
    }
}

/// One signature block in the right half, close under the text it signs.
fn signature(flow: &mut Flow, signer: &Signer) {
    flow.space(-line_height(BODY) * 0.6);
    signatures(flow, &[signer.lines()], BODY);
}

/// The borrowing slip of one loan, filled in with what is recorded so far;
/// the rest are lines to sign on.
pub fn loan_slip_pdf(loan: &Loan, org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let date = |x: Option<chrono::NaiveDate>| {
        x.map_or_else(|| "....................".to_owned(), |x| thai::date_long(x, digits))
    };
    let r = &loan.request;
    let title = format!("แบบฟอร์มการยืมพัสดุ เลขที่ {}", loan.id);
    let mut flow = Flow::new(PdfWriter::new(&d(&title), PageSize::A4_PORTRAIT), margins());
    flow.paragraph(&Paragraph::new("แบบฟอร์มการยืมพัสดุ", Style::bold(20.0)).align(Align::Center));
    flow.paragraph(
        &Paragraph::new(d(&format!("{} · เลขที่ {}", org.name_th, loan.id)), Style::regular(BODY)).align(Align::Center),
    );
    flow.paragraph(
        &Paragraph::new(
            format!("วันที่ {}", thai::date_long(loan.requested_on, digits)),
            Style::regular(BODY),
        )
        .align(Align::Right),
    );
    flow.space(BODY * 0.5);
    // To the head of the agency: อธิบดี of a กรม, else หัวหน้าส่วนราชการ.
    let head = if org.name_th.starts_with("กรม") {
        format!("อธิบดี{}", org.name_th)
    } else {
        "หัวหน้าส่วนราชการ".to_owned()
    };
    flow.paragraph(&Paragraph::new(format!("เรียน  {}", d(&head)), Style::regular(BODY)));
    flow.space(BODY * 0.3);
    let where_ = if r.outside {
        "นอกสถานที่ราชการ"
    } else {
        "ภายในสถานที่ราชการ"
    };
    let text = format!(
        "ข้าพเจ้า {} ตำแหน่ง {} สังกัด {} มีความประสงค์จะขอยืมพัสดุ {} หมายเลขครุภัณฑ์ {} เพื่อ{} โดยนำไปใช้{} \
         ตั้งแต่วันที่ {} และจะส่งคืนภายในวันที่ {} หากพัสดุที่ยืมไปเกิดชำรุดเสียหายหรือใช้การไม่ได้หรือสูญหาย \
         ข้าพเจ้ายินดีจัดการแก้ไขซ่อมแซมให้คงสภาพเดิม หรือชดใช้เป็นพัสดุประเภท ชนิด ขนาด ลักษณะและคุณภาพอย่างเดียวกัน \
         หรือชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ \
         พ.ศ. 2560 ข้อ 209",
        r.borrower,
        if r.position.is_empty() { "-" } else { &r.position },
        if r.division.is_empty() { "-" } else { &r.division },
        loan.asset_name,
        loan.asset_number(),
        r.purpose,
        where_,
        thai::date_long(r.borrow_on, digits),
        thai::date_long(r.due_on, digits),
    );
    flow.paragraph(
        &Paragraph::new(d(&text), Style::regular(BODY))
            .indents(mm(25.0), 0.0)
            .align(Align::Justify),
    );
    let (borrower, position) = (d(&r.borrower), d(&r.position));
    signature(
        &mut flow,
        &Signer {
            role: "ผู้ยืม",
            name: &borrower,
            position: &position,
            date: None,
        },
    );

    // The decision.
    flow.space(BODY * 0.5);
    heading(&mut flow, "ความเห็นของผู้มีอำนาจ");
    let decision = match loan.decided_on {
        None => "☐ อนุมัติ    ☐ ไม่อนุมัติ  เหตุผล ..............................................".to_owned(),
        Some(_) if loan.refusal.is_empty() && loan.decided_by.is_empty() => String::new(),
        Some(_) if !loan.refusal.is_empty() => format!("ไม่อนุมัติ เนื่องจาก {}", loan.refusal),
        Some(_) => "อนุมัติให้ยืมตามเสนอ".to_owned(),
    };
    flow.paragraph(
        &Paragraph::new(d(&decision), Style::regular(BODY))
            .indents(mm(25.0), 0.0)
            .align(Align::Justify),
    );
    let role = match loan.decided_as {
        Some(Authority::Delegate) => "ผู้ได้รับมอบหมาย",
        _ => "หัวหน้าส่วนราชการ",
    };
    let decided_by = d(&loan.decided_by);
    signature(
        &mut flow,
        &Signer {
            role,
            name: &decided_by,
            position: "",
            date: Some(format!("วันที่ {}", date(loan.decided_on))),
        },
    );

    // Hand-over and return.
    flow.space(BODY * 0.5);
    heading(&mut flow, "การส่งมอบและการคืนพัสดุ");
    flow.paragraph(&field(
        "ส่งมอบพัสดุเมื่อ",
        &d(&format!(
            "{} โดย {}",
            date(loan.handed_over_on),
            or_dots(&loan.handed_over_by)
        )),
    ));
    let condition = match loan.return_condition {
        Some(ReturnCondition::Good) => "อยู่ในสภาพเรียบร้อย",
        Some(ReturnCondition::Damaged) => "ชำรุดเสียหาย",
        Some(ReturnCondition::Lost) => "สูญหาย",
        None => "☐ เรียบร้อย  ☐ ชำรุด  ☐ สูญหาย",
    };
    flow.paragraph(&field(
        "ได้รับพัสดุคืนเมื่อ",
        &d(&format!(
            "{} สภาพ {} ผู้รับคืน {}",
            date(loan.returned_on),
            condition,
            or_dots(&loan.received_by)
        )),
    ));
    if let Some(s) = loan.settlement {
        let how = match s {
            Settlement::Repaired => "ผู้ยืมซ่อมแซมให้คงสภาพเดิม",
            Settlement::Replaced => "ผู้ยืมชดใช้เป็นพัสดุอย่างเดียวกัน",
            Settlement::Paid => "ผู้ยืมชดใช้เป็นเงิน",
        };
        flow.paragraph(&field(
            "การชดใช้ (ข้อ 209)",
            &d(&format!("{how} เมื่อ {} {}", date(loan.settled_on), loan.settlement_note)),
        ));
    }
    let officer = d(if loan.received_by.is_empty() {
        &loan.handed_over_by
    } else {
        &loan.received_by
    });
    signature(
        &mut flow,
        &Signer {
            role: "เจ้าหน้าที่พัสดุ",
            name: &officer,
            position: "",
            date: None,
        },
    );
    flow.finish(super::page::page_numbers(digits, BODY, mm(8.0)))
        .map_err(CoreError::from)
}

fn or_dots(s: &str) -> String {
    if s.is_empty() {
        "....................".into()
    } else {
        s.to_owned()
    }
}

/// The year's inspection report: the committee, a table of every finding
/// with its quantity and value, the counts, and the committee's
/// signatures; "ร่าง" on every page until the result is confirmed.
pub fn inspection_pdf(i: &Inspection, org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let title = format!("รายงานผลการตรวจสอบพัสดุประจำปีงบประมาณ พ.ศ. {}", i.year_be);
    let mut flow = Flow::new(PdfWriter::new(&d(&title), PageSize::A4_PORTRAIT), margins());
    flow.paragraph(&Paragraph::new(d(&title), Style::bold(20.0)).align(Align::Center));
    flow.paragraph(&Paragraph::new(d(&org.name_th), Style::bold(BODY)).align(Align::Center));
    flow.space(BODY * 0.5);
    let (from, to) = thai::fiscal_year_bounds(i.year_be)?;
    let intro = format!(
        "ตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 213 คณะกรรมการตรวจสอบพัสดุ \
         ได้ตรวจสอบการรับจ่ายพัสดุในงวดตั้งแต่วันที่ {} ถึงวันที่ {} และตรวจนับพัสดุประเภทที่คงเหลืออยู่ \
         เริ่มดำเนินการเมื่อวันที่ {} ผลการตรวจสอบปรากฏดังนี้",
        thai::date_long(from, digits),
        thai::date_long(to, digits),
        thai::date_long(i.started_on, digits),
    );
    flow.paragraph(
        &Paragraph::new(d(&intro), Style::regular(BODY))
            .indents(mm(25.0), 0.0)
            .align(Align::Justify),
    );
    flow.space(BODY * 0.3);
    super::page::unit_line(&mut flow, TABLE);

    let body = Style::regular(TABLE);
    let bold = Style::bold(TABLE);
    let money = |v: rust_decimal::Decimal| format_amount(v, digits);
    let value: rust_decimal::Decimal = i.findings.iter().map(|f| f.price).sum();
    let cell = |s: String, style: &Style, align: Align| -> Vec<Block> {
        vec![Block::Para(Paragraph::new(s, style.clone()).align(align))]
    };
    // Number, quantity and value columns as wide as their widest entry.
    let mut columns = vec![
        vec![
            ("ลำดับ".to_owned(), bold.clone()),
            (d(&i.findings.len().to_string()), body.clone()),
        ],
        i.findings
            .iter()
            .map(|f| (d(&f.number), body.clone()))
            .chain([("หมายเลขครุภัณฑ์".to_owned(), bold.clone())])
            .collect(),
    ];
    columns.push(vec![("จำนวน".to_owned(), bold.clone())]);
    columns.push(vec![(money(value), bold.clone()), ("(บาท)".to_owned(), bold.clone())]);
    let fitted = super::page::fitted_widths(flow.content_width(), 4.0, &columns);
    // The rest is shared by the name and the result.
    let rest = fitted[0];
    let widths = vec![fitted[1], fitted[2], rest * 0.55, fitted[3], fitted[4], rest * 0.45];
    let mut rows: Vec<Vec<Vec<Block>>> = i
        .findings
        .iter()
        .enumerate()
        .map(|(n, f)| {
            let result = if f.note.is_empty() {
                f.finding.thai().to_owned()
            } else {
                format!("{} ({})", f.finding.thai(), f.note)
            };
            vec![
                cell(d(&(n + 1).to_string()), &body, Align::Center),
                cell(d(&f.number), &body, Align::Left),
                cell(d(&f.name), &body, Align::Left),
                cell(d("1"), &body, Align::Center),
                cell(money(f.price), &body, Align::Right),
                cell(d(&result), &body, Align::Left),
            ]
        })
        .collect();
    rows.push(vec![
        vec![],
        vec![],
        cell(d(&format!("รวม {} รายการ", i.findings.len())), &bold, Align::Left),
        cell(d(&i.findings.len().to_string()), &bold, Align::Center),
        cell(money(value), &bold, Align::Right),
        vec![],
    ]);
    let table = Table {
        widths,
        header: ["ลำดับ", "หมายเลขครุภัณฑ์", "รายการ", "จำนวน", "มูลค่า (บาท)", "ผลการตรวจสอบ"]
            .into_iter()
            .map(|h| cell(h.into(), &bold, Align::Center))
            .collect(),
        rows,
        padding: 4.0,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
        total: true,
    };
    flow.table(&table)?;
    flow.space(BODY * 0.5);
    let count = |f: crate::assets::Finding| i.findings.iter().filter(|x| x.finding == f).count();
    use crate::assets::Finding::*;
    let totals = format!(
        "รวมตรวจสอบ {} รายการ พบและใช้งานได้ {} รายการ ไม่พบ {} รายการ ชำรุด {} รายการ เสื่อมสภาพหรือหมดความจำเป็น {} รายการ{}",
        i.findings.len(),
        count(Found),
        count(NotFound),
        count(Damaged),
        count(Obsolete),
        i.confirmed_on
            .map(|c| format!(" (ยืนยันผลเมื่อวันที่ {})", thai::date_long(c, digits)))
            .unwrap_or_default()
    );
    flow.paragraph(
        &Paragraph::new(d(&totals), Style::regular(BODY))
            .indents(mm(25.0), 0.0)
            .align(Align::Justify),
    );
    let blocks: Vec<Vec<String>> = i
        .committee
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let (name, position) = (d(&m.name), d(&m.position));
            Signer {
                role: if n == 0 {
                    "ประธานกรรมการ"
                } else {
                    "กรรมการ"
                },
                name: &name,
                position: &position,
                date: None,
            }
            .lines()
        })
        .collect();
    // The chair in the middle, then the members two by two (one left over
    // in the middle too).
    let (chair, members) = blocks.split_first().map_or((None, &[][..]), |(c, m)| (Some(c), m));
    let centred = |flow: &mut Flow, block: &Vec<String>| {
        super::page::signature_centred(flow, block, BODY);
    };
    if let Some(chair) = chair {
        centred(&mut flow, chair);
    }
    for pair in members.chunks(2) {
        match pair {
            [one] => centred(&mut flow, one),
            _ => signatures(&mut flow, pair, BODY),
        }
    }
    let draft = i.confirmed_on.is_none();
    let mut numbers = super::page::page_numbers(digits, BODY, mm(8.0));
    flow.finish(move |pdf: &mut PdfWriter, page: usize, total: usize| {
        numbers(pdf, page, total);
        if draft {
            // Until the committee's result is confirmed, every page says so.
            let mark = Paragraph::new("ร่าง", Style::bold(28.0).with_color([0.75, 0.0, 0.0])).align(Align::Right);
            let width = pdf.size().width - mm(20.0);
            for line in layout(&mark, width) {
                pdf.line(page, 0.0, mm(5.0), &line);
            }
        }
    })
    .map_err(CoreError::from)
}
