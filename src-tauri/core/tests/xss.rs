//! Hostile text: 50 known XSS payloads in every text field of a report are
//! stored as typed and come out of the PDF, and of the published web
//! pages, as plain text.

use prongsai_core::documents::{ReportOptions, report_pdf};
use prongsai_core::{Change, Digits, Orientation, ReportDoc, Store, doc, sample};

pub const PAYLOADS: &str = include_str!("../../../tests/fixtures/xss-payloads.txt");

/// The sample report with every text field replaced by all 50 payloads.
pub fn hostile_report() -> ReportDoc {
    let all = PAYLOADS.lines().collect::<Vec<_>>().join(" ");
    let mut d = sample::sample_doc().unwrap();
    for l in d.year.title.iter_mut().chain(d.year.heading.iter_mut()) {
        *l = all.clone();
    }
    d.year.part1_heading = all.clone();
    d.year.part2_heading = all.clone();
    for m in &mut d.measures {
        m.title = all.clone();
        m.remarks = all.clone();
        m.activities.iter_mut().for_each(|a| a.text = all.clone());
        m.results.iter_mut().for_each(|r| r.text = all.clone());
    }
    d.outcomes.iter_mut().for_each(|o| *o = all.clone());
    for memo in &mut d.memos {
        memo.subject = all.clone();
        memo.body = all.clone();
        memo.recipient = all.clone();
    }
    d
}

#[tokio::test]
async fn payloads_are_stored_as_typed_and_print_as_text() {
    assert_eq!(PAYLOADS.lines().count(), 50);
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let hostile = doc::normalize(hostile_report()).unwrap();
    store
        .apply(Change::ImportReport {
            doc: Box::new(hostile.clone()),
            replace: true,
        })
        .await
        .unwrap();
    let report = store.report(2566).await.unwrap();
    assert_eq!(report.to_doc(), hostile, "stored differently from what was typed");

    let pdf = report_pdf(
        &report,
        &ReportOptions {
            digits: Digits::Arabic,
            orientation: Orientation::Landscape,
        },
    )
    .unwrap();
    let path = dir.path().join("xss.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for p in PAYLOADS.lines() {
        let squashed: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(text.contains(&squashed), "not printed as text: {p}");
    }

    // Published as web pages, every payload is text: no element or
    // attribute of its own, no script.
    let site = dir.path().join("site");
    let quiet = |_| {};
    let done = prongsai_core::publish::publish_site(&store, 2566, &site, Default::default(), &quiet)
        .await
        .unwrap();
    for f in done.files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.join(f)).unwrap().to_lowercase();
        // Every tag of the page (escaped text has no "<").
        for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap()) {
            let name = tag.split_whitespace().next().unwrap_or_default();
            assert!(
                !["script", "svg", "iframe", "object", "embed", "style"].contains(&name),
                "{f} holds a <{name}>"
            );
            let handler = tag
                .split_whitespace()
                .skip(1)
                .any(|a| a.starts_with("on") && a.contains('='));
            assert!(!handler, "{f} holds an event handler: <{tag}>");
            assert!(!tag.contains("javascript:"), "{f} links to a script: <{tag}>");
        }
    }
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        index.contains("&lt;script&gt;window.__xss="),
        "the payloads are shown, escaped"
    );
}

#[tokio::test]
async fn memos_are_shown_with_the_chosen_digits() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let hostile = doc::normalize(hostile_report()).unwrap();
    store
        .apply(Change::ImportReport {
            doc: Box::new(hostile),
            replace: true,
        })
        .await
        .unwrap();
    let shown = store.report(2566).await.unwrap().for_display(Digits::Thai);
    let subject = &shown.memos[0].memo.subject;
    assert!(subject.contains("x=๒๐"), "{subject}");
}
