//! The one way to write: a typed [`Change`], applied by
//! [`crate::store::Store::apply`] in a single transaction that also appends
//! it to `change_log`. Undo/redo, the history and the audit trail build on
//! this record, so nothing writes around it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{Channel, Emblem, Evidence, Headings, Id, MemoDoc, OitItem, ReportDoc, Signatures, YearStatus};

pub use crate::domain::settings::OrgSettings;
pub use crate::text::{MAX_TEXT_CHARS, clean_line, clean_text};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, strum::EnumDiscriminants)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[strum_discriminants(
    name(ChangeKind),
    doc = "The kind of a [`Change`], the `kind` its JSON is tagged with: the one list of kinds.",
    derive(Serialize, TS, strum::IntoStaticStr, strum::EnumString, strum::VariantArray),
    serde(rename_all = "snake_case"),
    strum(serialize_all = "snake_case")
)]
pub enum Change {
    /// Replace one text field of the report.
    SetText {
        target: TextTarget,
        text: String,
    },
    /// Load a whole fiscal year from a [`ReportDoc`]. Refused when the year
    /// exists unless `replace`.
    ImportReport {
        doc: Box<ReportDoc>,
        replace: bool,
    },
    /// Set (or clear, with `null`) the emblem printed on memos.
    SetEmblem {
        emblem: Option<Emblem>,
    },
    /// Set the TH Sarabun font file documents are set in (its regular
    /// face), or `""` for the Sarabun compiled in. Refused unless the file
    /// and its bold are Thai TrueType fonts.
    SetFont {
        file: String,
    },
    /// Load a year's budget lines and targets (all or nothing). Refused when
    /// the year already has a budget unless `replace`.
    ImportBudget {
        budget: Box<crate::budget::BudgetDoc>,
        replace: bool,
    },
    /// Set one month's figure of one budget line. `amount` is as typed
    /// (Thai digits, commas, parentheses); it is stored in plain form.
    SetMonthFigure {
        line_id: Id,
        month: u8,
        field: crate::budget::MonthField,
        amount: String,
    },
    /// Set (or clear, with `null`) a cabinet disbursement target: the
    /// cumulative per cent by the end of a quarter.
    SetTarget {
        year_be: i32,
        scope: crate::budget::TargetScope,
        quarter: u8,
        percent: Option<String>,
    },
    /// Remember how the columns of an import layout (its header row) map to
    /// fields, for the next file of the same layout.
    RememberMapping {
        headers: Vec<String>,
        mapping: std::collections::BTreeMap<String, String>,
    },

