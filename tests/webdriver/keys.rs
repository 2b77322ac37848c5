//! The shortcuts with the Thai keyboard layout active (`setxkbmap th`):
//! the keys are the physical ones, not the characters they type, so Ctrl+Z
//! undoes when the Z key types ผ.

use super::*;

/// The X keyboard layout for as long as it lives; the US layout after.
struct Layout;

impl Layout {
    fn set(layout: &str) -> Layout {
        let ok = Command::new("setxkbmap")
            .args(["-layout", layout])
            .status()
            .expect("setxkbmap (x11-xkb-utils)")
            .success();
        assert!(ok, "setxkbmap -layout {layout} failed");
        // Xvfb resets the keyboard when its last client leaves: the layout
        // holds only on a server started with -noreset (`make test` does).
        let query = Command::new("setxkbmap").arg("-query").output().unwrap();
        let query = String::from_utf8_lossy(&query.stdout).into_owned();
        assert!(
            query.lines().any(|l| l.split_whitespace().eq(["layout:", layout])),
            "the {layout} layout did not hold (is Xvfb running with -noreset?): {query}"
        );
        Layout
    }
}

impl Drop for Layout {
    fn drop(&mut self) {
        let _ = Command::new("setxkbmap").args(["-layout", "us"]).status();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_shortcuts_work_with_the_thai_layout_active() {
    use fantoccini::key::Key;
    let _serial = SERIAL.lock().await;
    let _thai = Layout::set("th");
    let (_dir, db) = temp_db();
    let driver = tauri_driver(&db);
    let c = start_app(&driver, &db).await;
    all(&c, "[data-testid=measure]").await;
    let before = ids(&c, "[data-testid=measure]").await;

    // Alt+↓ on a measure's handle moves it (arrows are arrows in any layout).
    let handle = all(&c, "[data-testid=measure-handle]").await.remove(0);
    c.execute("arguments[0].focus()", vec![serde_json::to_value(&handle).unwrap()])
        .await
        .unwrap();
    c.active_element()
        .await
        .unwrap()
        .send_keys(&format!("{}{}{}", Key::Alt, Key::Down, Key::Null))
        .await
        .unwrap();
    let moved = vec![
        before[1].clone(),
        before[0].clone(),
        before[2].clone(),
        before[3].clone(),
    ];
    until("Alt+↓ to move the measure", || async {
        ids(&c, "[data-testid=measure]").await == moved
    })
    .await;

    // Ctrl+Z: the Z key types ผ in the Thai layout.
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
    let body = c.find(Locator::Css("body")).await.unwrap();
    body.send_keys(&format!("{}ผ{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("Ctrl+Z (ผ) to undo the move", || async {
        ids(&c, "[data-testid=measure]").await == before
    })
    .await;

    // Ctrl+Shift+Z: shifted, the Z key types ( in the Thai layout.
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
    body.send_keys(&format!("{}{}({}", Key::Control, Key::Shift, Key::Null))
        .await
        .unwrap();
    until("Ctrl+Shift+Z to redo the move", || async {
        ids(&c, "[data-testid=measure]").await == moved
    })
    .await;

    // Ctrl+F: the F key types ด; the search box takes the focus.
    c.execute("document.activeElement.blur()", vec![]).await.unwrap();
    body.send_keys(&format!("{}ด{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("Ctrl+F (ด) to focus the search", || async {
        let focused = c.active_element().await.unwrap();
        focused.attr("data-testid").await.unwrap().as_deref() == Some("search")
    })
    .await;

    // Alt+↑ on the moved measure's handle puts it back.
    let handle = c
        .find(Locator::Css(&format!(
            "[data-testid=measure-handle][data-id=\"{}\"]",
            before[0]
        )))
        .await
        .unwrap();
    c.execute("arguments[0].focus()", vec![serde_json::to_value(&handle).unwrap()])
        .await
        .unwrap();
    c.active_element()
        .await
        .unwrap()
        .send_keys(&format!("{}{}{}", Key::Alt, Key::Up, Key::Null))
        .await
        .unwrap();
    until("Alt+↑ to move it back", || async {
        ids(&c, "[data-testid=measure]").await == before
    })
    .await;

    // Ctrl+] and Ctrl+[ in an activity's text: the ] key types ล and the [
    // key types บ in the Thai layout.
    let second = all(&c, "[data-testid=measure] [data-testid=activity-text]")
        .await
        .remove(1);
    let id = second.attr("data-id").await.unwrap().unwrap();
    let level = || async { cli_report(&db, OPENS)["measures"][0]["activities"][1]["level"].as_u64() };
    assert_eq!(level().await, Some(0));
    second
        .send_keys(&format!("{}ล{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("Ctrl+] (ล) to make it a sub-item", || async {
        level().await == Some(1)
    })
    .await;
    let text = format!("[data-testid=activity-text][data-id=\"{id}\"]");
    all(&c, &text)
        .await
        .remove(0)
        .send_keys(&format!("{}บ{}", Key::Control, Key::Null))
        .await
        .unwrap();
    until("Ctrl+[ (บ) to make it a main item again", || async {
        level().await == Some(0)
    })
    .await;

    // Tab from the text goes on to its tools, built when the row took focus.
    let area = all(&c, &text).await.remove(0);
    c.execute("arguments[0].focus()", vec![serde_json::to_value(&area).unwrap()])
        .await
        .unwrap();
    area.send_keys(&Key::Tab.to_string()).await.unwrap();
    let in_tools = "const t = document.activeElement.closest('.tools'); \
                    return t && t.parentElement.dataset.id";
    until("Tab to reach the activity's tools", || async {
        c.execute(in_tools, vec![]).await.unwrap() == serde_json::json!(id)
    })
    .await;
    c.close().await.unwrap();
}
