//! An asset import's rows checked and inserted, as one pipeline: the rows
//! arrive in chunks (a change applied whole is one chunk; a register file
//! is handed on as it is read, see `Store::import_assets_file`), the write
//! path checks each chunk while SQLite inserts the one before, each chunk
//! is inserted 500 rows a statement, and the history's copy of the rows and
//! their search text are made on another thread as the chunks go by. A
//! large import's file is still being read while SQLite inserts its first
//! rows, and SQLite's thread, the bound, is seldom idle.

use std::sync::Arc;

use foldhash::{HashMap as FastMap, HashSet as FastSet};
use sqlx::SqliteConnection;
use tokio::sync::mpsc;

use crate::assets::AssetDoc;
use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::text::clean_owned_line;

use super::super::effect::Rules;
use super::super::logged::{Logged, RowsWriter};
use super::base::iso;
use super::read::{categories, registered_among};
use super::text::{Block, Blocks};

/// An import's rows in order, a chunk at a time.
pub(in crate::store) type Rows = mpsc::Receiver<Vec<AssetDoc>>;

/// `assets` as [`Rows`]: one chunk.
pub(in crate::store) fn all(assets: Vec<AssetDoc>) -> Rows {
    let (send, rows) = mpsc::channel(1);
    send.try_send(assets).expect("a new channel has room for one chunk");
    rows
}

/// Rows per INSERT: 16 values each, well under SQLite's 32,766.
const INSERT_ROWS: usize = 500;

/// Checks and inserts the rows, all or none (the caller's transaction is
/// dropped on an error; rows that stop coming end the import, so a caller
/// whose reader may give up compares the count with what it read);
/// returns them as stored when `keep` (else each chunk goes once
/// inserted), how many, and the rows as the history stores them. Replayed by
/// `verify` ([`Rules::AsRecorded`]), it inserts the rows as recorded
/// (checked and cleaned when first imported; the chain vouches they are
/// those rows), and makes neither the history's copy of them (the replay
/// keeps no history) nor their search text (the replay is compared, never
/// searched).
pub(in crate::store) async fn import(
    conn: &mut SqliteConnection,
    rows: Rows,
    rules: Rules,
    keep: bool,
) -> Result<(Vec<AssetDoc>, usize, Option<Logged>)> {
    let first: Id = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM asset")
        .fetch_one(&mut *conn)
        .await?;
    let check = match rules {
        Rules::Check => Some(Check {
            cats: categories(conn).await?,
            seen: FastSet::default(),
            offset: 0,
        }),
        Rules::AsRecorded => None,
    };
    let mut source = Source { rows, check };
    let side = (rules == Rules::Check).then(|| Side::start(first));
    let mut kept: Vec<Arc<Vec<AssetDoc>>> = Vec::new();
    let mut count = 0;
    let mut incoming = source.next().await;
    while let Some(Checked { rows, fault }) = incoming.take() {
        let rows = Arc::new(rows);
        let mut statements = rows.chunks(INSERT_ROWS);
        // The numbers looked up in the register while the first statement
        // is bound.
        let upto = fault.as_ref().map_or(rows.len(), |f| f.at + usize::from(f.number_good));
        let (registered, mut next) = tokio::join!(
            async {
                match rules {
                    Rules::Check => registered_here(conn, first, &rows[..upto], count).await,
                    Rules::AsRecorded => Ok(()),
                }
            },
            async { statements.next().map(insert_rows) }
        );
        registered?;
        if let Some(f) = fault {
            return Err(f.error);
        }
        if let Some(side) = &side {
            side.send(Arc::clone(&rows));
        }
        // Many rows per statement: one awaited round trip to SQLite's
        // thread per row was most of a large import's time. The next
        // statement's values are bound, or the next chunk taken, while
        // SQLite runs this one.
        while let Some(mut q) = next.take() {
            if statements.len() > 0 {
                let (done, following) =
                    tokio::join!(biased; q.build().execute(&mut *conn), async { statements.next().map(insert_rows) });
                done?;
                next = following;
            } else {
                let (done, arrived) = tokio::join!(biased; q.build().execute(&mut *conn), source.next());
                done?;
                incoming = arrived;
            }
        }
        count += rows.len();
        if keep {
            kept.push(rows);
        }
        if incoming.is_none() {
            incoming = source.next().await;
        }
    }
    if count == 0 {
        return Err(Refusal::NoAssets.into());
    }
    // Each row took the next id, so the import holds first.. in order.
    let (last, stored): (Id, i64) = sqlx::query_as("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM asset WHERE id >= ?1")
        .bind(first)
        .fetch_one(&mut *conn)
        .await?;
    if last != first + count as Id - 1 || stored != count as i64 {
        return Err(CoreError::Database(format!(
            "imported assets took ids {first}..={last} ({stored} rows), not {count} in order"
        )));
    }
    let logged = match side {
        Some(side) => {
            let (logged, blocks) = side.finish().await?;
            super::text::keep(conn, blocks).await?;
            Some(logged)
        }
        None => None,
    };
    // The side thread let go of its shares when it returned.
    let assets = if kept.len() <= 1 {
        kept.pop().map(Arc::unwrap_or_clone).unwrap_or_default()
    } else {
        let mut assets = Vec::with_capacity(count);
        for rows in kept {
            assets.extend(Arc::unwrap_or_clone(rows));
        }
        assets
    };
    Ok((assets, count, logged))
}