    // ------------------------------------------------ the report editor
    /// Insert a measure at `index` (past the end: appended).
    InsertMeasure {
        year_be: i32,
        index: u32,
        measure: MeasureSnap,
    },
    DeleteMeasure {
        id: Id,
    },
    /// Move a measure to position `to` (0-based) within its year.
    MoveMeasure {
        id: Id,
        to: u32,
    },
    /// Insert an activity, a result or an outcome at `index`.
    InsertItem {
        list: ItemList,
        index: u32,
        item: ItemSnap,
    },
    DeleteItem {
        item: ItemRef,
    },
    MoveItem {
        item: ItemRef,
        to: u32,
    },
    /// 0: a numbered item (1.), 1: its sub-item (1)).
    SetLevel {
        item: ItemRef,
        level: u8,
    },
    /// Split an item's text at character `at`; the rest becomes the next item.
    /// Recorded as the [`Change::Batch`] it expands to.
    SplitItem {
        item: ItemRef,
        at: u32,
    },
    /// Join an item with the one after it (texts on two lines, evidence kept).
    /// Recorded as the [`Change::Batch`] it expands to.
    MergeItem {
        item: ItemRef,
    },
    InsertEvidence {
        result_id: Id,
        index: u32,
        evidence: EvidenceSnap,
    },
    DeleteEvidence {
        id: Id,
    },
    /// Names, document prefix, divisions and the report defaults.
    SetOrganization {
        settings: OrgSettings,
    },
    /// The whole list of complaint channels, in order.
    SetChannels {
        channels: Vec<Channel>,
    },
    /// A year's OIT catalogue, in order.
    SetOitItems {
        year_be: i32,
        items: Vec<OitItem>,
    },
    /// Tag the report or a measure with an OIT item ("" removes the tag).
    SetOitTag {
        target: OitTarget,
        code: String,
    },
    /// Who reports and who approves, as printed under the report.
    SetSignatures {
        year_be: i32,
        signatures: Signatures,
    },
    /// Add a memo (บันทึกข้อความ / หนังสือเวียน) of the organization; `id`
    /// is `None` when new, or the id a redo or a replay recreates.
    InsertMemo {
        #[serde(default)]
        id: Option<Id>,
        memo: MemoDoc,
    },
    /// Replace a memo's fields.
    SetMemo {
        id: Id,
        memo: MemoDoc,
    },
    DeleteMemo {
        id: Id,
    },
    /// Set a year's title lines, headings, Part headings and column
    /// headings (placeholders allowed, see [`Headings`]).
    SetHeadings {
        year_be: i32,
        headings: Headings,
    },
    /// Start a year from another: its measures and activities, no results,
    /// evidence or outcomes. Recorded as the [`Change::InsertYear`] it makes.
    NewYear {
        from: i32,
        to: i32,
        keep_remarks: bool,
    },
    /// Insert a whole year as given (the record of a [`Change::NewYear`]).
    InsertYear {
        year: Box<YearSnap>,
    },
    /// Remove a draft year without a budget (the reverse of an insert).
    DeleteYear {
        year_be: i32,
    },
    /// draft → approved (by whom) → published (where); back to draft with a
    /// reason. `at` is filled in when applied.
    SetStatus {
        year_be: i32,
        status: YearStatus,
        by: String,
        url: String,
        reason: String,
        at: Option<String>,
    },
    /// An ITA round's catalogue: a new round, or (`replace`) a corrected one.
    SetItaCatalogue {
        catalogue: crate::ita::Catalogue,
        #[serde(default)]
        replace: bool,
    },
    /// Remove an ITA round with no tracker entries, findings or measures.
    DeleteItaRound {
        year_be: i32,
    },
    /// The tracker's record of one item of a round.
    SetItaTrack {
        year_be: i32,
        code: String,
        track: crate::ita::Track,
    },
    /// The result of a round, imported (`None` removes it).
    SetItaScores {
        year_be: i32,
        scores: Option<crate::ita::ScoreSet>,
    },
    /// What the O25 analysis found for an indicator ("" removes it).
    SetItaFinding {
        year_be: i32,
        indicator: String,
        issue: String,
    },
    /// The measures set from a round's O25 analysis, in order.
    SetItaMeasures {
        year_be: i32,
        measures: Vec<crate::ita::ItaMeasure>,
    },
    /// The domains of the organization's website, which ITAS URLs must be on.
    SetWebDomains {
        domains: Vec<String>,
    },
    /// Several changes as one step (one undo).
    Batch {
        changes: Vec<Change>,
    },

