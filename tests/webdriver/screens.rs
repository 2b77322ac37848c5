//! Every view at the window sizes offices use (1024×768, 1366×768): the
//! header holds on one line and nothing is wider than the window. The
//! screenshots land in target/tmp/screens (`make screenshots` copies them
//! to docs/screenshots, to look at).

use super::*;

const SIZES: [(u32, u32); 2] = [(1024, 768), (1366, 768)];
const VIEWS: [&str; 5] = ["report", "budget", "assets", "years", "settings"];

/// How far the page and the header are wider than the window (0: not).
async fn overflow(c: &Client) -> (i64, i64) {
    let v = c
        .execute(
            "const bar = document.querySelector('.bar');
             return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                     bar ? bar.scrollWidth - bar.clientWidth : 0];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_fits_the_window_at_office_sizes() {
    let _serial = SERIAL.lock().await;
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screens");
    std::fs::create_dir_all(&out).unwrap();
    let mut problems = Vec::new();
    for (w, h) in SIZES {
        c.set_window_size(w, h).await.unwrap();
        for view in VIEWS {
            click(&c, &format!("[data-testid=tab-{view}]")).await;
            until("the view", || async {
                attr(&c, &format!("[data-testid=tab-{view}]"), "aria-current")
                    .await
                    .as_deref()
                    == Some("true")
            })
            .await;
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Ok(png) = c.screenshot().await {
                std::fs::write(out.join(format!("{view}-{w}x{h}.png")), png).unwrap();
            }
            let (page, bar) = overflow(&c).await;
            if page > 0 || bar > 0 {
                problems.push(format!("{view} at {w}×{h}: page {page} px, header {bar} px too wide"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("; "));
    c.close().await.unwrap();
}
