//! A fiscal year: creating one (new, copied forward, inserted, deleted), its
//! status (draft, approved, published), who signs it and its OIT items and
//! tags. Each change returns its inverse.

use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::change::{Change, ItemSnap, MeasureSnap, OitTarget, YearSnap, clean_line, clean_text};
use crate::domain::{Headings, OitItem, PLACEHOLDERS, Report, Signatures, StatusTrail, YearStatus};
use crate::error::{CoreError, Result};
use crate::refusal::{Refusal, Thing};

use super::effect::{Done, Mode};
use super::place::{List, draft_year, locate};
use super::{read, report, rows};

pub(super) async fn set_oit_items(conn: &mut SqliteConnection, year_be: i32, items: Vec<OitItem>) -> Result<Done> {
    let year_id = draft_year(conn, year_be).await?;
    let mut clean = Vec::with_capacity(items.len());
    for i in items {
        let code = report::check_code(&i.code)?;
        if code.is_empty() {
            return Err(Refusal::empty("OIT code").into());
        }
        if clean.iter().any(|c: &OitItem| c.code == code) {
            return Err(Refusal::OitListedTwice { code }.into());
        }
        clean.push(OitItem {
            code,
            title: clean_line("OIT item title", &i.title, false)?,
        });
    }
    let old = read::oit_items(conn, year_id).await?;
    let used: Vec<String> = sqlx::query_scalar(
        "SELECT oit_code FROM fiscal_year WHERE id = ?1 AND oit_code <> '' \
         UNION SELECT oit_code FROM measure WHERE year_id = ?1 AND oit_code <> ''",
    )
    .bind(year_id)
    .fetch_all(&mut *conn)
    .await?;
    if let Some(code) = used.iter().find(|u| !clean.iter().any(|c| &c.code == *u)) {
        return Err(Refusal::OitStillTagged { code: code.clone() }.into());
    }
    sqlx::query("DELETE FROM oit_item WHERE year_id = ?1")
        .bind(year_id)
        .execute(&mut *conn)
        .await?;
    rows::insert_oit_items(conn, year_id, &clean).await?;
    Ok(Done {
        change: Change::SetOitItems { year_be, items: clean },
        year_be,
        inverse: Some(Change::SetOitItems { year_be, items: old }),
    })
}

pub(super) async fn set_oit_tag(conn: &mut SqliteConnection, target: OitTarget, code: String) -> Result<Done> {
    let code = report::check_code(&code)?;
    let (year_id, year_be, table, id) = match target {
        OitTarget::Year(y) => (draft_year(conn, y).await?, y, "fiscal_year", None),
        OitTarget::Measure(id) => {
            let loc = locate(conn, List::Measure, id).await?;
            (loc.parent, loc.year_be, "measure", Some(id))
        }
    };
    let row = id.unwrap_or(year_id);
    if !code.is_empty() && !read::oit_items(conn, year_id).await?.iter().any(|i| i.code == code) {
        return Err(Refusal::OitNotListed { code, year_be }.into());
    }
    let old: String = sqlx::query_scalar(AssertSqlSafe(format!("SELECT oit_code FROM {table} WHERE id = ?1")))
        .bind(row)
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(AssertSqlSafe(format!("UPDATE {table} SET oit_code = ?2 WHERE id = ?1")))
        .bind(row)
        .bind(&code)
        .execute(&mut *conn)
        .await?;
    Ok(Done {
        change: Change::SetOitTag { target, code },
        year_be,
        inverse: Some(Change::SetOitTag { target, code: old }),
    })
}

