//! The organization's memos (บันทึกข้อความ / หนังสือเวียน): added, edited and
//! removed, each with its inverse. A memo belongs to the organization; the
//! year it is dated in is where the app shows it.

use sqlx::SqliteConnection;

use crate::change::{Change, clean_line, clean_text};
use crate::domain::{Id, MemoDoc};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::effect::Done;
use super::{read, rows};

/// A memo's fields as stored: one-line fields cleaned, the body's
/// paragraphs kept, a "ที่" typed before the number dropped (the document
/// prints its own), a number and a subject required.
fn clean(m: MemoDoc) -> Result<MemoDoc> {
    let number = clean_line("memo number", &m.number, true)?;
    let number = number
        .strip_prefix("ที่")
        .map_or(number.as_str(), str::trim_start)
        .to_owned();
    if number.is_empty() {
        return Err(Refusal::empty("memo number").into());
    }
    crate::thai::check_year_be(crate::thai::fiscal_year_of(m.date))
        .map_err(|_| Refusal::DateOutOfRange { date: m.date })?;
    Ok(MemoDoc {
        number,
        date: m.date,
        urgency: m.urgency,
        secrecy: m.secrecy,
        division: clean_line("ส่วนราชการ", &m.division, false)?,
        subject: clean_line("memo subject", &m.subject, true)?,
        recipient: clean_line("recipient", &m.recipient, false)?,
        body: clean_text("memo body", &m.body, false)?,
        signer_name: clean_line("signer name", &m.signer_name, false)?,
        signer_position: clean_text("signer position", &m.signer_position, false)?,
    })
}

/// The fiscal year a memo is shown in, when the database has that year.
async fn year_of(conn: &mut SqliteConnection, m: &MemoDoc) -> Result<i32> {
    let year = crate::thai::fiscal_year_of(m.date);
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(if exists.is_some() { year } else { 0 })
}

pub(super) async fn insert_memo(conn: &mut SqliteConnection, id: Option<Id>, memo: MemoDoc) -> Result<Done> {
    let memo = clean(memo)?;
    let org = read::organization(conn).await?;
    let id = rows::insert_memo(conn, id, org.id, &memo).await?;
    let year_be = year_of(conn, &memo).await?;
    Ok(Done {
        change: Change::InsertMemo { id: Some(id), memo },
        year_be,
        inverse: Some(Change::DeleteMemo { id }),
    })
}

pub(super) async fn set_memo(conn: &mut SqliteConnection, id: Id, memo: MemoDoc) -> Result<Done> {
    let memo = clean(memo)?;
    let old = read::memo(conn, id).await?.memo;
    sqlx::query(
        "UPDATE memo SET number = ?2, date = ?3, urgency = ?4, division = ?5, subject = ?6, recipient = ?7, \
         body = ?8, signer_name = ?9, signer_position = ?10, secrecy = ?11 WHERE id = ?1",
    )
    .bind(id)
    .bind(&memo.number)
    .bind(memo.date.format("%Y-%m-%d").to_string())
    .bind(memo.urgency.as_str())
    .bind(&memo.division)
    .bind(&memo.subject)
    .bind(&memo.recipient)
    .bind(&memo.body)
    .bind(&memo.signer_name)
    .bind(&memo.signer_position)
    .bind(memo.secrecy.as_str())
    .execute(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => CoreError::from(Refusal::MemoExists {
            number: memo.number.clone(),
            date: memo.date,
        }),
        _ => e.into(),
    })?;
    let year_be = year_of(conn, &memo).await?;
    Ok(Done {
        change: Change::SetMemo { id, memo },
        year_be,
        inverse: Some(Change::SetMemo { id, memo: old }),
    })
}

pub(super) async fn delete_memo(conn: &mut SqliteConnection, id: Id) -> Result<Done> {
    let old = read::memo(conn, id).await?.memo;
    sqlx::query("DELETE FROM memo WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let year_be = year_of(conn, &old).await?;
    Ok(Done {
        change: Change::DeleteMemo { id },
        year_be,
        inverse: Some(Change::InsertMemo {
            id: Some(id),
            memo: old,
        }),
    })
}

/// The number a new memo takes: the next of the series `like` names (see
/// [`crate::domain::next_memo_number`]); with none named, the
/// organization's circulars ("<prefix>/ว").
pub(super) async fn next_number(conn: &mut SqliteConnection, like: &str) -> Result<String> {
    let like = if like.trim().is_empty() {
        format!("{}/ว", read::organization(conn).await?.doc_prefix)
    } else {
        like.to_owned()
    };
    let numbers: Vec<String> = sqlx::query_scalar("SELECT number FROM memo")
        .fetch_all(&mut *conn)
        .await?;
    Ok(crate::domain::next_memo_number(&numbers, &like))
}
