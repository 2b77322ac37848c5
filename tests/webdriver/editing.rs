//! The editor's structure and trust: moving by keyboard, evidence, undo, fields that never save over unseen.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_measure_moves_by_keyboard_and_back_with_undo() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let before = ids(&c, "[data-testid=measure]").await;
    let titles: Vec<String> = cli_report(&db, OPENS)["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap().to_owned())
        .collect();

    // Focus the first measure's handle (as Tab would) and press Alt+↓ twice.
    let handle = all(&c, "[data-testid=measure-handle]").await.remove(0);
    c.execute("arguments[0].focus()", vec![serde_json::to_value(&handle).unwrap()])
        .await
        .unwrap();
    for _ in 0..2 {
        let focused = c.active_element().await.unwrap();
        assert_eq!(
            focused.attr("data-testid").await.unwrap().as_deref(),
            Some("measure-handle")
        );
        focused
            .send_keys(&format!("{}{}{}", Key::Alt, Key::Down, Key::Null))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let moved = vec![
        before[1].clone(),
        before[2].clone(),
        before[0].clone(),
        before[3].clone(),
    ];
    until("the measure to move down twice", || async {
        ids(&c, "[data-testid=measure]").await == moved
    })
    .await;
    // Focus stays on the moved measure's handle, so the keys can go on.
    let focused = c.active_element().await.unwrap();
    assert_eq!(focused.attr("data-id").await.unwrap(), Some(before[0].clone()));
    let json = cli_report(&db, OPENS);
    let order: Vec<&str> = json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(order, [&titles[1], &titles[2], &titles[0], &titles[3]]);

    // Reload the window: the history is in the database, so undo still works.
    c.refresh().await.unwrap();
    all(&c, "[data-testid=measure]").await;
    until("the undo button", || async {
        c.find(Locator::Css("[data-testid=undo]")).await.is_ok()
            && attr(&c, "[data-testid=undo]", "disabled").await.is_none()
    })
    .await;
    // Ctrl+Z twice (focus outside any field) puts it back.
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
    let body = c.find(Locator::Css("body")).await.unwrap();
    for _ in 0..2 {
        body.send_keys(&format!("{}z{}", Key::Control, Key::Null))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    until("undo to restore the order", || async {
        ids(&c, "[data-testid=measure]").await == before
    })
    .await;
    let json = cli_report(&db, OPENS);
    let order: Vec<&str> = json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["title"].as_str().unwrap())
        .collect();
    assert_eq!(order, titles.iter().map(String::as_str).collect::<Vec<_>>());
    // The redo button says what it would redo.
    let redo = c.find(Locator::Css("[data-testid=redo]")).await.unwrap();
    assert!(redo.attr("title").await.unwrap().unwrap().contains("ย้ายมาตรการ"));
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_result_with_a_link_and_an_image_is_added_then_undone() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let original = cli_report(&db, OPENS);
    let n = original["measures"][0]["results"].as_array().unwrap().len();

    // A new result at the end of measure 1.
    click(&c, "[data-testid=add-result]").await;
    let text = all(&c, "[data-testid=new-result-end-text]").await.remove(0);
    text.send_keys("เผยแพร่ช่องทางร้องเรียนทางเว็บไซต์ <b>ของกรม</b>")
        .await
        .unwrap();
    click(&c, "[data-testid=new-result-end-add]").await;
    let sel = "[data-testid=measure]:nth-of-type(1) [data-testid=result-row]";
    until("the new result", || async {
        c.find_all(Locator::Css(sel)).await.unwrap().len() == n + 1
    })
    .await;
    let row = c.find_all(Locator::Css(sel)).await.unwrap().pop().unwrap();
    let result_id = row.attr("data-id").await.unwrap().unwrap();

    // A link, checked for form: a bad one is refused in words. The add
    // button shows with the result's tools, when the result has focus.
    let add = format!("[data-testid=evidence-add][data-result=\"{result_id}\"]");
    let focus_result = format!("document.querySelector('[data-testid=result-text][data-id=\"{result_id}\"]').focus()");
    c.execute(&focus_result, vec![]).await.unwrap();
    click(&c, &add).await;
    let url = all(&c, "[data-testid=evidence-url]").await.remove(0);
    url.send_keys("javascript:alert(1)").await.unwrap();
    click(&c, "[data-testid=evidence-url-add]").await;
    all(&c, "[data-testid=action-error]").await;
    url.clear().await.unwrap();
    url.send_keys("https://www.ipthailand.go.th/th/complaint")
        .await
        .unwrap();
    click(&c, "[data-testid=evidence-url-add]").await;
    let link = format!("[data-testid=evidence][data-result=\"{result_id}\"] [data-testid=evidence-link]");
    until("the link", || async { c.find(Locator::Css(&link)).await.is_ok() }).await;

    // An image picked from disk, shown as a thumbnail.
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures/emblem.png");
    c.execute(&focus_result, vec![]).await.unwrap();
    click(&c, &add).await;
    click(&c, "[data-testid=evidence-kind-image]").await;
    let file = all(&c, "[data-testid=evidence-file]").await.remove(0);
    file.send_keys(png.to_str().unwrap()).await.unwrap();
    let img = format!("[data-testid=evidence][data-result=\"{result_id}\"] [data-testid=evidence-image]");
    until("the thumbnail", || async { c.find(Locator::Css(&img)).await.is_ok() }).await;
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("editor-evidence"), shot).unwrap();
    }

    let json = cli_report(&db, OPENS);
    let added = json["measures"][0]["results"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(added["text"], "เผยแพร่ช่องทางร้องเรียนทางเว็บไซต์ <b>ของกรม</b>");
    assert_eq!(
        added["evidence"][0],
        serde_json::json!({"kind": "url", "url": "https://www.ipthailand.go.th/th/complaint"})
    );
    assert_eq!(added["evidence"][1]["kind"], "image");
    assert_eq!(added["evidence"][1]["name"], "emblem.png");
    assert_eq!(
        added["evidence"][1]["data"].as_str().unwrap(),
        prongsai_core::doc::base64_encode(&std::fs::read(&png).unwrap())
    );
    // Markup typed as text is not an element.
    assert!(c.find(Locator::Css("[data-testid=result-row] b")).await.is_err());

    // Undo three times (the button): image, link, result are gone again.
    for _ in 0..3 {
        let undo = c.find(Locator::Css("[data-testid=undo]")).await.unwrap();
        undo.click().await.unwrap();
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    until("the result to go", || async {
        c.find_all(Locator::Css(sel)).await.unwrap().len() == n
    })
    .await;
    assert_eq!(cli_report(&db, OPENS), original);
    c.close().await.unwrap();
}

/// What a field shows is what is stored, or visibly the user's unsaved
/// typing: after Ctrl+Z, the toolbar's Undo and a tab switch the field shows
/// the stored text and typing on saves onto it; a save based on a text
/// changed behind the field is refused and both texts are shown.
#[tokio::test(flavor = "multi_thread")]
async fn a_field_shows_the_stored_text_after_undo_and_a_tab_switch_and_never_saves_over_unseen() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    let stored = || {
        cli_report(&db, OPENS)["measures"][0]["title"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let title = all(&c, "[data-testid=measure-title]").await.remove(0);
    let id: i64 = title.attr("data-id").await.unwrap().unwrap().parse().unwrap();
    let original = value(&title).await;

    // Type, wait for "saved", then Ctrl+Z in the field.
    title.clear().await.unwrap();
    title.send_keys("ชื่อที่พิมพ์ ก").await.unwrap();
    until("the typing to be saved", || async {
        save_state(&c).await == "saved" && stored() == "ชื่อที่พิมพ์ ก"
    })
    .await;
    title
        .send_keys(&format!("{}z{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("Ctrl+Z to show the stored text", || async {
        value(&title).await == original
    })
    .await;
    assert_eq!(stored(), original);
    assert_eq!(save_state(&c).await, "saved");
    // Typing on saves onto the stored text, not the undone one.
    title.send_keys(" ต่อ").await.unwrap();
    leave(&title).await;
    let continued = format!("{original} ต่อ");
    until("the continued text to be saved", || async { stored() == continued }).await;

    // The toolbar's Undo, which says what it undid and where.
    title.clear().await.unwrap();
    title.send_keys("ชื่อที่พิมพ์ ข").await.unwrap();
    until("the typing to be saved", || async {
        save_state(&c).await == "saved" && stored() == "ชื่อที่พิมพ์ ข"
    })
    .await;
    click(&c, "[data-testid=undo]").await;
    until("the toolbar's undo to show the stored text", || async {
        value(&title).await == continued
    })
    .await;
    assert_eq!(stored(), continued);
    let notice = c
        .find(Locator::Css("[data-testid=app-notice]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("เลิกทำแล้ว") && notice.contains("๒๕๖๘") && notice.contains("รายงาน"),
        "{notice}"
    );

    // A tab switch and back: the field shows what was saved before it.
    title.clear().await.unwrap();
    title.send_keys("ชื่อที่พิมพ์ ค").await.unwrap();
    until("the typing to be saved", || async {
        stored() == "ชื่อที่พิมพ์ ค"
    })
    .await;
    for tab in ["tab-assets", "tab-budget", "tab-years", "tab-report"] {
        click(&c, &format!("[data-testid={tab}]")).await;
        until(tab, || async {
            attr(&c, &format!("[data-testid={tab}]"), "aria-current")
                .await
                .as_deref()
                == Some("true")
        })
        .await;
    }
    let title = all(&c, "[data-testid=measure-title]").await.remove(0);
    until("the report to show the saved title", || async {
        value(&title).await == "ชื่อที่พิมพ์ ค"
    })
    .await;
    title.send_keys(" ง").await.unwrap();
    leave(&title).await;
    until("the next edit to be saved onto it", || async {
        stored() == "ชื่อที่พิมพ์ ค ง"
    })
    .await;

    // Changed behind the field (another writer): the next save is refused
    // and both texts are shown; nothing is overwritten until the user picks.
    c.execute(
        "window.__TAURI_INTERNALS__.invoke('apply_change', { change: \
         { kind: 'set_text', target: { field: 'measure_title', id: arguments[0] }, text: 'เปลี่ยนจากที่อื่น' } }); \
         return true;",
        vec![serde_json::json!(id)],
    )
    .await
    .unwrap();
    until("the change behind the field", || async {
        stored() == "เปลี่ยนจากที่อื่น"
    })
    .await;
    title.send_keys(" จ").await.unwrap();
    leave(&title).await;
    all(&c, "[data-testid=field-conflict]").await;
    until("both texts", || async {
        let s = c.find(Locator::Css("[data-testid=conflict-stored]")).await;
        let m = c.find(Locator::Css("[data-testid=conflict-mine]")).await;
        match (s, m) {
            (Ok(s), Ok(m)) => {
                s.text().await.unwrap_or_default() == "เปลี่ยนจากที่อื่น"
                    && m.text().await.unwrap_or_default() == "ชื่อที่พิมพ์ ค ง จ"
            }
            _ => false,
        }
    })
    .await;
    assert_eq!(stored(), "เปลี่ยนจากที่อื่น");
    assert_ne!(save_state(&c).await, "saved");
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("field-conflict"), png).unwrap();
    }
    click(&c, "[data-testid=keep-mine]").await;
    until("the user's text to be kept", || async {
        stored() == "ชื่อที่พิมพ์ ค ง จ" && save_state(&c).await == "saved"
    })
    .await;
    assert!(c.find(Locator::Css("[data-testid=field-conflict]")).await.is_err());
    c.close().await.unwrap();
}

/// A search hit in another year, far down a long report: the year's report
/// is built in steps after its first paint, and the jump builds the rest
/// at once so the field it names is there to focus.
#[tokio::test(flavor = "multi_thread")]
async fn a_search_hit_far_down_another_years_long_report_is_focused() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let word = "ปลายรายงานยาวมาก";
    // The sample's FY 2566, 40 measures long.
    let mut d = prongsai_core::sample::sample_doc().unwrap();
    assert_eq!(d.year.year_be, 2566);
    let first = d.measures[0].clone();
    d.measures = (0..40).map(|_| first.clone()).collect();
    d.measures[39].title = format!("มาตรการ{word}");
    seed(
        &db,
        [prongsai_core::Change::ImportReport {
            doc: Box::new(d),
            replace: true,
        }],
    )
    .await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let search = all(&c, "[data-testid=search]").await.remove(0);
    search.send_keys(word).await.unwrap();
    until("the hit in the long year", || async {
        match c.find(Locator::Css("[data-testid=search-hit]")).await {
            Ok(hit) => hit.text().await.is_ok_and(|t| t.contains(word)),
            Err(_) => false,
        }
    })
    .await;
    search.send_keys("\u{E007}").await.unwrap(); // Enter
    until("the hit's field to have focus", || async {
        let focused = c.active_element().await.unwrap();
        focused.attr("data-testid").await.unwrap().as_deref() == Some("measure-title")
            && value(&focused).await.contains(word)
    })
    .await;
    let report = c.find(Locator::Css("[data-testid=report]")).await.unwrap();
    assert_eq!(report.attr("data-year").await.unwrap().as_deref(), Some("2566"));
    c.close().await.unwrap();
}
