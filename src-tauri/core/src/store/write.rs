//! The write path. Only [`apply`] is reachable from outside the store, and
//! only inside the transaction that [`super::Store::apply`] opened.

use base64::Engine;
use sqlx::SqliteConnection;

use crate::change::{Applied, Change, TextTarget, clean_text};

use super::edit::{Done, Mode};
use crate::domain::{Emblem, Evidence, MemoDoc, ReportDoc, YearStatus};
use crate::error::{CoreError, Result};

/// Applies `change` and appends it to the log (hash-chained). `mode` and
/// `reverts` mark an undo or a redo and the entry it reverses.
pub(super) async fn apply(
    conn: &mut SqliteConnection,
    change: Change,
    actor: &str,
    mode: Mode,
    reverts: Option<i64>,
    rules: Rules,
) -> Result<Applied> {
    let done = apply_change(conn, change, mode, rules).await?;
    let before = match (&done.inverse, done.replaced) {
        (Some(inverse), _) => Some(serde_json::json!({ "undo": inverse })),
        (None, Some(replaced)) => Some(serde_json::json!({ "replaced": replaced })),
        (None, None) => None,
    };
    let change_json = serde_json::to_string(&done.change).expect("a Change serialises");
    let before = before.map(|b| b.to_string());
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    // The next link of the hash chain (writers are serialised by BEGIN IMMEDIATE).
    let change_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM change_log")
        .fetch_one(&mut *conn)
        .await?;
    let prev = super::history::last_hash(conn).await?;
    let entry = super::history::EntryRef {
        id: change_id,
        at: &at,
        actor,
        change: &change_json,
        before: before.as_deref(),
        kind: mode.as_str(),
        reverts,
    };
    let hash = super::history::entry_hash(&prev, &entry);
    sqlx::query(
        "INSERT INTO change_log (id, at, actor, change, before, prev_hash, hash, kind, reverts) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )
    .bind(change_id)
    .bind(&at)
    .bind(actor)
    .bind(&change_json)
    .bind(&before)
    .bind(&prev)
    .bind(&hash)
    .bind(mode.as_str())
    .bind(reverts)
    .execute(&mut *conn)
    .await?;
    Ok(Applied {
        change_id,
        year_be: done.year_be,
    })
}

/// Whether the rules that bind a user's new records are checked: always,
/// but when `verify` replays a history recorded under older rules, which
/// must replay as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rules {
    Check,
    AsRecorded,
}

/// A change as applied, before it is logged.
pub(super) struct Applying {
    pub change: Change,
    pub year_be: i32,
    /// What undoes it; `None` for a change that cannot be undone (an import).
    pub inverse: Option<Change>,
    /// What an import replaced, kept in the log.
    pub replaced: Option<serde_json::Value>,
}

impl From<Done> for Applying {
    fn from(d: Done) -> Self {
        Applying {
            change: d.change,
            year_be: d.year_be,
            inverse: d.inverse,
            replaced: None,
        }
    }
}

/// Applies one change without logging it (a batch applies several).
pub(super) async fn apply_one(conn: &mut SqliteConnection, change: Change, mode: Mode) -> Result<Done> {
    let a = apply_change(conn, change, mode, Rules::Check).await?;
    Ok(Done {
        change: a.change,
        year_be: a.year_be,
        inverse: a.inverse,
    })
}