/// A chunk as the write path's check left it: the rows, and the first at
/// fault among them, if any (the rows after it are not checked).
struct Checked {
    rows: Vec<AssetDoc>,
    fault: Option<Fault>,
}

struct Fault {
    /// Its place in the chunk.
    at: usize,
    /// Whether its number is clean and new to the import: a number already
    /// registered is the earlier fault (see [`Check`]).
    number_good: bool,
    error: CoreError,
}

/// Where the inserts take their chunks from: each is checked as it is
/// taken, while SQLite inserts the one before.
struct Source {
    rows: Rows,
    check: Option<Check>,
}

impl Source {
    async fn next(&mut self) -> Option<Checked> {
        let mut rows = self.rows.recv().await?;
        let fault = self.check.as_mut().and_then(|c| c.chunk(&mut rows));
        Some(Checked { rows, fault })
    }
}

/// The write path's check of every row, in order, a chunk at a time:
/// numbers clean and unique in the import, categories known, prices, lives
/// and dates plausible; each text cleaned in place. Whether a number is
/// already registered is looked up as the chunk is inserted (see
/// [`registered_here`]): for each row the register comes first, then the
/// rest, as if it were all checked here.
struct Check {
    cats: Vec<(String, u32)>,
    /// The import's numbers so far.
    seen: FastSet<String>,
    /// The place of the chunk's first row in the import.
    offset: usize,
}

impl Check {
    /// The chunk's first row at fault; the rows after it are not checked.
    fn chunk(&mut self, rows: &mut [AssetDoc]) -> Option<Fault> {
        let fault = rows.iter_mut().enumerate().find_map(|(i, a)| {
            check_row(a, &self.cats, &mut self.seen)
                .err()
                .map(|(number_good, e)| Fault {
                    at: i,
                    number_good,
                    error: row_fault(self.offset + i, &e),
                })
        });
        self.offset += rows.len();
        fault
    }
}

