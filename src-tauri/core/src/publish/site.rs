//! The website folder's pages, as HTML (maud: templates checked at compile
//! time, every value escaped). No script, no remote file: the pages open
//! from disk and from any web server, in Sarabun embedded as WOFF2.
//!
//! `index.html` is the year: its report as a table (a real `<table>`, the
//! columns' `<th scope="col">`, each measure's `<th scope="row">`), Part 2,
//! the documents and open data beside it, every evidence URL, and a link
//! to a page per ITA item (`o42.html`). Names depend only on the year and
//! the item's code, so a URL given to ITAS stays valid when the year is
//! published again.

use maud::{DOCTYPE, Markup, html};

use crate::domain::{Digits, Evidence, Report};
use crate::ita::{Period, Track};
use crate::thai;

/// A file linked from the pages.
#[derive(Debug, Clone)]
pub struct Linked {
    /// Relative to the folder: `files/report-2566.pdf`.
    pub href: String,
    pub title: String,
    pub bytes: u64,
}

/// An ITA item of the year, with the tracker's record when there is one.
#[derive(Debug, Clone)]
pub struct ItemPage {
    /// The page's file name ([`item_files`]).
    pub file: String,
    pub code: String,
    pub title: String,
    pub contents: String,
    pub period: Period,
    pub fiscal_year: i32,
    pub track: Option<Track>,
}

/// Each item's page name, in order: the code in lower case (`O42` →
/// `o42.html`), anything but ASCII letters and digits dropped; `item`
/// for a code with none, never `index`, and `-2`, `-3`… after a name
/// already given.
pub fn item_files<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for code in codes {
        let stem: String = code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let stem = match stem.as_str() {
            "" => "item".to_owned(),
            "index" => "item-index".to_owned(),
            _ => stem,
        };
        let mut name = format!("{stem}.html");
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{stem}-{n}.html");
            n += 1;
        }
        names.push(name);
    }
    names
}

/// Everything the pages show.
pub struct Site<'a> {
    /// In display form (the organization's digits applied).
    pub report: &'a Report,
    pub digits: Digits,
    pub items: Vec<ItemPage>,
    pub documents: Vec<Linked>,
    pub data: Vec<Linked>,
    /// Where each memo's PDF is, by memo id.
    pub memo_files: Vec<(i64, String)>,
    /// Where each image of the evidence is, by its evidence id.
    pub image_files: Vec<(i64, String)>,
    /// The year's infographics: where each is, and what it says.
    pub pictures: Vec<(String, String)>,
}

/// The stylesheet: Sarabun from the folder, AA contrast, a print layout.
pub const STYLE: &str = include_str!("site.css");

fn num(site: &Site, n: impl std::fmt::Display) -> String {
    thai::number_display(n, site.digits)
}

fn size(site: &Site, bytes: u64) -> String {
    let kb = bytes.div_ceil(1024);
    if kb >= 1024 {
        format!("{} MB", num(site, format!("{:.1}", kb as f64 / 1024.0)))
    } else {
        format!("{} KB", num(site, kb))
    }
}

fn kind(href: &str) -> &'static str {
    match href.rsplit('.').next() {
        Some("pdf") => "PDF",
        Some("xlsx") => "Excel",
        Some("csv") => "CSV",
        Some("docx") => "Word",
        _ => "ไฟล์",
    }
}

/// Only web addresses become links; anything else is shown as text.
fn is_web(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn page(lang_title: &str, org: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="th" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (lang_title) }
                link rel="stylesheet" href="files/style.css";
            }
            body {
                a.skip href="#main" { "ข้ามไปยังเนื้อหา" }
                header {
                    p.agency { (org) }
                }
                main #main { (body) }
                footer {
                    p { "จัดทำด้วยโปรแกรมโปร่งใส (Prongsai) จากบันทึกของหน่วยงาน" }
                }
            }
        }
    }
    .into_string()
}

/// Text with its line breaks kept.
fn lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.lines().enumerate() {
            @if i > 0 { br; }
            (line)
        }
    }
}

fn labelled(level: u8, label: &str, text: &str) -> Markup {
    html! {
        p class=(format!("l{}", level.min(4))) {
            @if !label.is_empty() { span.label { (label) } " " }
            (lines(text))
        }
    }
}