async fn apply_change(conn: &mut SqliteConnection, change: Change, mode: Mode, rules: Rules) -> Result<Applying> {
    let change = match super::edit::apply(conn, change, mode).await? {
        Ok(done) => return Ok(done.into()),
        Err(other) => other,
    };
    // Asset records: kept, never undone (no inverse), and passed over by undo.
    let change = match super::assets::apply(conn, change, rules == Rules::Check).await? {
        Ok(done) => {
            return Ok(Applying {
                change: done,
                year_be: 0,
                inverse: None,
                replaced: None,
            });
        }
        Err(other) => other,
    };
    let (change, year_be, inverse, replaced) = match change {
        Change::SetText { target, text } => {
            let text = clean_text(target.field_name(), &text, target.required())?;
            let (year_be, old) = set_text(conn, target, &text).await?;
            let inverse = Change::SetText { target, text: old };
            (Change::SetText { target, text }, year_be, Some(inverse), None)
        }
        Change::ImportReport { doc, replace } => {
            let doc = crate::doc::normalize(*doc)?;
            if rules == Rules::Check {
                check_import_status(conn, &doc).await?;
            }
            let old = import(conn, &doc, replace).await?;
            let year_be = doc.year.year_be;
            let replaced = old.map(|d| serde_json::to_value(d).expect("a ReportDoc serialises"));
            let change = Change::ImportReport {
                doc: Box::new(doc),
                replace,
            };
            (change, year_be, None, replaced)
        }
        Change::ImportBudget { budget, replace } => {
            crate::budget::validate(&budget)?;
            let old = import_budget(conn, &budget, replace).await?;
            let year_be = budget.year_be;
            let replaced = old.map(|d| serde_json::to_value(d).expect("a BudgetDoc serialises"));
            (Change::ImportBudget { budget, replace }, year_be, None, replaced)
        }
        Change::SetMonthFigure {
            line_id,
            month,
            field,
            amount,
        } => {
            let value = crate::money::parse_amount(&amount)?;
            if value.scale() > crate::money::PLACES {
                return Err(CoreError::InvalidInput(format!(
                    "{amount} has more than two decimal places"
                )));
            }
            if !(1..=12).contains(&month) {
                return Err(CoreError::InvalidInput(format!("{month} is not a fiscal month (1–12)")));
            }
            let (year_be, old) = set_month_figure(conn, line_id, month, field, value).await?;
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
            (change, year_be, Some(inverse), None)
        }
        Change::SetTarget {
            year_be,
            scope,
            quarter,
            percent,
        } => {
            if !(1..=4).contains(&quarter) {
                return Err(CoreError::InvalidInput(format!("{quarter} is not a quarter (1–4)")));
            }
            let value = match &percent {
                Some(p) => {
                    let v = crate::money::parse_amount(p.trim_end_matches('%').trim())?;
                    if v.is_sign_negative() || v > rust_decimal::Decimal::ONE_HUNDRED {
                        return Err(CoreError::InvalidInput(format!("{p} is not a percentage (0–100)")));
                    }
                    Some(v)
                }
                None => None,
            };
            let (year_id, status): (i64, String) =
                sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
                    .bind(year_be)
                    .fetch_optional(&mut *conn)
                    .await?
                    .ok_or_else(|| CoreError::not_found(format!("fiscal year {year_be}")))?;
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
            (change, year_be, Some(inverse), None)
        }
        Change::RememberMapping { headers, mapping } => {
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
            (Change::RememberMapping { headers, mapping }, 0, None, Some(replaced))
        }
        Change::SetEmblem { emblem } => {
            if let Some(e) = &emblem {
                crate::doc::check_image(&e.mime, &e.data, "emblem")?;
            }
            let old = set_emblem(conn, emblem.as_ref()).await?;
            // The emblem is the organization's: it belongs to no year.
            let inverse = Change::SetEmblem { emblem: old };
            (Change::SetEmblem { emblem }, 0, Some(inverse), None)
        }
        other => unreachable!("{} is applied by store::edit", other.kind()),
    };
    Ok(Applying {
        change,
        year_be,
        inverse,
        replaced,
    })
}

/// Refuses edits to a year that is approved or published.
pub(super) fn check_editable(year_be: i32, status: &str) -> Result<()> {
    match YearStatus::parse(status) {
        Some(YearStatus::Draft) => Ok(()),
        _ => Err(CoreError::YearLocked {
            year_be,
            status: status.to_owned(),
        }),
    }
}

/// Writes one text field; returns the year it belongs to and the old text.
/// Whether `base`, the text an edit began from (as shown: Thai digits,
/// untrimmed), is the stored text `stored`.
pub(super) fn is_base(base: &str, stored: &str) -> bool {
    base == stored || clean_text("", base, false).is_ok_and(|b| b == stored)
}

/// A text field's stored value.
pub(super) async fn text_of(conn: &mut SqliteConnection, target: TextTarget) -> Result<String> {
    let (select, _, id) = text_sql(target);
    let (old, _, _): (String, i32, String) = sqlx::query_as(select)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("{} {id}", target.field_name())))?;
    Ok(old)
}

/// (select old value + year + status, update) — static SQL per target.
fn text_sql(target: TextTarget) -> (&'static str, &'static str, i64) {
    match target {
        TextTarget::MeasureTitle(id) => (
            "SELECT x.title, y.year_be, y.status FROM measure x JOIN fiscal_year y ON y.id = x.year_id WHERE x.id = ?1",
            "UPDATE measure SET title = ?2 WHERE id = ?1",
            id,
        ),
        TextTarget::MeasureRemarks(id) => (
            "SELECT x.remarks, y.year_be, y.status FROM measure x JOIN fiscal_year y ON y.id = x.year_id WHERE x.id = ?1",
            "UPDATE measure SET remarks = ?2 WHERE id = ?1",
            id,
        ),
        TextTarget::Activity(id) => (
            "SELECT x.text, y.year_be, y.status FROM activity x JOIN measure m ON m.id = x.measure_id \
             JOIN fiscal_year y ON y.id = m.year_id WHERE x.id = ?1",
            "UPDATE activity SET text = ?2 WHERE id = ?1",
            id,
        ),
        TextTarget::Result(id) => (
            "SELECT x.text, y.year_be, y.status FROM result x JOIN measure m ON m.id = x.measure_id \
             JOIN fiscal_year y ON y.id = m.year_id WHERE x.id = ?1",
            "UPDATE result SET text = ?2 WHERE id = ?1",
            id,
        ),
        TextTarget::Outcome(id) => (
            "SELECT x.text, y.year_be, y.status FROM outcome x JOIN fiscal_year y ON y.id = x.year_id WHERE x.id = ?1",
            "UPDATE outcome SET text = ?2 WHERE id = ?1",
            id,
        ),
    }
}

