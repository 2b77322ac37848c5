//! Architecture invariants that a grep would miss.

use std::process::Command;

/// The dependency tree of `package` (normal and build edges), one crate
/// name per line.
fn dependencies(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            package,
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn the_core_and_the_cli_never_depend_on_tauri_or_a_window() {
    for package in ["prongsai-core", "prongsai-cli"] {
        let deps = dependencies(package);
        assert!(deps.len() > 10, "{package}: suspiciously few dependencies: {deps:?}");
        let gui: Vec<_> = deps
            .iter()
            .filter(|d| d.starts_with("tauri") || ["wry", "tao", "gtk", "webkit2gtk"].contains(&d.as_str()))
            .collect();
        assert!(gui.is_empty(), "{package} depends on {gui:?}");
    }
}

#[test]
fn the_app_identifier_matches_tauri_conf() {
    let conf: serde_json::Value =
        serde_json::from_str(include_str!("../../../tauri.conf.json")).expect("tauri.conf.json");
    assert_eq!(conf["identifier"], prongsai_core::paths::APP_IDENTIFIER);
}

#[test]
fn the_csp_is_strict() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../../../tauri.conf.json")).unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert!(csp.is_object(), "no CSP set");
    for (directive, value) in csp.as_object().unwrap() {
        let v = value.as_str().unwrap();
        assert!(
            !v.contains("unsafe-eval") && !v.contains("http://*") && !v.contains('*'),
            "{directive}: {v}"
        );
    }
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}