fn evidence(site: &Site, id: i64, memo_id: Option<i64>, e: &Evidence) -> Markup {
    match e {
        Evidence::Url { url } => html! {
            @if is_web(url) { a href=(url.trim()) { (url) } } @else { (url) }
        },
        Evidence::Memo { number, date, urgency } => {
            let text = crate::documents::memo_citation(number, *date, *urgency, site.digits);
            let file = memo_id.and_then(|m| site.memo_files.iter().find(|(i, _)| *i == m));
            html! {
                @match file {
                    Some((_, href)) => a href=(href) { (text) " (PDF)" },
                    None => (text),
                }
            }
        }
        Evidence::Image { name, .. } => {
            let file = site.image_files.iter().find(|(i, _)| *i == id);
            html! {
                @if let Some((_, href)) = file {
                    figure {
                        img src=(href) alt=(name) loading="lazy";
                        figcaption { (name) }
                    }
                }
            }
        }
    }
}

fn links(items: &[Linked], site: &Site) -> Markup {
    html! {
        ul.files {
            @for d in items {
                li { a href=(d.href) { (d.title) } " " span.meta { "(" (kind(&d.href)) ", " (size(site, d.bytes)) ")" } }
            }
        }
    }
}

/// The year's page.
pub fn index(site: &Site) -> String {
    let r = site.report;
    let title = r.year.title.join(" ");
    let urls: Vec<&str> = r
        .measures
        .iter()
        .flat_map(|m| &m.results)
        .flat_map(|res| &res.evidence)
        .filter_map(|e| match &e.evidence {
            Evidence::Url { url } => Some(url.as_str()),
            _ => None,
        })
        .collect();
    let body = html! {
        h1 { @for (i, t) in r.year.title.iter().enumerate() { @if i > 0 { br; } (t) } }
        @if !site.documents.is_empty() {
            section aria-labelledby="documents" {
                h2 #documents { "เอกสารเผยแพร่" }
                (links(&site.documents, site))
            }
        }
        section aria-labelledby="part1" {
            h2 #part1 { (r.year.part1_heading) }
            div.scroll role="region" aria-labelledby="part1" tabindex="0" {
                table.report {
                    caption { (r.year.heading.join(" ")) }
                    colgroup { col.c1; col.c2; col.c3; col.c4; }
                    thead { tr { @for c in &r.year.columns { th scope="col" { (c) } } } }
                    tbody {
                        @for m in &r.measures {
                            tr {
                                th scope="row" { (lines(&m.title)) }
                                td { @for a in &m.activities { (labelled(a.level, &a.label, &a.text)) } }
                                td {
                                    @for res in &m.results {
                                        (labelled(res.level, &res.label, &res.text))
                                        @if !res.evidence.is_empty() {
                                            ul.evidence {
                                                @for e in &res.evidence {
                                                    li { (evidence(site, e.id, e.memo_id, &e.evidence)) }
                                                }
                                            }
                                        }
                                    }
                                }
                                td { (lines(&m.remarks)) }
                            }
                        }
                    }
                }
            }
        }
        @if !r.outcomes.is_empty() {
            section aria-labelledby="part2" {
                h2 #part2 { (r.year.part2_heading) }
                @for o in &r.outcomes { (labelled(0, &o.label, &o.text)) }
            }
        }
        @let s = &r.year.signatures;
        @if !s.reporter_name.is_empty() || !s.approver_name.is_empty() {
            section.signed aria-label="ผู้รายงานและผู้อนุมัติ" {
                @if !s.reporter_name.is_empty() {
                    p { "ผู้รายงาน " (s.reporter_name) @if !s.reporter_position.is_empty() { br; (s.reporter_position) } }
                }
                @if !s.approver_name.is_empty() {
                    p {
                        "ผู้อนุมัติ " (s.approver_name)
                        @if !s.approver_position.is_empty() { br; (s.approver_position) }
                        @if let Some(d) = s.approved_on { br; "วันที่ " (thai::date_long(d, site.digits)) }
                    }
                }
            }
        }
        @if !urls.is_empty() {
            section aria-labelledby="urls" {
                h2 #urls { "หลักฐานที่เผยแพร่ทางเว็บไซต์" }
                ol.urls { @for u in &urls { li { @if is_web(u) { a href=(u.trim()) { (u) } } @else { (u) } } } }
            }
        }
        @if !site.pictures.is_empty() {
            section aria-labelledby="pictures" {
                h2 #pictures { "อินโฟกราฟิก" }
                div.pictures {
                    @for (href, alt) in &site.pictures {
                        a href=(href) { img src=(href) alt=(alt) width="1040" height="1040" loading="lazy"; }
                    }
                }
            }
        }
        @if !site.data.is_empty() {
            section aria-labelledby="data" {
                h2 #data { "ข้อมูลเปิด (Open Data)" }
                p { "ข้อมูลชุดเดียวกับเอกสาร ในรูปแบบ CSV (UTF-8) และ Excel พร้อมคำอธิบายชุดข้อมูล สัญญาอนุญาต Open Data Common" }
                (links(&site.data, site))
            }
        }
        @if !site.items.is_empty() {
            section aria-labelledby="items" {
                h2 #items { "ข้อการประเมิน ITA ของปี" }
                ul.items {
                    @for it in &site.items {
                        li {
                            a href=(it.file) { (it.code) " " (it.title) }
                            @if let Some(t) = &it.track { " " span.meta { "(" (t.status.thai()) ")" } }
                        }
                    }
                }
            }
        }
    };
    page(&title, &r.organization.name_th, body)
}