    // ------------------------------------- assets, loans, inspections
    // Records, not drafts: they are never undone (a loan is corrected by
    // the next step, not rewritten), and undo passes over them.
    /// Add assets to the register, all or none (an import, or one by hand).
    ImportAssets {
        assets: Vec<crate::assets::AssetDoc>,
    },
    /// Change an asset's status (ชำรุด, สูญหาย, จำหน่ายแล้ว …), with the reason.
    SetAssetStatus {
        number: String,
        status: crate::assets::AssetStatus,
        on: chrono::NaiveDate,
        reason: String,
    },
    /// Set or remove an asset's photo.
    SetAssetPhoto {
        number: String,
        photo: Option<Emblem>,
    },
    RequestLoan {
        request: crate::assets::LoanRequest,
        on: chrono::NaiveDate,
    },
    /// Approve or refuse (with a reason) a requested loan: the head of the
    /// agency or a delegate.
    DecideLoan {
        loan_id: Id,
        approve: bool,
        by: String,
        authority: crate::assets::Authority,
        on: chrono::NaiveDate,
        reason: String,
    },
    HandOverLoan {
        loan_id: Id,
        on: chrono::NaiveDate,
        by: String,
    },
    ReturnLoan {
        loan_id: Id,
        on: chrono::NaiveDate,
        condition: crate::assets::ReturnCondition,
        received_by: String,
    },
    /// How damage or loss on return was made good (ข้อ 209).
    SettleLoan {
        loan_id: Id,
        settlement: crate::assets::Settlement,
        note: String,
        on: chrono::NaiveDate,
    },
    /// Correct a recorded step of a loan: its date, and who did it (`by`
    /// empty keeps the name recorded). A wrong step is corrected by this
    /// record, with its reason, never left stuck.
    CorrectLoan {
        loan_id: Id,
        /// The step corrected (approve or refuse: the decision).
        step: crate::assets::LoanStep,
        on: chrono::NaiveDate,
        #[serde(default)]
        by: String,
        reason: String,
    },
    /// Open the year's inspection with its committee (ข้อ 213).
    StartInspection {
        year_be: i32,
        on: chrono::NaiveDate,
        supply_officer: String,
        committee: Vec<crate::assets::Member>,
    },
    RecordFinding {
        year_be: i32,
        number: String,
        finding: crate::assets::Finding,
        note: String,
    },
    /// Close the inspection: findings become the assets' statuses.
    ConfirmInspection {
        year_be: i32,
        on: chrono::NaiveDate,
    },
}

/// The kinds of the asset record changes (see [`Change::is_record`]).
impl ChangeKind {
    /// A change to the asset records: never undone, and undo passes over it
    /// (it touches nothing the undoable changes do).
    pub fn is_record(self) -> bool {
        use ChangeKind::*;
        matches!(
            self,
            ImportAssets
                | SetAssetStatus
                | SetAssetPhoto
                | RequestLoan
                | DecideLoan
                | HandOverLoan
                | ReturnLoan
                | SettleLoan
                | CorrectLoan
                | StartInspection
                | RecordFinding
                | ConfirmInspection
        )
    }
}

/// A measure to insert. Ids are `null` for new records; the history keeps
/// the ids given, so a redo or a replay recreates the same records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MeasureSnap {
    #[serde(default)]
    pub id: Option<Id>,
    pub title: String,
    #[serde(default)]
    pub remarks: String,
    #[serde(default)]
    pub oit_code: String,
    #[serde(default)]
    pub activities: Vec<ItemSnap>,
    #[serde(default)]
    pub results: Vec<ItemSnap>,
}

/// An activity, result or outcome to insert (evidence only on results).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemSnap {
    #[serde(default)]
    pub id: Option<Id>,
    #[serde(default)]
    pub level: u8,
    pub text: String,
    #[serde(default)]
    pub evidence: Vec<EvidenceSnap>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceSnap {
    #[serde(default)]
    pub id: Option<Id>,
    pub evidence: Evidence,
}

/// A whole year to insert (see [`Change::InsertYear`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct YearSnap {
    #[serde(default)]
    pub id: Option<Id>,
    pub year_be: i32,
    pub title: Vec<String>,
    pub heading: Vec<String>,
    pub part1_heading: String,
    pub part2_heading: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sample: bool,
    pub signatures: Signatures,
    pub oit_code: String,
    pub oit_items: Vec<OitItem>,
    pub measures: Vec<MeasureSnap>,
    pub outcomes: Vec<ItemSnap>,
}

/// The ordered list an item is inserted into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "list", rename_all = "snake_case")]
pub enum ItemList {
    Activities { measure_id: Id },
    Results { measure_id: Id },
    Outcomes { year_be: i32 },
}

/// One activity, result or outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "item", content = "id", rename_all = "snake_case")]
pub enum ItemRef {
    Activity(Id),
    Result(Id),
    Outcome(Id),
}

