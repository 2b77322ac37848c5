//! Where a record of the report sits: its list, its parent, its position
//! and its year, and whether that year may change (only a draft may).
//! Ordered lists keep positions 0..n without gaps.

use sqlx::{AssertSqlSafe, SqliteConnection};

use crate::change::{ItemList, ItemRef};
use crate::domain::YearStatus;
use crate::error::{CoreError, Result};
use crate::refusal::{Refusal, Thing};

/// The ordered lists of the report. Table and column names are constants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    Measure,
    Activity,
    Result,
    Outcome,
    Evidence,
}

impl List {
    pub fn thing(self) -> Thing {
        match self {
            List::Measure => Thing::Measure,
            List::Activity => Thing::Activity,
            List::Result => Thing::Result,
            List::Outcome => Thing::Outcome,
            List::Evidence => Thing::Evidence,
        }
    }
    pub fn table(self) -> &'static str {
        match self {
            List::Measure => "measure",
            List::Activity => "activity",
            List::Result => "result",
            List::Outcome => "outcome",
            List::Evidence => "evidence",
        }
    }
    pub fn parent(self) -> &'static str {
        match self {
            List::Measure | List::Outcome => "year_id",
            List::Activity | List::Result => "measure_id",
            List::Evidence => "result_id",
        }
    }
    /// Parent, position, year and status of a record.
    pub fn locate_sql(self) -> &'static str {
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
    pub fn of(item: ItemRef) -> List {
        match item {
            ItemRef::Activity(_) => List::Activity,
            ItemRef::Result(_) => List::Result,
            ItemRef::Outcome(_) => List::Outcome,
        }
    }
    pub fn item(self, id: i64) -> ItemRef {
        match self {
            List::Activity => ItemRef::Activity(id),
            List::Result => ItemRef::Result(id),
            _ => ItemRef::Outcome(id),
        }
    }
}

/// Where a record sits.
pub(super) struct Loc {
    pub parent: i64,
    pub pos: i64,
    pub year_be: i32,
}

/// Finds a record and refuses when its year is not a draft.
pub(super) async fn locate(conn: &mut SqliteConnection, list: List, id: i64) -> Result<Loc> {
    let (parent, pos, year_be, status): (i64, i64, i32, String) = sqlx::query_as(list.locate_sql())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(list.thing(), id))?;
    check_editable(year_be, &status)?;
    Ok(Loc { parent, pos, year_be })
}

/// A year's row id, refusing a year that is not a draft.
pub(super) async fn draft_year(conn: &mut SqliteConnection, year_be: i32) -> Result<i64> {
    let (id, status): (i64, String) = sqlx::query_as("SELECT id, status FROM fiscal_year WHERE year_be = ?1")
        .bind(year_be)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CoreError::not_found(Thing::FiscalYear, year_be))?;
    check_editable(year_be, &status)?;
    Ok(id)
}

/// Refuses edits to a year that is approved or published.
pub(super) fn check_editable(year_be: i32, status: &str) -> Result<()> {
    match YearStatus::parse(status) {
        Some(YearStatus::Draft) => Ok(()),
        _ => Err(CoreError::from(Refusal::YearLocked {
            year_be,
            status: YearStatus::parse(status).unwrap_or_default(),
        })),
    }
}

pub(super) async fn count(conn: &mut SqliteConnection, list: List, parent: i64) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) FROM {} WHERE {} = ?1", list.table(), list.parent());
    Ok(sqlx::query_scalar(AssertSqlSafe(sql))
        .bind(parent)
        .fetch_one(&mut *conn)
        .await?)
}

/// Makes room at `index` (clamped to the end); returns the position.
pub(super) async fn open_gap(conn: &mut SqliteConnection, list: List, parent: i64, index: u32) -> Result<i64> {
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

pub(super) async fn close_gap(conn: &mut SqliteConnection, list: List, parent: i64, pos: i64) -> Result<()> {
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

pub(super) async fn delete_row(conn: &mut SqliteConnection, list: List, id: i64, loc: &Loc) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE id = ?1", list.table());
    sqlx::query(AssertSqlSafe(sql)).bind(id).execute(&mut *conn).await?;
    close_gap(conn, list, loc.parent, loc.pos).await
}

/// Moves a record to position `to` among its siblings; returns where it was.
pub(super) async fn move_row(conn: &mut SqliteConnection, list: List, id: i64, to: u32) -> Result<Loc> {
    let loc = locate(conn, list, id).await?;
    let last = count(conn, list, loc.parent).await? - 1;
    let to = i64::from(to).min(last);
    if to == loc.pos {
        return Err(Refusal::AlreadyThere { position: to + 1 }.into());
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

/// The list an item belongs to, as an [`ItemList`].
pub(super) fn item_list(item: ItemRef, loc: &Loc) -> ItemList {
    match item {
        ItemRef::Activity(_) => ItemList::Activities { measure_id: loc.parent },
        ItemRef::Result(_) => ItemList::Results { measure_id: loc.parent },
        ItemRef::Outcome(_) => ItemList::Outcomes { year_be: loc.year_be },
    }
}