pub(super) async fn set_signatures(conn: &mut SqliteConnection, year_be: i32, signatures: Signatures) -> Result<Done> {
    let year_id = draft_year(conn, year_be).await?;
    let s = Signatures {
        reporter_name: clean_line("reporter name", &signatures.reporter_name, false)?,
        reporter_position: clean_text("reporter position", &signatures.reporter_position, false)?,
        approver_name: clean_line("approver name", &signatures.approver_name, false)?,
        approver_position: clean_text("approver position", &signatures.approver_position, false)?,
        approved_on: signatures.approved_on,
    };
    if let Some(d) = s.approved_on {
        crate::thai::check_year_be(crate::thai::fiscal_year_of(d)).map_err(|_| Refusal::DateOutOfRange { date: d })?;
    }
    let old = read::report(conn, year_be).await?.year.signatures;
    sqlx::query(
        "UPDATE fiscal_year SET reporter_name = ?2, reporter_position = ?3, approver_name = ?4, \
         approver_position = ?5, approved_on = ?6 WHERE id = ?1",
    )
    .bind(year_id)
    .bind(&s.reporter_name)
    .bind(&s.reporter_position)
    .bind(&s.approver_name)
    .bind(&s.approver_position)
    .bind(s.approved_on.map(|d| d.format("%Y-%m-%d").to_string()))
    .execute(&mut *conn)
    .await?;
    Ok(Done {
        change: Change::SetSignatures { year_be, signatures: s },
        year_be,
        inverse: Some(Change::SetSignatures {
            year_be,
            signatures: old,
        }),
    })
}

pub(super) async fn new_year(conn: &mut SqliteConnection, from: i32, to: i32, keep_remarks: bool) -> Result<Change> {
    crate::thai::check_year_be(to)?;
    if from == to {
        return Err(Refusal::CopyOntoItself { year_be: to }.into());
    }
    let source = read::report(conn, from).await?;
    let year = copy_forward(&source, to, keep_remarks);
    Ok(Change::InsertYear { year: Box::new(year) })
}

pub(super) async fn insert_year(conn: &mut SqliteConnection, mut year: Box<YearSnap>) -> Result<Done> {
    insert_year_snap(conn, &mut year).await?;
    let year_be = year.year_be;
    Ok(Done {
        change: Change::InsertYear { year },
        year_be,
        inverse: Some(Change::DeleteYear { year_be }),
    })
}

pub(super) async fn delete_year(conn: &mut SqliteConnection, year_be: i32) -> Result<Done> {
    let year_id = draft_year(conn, year_be).await?;
    let budget: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM budget_line WHERE year_id = ?1) + \
                (SELECT COUNT(*) FROM disbursement_target WHERE year_id = ?1)",
    )
    .bind(year_id)
    .fetch_one(&mut *conn)
    .await?;
    if budget > 0 {
        return Err(Refusal::YearHasBudget { year_be }.into());
    }
    let snap = year_snap(&read::report(conn, year_be).await?);
    sqlx::query("DELETE FROM fiscal_year WHERE id = ?1")
        .bind(year_id)
        .execute(&mut *conn)
        .await?;
    Ok(Done {
        change: Change::DeleteYear { year_be },
        year_be,
        inverse: Some(Change::InsertYear { year: Box::new(snap) }),
    })
}

/// A new agency's first year, or a year started afresh: the standard
/// headings (with the organization's name and the year as placeholders),
/// no measures, no outcomes, no one to sign yet.
pub fn empty_year(year_be: i32) -> YearSnap {
    let h = Headings::standard();
    YearSnap {
        id: None,
        year_be,
        title: h.title,
        heading: h.heading,
        part1_heading: h.part1_heading,
        part2_heading: h.part2_heading,
        columns: h.columns,
        sample: false,
        signatures: Signatures::default(),
        oit_code: String::new(),
        oit_items: Vec::new(),
        measures: Vec::new(),
        outcomes: Vec::new(),
    }
}

/// Sets a year's headings as typed (placeholders allowed).
pub(super) async fn set_headings(conn: &mut SqliteConnection, year_be: i32, headings: Headings) -> Result<Done> {
    let year_id = draft_year(conn, year_be).await?;
    let lines = |name: &str, lines: &[String]| -> Result<Vec<String>> {
        lines.iter().map(|l| clean_line(name, l, true)).collect()
    };
    let clean = Headings {
        title: lines("title line", &headings.title)?,
        heading: lines("heading line", &headings.heading)?,
        part1_heading: clean_line("part 1 heading", &headings.part1_heading, false)?,
        part2_heading: clean_line("part 2 heading", &headings.part2_heading, false)?,
        columns: lines("column heading", &headings.columns)?,
    };
    crate::domain::check_columns(&clean.columns)?;
    let old = read::report(conn, year_be).await?.year.headings;
    sqlx::query(
        "UPDATE fiscal_year SET title = ?2, heading = ?3, part1_heading = ?4, part2_heading = ?5, columns = ?6 \
         WHERE id = ?1",
    )
    .bind(year_id)
    .bind(clean.title.join("\n"))
    .bind(clean.heading.join("\n"))
    .bind(&clean.part1_heading)
    .bind(&clean.part2_heading)
    .bind(clean.columns.join("\n"))
    .execute(&mut *conn)
    .await?;
    Ok(Done {
        change: Change::SetHeadings {
            year_be,
            headings: clean,
        },
        year_be,
        inverse: Some(Change::SetHeadings { year_be, headings: old }),
    })
}

