//! The ITA documents: O25 (the analysis of last round's result and the
//! measures set from it, for the director to approve) and the ITAS answer
//! sheet, both landscape A4 with the same type as every document.

use rust_decimal::Decimal;

use super::page::{fitted_widths, reporter_and_approver};
use crate::domain::{Digits, Organization, Signatures};
use crate::error::{CoreError, Result};
use crate::ita::analysis::Analysis;
use crate::ita::answers::{Answer, check_words};
use crate::thai;
use crate::typeset::{Align, Block, Cell, Flow, Paragraph, Style, Table, mm};

const RED: [f32; 3] = [0.75, 0.0, 0.0];
const TABLE: f32 = 14.0;
const BODY: f32 = 16.0;
const PADDING: f32 = 4.0;

fn cell(text: impl Into<String>, style: &Style, align: Align) -> Cell {
    vec![Block::Para(Paragraph::new(text.into(), style.clone()).align(align))]
}

fn table(widths: Vec<f32>, header: Vec<Cell>, rows: Vec<Vec<Cell>>) -> Table {
    Table {
        widths,
        header,
        rows,
        padding: PADDING,
        rule: 0.5,
        rule_color: [0.3, 0.3, 0.3],
        header_fill: Some([0.88, 0.9, 0.93]),
        total: false,
    }
}

/// The widths of `fixed` columns fitted to their texts, the rest shared by
/// the columns named in `share` (proportions).
fn widths(flow: &Flow, fixed: &[Vec<(String, Style)>], share: &[f32]) -> Vec<f32> {
    let fitted = fitted_widths(flow.content_width(), PADDING, fixed);
    let rest = fitted[0];
    let total: f32 = share.iter().sum();
    share
        .iter()
        .map(|s| rest * s / total)
        .chain(fitted[1..].iter().copied())
        .collect()
}

/// The O25 document: the analysis table (indicator · score · change ·
/// issue found · measures), the measures with owner and timeline, the
/// indicators still unanswered, and the reporter's and director's blocks.
pub fn analysis_pdf(a: &Analysis, org: &Organization, signed: &Signatures, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let num = |v: Decimal| d(&format!("{v:.2}"));
    let title = "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร".to_owned();
    let mut flow = super::page::landscape_document(&title, &org.name_th);
    for line in [
        format!(
            "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี พ.ศ. {}",
            a.scores_year
        ),
        format!("และมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {}", a.year_be),
    ] {
        flow.paragraph(&Paragraph::new(d(&line), Style::regular(BODY)).align(Align::Center));
    }
    if a.sample {
        flow.paragraph(
            &Paragraph::new(
                "ตัวอย่าง: คะแนนในเอกสารนี้เป็นคะแนนสมมติ ไม่ใช่ผลการประเมินจริงของหน่วยงาน",
                Style::bold(BODY).with_color(RED),
            )
            .align(Align::Center),
        );
    }
    flow.space(8.0);

    let body = Style::regular(TABLE);
    let bold = Style::bold(TABLE);
    let measure_no = |i: usize| d(&format!("มาตรการที่ {}", i + 1));
    let change_text = |r: &crate::ita::analysis::AnalysisRow| match r.change {
        Some(c) if c > Decimal::ZERO => d(&format!("+{c:.2}")),
        Some(c) => num(c),
        None => "-".to_owned(),
    };
    let flags = |r: &crate::ita::analysis::AnalysisRow| {
        let mut f = Vec::new();
        if r.below {
            f.push(d("ต่ำกว่า 85"));
        }
        if r.fell {
            f.push("ลดลง".to_owned());
        }
        f.join(" · ")
    };
    let prev_year = a.scores_year - 1;
    let fixed = vec![
        vec![
            (d(&format!("คะแนน {}", a.scores_year)), bold.clone()),
            ("100.00".into(), body.clone()),
        ],
        vec![(d(&format!("คะแนน {prev_year}")), bold.clone())],
        vec![("เปลี่ยนแปลง".into(), bold.clone()), (d("ต่ำกว่า 85 · ลดลง"), body.clone())],
        vec![(measure_no(9), body.clone()), ("ยังไม่มีมาตรการ".into(), body.clone())],
    ];
    let w = widths(&flow, &fixed, &[0.42, 0.58]);
    let header = vec![
        cell("ตัวชี้วัด", &bold, Align::Center),
        cell("ประเด็นที่พบ", &bold, Align::Center),
        cell(d(&format!("คะแนน {}", a.scores_year)), &bold, Align::Center),
        cell(d(&format!("คะแนน {prev_year}")), &bold, Align::Center),
        cell("เปลี่ยนแปลง", &bold, Align::Center),
        cell("มาตรการ", &bold, Align::Center),
    ];
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let flagged = r.needs_measure();
            let s = if flagged { &bold } else { &body };
            let mut change = vec![Block::Para(
                Paragraph::new(change_text(r), s.clone()).align(Align::Right),
            )];
            if flagged {
                change.push(Block::Para(
                    Paragraph::new(flags(r), body.clone().with_color(RED)).align(Align::Right),
                ));
            }
            let measures = if r.measures.is_empty() && flagged {
                cell("ยังไม่มีมาตรการ", &body.clone().with_color(RED), Align::Left)
            } else {
                cell(
                    r.measures.iter().map(|i| measure_no(*i)).collect::<Vec<_>>().join(", "),
                    &body,
                    Align::Left,
                )
            };
            vec![
                cell(
                    d(&format!("{} {} {}", r.instrument.label(), r.indicator, r.name)),
                    s,
                    Align::Left,
                ),
                cell(
                    if r.issue.is_empty() {
                        "-".to_owned()
                    } else {
                        d(&r.issue)
                    },
                    &body,
                    Align::Left,
                ),
                cell(num(r.score), s, Align::Right),
                cell(r.previous.map_or_else(|| "-".to_owned(), num), &body, Align::Right),
                change,
                measures,
            ]
        })
        .collect();
    flow.heading(
        &Paragraph::new("ตารางที่ ๑ ผลการวิเคราะห์รายตัวชี้วัด", Style::bold(BODY)),
        crate::typeset::layout::line_height(TABLE) * 6.0,
    );
    flow.table(&table(w, header, rows))?;
    flow.space(10.0);

    flow.heading(
        &Paragraph::new(
            d(&format!(
                "ตารางที่ ๒ มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {}",
                a.year_be
            )),
            Style::bold(BODY),
        ),
        crate::typeset::layout::line_height(TABLE) * 6.0,
    );
    if a.measures.is_empty() {
        flow.paragraph(&Paragraph::new("ยังไม่ได้กำหนดมาตรการ", body.clone()));
    } else {
        let fixed = vec![
            vec![("ที่".into(), bold.clone()), (d("99"), body.clone())],
            vec![("ตัวชี้วัดที่ตอบ".into(), bold.clone())],
        ];
        let w = widths(&flow, &fixed, &[0.5, 0.28, 0.22]);
        let w = vec![w[3], w[0], w[4], w[1], w[2]];
        let header = ["ที่", "มาตรการ", "ตัวชี้วัดที่ตอบ", "ผู้รับผิดชอบ", "ระยะเวลา"]
            .iter()
            .map(|h| cell(*h, &bold, Align::Center))
            .collect();
        let rows = a
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    cell(d(&(i + 1).to_string()), &body, Align::Center),
                    cell(d(&m.title), &body, Align::Left),
                    cell(d(&m.indicators.join(", ")), &body, Align::Center),
                    cell(d(&m.owner), &body, Align::Left),
                    cell(d(&m.timeline), &body, Align::Left),
                ]
            })
            .collect();
        flow.table(&table(w, header, rows))?;
    }
    if !a.unanswered.is_empty() {
        flow.space(4.0);
        flow.paragraph(&Paragraph::new(
            d(&format!(
                "หมายเหตุ ตัวชี้วัดที่ต่ำกว่าร้อยละ 85 หรือลดลงจากปีก่อนซึ่งยังไม่มีมาตรการ: ตัวชี้วัดที่ {}",
                a.unanswered.join(", ")
            )),
            Style::regular(TABLE).with_color(RED),
        ));
    }
    if !a.source.is_empty() {
        flow.space(4.0);
        flow.paragraph(&Paragraph::new(
            format!("ที่มาของคะแนน: {}", d(&a.source)),
            Style::regular(TABLE),
        ));
    }
    reporter_and_approver(&mut flow, signed, "ผู้จัดทำ", BODY);
    flow.finish(super::page::page_numbers(digits, BODY, mm(6.0)))
        .map_err(CoreError::from)
}

