//! The asset register, loans and inspections in SQLite: the writes (only
//! through `write::apply`) and the reads.

use std::collections::HashSet;

use base64::Engine;
use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::index::AssetRow;
use crate::assets::*;
use crate::change::{Change, clean_line, clean_text};
use crate::domain::{Emblem, Id};
use crate::error::{CoreError, Result};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| CoreError::Database(format!("bad date {s:?}")))
}

fn opt_date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.as_deref().map(date).transpose()
}

/// Applies one of the asset changes; gives the change back when it is not one.
/// Applies an asset record. `strict`: the rules that bind a new record
/// (ข้อ 207–209 with separation of duties: the borrower never approves,
/// hands over or receives their own loan; no step dated after today or
/// before the asset was acquired; disposal is final) are checked; a history
/// recorded before them replays as it was.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    change: Change,
    strict: bool,
) -> Result<std::result::Result<Change, Change>> {
    if strict {
        check_new_record(conn, &change).await?;
    }
    let done = match change {
        Change::ImportAssets { assets } => Change::ImportAssets {
            assets: import(conn, assets).await?,
        },
        Change::SetAssetStatus {
            number,
            status,
            on,
            reason,
        } => {
            let reason = clean_text("reason", &reason, false)?;
            let id = asset_id(conn, &number).await?;
            if status != AssetStatus::Usable && holding_loan(conn, id).await?.is_some() {
                return Err(CoreError::InvalidInput(format!(
                    "{number} is on loan: record its return first"
                )));
            }
            set_status(conn, id, status, on, &reason).await?;
            Change::SetAssetStatus {
                number,
                status,
                on,
                reason,
            }
        }
        Change::SetAssetPhoto { number, photo } => {
            let id = asset_id(conn, &number).await?;
            let (mime, data) = match &photo {
                Some(p) => {
                    crate::doc::check_image(&p.mime, &p.data, "photo")?;
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(p.data.as_bytes())
                        .map_err(|e| CoreError::InvalidInput(format!("photo data is not base64: {e}")))?;
                    (Some(p.mime.clone()), Some(bytes))
                }
                None => (None, None),
            };
            sqlx::query("UPDATE asset SET photo_mime = ?2, photo = ?3 WHERE id = ?1")
                .bind(id)
                .bind(mime)
                .bind(data)
                .execute(&mut *conn)
                .await?;
            Change::SetAssetPhoto { number, photo }
        }
        Change::RequestLoan { request, on } => {
            let request = check_request(&request)?;
            let id = asset_id(conn, &request.asset_number).await?;
            let status = asset_status(conn, id).await?;
            if status != AssetStatus::Usable {
                return Err(CoreError::InvalidInput(format!(
                    "{} is {} ({}) and cannot be lent",
                    request.asset_number,
                    status.as_str(),
                    status.thai()
                )));
            }
            if request.borrow_on < on {
                return Err(CoreError::InvalidInput(format!(
                    "the borrowing date {} is before the request ({on})",
                    request.borrow_on
                )));
            }
            sqlx::query(
                "INSERT INTO loan (asset_id, state, borrower, position, division, purpose, outside, borrow_on, due_on, \
                                   requested_on) VALUES (?1, 'requested', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .bind(id)
            .bind(&request.borrower)
            .bind(&request.position)
            .bind(&request.division)
            .bind(&request.purpose)
            .bind(request.outside)
            .bind(iso(request.borrow_on))
            .bind(iso(request.due_on))
            .bind(iso(on))
            .execute(&mut *conn)
            .await?;
            Change::RequestLoan { request, on }
        }
        Change::DecideLoan {
            loan_id,
            approve,
            by,
            authority,
            on,
            reason,
        } => {
            let by = clean_line("decided by", &by, true)?;
            let reason = clean_text("reason", &reason, false)?;
            let loan = loan_row(conn, loan_id).await?;
            let step = if approve { LoanStep::Approve } else { LoanStep::Refuse };
            let next = next_state(loan.state, step).map_err(CoreError::InvalidInput)?;
            after("decision", on, loan.requested_on, "request")?;
            if approve {
                let status = asset_status(conn, loan.asset_id).await?;
                if status != AssetStatus::Usable {
                    return Err(CoreError::InvalidInput(format!(
                        "{} is {} ({}) and cannot be lent",
                        loan.asset_number(),
                        status.as_str(),
                        status.thai()
                    )));
                }
                if let Some(other) = holding_loan(conn, loan.asset_id).await? {
                    return Err(lent_twice(loan.asset_number(), other));
                }
            } else if reason.is_empty() {
                return Err(CoreError::EmptyText {
                    field: "reason for refusing".into(),
                });
            }
            sqlx::query(
                "UPDATE loan SET state = ?2, decided_by = ?3, decided_as = ?4, decided_on = ?5, refusal = ?6 WHERE id = ?1",
            )
            .bind(loan_id)
            .bind(next.as_str())
            .bind(&by)
            .bind(authority.as_str())
            .bind(iso(on))
            .bind(&reason)
            .execute(&mut *conn)
            .await
            .map_err(|e| unique_loan(e, loan.asset_number()))?;
            Change::DecideLoan {
                loan_id,
                approve,
                by,
                authority,
                on,
                reason,
            }
        }
        Change::HandOverLoan { loan_id, on, by } => {
            let by = clean_line("handed over by", &by, true)?;
            let loan = loan_row(conn, loan_id).await?;
            next_state(loan.state, LoanStep::HandOver).map_err(CoreError::InvalidInput)?;
            after(
                "hand-over",
                on,
                loan.decided_on.unwrap_or(loan.requested_on),
                "approval",
            )?;
            sqlx::query(
                "UPDATE loan SET state = 'handed_over', handed_over_on = ?2, handed_over_by = ?3 WHERE id = ?1",
            )
            .bind(loan_id)
            .bind(iso(on))
            .bind(&by)
            .execute(&mut *conn)
            .await?;
            Change::HandOverLoan { loan_id, on, by }
        }
        Change::ReturnLoan {
            loan_id,
            on,
            condition,
            received_by,
        } => {
            let received_by = clean_line("received by", &received_by, true)?;
            let loan = loan_row(conn, loan_id).await?;
            next_state(loan.state, LoanStep::Return).map_err(CoreError::InvalidInput)?;
            after(
                "return",
                on,
                loan.handed_over_on.unwrap_or(loan.requested_on),
                "hand-over",
            )?;
            sqlx::query(
                "UPDATE loan SET state = 'returned', returned_on = ?2, return_condition = ?3, received_by = ?4 WHERE id = ?1",
            )
            .bind(loan_id)
            .bind(iso(on))
            .bind(condition.as_str())
            .bind(&received_by)
            .execute(&mut *conn)
            .await?;
            let status = match condition {
                ReturnCondition::Good => None,
                ReturnCondition::Damaged => Some(AssetStatus::Damaged),
                ReturnCondition::Lost => Some(AssetStatus::Lost),
            };
            if let Some(s) = status {
                let why = format!(
                    "returned {} from loan {loan_id} ({})",
                    condition.as_str(),
                    loan.request.borrower
                );
                set_status(conn, loan.asset_id, s, on, &why).await?;
            }
            Change::ReturnLoan {
                loan_id,
                on,
                condition,
                received_by,
            }
        }
        Change::CorrectLoan {
            loan_id,
            step,
            on,
            by,
            reason,
        } => {
            let by = clean_line("corrected name", &by, false)?;
            let reason = clean_text("reason", &reason, false)?;
            if reason.is_empty() {
                return Err(CoreError::EmptyText {
                    field: "reason for the correction".into(),
                });
            }
            correct_loan(conn, loan_id, step, on, &by).await?;
            Change::CorrectLoan {
                loan_id,
                step,
                on,
                by,
                reason,
            }
        }
        Change::SettleLoan {
            loan_id,
            settlement,
            note,
            on,
        } => {
            let note = clean_text("note", &note, false)?;
            let loan = loan_row(conn, loan_id).await?;
            next_state(loan.state, LoanStep::Settle).map_err(CoreError::InvalidInput)?;
            match loan.return_condition {
                Some(ReturnCondition::Damaged | ReturnCondition::Lost) => {}
                _ => {
                    return Err(CoreError::InvalidInput(
                        "only a loan returned damaged or lost is settled".into(),
                    ));
                }
            }
            if loan.settlement.is_some() {
                return Err(CoreError::InvalidInput(format!("loan {loan_id} is already settled")));
            }
            after(
                "settlement",
                on,
                loan.returned_on.unwrap_or(loan.requested_on),
                "return",
            )?;
            sqlx::query("UPDATE loan SET settlement = ?2, settlement_note = ?3, settled_on = ?4 WHERE id = ?1")
                .bind(loan_id)
                .bind(settlement.as_str())
                .bind(&note)
                .bind(iso(on))
                .execute(&mut *conn)
                .await?;
            // Repaired, or replaced with the same kind and quality: usable again.
            if matches!(settlement, Settlement::Repaired | Settlement::Replaced) {
                let why = format!("loan {loan_id} settled: {}", settlement.as_str());
                set_status(conn, loan.asset_id, AssetStatus::Usable, on, &why).await?;
            }
            Change::SettleLoan {
                loan_id,
                settlement,
                note,
                on,
            }
        }
        Change::StartInspection {
            year_be,
            on,
            supply_officer,
            committee,
        } => {
            crate::thai::check_year_be(year_be)?;
            let committee = check_committee(&committee, &supply_officer)?;
            let supply_officer = clean_line("supply officer", &supply_officer, false)?;
            sqlx::query(
                "INSERT INTO inspection (year_be, started_on, supply_officer, committee) VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(year_be)
            .bind(iso(on))
            .bind(&supply_officer)
            .bind(serde_json::to_string(&committee).expect("serialises"))
            .execute(&mut *conn)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    CoreError::InvalidInput(format!("fiscal year {year_be} already has an inspection"))
                }
                _ => e.into(),
            })?;
            Change::StartInspection {
                year_be,
                on,
                supply_officer,
                committee,
            }
        }
        Change::RecordFinding {
            year_be,
            number,
            finding,
            note,
        } => {
            let note = clean_text("note", &note, false)?;
            let (inspection, confirmed) = inspection_of(conn, year_be).await?;
            if confirmed {
                return Err(CoreError::InvalidInput(format!(
                    "the inspection of {year_be} is confirmed; its findings are final"
                )));
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
            Change::RecordFinding {
                year_be,
                number,
                finding,
                note,
            }
        }
        Change::ConfirmInspection { year_be, on } => {
            let (inspection, confirmed) = inspection_of(conn, year_be).await?;
            if confirmed {
                return Err(CoreError::InvalidInput(format!(
                    "the inspection of {year_be} is already confirmed"
                )));
            }
            let findings: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT r.asset_id, r.result, a.status FROM inspection_result r JOIN asset a ON a.id = r.asset_id \
                 WHERE r.inspection_id = ?1 ORDER BY a.number",
            )
            .bind(inspection)
            .fetch_all(&mut *conn)
            .await?;
            for (asset, result, status) in findings {
                let finding =
                    Finding::parse(&result).ok_or_else(|| CoreError::Database(format!("finding {result:?}")))?;
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
            Change::ConfirmInspection { year_be, on }
        }
        other => return Ok(Err(other)),
    };
    Ok(Ok(done))
}

