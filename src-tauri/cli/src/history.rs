//! The history: undo, redo, verify; copies of the database.

use std::path::PathBuf;

use clap::Subcommand;
use prongsai_core::{CoreError, Store};

use crate::output::Out;

#[derive(Subcommand)]
pub enum HistoryCommand {
    /// Write a consistent copy of the database to a new file (VACUUM INTO)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check the history's hash chain and that the records match what it
    /// last wrote (an edit made around the app is named)
    Verify {
        /// Also check that the database still holds the newest entry of
        /// this backup (a copy taken earlier): entries removed since show
        #[arg(long, value_name = "BACKUP")]
        against: Option<PathBuf>,
    },
    /// Undo the newest change not undone yet (the app's Ctrl+Z)
    Undo,
    /// Redo the change the newest undo reversed (the app's Ctrl+Shift+Z)
    Redo,
}

impl HistoryCommand {
    /// Only reads the database.
    pub fn reads(&self) -> bool {
        matches!(self, HistoryCommand::Backup { .. } | HistoryCommand::Verify { .. })
    }
}

pub async fn run(store: &Store, command: HistoryCommand, out: &mut Out) -> Result<(), CoreError> {
    match command {
        HistoryCommand::Verify { against } => {
            let mut v = store.verify().await?;
            if let Some(backup) = against
                && let Some(m) = store.verify_against(&backup).await?
            {
                v.mismatches.insert(0, m);
            }
            out.line(format_args!("history: {} entries", v.entries))?;
            match &v.broken_at {
                Some((id, why)) => out.line(format_args!("the hash chain breaks at entry {id}: {why}"))?,
                None => out.line("the hash chain is intact")?,
            }
            for m in &v.mismatches {
                out.line(format_args!("differs from the history: {m}"))?;
            }
            if !v.ok() {
                out.flush()?;
                return Err(CoreError::Database("verification failed".into()));
            }
            out.line("every record matches the history")
        }
        HistoryCommand::Backup { out: path } => {
            store.backup_to(&path).await?;
            out.line(format_args!("backed up to {}", path.display()))
        }
        HistoryCommand::Undo | HistoryCommand::Redo => {
            let undo = matches!(command, HistoryCommand::Undo);
            let state = store.undo_state().await?;
            let step = if undo { state.undo } else { state.redo };
            let applied = if undo { store.undo().await? } else { store.redo().await? };
            let kind = step.map(|s| s.kind).unwrap_or_default();
            let verb = if undo { "undid" } else { "redid" };
            match applied.year_be {
                0 => out.line(format_args!("{verb} {kind}")),
                y => out.line(format_args!("{verb} {kind} (fiscal year {y})")),
            }
        }
    }
}
