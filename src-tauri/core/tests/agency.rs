//! Any agency, not only the sample's: headings follow the organization, a
//! year's headings are its own to edit, and an agency's own report starts
//! in one step that undo takes back whole.

use prongsai_core::error::Refusal;
use std::path::Path;

use prongsai_core::change::OrgSettings;
use prongsai_core::documents::{ReportOptions, report_pdf};
use prongsai_core::{Change, CoreError, Digits, Orientation, Report, Store};

const DIP: &str = "ทรัพย์สินทางปัญญา";
const DIT: &str = "กรมการค้าภายใน";

async fn sample() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    (dir, store)
}

fn internal_trade(store_settings: OrgSettings) -> OrgSettings {
    OrgSettings {
        name_th: DIT.into(),
        name_en: "Department of Internal Trade".into(),
        ministry: "กระทรวงพาณิชย์".into(),
        doc_prefix: "พณ 0401".into(),
        phone: "0 2507 5530".into(),
        divisions: vec!["สำนักงานเลขานุการกรม".into()],
        ..store_settings
    }
}

/// The report's PDF as text (pdftotext), Arabic digits.
fn printed(dir: &Path, r: &Report) -> String {
    let opts = ReportOptions {
        digits: Digits::Arabic,
        orientation: Orientation::Landscape,
    };
    let path = dir.join(format!("r{}.pdf", r.year.year_be));
    std::fs::write(&path, report_pdf(r, &opts).unwrap()).unwrap();
    pdf_text(&path)
}

