//! The report's content: text fields, measures, activities, results,
//! outcomes and evidence (insert, delete, move, level, split, merge). Each
//! change returns the form recorded (ids filled in) and its inverse, which
//! is what undo applies.

use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::change::{
    Change, EvidenceSnap, ItemList, ItemRef, ItemSnap, MeasureSnap, TextTarget, clean_line, clean_text,
};
use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::refusal::{Refusal, Thing};

use super::effect::{Done, Mode};
use super::place::{List, check_editable, delete_row, draft_year, item_list, locate, move_row, open_gap};
use super::{read, rows};

pub(super) async fn set_text(conn: &mut SqliteConnection, target: TextTarget, text: String) -> Result<Done> {
    let text = clean_text(target.field_name(), &text, target.required())?;
    let (year_be, old) = write_text(conn, target, &text).await?;
    let inverse = Change::SetText { target, text: old };
    Ok(Done {
        change: Change::SetText { target, text },
        year_be,
        inverse: Some(inverse),
    })
}

pub(super) async fn insert_measure(
    conn: &mut SqliteConnection,
    year_be: i32,
    index: u32,
    mut measure: MeasureSnap,
) -> Result<Done> {
    let year_id = draft_year(conn, year_be).await?;
    let pos = open_gap(conn, List::Measure, year_id, index).await?;
    insert_measure_snap(conn, year_id, pos, &mut measure).await?;
    let id = measure.id.expect("inserted");
    Ok(Done {
        change: Change::InsertMeasure {
            year_be,
            index: pos as u32,
            measure,
        },
        year_be,
        inverse: Some(Change::DeleteMeasure { id }),
    })
}

pub(super) async fn delete_measure(conn: &mut SqliteConnection, id: Id) -> Result<Done> {
    let loc = locate(conn, List::Measure, id).await?;
    let report = read::report(conn, loc.year_be).await?;
    let measure = report
        .measures
        .iter()
        .find(|m| m.id == id)
        .map(measure_snap)
        .ok_or_else(|| CoreError::not_found(Thing::Measure, id))?;
    delete_row(conn, List::Measure, id, &loc).await?;
    Ok(Done {
        change: Change::DeleteMeasure { id },
        year_be: loc.year_be,
        inverse: Some(Change::InsertMeasure {
            year_be: loc.year_be,
            index: loc.pos as u32,
            measure,
        }),
    })
}

pub(super) async fn move_measure(conn: &mut SqliteConnection, id: Id, to: u32) -> Result<Done> {
    let loc = move_row(conn, List::Measure, id, to).await?;
    Ok(Done {
        change: Change::MoveMeasure { id, to },
        year_be: loc.year_be,
        inverse: Some(Change::MoveMeasure { id, to: loc.pos as u32 }),
    })
}

pub(super) async fn insert_item(
    conn: &mut SqliteConnection,
    list: ItemList,
    index: u32,
    mut item: ItemSnap,
) -> Result<Done> {
    let (l, parent, year_be) = match list {
        ItemList::Activities { measure_id } => (
            List::Activity,
            measure_id,
            locate(conn, List::Measure, measure_id).await?.year_be,
        ),
        ItemList::Results { measure_id } => (
            List::Result,
            measure_id,
            locate(conn, List::Measure, measure_id).await?.year_be,
        ),
        ItemList::Outcomes { year_be } => (List::Outcome, draft_year(conn, year_be).await?, year_be),
    };
    let pos = open_gap(conn, l, parent, index).await?;
    insert_item_snap(conn, l, parent, pos, &mut item).await?;
    let id = item.id.expect("inserted");
    Ok(Done {
        change: Change::InsertItem {
            list,
            index: pos as u32,
            item,
        },
        year_be,
        inverse: Some(Change::DeleteItem { item: l.item(id) }),
    })
}

pub(super) async fn delete_item(conn: &mut SqliteConnection, item: ItemRef) -> Result<Done> {
    let list = List::of(item);
    let loc = locate(conn, list, item.id()).await?;
    let snap = item_snap(conn, item).await?;
    delete_row(conn, list, item.id(), &loc).await?;
    Ok(Done {
        change: Change::DeleteItem { item },
        year_be: loc.year_be,
        inverse: Some(Change::InsertItem {
            list: item_list(item, &loc),
            index: loc.pos as u32,
            item: snap,
        }),
    })
}

pub(super) async fn move_item(conn: &mut SqliteConnection, item: ItemRef, to: u32) -> Result<Done> {
    let loc = move_row(conn, List::of(item), item.id(), to).await?;
    Ok(Done {
        change: Change::MoveItem { item, to },
        year_be: loc.year_be,
        inverse: Some(Change::MoveItem {
            item,
            to: loc.pos as u32,
        }),
    })
}

