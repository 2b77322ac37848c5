//! Workflows of several steps that the app and the CLI both run: written
//! once here, so they behave the same from both.

use std::collections::BTreeMap;
use std::path::Path;

use super::Store;
use crate::assets::import::AssetImportCheck;
use crate::budget_import::ImportCheck;
use crate::change::Change;
use crate::error::Result;

/// What a budget import did, when every row was good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportDone {
    /// The budget changed (a file that changes nothing writes nothing).
    pub changed: bool,
    /// The mapping given is the one remembered for the file's layout
    /// (written only when it was not already).
    pub remembered: bool,
}

impl Store {
    /// Checks a budget file against the year and, when every row is good,
    /// imports it: as one logged change, and only when it changes the
    /// budget; a mapping given is remembered for files with the same header
    /// row (once: the same mapping again writes nothing). `None`: the check
    /// found problems and nothing was written.
    pub async fn import_budget_file(
        &self,
        year_be: i32,
        path: &Path,
        mapping: Option<BTreeMap<String, String>>,
        opts: &crate::table::ReadOptions,
    ) -> Result<(ImportCheck, Option<ImportDone>)> {
        let (check, merged) = self
            .check_budget_import_with(year_be, path, mapping.clone(), opts)
            .await?;
        let Some(merged) = merged else {
            return Ok((check, None));
        };
        let changed = merged != self.budget(year_be).await?;
        if changed {
            self.apply(Change::ImportBudget {
                budget: Box::new(merged),
                replace: true,
            })
            .await?;
        }
        let remembered = mapping.is_some();
        if let Some(m) = mapping
            && self.remembered_mapping(&check.headers).await?.as_ref() != Some(&m)
        {
            self.apply(Change::RememberMapping {
                headers: check.headers.clone(),
                mapping: m,
            })
            .await?;
        }
        Ok((check, Some(ImportDone { changed, remembered })))
    }
}

impl Store {
    /// Checks a register file (CSV/XLSX) and, when `write` and every row is
    /// good, imports it as one logged change. Returns the check, and how many
    /// assets were imported (`None`: nothing was written, because the check
    /// found problems or this was only a check).
    pub async fn import_assets_file(
        &self,
        path: &Path,
        mapping: Option<BTreeMap<String, String>>,
        opts: &crate::table::ReadOptions,
        write: bool,
    ) -> Result<(AssetImportCheck, Option<usize>)> {
        let writable = self.check_writable();
        if !write || writable.is_err() {
            // Read-only (beside the app), the file's own problems still
            // come first.
            let (check, assets) = self.check_asset_import_file_with(path, mapping, opts).await?;
            return match (write, assets, writable) {
                (true, Some(_), Err(e)) => Err(e),
                _ => Ok((check, None)),
            };
        }
        let table = crate::table::read_file(path, opts)?;
        let mut check = super::import_check(path, &table, mapping.clone());
        let applied = self.import_asset_table(table, mapping.as_ref(), &mut check).await?;
        let added = check.preview.as_ref().map(|p| p.added);
        Ok((check, applied.and(added)))
    }
}

impl Store {
    /// Starts an agency's own report in one step, undone as one: the
    /// organization as given (without the sample's complaint channels), its
    /// first fiscal year empty with the standard headings, and (when asked)
    /// the sample's years removed. Returns the year started.
    pub async fn start_own_report(
        &self,
        settings: crate::change::OrgSettings,
        year_be: i32,
        remove_sample: bool,
    ) -> Result<crate::change::Applied> {
        crate::thai::check_year_be(year_be)?;
        let mut changes = vec![Change::SetOrganization { settings }];
        // The sample's complaint channels are the DIP's: an agency starting
        // its own report enters its own (kept when it had set them).
        let sample_channels = crate::sample::sample_doc()?.organization.channels;
        if !sample_channels.is_empty() && self.organization().await?.channels == sample_channels {
            changes.push(Change::SetChannels { channels: Vec::new() });
        }
        if remove_sample {
            for y in self.years().await?.into_iter().filter(|y| y.sample) {
                changes.push(Change::DeleteYear { year_be: y.year_be });
            }
            changes.extend(self.sample_ita_removal().await?);
        }
        changes.push(Change::InsertYear {
            year: Box::new(super::empty_year(year_be)),
        });
        self.apply(Change::Batch { changes }).await
    }
}
