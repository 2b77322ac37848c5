//! Infographics from the records, for LINE Official (1040 × 1040 px) and
//! for print (A4 portrait, PNG or PDF): the budget spent at 6 or 12 months,
//! the complaint channels, the borrowing steps of ข้อ 207–209.
//!
//! Drawn with this project's own shaping and line breaking (the typeset
//! crate), the text as the glyphs' outlines, and rasterised by resvg: no
//! web view, no system font, the same pixels on every machine.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::Loan;
use crate::budget::{Category, Monitoring};
use crate::domain::{Digits, Organization};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::status::LoanState;
use crate::thai;
use crate::typeset::chart::{Chart, Series, bar_chart};
use crate::typeset::layout::{Rgb, layout};
use crate::typeset::{Align, Area, PageSize, Paragraph, PdfWriter, Style};

/// What an infographic shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[ts(rename = "InfographicKind")]
pub enum Kind {
    /// Budget spent against the plan, by category, at 6 or 12 months.
    Budget,
    /// The complaint channels.
    Channels,
    /// The borrowing steps of ข้อ 207–209.
    Borrowing,
}

impl Kind {
    /// The name as sent and as file names carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Budget => "budget",
            Kind::Channels => "channels",
            Kind::Borrowing => "borrowing",
        }
    }
}

/// Where it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[ts(rename = "InfographicSize")]
pub enum Size {
    /// 1040 × 1040 px, LINE Official's square.
    Line,
    /// A4 portrait: 1240 × 1754 px (150 dpi), or a PDF.
    A4,
}

impl Size {
    /// The name as sent and as file names carry it.
    pub fn as_str(self) -> &'static str {
        match self {
            Size::Line => "line",
            Size::A4 => "a4",
        }
    }
}

/// The two colour schemes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
#[ts(rename = "InfographicTheme")]
pub enum Theme {
    /// Navy and gold.
    #[default]
    Navy,
    /// Green and orange.
    Green,
}

struct Palette {
    primary: Rgb,
    accent: Rgb,
    light: Rgb,
    ink: Rgb,
    muted: Rgb,
}

const WHITE: Rgb = [1.0, 1.0, 1.0];

impl Theme {
    fn palette(self) -> Palette {
        match self {
            Theme::Navy => Palette {
                primary: [0.09, 0.2, 0.38],
                accent: [0.78, 0.55, 0.1],
                light: [0.93, 0.95, 0.98],
                ink: [0.1, 0.12, 0.16],
                muted: [0.3, 0.34, 0.4],
            },
            Theme::Green => Palette {
                primary: [0.04, 0.35, 0.26],
                accent: [0.85, 0.45, 0.1],
                light: [0.92, 0.97, 0.94],
                ink: [0.08, 0.14, 0.12],
                muted: [0.26, 0.34, 0.3],
            },
        }
    }
}

/// The records an infographic is drawn from.
pub struct Facts {
    pub org: Organization,
    pub year_be: i32,
    /// The budget's monitoring, for [`Kind::Budget`].
    pub monitoring: Option<Monitoring>,
    /// The year's loans, for [`Kind::Borrowing`].
    pub loans: Vec<Loan>,
}

/// A page being drawn: sizes are given for the 1040-wide square and
/// scaled by `u` for A4.
struct Canvas {
    pdf: PdfWriter,
    w: f32,
    h: f32,
    u: f32,
    p: Palette,
    digits: Digits,
}

impl Canvas {
    fn new(size: Size, theme: Theme, title: &str, digits: Digits, outlined: bool) -> Canvas {
        let page = match size {
            Size::Line => PageSize {
                width: 1040.0,
                height: 1040.0,
            },
            Size::A4 => PageSize::A4_PORTRAIT,
        };
        let pdf = PdfWriter::new(title, page);
        let mut pdf = if outlined { pdf.with_outlined_preview() } else { pdf };
        pdf.add_page();
        Canvas {
            pdf,
            w: page.width,
            h: page.height,
            u: page.width / 1040.0,
            p: theme.palette(),
            digits,
        }
    }

    fn style(&self, size: f32, bold: bool, color: Rgb) -> Style {
        let s = if bold {
            Style::bold(size * self.u)
        } else {
            Style::regular(size * self.u)
        };
        s.with_color(color)
    }

