//! The rules that bind a new record (ข้อ 207–209 with separation of duties:
//! the borrower never approves, hands over or receives their own loan; no
//! step dated after today or before the asset was acquired; disposal is
//! final). `verify` replays a history recorded before them as it was.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::Change;
use crate::error::{CoreError, Result};

use super::base::*;
use super::read::loan_row;

/// The rules a new record keeps beyond its state machine (see [`apply`]).
pub(in crate::store) async fn check_new_record(conn: &mut SqliteConnection, change: &Change) -> Result<()> {
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
