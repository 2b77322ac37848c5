//! Every view at the window sizes offices use (1024×768, 1366×768): the
//! header holds on one line, nothing is wider than the window, the
//! register's numbers and dates are whole, headings keep the digits
//! setting and icon buttons have a label and a tooltip. The
//! screenshots land in target/tmp/screens (`make screenshots` copies them
//! to docs/screenshots, to look at).

use super::*;

const SIZES: [(u32, u32); 2] = [(1024, 768), (1366, 768)];
const VIEWS: [&str; 6] = ["report", "budget", "assets", "years", "ita", "settings"];

/// What every view is checked for, as a script returning the offenders.
const CHECKS: [(&str, &str); 3] = [
    // The register's number and date are never cut short.
    (
        "cut short",
        "return [...document.querySelectorAll('.c-number, .c-acquired_on')]
           .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent);",
    ),
    // The sample's setting is Thai digits: no heading shows Arabic ones.
    (
        "Arabic digits under the Thai setting",
        "return [...document.querySelectorAll('h1, h2, h3, th, .chip')]
           .map((e) => e.textContent).filter((t) => /[0-9]/.test(t));",
    ),
    // An icon button (no letter or digit on it) has a label and a tooltip.
    (
        "icon buttons without a label or tooltip",
        "return [...document.querySelectorAll('button')]
           .filter((b) => !/[\\p{L}\\p{N}]/u.test(b.textContent || '')
             && !(b.getAttribute('aria-label') && b.getAttribute('title')))
           .map((b) => (b.dataset.testid || '') + ' ' + b.textContent.trim());",
    ),
];

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
    // A register to show, as an agency's would be.
    super::assets::seed_register(&db, 40).await;
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
            // Every item's tools are built (as when its row takes focus), so
            // the checks below see them.
            c.execute(
                "document.querySelectorAll('.item').forEach((i) => i.dispatchEvent(new FocusEvent('focusin')))",
                vec![],
            )
            .await
            .unwrap();
            tokio::time::sleep(Duration::from_millis(400)).await;
            if let Ok(png) = c.screenshot().await {
                std::fs::write(out.join(format!("{view}-{w}x{h}.png")), png).unwrap();
            }
            // Each check is a script listing what offends it, and what it says.
            for (what, script) in CHECKS {
                let found = c.execute(script, vec![]).await.unwrap();
                if found.as_array().is_some_and(|a| !a.is_empty()) {
                    problems.push(format!("{view} at {w}×{h}: {what}: {found}"));
                }
            }
            let (page, bar) = overflow(&c).await;
            if page > 0 || bar > 0 {
                problems.push(format!("{view} at {w}×{h}: page {page} px, header {bar} px too wide"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("; "));

    // The help panel: the shortcuts, the version, and where the records are.
    c.set_window_size(1024, 768).await.unwrap();
    click(&c, "[data-testid=tab-report]").await;
    click(&c, "[data-testid=help-open]").await;
    let database = all(&c, "[data-testid=help-database]").await.remove(0);
    let shown = database.text().await.unwrap();
    let canonical = prongsai_core::store::canonical_db_path(&db).unwrap();
    assert_eq!(shown, canonical.display().to_string());
    let help = all(&c, "[data-testid=help]").await.remove(0).text().await.unwrap();
    for keys in ["Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+F", "Alt+↑", "Ctrl+]", "Ctrl+["] {
        assert!(help.contains(keys), "{keys} is not listed: {help}");
    }
    if let Ok(png) = c.screenshot().await {
        std::fs::write(out.join("help-1024x768.png"), png).unwrap();
    }
    click(&c, "[data-testid=help-close]").await;

    // Publishing: its panel opens above the report and fits the window.
    click(&c, "[data-testid=publish] summary").await;
    for button in ["export-docx", "publish-site", "export-open-data", "export-infographic"] {
        let b = all(&c, &format!("[data-testid={button}]")).await.remove(0);
        assert!(b.is_displayed().await.unwrap(), "{button} is hidden");
    }
    let (page, bar) = overflow(&c).await;
    assert_eq!((page, bar), (0, 0), "the publishing panel is wider than the window");
    if let Ok(png) = c.screenshot().await {
        std::fs::write(out.join("publish-1024x768.png"), png).unwrap();
    }
    c.close().await.unwrap();
}
