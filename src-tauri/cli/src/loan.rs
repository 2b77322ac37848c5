//! Loans of durable supplies (ข้อ 207–209): request, approve or refuse,
//! hand over, return, settle, correct; the list and the slip.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::assets::{Authority, LoanFilter, LoanRequest, LoanStep, ReturnCondition, Settlement};
use prongsai_core::{Change, CoreError, Store, documents};

use crate::args::{parse_date, today};
use crate::output::{ListFormat, Out};

#[derive(Subcommand)]
pub enum LoanCommand {
    /// Request a loan of an asset
    Request {
        #[arg(long)]
        asset: String,
        #[arg(long)]
        borrower: String,
        #[arg(long, default_value = "")]
        position: String,
        #[arg(long, default_value = "")]
        division: String,
        #[arg(long)]
        purpose: String,
        /// The asset is used outside the office
        #[arg(long)]
        outside: bool,
        /// The borrowing date
        #[arg(long, value_parser = parse_date)]
        from: chrono::NaiveDate,
        /// The date it is due back
        #[arg(long, value_parser = parse_date)]
        due: chrono::NaiveDate,
        /// The request's date [default: today]
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Approve a requested loan
    Approve {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        /// Decided by a delegate of the head of the agency
        #[arg(long)]
        delegate: bool,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Refuse a requested loan, with the reason
    Refuse {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long)]
        delegate: bool,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Hand an approved loan's asset over
    Handover {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        by: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Record the return: good, damaged or lost
    Return {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        condition: ReturnCondition,
        #[arg(long)]
        received_by: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// How damage or loss was made good (ข้อ 209)
    Settle {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        how: Settlement,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_parser = parse_date)]
        on: Option<chrono::NaiveDate>,
    },
    /// Correct a recorded step's date (and who did it), with the reason: the
    /// correction is recorded, the step is never left wrong
    Correct {
        #[arg(long)]
        id: i64,
        #[arg(long, value_enum)]
        step: LoanStep,
        /// The step's right date
        #[arg(long, value_parser = parse_date)]
        on: chrono::NaiveDate,
        /// Who did the step [default: as recorded]
        #[arg(long, default_value = "")]
        by: String,
        #[arg(long)]
        reason: String,
    },
    /// List loans
    List {
        /// Only loans out past their due date (on --as-of)
        #[arg(long)]
        overdue: bool,
        /// Only loans out and due within this many days
        #[arg(long)]
        due_within: Option<u32>,
        #[arg(long)]
        borrower: Option<String>,
        /// The day to judge "overdue" and "due within" by [default: today]
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write a loan's borrowing slip (แบบฟอร์มการยืมพัสดุ) as PDF
    Slip {
        #[arg(long)]
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

impl LoanCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        matches!(self, LoanCommand::List { .. } | LoanCommand::Slip { .. })
    }
}

pub async fn run(store: &Store, command: LoanCommand, out: &mut Out) -> Result<(), CoreError> {
    let authority = |delegate: bool| if delegate { Authority::Delegate } else { Authority::Head };
    let (change, id) = match command {
        LoanCommand::Request {
            asset,
            borrower,
            position,
            division,
            purpose,
            outside,
            from,
            due,
            on,
        } => {
            let change = Change::RequestLoan {
                request: LoanRequest {
                    asset_number: asset,
                    borrower,
                    position,
                    division,
                    purpose,
                    outside,
                    borrow_on: from,
                    due_on: due,
                },
                on: on.unwrap_or_else(today),
            };
            let applied = store.apply(change).await?;
            let id = applied
                .created
                .ok_or_else(|| CoreError::Database("the request created no loan".into()))?;
            return out.line(format_args!("loan {id} requested"));
        }
        LoanCommand::Approve { id, by, delegate, on } => (
            Change::DecideLoan {
                loan_id: id,
                approve: true,
                by,
                authority: authority(delegate),
                on: on.unwrap_or_else(today),
                reason: String::new(),
            },
            id,
        ),
        LoanCommand::Refuse {
            id,
            by,
            delegate,
            reason,
            on,
        } => (
            Change::DecideLoan {
                loan_id: id,
                approve: false,
                by,
                authority: authority(delegate),
                on: on.unwrap_or_else(today),
                reason,
            },
            id,
        ),
        LoanCommand::Handover { id, by, on } => (
            Change::HandOverLoan {
                loan_id: id,
                on: on.unwrap_or_else(today),
                by,
            },
            id,
        ),
        LoanCommand::Return {
            id,
            condition,
            received_by,
            on,
        } => (
            Change::ReturnLoan {
                loan_id: id,
                on: on.unwrap_or_else(today),
                condition,
                received_by,
            },
            id,
        ),
        LoanCommand::Correct {
            id,
            step,
            on,
            by,
            reason,
        } => (
            Change::CorrectLoan {
                loan_id: id,
                step,
                on,
                by,
                reason,
            },
            id,
        ),
        LoanCommand::Settle { id, how, note, on } => (
            Change::SettleLoan {
                loan_id: id,
                settlement: how,
                note,
                on: on.unwrap_or_else(today),
            },
            id,
        ),
        LoanCommand::List {
            overdue,
            due_within,
            borrower,
            as_of,
            format,
        } => {
            let day = as_of.unwrap_or_else(today);
            let filter = LoanFilter {
                state: None,
                overdue_on: overdue.then_some(day),
                due_within,
                borrower,
            };
            let loans = store.loans(&filter, day).await?;
            return out.list(format, &loans, |l| {
                format!(
                    "{}\t{}\t{}\t{}\tdue {}{}",
                    l.id,
                    l.state.as_str(),
                    l.asset_number(),
                    l.request.borrower,
                    l.request.due_on,
                    if l.overdue(day) { "\toverdue" } else { "" }
                )
            });
        }
        LoanCommand::Slip { id, out: path } => {
            return out.wrote(&documents::export_loan_slip(store, id, &path).await?);
        }
    };
    store.apply(change).await?;
    let loan = store.loan(id).await?;
    out.line(format_args!(
        "loan {id} is now {}",
        loan.state.as_str().replace('_', " ")
    ))
}
