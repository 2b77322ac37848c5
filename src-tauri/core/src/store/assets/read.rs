//! Reading the register, loans and inspections.

use std::collections::HashSet;

use crate::assets::index::AssetRow;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::*;
use crate::domain::{Emblem, Id};
use crate::error::{CoreError, Result};
use crate::refusal::Thing;

use super::base::*;

/// The known categories and their useful lives.
pub(in crate::store) async fn categories(conn: &mut SqliteConnection) -> Result<Vec<(String, u32)>> {
    Ok(
        sqlx::query_as("SELECT name, useful_life FROM asset_category ORDER BY name")
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The numbers among `numbers` the register holds (of its assets with ids
/// below `below`, when given: those it held before an import began), each
/// looked up in the number's index: the cost follows the file, not the
/// register (a register of 1,000,000 assets read whole took 2 s for each
/// import). A register with fewer assets than `numbers` is read whole
/// instead: every number it holds.
pub(in crate::store) async fn registered_among<'a>(
    conn: &mut SqliteConnection,
    below: Option<Id>,
    numbers: impl IntoIterator<Item = &'a str>,
) -> Result<HashSet<String>> {
    let numbers: Vec<&str> = numbers.into_iter().collect();
    // Ids are distinct and positive: the largest is at least the number
    // of assets.
    let most: i64 = match below {
        Some(below) => below - 1,
        None => {
            sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM asset")
                .fetch_one(&mut *conn)
                .await?
        }
    };
    if numbers.is_empty() {
        return Ok(HashSet::new());
    }
    if most <= numbers.len() as i64 {
        return Ok(sqlx::query_scalar("SELECT number FROM asset WHERE id <= ?1")
            .bind(most)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect());
    }
    let list = serde_json::to_string(&numbers).map_err(|e| CoreError::Database(e.to_string()))?;
    Ok(
        sqlx::query_scalar("SELECT number FROM asset WHERE number IN (SELECT value FROM json_each(?1)) AND id <= ?2")
            .bind(list)
            .bind(most)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect(),
    )
}

// ------------------------------------------------------------------ reads

#[derive(sqlx::FromRow)]
struct AssetDbRow {
    id: Id,
    number: String,
    name: String,
    category: String,
    brand: String,
    model: String,
    serial: String,
    acquired_on: String,
    method: String,
    price: String,
    budget_year: Option<i32>,
    funding: String,
    location: String,
    division: String,
    status: String,
    useful_life: u32,
    note: String,
}

const ASSET_COLUMNS: &str = "id, number, name, category, brand, model, serial, acquired_on, method, price, \
                             budget_year, funding, location, division, status, useful_life, note";

fn asset_doc(r: AssetDbRow) -> Result<(Id, AssetDoc)> {
    Ok((
        r.id,
        AssetDoc {
            number: r.number,
            name: r.name,
            category: r.category,
            brand: r.brand,
            model: r.model,
            serial: r.serial,
            acquired_on: date(&r.acquired_on)?,
            method: r.method,
            price: r
                .price
                .parse()
                .map_err(|_| CoreError::Database(format!("asset price {:?}", r.price)))?,
            budget_year: r.budget_year,
            funding: r.funding,
            location: r.location,
            division: r.division,
            status: AssetStatus::parse(&r.status)
                .ok_or_else(|| CoreError::Database(format!("status {:?}", r.status)))?,
            useful_life: r.useful_life,
            note: r.note,
        },
    ))
}

/// The whole register, in number order (no photos).
pub(in crate::store) async fn all_assets(conn: &mut SqliteConnection) -> Result<Vec<(Id, AssetDoc)>> {
    let rows: Vec<AssetDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ASSET_COLUMNS} FROM asset ORDER BY number"
    )))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(asset_doc).collect()
}

/// The assets with ids `from..=to`, in id order (no photos).
pub(in crate::store) async fn assets_between(
    conn: &mut SqliteConnection,
    from: Id,
    to: Id,
) -> Result<Vec<(Id, AssetDoc)>> {
    let rows: Vec<AssetDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ASSET_COLUMNS} FROM asset WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(asset_doc).collect()
}

pub(in crate::store) async fn index_rows(conn: &mut SqliteConnection) -> Result<Vec<(AssetRow, String)>> {
    let lent: HashSet<Id> =
        sqlx::query_scalar::<_, Id>("SELECT asset_id FROM loan WHERE state IN ('approved', 'handed_over')")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    Ok(all_assets(conn)
        .await?
        .into_iter()
        .map(|(id, a)| {
            let hay = crate::assets::index::haystack(&a);
            (asset_row(id, a, lent.contains(&id)), hay)
        })
        .collect())
}

/// An asset as a row of the register's table.
fn asset_row(id: Id, a: AssetDoc, on_loan: bool) -> AssetRow {
    AssetRow {
        id,
        number: a.number,
        name: a.name,
        category: a.category,
        location: a.location,
        division: a.division,
        status: a.status,
        price: a.price,
        acquired_on: a.acquired_on,
        on_loan,
    }
}

#[derive(sqlx::FromRow)]
struct FoundRow {
    #[sqlx(flatten)]
    asset: AssetDbRow,
    on_loan: bool,
}

