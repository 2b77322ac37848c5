//! A drafter of another department, from the sample to its own report.

use super::*;

/// `prongsai-cli ARGS` on the app's database, beside the open app (reads
/// only); its standard output.
fn cli(db: &Path, args: &[&str]) -> String {
    let cli = cli_path();
    let out = Command::new(&cli).arg("--db").arg(db).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Clicks an element scrolled to the middle of the window: the sticky
/// header never covers it.
async fn click_in_view(c: &Client, css: &str) {
    let e = all(c, css).await.remove(0);
    c.execute(
        "arguments[0].scrollIntoView({ block: 'center' })",
        vec![serde_json::to_value(&e).unwrap()],
    )
    .await
    .unwrap();
    e.click().await.unwrap();
}

async fn type_into(c: &Client, css: &str, text: &str) {
    let e = all(c, css).await.remove(0);
    e.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn another_department_starts_its_own_report_and_prints_its_own_name() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let (dir, db) = temp_db();
    // TH Sarabun New installed in the user's fonts folder (Sarabun's files
    // under its names stand in for it).
    let fonts = dir.path().join("home/.local/share/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let typeset = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/typeset/fonts");
    std::fs::copy(typeset.join("Sarabun-Regular.ttf"), fonts.join("THSarabunNew.ttf")).unwrap();
    std::fs::copy(typeset.join("Sarabun-Bold.ttf"), fonts.join("THSarabunNew Bold.ttf")).unwrap();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;

    // The sample says what it is, and offers the agency's own report.
    all(&c, "[data-testid=sample-banner]").await;
    click(&c, "[data-testid=start-own]").await;
    type_into(&c, "[data-testid=own-name-th]", "กรมการค้าภายใน").await;
    type_into(&c, "[data-testid=own-name-en]", "Department of Internal Trade").await;
    type_into(&c, "[data-testid=own-ministry]", "กระทรวงพาณิชย์").await;
    type_into(&c, "[data-testid=own-prefix]", "พณ 0401").await;
    type_into(&c, "[data-testid=own-phone]", "0 2507 5530").await;
    let year = all(&c, "[data-testid=own-year]").await.remove(0);
    until("the fiscal year in progress, offered", || async {
        !value(&year).await.is_empty()
    })
    .await;
    year.clear().await.unwrap();
    year.send_keys("2569").await.unwrap();
    // The name the history records is offered as it was last set.
    let user = all(&c, "[data-testid=own-user]").await.remove(0);
    user.clear().await.unwrap();
    user.send_keys("สมศรี ใจดี").await.unwrap();
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-start-form"), png));
    click(&c, "[data-testid=own-start]").await;
    until("the agency's own year", || async {
        attr(&c, "[data-testid=report]", "data-year").await.as_deref() == Some("2569")
    })
    .await;
    assert!(c.find(Locator::Css("[data-testid=sample-banner]")).await.is_err());
    let org = attr(&c, ".org", "title").await;
    assert_eq!(org.as_deref(), Some("กรมการค้าภายใน"));

    // Two measures, each with an activity and a result.
    let work = [
        (
            "ส่งเสริมการเปิดเผยข้อมูลราคาสินค้า",
            "จัดทำช่องทางเผยแพร่ข้อมูล",
            "เผยแพร่ข้อมูลครบทุกเดือน",
        ),
        ("ป้องกันผลประโยชน์ทับซ้อน", "อบรมบุคลากร", "บุคลากรเข้าร่วมร้อยละ 95"),
    ];
    for (i, (title, activity, result)) in work.iter().enumerate() {
        click(&c, "[data-testid=add-measure]").await;
        type_into(&c, "[data-testid=new-measure-text]", &format!("{title}{}", Key::Enter)).await;
        until("the new measure", || async {
            ids(&c, "[data-testid=measure]").await.len() == i + 1
        })
        .await;
        let id = ids(&c, "[data-testid=measure]").await[i].clone();
        click(&c, &format!("[data-testid=add-activity][data-id=\"{id}\"]")).await;
        type_into(
            &c,
            "[data-testid=new-activity-end-text]",
            &format!("{activity}{}", Key::Enter),
        )
        .await;
        until("the activity", || async {
            all(
                &c,
                &format!("[data-testid=measure][data-id=\"{id}\"] [data-testid=activity-text]"),
            )
            .await
            .len()
                == 1
        })
        .await;
        click(&c, &format!("[data-testid=add-result][data-id=\"{id}\"]")).await;
        type_into(
            &c,
            "[data-testid=new-result-end-text]",
            &format!("{result}{}", Key::Enter),
        )
        .await;
        until("the result", || async {
            c.find(Locator::Css(&format!(
                "[data-testid=measure][data-id=\"{id}\"] [data-testid=result-text]"
            )))
            .await
            .is_ok()
        })
        .await;
    }
    // A link as the first result's evidence (its button shows with the
    // result's tools, when the result has focus).
    let result_id = attr(&c, "[data-testid=result-text]", "data-id").await.unwrap();
    let focus = format!("document.querySelector('[data-testid=result-text][data-id=\"{result_id}\"]').focus()");
    c.execute(&focus, vec![]).await.unwrap();
    click(&c, &format!("[data-testid=evidence-add][data-result=\"{result_id}\"]")).await;
    type_into(&c, "[data-testid=evidence-url]", "https://www.dit.go.th/ita/o26").await;
    click(&c, "[data-testid=evidence-url-add]").await;
    all(&c, "[data-testid=evidence-link]").await;
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-own-report"), png));

    // Documents set in the TH Sarabun New found on the machine.
    click(&c, "[data-testid=tab-settings]").await;
    all(&c, "[data-testid=font-builtin]").await;
    click_in_view(&c, "[data-testid=font-setting] .found button").await;
    until("the font chosen", || async {
        c.find(Locator::Css("[data-testid=font-file]")).await.is_ok()
    })
    .await;
    let chosen = all(&c, "[data-testid=font-file]").await.remove(0).text().await.unwrap();
    assert!(chosen.ends_with("THSarabunNew.ttf"), "{chosen}");
    click(&c, "[data-testid=tab-report]").await;

    // A circular memo, numbered by the series the core counts.
    click_in_view(&c, "[data-testid=memo-new]").await;
    click_in_view(&c, "[data-testid=memo-next-number]").await;
    let number = all(&c, "[data-testid=memo-number]").await.remove(0);
    until("the next circular number", || async {
        value(&number).await == "พณ 0401/ว1"
    })
    .await;
    let date = all(&c, "[data-testid=memo-date]").await.remove(0);
    date.clear().await.unwrap();
    date.send_keys("9/5/2569").await.unwrap();
    type_into(&c, "[data-testid=memo-subject]", "แจ้งเวียนแผนปฏิบัติการส่งเสริมคุณธรรม").await;
    // A confidential circular: its ส่วนราชการ starts with the phone.
    let secrecy = all(&c, "[data-testid=memo-secrecy]").await.remove(0);
    secrecy.select_by_value("confidential").await.unwrap();
    let division = all(&c, "[data-testid=memo-division]").await.remove(0);
    assert_eq!(value(&division).await, "กรมการค้าภายใน โทร. 0 2507 5530");
    // Beside the form, the page as it will print, from the core's layout.
    until("the live preview", || async {
        let shown = c
            .execute(
                "const p = document.querySelector('[data-testid=memo-preview] svg'); return p ? p.textContent : '';",
                vec![],
            )
            .await
            .unwrap();
        shown
            .as_str()
            .is_some_and(|t| t.contains("แจ้งเวียนแผนปฏิบัติการ") && t.contains("ลับ"))
    })
    .await;
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-memo-preview"), png));
    type_into(&c, "[data-testid=memo-recipient]", "ผู้อำนวยการทุกกอง").await;
    type_into(&c, "[data-testid=memo-body]", "ตามที่กรมการค้าภายในได้จัดทำแผน").await;
    type_into(&c, "[data-testid=memo-signer]", "นายสมชาย ใจดี").await;
    click_in_view(&c, "[data-testid=memo-save]").await;
    until("the memo", || async {
        c.find(Locator::Css("[data-testid=memo]")).await.is_ok()
    })
    .await;
    let memos_el = all(&c, "[data-testid=memos]").await.remove(0);
    c.execute(
        "arguments[0].scrollIntoView()",
        vec![serde_json::to_value(&memos_el).unwrap()],
    )
    .await
    .unwrap();
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-memo"), png));
    let memos = cli(&db, &["memos", "--year", "2569"]);
    let memo_id = memos.split('\t').next().unwrap().to_owned();
    assert!(memos.contains("พณ 0401/ว1"), "{memos}");
    let memo_pdf = dir.path().join("memo.pdf");
    cli(
        &db,
        &[
            "export-memo",
            "--id",
            &memo_id,
            "--digits",
            "arabic",
            "--out",
            memo_pdf.to_str().unwrap(),
        ],
    );
    let out = Command::new("pdftotext")
        .arg(&memo_pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let memo_text = String::from_utf8(out.stdout).unwrap();
    assert!(
        memo_text.contains("พณ 0401/ว1") && memo_text.contains("กรมการค้าภายใน"),
        "{memo_text}"
    );
    assert!(memo_text.contains("โทร. 0 2507 5530"), "{memo_text}");
    assert_eq!(memo_text.lines().filter(|l| l.trim() == "ลับ").count(), 2, "{memo_text}");
    let fonts_used = Command::new("pdffonts").arg(&memo_pdf).output().expect("pdffonts");
    let fonts_used = String::from_utf8(fonts_used.stdout).unwrap();
    assert!(fonts_used.contains("+THSarabunNew "), "{fonts_used}");
    assert!(!memo_text.contains("ทรัพย์สินทางปัญญา"), "{memo_text}");

    // A removal says so, with its Undo beside it.
    click_in_view(&c, "[data-testid=memo-delete]").await;
    until("the memo removed", || async {
        c.find(Locator::Css("[data-testid=memo]")).await.is_err()
    })
    .await;
    click_in_view(&c, "[data-testid=notice-undo]").await;
    until("the memo back", || async {
        c.find(Locator::Css("[data-testid=memo]")).await.is_ok()
    })
    .await;

    // The PDF carries the agency's name, its measures and link, and no
    // word of the sample's agency.
    let pdf = dir.path().join("dit-2569.pdf");
    cli(
        &db,
        &[
            "export",
            "--year",
            "2569",
            "--digits",
            "arabic",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    // In the order the PDF draws it (cell by cell): poppler's own reading
    // order joins lines into a cell's paragraph only when they are at most
    // 1.5 font sizes apart, and Sarabun at the regulation's line pitch is
    // set 1.9 apart.
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8(out.stdout).unwrap();
    // Words wrap in the table's columns: compare without white space.
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for want in [
        "กรมการค้าภายใน",
        "2569",
        work[0].0,
        work[1].2,
        "https://www.dit.go.th/ita/o26",
    ] {
        assert!(squash(&text).contains(&squash(want)), "{want} is not printed: {text}");
    }
    assert!(
        !text.contains("ทรัพย์สินทางปัญญา"),
        "the sample's agency is printed: {text}"
    );
    // The year's headings are its own to edit: a column renamed shows.
    click(&c, "[data-testid=tab-years]").await;
    let column = all(&c, "[data-testid=headings-column]").await.remove(1);
    column.clear().await.unwrap();
    column.send_keys("กิจกรรม").await.unwrap();
    click(&c, "[data-testid=headings-save]").await;
    until("the renamed column", || async {
        cli(&db, &["report", "--year", "2569"]).contains("\"columns\"")
    })
    .await;
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-headings"), png));
    let years = cli(&db, &["years"]);
    assert_eq!(years.lines().count(), 1, "the sample was removed: {years}");

    // A mistake is told in Thai, with the BE year and Thai digits, beside
    // the field: 31 February is refused by the core, worded by the UI.
    click(&c, "[data-testid=tab-report]").await;
    all(&c, "[data-testid=result-text]").await;
    let result_id = attr(&c, "[data-testid=result-text]", "data-id").await.unwrap();
    let focus = format!("document.querySelector('[data-testid=result-text][data-id=\"{result_id}\"]').focus()");
    c.execute(&focus, vec![]).await.unwrap();
    click(&c, &format!("[data-testid=evidence-add][data-result=\"{result_id}\"]")).await;
    click(&c, "[data-testid=evidence-kind-memo]").await;
    type_into(&c, "[data-testid=evidence-memo-date]", "31/2/2569").await;
    click(&c, "[data-testid=evidence-memo-number]").await;
    let error = all(&c, "[data-testid=date-error]").await.remove(0);
    let said = error.text().await.unwrap();
    assert_eq!(said, "ไม่มีวันที่ ๓๑/๒/๒๕๖๙ ในปฏิทิน", "the refusal is not worded in Thai");
    let _ = c
        .screenshot()
        .await
        .map(|png| std::fs::write(screenshot_path("agency-thai-error"), png));
    c.close().await.unwrap();
}
