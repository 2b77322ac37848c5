//! The organization: its names, prefix, divisions and display settings, its
//! complaint channels and its emblem. It belongs to no year (`year_be` 0).

use base64::Engine;
use sqlx::SqliteConnection;

use crate::change::{Change, OrgSettings, clean_line};
use crate::domain::{Channel, ChannelKind, Emblem};
use crate::error::Result;
use crate::refusal::Refusal;

use super::effect::Done;
use super::{read, rows};

pub(super) async fn set_organization(conn: &mut SqliteConnection, settings: OrgSettings) -> Result<Done> {
    let settings = clean_settings(settings)?;
    let old = read::organization(conn).await?;
    let before = old.settings();
    sqlx::query(
        "UPDATE organization SET name_th = ?2, name_en = ?3, ministry = ?4, doc_prefix = ?5, digits = ?6, \
         orientation = ?7, phone = ?8 WHERE id = ?1",
    )
    .bind(old.id)
    .bind(&settings.name_th)
    .bind(&settings.name_en)
    .bind(&settings.ministry)
    .bind(&settings.doc_prefix)
    .bind(settings.digits.as_str())
    .bind(settings.orientation.as_str())
    .bind(&settings.phone)
    .execute(&mut *conn)
    .await?;
    if settings.divisions != before.divisions {
        rows::write_divisions(conn, old.id, &settings.divisions).await?;
    }
    Ok(Done {
        change: Change::SetOrganization { settings },
        year_be: 0,
        inverse: Some(Change::SetOrganization { settings: before }),
    })
}

pub(super) async fn set_channels(conn: &mut SqliteConnection, channels: Vec<Channel>) -> Result<Done> {
    let channels = channels.into_iter().map(clean_channel).collect::<Result<Vec<_>>>()?;
    let org = read::organization(conn).await?;
    rows::write_channels(conn, org.id, &channels).await?;
    Ok(Done {
        change: Change::SetChannels { channels },
        year_be: 0,
        inverse: Some(Change::SetChannels { channels: org.channels }),
    })
}

pub(super) async fn set_emblem(conn: &mut SqliteConnection, emblem: Option<Emblem>) -> Result<Done> {
    if let Some(e) = &emblem {
        crate::doc::check_image(&e.mime, &e.data, "emblem")?;
    }
    let old = write_emblem(conn, emblem.as_ref()).await?;
    // The emblem is the organization's: it belongs to no year.
    let inverse = Change::SetEmblem { emblem: old };
    Ok(Done {
        change: Change::SetEmblem { emblem },
        year_be: 0,
        inverse: Some(inverse),
    })
}

/// Sets the font file documents are set in: checked to be a Thai TrueType
/// font with its bold beside it, so that an export never finds out.
pub(super) async fn set_font(conn: &mut SqliteConnection, file: String, check: bool) -> Result<Done> {
    let file = clean_line("font file", &file, false)?;
    if check && !file.is_empty() {
        crate::typeset::font::load(std::path::Path::new(&file)).map_err(|e| Refusal::FontUnusable {
            file: e.file.display().to_string(),
            problem: e.problem.into(),
        })?;
    }
    let old = read::organization(conn).await?;
    sqlx::query("UPDATE organization SET font_file = ?1 WHERE id = ?2")
        .bind(&file)
        .bind(old.id)
        .execute(&mut *conn)
        .await?;
    Ok(Done {
        change: Change::SetFont { file },
        year_be: 0,
        inverse: Some(Change::SetFont { file: old.font_file }),
    })
}

/// Sets or clears the organization's emblem.
async fn write_emblem(conn: &mut SqliteConnection, emblem: Option<&Emblem>) -> Result<Option<Emblem>> {
    let old = read::organization(conn).await?;
    let (mime, data) = match emblem {
        Some(e) => (
            Some(e.mime.clone()),
            Some(
                base64::engine::general_purpose::STANDARD
                    .decode(e.data.as_bytes())
                    .map_err(|err| Refusal::ImageUnreadable {
                        what: "emblem".into(),
                        detail: format!("not base64: {err}"),
                    })?,
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

fn clean_settings(s: OrgSettings) -> Result<OrgSettings> {
    let mut divisions: Vec<String> = Vec::with_capacity(s.divisions.len());
    for d in &s.divisions {
        let d = clean_line("division", d, true)?;
        if divisions.contains(&d) {
            return Err(Refusal::DivisionTwice { name: d }.into());
        }
        divisions.push(d);
    }
    Ok(OrgSettings {
        name_th: clean_line("organization name (Thai)", &s.name_th, true)?,
        name_en: clean_line("organization name (English)", &s.name_en, false)?,
        ministry: clean_line("ministry", &s.ministry, false)?,
        doc_prefix: clean_line("document number prefix", &s.doc_prefix, false)?,
        phone: clean_line("phone", &s.phone, false)?,
        divisions,
        digits: s.digits,
        orientation: s.orientation,
    })
}

fn clean_channel(c: Channel) -> Result<Channel> {
    let value = clean_line("channel", &c.value, true)?;
    match c.kind {
        ChannelKind::Email if !value.contains('@') || value.contains(' ') => {
            return Err(Refusal::NotAnEmail { text: value.clone() }.into());
        }
        ChannelKind::Web if !(value.starts_with("https://") || value.starts_with("http://")) || value.contains(' ') => {
            return Err(Refusal::NotAUrl { text: value.clone() }.into());
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