async fn set_text(conn: &mut SqliteConnection, target: TextTarget, text: &str) -> Result<(i32, String)> {
    let (select, update, id) = text_sql(target);
    let (old, year_be, status): (String, i32, String) = sqlx::query_as(select)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("{} {id}", target.field_name())))?;
    check_editable(year_be, &status)?;
    sqlx::query(update).bind(id).bind(text).execute(&mut *conn).await?;
    Ok((year_be, old))
}

/// An import neither replaces an approved or published year (it is
/// read-only, like to every other change) nor brings a status of its own:
/// a status is set only by the status commands, with who and when.
async fn check_import_status(conn: &mut SqliteConnection, doc: &ReportDoc) -> Result<()> {
    let year_be = doc.year.year_be;
    let existing: Option<String> = sqlx::query_scalar("SELECT status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(status) = existing {
        check_editable(year_be, &status)?;
    }
    if doc.year.status != YearStatus::Draft {
        return Err(CoreError::InvalidInput(format!(
            "the file says fiscal year {year_be} is {}; an imported year is a draft: import it as a draft, \
             then approve or publish it with the status commands",
            doc.year.status.as_str()
        )));
    }
    Ok(())
}

/// Loads a whole year. Returns the document it replaced, if any.
async fn import(conn: &mut SqliteConnection, doc: &ReportDoc, replace: bool) -> Result<Option<ReportDoc>> {
    let year_be = doc.year.year_be;
    let org_id: Option<i64> = sqlx::query_scalar("SELECT id FROM organization ORDER BY id LIMIT 1")
        .fetch_optional(&mut *conn)
        .await?;
    // A database belongs to one agency: the first import creates it, later
    // imports keep the organization as the user set it.
    let org_id = match org_id {
        Some(id) => id,
        None => {
            let o = &doc.organization;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO organization (name_th, name_en, ministry, doc_prefix, digits, orientation) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )
            .bind(&o.name_th)
            .bind(&o.name_en)
            .bind(&o.ministry)
            .bind(&o.doc_prefix)
            .bind(o.digits.as_str())
            .bind(o.orientation.as_str())
            .fetch_one(&mut *conn)
            .await?;
            for (pos, name) in o.divisions.iter().enumerate() {
                sqlx::query("INSERT INTO division (organization_id, position, name) VALUES (?1, ?2, ?3)")
                    .bind(id)
                    .bind(pos as i64)
                    .bind(name)
                    .execute(&mut *conn)
                    .await
                    .map_err(|e| dup_division(e, name))?;
            }
            super::edit::write_channels(conn, id, &o.channels).await?;
            id
        }
    };

    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?;
    let before = match existing {
        Some(_) if !replace => return Err(CoreError::YearExists { year_be }),
        Some(id) => {
            let old = super::read::report(conn, year_be).await?.to_doc();
            sqlx::query("DELETE FROM fiscal_year WHERE id = ?1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            Some(old)
        }
        None => None,
    };

    let y = &doc.year;
    let sig = &y.signatures;
    let year_id: i64 = sqlx::query_scalar(
        "INSERT INTO fiscal_year (organization_id, year_be, status, title, heading, part1_heading, part2_heading, \
                                  reporter_name, reporter_position, approver_name, approver_position, approved_on, \
                                  oit_code, status_by, status_at, published_url, reopen_reason) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) RETURNING id",
    )
    .bind(org_id)
    .bind(year_be)
    .bind(y.status.as_str())
    .bind(y.title.join("\n"))
    .bind(y.heading.join("\n"))
    .bind(&y.part1_heading)
    .bind(&y.part2_heading)
    .bind(&sig.reporter_name)
    .bind(&sig.reporter_position)
    .bind(&sig.approver_name)
    .bind(&sig.approver_position)
    .bind(sig.approved_on.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(&y.oit_code)
    .bind(&y.trail.by)
    .bind(&y.trail.at)
    .bind(&y.trail.published_url)
    .bind(&y.trail.reopen_reason)
    .fetch_one(&mut *conn)
    .await?;
    super::edit::insert_oit_items(conn, year_id, &y.oit_items).await?;

    for (mpos, m) in doc.measures.iter().enumerate() {
        let measure_id: i64 = sqlx::query_scalar(
            "INSERT INTO measure (year_id, position, title, remarks, oit_code) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(year_id)
        .bind(mpos as i64)
        .bind(&m.title)
        .bind(&m.remarks)
        .bind(&m.oit_code)
        .fetch_one(&mut *conn)
        .await?;
        for (pos, a) in m.activities.iter().enumerate() {
            sqlx::query("INSERT INTO activity (measure_id, position, level, text) VALUES (?1, ?2, ?3, ?4)")
                .bind(measure_id)
                .bind(pos as i64)
                .bind(a.level)
                .bind(&a.text)
                .execute(&mut *conn)
                .await?;
        }
        for (pos, r) in m.results.iter().enumerate() {
            let result_id: i64 = sqlx::query_scalar(
                "INSERT INTO result (measure_id, position, level, text) VALUES (?1, ?2, ?3, ?4) RETURNING id",
            )
            .bind(measure_id)
            .bind(pos as i64)
            .bind(r.level)
            .bind(&r.text)
            .fetch_one(&mut *conn)
            .await?;
            for (epos, e) in r.evidence.iter().enumerate() {
                insert_evidence(conn, None, result_id, epos as i64, e).await?;
            }
        }
    }
    // The year's memos: those dated in it are replaced by the document's.
    let (from, to) = crate::thai::fiscal_year_bounds(year_be)?;
    sqlx::query("DELETE FROM memo WHERE organization_id = ?1 AND date BETWEEN ?2 AND ?3")
        .bind(org_id)
        .bind(from.format("%Y-%m-%d").to_string())
        .bind(to.format("%Y-%m-%d").to_string())
        .execute(&mut *conn)
        .await?;
    for m in &doc.memos {
        insert_memo(conn, org_id, m).await?;
    }
    for (pos, text) in doc.outcomes.iter().enumerate() {
        sqlx::query("INSERT INTO outcome (year_id, position, text) VALUES (?1, ?2, ?3)")
            .bind(year_id)
            .bind(pos as i64)
            .bind(text)
            .execute(&mut *conn)
            .await?;
    }
    Ok(before)
}

fn dup_division(e: sqlx::Error, name: &str) -> CoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            CoreError::InvalidInput(format!("division \"{name}\" is listed twice"))
        }
        _ => e.into(),
    }
}

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
                .map_err(|e| CoreError::InvalidInput(format!("image data is not base64: {e}")))?;
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

