//! WebDriver tests of the real app: the release-shaped binary in a real
//! window under Xvfb, driven through tauri-driver and WebKitWebDriver.
//! `make test` starts Xvfb and puts tauri-driver on PATH; each test starts
//! its own tauri-driver on free ports and its own database file.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use prongsai_core::Store;

/// One app at a time: two WebKit processes on 2 cores make both flaky.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const APP: &str = env!("CARGO_BIN_EXE_prongsai");
const TIMEOUT: Duration = Duration::from_secs(30);

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn tauri_driver(db: &Path) -> Driver {
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "DISPLAY is not set: run these tests through `make test`, which starts Xvfb"
    );
    let (port, native) = (free_port(), free_port());
    let child = Command::new("tauri-driver")
        .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
        .env("PRONGSAI_DB", db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver not found: `make test` installs it (cargo install tauri-driver)");
    // Both tauri-driver and the WebKitWebDriver it starts must listen.
    let deadline = Instant::now() + TIMEOUT;
    for p in [port, native] {
        while std::net::TcpStream::connect(("127.0.0.1", p)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Driver { child, port }
}

async fn start_app(driver: &Driver, db: &Path) -> Client {
    let caps = serde_json::json!({
        "browserName": "wry",
        "tauri:options": { "application": APP, "args": ["--db", db] }
    });
    let caps = caps.as_object().unwrap().clone();
    // A driver that has just started can drop the first request: retry
    // the session a few times before calling it a failure.
    let mut attempt = 0;
    loop {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
        {
            Ok(c) => return c,
            Err(e) if attempt < 4 => {
                attempt += 1;
                eprintln!("WebDriver session attempt {attempt} failed: {e}; retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => panic!("cannot start a WebDriver session with the app: {e}"),
        }
    }
}

async fn all(c: &Client, css: &str) -> Vec<Element> {
    c.wait()
        .at_most(TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .expect(css);
    c.find_all(Locator::Css(css)).await.unwrap()
}

async fn value(e: &Element) -> String {
    e.prop("value").await.unwrap().unwrap_or_default()
}

/// Waits until `f` holds, polling.
async fn until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + TIMEOUT;
    while !f().await {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Tabs out of a field, as a user leaving it would.
async fn leave(e: &Element) {
    e.send_keys(&fantoccini::key::Key::Tab.to_string()).await.unwrap();
}

async fn save_state(c: &Client) -> String {
    let s = c.find(Locator::Css("[data-testid=save-status]")).await.unwrap();
    s.attr("data-state").await.unwrap().unwrap_or_default()
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prongsai.sqlite");
    (dir, db)
}

fn screenshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.png"))
}

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
    assert_eq!(report.attr("data-year").await.unwrap().as_deref(), Some("2566"));
    let titles = all(&c, "[data-testid=measure-title]").await;
    assert_eq!(value(&titles[0]).await, "สร้างการรับรู้การใช้จ่ายงบประมาณประจำปี");
    assert_eq!(value(&titles[3]).await, "สร้างการรับรู้การใช้ทรัพย์สินของราชการ");
    assert_eq!(all(&c, "[data-testid=outcome-row]").await.len(), 5);
    // Thai digits, as the sample organization asks.
    let select = c.find(Locator::Css("[data-testid=year-select]")).await.unwrap();
    assert_eq!(select.text().await.unwrap().trim(), "๒๕๖๖");
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
    let report = store.report(2566).await.unwrap();
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
    let r = store.report(2566).await.unwrap();
    let m = r.measures.iter().find(|m| m.id == id).unwrap();
    assert_ne!(m.title, original);
    assert_eq!(m.title, "<img src=x onerror=alert(1)>มาตรการ");
    // Only the accepted edit reached the log.
    assert_eq!(store.change_count().await.unwrap(), 2);
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn entering_a_months_disbursement_changes_the_reports_percent() {
    use prongsai_core::Change;
    use prongsai_core::budget::{BudgetDoc, BudgetLineDoc, Category, MonthFigures};
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
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
                line("กลุ่มบริหารงานคลัง", Category::Operating, "1000000", "250000"),
                line("สำนักงานเลขาธิการกรม", Category::Investment, "1000000", "0"),
            ],
            targets: vec![],
        };
        store
            .apply(Change::ImportBudget {
                budget: Box::new(budget),
                replace: false,
            })
            .await
            .unwrap();
        store.close().await;
    }
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    c.find(Locator::Css("[data-testid=tab-budget]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let percent = all(&c, "[data-testid=budget-percent]").await.remove(0);
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

/// 50 XSS payloads in every text field: the window shows them as text and
/// runs none of them.
#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_renders_inert() {
    let _serial = SERIAL.lock().await;
    let payloads: Vec<&str> = include_str!("fixtures/xss-payloads.txt").lines().collect();
    assert_eq!(payloads.len(), 50);
    let all = payloads.join(" ");
    let (_dir, db) = temp_db();
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        let mut d = prongsai_core::sample::sample_doc().unwrap();
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
        d.memos.iter_mut().for_each(|m| m.subject = all.clone());
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
    // Give any handler a moment, then look for effects.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let ran = c
        .execute("return window.__xss === undefined ? null : window.__xss", vec![])
        .await
        .unwrap();
    assert!(ran.is_null(), "a payload ran");
    let injected = c
        .execute(
            "return document.querySelectorAll('img[src=x], iframe, embed, object, marquee, details, video, audio, \
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

async fn all_css(c: &Client, css: &str) -> Vec<Element> {
    all(c, css).await
}

// ------------------------------------------------------------ the editor

/// `prongsai-cli report --year Y --format json` on the app's database: what
/// the tests below check the window against. The CLI is built with the
/// workspace (`make test` runs `cargo test --workspace`).
fn cli_report(db: &Path, year: i32) -> serde_json::Value {
    let cli = Path::new(APP).with_file_name(format!("prongsai-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        cli.exists(),
        "{} is not built: run `cargo test --workspace`",
        cli.display()
    );
    let out = Command::new(&cli)
        .args(["--db"])
        .arg(db)
        .args(["report", "--year", &year.to_string(), "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// An attribute of the first element matching `css`; `None` when there is
/// none (or the page is being redrawn).
async fn attr(c: &Client, css: &str, name: &str) -> Option<String> {
    c.find(Locator::Css(css)).await.ok()?.attr(name).await.ok().flatten()
}

async fn click(c: &Client, css: &str) {
    all(c, css).await.remove(0).click().await.unwrap();
}

/// The `data-id`s of the elements matching `css`, in order (empty while
/// the page is being redrawn).
async fn ids(c: &Client, css: &str) -> Vec<String> {
    let mut v = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.unwrap_or_default() {
        match e.attr("data-id").await {
            Ok(id) => v.push(id.unwrap_or_default()),
            Err(_) => return Vec::new(),
        }
    }
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn a_measure_moves_by_keyboard_and_back_with_undo() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let before = ids(&c, "[data-testid=measure]").await;
    let titles: Vec<String> = cli_report(&db, 2566)["measures"]
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
    let json = cli_report(&db, 2566);
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
    let json = cli_report(&db, 2566);
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
    let original = cli_report(&db, 2566);
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

    let json = cli_report(&db, 2566);
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
    assert_eq!(cli_report(&db, 2566), original);
    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ui_switches_to_english_and_back() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let before = cli_report(&db, 2566);
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
    assert_eq!(cli_report(&db, 2566), before);
    c.close().await.unwrap();
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
    Store::open_or_seed(&db).await.unwrap().0.close().await;
    // Another Prongsai holds the database.
    let held = prongsai_core::store::AppLock::acquire(&db).unwrap();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    let problem = all(&c, "[data-testid=load-error]").await.remove(0);
    let text = problem.text().await.unwrap();
    assert!(text.contains("ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมหรือหน้าต่างอื่น"), "{text}");
    assert!(text.contains("another Prongsai window"), "{text}");
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
    // The app backs up at start (the seeded sample is a change).
    let backups = prongsai_core::store::backups::backup_dir(&db);
    until("the first rolling backup", || async {
        prongsai_core::store::backups::list(&backups)
            .map(|l| !l.is_empty())
            .unwrap_or(false)
    })
    .await;
    let original = cli_report(&db, 2566);

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
    assert_eq!(cli_report(&db, 2566)["measures"][0]["results"][0]["text"], "ฉบับที่สอง");

    // Restore the backup taken at start: the edits are gone, the state
    // before the restore is kept beside the database.
    click(&c, "[data-testid=tab-settings]").await;
    click(&c, "[data-testid=restore-backup]").await;
    click(&c, "[data-testid=restore-confirm]").await;
    let notice = all(&c, "[data-testid=app-notice]").await.remove(0);
    assert!(notice.text().await.unwrap().contains("before-restore"));
    assert_eq!(cli_report(&db, 2566), original);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .collect();
    assert_eq!(kept.len(), 1);
    let (before, _) = Store::open(&kept[0].path()).await.unwrap();
    assert_eq!(
        before.report(2566).await.unwrap().measures[0].results[0].text,
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

// ---------------------------------------------------------------- assets

/// A register of `n` assets, numbered 7440-001-00001/66 …, every tenth a chair.
fn register(n: usize) -> Vec<prongsai_core::assets::AssetDoc> {
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
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        store
            .apply(prongsai_core::Change::ImportAssets { assets: register(30) })
            .await
            .unwrap();
        store.close().await;
    }
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
    // 2. Approve (the head of the agency).
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

    // The same through the CLI on the same database.
    let cli = Path::new(APP).with_file_name(format!("prongsai-cli{}", std::env::consts::EXE_SUFFIX));
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
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        store
            .apply(prongsai_core::Change::ImportAssets {
                assets: register(100_000),
            })
            .await
            .unwrap();
        store.close().await;
    }
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
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        store
            .apply(prongsai_core::Change::ImportAssets { assets: register(12) })
            .await
            .unwrap();
        store.close().await;
    }
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
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
    assert!(problem.text().await.unwrap().contains("supply officer"));
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
        (2, true, 3)
    );
    let page = store
        .asset_page("7440-001-00003/66", chrono::Local::now().date_naive())
        .await
        .unwrap();
    assert_eq!(page.asset.doc.status, prongsai_core::assets::AssetStatus::Lost);
    store.close().await;
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
        cli_report(&db, 2566)["measures"][0]["title"]
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
        notice.contains("เลิกทำแล้ว") && notice.contains("๒๕๖๖") && notice.contains("รายงาน"),
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
    {
        let (store, _) = Store::open_or_seed(&db).await.unwrap();
        store
            .apply(Change::ImportAssets { assets: register(10) })
            .await
            .unwrap();
        store
            .apply(Change::RequestLoan {
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
            })
            .await
            .unwrap();
        for change in [
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
        ] {
            store.apply(change).await.unwrap();
        }
        store.close().await;
    }
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
    let cli = Path::new(APP).with_file_name(format!("prongsai-cli{}", std::env::consts::EXE_SUFFIX));
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
