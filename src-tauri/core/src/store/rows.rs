//! The one writer of each kind of report row: every change that creates an
//! organization, a year, a measure, an item, evidence, an OIT item or a
//! memo goes through these. Values arrive checked; the callers validate
//! (the editor's changes clean each field, an import normalises its file).

use base64::Engine;
use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::domain::{Channel, Evidence, MemoDoc, OitItem, OrganizationDoc, Signatures, StatusTrail};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::place::List;

/// A `fiscal_year` row. `id` is `None` for a new year, or the id a replay
/// or a redo recreates.
pub(super) struct YearRow<'a> {
    pub id: Option<i64>,
    pub organization_id: i64,
    pub year_be: i32,
    pub status: &'a str,
    pub title: &'a [String],
    pub heading: &'a [String],
    pub part1_heading: &'a str,
    pub part2_heading: &'a str,
    pub columns: &'a [String],
    pub sample: bool,
    pub signatures: &'a Signatures,
    pub oit_code: &'a str,
    pub trail: &'a StatusTrail,
}

pub(super) async fn insert_year(conn: &mut SqliteConnection, y: YearRow<'_>) -> Result<i64> {
    let s = y.signatures;
    Ok(sqlx::query_scalar(
        "INSERT INTO fiscal_year (id, organization_id, year_be, status, title, heading, part1_heading, part2_heading, \
                                  reporter_name, reporter_position, approver_name, approver_position, approved_on, \
                                  oit_code, status_by, status_at, published_url, reopen_reason, columns, sample) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) \
         RETURNING id",
    )
    .bind(y.id)
    .bind(y.organization_id)
    .bind(y.year_be)
    .bind(y.status)
    .bind(y.title.join("\n"))
    .bind(y.heading.join("\n"))
    .bind(y.part1_heading)
    .bind(y.part2_heading)
    .bind(&s.reporter_name)
    .bind(&s.reporter_position)
    .bind(&s.approver_name)
    .bind(&s.approver_position)
    .bind(s.approved_on.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(y.oit_code)
    .bind(&y.trail.by)
    .bind(&y.trail.at)
    .bind(&y.trail.published_url)
    .bind(&y.trail.reopen_reason)
    .bind(y.columns.join("\n"))
    .bind(y.sample)
    .fetch_one(&mut *conn)
    .await?)
}

/// A `measure` row.
pub(super) async fn insert_measure(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    year_id: i64,
    pos: i64,
    (title, remarks, oit_code): (&str, &str, &str),
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO measure (id, year_id, position, title, remarks, oit_code) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(id)
    .bind(year_id)
    .bind(pos)
    .bind(title)
    .bind(remarks)
    .bind(oit_code)
    .fetch_one(&mut *conn)
    .await?)
}

/// An `activity`, `result` or `outcome` row; `parent` is the measure's id,
/// or the year's for an outcome (which has no level).
pub(super) async fn insert_item(
    conn: &mut SqliteConnection,
    list: List,
    id: Option<i64>,
    parent: i64,
    pos: i64,
    (level, text): (u8, &str),
) -> Result<i64> {
    Ok(match list {
        List::Outcome => {
            sqlx::query_scalar("INSERT INTO outcome (id, year_id, position, text) VALUES (?1, ?2, ?3, ?4) RETURNING id")
                .bind(id)
                .bind(parent)
                .bind(pos)
                .bind(text)
                .fetch_one(&mut *conn)
                .await?
        }
        List::Activity | List::Result => {
            let sql = format!(
                "INSERT INTO {} (id, measure_id, position, level, text) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                list.table()
            );
            sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(id)
                .bind(parent)
                .bind(pos)
                .bind(level)
                .bind(text)
                .fetch_one(&mut *conn)
                .await?
        }
        List::Measure | List::Evidence => unreachable!("{} rows have their own writer", list.table()),
    })
}

