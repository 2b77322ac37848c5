//! A year's budget: its lines as imported, the monthly figures typed in the
//! app, the cabinet's disbursement targets, and the column mappings
//! remembered for a file layout. Amounts are stored as decimal text.

use sqlx::SqliteConnection;

use crate::change::Change;
use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::refusal::{AmountProblem, Refusal, Thing};

use super::effect::{Done, Effect};
use super::place::check_editable;
use super::read;

pub(super) async fn import_budget(
    conn: &mut SqliteConnection,
    budget: Box<crate::budget::BudgetDoc>,
    replace: bool,
) -> Result<Effect> {
    crate::budget::validate(&budget)?;
    let old = replace_budget(conn, &budget, replace).await?;
    let year_be = budget.year_be;
    let replaced = old.map(|d| serde_json::to_value(d).expect("a BudgetDoc serialises"));
    Ok(Effect::of(
        Change::ImportBudget { budget, replace },
        year_be,
        None,
        replaced,
    ))
}

pub(super) async fn set_month_figure(
    conn: &mut SqliteConnection,
    line_id: Id,
    month: u8,
    field: crate::budget::MonthField,
    amount: String,
) -> Result<Done> {
    let value = crate::money::parse_amount(&amount)?;
    if value.scale() > crate::money::PLACES {
        return Err(Refusal::NotAnAmount {
            text: amount.clone(),
            problem: AmountProblem::TooManyDecimals,
        }
        .into());
    }
    if !(1..=12).contains(&month) {
        return Err(Refusal::NotAFiscalMonth { month: month.into() }.into());
    }
    let (year_be, old) = write_month_figure(conn, line_id, month, field, value).await?;
    let inverse = Change::SetMonthFigure {
        line_id,
        month,
        field,
        amount: old.unwrap_or_else(|| "0".into()),
    };
    let amount = value.to_string();
    let change = Change::SetMonthFigure {
        line_id,
        month,
        field,
        amount,
    };
    Ok(Done {
        change,
        year_be,
        inverse: Some(inverse),
    })
}

pub(super) async fn set_target(
    conn: &mut SqliteConnection,
    year_be: i32,
    scope: crate::budget::TargetScope,
    quarter: u8,
    percent: Option<String>,
) -> Result<Done> {
    if !(1..=4).contains(&quarter) {
        return Err(Refusal::NotAQuarter {
            quarter: quarter.into(),
        }
        .into());
    }
    let value = match &percent {
        Some(p) => {
            let v = crate::money::parse_amount(p.trim_end_matches('%').trim())?;
            if v.is_sign_negative() || v > rust_decimal::Decimal::ONE_HUNDRED {
                return Err(Refusal::NotAPercentage { text: p.clone() }.into());
            }
            Some(v)
        }
        None => None,
    };
    let (year_id, status): (i64, String) = sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))?;
    check_editable(year_be, &status)?;
    let scope_text = match scope {
        crate::budget::TargetScope::Overall => "overall",
        crate::budget::TargetScope::Investment => "investment",
    };
    let old: Option<String> = sqlx::query_scalar(
        "SELECT percent FROM disbursement_target WHERE year_id = ?1 AND scope = ?2 AND quarter = ?3",
    )
    .bind(year_id)
    .bind(scope_text)
    .bind(quarter)
    .fetch_optional(&mut *conn)
    .await?;
    match value {
        Some(v) => {
            sqlx::query(
                "INSERT INTO disbursement_target (year_id, scope, quarter, percent) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (year_id, scope, quarter) DO UPDATE SET percent = excluded.percent",
            )
            .bind(year_id)
            .bind(scope_text)
            .bind(quarter)
            .bind(v.to_string())
            .execute(&mut *conn)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM disbursement_target WHERE year_id = ?1 AND scope = ?2 AND quarter = ?3")
                .bind(year_id)
                .bind(scope_text)
                .bind(quarter)
                .execute(&mut *conn)
                .await?;
        }
    }
    let percent = value.map(|v| v.to_string());
    let inverse = Change::SetTarget {
        year_be,
        scope,
        quarter,
        percent: old,
    };
    let change = Change::SetTarget {
        year_be,
        scope,
        quarter,
        percent,
    };
    Ok(Done {
        change,
        year_be,
        inverse: Some(inverse),
    })
}

pub(super) async fn remember_mapping(
    conn: &mut SqliteConnection,
    headers: Vec<String>,
    mapping: std::collections::BTreeMap<String, String>,
) -> Result<Effect> {
    crate::budget_import::check_mapping(&headers, &mapping)?;
    let layout = crate::budget_import::layout_key(&headers);
    let old: Option<String> = sqlx::query_scalar("SELECT mapping FROM import_mapping WHERE layout = ?1")
        .bind(&layout)
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO import_mapping (layout, mapping) VALUES (?1, ?2) \
         ON CONFLICT (layout) DO UPDATE SET mapping = excluded.mapping",
    )
    .bind(&layout)
    .bind(serde_json::to_string(&mapping).expect("a map serialises"))
    .execute(&mut *conn)
    .await?;
    let replaced = serde_json::json!({ "mapping": old });
    Ok(Effect::of(
        Change::RememberMapping { headers, mapping },
        0,
        None,
        Some(replaced),
    ))
}