/// A PDF's text as pdftotext reads it (pages end with a form feed).
fn pdf_text(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn a_renamed_organization_prints_its_own_name_in_a_year_copied_forward() {
    let (dir, store) = sample().await;
    let settings = store.organization().await.unwrap().settings();
    store
        .apply(Change::SetOrganization {
            settings: internal_trade(settings),
        })
        .await
        .unwrap();
    store
        .apply(Change::NewYear {
            from: 2566,
            to: 2567,
            keep_remarks: false,
        })
        .await
        .unwrap();
    let r = store.report(2567).await.unwrap();
    let text = printed(dir.path(), &r);
    assert!(text.contains(DIT), "{text}");
    assert!(text.contains("2567") && !text.contains("2566"), "{text}");
    assert!(!text.contains(DIP), "another agency's name is printed: {text}");
    // The copy keeps placeholders, so a later rename shows too.
    assert!(r.year.headings.heading.iter().any(|l| l.contains("{หน่วยงาน}")));
    assert!(store.verify().await.unwrap().ok());
}

#[tokio::test]
async fn a_years_headings_and_columns_are_its_own_and_undo_restores_them() {
    let (dir, store) = sample().await;
    let before = store.report(2566).await.unwrap();
    let mut h = before.year.headings.clone();
    h.title = vec!["รายงานของ {หน่วยงาน}".into(), "ปี {ปี}".into()];
    h.part2_heading = "ส่วนที่ 2 ผลที่ได้".into();
    h.columns = ["ข้อ", "สิ่งที่ทำ", "ผล", "หมายเหตุ"].map(String::from).to_vec();
    store
        .apply(Change::SetHeadings {
            year_be: 2566,
            headings: h.clone(),
        })
        .await
        .unwrap();
    let r = store.report(2566).await.unwrap();
    assert_eq!(r.year.title, ["รายงานของ กรมทรัพย์สินทางปัญญา", "ปี 2566"]);
    assert_eq!(r.year.columns, ["ข้อ", "สิ่งที่ทำ", "ผล", "หมายเหตุ"]);
    assert_eq!(r.year.headings, h);
    let text = printed(dir.path(), &r);
    for s in ["รายงานของ", "สิ่งที่ทำ", "ส่วนที่ 2 ผลที่ได้"]
    {
        assert!(text.contains(s), "{s} is not printed: {text}");
    }
    // The standard column heading is gone; Part 1's heading still says it.
    assert_eq!(text.matches("กิจกรรม/แนวทาง").count(), 1, "{text}");

    // Three columns for a four-column table: refused, nothing changed.
    let mut bad = h.clone();
    bad.columns.pop();
    let err = store
        .apply(Change::SetHeadings {
            year_be: 2566,
            headings: bad,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Refused(Refusal::ColumnCount { columns: 4 })),
        "{err}"
    );
    assert_eq!(store.report(2566).await.unwrap().year.headings, h);

    store.undo().await.unwrap();
    assert_eq!(store.report(2566).await.unwrap().year, before.year);
    assert!(store.verify().await.unwrap().ok());
}

#[tokio::test]
async fn an_agencys_own_report_starts_in_one_step_and_undo_takes_it_back() {
    let (_dir, store) = sample().await;
    let years = store.years().await.unwrap();
    // The sample's FY 2566 report, and the same moved forward as FY 2568.
    assert_eq!(years.iter().map(|y| y.year_be).collect::<Vec<_>>(), [2568, 2566]);
    assert!(years.iter().all(|y| y.sample), "the sample is labelled as the sample");
    let sample_org = store.organization().await.unwrap();

    let settings = internal_trade(sample_org.settings());
    store.start_own_report(settings, 2569, true).await.unwrap();
    let years = store.years().await.unwrap();
    assert_eq!(
        years.iter().map(|y| (y.year_be, y.sample)).collect::<Vec<_>>(),
        [(2569, false)]
    );
    let r = store.report(2569).await.unwrap();
    assert_eq!(r.organization.name_th, DIT);
    assert!(r.measures.is_empty() && r.outcomes.is_empty());
    let all = [r.year.title.clone(), r.year.heading.clone()].concat().join(" ");
    assert!(all.contains(DIT) && all.contains("2569") && !all.contains(DIP), "{all}");
    assert!(r.year.signatures.approver_name.is_empty());
    // The sample's complaint channels are the DIP's: not the new agency's.
    assert!(!sample_org.channels.is_empty());
    assert!(r.organization.channels.is_empty(), "{:?}", r.organization.channels);

    // One entry of the history: undone whole.
    store.undo().await.unwrap();
    let years = store.years().await.unwrap();
    assert_eq!(
        years.iter().map(|y| (y.year_be, y.sample)).collect::<Vec<_>>(),
        [(2568, true), (2566, true)]
    );
    assert_eq!(store.organization().await.unwrap().name_th, sample_org.name_th);
    assert_eq!(store.organization().await.unwrap().channels, sample_org.channels);
    assert!(store.verify().await.unwrap().ok());

    // Keeping the sample, a year it already has cannot be started again.
    let settings = internal_trade(sample_org.settings());
    let err = store.start_own_report(settings, 2566, false).await.unwrap_err();
    assert!(
        matches!(err, CoreError::Refused(Refusal::YearExists { year_be: 2566 })),
        "{err}"
    );
    assert_eq!(store.organization().await.unwrap().name_th, sample_org.name_th);
}

#[tokio::test]
async fn a_report_file_keeps_its_headings_as_typed_and_the_sample_mark() {
    let (_dir, store) = sample().await;
    let doc = store.export_doc(2566).await.unwrap();
    assert!(doc.year.sample);
    assert!(doc.year.heading.iter().any(|l| l.contains("{หน่วยงาน}")));
    let json = prongsai_core::doc::to_json(&doc);
    let other = tempfile::tempdir().unwrap();
    let (copy, _) = Store::open(&other.path().join("q.sqlite")).await.unwrap();
    copy.apply(Change::ImportReport {
        doc: Box::new(prongsai_core::doc::parse(&json).unwrap()),
        replace: false,
    })
    .await
    .unwrap();
    assert_eq!(prongsai_core::doc::to_json(&copy.export_doc(2566).await.unwrap()), json);
    assert!(copy.years().await.unwrap()[0].sample);
}

fn memo(number: &str, subject: &str) -> prongsai_core::MemoDoc {
    prongsai_core::MemoDoc {
        number: number.into(),
        date: chrono::NaiveDate::from_ymd_opt(2023, 5, 9).unwrap(),
        urgency: prongsai_core::Urgency::Urgent,
        secrecy: prongsai_core::Secrecy::Confidential,
        division: "กองส่งเสริมการค้า โทร. 0 2507 5530".into(),
        subject: subject.into(),
        recipient: "ผู้อำนวยการทุกกอง".into(),
        body: "ย่อหน้าแรก\nย่อหน้าที่สอง".into(),
        signer_name: "นางสาวสมศรี ใจดี".into(),
        signer_position: "ผู้อำนวยการกองส่งเสริมการค้า".into(),
    }
}

#[tokio::test]
async fn memos_are_added_edited_copied_and_removed_and_undo_takes_each_back() {
    let (dir, store) = sample().await;
    let before = store.report(2566).await.unwrap().memos;
    // A circular takes the next number of its series; "ที่" typed is dropped.
    let prefix = "พณ 0701.08/ว";
    let number = store.next_memo_number(prefix).await.unwrap();
    assert_eq!(number, "พณ 0701.08/ว25", "the sample's circular is ว24");
    let applied = store
        .apply(Change::InsertMemo {
            id: None,
            memo: memo(&format!("ที่ {number}"), "ขอเชิญประชุม"),
        })
        .await
        .unwrap();
    assert_eq!(applied.year_be, 2566);
    let memos = store.report(2566).await.unwrap().memos;
    let added = memos.iter().find(|m| m.memo.subject == "ขอเชิญประชุม").unwrap();
    assert_eq!(added.memo.number, number);
    let pdf = dir.path().join("m.pdf");
    prongsai_core::documents::export_memo(&store, added.id, Some(Digits::Arabic), &pdf)
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    assert!(text.contains(&number) && !text.contains("ที่ ที่"), "{text}");
    // A confidential memo says so at the head and the foot of its page.
    let marks = text.lines().filter(|l| l.trim() == "ลับ").count();
    assert_eq!(marks, 2, "the secrecy mark is printed top and bottom: {text}");
    assert_eq!(
        store
            .report(2566)
            .await
            .unwrap()
            .memos
            .iter()
            .find(|m| m.id == added.id)
            .unwrap()
            .memo
            .secrecy,
        prongsai_core::Secrecy::Confidential
    );

    // Edited, copied under the next number, then removed.
    let mut edited = added.memo.clone();
    edited.subject = "ขอเชิญประชุม (แก้ไข)".into();
    store
        .apply(Change::SetMemo {
            id: added.id,
            memo: edited.clone(),
        })
        .await
        .unwrap();
    let copy = prongsai_core::MemoDoc {
        number: store.next_memo_number(prefix).await.unwrap(),
        ..edited.clone()
    };
    store.apply(Change::InsertMemo { id: None, memo: copy }).await.unwrap();
    // The same number and date twice: refused, nothing changed.
    let twice = store
        .apply(Change::InsertMemo {
            id: None,
            memo: edited.clone(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(twice, CoreError::Refused(Refusal::MemoExists { .. })),
        "{twice}"
    );
    assert_eq!(store.report(2566).await.unwrap().memos.len(), before.len() + 2);
    store.apply(Change::DeleteMemo { id: added.id }).await.unwrap();
    assert_eq!(store.report(2566).await.unwrap().memos.len(), before.len() + 1);

    // Undo takes each step back, the removed memo with its own id.
    store.undo().await.unwrap();
    let back = store.report(2566).await.unwrap().memos;
    assert!(back.iter().any(|m| m.id == added.id && m.memo == edited));
    for _ in 0..3 {
        store.undo().await.unwrap();
    }
    assert_eq!(store.report(2566).await.unwrap().memos, before);
    assert!(store.verify().await.unwrap().ok());
}

/// The memo form's live preview is laid out by the PDF's own code: as many
/// pages as the PDF, the same text in runs, the secrecy marks, typed
/// markup shown as text.
#[tokio::test]
async fn a_memo_preview_has_the_pdfs_pages_and_text() {
    let (dir, store) = sample().await;
    let mut doc = memo("พณ 0401/ว9", "ขอเชิญประชุม <b>ด่วน</b> & ติดตามผล");
    doc.body = (0..40)
        .map(|i| format!("ย่อหน้าที่ {i} ขอให้ทุกหน่วยงานรายงานผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรม"))
        .collect::<Vec<_>>()
        .join("\n");
    let pages = prongsai_core::documents::preview_memo(&store, doc.clone())
        .await
        .unwrap();
    store.apply(Change::InsertMemo { id: None, memo: doc }).await.unwrap();
    let memos = store.report(2566).await.unwrap().memos;
    let saved = memos.iter().find(|m| m.memo.number == "พณ 0401/ว9").unwrap();
    let pdf = dir.path().join("m.pdf");
    prongsai_core::documents::export_memo(&store, saved.id, None, &pdf)
        .await
        .unwrap();
    let text = pdf_text(&pdf);
    let pdf_pages = text.matches('\u{c}').count();
    assert!(pdf_pages >= 2, "the long memo runs over a page");
    assert_eq!(pages.len(), pdf_pages, "the preview has the PDF's pages");
    assert!(pages.iter().all(|p| p.starts_with("<svg") && p.ends_with("</svg>")));
    // Markup typed is text, escaped; the secrecy mark is on every page.
    assert!(
        pages[0].contains("&lt;b&gt;ด่วน&lt;/b&gt; &amp; ติดตามผล"),
        "{}",
        pages[0]
    );
    assert!(!pages[0].contains("<b>"));
    assert!(pages.iter().all(|p| p.matches(">ลับ</text>").count() == 2));
    // The last paragraph (Thai digits) is on the last page, as in the PDF.
    assert!(pages.last().unwrap().contains("ย่อหน้าที่ ๓๙"));
    assert!(text.contains("ย่อหน้าที่ ๓๙"));
}
