//! The register: importing assets, their status and their photo.

use base64::Engine;

use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::{Change, clean_line, clean_text};
use crate::domain::Emblem;
use crate::error::{CoreError, Result};
use crate::refusal::Refusal;

use super::base::*;
use super::read::{categories, numbers};

/// Adds every asset of an import (numbers unique, categories known).
pub(in crate::store) async fn import_assets(conn: &mut SqliteConnection, assets: Vec<AssetDoc>) -> Result<Change> {
    Ok(Change::ImportAssets {
        assets: import(conn, assets).await?,
    })
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

/// Checks and inserts assets, all or none; returns them as stored.
async fn import(conn: &mut SqliteConnection, assets: Vec<AssetDoc>) -> Result<Vec<AssetDoc>> {
    if assets.is_empty() {
        return Err(Refusal::NoAssets.into());
    }
    let cats = categories(conn).await?;
    let mut seen = numbers(conn).await?;
    let mut out = Vec::with_capacity(assets.len());
    for (i, a) in assets.into_iter().enumerate() {
        let at = |e: CoreError| CoreError::MalformedImport {
            path: format!("assets[{i}]"),
            message: e.to_string(),
        };
        let number = clean_line("asset number", &a.number, true).map_err(at)?;
        if !seen.insert(number.clone()) {
            return Err(at(Refusal::AssetExists { number }.into()));
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
        let line = |f: &str, v: &str| clean_line(f, v, false).map_err(at);
        out.push(AssetDoc {
            number,
            name: clean_line("name", &a.name, true).map_err(at)?,
            brand: line("brand", &a.brand)?,
            model: line("model", &a.model)?,
            serial: line("serial", &a.serial)?,
            method: line("method", &a.method)?,
            funding: line("funding", &a.funding)?,
            location: line("location", &a.location)?,
            division: line("division", &a.division)?,
            note: clean_text("note", &a.note, false).map_err(at)?,
            ..a
        });
    }
    for a in &out {
        sqlx::query(
            "INSERT INTO asset (number, name, category, brand, model, serial, acquired_on, method, price, budget_year, \
                                funding, location, division, status, useful_life, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )
        .bind(&a.number)
        .bind(&a.name)
        .bind(&a.category)
        .bind(&a.brand)
        .bind(&a.model)
        .bind(&a.serial)
        .bind(iso(a.acquired_on))
        .bind(&a.method)
        .bind(a.price.to_string())
        .bind(a.budget_year)
        .bind(&a.funding)
        .bind(&a.location)
        .bind(&a.division)
        .bind(a.status.as_str())
        .bind(a.useful_life)
        .bind(&a.note)
        .execute(&mut *conn)
        .await?;
    }
    Ok(out)
}
