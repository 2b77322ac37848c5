//! The report editor's changes: structure (insert, delete, move, split,
//! merge), evidence, settings, OIT tags, years and their status. Each
//! returns the change as recorded (ids filled in) and its inverse, which is
//! what undo applies. Only reachable through [`super::write::apply`].

use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::change::{
    Change, EvidenceSnap, ItemList, ItemRef, ItemSnap, MeasureSnap, OitTarget, OrgSettings, YearSnap, clean_line,
    clean_text,
};
use crate::domain::{Channel, ChannelKind, OitItem, Report, Signatures, YearStatus};
use crate::error::{CoreError, Result};

use super::write::{check_editable, insert_evidence};

/// Whether a change is the user's own, or an undo/redo of one. Undo and
/// redo apply recorded changes exactly: the status rules (approve before
/// publishing, a reason to reopen) were met when the change was first made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Do,
    Undo,
    Redo,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Do => "do",
            Mode::Undo => "undo",
            Mode::Redo => "redo",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "do" => Some(Mode::Do),
            "undo" => Some(Mode::Undo),
            "redo" => Some(Mode::Redo),
            _ => None,
        }
    }
}

/// A change as applied: the form recorded, the year it touched, its inverse.
pub(super) struct Done {
    pub change: Change,
    pub year_be: i32,
    pub inverse: Option<Change>,
}

/// The ordered lists of the report. Table and column names are constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    Measure,
    Activity,
    Result,
    Outcome,
    Evidence,
}

impl List {
    fn table(self) -> &'static str {
        match self {
            List::Measure => "measure",
            List::Activity => "activity",
            List::Result => "result",
            List::Outcome => "outcome",
            List::Evidence => "evidence",
        }
    }
    fn parent(self) -> &'static str {
        match self {
            List::Measure | List::Outcome => "year_id",
            List::Activity | List::Result => "measure_id",
            List::Evidence => "result_id",
        }
    }
    /// Parent, position, year and status of a record.
    fn locate_sql(self) -> &'static str {
        match self {
            List::Measure => {
                "SELECT x.year_id, x.position, y.year_be, y.status FROM measure x \
                 JOIN fiscal_year y ON y.id = x.year_id WHERE x.id = ?1"
            }
            List::Activity => {
                "SELECT x.measure_id, x.position, y.year_be, y.status FROM activity x \
                 JOIN measure m ON m.id = x.measure_id JOIN fiscal_year y ON y.id = m.year_id WHERE x.id = ?1"
            }
            List::Result => {
                "SELECT x.measure_id, x.position, y.year_be, y.status FROM result x \
                 JOIN measure m ON m.id = x.measure_id JOIN fiscal_year y ON y.id = m.year_id WHERE x.id = ?1"
            }
            List::Outcome => {
                "SELECT x.year_id, x.position, y.year_be, y.status FROM outcome x \
                 JOIN fiscal_year y ON y.id = x.year_id WHERE x.id = ?1"
            }
            List::Evidence => {
                "SELECT x.result_id, x.position, y.year_be, y.status FROM evidence x \
                 JOIN result r ON r.id = x.result_id JOIN measure m ON m.id = r.measure_id \
                 JOIN fiscal_year y ON y.id = m.year_id WHERE x.id = ?1"
            }
        }
    }
    fn of(item: ItemRef) -> List {
        match item {
            ItemRef::Activity(_) => List::Activity,
            ItemRef::Result(_) => List::Result,
            ItemRef::Outcome(_) => List::Outcome,
        }
    }
    fn item(self, id: i64) -> ItemRef {
        match self {
            List::Activity => ItemRef::Activity(id),
            List::Result => ItemRef::Result(id),
            _ => ItemRef::Outcome(id),
        }
    }
}

/// Where a record sits.
struct Loc {
    parent: i64,
    pos: i64,
    year_be: i32,
}

/// Finds a record and refuses when its year is not a draft.
async fn locate(conn: &mut SqliteConnection, list: List, id: i64) -> Result<Loc> {
    let (parent, pos, year_be, status): (i64, i64, i32, String) = sqlx::query_as(list.locate_sql())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("{} {id}", list.table())))?;
    check_editable(year_be, &status)?;
    Ok(Loc { parent, pos, year_be })
}

/// A year's row id, refusing a year that is not a draft.
async fn draft_year(conn: &mut SqliteConnection, year_be: i32) -> Result<i64> {
    let (id, status): (i64, String) = sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(format!("fiscal year {year_be}")))?;
    check_editable(year_be, &status)?;
    Ok(id)
}