pub(super) async fn set_level(conn: &mut SqliteConnection, item: ItemRef, level: u8, mode: Mode) -> Result<Done> {
    check_level(level)?;
    let list = List::of(item);
    if list == List::Outcome {
        return Err(Refusal::OutcomeHasNoSubItems.into());
    }
    let loc = locate(conn, list, item.id()).await?;
    // The user's rule; undo and redo restore a recorded state as it
    // was (a move can leave a sub-item first: its undo must not stick).
    if level == 1 && loc.pos == 0 && mode == Mode::Do {
        return Err(Refusal::FirstItemNotSub.into());
    }
    let t = list.table();
    let old: u8 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT level FROM {t} WHERE id = ?1")))
        .bind(item.id())
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(AssertSqlSafe(format!("UPDATE {t} SET level = ?2 WHERE id = ?1")))
        .bind(item.id())
        .bind(level)
        .execute(&mut *conn)
        .await?;
    Ok(Done {
        change: Change::SetLevel { item, level },
        year_be: loc.year_be,
        inverse: Some(Change::SetLevel { item, level: old }),
    })
}

pub(super) async fn split_item(conn: &mut SqliteConnection, item: ItemRef, at: u32) -> Result<Change> {
    let list = List::of(item);
    let loc = locate(conn, list, item.id()).await?;
    let snap = item_snap(conn, item).await?;
    let at = at as usize;
    let chars = snap.text.chars().count();
    let head: String = snap.text.chars().take(at).collect();
    let tail: String = snap.text.chars().skip(at).collect();
    if at == 0 || at >= chars || head.trim().is_empty() || tail.trim().is_empty() {
        return Err(Refusal::SplitNeedsText.into());
    }
    let batch = Change::Batch {
        changes: vec![
            Change::SetText {
                target: item.text_target(),
                text: head,
            },
            Change::InsertItem {
                list: item_list(item, &loc),
                index: loc.pos as u32 + 1,
                item: ItemSnap {
                    id: None,
                    level: snap.level,
                    text: tail,
                    evidence: Vec::new(),
                },
            },
        ],
    };
    Ok(batch)
}

pub(super) async fn merge_item(conn: &mut SqliteConnection, item: ItemRef) -> Result<Change> {
    let list = List::of(item);
    let loc = locate(conn, list, item.id()).await?;
    let sql = format!(
        "SELECT id FROM {} WHERE {} = ?1 AND position = ?2",
        list.table(),
        list.parent()
    );
    let next: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(loc.parent)
        .bind(loc.pos + 1)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Refusal::NothingToJoin)?;
    let first = item_snap(conn, item).await?;
    let second = item_snap(conn, list.item(next)).await?;
    let mut changes = vec![
        Change::SetText {
            target: item.text_target(),
            text: format!("{} {}", first.text, second.text),
        },
        Change::DeleteItem { item: list.item(next) },
    ];
    for (i, e) in second.evidence.into_iter().enumerate() {
        changes.push(Change::InsertEvidence {
            result_id: item.id(),
            index: (first.evidence.len() + i) as u32,
            evidence: EvidenceSnap {
                id: None,
                evidence: e.evidence,
            },
        });
    }
    Ok(Change::Batch { changes })
}

pub(super) async fn insert_evidence(
    conn: &mut SqliteConnection,
    result_id: Id,
    index: u32,
    mut evidence: EvidenceSnap,
) -> Result<Done> {
    let loc = locate(conn, List::Result, result_id).await?;
    let pos = open_gap(conn, List::Evidence, result_id, index).await?;
    insert_evidence_snap(conn, result_id, pos, &mut evidence).await?;
    let id = evidence.id.expect("inserted");
    Ok(Done {
        change: Change::InsertEvidence {
            result_id,
            index: pos as u32,
            evidence,
        },
        year_be: loc.year_be,
        inverse: Some(Change::DeleteEvidence { id }),
    })
}

pub(super) async fn delete_evidence(conn: &mut SqliteConnection, id: Id) -> Result<Done> {
    let loc = locate(conn, List::Evidence, id).await?;
    let snap = evidence_snaps(conn, loc.parent)
        .await?
        .into_iter()
        .find(|e| e.id == Some(id))
        .ok_or_else(|| CoreError::not_found(Thing::Evidence, id))?;
    delete_row(conn, List::Evidence, id, &loc).await?;
    Ok(Done {
        change: Change::DeleteEvidence { id },
        year_be: loc.year_be,
        inverse: Some(Change::InsertEvidence {
            result_id: loc.parent,
            index: loc.pos as u32,
            evidence: snap,
        }),
    })
}

// ---------------------------------------------------------------- helpers

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
        .ok_or_else(|| CoreError::not_found(target.thing(), id))?;
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

/// Writes one text field; returns the year it belongs to and the old text.
async fn write_text(conn: &mut SqliteConnection, target: TextTarget, text: &str) -> Result<(i32, String)> {
    let (select, update, id) = text_sql(target);
    let (old, year_be, status): (String, i32, String) = sqlx::query_as(select)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(target.thing(), id))?;
    check_editable(year_be, &status)?;
    sqlx::query(update).bind(id).bind(text).execute(&mut *conn).await?;
    Ok((year_be, old))
}

