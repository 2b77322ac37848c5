//! The year's inspection (ข้อ 213): started with its committee, findings
//! recorded asset by asset, confirmed once.

use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::{Change, clean_line, clean_text};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::base::*;

pub(in crate::store) async fn start_inspection(
    conn: &mut SqliteConnection,
    year_be: i32,
    on: chrono::NaiveDate,
    supply_officer: String,
    committee: Vec<crate::assets::Member>,
) -> Result<Change> {
    crate::thai::check_year_be(year_be)?;
    let committee = check_committee(&committee, &supply_officer)?;
    let supply_officer = clean_line("supply officer", &supply_officer, false)?;
    sqlx::query("INSERT INTO inspection (year_be, started_on, supply_officer, committee) VALUES (?1, ?2, ?3, ?4)")
        .bind(year_be)
        .bind(iso(on))
        .bind(&supply_officer)
        .bind(serde_json::to_string(&committee).expect("serialises"))
        .execute(&mut *conn)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                CoreError::from(Refusal::InspectionExists { year_be })
            }
            _ => e.into(),
        })?;
    Ok(Change::StartInspection {
        year_be,
        on,
        supply_officer,
        committee,
    })
}

pub(in crate::store) async fn record_finding(
    conn: &mut SqliteConnection,
    year_be: i32,
    number: String,
    finding: crate::assets::Finding,
    note: String,
) -> Result<Change> {
    let note = clean_text("note", &note, false)?;
    let (inspection, confirmed) = inspection_of(conn, year_be).await?;
    if confirmed {
        return Err(Refusal::InspectionConfirmed { year_be }.into());
    }
    let id = asset_id(conn, &number).await?;
    sqlx::query(
        "INSERT INTO inspection_result (inspection_id, asset_id, result, note) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (inspection_id, asset_id) DO UPDATE SET result = excluded.result, note = excluded.note",
    )
    .bind(inspection)
    .bind(id)
    .bind(finding.as_str())
    .bind(&note)
    .execute(&mut *conn)
    .await?;
    Ok(Change::RecordFinding {
        year_be,
        number,
        finding,
        note,
    })
}

pub(in crate::store) async fn confirm_inspection(
    conn: &mut SqliteConnection,
    year_be: i32,
    on: chrono::NaiveDate,
) -> Result<Change> {
    let (inspection, confirmed) = inspection_of(conn, year_be).await?;
    if confirmed {
        return Err(Refusal::InspectionConfirmed { year_be }.into());
    }
    let findings: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT r.asset_id, r.result, a.status FROM inspection_result r JOIN asset a ON a.id = r.asset_id \
         WHERE r.inspection_id = ?1 ORDER BY a.number",
    )
    .bind(inspection)
    .fetch_all(&mut *conn)
    .await?;
    for (asset, result, status) in findings {
        let finding = Finding::parse(&result).ok_or_else(|| CoreError::Database(format!("finding {result:?}")))?;
        if let Some(s) = finding.status()
            && s.as_str() != status
        {
            let why = format!("inspection {year_be}: {}", finding.thai());
            set_status(conn, asset, s, on, &why).await?;
        }
    }
    sqlx::query("UPDATE inspection SET confirmed_on = ?2 WHERE id = ?1")
        .bind(inspection)
        .bind(iso(on))
        .execute(&mut *conn)
        .await?;
    Ok(Change::ConfirmInspection { year_be, on })
}
