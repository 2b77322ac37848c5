//! Writes a database of a given schema version, as that version of
//! Prongsai would have left it, for `tests/migrations.rs`:
//!
//!     cargo run -p prongsai-core --example schema_fixtures -- 6 src-tauri/core/tests/fixtures/schema
//!
//! Run it once for each new schema version, when that version is released,
//! and commit the file; never regenerate an older one (it stands for the
//! databases users have). How: the changes that version could make are
//! applied through today's store, then the tables and columns that existed
//! at that version are copied into a database migrated only that far (the
//! schema grows additively, so the rows an older app wrote are these rows).

use std::path::{Path, PathBuf};

use prongsai_core::budget::{BudgetDoc, BudgetLineDoc, Category, MonthFigures, Target, TargetScope};
use prongsai_core::{Change, Channel, ChannelKind, OitItem, Signatures, Store, TextTarget};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{AssertSqlSafe, Row};

/// The changes an app of schema `version` could have made to the sample.
fn changes(version: i64) -> Vec<Change> {
    let mut doc = prongsai_core::sample::sample_doc().expect("the sample parses");
    if version < 2 {
        // Memos, signatures and the orientation arrived with v2.
        doc.memos.clear();
        doc.year.signatures = Signatures::default();
        doc.organization.orientation = Default::default();
    }
    let mut out = vec![Change::ImportReport {
        doc: Box::new(doc),
        replace: false,
    }];
    if version >= 3 {
        let month = |month, planned: &str, disbursed: &str| MonthFigures {
            month,
            planned: planned.parse().unwrap(),
            disbursed: disbursed.parse().unwrap(),
            committed: Default::default(),
        };
        let line = |division: &str, category, allocated: &str| BudgetLineDoc {
            division: division.into(),
            category,
            item: None,
            plan: "แผนงานพื้นฐาน".into(),
            source: "งบประมาณแผ่นดิน".into(),
            allocated: allocated.parse().unwrap(),
            transfer_in: Default::default(),
            transfer_out: Default::default(),
            months: vec![month(1, "100000.00", "95000.50"), month(6, "250000", "251000")],
        };
        out.push(Change::ImportBudget {
            budget: Box::new(BudgetDoc {
                year_be: 2566,
                lines: vec![
                    line("กลุ่มบริหารงานคลัง", Category::Operating, "1200000"),
                    line("สำนักงานเลขาธิการกรม", Category::Investment, "3500000.25"),
                ],
                targets: vec![Target {
                    scope: TargetScope::Overall,
                    quarter: 2,
                    percent: "54".parse().unwrap(),
                }],
            }),
            replace: false,
        });
    }
    if version >= 4 {
        out.push(Change::RememberMapping {
            headers: vec!["หน่วยงาน".into(), "งบ".into(), "จัดสรร".into()],
            mapping: [("หน่วยงาน", "division"), ("งบ", "category"), ("จัดสรร", "allocated")]
                .into_iter()
                .map(|(a, b)| (a.to_owned(), b.to_owned()))
                .collect(),
        });
    }
    out
}

/// Changes of schema 6 and later that go through undo as well.
async fn editor_changes(store: &Store) {
    store
        .apply(Change::SetChannels {
            channels: vec![Channel {
                kind: ChannelKind::Phone,
                value: "0 2547 4621".into(),
                unit: "กลุ่มคุ้มครองจริยธรรม".into(),
                note: String::new(),
            }],
        })
        .await
        .unwrap();
    store
        .apply(Change::SetOitItems {
            year_be: 2566,
            items: vec![OitItem {
                code: "O42".into(),
                title: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน".into(),
            }],
        })
        .await
        .unwrap();
    let m = store.report(2566).await.unwrap().measures[0].id;
    store
        .apply(Change::SetText {
            target: TextTarget::MeasureRemarks(m),
            text: "แก้แล้วเลิกทำ".into(),
        })
        .await
        .unwrap();
    store.undo().await.unwrap();
}

