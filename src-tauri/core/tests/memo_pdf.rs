//! The circular memo (บันทึกข้อความ) as PDF.

#[path = "common/tools.rs"]
mod tools;
use tools::tool;

use std::process::Command;

use prongsai_core::documents::{memo_pdf, write_atomically};
use prongsai_core::{Change, Digits, Emblem, Store, doc};

#[tokio::test]
async fn the_sample_memo_prints_with_its_parts_and_the_emblem_when_set() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let report = store.report(2566).await.unwrap();
    assert_eq!(report.memos.len(), 1);
    let memo = report.memos[0].clone();
    // The report's memo reference points at the stored memo.
    let linked = report.measures[0].results[0].evidence.iter().find_map(|e| e.memo_id);
    assert_eq!(linked, Some(memo.id));

    // No emblem: its place stays empty, no image in the file.
    let org = store.organization().await.unwrap();
    assert!(org.emblem.is_none());
    let bare = dir.path().join("bare.pdf");
    write_atomically(&bare, &memo_pdf(&memo, &org, Digits::Thai).unwrap()).unwrap();
    assert_eq!(
        tool("pdfimages", &["-list", bare.to_str().unwrap()]).lines().count(),
        2,
        "an image without an emblem"
    );
    let text: String = tool("pdftotext", &["-raw", bare.to_str().unwrap(), "-"]);
    for part in [
        "ด่วนที่สุด",
        "บันทึกข้อความ",
        "ส่วนราชการ",
        "ที่ พณ ๐๗๐๑.๐๘/ว๒๔",
        "วันที่ ๕ เมษายน ๒๕๖๖",
        "เรื่อง",
        "เรียน",
        "เลขานุการกรม",
    ] {
        assert!(text.contains(part), "no {part:?} in {text}");
    }
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let subject: String = memo.memo.subject.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squashed.contains(&prongsai_core::thai::to_display(&subject, Digits::Thai)));

    // With an emblem (through the one write path).
    let png = include_bytes!("fixtures/emblem.png");
    store
        .apply(Change::SetEmblem {
            emblem: Some(Emblem {
                mime: doc::sniff_image(png).unwrap().into(),
                data: doc::base64_encode(png),
            }),
        })
        .await
        .unwrap();
    let org = store.organization().await.unwrap();
    let with = dir.path().join("emblem.pdf");
    write_atomically(&with, &memo_pdf(&memo, &org, Digits::Arabic).unwrap()).unwrap();
    let images = tool("pdfimages", &["-list", with.to_str().unwrap()]);
    assert!(
        images.lines().any(|l| l.contains(" image ") && l.contains("240   300")),
        "{images}"
    );
    assert!(tool("pdftotext", &["-raw", with.to_str().unwrap(), "-"]).contains("ที่ พณ 0701.08/ว24"));
    let check = Command::new("qpdf").arg("--check").arg(&with).output().unwrap();
    assert!(check.status.success());
    // A 1.5 cm emblem: 42.5 pt high at the top left, 3 cm from the edge.
    let info = tool("pdfimages", &["-list", with.to_str().unwrap()]);
    let ppi: f32 = info
        .lines()
        .nth(2)
        .unwrap()
        .split_whitespace()
        .nth(12)
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (300.0 / ppi * 2.54 - 1.5).abs() < 0.02,
        "emblem height {} cm",
        300.0 / ppi * 2.54
    );
}

#[tokio::test]
async fn a_broken_emblem_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let before = store.change_count().await.unwrap();
    for (mime, data) in [
        ("image/png", doc::base64_encode(b"\x89PNG\r\n\x1a\nbroken")),
        ("image/gif", doc::base64_encode(b"GIF89a")),
        ("image/png", "not base64!".to_owned()),
    ] {
        let err = store
            .apply(Change::SetEmblem {
                emblem: Some(Emblem {
                    mime: mime.into(),
                    data,
                }),
            })
            .await
            .unwrap_err();
        assert_eq!(err.code(), prongsai_core::ErrorCode::InvalidInput, "{err}");
    }
    assert_eq!(store.change_count().await.unwrap(), before);
    assert!(store.organization().await.unwrap().emblem.is_none());
}

