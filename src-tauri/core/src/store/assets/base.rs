//! What the register's modules share: dates as stored, an asset's id and
//! status, the loan holding it, the year's inspection, and the one writer of
//! an asset's status (with the event that records why).

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::*;
use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::refusal::{Moment, Refusal, Thing};

pub(super) fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(super) fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| CoreError::Database(format!("bad date {s:?}")))
}

pub(super) fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(date).transpose()
}

pub(super) fn after(moment: Moment, on: NaiveDate, earlier_on: NaiveDate, earlier: Moment) -> Result<()> {
    if on < earlier_on {
        return Err(Refusal::BeforeEarlier {
            moment,
            on,
            earlier,
            earlier_on,
        }
        .into());
    }
    Ok(())
}

pub(super) fn lent_twice(number: &str) -> CoreError {
    Refusal::LentTwice {
        number: number.to_owned(),
    }
    .into()
}

pub(super) fn unique_loan(e: sqlx::Error, number: &str) -> CoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => lent_twice(number),
        _ => e.into(),
    }
}

pub(super) async fn asset_id(conn: &mut SqliteConnection, number: &str) -> Result<Id> {
    let number = crate::thai::to_storage(number.trim());
    sqlx::query_scalar("SELECT id FROM asset WHERE number = ?1")
        .bind(&number)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::Asset, number))
}

pub(super) async fn asset_status(conn: &mut SqliteConnection, id: Id) -> Result<AssetStatus> {
    let s: String = sqlx::query_scalar("SELECT status FROM asset WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    AssetStatus::parse(&s).ok_or_else(|| CoreError::Database(format!("asset status {s:?}")))
}

/// The loan that has the asset now (approved or handed over), if any.
pub(super) async fn holding_loan(conn: &mut SqliteConnection, asset: Id) -> Result<Option<Id>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM loan WHERE asset_id = ?1 AND state IN ('approved', 'handed_over')")
            .bind(asset)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub(super) async fn set_status(
    conn: &mut SqliteConnection,
    id: Id,
    status: AssetStatus,
    on: NaiveDate,
    reason: &str,
) -> Result<()> {
    sqlx::query("UPDATE asset SET status = ?2 WHERE id = ?1")
        .bind(id)
        .bind(status.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO asset_status_event (asset_id, on_date, status, reason) VALUES (?1, ?2, ?3, ?4)")
        .bind(id)
        .bind(iso(on))
        .bind(status.as_str())
        .bind(reason)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(super) async fn inspection_of(conn: &mut SqliteConnection, year_be: i32) -> Result<(Id, bool)> {
    let (id, confirmed): (Id, Option<String>) =
        sqlx::query_as("SELECT id, confirmed_on FROM inspection WHERE year_be = ?1")
            .bind(year_be)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| CoreError::not_found(Thing::Inspection, year_be))?;
    Ok((id, confirmed.is_some()))
}
