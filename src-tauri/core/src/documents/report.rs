//! The annual report: title block, Part 1 as the four-column table
//! (มาตรการ · กิจกรรม/แนวทาง · ผลการดำเนินการ · หมายเหตุ), Part 2's
//! outcomes, an optional signature block, page numbers.

use std::sync::Arc;

use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::page::{Signer, signatures, signatures_height};
use crate::domain::{Digits, Evidence, Orientation, Report};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::thai;
use crate::typeset::layout::{line_height, text_width};
use crate::typeset::{
    Align, Block, Cell, Flow, Image, Margins, PageSize, Paragraph, PdfWriter, Span, Style, Table, mm,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportOptions {
    pub digits: Digits,
    pub orientation: Orientation,
}

const BODY: f32 = 16.0;
const GREY: [f32; 3] = [0.35, 0.35, 0.35];
const LINK: [f32; 3] = [0.05, 0.25, 0.6];
const RULE: [f32; 3] = [0.25, 0.25, 0.25];
const HEADER_FILL: [f32; 3] = [0.88, 0.9, 0.93];

/// Labelled paragraph: the label ("1.", "1)") at the level's indent, the
/// text hanging after it.
fn numbered(label: &str, text: &str, level: u8, style: &Style) -> Paragraph {
    let base = f32::from(level) * 18.0;
    let p = Paragraph::new(text, style.clone());
    if label.is_empty() {
        return p.indents(base, base);
    }
    let hang = base + (text_width(label, style) + 5.0).max(20.0);
    let mut p = p.label(Span::new(label, style.clone()), hang);
    p.label_indent = base;
    p
}

/// The PDF of `report` (storage form; digits are applied here).
pub fn report_pdf(report: &Report, opts: &ReportOptions) -> Result<Vec<u8>> {
    let r = report.clone().for_display(opts.digits);
    let size = match opts.orientation {
        Orientation::Landscape => PageSize::A4_LANDSCAPE,
        Orientation::Portrait => PageSize::A4_PORTRAIT,
    };
    let title = r.year.title.join(" ");
    let margins = Margins {
        top: mm(20.0),
        right: mm(15.0),
        bottom: mm(15.0),
        left: mm(20.0),
    };
    let mut flow = Flow::new(PdfWriter::new(&title, size), margins);
    let body = Style::regular(BODY);
    let bold = Style::bold(BODY);

    for line in &r.year.title {
        flow.paragraph(&Paragraph::new(line, Style::bold(20.0)).align(Align::Center));
    }
    if !r.year.title.is_empty() {
        flow.space(8.0);
    }
    for line in &r.year.heading {
        flow.paragraph(&Paragraph::new(line, Style::bold(BODY)).align(Align::Center));
    }
    flow.space(10.0);
    if !r.year.part1_heading.is_empty() {
        // With the table's header and a row's first lines.
        flow.heading(
            &Paragraph::new(&r.year.part1_heading, Style::bold(BODY)),
            line_height(BODY) * 4.0,
        );
        flow.space(4.0);
    }

    let w = flow.content_width();
    // Remarks: at least as wide as its header; the rest in proportion.
    let columns = &r.year.columns;
    let remarks_w = (0.12 * w).max(text_width(&columns[3], &bold) + 2.0 * 5.0 + 6.0);
    let rest = w - remarks_w;
    let mut widths: Vec<f32> = [0.19, 0.33, 0.48].iter().map(|f| f * rest).collect();
    widths.push(remarks_w);
    let head = |t: &str| -> Cell { vec![Block::Para(Paragraph::new(t, bold.clone()).align(Align::Center))] };
    let mut images = ImageCache::default();
    let mut rows = Vec::with_capacity(r.measures.len());
    for m in &r.measures {
        let title_cell = vec![Block::Para(Paragraph::new(&m.title, body.clone()))];
        let activities = m
            .activities
            .iter()
            .map(|a| Block::Para(numbered(&a.label, &a.text, a.level, &body)))
            .collect();
        let mut results = Vec::new();
        for item in &m.results {
            results.push(Block::Para(numbered(&item.label, &item.text, item.level, &body)));
            let indent = numbered(&item.label, "", item.level, &body).indent;
            for e in &item.evidence {
                match &e.evidence {
                    Evidence::Url { url } if !item.text.contains(url.as_str()) => {
                        let mut p = Paragraph::new(url, body.clone().with_color(LINK));
                        p = p.indents(indent, indent);
                        results.push(Block::Para(p));
                    }
                    Evidence::Memo { number, date, urgency } if !item.text.contains(number.as_str()) => {
                        let text = format!("({})", super::page::memo_citation(number, *date, *urgency, opts.digits));
                        results.push(Block::Para(
                            Paragraph::new(text, body.clone().with_color(GREY)).indents(indent, indent),
                        ));
                    }
                    Evidence::Image { name, data, .. } => {
                        let image = images.get(e.id, name, data)?;
                        results.push(Block::Image {
                            image,
                            key: e.id as usize,
                            max_height: mm(70.0),
                        });
                    }
                    _ => {}
                }
            }
        }
        let remarks = if m.remarks.is_empty() {
            vec![]
        } else {
            vec![Block::Para(Paragraph::new(&m.remarks, body.clone()))]
        };
        rows.push(vec![title_cell, activities, results, remarks]);
    }
    flow.table(&Table {
        widths,
        header: columns.iter().map(|c| head(c)).collect(),
        rows,
        padding: 5.0,
        rule: 0.6,
        rule_color: RULE,
        header_fill: Some(HEADER_FILL),
        total: false,
    })?;

    let signed = signature_blocks(&r, opts.digits);
    let signed_h = signatures_height(&signed, BODY);
    if !r.outcomes.is_empty() || !r.year.part2_heading.is_empty() {
        flow.space(14.0);
        if !r.year.part2_heading.is_empty() {
            flow.heading(
                &Paragraph::new(&r.year.part2_heading, Style::bold(BODY)),
                line_height(BODY) * 2.0,
            );
            flow.space(4.0);
        }
        let w = flow.content_width();
        for (i, o) in r.outcomes.iter().enumerate() {
            let p = numbered(&o.label, &o.text, 0, &body)
                .indents(mm(8.0) + 28.0, mm(8.0) + 28.0)
                .align(Align::Justify);
            // The signatures never stand alone on a page: the last outcome
            // goes over with them.
            if i + 1 == r.outcomes.len() && signed_h > 0.0 {
                flow.keep(Flow::height_of(&p, w) + signed_h);
            }
            flow.paragraph(&p);
        }
    }
    signatures(&mut flow, &signed, BODY);

    let digits = opts.digits;
    flow.finish(super::page::page_numbers(digits, BODY, mm(8.0)))
        .map_err(CoreError::from)
}

/// Reporter and approving head of agency (OIT asks for the head's
/// approval): the blocks that have a name or a position.
fn signature_blocks(r: &Report, digits: Digits) -> Vec<Vec<String>> {
    let s = &r.year.signatures;
    let mut blocks = Vec::new();
    if !s.reporter_name.is_empty() || !s.reporter_position.is_empty() {
        blocks.push(
            Signer {
                role: "ผู้รายงาน",
                name: &s.reporter_name,
                position: &s.reporter_position,
                date: None,
            }
            .lines(),
        );
    }
    if !s.approver_name.is_empty() || !s.approver_position.is_empty() {
        // The approval's date under the approver, whether or not a reporter signs too.
        blocks.push(
            Signer {
                role: "ผู้อนุมัติ",
                name: &s.approver_name,
                position: &s.approver_position,
                date: s.approved_on.map(|d| format!("วันที่ {}", thai::date_long(d, digits))),
            }
            .lines(),
        );
    }
    blocks
}

#[derive(Default)]
struct ImageCache {
    images: Vec<(i64, Arc<Image>)>,
}

impl ImageCache {
    fn get(&mut self, id: i64, name: &str, data: &str) -> Result<Arc<Image>> {
        if let Some((_, img)) = self.images.iter().find(|(i, _)| *i == id) {
            return Ok(img.clone());
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.as_bytes())
            .map_err(|e| Refusal::ImageUnreadable {
                what: name.to_owned(),
                detail: e.to_string(),
            })?;
        let img = Arc::new(Image::decode(&bytes).map_err(|e| Refusal::ImageUnreadable {
            what: name.to_owned(),
            detail: e.to_string(),
        })?);
        self.images.push((id, img.clone()));
        Ok(img)
    }
}
