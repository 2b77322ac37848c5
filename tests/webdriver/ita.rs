//! The ITA tab: the sample's ITA 2569 round, an item's status set and undone
//! (the field shows what is stored), the answers checked, O25 shown.

use super::*;

/// The round's items as the command line reads them.
fn cli_items(db: &Path) -> serde_json::Value {
    let cli = cli_path();
    let out = Command::new(&cli)
        .arg("--db")
        .arg(db)
        .args(["ita", "items", "--year", "2569", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn status_of(db: &Path, code: &str) -> String {
    cli_items(db)
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == code)
        .map(|i| i["track"]["status"].as_str().unwrap().to_owned())
        .unwrap()
}

/// The select's value, or "" while it is not there: a reload re-keys the
/// fields, so the element found can be replaced before its value is read
/// (a stale reference, which `until` asks again after).
async fn select_value(c: &Client, css: &str) -> String {
    match c.find(Locator::Css(css)).await {
        Ok(e) => e.prop("value").await.ok().flatten().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ita_round_is_tracked_undone_checked_and_analysed() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    click(&c, "[data-testid=tab-ita]").await;

    // The sample's round: 26 items, O26 asking for FY 2568, O25 continuing O42.
    let items = all(&c, "[data-testid=ita-item]").await;
    assert_eq!(items.len(), 26);
    let o26 = c
        .find(Locator::Css("[data-testid=ita-item][data-code=O26]"))
        .await
        .unwrap();
    assert!(
        o26.text().await.unwrap().contains("๒๕๖๘"),
        "{}",
        o26.text().await.unwrap()
    );
    let o25 = c
        .find(Locator::Css("[data-testid=ita-item][data-code=O25]"))
        .await
        .unwrap();
    assert!(o25.text().await.unwrap().contains("O42"));
    // O18's evidence is of FY 2569 where the item asks for FY 2568.
    c.find(Locator::Css(
        "[data-testid=ita-item][data-code=O18] [data-testid=ita-wrong-year]",
    ))
    .await
    .unwrap();
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("ita-tracker"), png).unwrap();
    }

    // O2 to กำลังจัดทำ: stored; undo takes it back and the field shows it.
    let status = "[data-testid=ita-item][data-code=O2] [data-testid=ita-status]";
    c.find(Locator::Css(status))
        .await
        .unwrap()
        .select_by_value("in_progress")
        .await
        .unwrap();
    until("O2 in progress", || async { status_of(&db, "O2") == "in_progress" }).await;
    let body = c.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&format!("{}z{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("O2 back to not started", || async {
        status_of(&db, "O2") == "not_started"
    })
    .await;
    until("the field to show it", || async {
        select_value(&c, status).await == "not_started"
    })
    .await;
    assert_eq!(
        attr(&c, "[data-testid=tab-ita]", "aria-current").await.as_deref(),
        Some("true"),
        "undo shows the ITA tab"
    );

    // The answers: O18's http URL is named.
    click(&c, "[data-testid=ita-section-answers]").await;
    let answers = all(&c, "[data-testid=ita-answer]").await;
    let mut o18 = String::new();
    for a in &answers {
        let t = a.text().await.unwrap();
        if t.contains("O18") {
            o18 = t;
        }
    }
    assert!(o18.contains("https"), "{o18}");
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("ita-answers"), png).unwrap();
    }

    // O25: the sample's result, flagged as made up, indicators under 85.
    click(&c, "[data-testid=ita-section-analysis]").await;
    all(&c, "[data-testid=ita-sample]").await;
    let rows = all(&c, "[data-testid=ita-indicator]").await;
    assert_eq!(rows.len(), 10);
    let unanswered = all(&c, "[data-testid=ita-unanswered]").await.remove(0);
    assert!(unanswered.text().await.unwrap().contains('๗'));
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("ita-analysis"), png).unwrap();
    }
    c.close().await.unwrap();
}
