//! The register, loans and the inspection in the window.

use super::*;

// ---------------------------------------------------------------- assets

/// A new database (the sample) with a register of `n` assets.
pub(crate) async fn seed_register(db: &Path, n: usize) {
    seed(db, [prongsai_core::Change::ImportAssets { assets: register(n) }]).await;
}

/// A register of `n` assets, numbered 7440-001-00001/66 …, every tenth a chair.
pub(crate) fn register(n: usize) -> Vec<prongsai_core::assets::AssetDoc> {
    (1..=n)
        .map(|i| prongsai_core::assets::AssetDoc {
            number: format!("7440-001-{i:05}/66"),
            name: if i % 10 == 0 {
                "เก้าอี้สำนักงาน".into()
            } else {
                "เครื่องคอมพิวเตอร์โน้ตบุ๊ก".into()
            },
            category: if i % 10 == 0 {
                "ครุภัณฑ์สำนักงาน".into()
            } else {
                "ครุภัณฑ์คอมพิวเตอร์".into()
            },
            brand: "Lenovo".into(),
            model: String::new(),
            serial: format!("SN{i}"),
            acquired_on: chrono::NaiveDate::from_ymd_opt(2023, 1, 10).unwrap(),
            method: String::new(),
            price: "25900".parse().unwrap(),
            budget_year: Some(2566),
            funding: String::new(),
            location: format!("ห้อง {}", i % 40),
            division: "กลุ่มบริหารงานคลัง".into(),
            status: prongsai_core::assets::AssetStatus::Usable,
            useful_life: 3,
            note: String::new(),
        })
        .collect()
}

