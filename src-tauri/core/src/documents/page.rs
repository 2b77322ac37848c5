//! What every printed document shares: the landscape page the budget
//! documents start on, and page numbers as Thai documents print them.

use crate::domain::Digits;

/// A landscape A4 document with its centred title and the organization's
/// name beneath, as the budget documents start.
pub(super) fn landscape_document(title: &str, org_name: &str) -> crate::typeset::Flow {
    use crate::typeset::{Align, Flow, Margins, PageSize, Paragraph, PdfWriter, Style, mm};
    let mut flow = Flow::new(
        PdfWriter::new(title, PageSize::A4_LANDSCAPE),
        Margins {
            top: mm(15.0),
            right: mm(15.0),
            bottom: mm(15.0),
            left: mm(20.0),
        },
    );
    flow.paragraph(&Paragraph::new(title, Style::bold(20.0)).align(Align::Center));
    flow.paragraph(&Paragraph::new(org_name, Style::bold(16.0)).align(Align::Center));
    flow
}

/// Page numbers as Thai documents print them: "- 2 -" centred at the top
/// of every page but the first, in the chosen digits.
pub(super) fn page_numbers(
    digits: Digits,
    size: f32,
    top: f32,
) -> impl FnMut(&mut crate::typeset::PdfWriter, usize, usize) {
    use crate::typeset::{Align, Paragraph, Style};
    move |pdf, page, _total| {
        if page == 0 {
            return;
        }
        let p = Paragraph::new(
            crate::thai::to_display(&format!("- {} -", page + 1), digits),
            Style::regular(size),
        )
        .align(Align::Center);
        let width = pdf.size().width;
        for line in crate::typeset::layout::layout(&p, width) {
            pdf.line(page, 0.0, top, &line);
        }
    }
}

/// One signature block: the role signed for, the name and position when
/// known, the date line.
pub(super) struct Signer<'a> {
    pub role: &'a str,
    pub name: &'a str,
    pub position: &'a str,
    pub date: Option<String>,
}

impl Signer<'_> {
    /// The block's lines: the dotted line with the role, (name), position,
    /// date; a name or position not known is a dotted line to fill in.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!("(ลงชื่อ) ........................................ {}", self.role)];
        lines.push(if self.name.is_empty() {
            "(........................................)".to_owned()
        } else {
            format!("({})", self.name)
        });
        lines.push(if self.position.is_empty() {
            "ตำแหน่ง ........................................".to_owned()
        } else {
            self.position.to_owned()
        });
        if let Some(d) = &self.date {
            lines.push(d.clone());
        }
        lines
    }
}

/// The room above the signature blocks.
pub(super) const SIGNATURE_SPACE: f32 = 24.0;

/// How tall the blocks are, the room above them included.
pub(super) fn signatures_height(blocks: &[Vec<String>], size: f32) -> f32 {
    blocks.iter().map(Vec::len).max().map_or(0.0, |n| {
        SIGNATURE_SPACE + crate::typeset::layout::line_height(size) * n as f32
    })
}

/// The signature blocks side by side in equal columns, kept together on
/// one page (one block alone stands in the right half; an empty block
/// leaves its column empty).
pub(super) fn signatures(flow: &mut crate::typeset::Flow, blocks: &[Vec<String>], size: f32) {
    use crate::typeset::{Align, Paragraph, Style};
    if blocks.is_empty() {
        return;
    }
    flow.keep(signatures_height(blocks, size));
    flow.space(SIGNATURE_SPACE);
    let col = flow.content_width() / blocks.len().max(2) as f32;
    let top = flow.y();
    let mut bottom = top;
    for (i, lines) in blocks.iter().enumerate() {
        let dx = if blocks.len() == 1 { col } else { i as f32 * col };
        // Each block is set in its own column from the same top.
        flow.set_y(top);
        for l in lines {
            flow.paragraph_in(&Paragraph::new(l, Style::regular(size)).align(Align::Center), dx, col);
        }
        bottom = bottom.max(flow.y());
    }
    flow.set_y(bottom);
}