/// An `evidence` row.
pub(super) async fn insert_evidence(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    result_id: i64,
    pos: i64,
    e: &Evidence,
) -> Result<i64> {
    let q = sqlx::query_scalar(
        "INSERT INTO evidence (id, result_id, position, kind, memo_number, memo_date, memo_urgency, url, \
                               image_name, image_mime, image_data) \
         VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
    )
    .bind(result_id)
    .bind(pos);
    let q = match e {
        Evidence::Memo { number, date, urgency } => q
            .bind("memo")
            .bind(number)
            .bind(date.format("%Y-%m-%d").to_string())
            .bind(urgency.as_str())
            .bind(None::<String>)
            .bind(None::<String>)
            .bind(None::<String>)
            .bind(None::<Vec<u8>>),
        Evidence::Url { url } => q
            .bind("url")
            .bind(None::<String>)
            .bind(None::<String>)
            .bind(None::<String>)
            .bind(url)
            .bind(None::<String>)
            .bind(None::<String>)
            .bind(None::<Vec<u8>>),
        Evidence::Image { name, mime, data } => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.as_bytes())
                .map_err(|e| Refusal::ImageUnreadable {
                    what: "image".into(),
                    detail: format!("not base64: {e}"),
                })?;
            q.bind("image")
                .bind(None::<String>)
                .bind(None::<String>)
                .bind(None::<String>)
                .bind(None::<String>)
                .bind(name)
                .bind(mime)
                .bind(bytes)
        }
    };
    Ok(q.bind(id).fetch_one(&mut *conn).await?)
}

pub(super) async fn insert_oit_items(conn: &mut SqliteConnection, year_id: i64, items: &[OitItem]) -> Result<()> {
    for (pos, i) in items.iter().enumerate() {
        sqlx::query("INSERT INTO oit_item (year_id, position, code, title) VALUES (?1, ?2, ?3, ?4)")
            .bind(year_id)
            .bind(pos as i64)
            .bind(&i.code)
            .bind(&i.title)
            .execute(&mut *conn)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    CoreError::from(Refusal::OitListedTwice { code: i.code.clone() })
                }
                _ => e.into(),
            })?;
    }
    Ok(())
}

/// A `memo` row.
pub(super) async fn insert_memo(conn: &mut SqliteConnection, id: Option<i64>, org_id: i64, m: &MemoDoc) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO memo (id, organization_id, number, date, urgency, division, subject, recipient, body, \
                           signer_name, signer_position, secrecy) \
         VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12) RETURNING id",
    )
    .bind(org_id)
    .bind(&m.number)
    .bind(m.date.format("%Y-%m-%d").to_string())
    .bind(m.urgency.as_str())
    .bind(&m.division)
    .bind(&m.subject)
    .bind(&m.recipient)
    .bind(&m.body)
    .bind(&m.signer_name)
    .bind(&m.signer_position)
    .bind(id)
    .bind(m.secrecy.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => CoreError::from(Refusal::MemoExists {
            number: m.number.clone(),
            date: m.date,
        }),
        _ => e.into(),
    })?;
    Ok(id)
}

fn dup_division(e: sqlx::Error, name: &str) -> CoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            CoreError::from(Refusal::DivisionTwice { name: name.to_owned() })
        }
        _ => e.into(),
    }
}

/// The organization's complaint channels, replacing the ones it had.
pub(super) async fn write_channels(conn: &mut SqliteConnection, org_id: i64, channels: &[Channel]) -> Result<()> {
    sqlx::query("DELETE FROM complaint_channel WHERE organization_id = ?1")
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    for (pos, c) in channels.iter().enumerate() {
        sqlx::query(
            "INSERT INTO complaint_channel (organization_id, position, kind, value, unit, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(org_id)
        .bind(pos as i64)
        .bind(c.kind.as_str())
        .bind(&c.value)
        .bind(&c.unit)
        .bind(&c.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The organization's divisions, replacing the ones it had.
pub(super) async fn write_divisions(conn: &mut SqliteConnection, org_id: i64, names: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM division WHERE organization_id = ?1")
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    for (pos, name) in names.iter().enumerate() {
        sqlx::query("INSERT INTO division (organization_id, position, name) VALUES (?1, ?2, ?3)")
            .bind(org_id)
            .bind(pos as i64)
            .bind(name)
            .execute(&mut *conn)
            .await
            .map_err(|e| dup_division(e, name))?;
    }
    Ok(())
}

/// The `organization` row, with its divisions and channels.
pub(super) async fn insert_organization(conn: &mut SqliteConnection, o: &OrganizationDoc) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO organization (name_th, name_en, ministry, doc_prefix, digits, orientation, phone) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(&o.name_th)
    .bind(&o.name_en)
    .bind(&o.ministry)
    .bind(&o.doc_prefix)
    .bind(o.digits.as_str())
    .bind(o.orientation.as_str())
    .bind(&o.phone)
    .fetch_one(&mut *conn)
    .await?;
    write_divisions(conn, id, &o.divisions).await?;
    write_channels(conn, id, &o.channels).await?;
    Ok(id)
}
