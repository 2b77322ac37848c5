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

mod agency;
mod assets;
mod editing;
mod ita;
mod keys;
mod report;
mod screens;
mod years;

/// One app at a time: two WebKit processes on 2 cores make both flaky.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The app built with the tests.
const APP: &str = env!("CARGO_BIN_EXE_prongsai");

/// The app the window tests drive: the one built with them, or
/// `PRONGSAI_APP` (the installed one, for `make bundle`'s test).
fn app_path() -> String {
    std::env::var("PRONGSAI_APP").unwrap_or_else(|_| APP.to_owned())
}

/// The command line built with the tests (an installer ships the app only).
fn cli_path() -> PathBuf {
    Path::new(APP).with_file_name(format!("prongsai-cli{}", std::env::consts::EXE_SUFFIX))
}
const TIMEOUT: Duration = Duration::from_secs(30);
/// The year a fresh database opens on: the sample report moved forward as
/// the FY 2568 draft that ITA 2569's O26 asks for.
const OPENS: i32 = 2568;

/// Shows fiscal year `year` in the window, as the year picker does.
async fn show_year(c: &Client, year: i32) {
    let select = c.find(Locator::Css("[data-testid=year-select]")).await.unwrap();
    select.select_by_value(&year.to_string()).await.unwrap();
    let want = year.to_string();
    until("the year shown", || async {
        matches!(c.find(Locator::Css("[data-testid=report]")).await,
            Ok(r) if r.attr("data-year").await.ok().flatten().as_deref() == Some(want.as_str()))
    })
    .await;
}

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
        // The webview's own storage (the UI language, the user's name) is
        // the test's: one test's choices never leak into the next.
        .env("XDG_DATA_HOME", db.with_file_name("xdg-data"))
        .env("XDG_CACHE_HOME", db.with_file_name("xdg-cache"))
        // A home of its own too: the fonts a test installs "on the machine".
        .env("HOME", db.with_file_name("home"))
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
        "tauri:options": { "application": app_path(), "args": ["--db", db] }
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

/// A new database (the sample) with `changes` applied, before the app opens it.
async fn seed(db: &Path, changes: impl IntoIterator<Item = prongsai_core::Change>) {
    let (store, _) = Store::open_or_seed(db).await.unwrap();
    for change in changes {
        store.apply(change).await.unwrap();
    }
    store.close().await;
}

async fn all(c: &Client, css: &str) -> Vec<Element> {
    c.wait()
        .at_most(TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .expect(css);
    // A long report is built in steps after its first paint
    // (ui/src/lib/steps.ts): the elements asked for are all of them.
    until("the whole report built", || async {
        c.find_all(Locator::Css("[data-building]"))
            .await
            .is_ok_and(|b| b.is_empty())
    })
    .await;
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

async fn all_css(c: &Client, css: &str) -> Vec<Element> {
    all(c, css).await
}

// ------------------------------------------------------------ the editor

/// `prongsai-cli report --year Y --format json` on the app's database: what
/// the tests below check the window against. The CLI is built with the
/// workspace (`make test` runs `cargo test --workspace`).
fn cli_report(db: &Path, year: i32) -> serde_json::Value {
    let cli = cli_path();
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