async fn count(conn: &mut SqliteConnection, list: List, parent: i64) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {} WHERE {} = ?1", list.table(), list.parent());
    Ok(sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(parent)
        .fetch_one(&mut *conn)
        .await?)
}

/// Makes room at `index` (clamped to the end); returns the position.
async fn open_gap(conn: &mut SqliteConnection, list: List, parent: i64, index: u32) -> Result<i64> {
    let pos = i64::from(index).min(count(conn, list, parent).await?);
    let sql = format!(
        "UPDATE {} SET position = position + 1 WHERE {} = ?1 AND position >= ?2",
        list.table(),
        list.parent()
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(parent)
        .bind(pos)
        .execute(&mut *conn)
        .await?;
    Ok(pos)
}

async fn close_gap(conn: &mut SqliteConnection, list: List, parent: i64, pos: i64) -> Result<()> {
    let sql = format!(
        "UPDATE {} SET position = position - 1 WHERE {} = ?1 AND position > ?2",
        list.table(),
        list.parent()
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(parent)
        .bind(pos)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn delete_row(conn: &mut SqliteConnection, list: List, id: i64, loc: &Loc) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", list.table());
    sqlx::query(AssertSqlSafe(sql)).bind(id).execute(&mut *conn).await?;
    close_gap(conn, list, loc.parent, loc.pos).await
}

/// Moves a record to position `to` among its siblings; returns where it was.
async fn move_row(conn: &mut SqliteConnection, list: List, id: i64, to: u32) -> Result<Loc> {
    let loc = locate(conn, list, id).await?;
    let last = count(conn, list, loc.parent).await? - 1;
    let to = i64::from(to).min(last);
    if to == loc.pos {
        return Err(CoreError::InvalidInput(format!(
            "{} {id} is already at position {}",
            list.table(),
            to + 1
        )));
    }
    let (t, p) = (list.table(), list.parent());
    let shift = if to > loc.pos {
        format!("UPDATE {t} SET position = position - 1 WHERE {p} = ?1 AND position > ?2 AND position <= ?3")
    } else {
        format!("UPDATE {t} SET position = position + 1 WHERE {p} = ?1 AND position >= ?3 AND position < ?2")
    };
    sqlx::query(AssertSqlSafe(shift))
        .bind(loc.parent)
        .bind(loc.pos)
        .bind(to)
        .execute(&mut *conn)
        .await?;
    sqlx::query(AssertSqlSafe(format!("UPDATE {t} SET position = ?2 WHERE id = ?1")))
        .bind(id)
        .bind(to)
        .execute(&mut *conn)
        .await?;
    Ok(loc)
}

// ------------------------------------------------------------- inserting

fn check_level(level: u8) -> Result<()> {
    if level > 1 {
        return Err(CoreError::InvalidInput(format!(
            "level {level}: an item is 0 or a sub-item 1"
        )));
    }
    Ok(())
}

fn check_code(code: &str) -> Result<String> {
    let code = clean_line("OIT code", code, false)?;
    if code.chars().count() > 16 {
        return Err(CoreError::InvalidInput(format!(
            "\"{code}\" is too long for an OIT code"
        )));
    }
    Ok(code)
}

async fn insert_measure(conn: &mut SqliteConnection, year_id: i64, pos: i64, m: &mut MeasureSnap) -> Result<()> {
    m.title = clean_text("measure title", &m.title, true)?;
    m.remarks = clean_text("remarks", &m.remarks, false)?;
    m.oit_code = check_code(&m.oit_code)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO measure (id, year_id, position, title, remarks, oit_code) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(m.id)
    .bind(year_id)
    .bind(pos)
    .bind(&m.title)
    .bind(&m.remarks)
    .bind(&m.oit_code)
    .fetch_one(&mut *conn)
    .await?;
    m.id = Some(id);
    for (i, a) in m.activities.iter_mut().enumerate() {
        Box::pin(insert_item(conn, List::Activity, id, i as i64, a)).await?;
    }
    for (i, r) in m.results.iter_mut().enumerate() {
        Box::pin(insert_item(conn, List::Result, id, i as i64, r)).await?;
    }
    Ok(())
}

async fn insert_item(
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
        return Err(CoreError::InvalidInput(format!(
            "only a result has evidence, not an {field}"
        )));
    }
    let id: i64 = match list {
        List::Outcome => {
            if item.level != 0 {
                return Err(CoreError::InvalidInput("an outcome has no sub-items".into()));
            }
            sqlx::query_scalar("INSERT INTO outcome (id, year_id, position, text) VALUES (?1, ?2, ?3, ?4) RETURNING id")
                .bind(item.id)
                .bind(parent)
                .bind(pos)
                .bind(&item.text)
                .fetch_one(&mut *conn)
                .await?
        }
        _ => {
            let sql = format!(
                "INSERT INTO {} (id, measure_id, position, level, text) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                list.table()
            );
            sqlx::query_scalar(AssertSqlSafe(sql))
                .bind(item.id)
                .bind(parent)
                .bind(pos)
                .bind(item.level)
                .bind(&item.text)
                .fetch_one(&mut *conn)
                .await?
        }
    };
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
    e.id = Some(insert_evidence(conn, e.id, result_id, pos, &e.evidence).await?);
    Ok(())
}

// ------------------------------------------------------------- snapshots

async fn evidence_snaps(conn: &mut SqliteConnection, result_id: i64) -> Result<Vec<EvidenceSnap>> {
    let rows: Vec<super::read::EvidenceRow> = sqlx::query_as(super::read::EVIDENCE_SELECT_BY_RESULT)
        .bind(result_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let (_, item) = super::read::evidence_of(row)?;
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

fn measure_snap(m: &crate::domain::Measure) -> MeasureSnap {
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

/// A year as stored, ids included (the inverse of deleting it).
fn year_snap(r: &Report) -> YearSnap {
    YearSnap {
        id: Some(r.year.id),
        year_be: r.year.year_be,
        title: r.year.title.clone(),
        heading: r.year.heading.clone(),
        part1_heading: r.year.part1_heading.clone(),
        part2_heading: r.year.part2_heading.clone(),
        signatures: r.year.signatures.clone(),
        oit_code: r.year.oit_code.clone(),
        oit_items: r.year.oit_items.clone(),
        measures: r.measures.iter().map(measure_snap).collect(),
        outcomes: r
            .outcomes
            .iter()
            .map(|o| ItemSnap {
                id: Some(o.id),
                level: 0,
                text: o.text.clone(),
                evidence: Vec::new(),
            })
            .collect(),
    }
}

/// The list an item belongs to, as an [`ItemList`].
fn item_list(item: ItemRef, loc: &Loc) -> ItemList {
    match item {
        ItemRef::Activity(_) => ItemList::Activities { measure_id: loc.parent },
        ItemRef::Result(_) => ItemList::Results { measure_id: loc.parent },
        ItemRef::Outcome(_) => ItemList::Outcomes { year_be: loc.year_be },
    }
}

// ---------------------------------------------------------------- apply

/// Applies one of the editor's changes (see [`Change`]); gives the change
/// back when it is not one of them.
pub(super) async fn apply(conn: &mut SqliteConnection, change: Change, mode: Mode) -> Result<Result<Done, Change>> {
    let done = match change {
        Change::InsertMeasure {
            year_be,
            index,
            mut measure,
        } => {
            let year_id = draft_year(conn, year_be).await?;
            let pos = open_gap(conn, List::Measure, year_id, index).await?;
            insert_measure(conn, year_id, pos, &mut measure).await?;
            let id = measure.id.expect("inserted");
            Done {
                change: Change::InsertMeasure {
                    year_be,
                    index: pos as u32,
                    measure,
                },
                year_be,
                inverse: Some(Change::DeleteMeasure { id }),
            }
        }
        Change::DeleteMeasure { id } => {
            let loc = locate(conn, List::Measure, id).await?;
            let report = super::read::report(conn, loc.year_be).await?;
            let measure = report
                .measures
                .iter()
                .find(|m| m.id == id)
                .map(measure_snap)
                .ok_or_else(|| CoreError::not_found(format!("measure {id}")))?;
            delete_row(conn, List::Measure, id, &loc).await?;
            Done {
                change: Change::DeleteMeasure { id },
                year_be: loc.year_be,
                inverse: Some(Change::InsertMeasure {
                    year_be: loc.year_be,
                    index: loc.pos as u32,
                    measure,
                }),
            }
        }
        Change::MoveMeasure { id, to } => {
            let loc = move_row(conn, List::Measure, id, to).await?;
            Done {
                change: Change::MoveMeasure { id, to },
                year_be: loc.year_be,
                inverse: Some(Change::MoveMeasure { id, to: loc.pos as u32 }),
            }
        }
        Change::InsertItem { list, index, mut item } => {
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
            insert_item(conn, l, parent, pos, &mut item).await?;
            let id = item.id.expect("inserted");
            Done {
                change: Change::InsertItem {
                    list,
                    index: pos as u32,
                    item,
                },
                year_be,
                inverse: Some(Change::DeleteItem { item: l.item(id) }),
            }
        }
        Change::DeleteItem { item } => {
            let list = List::of(item);
            let loc = locate(conn, list, item.id()).await?;
            let snap = item_snap(conn, item).await?;
            delete_row(conn, list, item.id(), &loc).await?;
            Done {
                change: Change::DeleteItem { item },
                year_be: loc.year_be,
                inverse: Some(Change::InsertItem {
                    list: item_list(item, &loc),
                    index: loc.pos as u32,
                    item: snap,
                }),
            }
        }
        Change::MoveItem { item, to } => {
            let loc = move_row(conn, List::of(item), item.id(), to).await?;
            Done {
                change: Change::MoveItem { item, to },
                year_be: loc.year_be,
                inverse: Some(Change::MoveItem {
                    item,
                    to: loc.pos as u32,
                }),
            }
        }
        Change::SetLevel { item, level } => {
            check_level(level)?;
            let list = List::of(item);
            if list == List::Outcome {
                return Err(CoreError::InvalidInput("an outcome has no sub-items".into()));
            }
            let loc = locate(conn, list, item.id()).await?;
            // The user's rule; undo and redo restore a recorded state as it
            // was (a move can leave a sub-item first: its undo must not stick).
            if level == 1 && loc.pos == 0 && mode == Mode::Do {
                return Err(CoreError::InvalidInput(
                    "the first item cannot be a sub-item: it needs an item before it".into(),
                ));
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
            Done {
                change: Change::SetLevel { item, level },
                year_be: loc.year_be,
                inverse: Some(Change::SetLevel { item, level: old }),
            }
        }
        Change::SplitItem { item, at } => {
            let list = List::of(item);
            let loc = locate(conn, list, item.id()).await?;
            let snap = item_snap(conn, item).await?;
            let at = at as usize;
            let chars = snap.text.chars().count();
            let head: String = snap.text.chars().take(at).collect();
            let tail: String = snap.text.chars().skip(at).collect();
            if at == 0 || at >= chars || head.trim().is_empty() || tail.trim().is_empty() {
                return Err(CoreError::InvalidInput(
                    "put the cursor inside the text to split it: both parts need some text".into(),
                ));
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
            Box::pin(super::write::apply_one(conn, batch, mode)).await?
        }
        Change::MergeItem { item } => {
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
                .ok_or_else(|| CoreError::InvalidInput("there is no item after this one to join with".into()))?;
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
            Box::pin(super::write::apply_one(conn, Change::Batch { changes }, mode)).await?
        }
        Change::InsertEvidence {
            result_id,
            index,
            mut evidence,
        } => {
            let loc = locate(conn, List::Result, result_id).await?;
            let pos = open_gap(conn, List::Evidence, result_id, index).await?;
            insert_evidence_snap(conn, result_id, pos, &mut evidence).await?;
            let id = evidence.id.expect("inserted");
            Done {
                change: Change::InsertEvidence {
                    result_id,
                    index: pos as u32,
                    evidence,
                },
                year_be: loc.year_be,
                inverse: Some(Change::DeleteEvidence { id }),
            }
        }
        Change::DeleteEvidence { id } => {
            let loc = locate(conn, List::Evidence, id).await?;
            let snap = evidence_snaps(conn, loc.parent)
                .await?
                .into_iter()
                .find(|e| e.id == Some(id))
                .ok_or_else(|| CoreError::not_found(format!("evidence {id}")))?;
            delete_row(conn, List::Evidence, id, &loc).await?;
            Done {
                change: Change::DeleteEvidence { id },
                year_be: loc.year_be,
                inverse: Some(Change::InsertEvidence {
                    result_id: loc.parent,
                    index: loc.pos as u32,
                    evidence: snap,
                }),
            }
        }
        Change::SetOrganization { settings } => {
            let settings = clean_settings(settings)?;
            let old = super::read::organization(conn).await?;
            let before = OrgSettings {
                name_th: old.name_th,
                name_en: old.name_en,
                ministry: old.ministry,
                doc_prefix: old.doc_prefix,
                divisions: old.divisions.into_iter().map(|d| d.name).collect(),
                digits: old.digits,
                orientation: old.orientation,
            };
            sqlx::query(
                "UPDATE organization SET name_th = ?2, name_en = ?3, ministry = ?4, doc_prefix = ?5, digits = ?6, \
                 orientation = ?7 WHERE id = ?1",
            )
            .bind(old.id)
            .bind(&settings.name_th)
            .bind(&settings.name_en)
            .bind(&settings.ministry)
            .bind(&settings.doc_prefix)
            .bind(settings.digits.as_str())
            .bind(settings.orientation.as_str())
            .execute(&mut *conn)
            .await?;
            if settings.divisions != before.divisions {
                sqlx::query("DELETE FROM division WHERE organization_id = ?1")
                    .bind(old.id)
                    .execute(&mut *conn)
                    .await?;
                for (pos, name) in settings.divisions.iter().enumerate() {
                    sqlx::query("INSERT INTO division (organization_id, position, name) VALUES (?1, ?2, ?3)")
                        .bind(old.id)
                        .bind(pos as i64)
                        .bind(name)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Done {
                change: Change::SetOrganization { settings },
                year_be: 0,
                inverse: Some(Change::SetOrganization { settings: before }),
            }
        }
        Change::SetChannels { channels } => {
            let channels = channels.into_iter().map(clean_channel).collect::<Result<Vec<_>>>()?;
            let org = super::read::organization(conn).await?;
            write_channels(conn, org.id, &channels).await?;
            Done {
                change: Change::SetChannels { channels },
                year_be: 0,
                inverse: Some(Change::SetChannels { channels: org.channels }),
            }
        }
        Change::SetOitItems { year_be, items } => {
            let year_id = draft_year(conn, year_be).await?;
            let mut clean = Vec::with_capacity(items.len());
            for i in items {
                let code = check_code(&i.code)?;
                if code.is_empty() {
                    return Err(CoreError::EmptyText {
                        field: "OIT code".into(),
                    });
                }
                if clean.iter().any(|c: &OitItem| c.code == code) {
                    return Err(CoreError::InvalidInput(format!("OIT item {code} is listed twice")));
                }
                clean.push(OitItem {
                    code,
                    title: clean_line("OIT item title", &i.title, false)?,
                });
            }
            let old = super::read::oit_items(conn, year_id).await?;
            let used: Vec<String> = sqlx::query_scalar(
                "SELECT oit_code FROM fiscal_year WHERE id = ?1 AND oit_code <> '' \
                 UNION SELECT oit_code FROM measure WHERE year_id = ?1 AND oit_code <> ''",
            )
            .bind(year_id)
            .fetch_all(&mut *conn)
            .await?;
            if let Some(code) = used.iter().find(|u| !clean.iter().any(|c| &c.code == *u)) {
                return Err(CoreError::InvalidInput(format!(
                    "OIT item {code} is still a tag of this year's report; remove the tag first"
                )));
            }
            sqlx::query("DELETE FROM oit_item WHERE year_id = ?1")
                .bind(year_id)
                .execute(&mut *conn)
                .await?;
            insert_oit_items(conn, year_id, &clean).await?;
            Done {
                change: Change::SetOitItems { year_be, items: clean },
                year_be,
                inverse: Some(Change::SetOitItems { year_be, items: old }),
            }
        }
        Change::SetOitTag { target, code } => {
            let code = check_code(&code)?;
            let (year_id, year_be, table, id) = match target {
                OitTarget::Year(y) => (draft_year(conn, y).await?, y, "fiscal_year", None),
                OitTarget::Measure(id) => {
                    let loc = locate(conn, List::Measure, id).await?;
                    (loc.parent, loc.year_be, "measure", Some(id))
                }
            };
            let row = id.unwrap_or(year_id);
            if !code.is_empty()
                && !super::read::oit_items(conn, year_id)
                    .await?
                    .iter()
                    .any(|i| i.code == code)
            {
                return Err(CoreError::InvalidInput(format!(
                    "{code} is not in fiscal year {year_be}'s OIT list; add it there first"
                )));
            }
            let old: String = sqlx::query_scalar(AssertSqlSafe(format!("SELECT oit_code FROM {table} WHERE id = ?1")))
                .bind(row)
                .fetch_one(&mut *conn)
                .await?;
            sqlx::query(AssertSqlSafe(format!("UPDATE {table} SET oit_code = ?2 WHERE id = ?1")))
                .bind(row)
                .bind(&code)
                .execute(&mut *conn)
                .await?;
            Done {
                change: Change::SetOitTag { target, code },
                year_be,
                inverse: Some(Change::SetOitTag { target, code: old }),
            }
        }
        Change::SetSignatures { year_be, signatures } => {
            let year_id = draft_year(conn, year_be).await?;
            let s = Signatures {
                reporter_name: clean_line("reporter name", &signatures.reporter_name, false)?,
                reporter_position: clean_text("reporter position", &signatures.reporter_position, false)?,
                approver_name: clean_line("approver name", &signatures.approver_name, false)?,
                approver_position: clean_text("approver position", &signatures.approver_position, false)?,
                approved_on: signatures.approved_on,
            };
            if let Some(d) = s.approved_on {
                crate::thai::check_year_be(crate::thai::fiscal_year_of(d))
                    .map_err(|_| CoreError::InvalidInput(format!("approval date {d} is out of range")))?;
            }
            let old = super::read::report(conn, year_be).await?.year.signatures;
            sqlx::query(
                "UPDATE fiscal_year SET reporter_name = ?2, reporter_position = ?3, approver_name = ?4, \
                 approver_position = ?5, approved_on = ?6 WHERE id = ?1",
            )
            .bind(year_id)
            .bind(&s.reporter_name)
            .bind(&s.reporter_position)
            .bind(&s.approver_name)
            .bind(&s.approver_position)
            .bind(s.approved_on.map(|d| d.format("%Y-%m-%d").to_string()))
            .execute(&mut *conn)
            .await?;
            Done {
                change: Change::SetSignatures { year_be, signatures: s },
                year_be,
                inverse: Some(Change::SetSignatures {
                    year_be,
                    signatures: old,
                }),
            }
        }
        Change::NewYear { from, to, keep_remarks } => {
            crate::thai::check_year_be(to)?;
            if from == to {
                return Err(CoreError::InvalidInput(format!(
                    "a year cannot be copied onto itself ({to})"
                )));
            }
            let source = super::read::report(conn, from).await?;
            let year = copy_forward(&source, to, keep_remarks);
            Box::pin(super::write::apply_one(
                conn,
                Change::InsertYear { year: Box::new(year) },
                mode,
            ))
            .await?
        }
        Change::InsertYear { mut year } => {
            insert_year(conn, &mut year).await?;
            let year_be = year.year_be;
            Done {
                change: Change::InsertYear { year },
                year_be,
                inverse: Some(Change::DeleteYear { year_be }),
            }
        }
        Change::DeleteYear { year_be } => {
            let year_id = draft_year(conn, year_be).await?;
            let budget: i64 = sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM budget_line WHERE year_id = ?1) + \
                        (SELECT COUNT(*) FROM disbursement_target WHERE year_id = ?1)",
            )
            .bind(year_id)
            .fetch_one(&mut *conn)
            .await?;
            if budget > 0 {
                return Err(CoreError::InvalidInput(format!(
                    "fiscal year {year_be} has a budget; it cannot be removed"
                )));
            }
            let snap = year_snap(&super::read::report(conn, year_be).await?);
            sqlx::query("DELETE FROM fiscal_year WHERE id = ?1")
                .bind(year_id)
                .execute(&mut *conn)
                .await?;
            Done {
                change: Change::DeleteYear { year_be },
                year_be,
                inverse: Some(Change::InsertYear { year: Box::new(snap) }),
            }
        }
        Change::SetStatus {
            year_be,
            status,
            by,
            url,
            reason,
            at,
        } => set_status(conn, mode, year_be, status, by, url, reason, at).await?,
        Change::Batch { changes } => {
            if changes.is_empty() {
                return Err(CoreError::InvalidInput("an empty batch changes nothing".into()));
            }
            let mut done = Vec::with_capacity(changes.len());
            let mut inverses = Vec::with_capacity(changes.len());
            let mut year_be = 0;
            for c in changes {
                let d = Box::pin(super::write::apply_one(conn, c, mode)).await?;
                year_be = if year_be == 0 { d.year_be } else { year_be };
                inverses.push(d.inverse);
                done.push(d.change);
            }
            let inverse = inverses.into_iter().rev().collect::<Option<Vec<_>>>();
            Done {
                change: Change::Batch { changes: done },
                year_be,
                inverse: inverse.map(|changes| Change::Batch { changes }),
            }
        }
        other => return Ok(Err(other)),
    };
    Ok(Ok(done))
}

fn clean_settings(s: OrgSettings) -> Result<OrgSettings> {
    let mut divisions: Vec<String> = Vec::with_capacity(s.divisions.len());
    for d in &s.divisions {
        let d = clean_line("division", d, true)?;
        if divisions.contains(&d) {
            return Err(CoreError::InvalidInput(format!("division \"{d}\" is listed twice")));
        }
        divisions.push(d);
    }
    Ok(OrgSettings {
        name_th: clean_line("organization name (Thai)", &s.name_th, true)?,
        name_en: clean_line("organization name (English)", &s.name_en, false)?,
        ministry: clean_line("ministry", &s.ministry, false)?,
        doc_prefix: clean_line("document number prefix", &s.doc_prefix, false)?,
        divisions,
        digits: s.digits,
        orientation: s.orientation,
    })
}

fn clean_channel(c: Channel) -> Result<Channel> {
    let value = clean_line("channel", &c.value, true)?;
    match c.kind {
        ChannelKind::Email if !value.contains('@') || value.contains(' ') => {
            return Err(CoreError::InvalidInput(format!("\"{value}\" is not an e-mail address")));
        }
        ChannelKind::Web if !(value.starts_with("https://") || value.starts_with("http://")) || value.contains(' ') => {
            return Err(CoreError::InvalidInput(format!(
                "\"{value}\" is not a web address (http:// or https://)"
            )));
        }
        _ => {}
    }
    Ok(Channel {
        kind: c.kind,
        value,
        unit: clean_line("channel unit", &c.unit, false)?,
        note: clean_line("channel note", &c.note, false)?,
    })
}

pub(super) async fn write_channels(conn: &mut SqliteConnection, org_id: i64, channels: &[Channel]) -> Result<()> {
    sqlx::query("DELETE FROM complaint_channel WHERE organization_id = ?1")
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    for (pos, c) in channels.iter().enumerate() {
        sqlx::query(
            "INSERT INTO complaint_channel (organization_id, position, kind, value, unit, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(org_id)
        .bind(pos as i64)
        .bind(c.kind.as_str())
        .bind(&c.value)
        .bind(&c.unit)
        .bind(&c.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(super) async fn insert_oit_items(conn: &mut SqliteConnection, year_id: i64, items: &[OitItem]) -> Result<()> {
    for (pos, i) in items.iter().enumerate() {
        sqlx::query("INSERT INTO oit_item (year_id, position, code, title) VALUES (?1, ?2, ?3, ?4)")
            .bind(year_id)
            .bind(pos as i64)
            .bind(&i.code)
            .bind(&i.title)
            .execute(&mut *conn)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.is_unique_violation() => {
                    CoreError::InvalidInput(format!("OIT item {} is listed twice", i.code))
                }
                _ => e.into(),
            })?;
    }
    Ok(())
}

/// Next year's report from this one: the measures and their activities
/// (with remarks if asked), the OIT list and tags, who signs; no results,
/// evidence or outcomes. The year in titles and headings moves with it.
pub fn copy_forward(source: &Report, to: i32, keep_remarks: bool) -> YearSnap {
    let from = source.year.year_be.to_string();
    let to_text = to.to_string();
    let retitle = |s: &String| s.replace(&from, &to_text);
    YearSnap {
        id: None,
        year_be: to,
        title: source.year.title.iter().map(retitle).collect(),
        heading: source.year.heading.iter().map(retitle).collect(),
        part1_heading: retitle(&source.year.part1_heading),
        part2_heading: retitle(&source.year.part2_heading),
        signatures: Signatures {
            approved_on: None,
            ..source.year.signatures.clone()
        },
        oit_code: source.year.oit_code.clone(),
        oit_items: source.year.oit_items.clone(),
        measures: source
            .measures
            .iter()
            .map(|m| MeasureSnap {
                id: None,
                title: m.title.clone(),
                remarks: if keep_remarks { m.remarks.clone() } else { String::new() },
                oit_code: m.oit_code.clone(),
                activities: m
                    .activities
                    .iter()
                    .map(|a| ItemSnap {
                        id: None,
                        level: a.level,
                        text: a.text.clone(),
                        evidence: Vec::new(),
                    })
                    .collect(),
                results: Vec::new(),
            })
            .collect(),
        outcomes: Vec::new(),
    }
}

async fn insert_year(conn: &mut SqliteConnection, y: &mut YearSnap) -> Result<()> {
    crate::thai::check_year_be(y.year_be)?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM fiscal_year WHERE year_be = ?1")
        .bind(y.year_be)
        .fetch_optional(&mut *conn)
        .await?;
    if exists.is_some() {
        return Err(CoreError::YearExists { year_be: y.year_be });
    }
    let org = super::read::organization(conn).await?;
    for line in y.title.iter_mut().chain(y.heading.iter_mut()) {
        *line = clean_line("title line", line, false)?;
    }
    y.part1_heading = clean_line("part 1 heading", &y.part1_heading, false)?;
    y.part2_heading = clean_line("part 2 heading", &y.part2_heading, false)?;
    y.oit_code = check_code(&y.oit_code)?;
    let s = &y.signatures;
    let year_id: i64 = sqlx::query_scalar(
        "INSERT INTO fiscal_year (id, organization_id, year_be, status, title, heading, part1_heading, part2_heading, \
                                  reporter_name, reporter_position, approver_name, approver_position, approved_on, \
                                  oit_code) \
         VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id",
    )
    .bind(y.id)
    .bind(org.id)
    .bind(y.year_be)
    .bind(y.title.join("\n"))
    .bind(y.heading.join("\n"))
    .bind(&y.part1_heading)
    .bind(&y.part2_heading)
    .bind(&s.reporter_name)
    .bind(&s.reporter_position)
    .bind(&s.approver_name)
    .bind(&s.approver_position)
    .bind(s.approved_on.map(|d| d.format("%Y-%m-%d").to_string()))
    .bind(&y.oit_code)
    .fetch_one(&mut *conn)
    .await?;
    y.id = Some(year_id);
    insert_oit_items(conn, year_id, &y.oit_items).await?;
    for (pos, m) in y.measures.iter_mut().enumerate() {
        insert_measure(conn, year_id, pos as i64, m).await?;
    }
    for (pos, o) in y.outcomes.iter_mut().enumerate() {
        insert_item(conn, List::Outcome, year_id, pos as i64, o).await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn set_status(
    conn: &mut SqliteConnection,
    mode: Mode,
    year_be: i32,
    status: YearStatus,
    by: String,
    url: String,
    reason: String,
    at: Option<String>,
) -> Result<Done> {
    type Row = (String, String, String, String, String);
    let (old_status, old_by, old_at, old_url, old_reason): Row = sqlx::query_as(
        "SELECT status, status_by, status_at, published_url, reopen_reason FROM fiscal_year WHERE year_be = ?1",
    )
    .bind(year_be)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CoreError::not_found(format!("fiscal year {year_be}")))?;
    let old = YearStatus::parse(&old_status)
        .ok_or_else(|| CoreError::Database(format!("unknown year status {old_status:?}")))?;
    let at = match at {
        Some(a) if chrono::DateTime::parse_from_rfc3339(&a).is_ok() => a,
        Some(a) if mode != Mode::Do => a,
        Some(a) => {
            return Err(CoreError::InvalidInput(format!(
                "{a} is not a date and time (RFC 3339)"
            )));
        }
        None => chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let (by, url, reason) = if mode == Mode::Do {
        let by = clean_line("name", &by, false)?;
        let url = clean_line("url", &url, false)?;
        let reason = clean_text("reason", &reason, false)?;
        use YearStatus::*;
        match (old, status) {
            (Draft, Draft) | (Approved, Approved) | (Published, Published) => {
                return Err(CoreError::InvalidInput(format!(
                    "fiscal year {year_be} is already {}",
                    old.as_str()
                )));
            }
            (Draft, Approved) => {
                if by.is_empty() {
                    return Err(CoreError::EmptyText {
                        field: "approved by".into(),
                    });
                }
                (by, old_url.clone(), old_reason.clone())
            }
            (Approved, Published) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
                    return Err(CoreError::InvalidInput(format!(
                        "publishing needs the web address where the report is published, not \"{url}\""
                    )));
                }
                (if by.is_empty() { old_by.clone() } else { by }, url, old_reason.clone())
            }
            (Draft, Published) => {
                return Err(CoreError::InvalidInput(format!(
                    "fiscal year {year_be} is a draft: approve it before publishing"
                )));
            }
            (_, Draft) => {
                if reason.is_empty() {
                    return Err(CoreError::EmptyText {
                        field: "reason for reopening".into(),
                    });
                }
                (by, old_url.clone(), reason)
            }
            (Published, Approved) => {
                return Err(CoreError::InvalidInput(format!(
                    "fiscal year {year_be} is published; reopen it to draft instead"
                )));
            }
        }
    } else {
        (by, url, reason)
    };
    sqlx::query(
        "UPDATE fiscal_year SET status = ?2, status_by = ?3, status_at = ?4, published_url = ?5, reopen_reason = ?6 \
         WHERE year_be = ?1",
    )
    .bind(year_be)
    .bind(status.as_str())
    .bind(&by)
    .bind(&at)
    .bind(&url)
    .bind(&reason)
    .execute(&mut *conn)
    .await?;
    Ok(Done {
        change: Change::SetStatus {
            year_be,
            status,
            by,
            url,
            reason,
            at: Some(at),
        },
        year_be,
        inverse: Some(Change::SetStatus {
            year_be,
            status: old,
            by: old_by,
            url: old_url,
            reason: old_reason,
            at: Some(old_at),
        }),
    })
}