/// The ITAS answer sheet: every item with มี/ไม่มี, its URL, the
/// explanation, and what the URL check found.
pub fn answers_pdf(year_be: i32, answers: &[Answer], org: &Organization, digits: Digits) -> Result<Vec<u8>> {
    let d = |s: &str| thai::to_display(s, digits);
    let title = d(&format!("แบบตอบข้อมูลพื้นฐาน (OIT) ในระบบ ITAS ประจำปี พ.ศ. {year_be}"));
    let mut flow = super::page::landscape_document(&title, &org.name_th);
    flow.space(6.0);
    let body = Style::regular(TABLE);
    let bold = Style::bold(TABLE);
    let fixed = vec![
        vec![("ข้อ".into(), bold.clone()), ("O26".into(), body.clone())],
        vec![("ปีข้อมูล".into(), bold.clone()), (d("2568"), body.clone())],
        vec![("มี/ไม่มี".into(), bold.clone())],
    ];
    let w = widths(&flow, &fixed, &[0.36, 0.24, 0.24, 0.16]);
    // ข้อ, หัวข้อ, ปี, มี/ไม่มี, URL, คำอธิบาย, ผลตรวจ
    let w = vec![w[4], w[0], w[5], w[6], w[1], w[2], w[3]];
    let header = ["ข้อ", "หัวข้อ", "ปีข้อมูล", "มี/ไม่มี", "URL", "คำอธิบายเพิ่มเติม", "ผลการตรวจ URL"]
        .iter()
        .map(|h| cell(*h, &bold, Align::Center))
        .collect();
    let rows = answers
        .iter()
        .map(|a| {
            let words = check_words(&a.check);
            vec![
                cell(&a.code, &body, Align::Left),
                cell(d(&a.title), &body, Align::Left),
                cell(d(&a.fiscal_year.to_string()), &body, Align::Center),
                cell(if a.has { "มี" } else { "ไม่มี" }, &body, Align::Center),
                cell(&a.url, &body, Align::Left),
                cell(d(&a.explanation), &body, Align::Left),
                if words.is_empty() {
                    cell(
                        if a.url.is_empty() {
                            ""
                        } else {
                            "รูปแบบถูกต้อง"
                        },
                        &body,
                        Align::Left,
                    )
                } else {
                    cell(words, &body.clone().with_color(RED), Align::Left)
                },
            ]
        })
        .collect();
    flow.table(&table(w, header, rows))?;
    flow.finish(super::page::page_numbers(digits, BODY, mm(6.0)))
        .map_err(CoreError::from)
}