/// Checks and cleans one row; on a fault, whether its number was good.
fn check_row(a: &mut AssetDoc, cats: &[(String, u32)], seen: &mut FastSet<String>) -> Result<(), (bool, CoreError)> {
    a.number = clean_owned_line("asset number", std::mem::take(&mut a.number), true).map_err(|e| (false, e))?;
    if !seen.insert(a.number.clone()) {
        return Err((
            false,
            Refusal::AssetExists {
                number: a.number.clone(),
            }
            .into(),
        ));
    }
    let fault = |e: CoreError| (true, e);
    if !cats.iter().any(|(c, _)| *c == a.category) {
        return Err(fault(
            Refusal::UnknownCategory {
                category: a.category.clone(),
            }
            .into(),
        ));
    }
    if a.price.is_sign_negative() || a.price.scale() > crate::money::PLACES {
        return Err(fault(
            Refusal::NotAPrice {
                text: a.price.to_string(),
            }
            .into(),
        ));
    }
    if !(1..=100).contains(&a.useful_life) {
        return Err(fault(
            Refusal::NotAUsefulLife {
                years: a.useful_life.into(),
            }
            .into(),
        ));
    }
    if let Some(y) = a.budget_year {
        crate::thai::check_year_be(y).map_err(fault)?;
    }
    crate::assets::check_acquired_on(a.acquired_on).map_err(fault)?;
    let line = |f: &str, v: &mut String| clean_owned_line(f, std::mem::take(v), false).map_err(fault);
    a.name = clean_owned_line("name", std::mem::take(&mut a.name), true).map_err(fault)?;
    a.brand = line("brand", &mut a.brand)?;
    a.model = line("model", &mut a.model)?;
    a.serial = line("serial", &mut a.serial)?;
    a.method = line("method", &mut a.method)?;
    a.funding = line("funding", &mut a.funding)?;
    a.location = line("location", &mut a.location)?;
    a.division = line("division", &mut a.division)?;
    a.note = crate::text::clean_owned("note", std::mem::take(&mut a.note), false).map_err(fault)?;
    Ok(())
}

/// Refuses the first of `rows` (the import's from `offset`) whose number
/// the register held before the import (ids below `first`).
async fn registered_here(conn: &mut SqliteConnection, first: Id, rows: &[AssetDoc], offset: usize) -> Result<()> {
    let registered = registered_among(conn, Some(first), rows.iter().map(|a| a.number.as_str())).await?;
    match rows.iter().position(|a| registered.contains(&a.number)) {
        Some(i) => Err(row_fault(
            offset + i,
            &Refusal::AssetExists {
                number: rows[i].number.clone(),
            }
            .into(),
        )),
        None => Ok(()),
    }
}

/// Row `i` of an import refused for `e`.
fn row_fault(i: usize, e: &CoreError) -> CoreError {
    CoreError::MalformedImport {
        path: format!("assets[{i}]"),
        message: e.to_string(),
    }
}

/// The history's copy of the rows and their search text, made on a thread
/// of their own as the chunks are inserted.
struct Side {
    send: std::sync::mpsc::Sender<Arc<Vec<AssetDoc>>>,
    done: tokio::task::JoinHandle<Result<(Logged, Vec<Block>)>>,
}

impl Side {
    fn start(first: Id) -> Side {
        let (send, chunks) = std::sync::mpsc::channel::<Arc<Vec<AssetDoc>>>();
        let done = tokio::task::spawn_blocking(move || {
            let (mut logged, mut blocks) = (RowsWriter::new()?, Blocks::new(first));
            for rows in chunks {
                logged.push(&rows)?;
                blocks.push(&rows)?;
            }
            Ok((logged.finish()?, blocks.finish()?))
        });
        Side { send, done }
    }

    /// Hands on the next chunk. Should the thread have stopped, its error
    /// comes from [`Side::finish`].
    fn send(&self, rows: Arc<Vec<AssetDoc>>) {
        let _ = self.send.send(rows);
    }

    async fn finish(self) -> Result<(Logged, Vec<Block>)> {
        drop(self.send);
        self.done
            .await
            .map_err(|e| CoreError::Database(format!("the import's history and search text were not made: {e}")))?
    }
}

