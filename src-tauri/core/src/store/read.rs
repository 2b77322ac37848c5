//! Reads. Plain functions over a connection so that the write path can read
//! inside its own transaction.

use std::collections::HashMap;

use base64::Engine;
use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::domain::*;
use crate::error::{CoreError, Result};
use crate::refusal::Thing;
use crate::thai;

pub(super) async fn years(conn: &mut SqliteConnection) -> Result<Vec<YearSummary>> {
    let rows: Vec<(i64, i32, String, i64, bool)> = sqlx::query_as(
        "SELECT y.id, y.year_be, y.status, \
                (SELECT COUNT(*) FROM measure m WHERE m.year_id = y.id), y.sample \
         FROM fiscal_year y ORDER BY y.year_be DESC",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, year_be, status, measures, sample)| {
            Ok(YearSummary {
                id,
                year_be,
                status: parse_status(&status)?,
                measures,
                sample,
            })
        })
        .collect()
}

fn parse_status(s: &str) -> Result<YearStatus> {
    YearStatus::parse(s).ok_or_else(|| CoreError::Database(format!("unknown year status {s:?}")))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn lines(s: String) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split('\n').map(str::to_owned).collect()
    }
}

pub(super) async fn organization(conn: &mut SqliteConnection) -> Result<Organization> {
    #[allow(clippy::type_complexity)]
    let (id, name_th, name_en, ministry, doc_prefix, phone, digits, orientation, emblem_mime, emblem_data, font_file, domains): (
        i64,
        String,
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<Vec<u8>>,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT id, name_th, name_en, ministry, doc_prefix, phone, digits, orientation, emblem_mime, emblem_data, font_file, \
         web_domains \
             FROM organization ORDER BY id LIMIT 1",
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(Thing::Organization, ""))?;
    let divisions: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM division WHERE organization_id = ?1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let channels: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT kind, value, unit, note FROM complaint_channel WHERE organization_id = ?1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let channels = channels
        .into_iter()
        .map(|(kind, value, unit, note)| {
            Ok(Channel {
                kind: ChannelKind::parse(&kind)
                    .ok_or_else(|| CoreError::Database(format!("unknown channel kind {kind:?}")))?,
                value,
                unit,
                note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Organization {
        id,
        name_th,
        name_en,
        ministry,
        doc_prefix,
        phone,
        font_file,
        domains: domains.lines().map(str::to_owned).collect(),
        divisions: divisions.into_iter().map(|(id, name)| Division { id, name }).collect(),
        digits: Digits::parse(&digits).unwrap_or_default(),
        orientation: Orientation::parse(&orientation).unwrap_or_default(),
        emblem: match (emblem_mime, emblem_data) {
            (Some(mime), Some(data)) => Some(Emblem {
                mime,
                data: base64::engine::general_purpose::STANDARD.encode(data),
            }),
            _ => None,
        },
        channels,
    })
}

/// A year's OIT catalogue, in order.
pub(super) async fn oit_items(conn: &mut SqliteConnection, year_id: i64) -> Result<Vec<OitItem>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT code, title FROM oit_item WHERE year_id = ?1 ORDER BY position")
            .bind(year_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(code, title)| OitItem { code, title }).collect())
}

pub(super) type EvidenceRow = (
    i64,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<Vec<u8>>,
);

/// The evidence of one result, in order, as [`EvidenceRow`]s.
pub(super) const EVIDENCE_SELECT_BY_RESULT: &str = "SELECT id, result_id, kind, memo_number, memo_date, memo_urgency, url, image_name, image_mime, image_data \
     FROM evidence WHERE result_id = ?1 ORDER BY position";

pub(super) fn evidence_of(row: EvidenceRow) -> Result<(i64, EvidenceItem)> {
    let (id, result_id, kind, number, date, urgency, url, name, mime, data) = row;
    let bad = || CoreError::Database(format!("evidence {id} is incomplete"));
    let evidence = match kind.as_str() {
        "memo" => Evidence::Memo {
            number: number.ok_or_else(bad)?,
            date: date.as_deref().and_then(parse_date).ok_or_else(bad)?,
            urgency: urgency.as_deref().and_then(Urgency::parse).ok_or_else(bad)?,
        },
        "url" => Evidence::Url {
            url: url.ok_or_else(bad)?,
        },
        "image" => Evidence::Image {
            name: name.ok_or_else(bad)?,
            mime: mime.ok_or_else(bad)?,
            data: base64::engine::general_purpose::STANDARD.encode(data.ok_or_else(bad)?),
        },
        _ => return Err(bad()),
    };
    Ok((
        result_id,
        EvidenceItem {
            id,
            evidence,
            memo_id: None,
        },
    ))
}

#[derive(sqlx::FromRow)]
struct YearRow {
    id: i64,
    status: String,
    title: String,
    heading: String,
    part1_heading: String,
    part2_heading: String,
    columns: String,
    sample: bool,
    reporter_name: String,
    reporter_position: String,
    approver_name: String,
    approver_position: String,
    approved_on: Option<String>,
    oit_code: String,
    status_by: String,
    status_at: String,
    published_url: String,
    reopen_reason: String,
}

pub(super) async fn report(conn: &mut SqliteConnection, year_be: i32) -> Result<Report> {
    let organization = organization(conn).await?;
    let y: YearRow = sqlx::query_as(
        "SELECT id, status, title, heading, part1_heading, part2_heading, columns, sample, \
                reporter_name, reporter_position, approver_name, approver_position, approved_on, \
                oit_code, status_by, status_at, published_url, reopen_reason \
         FROM fiscal_year WHERE year_be = ?1",
    )
    .bind(year_be)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))?;
    let year_id = y.id;
    let (starts_on, ends_on) = thai::fiscal_year_bounds(year_be)?;
    let headings = Headings {
        title: lines(y.title),
        heading: lines(y.heading),
        part1_heading: y.part1_heading,
        part2_heading: y.part2_heading,
        columns: lines(y.columns),
    };
    let printed = headings.fill(&organization.name_th, &organization.ministry, year_be);
    let year = FiscalYear {
        id: year_id,
        year_be,
        starts_on,
        ends_on,
        status: parse_status(&y.status)?,
        sample: y.sample,
        title: printed.title,
        heading: printed.heading,
        part1_heading: printed.part1_heading,
        part2_heading: printed.part2_heading,
        columns: printed.columns,
        headings,
        signatures: Signatures {
            reporter_name: y.reporter_name,
            reporter_position: y.reporter_position,
            approver_name: y.approver_name,
            approver_position: y.approver_position,
            approved_on: y.approved_on.as_deref().and_then(parse_date),
        },
        oit_code: y.oit_code,
        oit_items: oit_items(conn, year_id).await?,
        trail: StatusTrail {
            by: y.status_by,
            at: y.status_at,
            published_url: y.published_url,
            reopen_reason: y.reopen_reason,
        },
    };

    let measure_rows: Vec<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, title, remarks, oit_code FROM measure WHERE year_id = ?1 ORDER BY position")
            .bind(year_id)
            .fetch_all(&mut *conn)
            .await?;
    let activity_rows: Vec<(i64, i64, u8, String)> = sqlx::query_as(
        "SELECT a.id, a.measure_id, a.level, a.text FROM activity a \
         JOIN measure m ON m.id = a.measure_id WHERE m.year_id = ?1 ORDER BY a.measure_id, a.position",
    )
    .bind(year_id)
    .fetch_all(&mut *conn)
    .await?;
    let result_rows: Vec<(i64, i64, u8, String)> = sqlx::query_as(
        "SELECT r.id, r.measure_id, r.level, r.text FROM result r \
         JOIN measure m ON m.id = r.measure_id WHERE m.year_id = ?1 ORDER BY r.measure_id, r.position",
    )
    .bind(year_id)
    .fetch_all(&mut *conn)
    .await?;
    let evidence_rows: Vec<EvidenceRow> = sqlx::query_as(
        "SELECT e.id, e.result_id, e.kind, e.memo_number, e.memo_date, e.memo_urgency, e.url, \
                e.image_name, e.image_mime, e.image_data \
         FROM evidence e JOIN result r ON r.id = e.result_id JOIN measure m ON m.id = r.measure_id \
         WHERE m.year_id = ?1 ORDER BY e.result_id, e.position",
    )
    .bind(year_id)
    .fetch_all(&mut *conn)
    .await?;
    let outcome_rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, text FROM outcome WHERE year_id = ?1 ORDER BY position")
            .bind(year_id)
            .fetch_all(&mut *conn)
            .await?;

    let memos = memos_between(conn, organization.id, starts_on, ends_on).await?;
    let mut evidence: HashMap<i64, Vec<EvidenceItem>> = HashMap::new();
    for row in evidence_rows {
        let (result_id, mut item) = evidence_of(row)?;
        if let Evidence::Memo { number, date, .. } = &item.evidence {
            item.memo_id = memos
                .iter()
                .find(|m| &m.memo.number == number && &m.memo.date == date)
                .map(|m| m.id);
        }
        evidence.entry(result_id).or_default().push(item);
    }
    let mut activities: HashMap<i64, Vec<(i64, u8, String)>> = HashMap::new();
    for (id, measure_id, level, text) in activity_rows {
        activities.entry(measure_id).or_default().push((id, level, text));
    }
    let mut results: HashMap<i64, Vec<(i64, u8, String)>> = HashMap::new();
    for (id, measure_id, level, text) in result_rows {
        results.entry(measure_id).or_default().push((id, level, text));
    }

    let measures = measure_rows
        .into_iter()
        .map(|(id, title, remarks, oit_code)| {
            let acts = activities.remove(&id).unwrap_or_default();
            let res = results.remove(&id).unwrap_or_default();
            let act_labels = item_labels(&acts.iter().map(|a| a.1).collect::<Vec<_>>());
            let res_labels = item_labels(&res.iter().map(|r| r.1).collect::<Vec<_>>());
            Measure {
                id,
                title,
                remarks,
                oit_code,
                activities: acts
                    .into_iter()
                    .zip(act_labels)
                    .map(|((id, level, text), label)| Activity { id, level, label, text })
                    .collect(),
                results: res
                    .into_iter()
                    .zip(res_labels)
                    .map(|((id, level, text), label)| ResultItem {
                        id,
                        level,
                        label,
                        text,
                        evidence: evidence.remove(&id).unwrap_or_default(),
                    })
                    .collect(),
            }
        })
        .collect();
    let outcomes = outcome_rows
        .into_iter()
        .enumerate()
        .map(|(i, (id, text))| Outcome {
            id,
            label: format!("2.{}", i + 1),
            text,
        })
        .collect();
    Ok(Report {
        organization,
        year,
        measures,
        outcomes,
        memos,
    })
}

