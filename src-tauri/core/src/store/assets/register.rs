//! The register: importing assets, their status and their photo.

use std::sync::Arc;

use base64::Engine;
use foldhash::{HashMap as FastMap, HashSet as FastSet};

use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::{Change, clean_text};
use crate::domain::{Emblem, Id};
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;
use crate::text::clean_owned_line;

use super::super::effect::{Effect, Rules};
use super::super::logged::Logged;
use super::base::*;
use super::read::{categories, registered_among};

/// Adds every asset of an import (numbers unique, categories known).
/// Replayed by `verify` ([`Rules::AsRecorded`]), it inserts the rows as
/// recorded (checked and cleaned when first imported; the chain vouches
/// they are those rows), and makes neither the history's copy of them (the
/// replay keeps no history) nor their search text (the replay is compared,
/// never searched).
pub(in crate::store) async fn import_assets(
    conn: &mut SqliteConnection,
    assets: Vec<AssetDoc>,
    rules: Rules,
) -> Result<Effect> {
    let (assets, logged) = import(conn, assets, rules).await?;
    Ok(Effect::import(assets, logged))
}

pub(in crate::store) async fn set_asset_status(
    conn: &mut SqliteConnection,
    number: String,
    status: crate::assets::AssetStatus,
    on: chrono::NaiveDate,
    reason: String,
) -> Result<Change> {
    let reason = clean_text("reason", &reason, false)?;
    let id = asset_id(conn, &number).await?;
    if status != AssetStatus::Usable && holding_loan(conn, id).await?.is_some() {
        return Err(Refusal::OnLoan { number }.into());
    }
    set_status(conn, id, status, on, &reason).await?;
    Ok(Change::SetAssetStatus {
        number,
        status,
        on,
        reason,
    })
}

pub(in crate::store) async fn set_asset_photo(
    conn: &mut SqliteConnection,
    number: String,
    photo: Option<Emblem>,
) -> Result<Change> {
    let id = asset_id(conn, &number).await?;
    let (mime, data) = match &photo {
        Some(p) => {
            crate::doc::check_image(&p.mime, &p.data, "photo")?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(p.data.as_bytes())
                .map_err(|e| Refusal::ImageUnreadable {
                    what: "photo".into(),
                    detail: format!("not base64: {e}"),
                })?;
            (Some(p.mime.clone()), Some(bytes))
        }
        None => (None, None),
    };
    sqlx::query("UPDATE asset SET photo_mime = ?2, photo = ?3 WHERE id = ?1")
        .bind(id)
        .bind(mime)
        .bind(data)
        .execute(&mut *conn)
        .await?;
    Ok(Change::SetAssetPhoto { number, photo })
}

/// Rows per INSERT: 16 values each, well under SQLite's 32,766.
const INSERT_ROWS: usize = 500;

/// Checks and inserts assets, all or none; returns them as stored, and as
/// the history stores them (see [`import_assets`] for a replay).
async fn import(
    conn: &mut SqliteConnection,
    assets: Vec<AssetDoc>,
    rules: Rules,
) -> Result<(Vec<AssetDoc>, Option<Logged>)> {
    if assets.is_empty() {
        return Err(Refusal::NoAssets.into());
    }
    // Cleaned in place: a register of 100,000 assets is not copied.
    let mut assets = assets;
    if rules == Rules::Check {
        check_rows(conn, &mut assets).await?;
    }
    let first: Id = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM asset")
        .fetch_one(&mut *conn)
        .await?;
    // The history's copy of the rows and their search text are made on a
    // thread of their own while SQLite inserts the rows on its.
    let out = Arc::new(assets);
    let side = (rules == Rules::Check).then(|| {
        let out = Arc::clone(&out);
        tokio::task::spawn_blocking(move || -> Result<_> {
            Ok((
                super::super::logged::write_rows(&out)?,
                super::text::blocks(first, &out)?,
            ))
        })
    });
    // Many rows per statement: one awaited round trip to SQLite's thread
    // per row was most of a large import's time. The next statement's
    // values are bound while SQLite runs this one.
    let mut chunks = out.chunks(INSERT_ROWS);
    let mut next = chunks.next().map(insert_rows);
    while let Some(mut q) = next.take() {
        let (done, following) =
            tokio::join!(biased; q.build().execute(&mut *conn), async { chunks.next().map(insert_rows) });
        done?;
        next = following;
    }
    // Each row took the next id, so the import holds first.. in order.
    let (last, count): (Id, i64) = sqlx::query_as("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM asset WHERE id >= ?1")
        .bind(first)
        .fetch_one(&mut *conn)
        .await?;
    if last != first + out.len() as Id - 1 || count != out.len() as i64 {
        return Err(CoreError::Database(format!(
            "imported assets took ids {first}..={last} ({count} rows), not {} in order",
            out.len()
        )));
    }
    let logged = match side {
        Some(side) => {
            let (logged, blocks) = side.await.map_err(|e| {
                CoreError::Database(format!("the import's history and search text were not made: {e}"))
            })??;
            super::text::keep(conn, blocks).await?;
            Some(logged)
        }
        None => None,
    };
    // The side thread let go of its share when it returned.
    Ok((Arc::unwrap_or_clone(out), logged))
}

