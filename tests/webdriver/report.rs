//! The sample report in the window: editing and saving, refusals in Thai, hostile text, the UI language.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_opens_an_edit_saves_and_survives_a_restart() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);

    // First start: the database is created with the FY 2566 sample.
    let c = start_app(&driver, &db).await;
    let measures = all(&c, "[data-testid=measure]").await;
    assert_eq!(measures.len(), 4);
    let report = c.find(Locator::Css("[data-testid=report]")).await.unwrap();
    assert_eq!(report.attr("data-year").await.unwrap().as_deref(), Some("2568"));
    let titles = all(&c, "[data-testid=measure-title]").await;
    assert_eq!(value(&titles[0]).await, "สร้างการรับรู้การใช้จ่ายงบประมาณประจำปี");
    assert_eq!(value(&titles[3]).await, "สร้างการรับรู้การใช้ทรัพย์สินของราชการ");
    assert_eq!(all(&c, "[data-testid=outcome-row]").await.len(), 5);
    // Thai digits, as the sample organization asks.
    let select = c.find(Locator::Css("[data-testid=year-select]")).await.unwrap();
    assert_eq!(value(&select).await, "2568");
    assert_eq!(select.text().await.unwrap().trim(), "๒๕๖๘๒๕๖๖");
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("report-2566"), png).unwrap();
    }

    // Edit the second result of the second measure and leave the field.
    let results = all(&c, "[data-testid=measure]:nth-of-type(2) [data-testid=result-text]").await;
    let target = &results[1];
    let id: i64 = target.attr("data-id").await.unwrap().unwrap().parse().unwrap();
    let edited = "สอบถาม ทักท้วง ร้องเรียน ได้ที่กลุ่มบริหารงานคลัง โทร. ๑๑๓๙ (แก้ไขโดยการทดสอบ)";
    target.clear().await.unwrap();
    target.send_keys(edited).await.unwrap();
    leave(target).await; // Tab out: save now
    until("the edit to be saved", || async { save_state(&c).await == "saved" }).await;
    c.close().await.unwrap();

    // The edit is in the database, digits in storage form.
    let (store, _) = Store::open(&db).await.unwrap();
    let report = store.report(OPENS).await.unwrap();
    let stored = report.measures[1].results.iter().find(|r| r.id == id).unwrap();
    assert_eq!(
        stored.text,
        "สอบถาม ทักท้วง ร้องเรียน ได้ที่กลุ่มบริหารงานคลัง โทร. 1139 (แก้ไขโดยการทดสอบ)"
    );
    store.close().await;

    // Restart the app: the edit is there.
    let c = start_app(&driver, &db).await;
    let results = all(&c, "[data-testid=measure]:nth-of-type(2) [data-testid=result-text]").await;
    assert_eq!(value(&results[1]).await, edited);
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn empty_required_text_is_refused_in_thai_and_nothing_is_lost() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    let titles = all(&c, "[data-testid=measure-title]").await;
    let original = value(&titles[2]).await;
    let id: i64 = titles[2].attr("data-id").await.unwrap().unwrap().parse().unwrap();

    titles[2].clear().await.unwrap();
    titles[2].send_keys(" ").await.unwrap();
    leave(&titles[2]).await;
    until("the refusal", || async { save_state(&c).await == "error" }).await;
    let alert = c.find(Locator::Css("[data-testid=field-error]")).await.unwrap();
    assert_eq!(alert.text().await.unwrap().trim(), "ช่องนี้ต้องมีข้อความ จะเว้นว่างไม่ได้");
    let status = c.find(Locator::Css("[data-testid=save-status]")).await.unwrap();
    assert_eq!(status.text().await.unwrap(), "บันทึกไม่สำเร็จ");

    // The database still has the title; markup typed as text stays text.
    titles[2].clear().await.unwrap();
    titles[2]
        .send_keys("<img src=x onerror=alert(1)>มาตรการ")
        .await
        .unwrap();
    leave(&titles[2]).await;
    until("the save", || async { save_state(&c).await == "saved" }).await;
    assert!(c.find(Locator::Css("img[src=x]")).await.is_err(), "markup was rendered");
    c.close().await.unwrap();

    let (store, _) = Store::open(&db).await.unwrap();
    let r = store.report(OPENS).await.unwrap();
    let m = r.measures.iter().find(|m| m.id == id).unwrap();
    assert_ne!(m.title, original);
    assert_eq!(m.title, "<img src=x onerror=alert(1)>มาตรการ");
    // Only the accepted edit reached the log (after the sample's two).
    assert_eq!(store.change_count().await.unwrap(), 3);
    store.close().await;
}

