//! Publishing from the gallery's fixture database: the Word files read back
//! by another program (LibreOffice, headless) hold the same text and the
//! same table; publishing the same records twice writes the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use prongsai_core::documents::{self, docx};
use prongsai_core::publish::{self, PublishOptions};
use prongsai_core::{Digits, Store};

const FIXTURE: &str = "tests/fixtures/gallery.sqlite";

async fn fixture(dir: &Path) -> Store {
    let db = dir.join("gallery.sqlite");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &db).unwrap();
    Store::open(&db).await.unwrap().0
}

/// LibreOffice converts `file` to `to` (a filter, e.g. "html") in `dir`.
fn soffice(file: &Path, to: &str, dir: &Path) -> PathBuf {
    let profile = dir.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", to, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice not found: `make test` installs libreoffice-writer-nogui");
    let ext = to.split(':').next().unwrap();
    let made = dir.join(file.file_stem().unwrap()).with_extension(ext);
    assert!(
        made.is_file(),
        "LibreOffice made no {ext} of {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    made
}

fn text_of(file: &Path, dir: &Path) -> Vec<String> {
    let txt = soffice(file, "txt:Text (encoded):UTF8", dir);
    let text = std::fs::read_to_string(txt).unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// `expected` appear in `lines` in this order, each as a whole line.
fn in_order(lines: &[String], expected: &[String], what: &str) {
    let mut at = 0;
    for e in expected {
        let e = e.split_whitespace().collect::<Vec<_>>().join(" ");
        match lines[at..].iter().position(|l| *l == e) {
            Some(i) => at += i + 1,
            None => panic!(
                "{what}: LibreOffice reads no line {e:?} after line {at}:\n{}",
                lines.join("\n")
            ),
        }
    }
}

fn document_xml(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut part = zip.by_name("word/document.xml").unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut part, &mut xml).unwrap();
    xml
}

#[tokio::test]
async fn the_report_and_a_memo_as_word_files_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path()).await;
    let report = store.report(2566).await.unwrap();
    let digits = report.organization.digits;
    let memo = report.memos[0].clone();
    let org = store.organization().await.unwrap();
    store.close().await;

    let bytes = docx::report_docx(&report, digits).unwrap();
    let xml = document_xml(&bytes);
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1, "the header row repeats");
    assert!(
        xml.contains(r#"<w:jc w:val="thaiDistribute" />"#),
        "Part 2 in Thai distribution"
    );
    let path = dir.path().join("report.docx");
    std::fs::write(&path, &bytes).unwrap();

    // The text, paragraph by paragraph, in reading order.
    let shown = report.clone().for_display(digits);
    let mut expected: Vec<String> = shown.year.title.clone();
    expected.extend(shown.year.heading.clone());
    expected.push(shown.year.part1_heading.clone());
    expected.extend(shown.year.columns.clone());
    for m in &shown.measures {
        expected.push(m.title.clone());
        expected.extend(m.activities.iter().map(|a| format!("{} {}", a.label, a.text)));
        for r in &m.results {
            expected.push(format!("{} {}", r.label, r.text));
        }
        if !m.remarks.is_empty() {
            expected.push(m.remarks.clone());
        }
    }
    expected.push(shown.year.part2_heading.clone());
    expected.extend(shown.outcomes.iter().map(|o| format!("{} {}", o.label, o.text)));
    let expected: Vec<String> = expected
        .into_iter()
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty())
        .collect();
    in_order(&text_of(&path, dir.path()), &expected, "the report");

    // The table: a header row LibreOffice takes as repeated, four columns,
    // a row per measure.
    let html = std::fs::read_to_string(soffice(&path, "html", dir.path())).unwrap();
    assert_eq!(html.matches("<thead").count(), 1, "one repeated header row");
    assert_eq!(html.matches("<tr").count(), report.measures.len() + 1);
    assert_eq!(html.matches("<td").count(), 4 * (report.measures.len() + 1));

    let bytes = docx::memo_docx(&memo, &org, digits).unwrap();
    let path = dir.path().join("memo.docx");
    std::fs::write(&path, &bytes).unwrap();
    let m = &memo.memo;
    let d = |s: &str| prongsai_core::thai::to_display(s, digits);
    let mut expected = vec!["บันทึกข้อความ".to_owned(), format!("ส่วนราชการ {}", d(&m.division))];
    expected.push(format!("เรื่อง {}", d(&m.subject)));
    expected.extend(m.body.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(d));
    if !m.signer_name.is_empty() {
        expected.push(format!("({})", d(&m.signer_name)));
    }
    in_order(&text_of(&path, dir.path()), &expected, "the memo");
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn publishing_the_same_records_twice_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path()).await;
    let quiet = |_| {};
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    publish::publish_site(&store, 2566, &a, PublishOptions::default(), &quiet)
        .await
        .unwrap();
    publish::publish_site(&store, 2566, &b, PublishOptions::default(), &quiet)
        .await
        .unwrap();
    let (a, b) = (read_tree(&a), read_tree(&b));
    assert!(a.len() > 10, "{} files", a.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{} differs between two publishes", pa.display());
    }
    assert_eq!(a.len(), b.len());

    // The Word files on their own, from other threads of the same process.
    let report = store.report(2566).await.unwrap();
    let org = store.organization().await.unwrap();
    let one = documents::docx::report_docx(&report, Digits::Thai).unwrap();
    let other = std::thread::spawn(move || documents::docx::report_docx(&report, Digits::Thai).unwrap())
        .join()
        .unwrap();
    assert!(one == other, "the report's Word file differs between two exports");
    let memo = store.memo(1).await.unwrap();
    let one = documents::docx::memo_docx(&memo, &org, Digits::Thai).unwrap();
    let two = documents::docx::memo_docx(&memo, &org, Digits::Thai).unwrap();
    assert!(one == two, "the memo's Word file differs between two exports");
    store.close().await;
}

