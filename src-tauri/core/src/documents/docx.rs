//! The annual report and the memo as Word files (docx-rs), for staff who
//! finish a circular in Word: TH Sarabun New 16 pt, the regulation's
//! margins (left 3 cm, right 2 cm), the report's four-column table with
//! its header row repeated on every page, body text in Thai distributed
//! justification.
//!
//! docx-rs writes neither a repeated header row nor Word's Thai
//! distribution, so both are set in the built XML before it is zipped
//! (`finish`). docx-rs numbers paragraphs anew in `build`, and the one
//! picture's id is set here, so the same records give the same bytes.

use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, Paragraph, Pic, Run, RunFonts,
    Shading, ShdType, SpecialIndentType, Table, TableCell, TableRow, WidthType,
};

use crate::domain::{Digits, Evidence, Memo, Organization, Orientation, Report};
use crate::error::{CoreError, Result};
use crate::thai;

/// The face the regulation names; a reader without it sees its own Thai face.
pub const FONT: &str = "TH Sarabun New";
/// 16 pt, in Word's half-points.
const BODY: usize = 32;
/// One centimetre in twentieths of a point.
const CM: i32 = 567;
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);
/// Marks the header row until `finish` repeats it on every page.
const HEADER_MARK: &str = "<w:cantSplit />";

fn fail(e: impl std::fmt::Display) -> CoreError {
    CoreError::Io(format!("cannot write the Word file: {e}"))
}

fn base(orientation: Orientation) -> Docx {
    let (w, h) = match orientation {
        Orientation::Portrait => A4,
        Orientation::Landscape => (A4.1, A4.0),
    };
    let doc = Docx::new()
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).east_asia(FONT).cs(FONT))
        .default_size(BODY)
        .page_size(w, h)
        .page_margin(PageMargin {
            top: (25 * CM) / 10,
            left: 3 * CM,
            bottom: 2 * CM,
            right: 2 * CM,
            header: CM,
            footer: CM,
            gutter: 0,
        });
    match orientation {
        Orientation::Portrait => doc,
        Orientation::Landscape => doc.page_orient(PageOrientationType::Landscape),
    }
}

/// The text width between the margins, in twips.
fn text_width(orientation: Orientation) -> usize {
    let w = match orientation {
        Orientation::Portrait => A4.0,
        Orientation::Landscape => A4.1,
    };
    w as usize - 5 * CM as usize
}

fn run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// A paragraph of `text`, its lines kept as line breaks.
fn para(text: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in text.lines().enumerate() {
        let mut r = run(line);
        if i > 0 {
            r = Run::new().add_break(BreakType::TextWrapping).add_text(line);
        }
        p = p.add_run(r);
    }
    p.line_spacing(LineSpacing::new().after(0))
}

fn centred_bold(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text).bold())
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(0))
}