/// An ITA item's page: what it asks, the tracker's record, the measures
/// of the report that answer it.
pub fn item(site: &Site, it: &ItemPage) -> String {
    let r = site.report;
    let measures: Vec<&str> = r
        .measures
        .iter()
        .filter(|m| m.oit_code.eq_ignore_ascii_case(&it.code))
        .map(|m| m.title.as_str())
        .collect();
    let whole = r.year.oit_code.eq_ignore_ascii_case(&it.code);
    let fy = num(site, it.fiscal_year);
    let body = html! {
        p.back { a href="index.html" { "‹ " (r.year.title.join(" ")) } }
        h1 { (it.code) " " (it.title) }
        @if !it.contents.is_empty() {
            section aria-labelledby="asks" {
                h2 #asks { "รายละเอียดที่เผยแพร่" }
                p { (lines(&it.contents)) }
            }
        }
        p { "ข้อมูลของปีงบประมาณ พ.ศ. " (fy)
            @if it.period == Period::Previous { " (ปีงบประมาณที่ผ่านมา)" } }
        @if let Some(t) = &it.track {
            section aria-labelledby="track" {
                h2 #track { "การดำเนินการ" }
                table.track {
                    tbody {
                        tr { th scope="row" { "สถานะ" } td { (t.status.thai()) } }
                        @if !t.division.is_empty() { tr { th scope="row" { "ผู้รับผิดชอบ" } td { (thai::to_display(&t.division, site.digits)) } } }
                        @if let Some(d) = t.due { tr { th scope="row" { "กำหนดเสร็จ" } td { (thai::date_long(d, site.digits)) } } }
                        @if !t.url.is_empty() {
                            tr { th scope="row" { "ที่อยู่บนเว็บไซต์" } td { @if is_web(&t.url) { a href=(t.url.trim()) { (t.url) } } @else { (t.url) } } }
                        }
                        @if !t.explanation.is_empty() { tr { th scope="row" { "คำอธิบาย" } td { (lines(&thai::to_display(&t.explanation, site.digits))) } } }
                        @if let Some(y) = t.evidence_year { tr { th scope="row" { "ข้อมูลของปี" } td { "พ.ศ. " (num(site, y)) } } }
                    }
                }
            }
        }
        @if whole || !measures.is_empty() {
            section aria-labelledby="answers" {
                h2 #answers { "รายงานที่ตอบข้อนี้" }
                @if whole {
                    p { a href="index.html" { (r.year.title.join(" ")) } }
                    (links(&site.documents, site))
                }
                @if !measures.is_empty() {
                    ul { @for m in &measures { li { (m) } } }
                }
            }
        }
    };
    page(
        &format!("{} {} — {}", it.code, it.title, r.organization.name_th),
        &r.organization.name_th,
        body,
    )
}

#[cfg(test)]
mod tests {
    use super::item_files;

    #[test]
    fn item_pages_have_names_of_their_own() {
        let names = item_files(["O42", "o-42", "INDEX", "", "ข้อ", "O1"]);
        assert_eq!(
            names,
            [
                "o42.html",
                "o42-2.html",
                "item-index.html",
                "item.html",
                "item-2.html",
                "o1.html"
            ]
        );
    }
}
