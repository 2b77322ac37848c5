//! A report file (`ReportDoc`) imported whole: the organization on the
//! first import, then the year with its measures, items, evidence, outcomes
//! and memos, replacing the year when asked. An import cannot be undone;
//! the log keeps what it replaced.

use sqlx::SqliteConnection;

use crate::change::Change;
use crate::domain::{ReportDoc, YearStatus};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::effect::{Effect, Rules};
use super::place::{List, check_editable};
use super::{read, rows};

pub(super) async fn import_report(
    conn: &mut SqliteConnection,
    doc: Box<ReportDoc>,
    replace: bool,
    rules: Rules,
) -> Result<Effect> {
    let doc = crate::doc::normalize(*doc)?;
    if rules == Rules::Check {
        check_import_status(conn, &doc).await?;
    }
    let old = import(conn, &doc, replace).await?;
    let year_be = doc.year.year_be;
    let replaced = old.map(|d| serde_json::to_value(d).expect("a ReportDoc serialises"));
    let change = Change::ImportReport {
        doc: Box::new(doc),
        replace,
    };
    Ok(Effect::of(change, year_be, None, replaced))
}

/// An import neither replaces an approved or published year (it is
/// read-only, like to every other change) nor brings a status of its own:
/// a status is set only by the status commands, with who and when.
async fn check_import_status(conn: &mut SqliteConnection, doc: &ReportDoc) -> Result<()> {
    let year_be = doc.year.year_be;
    let existing: Option<String> = sqlx::query_scalar("SELECT status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(status) = existing {
        check_editable(year_be, &status)?;
    }
    if doc.year.status != YearStatus::Draft {
        return Err(Refusal::ImportedYearNotDraft {
            year_be,
            status: doc.year.status,
        }
        .into());
    }
    Ok(())
}

/// Loads a whole year. Returns the document it replaced, if any.
async fn import(conn: &mut SqliteConnection, doc: &ReportDoc, replace: bool) -> Result<Option<ReportDoc>> {
    let year_be = doc.year.year_be;
    let org_id: Option<i64> = sqlx::query_scalar("SELECT id FROM organization ORDER BY id LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    // A database belongs to one agency: the first import creates it, later
    // imports keep the organization as the user set it.
    let org_id = match org_id {
        Some(id) => id,
        None => rows::insert_organization(conn, &doc.organization).await?,
    };

    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?;
    let before = match existing {
        Some(_) if !replace => return Err(CoreError::from(Refusal::YearExists { year_be })),
        Some(id) => {
            let old = read::report(conn, year_be).await?.to_doc();
            sqlx::query("DELETE FROM fiscal_year WHERE id = ?1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            Some(old)
        }
        None => None,
    };

    let y = &doc.year;
    let year_id = rows::insert_year(
        conn,
        rows::YearRow {
            id: None,
            organization_id: org_id,
            year_be,
            status: y.status.as_str(),
            title: &y.title,
            heading: &y.heading,
            part1_heading: &y.part1_heading,
            part2_heading: &y.part2_heading,
            columns: &y.columns,
            sample: y.sample,
            signatures: &y.signatures,
            oit_code: &y.oit_code,
            trail: &y.trail,
        },
    )
    .await?;
    rows::insert_oit_items(conn, year_id, &y.oit_items).await?;
    for (mpos, m) in doc.measures.iter().enumerate() {
        let fields = (m.title.as_str(), m.remarks.as_str(), m.oit_code.as_str());
        let measure_id = rows::insert_measure(conn, None, year_id, mpos as i64, fields).await?;
        for (pos, a) in m.activities.iter().enumerate() {
            rows::insert_item(conn, List::Activity, None, measure_id, pos as i64, (a.level, &a.text)).await?;
        }
        for (pos, r) in m.results.iter().enumerate() {
            let result_id =
                rows::insert_item(conn, List::Result, None, measure_id, pos as i64, (r.level, &r.text)).await?;
            for (epos, e) in r.evidence.iter().enumerate() {
                rows::insert_evidence(conn, None, result_id, epos as i64, e).await?;
            }
        }
    }
    // The year's memos: those dated in it are replaced by the document's.
    let (from, to) = crate::thai::fiscal_year_bounds(year_be)?;
    sqlx::query("DELETE FROM memo WHERE organization_id = ?1 AND date BETWEEN ?2 AND ?3")
        .bind(org_id)
        .bind(from.format("%Y-%m-%d").to_string())
        .bind(to.format("%Y-%m-%d").to_string())
        .execute(&mut *conn)
        .await?;
    for m in &doc.memos {
        rows::insert_memo(conn, None, org_id, m).await?;
    }
    for (pos, text) in doc.outcomes.iter().enumerate() {
        rows::insert_item(conn, List::Outcome, None, year_id, pos as i64, (0, text)).await?;
    }
    Ok(before)
}