/// The table's rows of the assets `ids` (all when `None`) with `status`
/// (any when `None`), in number order.
pub(in crate::store) async fn asset_rows(
    conn: &mut SqliteConnection,
    ids: Option<&[Id]>,
    status: Option<AssetStatus>,
) -> Result<Vec<AssetRow>> {
    let ids = ids.map(|ids| serde_json::to_string(ids).expect("ids serialise"));
    // `found` names its one column apart from the asset's, so the asset's
    // columns read unqualified in both halves.
    let rows: Vec<FoundRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "WITH found (found_id) AS (SELECT value FROM json_each(?1)), \
              lent AS (SELECT asset_id FROM loan WHERE state IN ('approved', 'handed_over')) \
         SELECT {ASSET_COLUMNS}, id IN lent AS on_loan FROM asset \
         WHERE ?1 IS NULL AND (?2 IS NULL OR status = ?2) \
         UNION ALL \
         SELECT {ASSET_COLUMNS}, id IN lent AS on_loan FROM found JOIN asset ON id = found_id \
         WHERE ?2 IS NULL OR status = ?2 \
         ORDER BY number"
    )))
    .bind(ids)
    .bind(status.map(AssetStatus::as_str))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| asset_doc(r.asset).map(|(id, a)| asset_row(id, a, r.on_loan)))
        .collect()
}

pub(in crate::store) async fn asset(conn: &mut SqliteConnection, number: &str) -> Result<Asset> {
    // As keys are stored (look-alikes are one number); a number stored
    // before keys were normalised is still found as it was typed.
    let typed = crate::thai::to_storage(number.trim());
    let number = crate::keys::normalize_key(&typed);
    let row: AssetDbRow = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ASSET_COLUMNS} FROM asset WHERE number IN (?1, ?2) ORDER BY number = ?1 DESC LIMIT 1"
    )))
    .bind(&number)
    .bind(&typed)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(Thing::Asset, &number))?;
    let (id, doc) = asset_doc(row)?;
    let (mime, data): (Option<String>, Option<Vec<u8>>) =
        sqlx::query_as("SELECT photo_mime, photo FROM asset WHERE id = ?1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    let photo = match (mime, data) {
        (Some(mime), Some(data)) => Some(Emblem {
            mime,
            data: crate::doc::base64_encode(&data),
        }),
        _ => None,
    };
    Ok(Asset { id, doc, photo })
}

fn status_event((on, status, reason): (String, String, String)) -> Result<StatusEvent> {
    Ok(StatusEvent {
        on: date(&on)?,
        status: AssetStatus::parse(&status).ok_or_else(|| CoreError::Database(format!("status {status:?}")))?,
        reason,
    })
}

pub(in crate::store) async fn status_events(conn: &mut SqliteConnection, asset: Id) -> Result<Vec<StatusEvent>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT on_date, status, reason FROM asset_status_event WHERE asset_id = ?1 ORDER BY id")
            .bind(asset)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter().map(status_event).collect()
}

/// Every asset's status events, in order, by asset id (one query for the
/// whole register).
pub(in crate::store) async fn all_status_events(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashMap<Id, Vec<StatusEvent>>> {
    let rows: Vec<(Id, String, String, String)> =
        sqlx::query_as("SELECT asset_id, on_date, status, reason FROM asset_status_event ORDER BY id")
            .fetch_all(&mut *conn)
            .await?;
    let mut out: std::collections::HashMap<Id, Vec<StatusEvent>> = std::collections::HashMap::new();
    for (asset, on, status, reason) in rows {
        out.entry(asset).or_default().push(status_event((on, status, reason))?);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct LoanDbRow {
    id: Id,
    asset_id: Id,
    number: String,
    asset_name: String,
    state: String,
    borrower: String,
    position: String,
    division: String,
    purpose: String,
    outside: bool,
    borrow_on: String,
    due_on: String,
    requested_on: String,
    decided_by: String,
    decided_as: String,
    decided_on: Option<String>,
    refusal: String,
    handed_over_on: Option<String>,
    handed_over_by: String,
    returned_on: Option<String>,
    return_condition: Option<String>,
    received_by: String,
    settlement: Option<String>,
    settlement_note: String,
    settled_on: Option<String>,
}

const LOAN_SELECT: &str = "SELECT l.id, l.asset_id, a.number, a.name AS asset_name, l.state, l.borrower, l.position, \
     l.division, l.purpose, l.outside, l.borrow_on, l.due_on, l.requested_on, l.decided_by, l.decided_as, \
     l.decided_on, l.refusal, l.handed_over_on, l.handed_over_by, l.returned_on, l.return_condition, l.received_by, \
     l.settlement, l.settlement_note, l.settled_on FROM loan l JOIN asset a ON a.id = l.asset_id";

fn loan_of(r: LoanDbRow) -> Result<Loan> {
    let bad = |what: &str| CoreError::Database(format!("loan {} has a bad {what}", r.id));
    Ok(Loan {
        id: r.id,
        asset_id: r.asset_id,
        asset_name: r.asset_name.clone(),
        state: LoanState::parse(&r.state).ok_or_else(|| bad("state"))?,
        request: LoanRequest {
            asset_number: r.number,
            borrower: r.borrower,
            position: r.position,
            division: r.division,
            purpose: r.purpose,
            outside: r.outside,
            borrow_on: date(&r.borrow_on)?,
            due_on: date(&r.due_on)?,
        },
        requested_on: date(&r.requested_on)?,
        decided_by: r.decided_by,
        decided_as: Authority::parse(&r.decided_as),
        decided_on: opt_date(r.decided_on)?,
        refusal: r.refusal,
        handed_over_on: opt_date(r.handed_over_on)?,
        handed_over_by: r.handed_over_by,
        returned_on: opt_date(r.returned_on)?,
        return_condition: r.return_condition.as_deref().and_then(ReturnCondition::parse),
        received_by: r.received_by,
        settlement: r.settlement.as_deref().and_then(Settlement::parse),
        settlement_note: r.settlement_note,
        settled_on: opt_date(r.settled_on)?,
    })
}

pub(in crate::store) async fn loan_row(conn: &mut SqliteConnection, id: Id) -> Result<Loan> {
    let row: LoanDbRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{LOAN_SELECT} WHERE l.id = ?1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::Loan, id))?;
    loan_of(row)
}

/// Every loan, newest first; of one asset when `asset` is given.
pub(in crate::store) async fn loans(conn: &mut SqliteConnection, asset: Option<Id>) -> Result<Vec<Loan>> {
    let rows: Vec<LoanDbRow> = match asset {
        Some(a) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{LOAN_SELECT} WHERE l.asset_id = ?1 ORDER BY l.id DESC"
            )))
            .bind(a)
            .fetch_all(&mut *conn)
            .await?
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{LOAN_SELECT} ORDER BY l.id DESC")))
                .fetch_all(&mut *conn)
                .await?
        }
    };
    rows.into_iter().map(loan_of).collect()
}