/// Replaces a year's budget. Returns the budget it replaced, if any.
async fn replace_budget(
    conn: &mut SqliteConnection,
    doc: &crate::budget::BudgetDoc,
    replace: bool,
) -> Result<Option<crate::budget::BudgetDoc>> {
    let year_be = doc.year_be;
    let (year_id, status): (i64, String) = sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))?;
    check_editable(year_be, &status)?;
    let old = read::budget(conn, year_be).await?;
    let had = !old.lines.is_empty() || !old.targets.is_empty();
    if had && !replace {
        return Err(Refusal::BudgetExists { year_be }.into());
    }
    sqlx::query("DELETE FROM budget_line WHERE year_id = ?1")
        .bind(year_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM disbursement_target WHERE year_id = ?1")
        .bind(year_id)
        .execute(&mut *conn)
        .await?;
    for (pos, l) in doc.lines.iter().enumerate() {
        let line_id: i64 = sqlx::query_scalar(
            "INSERT INTO budget_line (year_id, position, division, category, item, plan, source, allocated, \
                                      transfer_in, transfer_out) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        )
        .bind(year_id)
        .bind(pos as i64)
        .bind(l.division.trim())
        .bind(l.category.as_str())
        .bind(l.item.map_or("", |i| i.as_str()))
        .bind(l.plan.trim())
        .bind(l.source.trim())
        .bind(l.allocated.to_string())
        .bind(l.transfer_in.to_string())
        .bind(l.transfer_out.to_string())
        .fetch_one(&mut *conn)
        .await?;
        for m in &l.months {
            sqlx::query(
                "INSERT INTO budget_month (line_id, month, planned, disbursed, committed) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(line_id)
            .bind(m.month)
            .bind(m.planned.to_string())
            .bind(m.disbursed.to_string())
            .bind(m.committed.to_string())
            .execute(&mut *conn)
            .await?;
        }
    }
    for t in &doc.targets {
        let scope = match t.scope {
            crate::budget::TargetScope::Overall => "overall",
            crate::budget::TargetScope::Investment => "investment",
        };
        sqlx::query("INSERT INTO disbursement_target (year_id, scope, quarter, percent) VALUES (?1, ?2, ?3, ?4)")
            .bind(year_id)
            .bind(scope)
            .bind(t.quarter)
            .bind(t.percent.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(had.then_some(old))
}

/// Writes one month's figure of a line; returns the year and the old value.
async fn write_month_figure(
    conn: &mut SqliteConnection,
    line_id: i64,
    month: u8,
    field: crate::budget::MonthField,
    value: rust_decimal::Decimal,
) -> Result<(i32, Option<String>)> {
    use crate::budget::MonthField;
    let (year_be, status): (i32, String) = sqlx::query_as(
        "SELECT y.year_be, y.status FROM budget_line l JOIN fiscal_year y ON y.id = l.year_id WHERE l.id = ?1",
    )
    .bind(line_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(Thing::BudgetLine, line_id))?;
    check_editable(year_be, &status)?;
    let (select, upsert) = match field {
        MonthField::Planned => (
            "SELECT planned FROM budget_month WHERE line_id = ?1 AND month = ?2",
            "INSERT INTO budget_month (line_id, month, planned) VALUES (?1, ?2, ?3) \
             ON CONFLICT (line_id, month) DO UPDATE SET planned = excluded.planned",
        ),
        MonthField::Disbursed => (
            "SELECT disbursed FROM budget_month WHERE line_id = ?1 AND month = ?2",
            "INSERT INTO budget_month (line_id, month, disbursed) VALUES (?1, ?2, ?3) \
             ON CONFLICT (line_id, month) DO UPDATE SET disbursed = excluded.disbursed",
        ),
        MonthField::Committed => (
            "SELECT committed FROM budget_month WHERE line_id = ?1 AND month = ?2",
            "INSERT INTO budget_month (line_id, month, committed) VALUES (?1, ?2, ?3) \
             ON CONFLICT (line_id, month) DO UPDATE SET committed = excluded.committed",
        ),
    };
    let old: Option<String> = sqlx::query_scalar(select)
        .bind(line_id)
        .bind(month)
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query(upsert)
        .bind(line_id)
        .bind(month)
        .bind(value.to_string())
        .execute(&mut *conn)
        .await?;
    Ok((year_be, old))
}