/// One INSERT of `rows`. Every text is bound as an `Arc<str>`, which sqlx
/// keeps as it is, and a text repeated within the rows (a category, a
/// division, a room, an empty field, a price) as one shared `Arc<str>`:
/// given a `&str` or a `&String`, sqlx copies it into a `String` and an
/// `Arc` of its own, and those two allocations for each of 1,600,000
/// values were a fifth of a large import.
fn insert_rows(rows: &[AssetDoc]) -> sqlx::QueryBuilder<sqlx::Sqlite> {
    // foldhash, not SipHash: eleven lookups a row, and SipHash took over
    // a quarter of the instructions spent building the statement.
    let mut texts: FastMap<&str, Arc<str>> = FastMap::default();
    let mut prices: FastMap<rust_decimal::Decimal, Arc<str>> = FastMap::default();
    let mut dates: FastMap<chrono::NaiveDate, Arc<str>> = FastMap::default();
    let mut q = sqlx::QueryBuilder::new(
        "INSERT INTO asset (number, name, category, brand, model, serial, acquired_on, method, price, budget_year, \
                            funding, location, division, status, useful_life, note) ",
    );
    q.push_values(rows, |mut row, a| {
        let mut shared = |s| share(&mut texts, s);
        let (name, category, brand, model) = (shared(&a.name), shared(&a.category), shared(&a.brand), shared(&a.model));
        let (method, funding, location, division) = (
            shared(&a.method),
            shared(&a.funding),
            shared(&a.location),
            shared(&a.division),
        );
        let (status, note) = (shared(a.status.as_str()), shared(&a.note));
        let price = Arc::clone(prices.entry(a.price).or_insert_with(|| Arc::from(a.price.to_string())));
        let acquired_on = Arc::clone(
            dates
                .entry(a.acquired_on)
                .or_insert_with(|| Arc::from(iso(a.acquired_on))),
        );
        row.push_bind(Arc::<str>::from(a.number.as_str()))
            .push_bind(name)
            .push_bind(category)
            .push_bind(brand)
            .push_bind(model)
            .push_bind(Arc::<str>::from(a.serial.as_str()))
            .push_bind(acquired_on)
            .push_bind(method)
            .push_bind(price)
            .push_bind(a.budget_year)
            .push_bind(funding)
            .push_bind(location)
            .push_bind(division)
            .push_bind(status)
            .push_bind(a.useful_life)
            .push_bind(note);
    });
    q
}

/// `text` as the `Arc<str>` already made for it, or a new one.
fn share<'a>(texts: &mut FastMap<&'a str, Arc<str>>, text: &'a str) -> Arc<str> {
    Arc::clone(texts.entry(text).or_insert_with(|| Arc::from(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::logged::{test_asset as asset, write_rows};
    use sqlx::Connection;

    /// `rows` as chunks of `size`, as a file's arrive.
    fn chunks(rows: Vec<AssetDoc>, size: usize) -> Rows {
        let (send, out) = mpsc::channel(rows.len().div_ceil(size).max(1));
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            send.try_send(rows.by_ref().take(size).collect()).unwrap();
        }
        out
    }

    fn numbered(from: u32, n: u32) -> Vec<AssetDoc> {
        (from..from + n).map(asset).collect()
    }

    /// Chunks after the first are checked against the import so far and
    /// the register before it, and a fault is named by its place in the
    /// whole import; the rows of many chunks are logged as one list.
    #[tokio::test]
    async fn every_chunk_is_checked_and_a_fault_named_by_its_place_in_the_import() {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        crate::store::MIGRATOR.run(&mut conn).await.unwrap();
        let good = numbered(0, 2_600);
        let (kept, count, logged) = import(&mut conn, chunks(good.clone(), 1_000), Rules::Check, true)
            .await
            .unwrap();
        assert_eq!((kept.len(), count), (2_600, 2_600));
        assert_eq!(kept, good);
        assert_eq!(logged.unwrap().json, write_rows(&good).unwrap().json);

        let mut refused = async |rows: Vec<AssetDoc>| {
            let mut tx = conn.begin().await.unwrap();
            let Err(e) = import(&mut tx, chunks(rows, 1_000), Rules::Check, false).await else {
                panic!("the import was not refused");
            };
            tx.rollback().await.unwrap();
            e.to_string()
        };
        let mut life = numbered(5_000, 2_600);
        life[2_345].useful_life = 0;
        let e = refused(life).await;
        assert!(e.contains("assets[2345]"), "{e}");
        // Registered before the import, in the third chunk.
        let mut registered = numbered(5_000, 2_600);
        registered[2_100].number = asset(17).number;
        let e = refused(registered).await;
        assert!(e.contains("assets[2100]") && e.contains(&asset(17).number), "{e}");
        // Twice in the import, in different chunks.
        let mut twice = numbered(5_000, 2_600);
        twice[1_999].number = twice[3].number.clone();
        let e = refused(twice).await;
        assert!(e.contains("assets[1999]"), "{e}");
        let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM asset")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(stored, 2_600);
    }
}
