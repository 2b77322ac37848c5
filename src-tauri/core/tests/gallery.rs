//! Every document type, printed from the gallery's fixture database
//! (`tests/fixtures/gallery.sqlite`, written by `examples/gallery_fixture.rs`)
//! and checked as a reader would find it:
//! - no line runs out of its cell or over the margin (`typeset::overflow`);
//! - no glyph 0 (a character the font lacks) in any content stream;
//! - pypdf and pdfminer, which read only ToUnicode, recover the characters
//!   pdftotext (which reads ActualText) gives, with no U+FFFD;
//! - each page looks like its golden image in `docs/gallery/` (60 dpi), within
//!   a tolerance.
//!
//! `make docs-gallery` (UPDATE_GALLERY=1) rewrites the golden images: look
//! at every page it changed before committing them.

#[path = "common/tools.rs"]
mod tools;
use tools::tool;

use std::path::{Path, PathBuf};

use prongsai_core::documents::{
    ReportOptions, assets, budget_report_pdf, ita, memo_pdf, report_pdf, spending_plan_pdf, write_atomically,
};
use prongsai_core::typeset::overflow;
use prongsai_core::{Digits, Orientation, Store};

const FIXTURE: &str = "tests/fixtures/gallery.sqlite";

fn gallery_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/gallery")
}

/// Every document of the gallery, typeset from the fixture: (name, PDF,
/// the overflows its typesetting noted).
async fn documents() -> (tempfile::TempDir, Vec<(String, Vec<u8>, Vec<String>)>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gallery.sqlite");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &db).unwrap();
    let (store, _) = Store::open(&db).await.unwrap();
    let org = store.organization().await.unwrap();
    let report = store.report(2566).await.unwrap();
    let memos = report.memos.clone();
    let budget = store.budget(2566).await.unwrap();
    let (_, six) = store.monitoring(2566, 6).await.unwrap();
    let (_, twelve) = store.monitoring(2566, 12).await.unwrap();
    let loan = store
        .loans(
            &Default::default(),
            chrono::NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
        )
        .await
        .unwrap()[0]
        .id;
    let loan = store.loan(loan).await.unwrap();
    let inspection = store.inspection(2566).await.unwrap();
    let analysis = store.ita_analysis(2569).await.unwrap();
    let answers = store.ita_answers(2569).await.unwrap();
    store.close().await;

    let mut out = Vec::new();
    let mut add = |name: &str, pdf: prongsai_core::Result<Vec<u8>>| {
        let pdf = pdf.unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name.to_owned(), pdf, overflow::take()));
    };
    for (orientation, o) in [
        (Orientation::Landscape, "landscape"),
        (Orientation::Portrait, "portrait"),
    ] {
        for (digits, d) in [(Digits::Thai, "thai"), (Digits::Arabic, "arabic")] {
            add(
                &format!("report-{o}-{d}"),
                report_pdf(&report, &ReportOptions { digits, orientation }),
            );
        }
    }
    assert_eq!(memos.len(), 2, "the fixture has a short and a long memo");
    add("memo-one-page", memo_pdf(&memos[0], &org, org.digits));
    add("memo-two-pages", memo_pdf(&memos[1], &org, org.digits));
    add(
        "budget-6-months",
        budget_report_pdf(&budget, &six, &org, &report.year.signatures, org.digits),
    );
    add(
        "budget-12-months",
        budget_report_pdf(&budget, &twelve, &org, &report.year.signatures, org.digits),
    );
    add(
        "spending-plan",
        spending_plan_pdf(&budget, &org, &report.year.signatures, org.digits),
    );
    add("loan-slip", assets::loan_slip_pdf(&loan, &org, org.digits));
    add("inspection", assets::inspection_pdf(&inspection, &org, org.digits));
    add(
        "ita-o25",
        ita::analysis_pdf(&analysis, &org, &report.year.signatures, org.digits),
    );
    add("ita-answers", ita::answers_pdf(2569, &answers, &org, org.digits));
    (dir, out)
}