#[tokio::test]
async fn infographics_are_drawn_at_their_size_the_same_each_time() {
    use prongsai_core::publish::infographic::{self, Kind, Size, Theme};
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path()).await;
    let facts = publish::infographic_facts(&store, 2566, None).await.unwrap();
    store.close().await;
    for (size, w, h) in [(Size::Line, 1040, 1040), (Size::A4, 1240, 1754)] {
        let one = infographic::png(&facts, Kind::Budget, size, Theme::Navy).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&one));
        let info = decoder.read_info().unwrap().info().clone();
        assert_eq!((info.width, info.height), (w, h));
        let two = infographic::png(&facts, Kind::Budget, size, Theme::Navy).unwrap();
        assert!(one == two, "the same records draw the same pixels");
        let green = infographic::png(&facts, Kind::Budget, size, Theme::Green).unwrap();
        assert!(one != green, "the themes differ");
    }
    let steps = infographic::png(&facts, Kind::Borrowing, Size::Line, Theme::Navy).unwrap();
    assert!(steps.len() > 10_000);

    // The PDF holds the words, as any reader extracts them.
    let pdf = infographic::pdf(&facts, Kind::Budget, Size::A4, Theme::Navy).unwrap();
    let file = dir.path().join("budget.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ผลการใช้จ่ายงบประมาณ รอบ"), "{text}");

    // No channels set: refused, not an empty picture.
    let mut facts = facts;
    facts.org.channels.clear();
    let err = infographic::png(&facts, Kind::Channels, Size::Line, Theme::Navy).unwrap_err();
    assert!(
        matches!(
            err,
            prongsai_core::CoreError::Refused(prongsai_core::Refusal::NoChannelsToShow)
        ),
        "{err}"
    );
}

#[tokio::test]
async fn open_data_holds_the_years_register_and_loans_not_later_ones() {
    use prongsai_core::Change;
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path()).await;
    // An asset bought and lent in FY 2567, after the year published.
    let later: prongsai_core::assets::AssetDoc = serde_json::from_value(serde_json::json!({
        "number": "7440-001-9999/67", "name": "เครื่องพิมพ์", "category": "ครุภัณฑ์คอมพิวเตอร์",
        "acquired_on": "2024-01-10", "method": "เฉพาะเจาะจง", "price": "12000", "useful_life": 5
    }))
    .unwrap();
    store.apply(Change::ImportAssets { assets: vec![later] }).await.unwrap();
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    store
        .apply(Change::RequestLoan {
            request: serde_json::from_value(serde_json::json!({
                "asset_number": "7440-001-9999/67", "borrower": "นางสาวทดสอบ ยืมภายหลัง",
                "purpose": "ประชุม", "outside": false, "borrow_on": "2024-01-15", "due_on": "2024-01-20"
            }))
            .unwrap(),
            on: day(1, 15),
        })
        .await
        .unwrap();
    let out = dir.path().join("data");
    publish::open_data(&store, 2566, &out, PublishOptions { with_names: true })
        .await
        .unwrap();
    store.close().await;
    let register = std::fs::read_to_string(out.join("asset-register.csv")).unwrap();
    assert!(register.lines().count() > 1, "the year's register is there");
    assert!(!register.contains("9999/67"), "an asset bought after the year");
    let loans = std::fs::read_to_string(out.join("asset-loans.csv")).unwrap();
    assert!(loans.lines().count() > 1, "the year's loans are there");
    assert!(!loans.contains("ยืมภายหลัง"), "a loan of a later year");
}

#[tokio::test]
async fn an_svg_among_the_evidence_is_published_as_pixels() {
    use prongsai_core::Change;
    use prongsai_core::change::EvidenceSnap;
    let dir = tempfile::tempdir().unwrap();
    let store = fixture(dir.path()).await;
    let result_id = store.report(2566).await.unwrap().measures[0].results[0].id;
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>alert(1)</script><rect width="40" height="20" fill="navy"/></svg>"#;
    store
        .apply(Change::InsertEvidence {
            result_id,
            index: 0,
            evidence: EvidenceSnap {
                id: None,
                evidence: prongsai_core::Evidence::Image {
                    name: "แผนภาพ.svg".into(),
                    mime: "image/svg+xml".into(),
                    data: prongsai_core::doc::base64_encode(svg.as_bytes()),
                },
            },
        })
        .await
        .unwrap();
    let quiet = |_| {};
    let done = publish::publish_site(
        &store,
        2566,
        &dir.path().join("site"),
        PublishOptions::default(),
        &quiet,
    )
    .await
    .unwrap();
    store.close().await;
    assert!(!done.files.iter().any(|f| f.ends_with(".svg")), "{:?}", done.files);
    let image = done
        .files
        .iter()
        .find(|f| f.starts_with("files/image-"))
        .expect("the image");
    assert!(image.ends_with(".png"));
    let bytes = std::fs::read(dir.path().join("site").join(image)).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"));
}