    /// Sets `text` in a box at (`x`, `top`) `width` wide; the height used.
    fn text(&mut self, text: &str, style: Style, align: Align, (x, top, width): (f32, f32, f32)) -> f32 {
        let p = Paragraph::new(thai::to_display(text, self.digits), style).align(align);
        let mut y = top;
        for line in layout(&p, width) {
            self.pdf.line(0, x, y, &line);
            y += line.height;
        }
        y - top
    }

    /// The height `text` takes in a box `width` wide.
    fn height(&self, text: &str, style: Style, width: f32) -> f32 {
        let p = Paragraph::new(thai::to_display(text, self.digits), style);
        layout(&p, width).iter().map(|l| l.height).sum()
    }

    fn rect(&mut self, (x, top, w, h): (f32, f32, f32, f32), fill: Rgb) {
        self.pdf.rect(0, Area { x, top, w, h }, None, Some(fill));
    }

    /// The band at the top: emblem, organization, title; the content's top.
    fn header(&mut self, org: &Organization, title: &str, subtitle: &str) -> Result<f32> {
        let u = self.u;
        let margin = 56.0 * u;
        let band = 220.0 * u;
        self.rect((0.0, 0.0, self.w, band), self.p.primary);
        self.rect((0.0, band, self.w, 10.0 * u), self.p.accent);
        let mut x = margin;
        if let Some(img) = crate::documents::emblem_image(org)? {
            let h = 120.0 * u;
            let w = h / img.aspect();
            self.pdf.image(0, 0, &img, Area { x, top: 40.0 * u, w, h });
            x += w + 28.0 * u;
        }
        let width = self.w - x - margin;
        let mut y = 30.0 * u;
        y += self.text(
            &org.name_th,
            self.style(30.0, true, self.p.light),
            Align::Left,
            (x, y, width),
        );
        y += self.text(title, self.style(46.0, true, WHITE), Align::Left, (x, y, width));
        self.text(
            subtitle,
            self.style(28.0, false, self.p.light),
            Align::Left,
            (x, y, width),
        );
        Ok(band + 40.0 * u)
    }

    /// The band at the foot: where the figures come from.
    fn footer(&mut self, text: &str) {
        let u = self.u;
        let h = 70.0 * u;
        let top = self.h - h;
        self.rect((0.0, top, self.w, h), self.p.primary);
        let style = self.style(24.0, false, WHITE);
        self.text(
            text,
            style,
            Align::Center,
            (40.0 * u, top + 16.0 * u, self.w - 80.0 * u),
        );
    }
}

fn year_text(year_be: i32) -> String {
    format!("ปีงบประมาณ พ.ศ. {year_be}")
}

fn million(v: f64) -> String {
    format!("{:.1}", v / 1_000_000.0)
}

