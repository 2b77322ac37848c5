//! The annual report PDF, checked the way a reader and the tools see it:
//! `pdftotext` gives back every sentence, fonts are embedded subsets with
//! ToUnicode, `qpdf --check` is clean, line ends fall between Thai words.

#[path = "common/tools.rs"]
mod tools;
use tools::tool;

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use prongsai_core::documents::{ReportOptions, report_pdf, write_atomically};
use prongsai_core::{Digits, Orientation, Report, Store, thai};

async fn sample() -> (tempfile::TempDir, Report) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let report = store.report(2566).await.unwrap();
    store.close().await;
    (dir, report)
}

fn export(dir: &Path, report: &Report, digits: Digits, orientation: Orientation) -> std::path::PathBuf {
    let pdf = report_pdf(report, &ReportOptions { digits, orientation }).unwrap();
    let path = dir.join(format!("report-{digits:?}-{orientation:?}.pdf"));
    write_atomically(&path, &pdf).unwrap();
    path
}

fn pdftotext(path: &Path) -> String {
    tool("pdftotext", &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

fn page_count(path: &Path) -> usize {
    tool("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

fn page_text(path: &Path, page: usize) -> String {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", "-f", &p, "-l", &p, path.to_str().unwrap(), "-"],
    )
}

const HEADER_ROW: &str = "มาตรการ กิจกรรม/แนวทาง ผลการดำเนินการ หมายเหตุ";

/// The running text of the document: pages joined without what repeats on
/// every page (the table's header row, the page number), so that a
/// paragraph split over a page break reads as one.
fn running_text(path: &Path) -> String {
    (1..=page_count(path))
        .flat_map(|p| {
            page_text(path, p)
                .lines()
                .map(str::trim)
                .filter(|l| *l != HEADER_ROW && !(l.starts_with("- ") && l.ends_with(" -")))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every stored text of the report.
fn sentences(r: &Report) -> Vec<String> {
    let mut out: Vec<String> = r.year.title.iter().chain(&r.year.heading).cloned().collect();
    out.push(r.year.part1_heading.clone());
    out.push(r.year.part2_heading.clone());
    for m in &r.measures {
        out.push(m.title.clone());
        out.extend(m.activities.iter().map(|a| a.text.clone()));
        out.extend(m.results.iter().map(|x| x.text.clone()));
    }
    out.extend(r.outcomes.iter().map(|o| o.text.clone()));
    out
}

#[tokio::test]
async fn pdftotext_gives_back_every_sentence() {
    let (dir, report) = sample().await;
    for digits in [Digits::Arabic, Digits::Thai] {
        let path = export(dir.path(), &report, digits, Orientation::Landscape);
        let text = squash(&running_text(&path));
        for s in sentences(&report) {
            let shown = thai::to_display(&s, digits);
            assert!(text.contains(&squash(&shown)), "{digits:?}: not extractable: {shown}");
        }
        // The digits are what the setting says, outside links.
        let thai_digits = text.chars().filter(|c| ('๐'..='๙').contains(c)).count();
        match digits {
            Digits::Thai => assert!(thai_digits > 50),
            Digits::Arabic => assert_eq!(thai_digits, 0),
        }
    }
}

#[tokio::test]
async fn fonts_are_embedded_subsets_with_tounicode_and_qpdf_is_clean() {
    let (dir, report) = sample().await;
    for orientation in [Orientation::Landscape, Orientation::Portrait] {
        let path = export(dir.path(), &report, Digits::Thai, orientation);
        let fonts = tool("pdffonts", &[path.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains('+') && cols[0].contains("Sarabun"), "{row}");
            assert_eq!(
                &cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "emb sub uni: {row}"
            );
        }
        let check = Command::new("qpdf").arg("--check").arg(&path).output().expect("qpdf");
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
        let info = tool("pdfinfo", &[path.to_str().unwrap()]);
        let size = if orientation == Orientation::Landscape {
            "841.89 x 595.276"
        } else {
            "595.276 x 841.89"
        };
        assert!(info.contains(size), "{info}");
    }
}

#[tokio::test]
async fn the_header_row_repeats_on_every_page_of_the_table() {
    let (dir, report) = sample().await;
    let path = export(dir.path(), &report, Digits::Thai, Orientation::Landscape);
    let pages = page_count(&path);
    assert!(pages >= 4, "the sample runs over several pages, got {pages}");
    let last_table_page = (1..=pages)
        .filter(|&p| squash(&page_text(&path, p)).contains("measures-use-property.html"))
        .max()
        .expect("the last measure's link is on some page");
    assert!(last_table_page >= 4);
    for p in 1..=last_table_page {
        let t = page_text(&path, p);
        assert!(t.lines().any(|l| l.trim() == HEADER_ROW), "page {p} has no header row");
        if p > 1 {
            assert!(
                t.contains(&format!("- {} -", thai::to_display(&p.to_string(), Digits::Thai))),
                "page {p} number"
            );
        }
    }
}

#[tokio::test]
async fn links_are_clickable_annotations() {
    let (dir, report) = sample().await;
    let path = export(dir.path(), &report, Digits::Thai, Orientation::Landscape);
    let doc = lopdf::Document::load(&path).unwrap();
    let mut uris = Vec::new();
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else {
            continue;
        };
        for annot in annots {
            let annot = match annot {
                lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
                other => other.as_dict().unwrap(),
            };
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            if let Ok(a) = annot.get(b"A").and_then(|a| a.as_dict())
                && let Ok(uri) = a.get(b"URI").and_then(|u| u.as_str())
            {
                uris.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    assert!(
        uris.iter().any(|u| u.ends_with("procedureborrowinggovernment.html")),
        "{uris:?}"
    );
    assert!(uris.iter().any(|u| u == "mailto:fin@ipthailand.go.th"), "{uris:?}");
    // Thai in a URL is percent-encoded UTF-8.
    assert!(uris.iter().any(|u| u.contains("%E0%B8%9C%E0%B8%A5")), "{uris:?}");
    assert!(uris.iter().all(|u| u.is_ascii()));
}

/// Maximal matching over the word list: segmentations with the fewest
/// unknown characters, then the fewest words. Returns the byte offsets that
/// are a word boundary in at least one such best segmentation (ties are real:
/// ไม่มี|ผลกระทบ and ไม่มีผล|กระทบ count the same).
fn dictionary_boundaries(run: &str, words: &HashSet<&str>) -> HashSet<usize> {
    let idx: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    let n = idx.len() - 1;
    // Edges i -> j with cost (unknown chars, words).
    let edges = |i: usize| {
        let mut e = vec![(i + 1, (1usize, 1usize))];
        for j in i + 1..=n.min(i + 30) {
            if words.contains(&run[idx[i]..idx[j]]) {
                e.push((j, (0, 1)));
            }
        }
        e
    };
    let add = |a: (usize, usize), b: (usize, usize)| (a.0 + b.0, a.1 + b.1);
    let mut fwd = vec![(usize::MAX / 4, usize::MAX / 4); n + 1];
    fwd[0] = (0, 0);
    for i in 0..n {
        for (j, c) in edges(i) {
            fwd[j] = fwd[j].min(add(fwd[i], c));
        }
    }
    let mut bwd = vec![(usize::MAX / 4, usize::MAX / 4); n + 1];
    bwd[n] = (0, 0);
    for i in (0..n).rev() {
        for (j, c) in edges(i) {
            bwd[i] = bwd[i].min(add(bwd[j], c));
        }
    }
    (0..=n)
        .filter(|&i| add(fwd[i], bwd[i]) == fwd[n])
        .map(|i| idx[i])
        .collect()
}

fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c)
}

#[tokio::test]
async fn every_line_ends_between_dictionary_words() {
    let words: HashSet<&str> = include_str!("../../typeset/data/words_th.txt").lines().collect();
    let (dir, report) = sample().await;
    // Lines that end a paragraph are not line breaks inside one.
    let endings: Vec<String> = sentences(&report)
        .iter()
        .map(|s| {
            let sq: Vec<char> = squash(&thai::to_display(s, Digits::Thai)).chars().collect();
            sq[sq.len().saturating_sub(8)..].iter().collect()
        })
        .collect();
    let mut joins = 0;
    for orientation in [Orientation::Landscape, Orientation::Portrait] {
        let path = export(dir.path(), &report, Digits::Thai, orientation);
        let text = running_text(&path);
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        for pair in lines.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if endings.iter().any(|e| squash(a).ends_with(e.as_str())) {
                continue;
            }
            let (Some(end), Some(start)) = (a.chars().last(), b.chars().next()) else {
                continue;
            };
            if !(is_thai_letter(end) && is_thai_letter(start)) {
                continue;
            }
            // The Thai run around the line end, and where the line ended in it.
            let left: String = a
                .chars()
                .rev()
                .take_while(|&c| is_thai_letter(c))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let right: String = b.chars().take_while(|&c| is_thai_letter(c)).collect();
            let run = format!("{left}{right}");
            let bounds = dictionary_boundaries(&run, &words);
            assert!(
                bounds.contains(&left.len()),
                "line ends inside a word: …{left}|{right}…"
            );
            joins += 1;
        }
    }
    assert!(joins > 40, "only {joins} line ends inside Thai text were checked");
}

#[tokio::test]
async fn text_the_font_lacks_still_exports() {
    let (dir, mut report) = sample().await;
    report.measures[0].results[0].text = "漢字 😀 ẞ ที่ถูกต้อง".into();
    let path = export(dir.path(), &report, Digits::Thai, Orientation::Landscape);
    assert!(squash(&pdftotext(&path)).contains(&squash("漢字 😀 ẞ ที่ถูกต้อง")));
}

#[tokio::test]
async fn a_failed_write_leaves_the_old_file_alone() {
    let (dir, report) = sample().await;
    let path = export(dir.path(), &report, Digits::Thai, Orientation::Landscape);
    let before = std::fs::read(&path).unwrap();
    let err = write_atomically(&dir.path().join("no/such/folder/report.pdf"), b"x").unwrap_err();
    assert!(err.to_string().contains("cannot write"), "{err}");
    // A directory in the way of the final name: the write fails, nothing is left behind.
    let blocked = dir.path().join("blocked.pdf");
    std::fs::create_dir(&blocked).unwrap();
    assert!(write_atomically(&blocked, b"x").is_err());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[tokio::test]
async fn image_evidence_is_embedded_scaled_to_its_column() {
    let (dir, mut report) = sample().await;
    let png = include_bytes!("fixtures/emblem.png");
    report.measures[2].results[1]
        .evidence
        .push(prongsai_core::EvidenceItem {
            id: 9_001,
            evidence: prongsai_core::Evidence::Image {
                name: "infographic.png".into(),
                mime: "image/png".into(),
                data: prongsai_core::doc::base64_encode(png),
            },
            memo_id: None,
        });
    let path = export(dir.path(), &report, Digits::Thai, Orientation::Landscape);
    let list = tool("pdfimages", &["-list", path.to_str().unwrap()]);
    let rows: Vec<&str> = list
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .collect();
    assert_eq!(rows.len(), 1, "{list}");
    // Scaled to fit: 70 mm high at most, so at least 300 px / 70 mm ≈ 109 ppi.
    let ppi: f32 = rows[0].split_whitespace().nth(12).unwrap().parse().unwrap();
    assert!(ppi >= 108.0, "{list}");
}

/// The approval date is printed under the approver even when no reporter
/// signs (it was printed only under a second signature block).
#[tokio::test]
async fn the_approval_date_is_printed_with_an_approver_alone() {
    let (dir, mut report) = sample().await;
    let s = &mut report.year.signatures;
    s.reporter_name.clear();
    s.reporter_position.clear();
    s.approver_name = "นายทดสอบ อนุมัติ".into();
    s.approver_position = "อธิบดีกรมทรัพย์สินทางปัญญา".into();
    s.approved_on = chrono::NaiveDate::from_ymd_opt(2023, 10, 31);
    let path = export(dir.path(), &report, Digits::Arabic, Orientation::Landscape);
    let text = pdftotext(&path);
    assert!(text.contains("นายทดสอบ อนุมัติ"), "{text}");
    assert!(
        text.contains("วันที่ 31 ตุลาคม 2566"),
        "no approval date in: {}",
        &text[text.len().saturating_sub(400)..]
    );
}