/// Checks and cleans every row, naming the first at fault: numbers unique
/// in the file and new to the register, categories known, prices, lives
/// and dates plausible.
async fn check_rows(conn: &mut SqliteConnection, assets: &mut [AssetDoc]) -> Result<()> {
    let cats = categories(conn).await?;
    // Only the file's numbers are looked up in the register, before the
    // rows are checked in order. Each is cleaned where it lies (the rows
    // are the change's own, dropped if one is refused) and put back once
    // all are checked.
    let numbers: Vec<Result<String>> = assets
        .iter_mut()
        .map(|a| clean_owned_line("asset number", std::mem::take(&mut a.number), true))
        .collect();
    let registered = registered_among(conn, numbers.iter().filter_map(|n| n.as_deref().ok())).await?;
    let mut seen: FastSet<&str> = FastSet::with_capacity_and_hasher(assets.len(), Default::default());
    for (i, (a, number)) in assets.iter_mut().zip(&numbers).enumerate() {
        let at = |e: CoreError| row_fault(i, &e);
        let number = number.as_deref().map_err(|e| row_fault(i, e))?;
        if registered.contains(number) || !seen.insert(number) {
            return Err(at(Refusal::AssetExists {
                number: number.to_owned(),
            }
            .into()));
        }
        if !cats.iter().any(|(c, _)| *c == a.category) {
            return Err(at(Refusal::UnknownCategory {
                category: a.category.clone(),
            }
            .into()));
        }
        if a.price.is_sign_negative() || a.price.scale() > crate::money::PLACES {
            return Err(at(Refusal::NotAPrice {
                text: a.price.to_string(),
            }
            .into()));
        }
        if !(1..=100).contains(&a.useful_life) {
            return Err(at(Refusal::NotAUsefulLife {
                years: a.useful_life.into(),
            }
            .into()));
        }
        if let Some(y) = a.budget_year {
            crate::thai::check_year_be(y).map_err(at)?;
        }
        crate::thai::check_year_be(crate::thai::fiscal_year_of(a.acquired_on))
            .map_err(|_| at(Refusal::ImplausibleDate { date: a.acquired_on }.into()))?;
        let line = |f: &str, v: &mut String| clean_owned_line(f, std::mem::take(v), false).map_err(at);
        a.name = clean_owned_line("name", std::mem::take(&mut a.name), true).map_err(at)?;
        a.brand = line("brand", &mut a.brand)?;
        a.model = line("model", &mut a.model)?;
        a.serial = line("serial", &mut a.serial)?;
        a.method = line("method", &mut a.method)?;
        a.funding = line("funding", &mut a.funding)?;
        a.location = line("location", &mut a.location)?;
        a.division = line("division", &mut a.division)?;
        a.note = crate::text::clean_owned("note", std::mem::take(&mut a.note), false).map_err(at)?;
    }
    drop(seen);
    for (a, number) in assets.iter_mut().zip(numbers) {
        a.number = number?;
    }
    Ok(())
}

/// Row `i` of an import refused for `e`.
fn row_fault(i: usize, e: &CoreError) -> CoreError {
    CoreError::MalformedImport {
        path: format!("assets[{i}]"),
        message: e.to_string(),
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