fn budget(c: &mut Canvas, facts: &Facts) -> Result<()> {
    let m = facts
        .monitoring
        .as_ref()
        .ok_or(Refusal::NoBudgetToShow { year_be: facts.year_be })?;
    let u = c.u;
    let title = format!("ผลการใช้จ่ายงบประมาณ รอบ {} เดือน", m.through_month);
    let subtitle = format!(
        "{} · ข้อมูล ณ วันที่ {}",
        year_text(facts.year_be),
        thai::date_long(m.through, Digits::Arabic)
    );
    let mut y = c.header(&facts.org, &title, &subtitle)?;
    let margin = 56.0 * u;
    let inner = c.w - 2.0 * margin;
    let gap = 24.0 * u;
    let card = (inner - 2.0 * gap) / 3.0;
    let t = &m.total;
    let percent = t.percent_disbursed.unwrap_or_default().round_dp(2);
    let cards = [
        (
            "งบประมาณที่ได้รับ (บาท)",
            crate::money::format_amount(t.allocated, c.digits),
        ),
        ("เบิกจ่ายแล้ว (บาท)", crate::money::format_amount(t.disbursed, c.digits)),
        ("ร้อยละการเบิกจ่าย", format!("{percent}")),
    ];
    let card_h = 150.0 * u;
    for (i, (label, value)) in cards.iter().enumerate() {
        let x = margin + i as f32 * (card + gap);
        c.rect((x, y, card, card_h), c.p.light);
        c.rect((x, y, 8.0 * u, card_h), c.p.accent);
        let style = c.style(26.0, false, c.p.muted);
        c.text(label, style, Align::Center, (x, y + 18.0 * u, card));
        let style = c.style(if i == 2 { 64.0 } else { 44.0 }, true, c.p.primary);
        c.text(value, style, Align::Center, (x, y + 62.0 * u, card));
    }
    y += card_h + 16.0 * u;
    let words = format!("เบิกจ่ายแล้ว ({})", crate::money::baht_text(t.disbursed));
    let style = c.style(26.0, false, c.p.ink);
    y += c.text(&words, style, Align::Center, (margin, y, inner)) + 20.0 * u;

    let labels: Vec<String> = m
        .by_category
        .iter()
        .map(|r| Category::parse(&r.key).map_or_else(|| r.key.clone(), |k| k.thai().to_owned()))
        .map(|l| thai::to_display(&l, c.digits))
        .collect();
    let values = |f: fn(&crate::budget::MonitorRow) -> Decimal| -> Vec<Option<f64>> {
        m.by_category.iter().map(|r| f(r).to_f64()).collect()
    };
    let series = [
        Series {
            name: "แผนการใช้จ่าย".into(),
            color: c.p.primary,
            values: values(|r| r.planned),
        },
        Series {
            name: "เบิกจ่ายจริง".into(),
            color: c.p.accent,
            values: values(|r| r.disbursed),
        },
    ];
    let style = c.style(24.0, false, c.p.ink);
    let digits = c.digits;
    let value = move |v: f64| thai::to_display(&million(v), digits);
    let footer_h = 70.0 * u;
    let area = Area {
        x: margin,
        top: y,
        w: inner,
        h: c.h - footer_h - 24.0 * u - y,
    };
    bar_chart(
        &mut c.pdf,
        0,
        area,
        &Chart {
            title: "แผนและผลการเบิกจ่าย จำแนกตามงบรายจ่าย (ล้านบาท)",
            labels: &labels,
            series: &series,
            style: &style,
            value: &value,
        },
    );
    c.footer(&format!(
        "ที่มา: แผนและผลการใช้จ่ายงบประมาณของ{} จัดทำด้วยโปรแกรมโปร่งใส",
        facts.org.name_th
    ));
    Ok(())
}