async fn insert_memo(conn: &mut SqliteConnection, org_id: i64, m: &MemoDoc) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO memo (organization_id, number, date, urgency, division, subject, recipient, body, \
                           signer_name, signer_position) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
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
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            CoreError::InvalidInput(format!("memo {} of {} is listed twice", m.number, m.date))
        }
        _ => e.into(),
    })?;
    Ok(id)
}

/// Sets or clears the organization's emblem.
async fn set_emblem(conn: &mut SqliteConnection, emblem: Option<&Emblem>) -> Result<Option<Emblem>> {
    let old = super::read::organization(conn).await?;
    let (mime, data) = match emblem {
        Some(e) => (
            Some(e.mime.clone()),
            Some(
                base64::engine::general_purpose::STANDARD
                    .decode(e.data.as_bytes())
                    .map_err(|err| CoreError::InvalidInput(format!("emblem data is not base64: {err}")))?,
            ),
        ),
        None => (None, None),
    };
    sqlx::query("UPDATE organization SET emblem_mime = ?1, emblem_data = ?2 WHERE id = ?3")
        .bind(mime)
        .bind(data)
        .bind(old.id)
        .execute(&mut *conn)
        .await?;
    Ok(old.emblem)
}

/// Replaces a year's budget. Returns the budget it replaced, if any.
async fn import_budget(
    conn: &mut SqliteConnection,
    doc: &crate::budget::BudgetDoc,
    replace: bool,
) -> Result<Option<crate::budget::BudgetDoc>> {
    let year_be = doc.year_be;
    let (year_id, status): (i64, String) = sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("fiscal year {year_be}")))?;
    check_editable(year_be, &status)?;
    let old = super::read::budget(conn, year_be).await?;
    let had = !old.lines.is_empty() || !old.targets.is_empty();
    if had && !replace {
        return Err(CoreError::InvalidInput(format!(
            "fiscal year {year_be} already has a budget; replace it explicitly"
        )));
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
async fn set_month_figure(
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
    .ok_or_else(|| CoreError::not_found(format!("budget line {line_id}")))?;
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
