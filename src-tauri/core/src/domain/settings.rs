//! The organization's settings as one value: what the Settings form and
//! `org set` edit, and what [`crate::change::Change::SetOrganization`] carries.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Digits, Orientation};

/// The organization's settings as the settings page edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    pub name_th: String,
    pub name_en: String,
    pub ministry: String,
    pub doc_prefix: String,
    #[serde(default)]
    pub phone: String,
    pub divisions: Vec<String>,
    pub digits: Digits,
    pub orientation: Orientation,
}

impl super::Organization {
    /// The settings as the Settings form and `org set` edit them.
    pub fn settings(&self) -> OrgSettings {
        OrgSettings {
            name_th: self.name_th.clone(),
            name_en: self.name_en.clone(),
            ministry: self.ministry.clone(),
            doc_prefix: self.doc_prefix.clone(),
            phone: self.phone.clone(),
            divisions: self.divisions.iter().map(|d| d.name.clone()).collect(),
            digits: self.digits,
            orientation: self.orientation,
        }
    }
}
