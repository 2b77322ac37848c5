//! Whether the machine's web view can run Prongsai's window: WebView2 on
//! Windows, the system WebKit on macOS, WebKitGTK on Linux. The window's
//! script (Svelte 5, built for ES2022) needs class private methods and
//! static blocks: Chromium 94, Safari 16.4 (WebKit 615), WebKitGTK 2.40 (the
//! version Prongsai is tested with, Debian 12's). An older one, or none,
//! is said in words with what to install, before the window is trusted.

use serde::Serialize;

/// The web view a platform uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    WebView2,
    WebKit,
    WebKitGtk,
}

impl Engine {
    /// This build's engine.
    pub fn of_this_os() -> Engine {
        if cfg!(windows) {
            Engine::WebView2
        } else if cfg!(target_os = "macos") {
            Engine::WebKit
        } else {
            Engine::WebKitGtk
        }
    }

    fn name(self) -> &'static str {
        match self {
            Engine::WebView2 => "Microsoft Edge WebView2",
            Engine::WebKit => "WebKit (Safari)",
            Engine::WebKitGtk => "WebKitGTK",
        }
    }

    /// The oldest version that runs the window, as (major, minor).
    fn minimum(self) -> (u32, u32) {
        match self {
            Engine::WebView2 => (94, 0),
            Engine::WebKit => (615, 0),
            Engine::WebKitGtk => (2, 40),
        }
    }

    /// The version as (major, minor) from what the platform reports:
    /// "120.0.2210.91", "18615.1.26.11.23" (macOS prefixes WebKit's major
    /// with the system's: 615), "2.44.1".
    fn parse(self, version: &str) -> Option<(u32, u32)> {
        let mut parts = version.trim().split('.').map(|p| p.parse::<u32>().ok());
        let major = parts.next()??;
        let minor = parts.next().flatten().unwrap_or(0);
        Some(match self {
            Engine::WebKit => (major % 1000, minor),
            _ => (major, minor),
        })
    }
}

/// Why the web view cannot run the window, in both UI languages (no
/// language is chosen before the window runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WebviewProblem {
    pub engine: Engine,
    /// The version found; `None`: none is installed.
    pub found: Option<String>,
    pub thai: String,
    pub english: String,
    /// Where to get a supported one.
    pub url: String,
}

/// Checks `version`, as the platform reports it (`None`: the platform
/// found no web view), against what the window needs.
pub fn check(engine: Engine, version: Option<&str>) -> Result<(), WebviewProblem> {
    let (major, minor) = engine.minimum();
    let needed = match engine {
        Engine::WebKitGtk => format!("{major}.{minor}"),
        Engine::WebKit => "Safari 16.4".to_owned(),
        Engine::WebView2 => major.to_string(),
    };
    let found = version.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let ok = found
        .as_deref()
        .and_then(|v| engine.parse(v))
        .is_some_and(|v| v >= (major, minor));
    if ok {
        return Ok(());
    }
    let (url, th_do, en_do) = match engine {
        Engine::WebView2 => (
            "https://developer.microsoft.com/microsoft-edge/webview2/",
            "ติดตั้ง Microsoft Edge WebView2 Runtime (Evergreen) แล้วเปิดโปรแกรมอีกครั้ง",
            "install the Microsoft Edge WebView2 Runtime (Evergreen), then open Prongsai again",
        ),
        Engine::WebKit => (
            "https://support.apple.com/102665",
            "อัปเดต macOS หรือ Safari ให้เป็น Safari 16.4 ขึ้นไป แล้วเปิดโปรแกรมอีกครั้ง",
            "update macOS or Safari to Safari 16.4 or newer, then open Prongsai again",
        ),
        Engine::WebKitGtk => (
            "https://webkitgtk.org/",
            "ติดตั้ง libwebkit2gtk-4.1 รุ่นใหม่จากระบบปฏิบัติการ แล้วเปิดโปรแกรมอีกครั้ง",
            "install a newer libwebkit2gtk-4.1 from your distribution, then open Prongsai again",
        ),
    };
    let (th_found, en_found) = match &found {
        Some(v) => (format!("พบรุ่น {v}"), format!("found {v}")),
        None => ("ไม่พบในเครื่องนี้".to_owned(), "none is installed".to_owned()),
    };
    Err(WebviewProblem {
        engine,
        thai: format!(
            "โปร่งใสต้องใช้ {} รุ่น {needed} ขึ้นไป ({th_found}): {th_do} — {url}",
            engine.name()
        ),
        english: format!(
            "Prongsai needs {} {needed} or newer ({en_found}): {en_do} — {url}",
            engine.name()
        ),
        found,
        url: url.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platforms_version_is_read_and_an_old_or_missing_one_is_said() {
        assert_eq!(check(Engine::WebView2, Some("120.0.2210.91")), Ok(()));
        assert_eq!(check(Engine::WebKitGtk, Some("2.44.1")), Ok(()));
        assert_eq!(check(Engine::WebKit, Some("18618.1.15.111.8")), Ok(()));
        // Safari 16.1 on macOS 12: WebKit 614.
        let old = check(Engine::WebKit, Some("17614.2.9.1.13")).unwrap_err();
        assert!(old.english.contains("Safari 16.4") && old.english.contains("found 17614"));
        let old = check(Engine::WebView2, Some("86.0.622.38")).unwrap_err();
        assert!(old.thai.contains("WebView2") && old.thai.contains("พบรุ่น 86.0.622.38"));
        assert_eq!(old.url, "https://developer.microsoft.com/microsoft-edge/webview2/");
        let none = check(Engine::WebView2, None).unwrap_err();
        assert_eq!(none.found, None);
        assert!(none.english.contains("none is installed"));
        assert!(check(Engine::WebKitGtk, Some("2.38.6")).is_err());
        assert!(check(Engine::WebKitGtk, Some("garbage")).is_err());
        assert!(check(Engine::WebView2, Some("")).is_err());
    }
}