/// Sets a recorded step's date (and who did it, when `by` is given),
/// keeping the steps in order.
async fn correct_loan(conn: &mut SqliteConnection, loan_id: Id, step: LoanStep, on: NaiveDate, by: &str) -> Result<()> {
    let loan = loan_row(conn, loan_id).await?;
    // (name, date column, person column, the step's date now)
    let (name, date_col, by_col, now) = match step {
        LoanStep::Approve | LoanStep::Refuse => ("decision", "decided_on", Some("decided_by"), loan.decided_on),
        LoanStep::HandOver => (
            "hand-over",
            "handed_over_on",
            Some("handed_over_by"),
            loan.handed_over_on,
        ),
        LoanStep::Return => ("return", "returned_on", Some("received_by"), loan.returned_on),
        LoanStep::Settle => ("settlement", "settled_on", None, loan.settled_on),
    };
    if now.is_none() {
        return Err(CoreError::InvalidInput(format!(
            "loan {loan_id} has no {name} to correct"
        )));
    }
    // The steps stay in order: request ≤ decision ≤ hand-over ≤ return ≤ settlement.
    let chain = [
        ("request", Some(loan.requested_on)),
        ("decision", loan.decided_on),
        ("hand-over", loan.handed_over_on),
        ("return", loan.returned_on),
        ("settlement", loan.settled_on),
    ];
    let at = chain.iter().position(|(n, _)| *n == name).expect("a step of the chain");
    if let Some((before, Some(d))) = chain[..at].iter().rev().find(|(_, d)| d.is_some()) {
        after(name, on, *d, before)?;
    }
    if let Some((next, Some(d))) = chain[at + 1..].iter().find(|(_, d)| d.is_some())
        && on > *d
    {
        return Err(CoreError::InvalidInput(format!(
            "the {name} date {on} is after the {next} ({d})"
        )));
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE loan SET {date_col} = ?2 WHERE id = ?1"
    )))
    .bind(loan_id)
    .bind(iso(on))
    .execute(&mut *conn)
    .await?;
    if let (Some(col), false) = (by_col, by.is_empty()) {
        sqlx::query(sqlx::AssertSqlSafe(format!("UPDATE loan SET {col} = ?2 WHERE id = ?1")))
            .bind(loan_id)
            .bind(by)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The rules a new record keeps beyond its state machine (see [`apply`]).
async fn check_new_record(conn: &mut SqliteConnection, change: &Change) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let not_after_today = |what: &str, on: NaiveDate| {
        if on > today {
            return Err(CoreError::InvalidInput(format!(
                "the {what} date {on} is after today ({today}): a step is recorded when it happened"
            )));
        }
        Ok(())
    };
    let not_the_borrower = |what: &str, who: &str, loan: &crate::assets::Loan| {
        if crate::assets::same_person(who, &loan.request.borrower) {
            return Err(CoreError::InvalidInput(format!(
                "{who} is the borrower and cannot also be the one who {what} the loan (separation of duties)"
            )));
        }
        Ok(())
    };
    match change {
        Change::SetAssetStatus { number, on, .. } => {
            not_after_today("status", *on)?;
            let id = asset_id(conn, number).await?;
            if asset_status(conn, id).await? == AssetStatus::Disposed {
                return Err(CoreError::InvalidInput(format!(
                    "{number} is disposed of (จำหน่ายแล้ว): disposal is final"
                )));
            }
        }
        Change::RequestLoan { request, on } => {
            not_after_today("request", *on)?;
            let id = asset_id(conn, &request.asset_number).await?;
            let acquired: String = sqlx::query_scalar("SELECT acquired_on FROM asset WHERE id = ?1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            if let Ok(acquired) = NaiveDate::parse_from_str(&acquired, "%Y-%m-%d") {
                after("request", *on, acquired, "asset's acquisition")?;
            }
        }
        Change::DecideLoan { loan_id, by, on, .. } => {
            not_after_today("decision", *on)?;
            not_the_borrower("decides", by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::HandOverLoan { loan_id, by, on } => {
            not_after_today("hand-over", *on)?;
            not_the_borrower("hands over", by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::ReturnLoan {
            loan_id,
            on,
            received_by,
            ..
        } => {
            not_after_today("return", *on)?;
            not_the_borrower("receives back", received_by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::SettleLoan { on, .. } => not_after_today("settlement", *on)?,
        Change::CorrectLoan { loan_id, on, by, .. } => {
            not_after_today("corrected", *on)?;
            if !by.trim().is_empty() {
                not_the_borrower("did that step of", by, &loan_row(conn, *loan_id).await?)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn after(what: &str, on: NaiveDate, earlier: NaiveDate, earlier_name: &str) -> Result<()> {
    if on < earlier {
        return Err(CoreError::InvalidInput(format!(
            "the {what} date {on} is before the {earlier_name} ({earlier})"
        )));
    }
    Ok(())
}

fn lent_twice(number: &str, other: Id) -> CoreError {
    CoreError::InvalidInput(format!(
        "{number} is already lent (loan {other}); one asset cannot be lent twice at once"
    ))
}

fn unique_loan(e: sqlx::Error, number: &str) -> CoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => CoreError::InvalidInput(format!(
            "{number} is already lent; one asset cannot be lent twice at once"
        )),
        _ => e.into(),
    }
}

async fn asset_id(conn: &mut SqliteConnection, number: &str) -> Result<Id> {
    let number = crate::thai::to_storage(number.trim());
    sqlx::query_scalar("SELECT id FROM asset WHERE number = ?1")
        .bind(&number)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("asset {number}")))
}

async fn asset_status(conn: &mut SqliteConnection, id: Id) -> Result<AssetStatus> {
    let s: String = sqlx::query_scalar("SELECT status FROM asset WHERE id = ?1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    AssetStatus::parse(&s).ok_or_else(|| CoreError::Database(format!("asset status {s:?}")))
}

/// The loan that has the asset now (approved or handed over), if any.
async fn holding_loan(conn: &mut SqliteConnection, asset: Id) -> Result<Option<Id>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM loan WHERE asset_id = ?1 AND state IN ('approved', 'handed_over')")
            .bind(asset)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

async fn set_status(
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

async fn inspection_of(conn: &mut SqliteConnection, year_be: i32) -> Result<(Id, bool)> {
    let (id, confirmed): (Id, Option<String>) =
        sqlx::query_as("SELECT id, confirmed_on FROM inspection WHERE year_be = ?1")
            .bind(year_be)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| CoreError::not_found(format!("the inspection of fiscal year {year_be}")))?;
    Ok((id, confirmed.is_some()))
}

/// The known categories and their useful lives.
pub(super) async fn categories(conn: &mut SqliteConnection) -> Result<Vec<(String, u32)>> {
    Ok(
        sqlx::query_as("SELECT name, useful_life FROM asset_category ORDER BY name")
            .fetch_all(&mut *conn)
            .await?,
    )
}

pub(super) async fn numbers(conn: &mut SqliteConnection) -> Result<HashSet<String>> {
    Ok(sqlx::query_scalar("SELECT number FROM asset")
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .collect())
}

/// Checks and inserts assets, all or none; returns them as stored.
async fn import(conn: &mut SqliteConnection, assets: Vec<AssetDoc>) -> Result<Vec<AssetDoc>> {
    if assets.is_empty() {
        return Err(CoreError::InvalidInput("there is no asset to add".into()));
    }
    let cats = categories(conn).await?;
    let mut seen = numbers(conn).await?;
    let mut out = Vec::with_capacity(assets.len());
    for (i, a) in assets.into_iter().enumerate() {
        let at = |e: CoreError| CoreError::MalformedImport {
            path: format!("assets[{i}]"),
            message: e.to_string(),
        };
        let number = clean_line("asset number", &a.number, true).map_err(at)?;
        if !seen.insert(number.clone()) {
            return Err(at(CoreError::InvalidInput(format!(
                "{number} is already in the register"
            ))));
        }
        if !cats.iter().any(|(c, _)| *c == a.category) {
            return Err(at(CoreError::InvalidInput(format!(
                "unknown category \"{}\"",
                a.category
            ))));
        }
        if a.price.is_sign_negative() || a.price.scale() > crate::money::PLACES {
            return Err(at(CoreError::InvalidInput(format!("{} is not a price", a.price))));
        }
        if !(1..=100).contains(&a.useful_life) {
            return Err(at(CoreError::InvalidInput(format!(
                "{} is not a useful life in years",
                a.useful_life
            ))));
        }
        if let Some(y) = a.budget_year {
            crate::thai::check_year_be(y).map_err(at)?;
        }
        crate::thai::check_year_be(crate::thai::fiscal_year_of(a.acquired_on)).map_err(|_| {
            at(CoreError::InvalidInput(format!(
                "{} is not a plausible date",
                a.acquired_on
            )))
        })?;
        let line = |f: &str, v: &str| clean_line(f, v, false).map_err(at);
        out.push(AssetDoc {
            number,
            name: clean_line("name", &a.name, true).map_err(at)?,
            brand: line("brand", &a.brand)?,
            model: line("model", &a.model)?,
            serial: line("serial", &a.serial)?,
            method: line("method", &a.method)?,
            funding: line("funding", &a.funding)?,
            location: line("location", &a.location)?,
            division: line("division", &a.division)?,
            note: clean_text("note", &a.note, false).map_err(at)?,
            ..a
        });
    }
    for a in &out {
        sqlx::query(
            "INSERT INTO asset (number, name, category, brand, model, serial, acquired_on, method, price, budget_year, \
                                funding, location, division, status, useful_life, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )
        .bind(&a.number)
        .bind(&a.name)
        .bind(&a.category)
        .bind(&a.brand)
        .bind(&a.model)
        .bind(&a.serial)
        .bind(iso(a.acquired_on))
        .bind(&a.method)
        .bind(a.price.to_string())
        .bind(a.budget_year)
        .bind(&a.funding)
        .bind(&a.location)
        .bind(&a.division)
        .bind(a.status.as_str())
        .bind(a.useful_life)
        .bind(&a.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(out)
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
pub(super) async fn all_assets(conn: &mut SqliteConnection) -> Result<Vec<(Id, AssetDoc)>> {
    let rows: Vec<AssetDbRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {ASSET_COLUMNS} FROM asset ORDER BY number"
    )))
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(asset_doc).collect()
}

pub(super) async fn index_rows(conn: &mut SqliteConnection) -> Result<Vec<(AssetRow, String)>> {
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
            let extra = format!("{} {} {}", a.brand, a.model, a.serial);
            (
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
                    on_loan: lent.contains(&id),
                },
                extra,
            )
        })
        .collect())
}

pub(super) async fn asset(conn: &mut SqliteConnection, number: &str) -> Result<Asset> {
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
    .ok_or_else(|| CoreError::not_found(format!("asset {number}")))?;
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

pub(super) async fn status_events(conn: &mut SqliteConnection, asset: Id) -> Result<Vec<StatusEvent>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT on_date, status, reason FROM asset_status_event WHERE asset_id = ?1 ORDER BY id")
            .bind(asset)
            .fetch_all(&mut *conn)
            .await?;
    rows.into_iter().map(status_event).collect()
}

/// Every asset's status events, in order, by asset id (one query for the
/// whole register).
pub(super) async fn all_status_events(
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

pub(super) async fn loan_row(conn: &mut SqliteConnection, id: Id) -> Result<Loan> {
    let row: LoanDbRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{LOAN_SELECT} WHERE l.id = ?1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("loan {id}")))?;
    loan_of(row)
}

/// Every loan, newest first; of one asset when `asset` is given.
pub(super) async fn loans(conn: &mut SqliteConnection, asset: Option<Id>) -> Result<Vec<Loan>> {
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
pub(super) async fn inspection(conn: &mut SqliteConnection, year_be: i32) -> Result<Inspection> {
    let (id, started_on, supply_officer, committee, confirmed_on): (Id, String, String, String, Option<String>) =
        sqlx::query_as(
            "SELECT id, started_on, supply_officer, committee, confirmed_on FROM inspection WHERE year_be = ?1",
        )
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("the inspection of fiscal year {year_be}")))?;
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT a.number, a.name, r.result, r.note FROM inspection_result r JOIN asset a ON a.id = r.asset_id \
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
            .map(|(number, name, result, note)| {
                Ok(FindingRow {
                    number,
                    name,
                    finding: Finding::parse(&result)
                        .ok_or_else(|| CoreError::Database(format!("finding {result:?}")))?,
                    note,
                })
            })
            .collect::<Result<_>>()?,
    })
}

pub(super) async fn summary(conn: &mut SqliteConnection, year_be: i32, today: NaiveDate) -> Result<AssetSummary> {
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