/// "1." hanging before its text, indented by level.
fn labelled(level: u8, label: &str, text: &str) -> Paragraph {
    let base = i32::from(level) * 360;
    if label.is_empty() {
        return para(text).indent(Some(base), None, None, None);
    }
    let hang = 360;
    Paragraph::new()
        .add_run(run(label))
        .add_run(Run::new().add_tab())
        .add_run(run(&text.replace('\n', " ")))
        .indent(Some(base + hang), Some(SpecialIndentType::Hanging(hang)), None, None)
        .line_spacing(LineSpacing::new().after(0))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa);
    if paragraphs.is_empty() {
        return c.add_paragraph(Paragraph::new());
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// Evidence as a line under its result, as the PDF prints it; `None` when
/// the result's text already says it.
fn evidence_line(e: &Evidence, text: &str, digits: Digits) -> Option<String> {
    match e {
        Evidence::Memo { number, .. } | Evidence::Url { url: number } if text.contains(number.as_str()) => None,
        Evidence::Memo { number, date, urgency } => Some(format!(
            "({})",
            super::page::memo_citation(number, *date, *urgency, digits)
        )),
        Evidence::Url { url } => Some(url.clone()),
        Evidence::Image { name, .. } => Some(format!("ภาพ: {name}")),
    }
}

/// Puts Word's own Thai distribution and the repeated header row into the
/// built XML, then zips it.
fn finish(doc: Docx) -> Result<Vec<u8>> {
    let mut xml = doc.build();
    let text = String::from_utf8(std::mem::take(&mut xml.document)).map_err(fail)?;
    let text = text
        .replace(HEADER_MARK, "<w:cantSplit /><w:tblHeader />")
        .replace(r#"<w:jc w:val="both" />"#, r#"<w:jc w:val="thaiDistribute" />"#);
    xml.document = text.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(fail)?;
    Ok(out.into_inner())
}

/// The report (storage form; digits applied here) as a Word file.
pub fn report_docx(report: &Report, digits: Digits) -> Result<Vec<u8>> {
    let r = report.clone().for_display(digits);
    let orientation = r.organization.orientation;
    let mut doc = base(orientation);
    for t in &r.year.title {
        doc = doc.add_paragraph(centred_bold(t));
    }
    doc = doc.add_paragraph(Paragraph::new());
    for t in &r.year.heading {
        doc = doc.add_paragraph(centred_bold(t));
    }
    doc = doc.add_paragraph(Paragraph::new().add_run(run(&r.year.part1_heading).bold()));

    let total = text_width(orientation);
    let widths: Vec<usize> = [22, 30, 33, 15].iter().map(|p| total * p / 100).collect();
    let header = TableRow::new(
        r.year
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                cell(vec![centred_bold(c)], *w).shading(Shading::new().shd_type(ShdType::Clear).fill("E4E9F0"))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for m in &r.measures {
        let activities = m
            .activities
            .iter()
            .map(|a| labelled(a.level, &a.label, &a.text))
            .collect();
        let mut results = Vec::new();
        for res in &m.results {
            results.push(labelled(res.level, &res.label, &res.text));
            for line in res
                .evidence
                .iter()
                .filter_map(|e| evidence_line(&e.evidence, &res.text, digits))
            {
                let indent = i32::from(res.level) * 360 + 360;
                results.push(para(&line).indent(Some(indent), None, None, None));
            }
        }
        rows.push(TableRow::new(vec![
            cell(vec![para(&m.title).bold_all()], widths[0]),
            cell(activities, widths[1]),
            cell(results, widths[2]),
            cell(vec![para(&m.remarks)], widths[3]),
        ]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(widths.clone()));

    if !r.outcomes.is_empty() {
        doc = doc.add_paragraph(Paragraph::new());
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(&r.year.part2_heading).bold())
                .keep_next(true),
        );
        for o in &r.outcomes {
            doc = doc.add_paragraph(labelled(0, &o.label, &o.text).align(AlignmentType::Both));
        }
    }
    let s = &r.year.signatures;
    for (role, name, position) in [
        ("ผู้รายงาน", &s.reporter_name, &s.reporter_position),
        ("ผู้อนุมัติ", &s.approver_name, &s.approver_position),
    ] {
        if name.is_empty() {
            continue;
        }
        doc = doc.add_paragraph(Paragraph::new());
        doc = doc.add_paragraph(centred(&format!("({name})")).keep_next(true));
        if !position.is_empty() {
            doc = doc.add_paragraph(centred(position).keep_next(true));
        }
        doc = doc.add_paragraph(centred(role));
    }
    if let Some(d) = s.approved_on {
        doc = doc.add_paragraph(centred(&format!("วันที่ {}", thai::date_long(d, digits))));
    }
    finish(doc)
}

fn centred(text: &str) -> Paragraph {
    para(text).align(AlignmentType::Center)
}

trait BoldAll {
    fn bold_all(self) -> Self;
}

impl BoldAll for Paragraph {
    /// Every run of the paragraph in bold.
    fn bold_all(mut self) -> Self {
        self.children = self
            .children
            .into_iter()
            .map(|c| match c {
                docx_rs::ParagraphChild::Run(r) => docx_rs::ParagraphChild::Run(Box::new(r.bold())),
                other => other,
            })
            .collect();
        self
    }
}

/// A memo (บันทึกข้อความ) as a Word file: the emblem 1.5 cm high, the
/// heading, the fields, the body with its first-line indent, the signer.
pub fn memo_docx(memo: &Memo, org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let m = &memo.memo;
    let mut doc = base(Orientation::Portrait);
    if !m.urgency.thai().is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(m.urgency.thai()).bold().size(64).color("C00000")));
    }
    if !m.secrecy.thai().is_empty() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(m.secrecy.thai()).bold().color("C00000"))
                .align(AlignmentType::Center),
        );
    }
    let mut heading = Paragraph::new().align(AlignmentType::Left);
    if let Some(img) = super::page::emblem_image(org)? {
        // 1.5 cm high, in EMU (360,000 a centimetre).
        let h = 540_000_u32;
        let w = (h as f32 / img.aspect()) as u32;
        let pic = Pic::new_with_dimensions(img.png().map_err(fail)?, img.width_px as u32, img.height_px as u32)
            .id("rIdImage1")
            .size(w, h);
        heading = heading.add_run(Run::new().add_image(pic)).add_run(Run::new().add_tab());
    }
    heading = heading.add_run(run("บันทึกข้อความ").bold().size(58));
    doc = doc.add_paragraph(heading);
    let field = |name: &str, value: &str| {
        Paragraph::new()
            .add_run(run(name).bold().size(40))
            .add_run(run(&format!("  {value}")))
            .line_spacing(LineSpacing::new().after(0))
    };
    doc = doc.add_paragraph(field("ส่วนราชการ", &d(&m.division)));
    let number = m.number.strip_prefix("ที่").map_or(m.number.as_str(), str::trim_start);
    doc = doc.add_paragraph(
        field("ที่", &d(number))
            .add_run(Run::new().add_tab())
            .add_run(run("วันที่").bold().size(40))
            .add_run(run(&format!("  {}", thai::date_long(m.date, digits)))),
    );
    doc = doc.add_paragraph(field("เรื่อง", &d(&m.subject)));
    doc = doc.add_paragraph(Paragraph::new());
    if !m.recipient.is_empty() {
        doc = doc.add_paragraph(para(&format!("เรียน  {}", d(&m.recipient))));
        doc = doc.add_paragraph(Paragraph::new());
    }
    for text in m.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        doc = doc.add_paragraph(
            para(&d(text))
                .indent(None, Some(SpecialIndentType::FirstLine((25 * CM) / 10)), None, None)
                .align(AlignmentType::Both)
                .line_spacing(LineSpacing::new().after(120)),
        );
    }
    doc = doc.add_paragraph(Paragraph::new());
    doc = doc.add_paragraph(Paragraph::new());
    let signer = |text: &str| {
        para(text)
            .indent(Some(8 * CM), None, None, None)
            .align(AlignmentType::Center)
    };
    if !m.signer_name.is_empty() {
        doc = doc.add_paragraph(signer(&format!("({})", d(&m.signer_name))));
    }
    if !m.signer_position.is_empty() {
        doc = doc.add_paragraph(signer(&d(&m.signer_position)));
    }
    finish(doc)
}
