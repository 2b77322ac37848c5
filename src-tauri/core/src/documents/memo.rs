//! The memo (บันทึกข้อความ) that circulates the report or the budget plan,
//! laid out as the Regulation on Official Correspondence (ระเบียบสำนัก
//! นายกรัฐมนตรีว่าด้วยงานสารบรรณ) has it: the emblem 1.5 cm high at the
//! top left, the urgency mark in red, the secrecy mark (ชั้นความลับ) in red at
//! the head and foot of every page, ส่วนราชการ / ที่ / วันที่ / เรื่อง,
//! เรียน, body paragraphs with a first-line indent, the signature block.
//! A4 portrait, left margin 3 cm, right 2 cm; official sizes (as TH Sarabun
//! New): body 16, the labels 20, บันทึกข้อความ 29, the marks 32.

use std::sync::Arc;

use crate::domain::{Digits, Memo, Organization};
use crate::error::{CoreError, Result};
use crate::thai;
use crate::typeset::layout::{layout, line_height, text_width};
use crate::typeset::{Align, Area, Flow, Margins, PageSize, Paragraph, PdfWriter, Span, Style, mm};

const BODY: f32 = 16.0;
const RED: [f32; 3] = [0.8, 0.0, 0.0];

/// The memo as PDF. With no emblem set for the organization the emblem's
/// place stays empty (callers tell the user before exporting).
pub fn memo_pdf(memo: &Memo, org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let (flow, marks) = lay_out(memo, org, digits, false)?;
    flow.finish(marks).map_err(CoreError::from)
}

/// The memo's pages as SVG, laid out exactly as [`memo_pdf`] lays them
/// out (lines, breaks, marks), for the form's live preview; the emblem is
/// filled in as a data URI.
pub fn memo_preview(memo: &Memo, org: &Organization, digits: Digits) -> Result<Vec<String>> {
    let (flow, marks) = lay_out(memo, org, digits, true)?;
    let emblem = org
        .emblem
        .as_ref()
        .map(|e| format!("data:{};base64,{}", crate::typeset::svg_escape(&e.mime), e.data));
    Ok(flow
        .finish_preview(marks)
        .into_iter()
        .map(|page| match &emblem {
            Some(uri) => page.replace("prongsai-image:0", uri),
            None => page,
        })
        .collect())
}