fn channels(c: &mut Canvas, facts: &Facts) -> Result<()> {
    let list = &facts.org.channels;
    if list.is_empty() {
        return Err(Refusal::NoChannelsToShow.into());
    }
    let u = c.u;
    let mut y = c.header(
        &facts.org,
        "ช่องทางการสอบถาม ทักท้วง ร้องเรียน",
        "แจ้งได้ทุกช่องทาง ผู้แจ้งได้รับความคุ้มครอง ไม่มีผลกระทบต่อผู้แจ้ง",
    )?;
    let margin = 56.0 * u;
    let inner = c.w - 2.0 * margin;
    let gap = 24.0 * u;
    let columns = if list.len() > 3 { 2 } else { 1 };
    let col_w = (inner - gap * (columns as f32 - 1.0)) / columns as f32;
    let (pad, right) = (30.0 * u, 20.0 * u);
    let w = col_w - pad - right;
    // Each card as tall as its text; a row as tall as its tallest card.
    let parts = |c: &Canvas, ch: &crate::domain::Channel| {
        let more = [ch.unit.as_str(), ch.note.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let value_size = if ch.value.chars().count() > 28 { 28.0 } else { 40.0 };
        (
            c.style(28.0, true, c.p.muted),
            c.style(value_size, true, c.p.primary),
            c.style(26.0, false, c.p.ink),
            more,
        )
    };
    let heights: Vec<f32> = list
        .iter()
        .map(|ch| {
            let (head, value, small, more) = parts(c, ch);
            let h = c.height(ch.kind.thai(), head, w) + c.height(&ch.value, value, w);
            let h = if more.is_empty() {
                h
            } else {
                h + c.height(&more, small, w)
            };
            h + 34.0 * u
        })
        .collect();
    let mut top = y;
    for (row, cards) in list.chunks(columns).enumerate() {
        let row_h = heights[row * columns..row * columns + cards.len()]
            .iter()
            .copied()
            .fold(0.0, f32::max);
        for (col, ch) in cards.iter().enumerate() {
            let x = margin + col as f32 * (col_w + gap);
            c.rect((x, top, col_w, row_h), c.p.light);
            c.rect((x, top, 10.0 * u, row_h), c.p.accent);
            let (head, value, small, more) = parts(c, ch);
            let mut t = top + 14.0 * u;
            t += c.text(ch.kind.thai(), head, Align::Left, (x + pad, t, w));
            t += c.text(&ch.value, value, Align::Left, (x + pad, t, w));
            if !more.is_empty() {
                c.text(&more, small, Align::Left, (x + pad, t, w));
            }
        }
        top += row_h + gap;
    }
    y = top;
    let _ = y;
    c.footer(&format!("{} · {}", facts.org.name_th, year_text(facts.year_be)));
    Ok(())
}

/// The steps of a loan as the regulation and this app keep them.
const STEPS: [(&str, &str); 5] = [
    (
        "ยื่นคำขอยืม",
        "ผู้ยืมทำหลักฐานการยืม (แบบฟอร์มการยืมพัสดุ) แสดงเหตุผล สถานที่ใช้ และกำหนดวันส่งคืน",
    ),
    (
        "ผู้มีอำนาจอนุมัติ",
        "หัวหน้าหน่วยงานของรัฐหรือผู้ได้รับมอบหมายพิจารณาอนุมัติ ผู้ยืมอนุมัติคำขอของตนเองไม่ได้",
    ),
    ("ส่งมอบพัสดุ", "เจ้าหน้าที่พัสดุส่งมอบพัสดุและบันทึกวันที่ส่งมอบในทะเบียนการยืม"),
    (
        "ส่งคืนตามกำหนด",
        "ส่งคืนในสภาพที่ใช้การได้เรียบร้อย เมื่อครบกำหนดแล้วยังไม่ส่งคืน ผู้รับผิดชอบติดตามทวงคืน",
    ),
    (
        "ชำรุดหรือสูญหาย",
        "ผู้ยืมซ่อมแซมให้คงสภาพเดิม ชดใช้เป็นพัสดุอย่างเดียวกัน หรือชดใช้เป็นเงินตามราคาขณะยืม (ข้อ 209)",
    ),
];

fn borrowing(c: &mut Canvas, facts: &Facts) -> Result<()> {
    let u = c.u;
    let y = c.header(
        &facts.org,
        "ขั้นตอนการยืมพัสดุของทางราชการ",
        "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 207–209",
    )?;
    let margin = 56.0 * u;
    let inner = c.w - 2.0 * margin;
    let footer_top = c.h - 70.0 * u;
    let counted = !facts.loans.is_empty();
    let stats_h = if counted { 70.0 * u } else { 0.0 };
    let gap = 16.0 * u;
    let step_h = (footer_top - 20.0 * u - stats_h - y - gap * 4.0) / 5.0;
    let badge = (step_h * 0.7).min(96.0 * u);
    for (i, (head, text)) in STEPS.iter().enumerate() {
        let top = y + i as f32 * (step_h + gap);
        c.rect((margin, top, inner, step_h), c.p.light);
        let by = top + (step_h - badge) / 2.0;
        c.rect((margin + 20.0 * u, by, badge, badge), c.p.primary);
        let style = c.style(52.0, true, WHITE);
        c.text(
            &(i + 1).to_string(),
            style,
            Align::Center,
            (margin + 20.0 * u, by + badge * 0.12, badge),
        );
        let x = margin + 44.0 * u + badge;
        let w = inner - (x - margin) - 20.0 * u;
        let style = c.style(32.0, true, c.p.primary);
        let mut t = top + 10.0 * u;
        t += c.text(head, style, Align::Left, (x, t, w));
        let style = c.style(30.0, false, c.p.ink);
        c.text(text, style, Align::Left, (x, t, w));
    }
    if counted {
        let count = |s: LoanState| facts.loans.iter().filter(|l| l.state == s).count();
        // Lent: handed over, whether back yet or not (requests refused or
        // waiting were never lent).
        let line = format!(
            "{}: ยืม {} ครั้ง · ส่งคืนแล้ว {} · อยู่ระหว่างยืม {}",
            year_text(facts.year_be),
            count(LoanState::HandedOver) + count(LoanState::Returned),
            count(LoanState::Returned),
            count(LoanState::HandedOver)
        );
        let style = c.style(28.0, true, c.p.ink);
        c.text(
            &line,
            style,
            Align::Center,
            (margin, footer_top - stats_h + 6.0 * u, inner),
        );
    }
    c.footer(&format!("{} · {}", facts.org.name_th, year_text(facts.year_be)));
    Ok(())
}

/// What the picture says, in words: its text alternative on a web page.
pub fn alt(facts: &Facts, kind: Kind) -> String {
    let d = facts.org.digits;
    let text = match kind {
        Kind::Budget => match &facts.monitoring {
            Some(m) => format!(
                "อินโฟกราฟิกผลการใช้จ่ายงบประมาณ {} รอบ {} เดือน: เบิกจ่ายแล้ว {} บาท จากงบประมาณ {} บาท คิดเป็นร้อยละ {}",
                year_text(facts.year_be),
                m.through_month,
                crate::money::format_amount(m.total.disbursed, Digits::Arabic),
                crate::money::format_amount(m.total.allocated, Digits::Arabic),
                m.total.percent_disbursed.unwrap_or_default().round_dp(2),
            ),
            None => String::new(),
        },
        Kind::Channels => {
            let list: Vec<String> = facts
                .org
                .channels
                .iter()
                .map(|c| format!("{} {} {}", c.kind.thai(), c.value, c.unit).trim().to_owned())
                .collect();
            format!("อินโฟกราฟิกช่องทางการสอบถาม ทักท้วง ร้องเรียน: {}", list.join("; "))
        }
        Kind::Borrowing => {
            let steps: Vec<String> = STEPS
                .iter()
                .enumerate()
                .map(|(i, (head, _))| format!("{} {head}", i + 1))
                .collect();
            format!("อินโฟกราฟิกขั้นตอนการยืมพัสดุ ข้อ 207–209: {}", steps.join(", "))
        }
    };
    thai::to_display(&text, d)
}

fn draw(facts: &Facts, kind: Kind, size: Size, theme: Theme, outlined: bool) -> Result<Canvas> {
    let title = match kind {
        Kind::Budget => "ผลการใช้จ่ายงบประมาณ",
        Kind::Channels => "ช่องทางการสอบถาม ทักท้วง ร้องเรียน",
        Kind::Borrowing => "ขั้นตอนการยืมพัสดุ",
    };
    let mut c = Canvas::new(size, theme, title, facts.org.digits, outlined);
    match kind {
        Kind::Budget => budget(&mut c, facts)?,
        Kind::Channels => channels(&mut c, facts)?,
        Kind::Borrowing => borrowing(&mut c, facts)?,
    }
    Ok(c)
}

/// The infographic as a PNG: 1040 px square, or A4 at 150 dpi.
pub fn png(facts: &Facts, kind: Kind, size: Size, theme: Theme) -> Result<Vec<u8>> {
    let c = draw(facts, kind, size, theme, true)?;
    let scale = match size {
        Size::Line => 1.0,
        Size::A4 => 150.0 / 72.0,
    };
    let emblem = facts
        .org
        .emblem
        .as_ref()
        .map(|e| format!("data:{};base64,{}", crate::typeset::svg_escape(&e.mime), e.data));
    let mut pages = c.pdf.finish_preview();
    let mut svg = pages
        .pop()
        .ok_or_else(|| CoreError::Io("the infographic has no page".into()))?;
    if let Some(uri) = emblem {
        svg = svg.replace("prongsai-image:0", &uri);
    }
    Ok(crate::typeset::raster::png(&svg, scale)?)
}

/// The infographic as a one-page PDF (text selectable).
pub fn pdf(facts: &Facts, kind: Kind, size: Size, theme: Theme) -> Result<Vec<u8>> {
    Ok(draw(facts, kind, size, theme, false)?.pdf.finish()?)
}
