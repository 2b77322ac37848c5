//! The rules that bind a new record (ข้อ 207–209 with separation of duties:
//! the borrower never approves, hands over or receives their own loan; no
//! step dated after today or before the asset was acquired; disposal is
//! final). `verify` replays a history recorded before them as it was.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::Change;
use crate::error::{CoreError, Result};
use crate::refusal::{Duty, Moment, Refusal};

use super::base::*;
use super::read::loan_row;

/// The rules a new record keeps beyond its state machine (see [`apply`]).
pub(in crate::store) async fn check_new_record(conn: &mut SqliteConnection, change: &Change) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let not_after_today = |moment: Moment, on: NaiveDate| {
        if on > today {
            return Err(CoreError::from(Refusal::AfterToday { moment, on, today }));
        }
        Ok(())
    };
    let not_the_borrower = |duty: Duty, who: &str, loan: &crate::assets::Loan| {
        if crate::assets::same_person(who, &loan.request.borrower) {
            return Err(CoreError::from(Refusal::BorrowerDuty {
                who: who.to_owned(),
                duty,
            }));
        }
        Ok(())
    };
    match change {
        Change::SetAssetStatus { number, on, .. } => {
            not_after_today(Moment::StatusChange, *on)?;
            let id = asset_id(conn, number).await?;
            if asset_status(conn, id).await? == AssetStatus::Disposed {
                return Err(Refusal::Disposed { number: number.clone() }.into());
            }
        }
        Change::RequestLoan { request, on } => {
            not_after_today(Moment::Request, *on)?;
            let id = asset_id(conn, &request.asset_number).await?;
            let acquired: String = sqlx::query_scalar("SELECT acquired_on FROM asset WHERE id = ?1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?;
            if let Ok(acquired) = NaiveDate::parse_from_str(&acquired, "%Y-%m-%d") {
                after(Moment::Request, *on, acquired, Moment::Acquisition)?;
            }
        }
        Change::DecideLoan { loan_id, by, on, .. } => {
            not_after_today(Moment::Decision, *on)?;
            not_the_borrower(Duty::Decide, by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::HandOverLoan { loan_id, by, on } => {
            not_after_today(Moment::HandOver, *on)?;
            not_the_borrower(Duty::HandOver, by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::ReturnLoan {
            loan_id,
            on,
            received_by,
            ..
        } => {
            not_after_today(Moment::Return, *on)?;
            not_the_borrower(Duty::ReceiveBack, received_by, &loan_row(conn, *loan_id).await?)?;
        }
        Change::SettleLoan { on, .. } => not_after_today(Moment::Settlement, *on)?,
        Change::CorrectLoan { loan_id, on, by, .. } => {
            not_after_today(Moment::Correction, *on)?;
            if !by.trim().is_empty() {
                not_the_borrower(Duty::Correct, by, &loan_row(conn, *loan_id).await?)?;
            }
        }
        _ => {}
    }
    Ok(())
}