/// The Assets tab, filtered to one asset by its number, and that asset's page.
async fn open_asset(c: &Client, number: &str) {
    click(c, "[data-testid=tab-assets]").await;
    let search = all(c, "[data-testid=asset-search]").await.remove(0);
    search.send_keys(number).await.unwrap();
    until("the filtered row", || async {
        attr(c, "[data-testid=asset-count]", "data-total").await.as_deref() == Some("1")
    })
    .await;
    click(c, &format!("[data-testid=asset-row][data-number=\"{number}\"]")).await;
    all(c, "[data-testid=asset-detail]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_loan_goes_from_request_to_return_in_the_app() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    seed_register(&db, 30).await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    open_asset(&c, "7440-001-00007/66").await;
    // A photo of the asset, from disk.
    let png = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures/emblem.png");
    all(&c, "[data-testid=asset-photo-file]")
        .await
        .remove(0)
        .send_keys(png.to_str().unwrap())
        .await
        .unwrap();
    all(&c, "[data-testid=asset-photo]").await;

    // 1. Request.
    all(&c, "[data-testid=loan-borrower]")
        .await
        .remove(0)
        .send_keys("นางสาวสมใจ ใฝ่ดี")
        .await
        .unwrap();
    all(&c, "[data-testid=loan-purpose]")
        .await
        .remove(0)
        .send_keys("ประชุมนอกสถานที่")
        .await
        .unwrap();
    // A loan that began ten days ago is recorded with its own dates.
    let began = chrono::Local::now().date_naive() - chrono::Days::new(10);
    let be = {
        use chrono::Datelike;
        format!("{}/{}/{}", began.day(), began.month(), began.year() + 543)
    };
    for field in ["loan-requested-on", "loan-from"] {
        let input = all(&c, &format!("[data-testid={field}]")).await.remove(0);
        input.clear().await.unwrap();
        input.send_keys(&be).await.unwrap();
    }
    click(&c, "[data-testid=loan-request-submit]").await;
    let state = |c: &Client| {
        let c = c.clone();
        async move {
            attr(&c, "[data-testid=loan-current]", "data-state")
                .await
                .unwrap_or_default()
        }
    };
    until("requested", || async { state(&c).await == "requested" }).await;
    // 2. Approve (the head of the agency), that same day.
    let on = all(&c, "[data-testid=loan-on]").await.remove(0);
    on.clear().await.unwrap();
    on.send_keys(&be).await.unwrap();
    all(&c, "[data-testid=loan-by]")
        .await
        .remove(0)
        .send_keys("อธิบดีกรมทรัพย์สินทางปัญญา")
        .await
        .unwrap();
    click(&c, "[data-testid=loan-approve]").await;
    until("approved", || async { state(&c).await == "approved" }).await;
    // 3. Hand over.
    all(&c, "[data-testid=loan-by]")
        .await
        .remove(0)
        .send_keys("เจ้าหน้าที่พัสดุ")
        .await
        .unwrap();
    click(&c, "[data-testid=loan-handover]").await;
    until("handed over", || async { state(&c).await == "handed_over" }).await;
    // Out on loan, the asset's page says so beside its condition.
    let lent = all(&c, "[data-testid=asset-lent]").await.remove(0);
    assert_eq!(lent.text().await.unwrap(), "ถูกยืม");
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("loan-out"), shot).unwrap();
    }
    // 4. Return in good condition: the flow starts over, the history has the loan.
    all(&c, "[data-testid=loan-by]")
        .await
        .remove(0)
        .send_keys("เจ้าหน้าที่พัสดุ")
        .await
        .unwrap();
    click(&c, "[data-testid=loan-return]").await;
    until("returned", || async {
        c.find(Locator::Css("[data-testid=loan-request]")).await.is_ok()
    })
    .await;
    let history = all(&c, "[data-testid=asset-loans] li").await;
    assert_eq!(
        history[0].attr("data-state").await.unwrap().as_deref(),
        Some("returned")
    );
    // The header search finds the loan by its borrower and opens its asset.
    click(&c, "[data-testid=asset-close]").await;
    click(&c, "[data-testid=tab-report]").await;
    let search = all(&c, "[data-testid=search]").await.remove(0);
    search.send_keys("สมใจ").await.unwrap();
    // The hits for the whole word: typed slowly, a search for the first
    // letters alone may answer first, its first hit in the report.
    until("the loan's hit first", || async {
        match c.find(Locator::Css("[data-testid=search-hit]")).await {
            Ok(hit) => hit.text().await.is_ok_and(|t| t.contains("สมใจ")),
            Err(_) => false,
        }
    })
    .await;
    search.send_keys("\u{E007}").await.unwrap(); // Enter
    let detail = all(&c, "[data-testid=asset-detail] h2").await.remove(0);
    assert_eq!(detail.text().await.unwrap(), "๗๔๔๐-๐๐๑-๐๐๐๐๗/๖๖");

    // The same through the CLI on the same database.
    let cli = cli_path();
    let out = Command::new(&cli)
        .arg("--db")
        .arg(&db)
        .args(["loan", "list", "--format", "json"])
        .output()
        .unwrap();
    let loans: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let l = &loans[0];
    assert_eq!(
        (l["state"].as_str(), l["asset_number"].as_str()),
        (Some("returned"), Some("7440-001-00007/66"))
    );
    assert_eq!(l["decided_by"], "อธิบดีกรมทรัพย์สินทางปัญญา");
    let iso = began.format("%Y-%m-%d").to_string();
    assert_eq!(
        (
            l["requested_on"].as_str(),
            l["decided_on"].as_str(),
            l["borrow_on"].as_str()
        ),
        (Some(iso.as_str()), Some(iso.as_str()), Some(iso.as_str())),
        "{l}"
    );
    assert_eq!(l["decided_as"], "head");
    assert_eq!(l["return_condition"], "good");
    assert_eq!(
        (l["handed_over_by"].as_str(), l["received_by"].as_str()),
        (Some("เจ้าหน้าที่พัสดุ"), Some("เจ้าหน้าที่พัสดุ"))
    );
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_register_of_100000_assets_is_a_virtual_table() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    seed_register(&db, 100_000).await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    click(&c, "[data-testid=tab-assets]").await;
    let count = |c: &Client| {
        let c = c.clone();
        async move {
            attr(&c, "[data-testid=asset-count]", "data-total")
                .await
                .unwrap_or_default()
        }
    };
    until("100,000 rows", || async { count(&c).await == "100000" }).await;
    // Only the rows in view are in the page.
    let in_dom = c.find_all(Locator::Css("[data-testid=asset-row]")).await.unwrap().len();
    assert!((10..100).contains(&in_dom), "{in_dom} rows in the DOM");
    // Scroll to the middle: the rows there arrive.
    c.execute(
        "const b = document.querySelector('[data-testid=asset-rows]'); b.scrollTop = 50000 * 34; b.dispatchEvent(new Event('scroll'));",
        vec![],
    )
    .await
    .unwrap();
    until("the rows at 50,000", || async {
        c.find(Locator::Css(
            "[data-testid=asset-row][data-number=\"7440-001-50001/66\"]",
        ))
        .await
        .is_ok()
    })
    .await;
    // Filter as you type: every tenth is a chair.
    let search = c.find(Locator::Css("[data-testid=asset-search]")).await.unwrap();
    search.send_keys("เก้าอี้").await.unwrap();
    until("10,000 chairs", || async { count(&c).await == "10000" }).await;
    // …and "ห้อง ๑๐" typed with Thai digits: the window shows what the core finds.
    search.send_keys(" ห้อง ๑๐").await.unwrap();
    let (store, _) = Store::open(&db).await.unwrap();
    let expected = store
        .asset_index()
        .await
        .unwrap()
        .query(&prongsai_core::assets::index::AssetQuery {
            text: "เก้าอี้ ห้อง 10".into(),
            limit: 1,
            ..Default::default()
        })
        .total;
    store.close().await;
    assert!(expected > 0 && expected < 10_000);
    until("the chairs of room 10", || async {
        count(&c).await == expected.to_string()
    })
    .await;
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("assets-100k"), shot).unwrap();
    }
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_years_inspection_runs_in_the_app() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    seed_register(&db, 12).await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    // The register's year: the inspection of FY 2566.
    show_year(&c, 2566).await;
    click(&c, "[data-testid=tab-assets]").await;
    click(&c, "[data-testid=assets-inspection]").await;
    // The supply officer on the committee: refused, in words.
    all(&c, "[data-testid=inspection-officer]")
        .await
        .remove(0)
        .send_keys("นายพัสดุ ดูแล")
        .await
        .unwrap();
    let members = all(&c, "[data-testid=inspection-member]").await;
    for (m, name) in members.iter().zip(["นายก ใจดี", "พัสดุ ดูแล", "นางสาวค ใจเย็น"])
    {
        m.send_keys(name).await.unwrap();
    }
    click(&c, "[data-testid=inspection-start]").await;
    let problem = all(&c, "[data-testid=action-error]").await.remove(0);
    // Refused in Thai: the supply officer may not sit on the committee.
    let said = problem.text().await.unwrap();
    assert!(said.contains("เป็นเจ้าหน้าที่พัสดุ") && said.contains("๒๑๓"), "{said}");
    members[1].clear().await.unwrap();
    members[1].send_keys("นางข ใจงาม").await.unwrap();
    click(&c, "[data-testid=inspection-start]").await;
    // Once it goes through, the refusal is no longer shown.
    until("the error gone", || async {
        c.find(Locator::Css("[data-testid=action-error]")).await.is_err()
    })
    .await;
    // Two findings, then confirm: the statuses follow.
    for (n, f) in [("7440-001-00003/66", "not_found"), ("7440-001-00004/66", "damaged")] {
        let number = all(&c, "[data-testid=finding-number]").await.remove(0);
        number.send_keys(n).await.unwrap();
        all(&c, "[data-testid=finding-result]")
            .await
            .remove(0)
            .select_by_value(f)
            .await
            .unwrap();
        click(&c, "[data-testid=finding-record]").await;
        until("the finding", || async {
            let rows = c
                .find_all(Locator::Css("[data-testid=findings] tbody tr"))
                .await
                .unwrap_or_default();
            let mut texts = Vec::new();
            for r in rows {
                texts.push(r.text().await.unwrap_or_default());
            }
            texts
                .iter()
                .any(|t| t.contains(&prongsai_core::thai::to_display(n, prongsai_core::Digits::Thai)))
        })
        .await;
    }
    // A scanner types the number and Enter: the field is ready for the next.
    let focused = c
        .execute("return document.activeElement?.dataset.testid ?? ''", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("finding-number"));
    // Picked from the register: filtered (00001, 00010–00012), two ticked,
    // recorded as found.
    click(&c, "[data-testid=pick-open]").await;
    let filter = all(&c, "[data-testid=pick-filter]").await.remove(0);
    filter.send_keys("0001").await.unwrap();
    until("the filtered rows", || async {
        c.find_all(Locator::Css("[data-testid=pick-row]"))
            .await
            .is_ok_and(|r| r.len() == 4)
    })
    .await;
    let rows = all(&c, "[data-testid=pick-row]").await;
    rows[0].click().await.unwrap();
    rows[1].click().await.unwrap();
    all(&c, "[data-testid=finding-result]")
        .await
        .remove(0)
        .select_by_value("found")
        .await
        .unwrap();
    click(&c, "[data-testid=pick-record]").await;
    until("four findings", || async {
        c.find_all(Locator::Css("[data-testid=findings] tbody tr"))
            .await
            .is_ok_and(|r| r.len() == 4)
    })
    .await;
    if let Ok(shot) = c.screenshot().await {
        std::fs::write(screenshot_path("inspection"), shot).unwrap();
    }
    click(&c, "[data-testid=inspection-confirm]").await;
    until("confirmed", || async {
        c.find(Locator::Css("[data-testid=inspection-confirm]")).await.is_err()
    })
    .await;
    c.close().await.unwrap();
    let (store, _) = Store::open(&db).await.unwrap();
    let i = store.inspection(2566).await.unwrap();
    assert_eq!(
        (i.findings.len(), i.confirmed_on.is_some(), i.committee.len()),
        (4, true, 3)
    );
    let picked: Vec<&str> = i
        .findings
        .iter()
        .filter(|f| f.finding == prongsai_core::assets::Finding::Found)
        .map(|f| f.number.as_str())
        .collect();
    assert_eq!(picked, ["7440-001-00001/66", "7440-001-00010/66"], "the two ticked");
    let page = store
        .asset_page("7440-001-00003/66", chrono::Local::now().date_naive())
        .await
        .unwrap();
    assert_eq!(page.asset.doc.status, prongsai_core::assets::AssetStatus::Lost);
    store.close().await;
}

