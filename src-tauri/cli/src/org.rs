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
    /// Set documents in an installed TH Sarabun New / TH SarabunPSK (the
    /// regular face's file; the bold must be beside it), or in the Sarabun
    /// built in with --builtin. `org fonts` lists those found on this machine
    SetFont {
        #[arg(required_unless_present = "builtin")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        builtin: bool,
    },
    /// List the TH Sarabun New / TH SarabunPSK files installed on this machine
    Fonts,
}

impl OrgCommand {
    /// Only lists: beside the open app it reads.
    pub fn reads(&self) -> bool {
        matches!(self, OrgCommand::Fonts)
    }
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
        OrgCommand::SetFont { file, .. } => {
            let file = file.map(|f| std::path::absolute(&f).unwrap_or(f));
            let text = file.as_ref().map(|f| f.display().to_string()).unwrap_or_default();
            store.apply(Change::SetFont { file: text.clone() }).await?;
            if text.is_empty() {
                out.line("documents are set in the Sarabun built in")
            } else {
                out.line(format_args!("documents are set in {text}"))
            }
        }
        OrgCommand::Fonts => {
            let found = prongsai_core::typeset::font::find_th_sarabun(&prongsai_core::typeset::font::font_folders());
            if found.is_empty() {
                out.line("no TH Sarabun New or TH SarabunPSK with its bold is installed here")?;
            }
            for f in found {
                out.line(f.display())?;
            }
            Ok(())
        }
    }
}