impl ItemRef {
    pub fn id(self) -> Id {
        match self {
            ItemRef::Activity(id) | ItemRef::Result(id) | ItemRef::Outcome(id) => id,
        }
    }
    /// The text field of this item.
    pub fn text_target(self) -> TextTarget {
        match self {
            ItemRef::Activity(id) => TextTarget::Activity(id),
            ItemRef::Result(id) => TextTarget::Result(id),
            ItemRef::Outcome(id) => TextTarget::Outcome(id),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "of", content = "id", rename_all = "snake_case")]
pub enum OitTarget {
    Year(i32),
    Measure(Id),
}

impl Change {
    /// The change's name as recorded (`set_text`, `insert_measure`, …):
    /// what the UI names in "Undo …" and the history.
    pub fn kind(&self) -> &'static str {
        ChangeKind::from(self).into()
    }

    /// The view of the app where the change is seen: where undo and redo
    /// take the user before they reverse it.
    pub fn view(&self) -> View {
        match self {
            Change::ImportBudget { .. }
            | Change::SetMonthFigure { .. }
            | Change::SetTarget { .. }
            | Change::RememberMapping { .. } => View::Budget,
            Change::SetEmblem { .. }
            | Change::SetFont { .. }
            | Change::SetOrganization { .. }
            | Change::SetChannels { .. }
            | Change::SetOitItems { .. } => View::Settings,
            Change::SetItaCatalogue { .. }
            | Change::DeleteItaRound { .. }
            | Change::SetItaTrack { .. }
            | Change::SetItaScores { .. }
            | Change::SetItaFinding { .. }
            | Change::SetItaMeasures { .. }
            | Change::SetWebDomains { .. } => View::Ita,
            Change::NewYear { .. }
            | Change::InsertYear { .. }
            | Change::SetHeadings { .. }
            | Change::DeleteYear { .. }
            | Change::SetStatus { .. } => View::Years,
            Change::Batch { changes } => changes.first().map_or(View::Report, Change::view),
            c if c.is_record() => View::Assets,
            _ => View::Report,
        }
    }

    /// A change to the asset records: never undone, and undo passes over it
    /// (it touches nothing the undoable changes do).
    pub fn is_record(&self) -> bool {
        ChangeKind::from(self).is_record()
    }
}

/// A view of the app (see [`Change::view`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum View {
    Report,
    Budget,
    Assets,
    Years,
    Settings,
    Ita,
}

/// Which text field a [`Change::SetText`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "id", rename_all = "snake_case")]
pub enum TextTarget {
    MeasureTitle(Id),
    MeasureRemarks(Id),
    Activity(Id),
    Result(Id),
    Outcome(Id),
}

impl TextTarget {
    /// Human name of the field, used in error messages.
    pub fn field_name(self) -> &'static str {
        match self {
            TextTarget::MeasureTitle(_) => "measure title",
            TextTarget::MeasureRemarks(_) => "remarks",
            TextTarget::Activity(_) => "activity",
            TextTarget::Result(_) => "result",
            TextTarget::Outcome(_) => "outcome",
        }
    }
    /// The kind of record the text belongs to.
    pub fn thing(self) -> crate::refusal::Thing {
        use crate::refusal::Thing;
        match self {
            TextTarget::MeasureTitle(_) | TextTarget::MeasureRemarks(_) => Thing::Measure,
            TextTarget::Activity(_) => Thing::Activity,
            TextTarget::Result(_) => Thing::Result,
            TextTarget::Outcome(_) => Thing::Outcome,
        }
    }
    /// Remarks may be empty; every other field is required.
    pub fn required(self) -> bool {
        !matches!(self, TextTarget::MeasureRemarks(_))
    }
}

/// What [`crate::store::Store::apply`] reports back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Applied {
    /// Row id of the change in `change_log`.
    pub change_id: Id,
    /// The fiscal year the change touched (0: none, an organization setting).
    pub year_be: i32,
    /// The id of the record the change created, where callers need it to
    /// go on (a loan request): never guessed from "the newest".
    pub created: Option<Id>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn change_json_shape_is_stable() {
        let c = Change::SetText {
            target: TextTarget::Result(7),
            text: "ก".into(),
        };
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"set_text","target":{"field":"result","id":7},"text":"ก"}"#
        );
        assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), c);
    }
}