/// Next year's report from this one: the measures and their activities
/// (with remarks if asked), the OIT list and tags, who signs; no results,
/// evidence or outcomes. The year in titles and headings moves with it.
pub fn copy_forward(source: &Report, to: i32, keep_remarks: bool) -> YearSnap {
    // The year and the organization's names typed out become placeholders,
    // so the new year prints its own year and the organization's name as it
    // is then, whatever it is renamed to.
    let from = source.year.year_be.to_string();
    let org = &source.organization;
    let retitle = |s: &String| {
        let mut s = s.replace(&from, PLACEHOLDERS[2]);
        for (name, placeholder) in [(&org.name_th, PLACEHOLDERS[0]), (&org.ministry, PLACEHOLDERS[1])] {
            if !name.is_empty() {
                s = s.replace(name.as_str(), placeholder);
            }
        }
        s
    };
    let h = &source.year.headings;
    YearSnap {
        id: None,
        year_be: to,
        title: h.title.iter().map(retitle).collect(),
        heading: h.heading.iter().map(retitle).collect(),
        part1_heading: retitle(&h.part1_heading),
        part2_heading: retitle(&h.part2_heading),
        columns: h.columns.iter().map(retitle).collect(),
        sample: false,
        signatures: Signatures {
            approved_on: None,
            ..source.year.signatures.clone()
        },
        oit_code: source.year.oit_code.clone(),
        oit_items: source.year.oit_items.clone(),
        measures: source
            .measures
            .iter()
            .map(|m| MeasureSnap {
                id: None,
                title: m.title.clone(),
                remarks: if keep_remarks { m.remarks.clone() } else { String::new() },
                oit_code: m.oit_code.clone(),
                activities: m
                    .activities
                    .iter()
                    .map(|a| ItemSnap {
                        id: None,
                        level: a.level,
                        text: a.text.clone(),
                        evidence: Vec::new(),
                    })
                    .collect(),
                results: Vec::new(),
            })
            .collect(),
        outcomes: Vec::new(),
    }
}

async fn insert_year_snap(conn: &mut SqliteConnection, y: &mut YearSnap) -> Result<()> {
    crate::thai::check_year_be(y.year_be)?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(y.year_be)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_some() {
        return Err(CoreError::from(Refusal::YearExists { year_be: y.year_be }));
    }
    let org = read::organization(conn).await?;
    for line in y.title.iter_mut().chain(y.heading.iter_mut()) {
        *line = clean_line("title line", line, false)?;
    }
    y.part1_heading = clean_line("part 1 heading", &y.part1_heading, false)?;
    y.part2_heading = clean_line("part 2 heading", &y.part2_heading, false)?;
    for c in &mut y.columns {
        *c = clean_line("column heading", c, true)?;
    }
    crate::domain::check_columns(&y.columns)?;
    y.oit_code = report::check_code(&y.oit_code)?;
    let year_id = rows::insert_year(
        conn,
        rows::YearRow {
            id: y.id,
            organization_id: org.id,
            year_be: y.year_be,
            status: YearStatus::Draft.as_str(),
            title: &y.title,
            heading: &y.heading,
            part1_heading: &y.part1_heading,
            part2_heading: &y.part2_heading,
            columns: &y.columns,
            sample: y.sample,
            signatures: &y.signatures,
            oit_code: &y.oit_code,
            trail: &StatusTrail::default(),
        },
    )
    .await?;
    y.id = Some(year_id);
    rows::insert_oit_items(conn, year_id, &y.oit_items).await?;
    for (pos, m) in y.measures.iter_mut().enumerate() {
        report::insert_measure_snap(conn, year_id, pos as i64, m).await?;
    }
    for (pos, o) in y.outcomes.iter_mut().enumerate() {
        report::insert_item_snap(conn, List::Outcome, year_id, pos as i64, o).await?;
    }
    Ok(())
}