/// The memo's pages, and what is drawn on every page once the pages are
/// known (page numbers, the secrecy marks).
fn lay_out(
    memo: &Memo,
    org: &Organization,
    digits: Digits,
    preview: bool,
) -> Result<(Flow, impl FnMut(&mut PdfWriter, usize, usize))> {
    let d = |s: &str| thai::to_display(s, digits);
    let m = &memo.memo;
    let size = PageSize::A4_PORTRAIT;
    // A secret memo leaves room above for its mark and the page number.
    let secret = !m.secrecy.thai().is_empty();
    let margins = Margins {
        top: mm(if secret { 20.0 } else { 15.0 }),
        right: mm(20.0),
        // A secret memo's mark stands below the continuation cue.
        bottom: mm(if secret { 28.0 } else { 20.0 }),
        left: mm(30.0),
    };
    let writer = PdfWriter::new(&d(&m.subject), size);
    let mut flow = Flow::new(if preview { writer.with_preview() } else { writer }, margins);
    let body = Style::regular(BODY);
    let label = Style::bold(20.0);
    let w = flow.content_width();

    // Urgency, emblem and the heading on one band at the top.
    let page = flow.page();
    let top = flow.y();
    let emblem_h = mm(15.0);
    if !m.urgency.thai().is_empty() {
        let p = Paragraph::new(m.urgency.thai(), Style::bold(32.0).with_color(RED));
        for line in layout(&p, w) {
            flow.pdf.line(page, margins.left, top - mm(2.0), &line);
        }
        flow.space(mm(10.0));
    }
    let band = flow.y();
    if let Some(img) = super::page::emblem_image(org)? {
        let img = Arc::new(img);
        let ew = emblem_h / img.aspect();
        let area = Area {
            x: margins.left,
            top: band,
            w: ew,
            h: emblem_h,
        };
        flow.pdf.image(page, 0, &img, area);
    }
    let heading = Paragraph::new("บันทึกข้อความ", Style::bold(29.0)).align(Align::Center);
    for line in layout(&heading, w) {
        let y = band + (emblem_h - line.height) / 2.0 + mm(1.0);
        flow.pdf.line(page, margins.left, y, &line);
    }
    flow.set_y(band + emblem_h + mm(3.0));

    // ส่วนราชการ / ที่ … วันที่ / เรื่อง: a bold label, then the value.
    let field = |flow: &mut Flow, name: &str, value: &str, dx: f32, width: f32| {
        let gap = text_width(name, &label) + 6.0;
        let mut p = Paragraph {
            spans: vec![
                Span::new(name, label.clone()),
                Span::new(format!(" {value}"), body.clone()),
            ],
            ..Default::default()
        };
        p.indent = gap;
        flow.paragraph_in(&p, dx, width);
    };
    field(&mut flow, "ส่วนราชการ", &d(&m.division), 0.0, w);
    let line_top = flow.y();
    // A "ที่" typed into the number is not printed twice.
    let number = m.number.strip_prefix("ที่").map_or(m.number.as_str(), str::trim_start);
    field(&mut flow, "ที่", &d(number), 0.0, w / 2.0);
    let after_number = flow.y();
    flow.set_y(line_top);
    field(&mut flow, "วันที่", &thai::date_long(m.date, digits), w / 2.0, w / 2.0);
    flow.set_y(flow.y().max(after_number));
    field(&mut flow, "เรื่อง", &d(&m.subject), 0.0, w);
    flow.space(BODY * 0.5);

    if !m.recipient.is_empty() {
        flow.paragraph(&Paragraph::new(format!("เรียน  {}", d(&m.recipient)), body.clone()));
        flow.space(BODY * 0.5);
    }
    // The signature: three lines below the text, then the name and position.
    let signed_lines = [&m.signer_name, &m.signer_position]
        .iter()
        .filter(|s| !s.is_empty())
        .count();
    let signature_h = BODY * 3.0 + line_height(BODY) * signed_lines as f32;
    let paragraphs: Vec<&str> = m.body.split('\n').map(str::trim).filter(|p| !p.is_empty()).collect();
    for (i, para) in paragraphs.iter().enumerate() {
        // Thai official style: the first line indented 2.5 cm.
        let p = Paragraph::new(d(para), body.clone())
            .indents(mm(25.0), 0.0)
            .align(Align::Justify);
        // The signature never stands alone on a page: a short last
        // paragraph (จึงเรียนมาเพื่อ…) goes over with it.
        if i + 1 == paragraphs.len() {
            let h = Flow::height_of(&p, w);
            if h <= line_height(BODY) * 3.0 {
                flow.keep(h + BODY * 0.35 + signature_h);
            }
        }
        flow.paragraph(&p);
        flow.space(BODY * 0.35);
    }

    // Signature: centred in the right half, three lines below the text.
    flow.space(BODY * 3.0);
    flow.keep(signature_h - BODY * 3.0);
    let right = w * 0.4;
    if !m.signer_name.is_empty() {
        flow.paragraph_in(
            &Paragraph::new(format!("({})", d(&m.signer_name)), body.clone()).align(Align::Center),
            right,
            w - right,
        );
    }
    if !m.signer_position.is_empty() {
        flow.paragraph_in(
            &Paragraph::new(d(&m.signer_position), body.clone()).align(Align::Center),
            right,
            w - right,
        );
    }

    // ชั้นความลับ: red, centred at the head and the foot of every page.
    // The page number steps down below the mark on a secret memo.
    let secrecy = m.secrecy.thai();
    let mut numbers = super::page::page_numbers(digits, BODY, mm(if secret { 12.5 } else { 8.0 }));
    // The continuation cue at the foot of every page but the last, as the
    // regulation has it: the next page's first word after a slash, then
    // three dots, at the right margin.
    let cues: Vec<Option<String>> = flow
        .first_words()
        .iter()
        .skip(1)
        .map(|w| w.as_ref().map(|w| format!("/{w}...")))
        .collect();
    let cue_top = size.height - margins.bottom + mm(1.0);
    let right_edge = size.width - margins.right;
    let marks = move |pdf: &mut PdfWriter, page: usize, total: usize| {
        numbers(pdf, page, total);
        if let Some(Some(cue)) = cues.get(page) {
            let p = Paragraph::new(cue.as_str(), Style::regular(BODY)).align(Align::Right);
            for line in layout(&p, right_edge) {
                pdf.line(page, 0.0, cue_top, &line);
            }
        }
        if !secret {
            return;
        }
        let mark = Paragraph::new(secrecy, Style::bold(28.0).with_color(RED)).align(Align::Center);
        let size = pdf.size();
        for line in layout(&mark, size.width) {
            pdf.line(page, 0.0, mm(4.0), &line);
            pdf.line(page, 0.0, size.height - mm(5.0) - line.height, &line);
        }
    };
    Ok((flow, marks))
}