fn pages(path: &Path) -> usize {
    tool("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Glyph codes 0 (.notdef) shown by any text operator.
fn missing_glyphs(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut missing = 0;
    for (_, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        for op in content.operations {
            let strings: Vec<&lopdf::Object> = match op.operator.as_str() {
                "Tj" | "'" | "\"" => op.operands.iter().collect(),
                "TJ" => op.operands.iter().filter_map(|o| o.as_array().ok()).flatten().collect(),
                _ => continue,
            };
            for s in strings {
                if let Ok(bytes) = s.as_str() {
                    missing += bytes.chunks(2).filter(|c| c == &[0, 0]).count();
                }
            }
        }
    }
    missing
}

/// The characters of `text` but white space, ำ decomposed, sorted: what
/// two readers must agree on whatever order they read a table's cells in.
/// Hyphens are left out: pdftotext joins a word hyphenated at a line's end.
fn characters(text: &str) -> Vec<char> {
    let mut out: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(|c| if c == 'ำ' { vec!['ํ', 'า'] } else { vec![c] })
        .collect();
    out.sort_unstable();
    out
}

/// What one sorted list of characters has that the other lacks.
fn difference_of(a: &[char], b: &[char]) -> String {
    let count = |v: &[char], c: char| v.iter().filter(|&&x| x == c).count();
    let mut seen: Vec<char> = a.iter().chain(b).copied().collect();
    seen.dedup();
    seen.sort_unstable();
    seen.dedup();
    seen.into_iter()
        .filter(|&c| count(a, c) != count(b, c))
        .map(|c| format!("{c:?} {} against {}", count(a, c), count(b, c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every link annotation's URI, as pypdf reads them.
const LINKS: &str = r"
import sys
from pypdf import PdfReader
for page in PdfReader(sys.argv[1]).pages:
    for a in page.get('/Annots', []) or []:
        a = a.get_object()
        if a.get('/A') is not None:
            print(a['/A'].get_object().get('/URI'))
";

const READERS: &str = r"
import sys
from pypdf import PdfReader
from pdfminer.high_level import extract_text
path = sys.argv[1]
print(''.join(p.extract_text() for p in PdfReader(path).pages))
print('\x1e')
print(extract_text(path))
";

/// The golden image's pixels (RGB), with its size.
fn rgb(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .flat_map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    (info.width, info.height, pixels)
}

/// How far two pages differ: the share of pixels that differ by more than
/// a rasteriser's rounding.
fn difference(a: &Path, b: &Path) -> Result<f64, String> {
    let (wa, ha, pa) = rgb(a);
    let (wb, hb, pb) = rgb(b);
    if (wa, ha) != (wb, hb) {
        return Err(format!("{wa}×{ha} against {wb}×{hb}"));
    }
    let differ = pa
        .chunks(3)
        .zip(pb.chunks(3))
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > 48))
        .count();
    Ok(differ as f64 / f64::from(wa * ha))
}

#[tokio::test]
async fn every_document_fits_reads_back_and_looks_as_committed() {
    let (dir, docs) = documents().await;
    let update = std::env::var_os("UPDATE_GALLERY").is_some();
    let gallery = gallery_dir();
    let mut problems = Vec::new();
    for (name, pdf, overflows) in &docs {
        let path = dir.path().join(format!("{name}.pdf"));
        write_atomically(&path, pdf).unwrap();
        problems.extend(overflows.iter().map(|o| format!("{name}: {o}")));
        let missing = missing_glyphs(pdf);
        if missing > 0 {
            problems.push(format!("{name}: {missing} glyphs the font lacks"));
        }

        // What a reader of ToUnicode gets, against what pdftotext gets.
        let actual = tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
        let read = tool("/usr/bin/python3", &["-c", READERS, path.to_str().unwrap()]);
        let (pypdf, pdfminer) = read.split_once('\u{1e}').unwrap();
        for (reader, text) in [("pypdf", pypdf), ("pdfminer", pdfminer)] {
            if text.contains('\u{FFFD}') {
                problems.push(format!("{name}: {reader} reads U+FFFD"));
            } else if characters(text) != characters(&actual) {
                problems.push(format!(
                    "{name}: {reader} reads other characters than pdftotext: {}",
                    difference_of(&characters(text), &characters(&actual))
                ));
            }
        }

        // A link broken over two lines is one link: each part opens the
        // whole address.
        if name.starts_with("report-") {
            let uris: Vec<String> = tool("/usr/bin/python3", &["-c", LINKS, path.to_str().unwrap()])
                .lines()
                .map(str::to_owned)
                .collect();
            if let Some(bad) = uris
                .iter()
                .find(|u| !(u.starts_with("https://") || u.starts_with("mailto:")))
            {
                problems.push(format!("{name}: a link to {bad:?}"));
            }
            if !uris.iter().any(|u| uris.iter().filter(|v| *v == u).count() > 1) {
                problems.push(format!(
                    "{name}: no link is broken over two lines with the whole address on each"
                ));
            }
        }
        // A memo's pages but the last end with the next page's first word.
        if name.starts_with("memo-") {
            let raw = tool("pdftotext", &["-raw", "-enc", "UTF-8", path.to_str().unwrap(), "-"]);
            let pages: Vec<String> = raw.split('\u{c}').map(str::to_owned).collect();
            for (n, pair) in pages.windows(2).enumerate() {
                let next = pair[1]
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.starts_with('-'));
                let cue = pair[0].lines().map(str::trim).rfind(|l| !l.is_empty());
                let (Some(next), Some(cue)) = (next, cue) else { continue };
                let word = cue.strip_prefix('/').and_then(|c| c.strip_suffix("..."));
                if !word.is_some_and(|w| !w.is_empty() && next.starts_with(w)) {
                    problems.push(format!(
                        "{name}: page {} ends {cue:?}, page {} starts {next:?}",
                        n + 1,
                        n + 2
                    ));
                }
            }
        }

        // Each page against its golden image.
        let n = pages(&path);
        for page in 1..=n {
            let png = dir.path().join(format!("{name}-{page}"));
            let p = page.to_string();
            tool(
                "pdftoppm",
                &[
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    &p,
                    "-l",
                    &p,
                    "-singlefile",
                    path.to_str().unwrap(),
                    png.to_str().unwrap(),
                ],
            );
            let png = png.with_extension("png");
            let golden = gallery.join(format!("{name}-{page}.png"));
            if update {
                std::fs::copy(&png, &golden).unwrap();
                continue;
            }
            if !golden.exists() {
                problems.push(format!("{name}: page {page} has no golden image (make docs-gallery)"));
                continue;
            }
            match difference(&png, &golden) {
                Ok(d) if d <= 0.002 => {}
                Ok(d) => problems.push(format!(
                    "{name}: page {page} differs from {} in {:.2} % of its pixels",
                    golden.display(),
                    d * 100.0
                )),
                Err(e) => problems.push(format!("{name}: page {page} is {e}")),
            }
        }
        // No golden page beyond the document's last.
        let stale = gallery.join(format!("{name}-{}.png", n + 1));
        if update {
            let _ = std::fs::remove_file(&stale);
        } else if stale.exists() {
            problems.push(format!("{name}: has {n} pages, the gallery more"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
