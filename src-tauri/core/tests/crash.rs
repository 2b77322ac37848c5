//! Crash safety: a child process applies random edits through the core as
//! fast as it can and reports each one the store said was committed; the
//! parent kills it with SIGKILL at a random moment, then checks the
//! database: `PRAGMA integrity_check` ok, every reported edit present as
//! reported, the history's hash chain intact; every 50 kills and at the end
//! the whole history is replayed (`verify`).
//!
//! `PRONGSAI_CRASH_KILLS` sets the number of kills (default 200).
//! The child is this same binary, started with `PRONGSAI_CRASH_CHILD`.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use prongsai_core::change::{ItemList, ItemRef, ItemSnap};
use prongsai_core::{Change, Store, TextTarget};

mod common;
use common::Rng;

fn main() {
    if let Some(db) = std::env::var_os("PRONGSAI_CRASH_CHILD") {
        let seed: u64 = std::env::var("PRONGSAI_CRASH_SEED").unwrap().parse().unwrap();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(child(Path::new(&db), seed));
        return;
    }
    parent();
}

/// Edits until killed; prints `ok <change id> <kind>` after each commit.
async fn child(db: &Path, seed: u64) {
    let (store, _) = Store::open(db).await.unwrap();
    let mut rng = Rng(seed | 1);
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in 0u64.. {
        let r = store.report(2566).await.unwrap();
        let m = &r.measures[rng.below(r.measures.len())];
        let marker = format!("แก้ {seed}-{n}");
        let change = match rng.below(10) {
            0..=2 => Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: marker,
            },
            3 => Change::InsertItem {
                list: ItemList::Results { measure_id: m.id },
                index: rng.below(4) as u32,
                item: ItemSnap {
                    id: None,
                    level: 0,
                    text: marker,
                    evidence: Vec::new(),
                },
            },
            4 if m.results.len() > 2 => Change::DeleteItem {
                item: ItemRef::Result(m.results[rng.below(m.results.len())].id),
            },
            5 => Change::MoveMeasure {
                id: m.id,
                to: rng.below(r.measures.len()) as u32,
            },
            6 if !m.results.is_empty() => {
                let x = &m.results[rng.below(m.results.len())];
                Change::SplitItem {
                    item: ItemRef::Result(x.id),
                    at: rng.below(x.text.chars().count()) as u32,
                }
            }
            7 => {
                if let Ok(a) = store.undo().await {
                    writeln!(out, "ok {} undo", a.change_id).unwrap();
                    out.flush().unwrap();
                }
                continue;
            }
            8 => {
                if let Ok(a) = store.redo().await {
                    writeln!(out, "ok {} redo", a.change_id).unwrap();
                    out.flush().unwrap();
                }
                continue;
            }
            _ => Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: String::new(),
            },
        };
        let kind = change.kind();
        // Some edits are refused (a split at an edge, a move to where it
        // is): refused is not committed, and is not reported.
        if let Ok(a) = store.apply(change).await {
            writeln!(out, "ok {} {kind}", a.change_id).unwrap();
            out.flush().unwrap();
        }
    }
}

fn parent() {
    let kills: usize = std::env::var("PRONGSAI_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prongsai.sqlite");
    rt.block_on(async { Store::open_or_seed(&db).await.unwrap().0.close().await });
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let started = Instant::now();
    let mut committed_total = 0usize;
    let mut killed_while_editing = 0usize;

    for i in 0..kills {
        let mut child = Command::new(&exe)
            .env("PRONGSAI_CRASH_CHILD", &db)
            .env("PRONGSAI_CRASH_SEED", (i as u64 + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Most kills land while it edits; some while it is still opening.
        if rng.below(8) != 0 {
            let ready = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("the child did not start");
            assert_eq!(ready, "ready");
        }
        std::thread::sleep(Duration::from_micros(rng.below(40_000) as u64));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let reported: Vec<(i64, String)> = rx
            .try_iter()
            .filter_map(|l| {
                let mut p = l.splitn(3, ' ');
                (p.next()? == "ok").then_some(())?;
                Some((p.next()?.parse().ok()?, p.next()?.to_owned()))
            })
            .collect();
        if !reported.is_empty() {
            killed_while_editing += 1;
        }
        committed_total += reported.len();

        rt.block_on(async {
            let (store, _) = Store::open(&db)
                .await
                .unwrap_or_else(|e| panic!("kill {i}: cannot reopen: {e}"));
            store
                .check_integrity()
                .await
                .unwrap_or_else(|e| panic!("kill {i}: {e}"));
            for (id, kind) in &reported {
                let entry: Option<String> = store.raw_change(*id).await.unwrap();
                let entry = entry.unwrap_or_else(|| panic!("kill {i}: committed change {id} ({kind}) is missing"));
                let recorded: Change = serde_json::from_str(&entry).unwrap();
                let expected = if kind == "undo" || kind == "redo" {
                    recorded.kind()
                } else {
                    kind.as_str()
                };
                // A split is recorded as the batch it expands to.
                let expected = if expected == "split_item" { "batch" } else { expected };
                assert_eq!(recorded.kind(), expected, "kill {i}: change {id}");
            }
            let (_, broken) = store.verify_chain().await.unwrap();
            assert!(broken.is_none(), "kill {i}: the chain breaks: {broken:?}");
            if (i + 1) % 50 == 0 || i + 1 == kills {
                let v = store.verify().await.unwrap();
                assert!(v.ok(), "kill {i}: {v:?}");
            }
            store.close().await;
        });
    }
    let entries = rt.block_on(async {
        let (store, _) = Store::open(&db).await.unwrap();
        let n = store.change_count().await.unwrap();
        store.close().await;
        n
    });
    println!(
        "crash harness: {kills} SIGKILLs ({killed_while_editing} mid-edit), {committed_total} committed edits all present, \
         {entries} history entries, chain intact, replay matches; {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
