//! Years and their status, the second window, backups and history, the budget's months.

use super::*;

#[tokio::test(flavor = "multi_thread")]
async fn entering_a_months_disbursement_changes_the_reports_percent() {
    use prongsai_core::Change;
    use prongsai_core::budget::{BudgetDoc, BudgetLineDoc, Category, MonthFigures};
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let line = |division: &str, category, allocated: &str, disbursed: &str| BudgetLineDoc {
        division: division.into(),
        category,
        item: None,
        plan: String::new(),
        source: String::new(),
        allocated: allocated.parse().unwrap(),
        transfer_in: Default::default(),
        transfer_out: Default::default(),
        months: vec![MonthFigures {
            month: 6,
            disbursed: disbursed.parse().unwrap(),
            ..Default::default()
        }],
    };
    let budget = BudgetDoc {
        year_be: 2566,
        lines: vec![
            BudgetLineDoc {
                item: Some(prongsai_core::budget::OperatingItem::Expenses),
                ..line("กลุ่มบริหารงานคลัง", Category::Operating, "1000000", "250000")
            },
            line("สำนักงานเลขาธิการกรม", Category::Investment, "1000000", "0"),
        ],
        targets: vec![],
    };
    seed(
        &db,
        [Change::ImportBudget {
            budget: Box::new(budget),
            replace: false,
        }],
    )
    .await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    show_year(&c, 2566).await;
    c.find(Locator::Css("[data-testid=tab-budget]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let percent = all(&c, "[data-testid=budget-percent]").await.remove(0);
    // Each line names its item (ค่าตอบแทน, ค่าใช้สอย…) after its category.
    let categories = all(&c, "[data-testid=line-category]").await;
    let mut said = Vec::new();
    for cell in &categories {
        said.push(cell.text().await.unwrap());
    }
    assert!(said.iter().any(|s| s == "งบดำเนินงาน · ค่าใช้สอย"), "{said:?}");
    assert_eq!(percent.text().await.unwrap(), "๑๒.๕๐"); // 250,000 of 2,000,000, 6 months

    let inputs = all(&c, "[data-testid=disbursed-input]").await;
    let id: i64 = inputs[1].attr("data-line").await.unwrap().unwrap().parse().unwrap();
    inputs[1].clear().await.unwrap();
    inputs[1].send_keys("๕๐๐,๐๐๐").await.unwrap();
    leave(&inputs[1]).await;
    until("the percent to change", || async {
        let p = c.find(Locator::Css("[data-testid=budget-percent]")).await;
        matches!(p, Ok(p) if p.text().await.unwrap_or_default() == "๓๗.๕๐")
    })
    .await;
    // The month's input shows the amount as the report does.
    until("the amount formatted", || async {
        let inputs = all(&c, "[data-testid=disbursed-input]").await;
        value(&inputs[1]).await == "๕๐๐,๐๐๐.๐๐"
    })
    .await;
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("budget-2566"), png).unwrap();
    }
    c.close().await.unwrap();

    let (store, _) = Store::open(&db).await.unwrap();
    let view = store.budget_view(2566, 6).await.unwrap();
    let line = view.lines.iter().find(|l| l.id == id).unwrap();
    assert_eq!(
        line.line.months.iter().find(|m| m.month == 6).unwrap().disbursed,
        "500000".parse().unwrap()
    );
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn year_2567_is_created_from_2566_and_2566_is_approved_read_only() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    click(&c, "[data-testid=tab-years]").await;

    // A CE year is refused with the BE year it likely meant.
    let to = all(&c, "[data-testid=new-year-to]").await.remove(0);
    to.clear().await.unwrap();
    to.send_keys("2024").await.unwrap();
    click(&c, "[data-testid=new-year]").await;
    let hint = all(&c, "[data-testid=new-year-error]").await.remove(0);
    assert!(
        hint.text().await.unwrap().contains("๒๕๖๗"),
        "{}",
        hint.text().await.unwrap()
    );

    to.clear().await.unwrap();
    to.send_keys("๒๕๖๗").await.unwrap();
    click(&c, "[data-testid=new-year]").await;
    until("the report of 2567", || async {
        attr(&c, "[data-testid=report]", "data-year").await.as_deref() == Some("2567")
    })
    .await;
    assert_eq!(all(&c, "[data-testid=measure]").await.len(), 4);
    assert!(
        c.find_all(Locator::Css("[data-testid=result-row]"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !c.find_all(Locator::Css("[data-testid=activity-row]"))
            .await
            .unwrap()
            .is_empty()
    );
    let json = cli_report(&db, 2567);
    let src = cli_report(&db, 2566);
    assert_eq!(json["year"]["status"], "draft");
    for (a, b) in json["measures"]
        .as_array()
        .unwrap()
        .iter()
        .zip(src["measures"].as_array().unwrap())
    {
        assert_eq!((&a["title"], &a["activities"]), (&b["title"], &b["activities"]));
        assert_eq!(a["results"], serde_json::json!([]));
    }

    // Approve 2566: its report becomes read-only.
    let select = c.find(Locator::Css("[data-testid=year-select]")).await.unwrap();
    select.select_by_value("2566").await.unwrap();
    until("2566", || async {
        attr(&c, "[data-testid=report]", "data-year").await.as_deref() == Some("2566")
    })
    .await;
    click(&c, "[data-testid=tab-years]").await;
    let by = all(&c, "[data-testid=approve-by]").await.remove(0);
    by.clear().await.unwrap();
    by.send_keys("นายอธิบดี ทดสอบ").await.unwrap();
    click(&c, "[data-testid=approve]").await;
    until("approved", || async {
        matches!(c.find(Locator::Css("[data-testid=panel-status]")).await, Ok(s) if s.text().await.ok().as_deref() == Some("อนุมัติแล้ว"))
    })
    .await;
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("years-panel"), shot).unwrap();
    }
    click(&c, "[data-testid=tab-report]").await;
    all(&c, "[data-testid=locked-note]").await;
    let title = all(&c, "[data-testid=measure-title]").await.remove(0);
    assert_eq!(title.attr("readonly").await.unwrap().as_deref(), Some("true"));
    assert!(
        c.find_all(Locator::Css("[data-testid=add-result], [data-testid=measure-delete]"))
            .await
            .unwrap()
            .is_empty()
    );
    let json = cli_report(&db, 2566);
    assert_eq!(json["year"]["status"], "approved");
    assert_eq!(json["year"]["trail"]["by"], "นายอธิบดี ทดสอบ");
    c.close().await.unwrap();
}

