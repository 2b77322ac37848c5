//! The organization's settings.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::{Change, CoreError, Store};

use crate::output::Out;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Set the organization's names and document prefix (what is not given stays)
    Set {
        /// The Thai name, as it heads every document
        #[arg(long)]
        name_th: Option<String>,
        #[arg(long)]
        name_en: Option<String>,
        /// The ministry (กระทรวง)
        #[arg(long)]
        ministry: Option<String>,
        /// The document number prefix, e.g. "พณ 0701"
        #[arg(long)]
        prefix: Option<String>,
        /// The phone number a memo's ส่วนราชการ line gives, e.g. "0 2547 4621"
        #[arg(long)]
        phone: Option<String>,
        /// A division (repeat for each; given, they replace the list)
        #[arg(long = "division")]
        divisions: Vec<String>,
    },
    /// Set the emblem (ครุฑ) printed on memos, from a PNG, JPEG or SVG file
    SetEmblem { file: PathBuf },
    /// Remove the emblem
    ClearEmblem,
}

pub async fn run(store: &Store, command: OrgCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        OrgCommand::Set {
            name_th,
            name_en,
            ministry,
            prefix,
            phone,
            divisions,
        } => {
            let mut settings = store.organization().await?.settings();
            let keep = |given: Option<String>, now: &mut String| {
                if let Some(v) = given {
                    *now = v;
                }
            };
            keep(name_th, &mut settings.name_th);
            keep(name_en, &mut settings.name_en);
            keep(ministry, &mut settings.ministry);
            keep(prefix, &mut settings.doc_prefix);
            keep(phone, &mut settings.phone);
            if !divisions.is_empty() {
                settings.divisions = divisions;
            }
            let name = settings.name_th.clone();
            store.apply(Change::SetOrganization { settings }).await?;
            out.line(format_args!("the organization is now {name}"))
        }
        OrgCommand::SetEmblem { file } => {
            let emblem = prongsai_core::doc::read_image_file(&file)?;
            store.apply(Change::SetEmblem { emblem: Some(emblem) }).await?;
            out.line(format_args!("emblem set from {}", file.display()))
        }
        OrgCommand::ClearEmblem => {
            store.apply(Change::SetEmblem { emblem: None }).await?;
            out.line("emblem removed")
        }
    }
}