/// The inspection of a year, with its findings in asset number order.
pub(in crate::store) async fn inspection(conn: &mut SqliteConnection, year_be: i32) -> Result<Inspection> {
    let (id, started_on, supply_officer, committee, confirmed_on): (Id, String, String, String, Option<String>) =
        sqlx::query_as(
            "SELECT id, started_on, supply_officer, committee, confirmed_on FROM inspection WHERE year_be = ?1",
        )
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::Inspection, year_be))?;
    let rows: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT a.number, a.name, a.price, r.result, r.note FROM inspection_result r JOIN asset a ON a.id = r.asset_id \
         WHERE r.inspection_id = ?1 ORDER BY a.number",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(Inspection {
        year_be,
        started_on: date(&started_on)?,
        supply_officer,
        committee: serde_json::from_str(&committee).map_err(|e| CoreError::Database(e.to_string()))?,
        confirmed_on: opt_date(confirmed_on)?,
        findings: rows
            .into_iter()
            .map(|(number, name, price, result, note)| {
                Ok(FindingRow {
                    number,
                    name,
                    price: price
                        .parse()
                        .map_err(|_| CoreError::Database(format!("asset price {price:?}")))?,
                    finding: Finding::parse(&result)
                        .ok_or_else(|| CoreError::Database(format!("finding {result:?}")))?,
                    note,
                })
            })
            .collect::<Result<_>>()?,
    })
}

pub(in crate::store) async fn summary(
    conn: &mut SqliteConnection,
    year_be: i32,
    today: NaiveDate,
) -> Result<AssetSummary> {
    let (start, end) = crate::thai::fiscal_year_bounds(year_be)?;
    let as_of = end.min(today);
    let (s, e, a) = (iso(start), iso(end), iso(as_of));
    let registered: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM asset WHERE acquired_on <= ?1 AND status <> 'disposed'")
            .bind(&e)
            .fetch_one(&mut *conn)
            .await?;
    let loans: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM loan WHERE requested_on BETWEEN ?1 AND ?2")
        .bind(&s)
        .bind(&e)
        .fetch_one(&mut *conn)
        .await?;
    let (returned, on_time): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(returned_on <= due_on), 0) FROM loan WHERE returned_on BETWEEN ?1 AND ?2",
    )
    .bind(&s)
    .bind(&e)
    .fetch_one(&mut *conn)
    .await?;
    let overdue: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM loan WHERE handed_over_on <= ?1 AND due_on < ?1 \
         AND (returned_on IS NULL OR returned_on > ?1)",
    )
    .bind(&a)
    .fetch_one(&mut *conn)
    .await?;
    let inspected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM inspection_result r JOIN inspection i ON i.id = r.inspection_id WHERE i.year_be = ?1",
    )
    .bind(year_be)
    .fetch_one(&mut *conn)
    .await?;
    Ok(AssetSummary {
        year_be,
        registered,
        loans,
        returned_on_time_percent: (returned > 0).then(|| {
            (rust_decimal::Decimal::from(on_time) * rust_decimal::Decimal::ONE_HUNDRED
                / rust_decimal::Decimal::from(returned))
            .round_dp(2)
        }),
        overdue,
        inspected,
    })
}