// ------------------------------------------------- keeping the data safe

#[tokio::test(flavor = "multi_thread")]
async fn a_database_open_in_another_window_is_refused_with_a_message() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    seed(&db, []).await;
    // Another Prongsai holds the database.
    let held = prongsai_core::store::AppLock::acquire(&db).unwrap();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    let problem = all(&c, "[data-testid=load-error]").await.remove(0);
    let text = problem.text().await.unwrap();
    assert!(text.contains("เปิดอยู่ในหน้าต่างโปร่งใสอีกหน้าต่างหนึ่ง"), "{text}");
    assert!(!text.contains("another Prongsai window"), "{text}");
    c.close().await.unwrap();
    drop(held);
    // Once the other one is gone, the app opens it.
    let c = start_app(&driver, &db).await;
    assert_eq!(all(&c, "[data-testid=measure]").await.len(), 4);
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rolling_backup_restores_and_a_fields_history_shows_its_versions() {
    let _serial = SERIAL.lock().await;
    let (dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    // The app backs up once the window has painted the report (the seeded
    // sample is a change).
    let backups = prongsai_core::store::backups::backup_dir(&db);
    until("the first rolling backup", || async {
        prongsai_core::store::backups::list(&backups)
            .map(|l| !l.is_empty())
            .unwrap_or(false)
    })
    .await;
    let original = cli_report(&db, OPENS);

    // Two edits of one result, then its history lists both, newest first.
    let result = all(&c, "[data-testid=result-text]").await.remove(0);
    let id = result.attr("data-id").await.unwrap().unwrap();
    for text in ["ฉบับแรก", "ฉบับที่สอง"] {
        result.clear().await.unwrap();
        result.send_keys(text).await.unwrap();
        leave(&result).await;
        until("saved", || async { save_state(&c).await == "saved" }).await;
    }
    c.execute(
        &format!("document.querySelector('[data-testid=result-text][data-id=\"{id}\"]').focus()"),
        vec![],
    )
    .await
    .unwrap();
    click(
        &c,
        &format!("[data-testid=result-row][data-id=\"{id}\"] [data-testid=result-history]"),
    )
    .await;
    let entries = all(&c, "[data-testid=history-entry]").await;
    assert_eq!(entries.len(), 2);
    assert!(entries[0].text().await.unwrap().contains("ฉบับที่สอง"));
    assert!(entries[1].text().await.unwrap().contains("ฉบับแรก"));
    assert_eq!(cli_report(&db, OPENS)["measures"][0]["results"][0]["text"], "ฉบับที่สอง");

    // Restore the backup taken at start: the edits are gone, the state
    // before the restore is kept beside the database.
    click(&c, "[data-testid=tab-settings]").await;
    click(&c, "[data-testid=restore-backup]").await;
    click(&c, "[data-testid=restore-confirm]").await;
    let notice = all(&c, "[data-testid=app-notice]").await.remove(0);
    assert!(notice.text().await.unwrap().contains("before-restore"));
    assert_eq!(cli_report(&db, OPENS), original);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1);
    let (before, _) = Store::open(&kept[0].path()).await.unwrap();
    assert_eq!(
        before.report(OPENS).await.unwrap().measures[0].results[0].text,
        "ฉบับที่สอง"
    );
    before.close().await;
    // The window shows the restored report.
    click(&c, "[data-testid=tab-report]").await;
    let first = all(&c, "[data-testid=result-text]").await.remove(0);
    until("the restored text", || async {
        value(&first).await
            == prongsai_core::thai::to_display(
                original["measures"][0]["results"][0]["text"].as_str().unwrap(),
                prongsai_core::Digits::Thai,
            )
    })
    .await;
    c.close().await.unwrap();
}