/// One signature block in the middle of the page, half its width.
pub(super) fn signature_centred(flow: &mut crate::typeset::Flow, block: &[String], size: f32) {
    use crate::typeset::{Align, Paragraph, Style};
    flow.keep(signatures_height(&[block.to_vec()], size));
    flow.space(SIGNATURE_SPACE);
    let w = flow.content_width();
    for l in block {
        flow.paragraph_in(
            &Paragraph::new(l, Style::regular(size)).align(Align::Center),
            w / 4.0,
            w / 2.0,
        );
    }
}

/// "หน่วย : บาท" at the right, above a table of amounts.
pub(super) fn unit_line(flow: &mut crate::typeset::Flow, size: f32) {
    use crate::typeset::{Align, Paragraph, Style};
    flow.paragraph(&Paragraph::new("หน่วย : บาท", Style::regular(size)).align(Align::Right));
}

/// A table of amounts' heading, kept with the table's first lines, and the
/// unit line under it.
pub(super) fn amounts_heading(flow: &mut crate::typeset::Flow, text: &str, size: f32, table: f32) {
    use crate::typeset::{Paragraph, Style};
    flow.heading(
        &Paragraph::new(text, Style::bold(size)),
        crate::typeset::layout::line_height(table) * 6.0,
    );
    unit_line(flow, table);
}

/// The budget documents' blocks: the year's reporter signing as
/// `reporter_role` (ผู้รายงาน, ผู้เสนอ), and its approver, each with a date
/// to fill in.
pub(super) fn reporter_and_approver(
    flow: &mut crate::typeset::Flow,
    signed: &crate::domain::Signatures,
    reporter_role: &str,
    size: f32,
) {
    let date = || Some("วันที่ ........................................".to_owned());
    let blocks = [
        Signer {
            role: reporter_role,
            name: &signed.reporter_name,
            position: &signed.reporter_position,
            date: date(),
        },
        Signer {
            role: "ผู้อนุมัติ",
            name: &signed.approver_name,
            position: &signed.approver_position,
            date: date(),
        },
    ]
    .map(|s| s.lines());
    signatures(flow, &blocks, size);
}

/// Column widths for a table of `fixed` columns sized to their widest text
/// (`texts[i]` in `styles`, plus the cell's padding on both sides) and one
/// first column taking the rest of `total`.
pub(super) fn fitted_widths(total: f32, padding: f32, columns: &[Vec<(String, crate::typeset::Style)>]) -> Vec<f32> {
    let fixed: Vec<f32> = columns
        .iter()
        .map(|texts| {
            texts
                .iter()
                .map(|(t, s)| crate::typeset::layout::text_width(t, s))
                .fold(0.0, f32::max)
                + 2.0 * padding
                + 2.0
        })
        .collect();
    let mut widths = vec![(total - fixed.iter().sum::<f32>()).max(total * 0.12)];
    widths.extend(fixed);
    widths
}

/// A memo cited as evidence, as every document words it: "บันทึก ด่วน ที่
/// พณ 0701.08/ว24 ลงวันที่ 5 เมษายน 2566".
pub fn memo_citation(number: &str, date: chrono::NaiveDate, urgency: crate::domain::Urgency, digits: Digits) -> String {
    let urgency = urgency.thai();
    let urgency = if urgency.is_empty() {
        String::new()
    } else {
        format!(" {urgency}")
    };
    format!(
        "บันทึก{urgency} ที่ {number} ลงวันที่ {}",
        crate::thai::date_long(date, digits)
    )
}

/// The organization's emblem decoded for a document, if one is set; an
/// unreadable one is refused in words.
pub(crate) fn emblem_image(org: &crate::domain::Organization) -> crate::error::Result<Option<crate::typeset::Image>> {
    let Some(e) = &org.emblem else {
        return Ok(None);
    };
    let unreadable = |detail: String| crate::refusal::Refusal::ImageUnreadable {
        what: "emblem".into(),
        detail,
    };
    let bytes = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, e.data.as_bytes())
        .map_err(|err| unreadable(err.to_string()))?;
    let img = crate::typeset::Image::decode(&bytes).map_err(|err| unreadable(err.to_string()))?;
    Ok(Some(img))
}
