//! The organization's settings.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::{Change, CoreError, Store};

use crate::output::Out;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Set the emblem (ครุฑ) printed on memos, from a PNG, JPEG or SVG file
    SetEmblem { file: PathBuf },
    /// Remove the emblem
    ClearEmblem,
}

pub async fn run(store: &Store, command: OrgCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
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
