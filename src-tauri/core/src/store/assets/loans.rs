//! Loans under ข้อ 207–209: request, decision, hand-over, return,
//! settlement, and the correction of a step recorded wrong.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::{Change, clean_line, clean_text};
use crate::domain::Id;
use crate::error::Result;
use crate::refusal::{Moment, Refusal};

use super::base::*;
use super::read::loan_row;

pub(in crate::store) async fn request_loan(
    conn: &mut SqliteConnection,
    request: crate::assets::LoanRequest,
    on: chrono::NaiveDate,
) -> Result<(Change, Id)> {
    let request = check_request(&request)?;
    let id = asset_id(conn, &request.asset_number).await?;
    let status = asset_status(conn, id).await?;
    if status != AssetStatus::Usable {
        return Err(Refusal::CannotLend {
            number: request.asset_number.clone(),
            status,
        }
        .into());
    }
    if request.borrow_on < on {
        return Err(Refusal::BeforeEarlier {
            moment: Moment::Borrowing,
            on: request.borrow_on,
            earlier: Moment::Request,
            earlier_on: on,
        }
        .into());
    }
    let loan_id = sqlx::query(
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
    .await?
    .last_insert_rowid();
    Ok((Change::RequestLoan { request, on }, loan_id))
}

pub(in crate::store) async fn decide_loan(
    conn: &mut SqliteConnection,
    loan_id: Id,
    approve: bool,
    by: String,
    authority: crate::assets::Authority,
    on: chrono::NaiveDate,
    reason: String,
) -> Result<Change> {
    let by = clean_line("decided by", &by, true)?;
    let reason = clean_text("reason", &reason, false)?;
    let loan = loan_row(conn, loan_id).await?;
    let step = if approve { LoanStep::Approve } else { LoanStep::Refuse };
    let next = next_state(loan.state, step)?;
    after(Moment::Decision, on, loan.requested_on, Moment::Request)?;
    if approve {
        let status = asset_status(conn, loan.asset_id).await?;
        if status != AssetStatus::Usable {
            return Err(Refusal::CannotLend {
                number: loan.asset_number().to_owned(),
                status,
            }
            .into());
        }
        if holding_loan(conn, loan.asset_id).await?.is_some() {
            return Err(lent_twice(loan.asset_number()));
        }
    } else if reason.is_empty() {
        return Err(Refusal::empty("reason for refusing").into());
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
    Ok(Change::DecideLoan {
        loan_id,
        approve,
        by,
        authority,
        on,
        reason,
    })
}

pub(in crate::store) async fn hand_over_loan(
    conn: &mut SqliteConnection,
    loan_id: Id,
    on: chrono::NaiveDate,
    by: String,
) -> Result<Change> {
    let by = clean_line("handed over by", &by, true)?;
    let loan = loan_row(conn, loan_id).await?;
    next_state(loan.state, LoanStep::HandOver)?;
    after(
        Moment::HandOver,
        on,
        loan.decided_on.unwrap_or(loan.requested_on),
        Moment::Decision,
    )?;
    sqlx::query("UPDATE loan SET state = 'handed_over', handed_over_on = ?2, handed_over_by = ?3 WHERE id = ?1")
        .bind(loan_id)
        .bind(iso(on))
        .bind(&by)
        .execute(&mut *conn)
        .await?;
    Ok(Change::HandOverLoan { loan_id, on, by })
}

pub(in crate::store) async fn return_loan(
    conn: &mut SqliteConnection,
    loan_id: Id,
    on: chrono::NaiveDate,
    condition: crate::assets::ReturnCondition,
    received_by: String,
) -> Result<Change> {
    let received_by = clean_line("received by", &received_by, true)?;
    let loan = loan_row(conn, loan_id).await?;
    next_state(loan.state, LoanStep::Return)?;
    after(
        Moment::Return,
        on,
        loan.handed_over_on.unwrap_or(loan.requested_on),
        Moment::HandOver,
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
    Ok(Change::ReturnLoan {
        loan_id,
        on,
        condition,
        received_by,
    })
}

pub(in crate::store) async fn settle_loan(
    conn: &mut SqliteConnection,
    loan_id: Id,
    settlement: crate::assets::Settlement,
    note: String,
    on: chrono::NaiveDate,
) -> Result<Change> {
    let note = clean_text("note", &note, false)?;
    let loan = loan_row(conn, loan_id).await?;
    next_state(loan.state, LoanStep::Settle)?;
    match loan.return_condition {
        Some(ReturnCondition::Damaged | ReturnCondition::Lost) => {}
        _ => {
            return Err(Refusal::OnlyDamagedOrLostSettled.into());
        }
    }
    if loan.settlement.is_some() {
        return Err(Refusal::LoanSettled { loan_id }.into());
    }
    after(
        Moment::Settlement,
        on,
        loan.returned_on.unwrap_or(loan.requested_on),
        Moment::Return,
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
    Ok(Change::SettleLoan {
        loan_id,
        settlement,
        note,
        on,
    })
}

pub(in crate::store) async fn correct_loan(
    conn: &mut SqliteConnection,
    loan_id: Id,
    step: crate::assets::LoanStep,
    on: chrono::NaiveDate,
    by: String,
    reason: String,
) -> Result<Change> {
    let by = clean_line("corrected name", &by, false)?;
    let reason = clean_text("reason", &reason, false)?;
    if reason.is_empty() {
        return Err(Refusal::empty("reason for the correction").into());
    }
    correct_step(conn, loan_id, step, on, &by).await?;
    Ok(Change::CorrectLoan {
        loan_id,
        step,
        on,
        by,
        reason,
    })
}

/// Sets a recorded step's date (and who did it, when `by` is given),
/// keeping the steps in order.
async fn correct_step(conn: &mut SqliteConnection, loan_id: Id, step: LoanStep, on: NaiveDate, by: &str) -> Result<()> {
    let loan = loan_row(conn, loan_id).await?;
    // (name, date column, person column, the step's date now)
    let (name, date_col, by_col, now) = match step {
        LoanStep::Approve | LoanStep::Refuse => (Moment::Decision, "decided_on", Some("decided_by"), loan.decided_on),
        LoanStep::HandOver => (
            Moment::HandOver,
            "handed_over_on",
            Some("handed_over_by"),
            loan.handed_over_on,
        ),
        LoanStep::Return => (Moment::Return, "returned_on", Some("received_by"), loan.returned_on),
        LoanStep::Settle => (Moment::Settlement, "settled_on", None, loan.settled_on),
    };
    if now.is_none() {
        return Err(Refusal::NoStepToCorrect { loan_id, moment: name }.into());
    }
    // The steps stay in order: request ≤ decision ≤ hand-over ≤ return ≤ settlement.
    let chain = [
        (Moment::Request, Some(loan.requested_on)),
        (Moment::Decision, loan.decided_on),
        (Moment::HandOver, loan.handed_over_on),
        (Moment::Return, loan.returned_on),
        (Moment::Settlement, loan.settled_on),
    ];
    let at = chain.iter().position(|(n, _)| *n == name).expect("a step of the chain");
    if let Some((before, Some(d))) = chain[..at].iter().rev().find(|(_, d)| d.is_some()) {
        after(name, on, *d, *before)?;
    }
    if let Some((next, Some(d))) = chain[at + 1..].iter().find(|(_, d)| d.is_some())
        && on > *d
    {
        return Err(Refusal::AfterLater {
            moment: name,
            on,
            later: *next,
            later_on: *d,
        }
        .into());
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