#[tokio::test]
async fn an_svg_emblem_prints_as_a_crisp_image() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let svg = include_bytes!("fixtures/emblem.svg");
    assert_eq!(doc::sniff_image(svg), Some("image/svg+xml"));
    store
        .apply(Change::SetEmblem {
            emblem: Some(Emblem {
                mime: "image/svg+xml".into(),
                data: doc::base64_encode(svg),
            }),
        })
        .await
        .unwrap();
    let org = store.organization().await.unwrap();
    let memo = store.report(2566).await.unwrap().memos[0].clone();
    let path = dir.path().join("svg.pdf");
    write_atomically(&path, &memo_pdf(&memo, &org, Digits::Thai).unwrap()).unwrap();
    let list = tool("pdfimages", &["-list", path.to_str().unwrap()]);
    let row = list.lines().nth(2).expect("the emblem is in the PDF");
    let cols: Vec<&str> = row.split_whitespace().collect();
    // Rendered at 800 px on its long side: 640 × 800, 1.5 cm high.
    assert_eq!((cols[3], cols[4]), ("640", "800"), "{list}");
    let ppi: f32 = cols[12].parse().unwrap();
    assert!((800.0 / ppi * 2.54 - 1.5).abs() < 0.02);
}

/// Sarabun's files under TH Sarabun New's names: a font "installed" on this
/// machine for the test.
fn th_sarabun_in(dir: &std::path::Path) -> std::path::PathBuf {
    let fonts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../typeset/fonts");
    std::fs::copy(fonts.join("Sarabun-Regular.ttf"), dir.join("THSarabunNew.ttf")).unwrap();
    std::fs::copy(fonts.join("Sarabun-Bold.ttf"), dir.join("THSarabunNew Bold.ttf")).unwrap();
    dir.join("THSarabunNew.ttf")
}

#[tokio::test]
async fn documents_are_set_in_the_font_file_chosen_and_say_when_it_is_gone() {
    use prongsai_core::documents::export_memo;
    use prongsai_core::refusal::{FontProblem, Refusal};
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open_or_seed(&dir.path().join("p.sqlite")).await.unwrap();
    let memo = store.report(2566).await.unwrap().memos[0].id;
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let regular = th_sarabun_in(&fonts);

    // A file with no bold beside it is refused, and nothing changes.
    let lone = dir.path().join("THSarabunPSK.ttf");
    std::fs::copy(&regular, &lone).unwrap();
    let refused = store
        .apply(Change::SetFont {
            file: lone.display().to_string(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused.refusal(),
            Some(Refusal::FontUnusable {
                problem: FontProblem::NoBold,
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(store.organization().await.unwrap().font_file, "");

    store
        .apply(Change::SetFont {
            file: regular.display().to_string(),
        })
        .await
        .unwrap();
    let out = dir.path().join("memo.pdf");
    let done = export_memo(&store, memo, None, &out).await.unwrap();
    assert!(!done.font_missing);
    let fonts_used = tool("pdffonts", &[out.to_str().unwrap()]);
    assert!(
        fonts_used.contains("+THSarabunNew ") && fonts_used.contains("+THSarabunNew-Bold "),
        "{fonts_used}"
    );

    // The file removed: the memo still prints, in Sarabun, and says so.
    std::fs::remove_dir_all(&fonts).unwrap();
    let done = export_memo(&store, memo, None, &out).await.unwrap();
    assert!(done.font_missing);
    assert!(tool("pdffonts", &[out.to_str().unwrap()]).contains("+Sarabun-Regular "));
    // Undo and redo take the setting as recorded, file or no file.
    store.undo().await.unwrap();
    assert_eq!(store.organization().await.unwrap().font_file, "");
    store.redo().await.unwrap();
    assert_eq!(
        store.organization().await.unwrap().font_file,
        regular.display().to_string()
    );
    assert!(store.verify().await.unwrap().ok());
}