/// A year as stored, ids included (the inverse of deleting it).
fn year_snap(r: &Report) -> YearSnap {
    YearSnap {
        id: Some(r.year.id),
        year_be: r.year.year_be,
        title: r.year.headings.title.clone(),
        heading: r.year.headings.heading.clone(),
        part1_heading: r.year.headings.part1_heading.clone(),
        part2_heading: r.year.headings.part2_heading.clone(),
        columns: r.year.headings.columns.clone(),
        sample: r.year.sample,
        signatures: r.year.signatures.clone(),
        oit_code: r.year.oit_code.clone(),
        oit_items: r.year.oit_items.clone(),
        measures: r.measures.iter().map(report::measure_snap).collect(),
        outcomes: r
            .outcomes
            .iter()
            .map(|o| ItemSnap {
                id: Some(o.id),
                level: 0,
                text: o.text.clone(),
                evidence: Vec::new(),
            })
            .collect(),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn set_status(
    conn: &mut SqliteConnection,
    mode: Mode,
    year_be: i32,
    status: YearStatus,
    by: String,
    url: String,
    reason: String,
    at: Option<String>,
) -> Result<Done> {
    type Row = (String, String, String, String, String);
    let (old_status, old_by, old_at, old_url, old_reason): Row = sqlx::query_as(
        "SELECT status, status_by, status_at, published_url, reopen_reason FROM fiscal_year WHERE year_be = ?1",
    )
    .bind(year_be)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))?;
    let old = YearStatus::parse(&old_status)
        .ok_or_else(|| CoreError::Database(format!("unknown year status {old_status:?}")))?;
    let at = match at {
        Some(a) if chrono::DateTime::parse_from_rfc3339(&a).is_ok() => a,
        Some(a) if mode != Mode::Do => a,
        Some(a) => {
            return Err(Refusal::NotATimestamp { text: a }.into());
        }
        None => chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let (by, url, reason) = if mode == Mode::Do {
        let by = clean_line("name", &by, false)?;
        let url = clean_line("url", &url, false)?;
        let reason = clean_text("reason", &reason, false)?;
        use YearStatus::*;
        match (old, status) {
            (Draft, Draft) | (Approved, Approved) | (Published, Published) => {
                return Err(Refusal::YearAlreadyStatus { year_be, status: old }.into());
            }
            (Draft, Approved) => {
                if by.is_empty() {
                    return Err(Refusal::empty("approved by").into());
                }
                (by, old_url.clone(), old_reason.clone())
            }
            (Approved, Published) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                    return Err(Refusal::PublishNeedsUrl { text: url }.into());
                }
                (if by.is_empty() { old_by.clone() } else { by }, url, old_reason.clone())
            }
            (Draft, Published) => {
                return Err(Refusal::PublishBeforeApproval { year_be }.into());
            }
            (_, Draft) => {
                if reason.is_empty() {
                    return Err(Refusal::empty("reason for reopening").into());
                }
                (by, old_url.clone(), reason)
            }
            (Published, Approved) => {
                return Err(Refusal::PublishedReopenToDraft { year_be }.into());
            }
        }
    } else {
        (by, url, reason)
    };
    sqlx::query(
        "UPDATE fiscal_year SET status = ?2, status_by = ?3, status_at = ?4, published_url = ?5, reopen_reason = ?6 \
         WHERE year_be = ?1",
    )
    .bind(year_be)
    .bind(status.as_str())
    .bind(&by)
    .bind(&at)
    .bind(&url)
    .bind(&reason)
    .execute(&mut *conn)
    .await?;
    Ok(Done {
        change: Change::SetStatus {
            year_be,
            status,
            by,
            url,
            reason,
            at: Some(at),
        },
        year_be,
        inverse: Some(Change::SetStatus {
            year_be,
            status: old,
            by: old_by,
            url: old_url,
            reason: old_reason,
            at: Some(old_at),
        }),
    })
}
