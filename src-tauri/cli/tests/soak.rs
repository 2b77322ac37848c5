//! Soak: the app and the CLI on one database at once, and kill -9 of either
//! at random moments. The "app" is this binary started as a child that opens
//! the database as the app does (`session::open`, `Access::App`) and saves
//! text as fast as it can, closing descriptors of the database's files every
//! few saves (what drops SQLite's POSIX locks); it prints each save the
//! store acknowledged. Beside it the real CLI imports assets (refused while
//! the app is open, done when it is not) and reads the report. At the end
//! every acknowledged save and every import that exited 0 is present, the
//! integrity check passes and `verify` replays the history clean.
//!
//! `PRONGSAI_SOAK_ROUNDS` sets the number of app lives (default 12).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use prongsai_core::store::{Access, session};
use prongsai_core::{Change, Store, TextTarget};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

const HEADER: &str = "เลขครุภัณฑ์,ชื่อครุภัณฑ์,ประเภท,ยี่ห้อ,วันที่ได้มา,ราคา,ปีงบประมาณ,สถานที่ตั้ง\n";

fn main() {
    if let Some(db) = std::env::var_os("PRONGSAI_SOAK_APP") {
        let seed: u64 = std::env::var("PRONGSAI_SOAK_SEED").unwrap().parse().unwrap();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(app(Path::new(&db), seed));
        return;
    }
    parent();
}

/// Saves until killed; prints `ok <change id> <text>` after each commit.
async fn app(db: &Path, seed: u64) {
    let app = session::open(db, Access::App).await.unwrap();
    let store = app.store;
    let mut rng = Rng(seed | 1);
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in 0u64.. {
        let r = store.report(2566).await.unwrap();
        let m = &r.measures[rng.below(r.measures.len() as u64) as usize];
        let text = format!("แอป-{seed}-{n}");
        let a = store
            .apply(Change::SetText {
                target: TextTarget::MeasureRemarks(m.id),
                text: text.clone(),
            })
            .await
            .unwrap();
        writeln!(out, "ok {} {text}", a.change_id).unwrap();
        out.flush().unwrap();
        if n % 5 == 0 {
            for suffix in ["", "-wal", "-shm"] {
                drop(std::fs::File::open(format!("{}{suffix}", db.display())));
            }
        }
    }
}

fn cli(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_prongsai-cli"));
    c.arg("--db").arg(db).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

/// Runs `c`, SIGKILLing it after `kill_after` if given; whether it exited 0
/// and what it printed on stderr.
fn run(mut c: Command, kill_after: Option<Duration>) -> (bool, String) {
    let mut child: Child = c.spawn().unwrap();
    if let Some(d) = kill_after {
        std::thread::sleep(d);
        let _ = child.kill();
    }
    let out = child.wait_with_output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn parent() {
    let rounds: u64 = std::env::var("PRONGSAI_SOAK_ROUNDS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("prongsai.sqlite");
    assert!(cli(&db).arg("years").status().unwrap().success());
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng(0x50a4_2026_1129_0001);
    let started = Instant::now();
    let mut app_acks: Vec<(i64, String)> = Vec::new();
    let mut cli_acks: Vec<String> = Vec::new();
    let (mut refused, mut reads, mut cli_kills) = (0, 0, 0);
    let mut asset = 0u32;

    let mut import = |rng: &mut Rng, cli_acks: &mut Vec<String>, refused: &mut u32, cli_kills: &mut u32| {
        asset += 1;
        let number = format!("7440-001-{asset:04}/66");
        let csv = dir.path().join(format!("a{asset}.csv"));
        std::fs::write(
            &csv,
            format!("{HEADER}{number},เครื่องคอมพิวเตอร์,ครุภัณฑ์คอมพิวเตอร์,,5/4/2566,25900,2566,ห้องพัสดุ\n"),
        )
        .unwrap();
        let mut c = cli(&db);
        c.args(["assets", "import"]).arg(&csv);
        let kill = (rng.below(4) == 0).then(|| Duration::from_millis(rng.below(60)));
        if kill.is_some() {
            *cli_kills += 1;
        }
        let (ok, err) = run(c, kill);
        if ok {
            cli_acks.push(number);
        } else if kill.is_none() {
            assert!(
                err.contains("open in the Prongsai app"),
                "an import failed otherwise: {err}"
            );
            *refused += 1;
        }
    };

    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .env("PRONGSAI_SOAK_APP", &db)
            .env("PRONGSAI_SOAK_SEED", (round + 1).to_string())
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
        let ready = rx.recv_timeout(Duration::from_secs(60)).expect("the app did not start");
        assert_eq!(ready, "ready");
        // The CLI beside the running app: writes refused, reads read-only.
        for _ in 0..1 + rng.below(3) {
            import(&mut rng, &mut cli_acks, &mut refused, &mut cli_kills);
            let mut c = cli(&db);
            c.args(["report", "--year", "2566"]);
            let (ok, err) = run(c, None);
            assert!(ok, "a read beside the app failed: {err}");
            reads += 1;
        }
        std::thread::sleep(Duration::from_millis(rng.below(100)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        app_acks.extend(rx.try_iter().filter_map(|l| {
            let mut p = l.splitn(3, ' ');
            (p.next()? == "ok").then_some(())?;
            Some((p.next()?.parse().ok()?, p.next()?.to_owned()))
        }));
        // The app is gone: the CLI writes (and is killed now and then).
        for _ in 0..1 + rng.below(2) {
            import(&mut rng, &mut cli_acks, &mut refused, &mut cli_kills);
        }
    }

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let (store, _) = Store::open(&db).await.unwrap();
        store.check_integrity().await.unwrap();
        for (id, text) in &app_acks {
            let entry = store
                .raw_change(*id)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("the app's acknowledged save {id} ({text}) is missing"));
            assert!(entry.contains(text.as_str()), "entry {id} is not {text}: {entry}");
        }
        let numbers: Vec<String> = store.assets().await.unwrap().into_iter().map(|a| a.number).collect();
        for n in &cli_acks {
            assert!(numbers.contains(n), "the CLI's import of {n} exited 0 but is missing");
        }
        let v = store.verify().await.unwrap();
        assert!(v.ok(), "{v:?}");
        store.close().await;
    });
    assert!(refused > 0, "no CLI write met the open app");
    assert!(!app_acks.is_empty() && !cli_acks.is_empty());
    println!(
        "soak: {rounds} app lives killed, {} app saves and {} CLI imports acknowledged, all present; \
         {refused} CLI writes refused beside the app, {reads} reads beside it, {cli_kills} CLI runs killed; \
         verify clean; {:.1} s",
        app_acks.len(),
        cli_acks.len(),
        started.elapsed().as_secs_f64()
    );
}
