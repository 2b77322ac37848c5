//! The register: importing assets, their status and their photo.

use base64::Engine;

use sqlx::SqliteConnection;

use crate::assets::*;
use crate::change::{Change, clean_text};
use crate::domain::Emblem;
use crate::error::Result;
use crate::refusal::Refusal;

use super::super::effect::{Effect, Rules};
use super::base::*;

/// Adds every asset of an import (numbers unique, categories known), as
/// they arrive (see [`super::insert::import`]).
pub(in crate::store) async fn import_assets(
    conn: &mut SqliteConnection,
    rows: super::insert::Rows,
    rules: Rules,
) -> Result<Effect> {
    let (assets, _, logged) = super::insert::import(conn, rows, rules, true).await?;
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
