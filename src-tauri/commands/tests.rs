//! The commands over IPC, under tauri's mock runtime.

use prongsai_core::{ErrorCode, Store};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;

use super::*;

fn app(store: Store) -> tauri::App<tauri::test::MockRuntime> {
    let app = mock_builder()
        .invoke_handler(handler())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    tauri::Manager::manage(&app, AppState::from_store(store));
    app
}

type Webview = tauri::WebviewWindow<tauri::test::MockRuntime>;

fn webview(app: &tauri::App<tauri::test::MockRuntime>) -> Webview {
    tauri::WebviewWindowBuilder::new(app, "main", Default::default())
        .build()
        .expect("mock webview")
}

fn invoke(webview: &Webview, cmd: &str, body: serde_json::Value) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<serde_json::Value>().unwrap())
}

#[test]
fn commands_read_and_edit_the_report_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let store = tauri::async_runtime::block_on(Store::open_or_seed(&dir.path().join("p.sqlite")))
        .unwrap()
        .0;
    let app = app(store);
    let app = webview(&app);

    // The newest year: the sample moved forward as ITA 2569's FY 2568 draft.
    let report = invoke(&app, "report", serde_json::json!({})).unwrap();
    assert_eq!(report["year"]["year_be"], 2568);
    assert_eq!(report["measures"].as_array().unwrap().len(), 4);
    // Shown with Thai digits, as the sample organization asks.
    assert_eq!(report["measures"][0]["results"][0]["label"], "๑.");
    let id = report["measures"][0]["results"][0]["id"].clone();

    let change = serde_json::json!({ "change": {
        "kind": "set_text", "target": { "field": "result", "id": id }, "text": "ผลใหม่ ๑๒"
    }});
    let applied = invoke(&app, "apply_change", change).unwrap();
    assert_eq!(applied["year_be"], 2568);
    let report = invoke(&app, "report", serde_json::json!({ "yearBe": 2568 })).unwrap();
    assert_eq!(report["measures"][0]["results"][0]["text"], "ผลใหม่ ๑๒");

    // Errors arrive as { code, message }.
    let empty = serde_json::json!({ "change": {
        "kind": "set_text", "target": { "field": "result", "id": id }, "text": "  "
    }});
    let err = invoke(&app, "apply_change", empty).unwrap_err();
    let err: ErrorPayload = serde_json::from_value(err).unwrap();
    assert_eq!(err.code, ErrorCode::EmptyText);
    assert_eq!(err.message, "result must not be empty");

    let err = invoke(&app, "report", serde_json::json!({ "yearBe": 2570 })).unwrap_err();
    assert_eq!(err["code"], "not_found");

    // ITA rounds: listed, read, tracked through apply_change, analysed.
    let rounds = invoke(&app, "ita_rounds", serde_json::json!({})).unwrap();
    assert_eq!(rounds[0]["year_be"], 2569);
    let track = serde_json::json!({ "change": {
        "kind": "set_ita_track", "year_be": 2569, "code": "O12",
        "track": { "division": "กลุ่มบริหารงานคลัง", "due": "2026-03-31", "status": "in_progress",
                   "url": "", "explanation": "", "evidence_year": 2569 }
    }});
    invoke(&app, "apply_change", track).unwrap();
    let round = invoke(&app, "ita_round", serde_json::json!({ "yearBe": 2569 })).unwrap();
    let o12 = round["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "O12")
        .unwrap()
        .clone();
    assert_eq!(
        (o12["fiscal_year"].clone(), o12["wrong_year"].clone()),
        (2568.into(), true.into())
    );
    // Titles in the organization's digits, as the report's fields; codes as stored.
    assert!(
        o12["title"].as_str().unwrap().ends_with("พ.ศ. ๒๕๖๘"),
        "{}",
        o12["title"]
    );
    assert_eq!(o12["code"], "O12");
    let analysis = invoke(&app, "ita_analysis", serde_json::json!({ "yearBe": 2569 })).unwrap();
    assert_eq!(analysis["scores_year"], 2568);
    assert!(
        invoke(&app, "ita_analysis", serde_json::json!({ "yearBe": 2566 }))
            .unwrap()
            .is_null()
    );
    let err = invoke(&app, "ita_round", serde_json::json!({ "yearBe": 2570 })).unwrap_err();
    assert_eq!(err["refusal"]["kind"], "ita_round_missing");
}

#[test]
fn a_database_that_failed_to_open_answers_every_command_with_its_error() {
    let app = mock_builder()
        .invoke_handler(handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    tauri::Manager::manage(
        &app,
        AppState::failed(prongsai_core::CoreError::DatabaseTooNew {
            path: "x".into(),
            found: 9,
            known: 1,
        }),
    );
    let err = invoke(&webview(&app), "years", serde_json::json!({})).unwrap_err();
    assert_eq!(err["code"], "database_too_new");
}

/// The command names between `start` and the first line that is `end`.
fn names_between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    let from = text.find(start).unwrap_or_else(|| panic!("{start} not found")) + start.len();
    text[from..]
        .lines()
        .skip(1)
        .take_while(|l| l.trim() != end)
        .map(|l| {
            let l = l.trim().trim_end_matches(',');
            let name = l.rsplit("::").next().unwrap_or(l);
            name.split(':').next().unwrap_or(name).trim()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn api_ts_lists_every_command_once_as_the_handler_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let rust = std::fs::read_to_string(root.join("src-tauri/commands/mod.rs")).unwrap();
    let ts = std::fs::read_to_string(root.join("ui/src/lib/api.ts")).unwrap();
    let handler = names_between(&rust, "tauri::generate_handler![", "]");
    let listed = names_between(&ts, "export interface Commands {", "}");
    assert!(handler.len() > 40, "{handler:?}");
    let once = |names: &[&str]| names.iter().collect::<std::collections::BTreeSet<_>>().len() == names.len();
    assert!(
        once(&handler) && once(&listed),
        "a command is listed twice: {handler:?} {listed:?}"
    );
    assert_eq!(
        handler, listed,
        "ui/src/lib/api.ts must list the handler's commands, in its order"
    );
}
