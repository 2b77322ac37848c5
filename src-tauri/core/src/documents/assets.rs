//! What the asset records print: the borrowing slip (แบบฟอร์มการยืมพัสดุ)
//! for signature, and the annual inspection report (รายงานผลการตรวจสอบพัสดุ
//! ประจำปี, ข้อ 213). A4 portrait, Sarabun 16 pt, on `typeset`.

use crate::assets::{Authority, Inspection, Loan, ReturnCondition, Settlement};
use crate::domain::{Digits, Organization};
use crate::error::{CoreError, Result};
use crate::thai;
use crate::typeset::flow::{Block, Table};
use crate::typeset::{Align, Flow, Margins, PageSize, Paragraph, PdfWriter, Span, Style, mm};

const BODY: f32 = 16.0;

fn margins() -> Margins {
    Margins {
        top: mm(20.0),
        right: mm(20.0),
        bottom: mm(20.0),
        left: mm(30.0),
    }
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

/// A signature block in the right half: the dotted line, (name), the role,
/// the position when it says more, the date.
fn signature(flow: &mut Flow, role: &str, name: &str, position: &str, on: &str) {
    let w = flow.content_width();
    let x = w * 0.45;
    let body = Style::regular(BODY);
    flow.space(BODY * 1.2);
    flow.keep(BODY * 1.5 * 5.0);
    let name = if name.is_empty() {
        format!("({})", " ".repeat(40))
    } else {
        format!("({name})")
    };
    let position = if position == role { "" } else { position };
    for text in [
        "ลงชื่อ ........................................",
        &name,
        role,
        position,
        on,
    ] {
        if !text.trim().is_empty() {
            flow.paragraph_in(&Paragraph::new(text, body.clone()).align(Align::Center), x, w - x);
        }
    }
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
    signature(&mut flow, "ผู้ยืม", &d(&r.borrower), &d(&r.position), "");

    // The decision.
    flow.space(BODY * 0.8);
    flow.paragraph(&Paragraph::new("ความเห็นของผู้มีอำนาจ", Style::bold(BODY)));
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
    signature(
        &mut flow,
        role,
        &d(&loan.decided_by),
        "",
        &format!("วันที่ {}", date(loan.decided_on)),
    );

    // Hand-over and return.
    flow.space(BODY * 0.8);
    flow.paragraph(&Paragraph::new("การส่งมอบและการคืนพัสดุ", Style::bold(BODY)));
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
    signature(&mut flow, "เจ้าหน้าที่พัสดุ", "", "", "");
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

/// The year's inspection report: the committee, a table of every finding,
/// the counts, and the committee's signatures.
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
    flow.space(BODY * 0.5);

    let w = flow.content_width();
    let widths = vec![w * 0.1, w * 0.3, w * 0.32, w * 0.28];
    let cell = |s: String, bold: bool| -> Vec<Block> {
        let style = if bold { Style::bold(BODY) } else { Style::regular(BODY) };
        vec![Block::Para(Paragraph::new(s, style))]
    };
    let table = Table {
        widths,
        header: ["ลำดับ", "หมายเลขครุภัณฑ์", "รายการ", "ผลการตรวจสอบ"]
            .into_iter()
            .map(|h| cell(h.into(), true))
            .collect(),
        rows: i
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
                    cell(d(&(n + 1).to_string()), false),
                    cell(d(&f.number), false),
                    cell(d(&f.name), false),
                    cell(d(&result), false),
                ]
            })
            .collect(),
        padding: 4.0,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
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
    for (n, m) in i.committee.iter().enumerate() {
        let role = if n == 0 {
            "ประธานกรรมการ"
        } else {
            "กรรมการ"
        };
        signature(&mut flow, role, &d(&m.name), &d(&m.position), "");
    }
    flow.finish(super::page::page_numbers(digits, BODY, mm(8.0)))
        .map_err(CoreError::from)
}