/// Schema 7: a register, a loan through to its return, an inspection.
async fn asset_changes(store: &Store) {
    use prongsai_core::assets::*;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let asset = |number: &str, name: &str| AssetDoc {
        number: number.into(),
        name: name.into(),
        category: "ครุภัณฑ์คอมพิวเตอร์".into(),
        brand: "Lenovo".into(),
        model: "ThinkPad E14".into(),
        serial: format!("SN{number}"),
        acquired_on: day(2023, 1, 10),
        method: "เฉพาะเจาะจง".into(),
        price: "25900.00".parse().unwrap(),
        budget_year: Some(2566),
        funding: "งบประมาณแผ่นดิน".into(),
        location: "ห้องพัสดุ".into(),
        division: "กลุ่มบริหารงานคลัง".into(),
        status: AssetStatus::Usable,
        useful_life: 3,
        note: String::new(),
    };
    let apply = |c: Change| async move { store.apply(c).await.unwrap() };
    apply(Change::ImportAssets {
        assets: vec![asset("7440-001-0001/66", "โน้ตบุ๊ก"), asset("7440-001-0002/66", "โน้ตบุ๊ก")],
    })
    .await;
    apply(Change::RequestLoan {
        request: LoanRequest {
            asset_number: "7440-001-0001/66".into(),
            borrower: "นางสาวสมใจ ใฝ่ดี".into(),
            position: "นักวิชาการพัสดุ".into(),
            division: "กลุ่มบริหารงานคลัง".into(),
            purpose: "ประชุมนอกสถานที่".into(),
            outside: true,
            borrow_on: day(2023, 5, 1),
            due_on: day(2023, 5, 9),
        },
        on: day(2023, 4, 28),
    })
    .await;
    let loan_id = 1;
    apply(Change::DecideLoan {
        loan_id,
        approve: true,
        by: "อธิบดี".into(),
        authority: Authority::Head,
        on: day(2023, 4, 29),
        reason: String::new(),
    })
    .await;
    apply(Change::HandOverLoan {
        loan_id,
        on: day(2023, 5, 1),
        by: "เจ้าหน้าที่พัสดุ".into(),
    })
    .await;
    apply(Change::ReturnLoan {
        loan_id,
        on: day(2023, 5, 8),
        condition: ReturnCondition::Good,
        received_by: "เจ้าหน้าที่พัสดุ".into(),
    })
    .await;
    let member = |n: &str| Member {
        name: n.into(),
        position: "กรรมการ".into(),
    };
    apply(Change::StartInspection {
        year_be: 2566,
        on: day(2023, 10, 2),
        supply_officer: "นายพัสดุ ดูแล".into(),
        committee: vec![member("นายก"), member("นางข"), member("นางสาวค")],
    })
    .await;
    apply(Change::RecordFinding {
        year_be: 2566,
        number: "7440-001-0002/66".into(),
        finding: Finding::Damaged,
        note: String::new(),
    })
    .await;
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let version: i64 = args
        .next()
        .and_then(|v| v.parse().ok())
        .expect("usage: schema_fixtures VERSION OUTDIR");
    let out_dir = PathBuf::from(args.next().expect("usage: schema_fixtures VERSION OUTDIR"));
    assert!(version >= 1 && version <= prongsai_core::store::known_schema_version());
    let work = tempfile::tempdir().unwrap();

    // Everything, through today's store.
    let full = work.path().join("full.sqlite");
    let (store, _) = Store::open(&full).await.unwrap();
    let store = store.with_actor("fixture");
    for c in changes(version) {
        store.apply(c).await.unwrap();
    }
    if version >= 6 {
        editor_changes(&store).await;
    }
    if version >= 7 {
        asset_changes(&store).await;
    }
    if version >= 8 {
        // A year's own column headings, and headings over placeholders.
        let mut headings = store.report(2566).await.unwrap().year.headings;
        headings.columns = ["มาตรการ", "กิจกรรม", "ผลการดำเนินงาน", "หมายเหตุ"]
            .map(String::from)
            .to_vec();
        headings.heading[1] = "ภายใต้มาตรการส่งเสริมคุณธรรมของ {หน่วยงาน} {กระทรวง}".into();
        store
            .apply(Change::SetHeadings {
                year_be: 2566,
                headings,
            })
            .await
            .unwrap();
    }
    if version >= 9 {
        // The organization's phone, and a memo marked ลับ.
        let mut settings = store.organization().await.unwrap().settings();
        settings.phone = "0 2547 4621".into();
        store.apply(Change::SetOrganization { settings }).await.unwrap();
        let mut memo = store.report(2566).await.unwrap().memos.remove(0);
        memo.memo.secrecy = prongsai_core::Secrecy::Confidential;
        store
            .apply(Change::SetMemo {
                id: memo.id,
                memo: memo.memo,
            })
            .await
            .unwrap();
    }
    if version >= 10 {
        // A TH Sarabun file chosen for the documents (Sarabun under its
        // name, in a folder removed since: replay takes it as recorded).
        let fonts = work.path().join("fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        let typeset = Path::new(env!("CARGO_MANIFEST_DIR")).join("../typeset/fonts");
        std::fs::copy(typeset.join("Sarabun-Regular.ttf"), fonts.join("THSarabunNew.ttf")).unwrap();
        std::fs::copy(typeset.join("Sarabun-Bold.ttf"), fonts.join("THSarabunNew Bold.ttf")).unwrap();
        store
            .apply(Change::SetFont {
                file: fonts.join("THSarabunNew.ttf").display().to_string(),
            })
            .await
            .unwrap();
    }
    if version >= 11 {
        // An ITA round with a tracked item, a result, a finding, a measure
        // and the website's domain.
        store.add_shipped_round(2569).await.unwrap();
        let (year, csv) = prongsai_core::ita::scores::SAMPLE;
        let table = prongsai_core::table::read_csv(csv.as_bytes()).unwrap();
        let (set, _) = prongsai_core::ita::scores::read(&table, year, true).unwrap();
        let changes = vec![
            Change::SetWebDomains {
                domains: vec!["ipthailand.go.th".into()],
            },
            Change::SetItaScores {
                year_be: year,
                scores: Some(set),
            },
            Change::SetItaTrack {
                year_be: 2569,
                code: "O26".into(),
                track: prongsai_core::ita::Track {
                    division: "กลุ่มคุ้มครองจริยธรรม".into(),
                    due: chrono::NaiveDate::from_ymd_opt(2026, 4, 30),
                    status: prongsai_core::ita::TrackStatus::Published,
                    url: "https://www.ipthailand.go.th/th/ita-2569/o26.html".into(),
                    explanation: "รายงานผลการดำเนินการ ปีงบประมาณ พ.ศ. 2568".into(),
                    evidence_year: Some(2568),
                },
            },
            Change::SetItaFinding {
                year_be: 2569,
                indicator: "4".into(),
                issue: "บุคลากรไม่ทราบขั้นตอนการยืม".into(),
            },
            Change::SetItaMeasures {
                year_be: 2569,
                measures: vec![prongsai_core::ita::ItaMeasure {
                    title: "ทบทวนคู่มือการยืมทรัพย์สิน".into(),
                    owner: "กลุ่มบริหารงานคลัง".into(),
                    timeline: "พ.ย. 2568 – ม.ค. 2569".into(),
                    indicators: vec!["4".into()],
                }],
            },
        ];
        for c in changes {
            store.apply(c).await.unwrap();
        }
    }
    assert!(store.verify().await.unwrap().ok());
    store.close().await;

    let dest = out_dir.join(format!("v{version}.sqlite"));
    project(&full, &dest, version).await;
    println!("wrote {}", dest.display());
}

/// Copies the tables and columns of schema `version` from `full` into a
/// new database at `dest` migrated to `version` (rows a migration seeded
/// there already, such as the asset categories, are kept).
async fn project(full: &Path, dest: &Path, version: i64) {
    if dest.exists() {
        std::fs::remove_file(dest).unwrap();
    }
    let opts = SqliteConnectOptions::new()
        .filename(dest)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Delete)
        .foreign_keys(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(opts)
        .await
        .unwrap();
    prongsai_core::store::MIGRATOR.run_to(version, &pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("ATTACH DATABASE ?1 AS full")
        .bind(full.to_str().unwrap())
        .execute(&mut *conn)
        .await
        .unwrap();
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    for table in tables {
        let cols: Vec<String> = sqlx::query(AssertSqlSafe(format!("PRAGMA main.table_info({table})")))
            .fetch_all(&mut *conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("name"))
            .collect();
        let list = cols.join(", ");
        sqlx::query(AssertSqlSafe(format!(
            "INSERT OR IGNORE INTO main.{table} ({list}) SELECT {list} FROM full.{table}"
        )))
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    sqlx::query("DETACH DATABASE full").execute(&mut *conn).await.unwrap();
    drop(conn);
    sqlx::query("VACUUM").execute(&pool).await.unwrap();
    pool.close().await;
}