/// 50 XSS payloads in every text field: the window shows them as text and
/// runs none of them.
#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_renders_inert() {
    let _serial = SERIAL.lock().await;
    let payloads: Vec<&str> = include_str!("../fixtures/xss-payloads.txt").lines().collect();
    assert_eq!(payloads.len(), 50);
    let all = payloads.join(" ");
    let (_dir, db) = temp_db();
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        // The year the window opens on, made of the payloads.
        let mut d = store.export_doc(OPENS).await.unwrap();
        for l in d.year.title.iter_mut().chain(d.year.heading.iter_mut()) {
            *l = all.clone();
        }
        for m in &mut d.measures {
            m.title = all.clone();
            m.remarks = all.clone();
            m.activities.iter_mut().for_each(|a| a.text = all.clone());
            m.results.iter_mut().for_each(|r| r.text = all.clone());
        }
        d.outcomes.iter_mut().for_each(|o| *o = all.clone());
        // The sample's memo, dated in that year so the window lists it.
        let mut memo = prongsai_core::sample::sample_doc().unwrap().memos.remove(0);
        memo.subject = all.clone();
        memo.date = chrono::NaiveDate::from_ymd_opt(2025, 4, 5).unwrap();
        d.memos = vec![memo];
        d.year.oit_code = String::new();
        d.year.oit_items = vec![prongsai_core::OitItem {
            code: "O42".into(),
            title: all.clone(),
        }];
        store
            .apply(prongsai_core::Change::ImportReport {
                doc: Box::new(d),
                replace: true,
            })
            .await
            .unwrap();
        store
            .apply(prongsai_core::Change::SetChannels {
                channels: vec![prongsai_core::Channel {
                    kind: prongsai_core::ChannelKind::Letter,
                    value: all.clone(),
                    unit: all.clone(),
                    note: all.clone(),
                }],
            })
            .await
            .unwrap();
        store.close().await;
    }
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    let fields = all_css(&c, "textarea").await;
    assert!(fields.len() > 30);
    // Shown as typed (with the organization's Thai digits).
    let shown = prongsai_core::thai::to_display(&all, prongsai_core::Digits::Thai);
    for f in &fields {
        assert_eq!(value(f).await, shown, "a field does not hold the payloads as text");
    }
    // A result's tools are built when it takes focus: its channel list
    // holds the payloads as an option's text (the first option names the list).
    c.execute("document.querySelector('[data-testid=result-text]').focus()", vec![])
        .await
        .unwrap();
    let option = all_css(&c, "[data-testid=result-row] .tools select option[value='0']")
        .await
        .remove(0);
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let text = option.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(words(&text), words(&format!("{all} ({all})")));
    // Give any handler a moment, then look for effects.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let ran = c
        .execute("return window.__xss === undefined ? null : window.__xss", vec![])
        .await
        .unwrap();
    assert!(ran.is_null(), "a payload ran");
    let injected = c
        .execute(
            "return document.querySelectorAll('img[src=x], iframe, embed, object, marquee, details:not([data-testid=publish]), video, audio, \
             form, math, base, meta[http-equiv], body [onload], [onerror], [onfocus], [onmouseover]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        injected,
        serde_json::json!(0),
        "markup from the database became elements"
    );
    let memo = c.find(Locator::Css("[data-testid=memo] .subject")).await.unwrap();
    assert_eq!(
        memo.text().await.unwrap().split_whitespace().collect::<Vec<_>>(),
        shown.split_whitespace().collect::<Vec<_>>()
    );
    // The settings page holds the channel and the OIT item as text too.
    c.find(Locator::Css("[data-testid=tab-settings]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let inputs = all_css(&c, "[data-testid=channels] input, [data-testid=oit-items] input").await;
    let mut held = Vec::new();
    for i in &inputs {
        held.push(value(i).await);
    }
    // channel value, unit, note; OIT code, title (stored digits: settings show what is stored)
    assert_eq!(held, [all.as_str(), &all, &all, "O42", &all]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let injected = c
        .execute(
            "return document.querySelectorAll('img[src=x], iframe, embed, object, marquee, details, video, audio, \
             math, base, meta[http-equiv], body [onload], [onerror], [onfocus], [onmouseover]').length",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(injected, serde_json::json!(0), "markup in settings became elements");
    let ran = c
        .execute("return window.__xss === undefined ? null : window.__xss", vec![])
        .await
        .unwrap();
    assert!(ran.is_null(), "a payload ran");
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ui_switches_to_english_and_back() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let before = cli_report(&db, OPENS);
    let header = |c: &Client| {
        let c = c.clone();
        async move {
            match c.find(Locator::Css("thead th")).await {
                Ok(th) => th.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            }
        }
    };
    assert_eq!(header(&c).await, "มาตรการ");
    let lang = c.find(Locator::Css("[data-testid=lang-select]")).await.unwrap();
    lang.select_by_value("en").await.unwrap();
    until("English", || async { header(&c).await == "Measure" }).await;
    let tab = c.find(Locator::Css("[data-testid=tab-years]")).await.unwrap();
    assert_eq!(tab.text().await.unwrap(), "Years");
    let html_lang = c.execute("return document.documentElement.lang", vec![]).await.unwrap();
    assert_eq!(html_lang, "en");
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("report-english"), shot).unwrap();
    }
    click(&c, "[data-testid=tab-settings]").await;
    all(&c, "[data-testid=settings]").await;
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("settings-english"), shot).unwrap();
    }
    click(&c, "[data-testid=tab-report]").await;
    // The choice survives a reload of the window.
    c.refresh().await.unwrap();
    all(&c, "[data-testid=measure]").await;
    until("English after reload", || async { header(&c).await == "Measure" }).await;
    let lang = c.find(Locator::Css("[data-testid=lang-select]")).await.unwrap();
    lang.select_by_value("th").await.unwrap();
    until("Thai", || async { header(&c).await == "มาตรการ" }).await;
    // The language is the window's: the report is unchanged.
    assert_eq!(cli_report(&db, OPENS), before);
    c.close().await.unwrap();
}