/// A loan step recorded with a wrong date is corrected on the asset's page,
/// with its reason; the correction is kept and the loan reads right.
#[tokio::test(flavor = "multi_thread")]
async fn a_loan_step_recorded_wrong_is_corrected_on_the_assets_page() {
    use prongsai_core::Change;
    use prongsai_core::assets::{Authority, LoanRequest, ReturnCondition};
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let number = "7440-001-00007/66";
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    seed(
        &db,
        [
            Change::ImportAssets { assets: register(10) },
            Change::RequestLoan {
                request: LoanRequest {
                    asset_number: number.into(),
                    borrower: "นางสาวสมใจ ใฝ่ดี".into(),
                    position: String::new(),
                    division: String::new(),
                    purpose: "ประชุม".into(),
                    outside: false,
                    borrow_on: day(5, 1),
                    due_on: day(5, 9),
                },
                on: day(4, 28),
            },
            Change::DecideLoan {
                loan_id: 1,
                approve: true,
                by: "อธิบดี".into(),
                authority: Authority::Head,
                on: day(4, 29),
                reason: String::new(),
            },
            Change::HandOverLoan {
                loan_id: 1,
                on: day(5, 1),
                by: "เจ้าหน้าที่พัสดุ".into(),
            },
            // Typed 20 May for 8 May.
            Change::ReturnLoan {
                loan_id: 1,
                on: day(5, 20),
                condition: ReturnCondition::Good,
                received_by: "เจ้าหน้าที่พัสดุ".into(),
            },
        ],
    )
    .await;
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    c.set_window_size(1024, 768).await.unwrap();
    all(&c, "[data-testid=measure]").await;
    open_asset(&c, number).await;
    click(&c, "[data-testid=loan-correct-open]").await;
    let step = all(&c, "[data-testid=loan-correct-step]").await.remove(0);
    assert_eq!(value(&step).await, "return");
    all(&c, "[data-testid=loan-correct-on]")
        .await
        .remove(0)
        .send_keys("8/5/2567")
        .await
        .unwrap();
    all(&c, "[data-testid=loan-correct-reason]")
        .await
        .remove(0)
        .send_keys("พิมพ์วันที่คืนผิดจาก ๘ เป็น ๒๐")
        .await
        .unwrap();
    if let Ok(png) = c.screenshot().await {
        std::fs::write(screenshot_path("loan-correct-1024"), png).unwrap();
    }
    click(&c, "[data-testid=loan-correct-submit]").await;
    let cli = cli_path();
    let returned_on = || {
        let out = Command::new(&cli)
            .arg("--db")
            .arg(&db)
            .args(["loan", "list", "--format", "json"])
            .output()
            .unwrap();
        let loans: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        loans[0]["returned_on"].as_str().unwrap_or_default().to_owned()
    };
    until("the corrected return date", || async { returned_on() == "2024-05-08" }).await;
    // The form closes; the history line shows the corrected date.
    until("the form to close", || async {
        c.find(Locator::Css("[data-testid=loan-correct]")).await.is_err()
    })
    .await;
    c.close().await.unwrap();
}