#[derive(sqlx::FromRow)]
struct MemoRow {
    id: i64,
    number: String,
    date: String,
    urgency: String,
    secrecy: String,
    division: String,
    subject: String,
    recipient: String,
    body: String,
    signer_name: String,
    signer_position: String,
}

/// `SELECT` of every memo column, followed by the rest of the query.
macro_rules! select_memo {
    ($rest:literal) => {
        concat!(
            "SELECT id, number, date, urgency, secrecy, division, subject, recipient, body, signer_name, signer_position \
             FROM memo ",
            $rest
        )
    };
}

fn memo_of(r: MemoRow) -> Result<Memo> {
    Ok(Memo {
        id: r.id,
        memo: MemoDoc {
            number: r.number,
            date: parse_date(&r.date).ok_or_else(|| CoreError::Database(format!("memo {} has a bad date", r.id)))?,
            urgency: Urgency::parse(&r.urgency).unwrap_or_default(),
            secrecy: Secrecy::parse(&r.secrecy).unwrap_or_default(),
            division: r.division,
            subject: r.subject,
            recipient: r.recipient,
            body: r.body,
            signer_name: r.signer_name,
            signer_position: r.signer_position,
        },
    })
}

/// Memos dated from `from` to `to` inclusive, oldest first.
pub(super) async fn memos_between(
    conn: &mut SqliteConnection,
    organization_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Memo>> {
    let rows: Vec<MemoRow> = sqlx::query_as(select_memo!(
        "WHERE organization_id = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date, id"
    ))
    .bind(organization_id)
    .bind(from.format("%Y-%m-%d").to_string())
    .bind(to.format("%Y-%m-%d").to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(memo_of).collect()
}

pub(super) async fn memo(conn: &mut SqliteConnection, id: i64) -> Result<Memo> {
    let row: MemoRow = sqlx::query_as(select_memo!("WHERE id = ?1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::Memo, id))?;
    memo_of(row)
}

fn decimal(s: &str) -> Result<rust_decimal::Decimal> {
    s.parse()
        .map_err(|_| CoreError::Database(format!("{s:?} is not an amount")))
}

/// Refuses a fiscal year that is not in the database.
pub(super) async fn require_year(conn: &mut SqliteConnection, year_be: i32) -> Result<()> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))
}

/// A year's budget in file form (lines in order, months as stored).
pub(super) async fn budget(conn: &mut SqliteConnection, year_be: i32) -> Result<crate::budget::BudgetDoc> {
    let (lines, targets) = budget_lines(conn, year_be).await?;
    Ok(crate::budget::BudgetDoc {
        year_be,
        lines: lines.into_iter().map(|l| l.line).collect(),
        targets,
    })
}

/// A year's budget lines with their ids, and its targets.
pub(super) async fn budget_lines(
    conn: &mut SqliteConnection,
    year_be: i32,
) -> Result<(Vec<crate::budget::BudgetLine>, Vec<crate::budget::Target>)> {
    use crate::budget::*;
    #[derive(sqlx::FromRow)]
    struct LineRow {
        id: i64,
        division: String,
        category: String,
        item: String,
        plan: String,
        source: String,
        allocated: String,
        transfer_in: String,
        transfer_out: String,
    }
    let lines: Vec<LineRow> = sqlx::query_as(
        "SELECT l.id, l.division, l.category, l.item, l.plan, l.source, l.allocated, l.transfer_in, l.transfer_out \
         FROM budget_line l JOIN fiscal_year y ON y.id = l.year_id WHERE y.year_be = ?1 ORDER BY l.position",
    )
    .bind(year_be)
    .fetch_all(&mut *conn)
    .await?;
    let months: Vec<(i64, u8, String, String, String)> = sqlx::query_as(
        "SELECT m.line_id, m.month, m.planned, m.disbursed, m.committed FROM budget_month m \
         JOIN budget_line l ON l.id = m.line_id JOIN fiscal_year y ON y.id = l.year_id \
         WHERE y.year_be = ?1 ORDER BY m.line_id, m.month",
    )
    .bind(year_be)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_line: HashMap<i64, Vec<MonthFigures>> = HashMap::new();
    for (line_id, month, planned, disbursed, committed) in months {
        by_line.entry(line_id).or_default().push(MonthFigures {
            month,
            planned: decimal(&planned)?,
            disbursed: decimal(&disbursed)?,
            committed: decimal(&committed)?,
        });
    }
    let lines = lines
        .into_iter()
        .map(|r| {
            let id = r.id;
            Ok(BudgetLine {
                id,
                line: BudgetLineDoc {
                    category: Category::parse(&r.category)
                        .ok_or_else(|| CoreError::Database(format!("unknown category {:?}", r.category)))?,
                    item: OperatingItem::parse(&r.item),
                    allocated: decimal(&r.allocated)?,
                    transfer_in: decimal(&r.transfer_in)?,
                    transfer_out: decimal(&r.transfer_out)?,
                    months: by_line.remove(&r.id).unwrap_or_default(),
                    division: r.division,
                    plan: r.plan,
                    source: r.source,
                },
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let targets: Vec<(String, u8, String)> = sqlx::query_as(
        "SELECT t.scope, t.quarter, t.percent FROM disbursement_target t JOIN fiscal_year y ON y.id = t.year_id \
         WHERE y.year_be = ?1 ORDER BY t.scope, t.quarter",
    )
    .bind(year_be)
    .fetch_all(&mut *conn)
    .await?;
    let targets = targets
        .into_iter()
        .map(|(scope, quarter, percent)| {
            Ok(Target {
                scope: if scope == "investment" {
                    TargetScope::Investment
                } else {
                    TargetScope::Overall
                },
                quarter,
                percent: decimal(&percent)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((lines, targets))
}