fn check_level(level: u8) -> Result<()> {
    if level > 1 {
        return Err(Refusal::NotALevel { level: level.into() }.into());
    }
    Ok(())
}

pub(super) fn check_code(code: &str) -> Result<String> {
    let code = clean_line("OIT code", code, false)?;
    if code.chars().count() > 16 {
        return Err(Refusal::OitCodeTooLong { code }.into());
    }
    Ok(code)
}

pub(super) async fn insert_measure_snap(
    conn: &mut SqliteConnection,
    year_id: i64,
    pos: i64,
    m: &mut MeasureSnap,
) -> Result<()> {
    m.title = clean_text("measure title", &m.title, true)?;
    m.remarks = clean_text("remarks", &m.remarks, false)?;
    m.oit_code = check_code(&m.oit_code)?;
    let id = rows::insert_measure(conn, m.id, year_id, pos, (&m.title, &m.remarks, &m.oit_code)).await?;
    m.id = Some(id);
    for (i, a) in m.activities.iter_mut().enumerate() {
        Box::pin(insert_item_snap(conn, List::Activity, id, i as i64, a)).await?;
    }
    for (i, r) in m.results.iter_mut().enumerate() {
        Box::pin(insert_item_snap(conn, List::Result, id, i as i64, r)).await?;
    }
    Ok(())
}

pub(super) async fn insert_item_snap(
    conn: &mut SqliteConnection,
    list: List,
    parent: i64,
    pos: i64,
    item: &mut ItemSnap,
) -> Result<()> {
    check_level(item.level)?;
    let field = list.item(0).text_target().field_name();
    item.text = clean_text(field, &item.text, true)?;
    if list != List::Result && !item.evidence.is_empty() {
        return Err(Refusal::EvidenceOnlyOnResults.into());
    }
    if list == List::Outcome && item.level != 0 {
        return Err(Refusal::OutcomeHasNoSubItems.into());
    }
    let id = rows::insert_item(conn, list, item.id, parent, pos, (item.level, &item.text)).await?;
    item.id = Some(id);
    for (i, e) in item.evidence.iter_mut().enumerate() {
        insert_evidence_snap(conn, id, i as i64, e).await?;
    }
    Ok(())
}

async fn insert_evidence_snap(
    conn: &mut SqliteConnection,
    result_id: i64,
    pos: i64,
    e: &mut EvidenceSnap,
) -> Result<()> {
    crate::doc::check_evidence(&mut e.evidence)?;
    e.id = Some(rows::insert_evidence(conn, e.id, result_id, pos, &e.evidence).await?);
    Ok(())
}

async fn evidence_snaps(conn: &mut SqliteConnection, result_id: i64) -> Result<Vec<EvidenceSnap>> {
    let rows: Vec<read::EvidenceRow> = sqlx::query_as(read::EVIDENCE_SELECT_BY_RESULT)
        .bind(result_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let (_, item) = read::evidence_of(row)?;
            Ok(EvidenceSnap {
                id: Some(item.id),
                evidence: item.evidence,
            })
        })
        .collect()
}

async fn item_snap(conn: &mut SqliteConnection, item: ItemRef) -> Result<ItemSnap> {
    let id = item.id();
    let (level, text): (u8, String) = match item {
        ItemRef::Outcome(_) => sqlx::query_as("SELECT 0, text FROM outcome WHERE id = ?1"),
        ItemRef::Activity(_) => sqlx::query_as("SELECT level, text FROM activity WHERE id = ?1"),
        ItemRef::Result(_) => sqlx::query_as("SELECT level, text FROM result WHERE id = ?1"),
    }
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let evidence = match item {
        ItemRef::Result(_) => evidence_snaps(conn, id).await?,
        _ => Vec::new(),
    };
    Ok(ItemSnap {
        id: Some(id),
        level,
        text,
        evidence,
    })
}

pub(super) fn measure_snap(m: &crate::domain::Measure) -> MeasureSnap {
    let item = |id, level, text: &str| ItemSnap {
        id: Some(id),
        level,
        text: text.to_owned(),
        evidence: Vec::new(),
    };
    MeasureSnap {
        id: Some(m.id),
        title: m.title.clone(),
        remarks: m.remarks.clone(),
        oit_code: m.oit_code.clone(),
        activities: m.activities.iter().map(|a| item(a.id, a.level, &a.text)).collect(),
        results: m
            .results
            .iter()
            .map(|r| ItemSnap {
                evidence: r
                    .evidence
                    .iter()
                    .map(|e| EvidenceSnap {
                        id: Some(e.id),
                        evidence: e.evidence.clone(),
                    })
                    .collect(),
                ..item(r.id, r.level, &r.text)
            })
            .collect(),
    }
}
