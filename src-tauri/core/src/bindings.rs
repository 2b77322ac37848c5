//! TypeScript declarations of every type that crosses IPC, generated with
//! ts-rs into `ui/src/lib/bindings.ts`. The test below fails when the file
//! is stale; `make bindings` (UPDATE_BINDINGS=1) rewrites it.

use ts_rs::{Config, TS};

use crate::change::{Applied, Change, TextTarget};
use crate::domain::*;
use crate::error::{ErrorCode, ErrorPayload};

/// Path of the generated file, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/lib/bindings.ts";

/// The whole generated file.
pub fn typescript() -> String {
    // i64 ids and counts stay far below 2^53: plain numbers in TypeScript.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorCode::decl(&cfg),
        ErrorPayload::decl(&cfg),
        crate::refusal::Refusal::decl(&cfg),
        crate::refusal::Thing::decl(&cfg),
        crate::refusal::Moment::decl(&cfg),
        crate::refusal::Duty::decl(&cfg),
        crate::refusal::AmountProblem::decl(&cfg),
        crate::refusal::FontProblem::decl(&cfg),
        Digits::decl(&cfg),
        YearStatus::decl(&cfg),
        Urgency::decl(&cfg),
        Secrecy::decl(&cfg),
        Evidence::decl(&cfg),
        Orientation::decl(&cfg),
        Organization::decl(&cfg),
        Emblem::decl(&cfg),
        Memo::decl(&cfg),
        MemoDoc::decl(&cfg),
        Signatures::decl(&cfg),
        crate::documents::ReportOptions::decl(&cfg),
        crate::documents::Exported::decl(&cfg),
        crate::documents::DocFormat::decl(&cfg),
        crate::publish::Progress::decl(&cfg),
        crate::publish::PublishStep::decl(&cfg),
        crate::publish::Published::decl(&cfg),
        crate::publish::PublishOptions::decl(&cfg),
        crate::publish::infographic::Kind::decl(&cfg),
        crate::publish::infographic::Size::decl(&cfg),
        crate::publish::infographic::Theme::decl(&cfg),
        Division::decl(&cfg),
        FiscalYear::decl(&cfg),
        YearSummary::decl(&cfg),
        Report::decl(&cfg),
        Measure::decl(&cfg),
        Activity::decl(&cfg),
        ResultItem::decl(&cfg),
        EvidenceItem::decl(&cfg),
        Outcome::decl(&cfg),
        Channel::decl(&cfg),
        ChannelKind::decl(&cfg),
        OitItem::decl(&cfg),
        crate::ita::Period::decl(&cfg),
        crate::ita::ItaItem::decl(&cfg),
        crate::ita::Catalogue::decl(&cfg),
        crate::ita::TrackStatus::decl(&cfg),
        crate::ita::Track::decl(&cfg),
        crate::ita::RoundItem::decl(&cfg),
        crate::ita::Instrument::decl(&cfg),
        crate::ita::Score::decl(&cfg),
        crate::ita::ScoreSet::decl(&cfg),
        crate::ita::ItaMeasure::decl(&cfg),
        crate::ita::Finding::decl(&cfg),
        crate::ita::Round::decl(&cfg),
        crate::ita::RoundSummary::decl(&cfg),
        crate::ita::analysis::AnalysisRow::decl(&cfg),
        crate::ita::analysis::Analysis::decl(&cfg),
        crate::ita::links::LinkProblem::decl(&cfg),
        crate::ita::links::Online::decl(&cfg),
        crate::ita::links::LinkCheck::decl(&cfg),
        crate::ita::answers::Answer::decl(&cfg),
        crate::store::ItaImport::decl(&cfg),
        StatusTrail::decl(&cfg),
        Headings::decl(&cfg),
        HitPlace::decl(&cfg),
        SearchHit::decl(&cfg),
        crate::change::MeasureSnap::decl(&cfg),
        crate::change::ItemSnap::decl(&cfg),
        crate::change::EvidenceSnap::decl(&cfg),
        crate::change::YearSnap::decl(&cfg),
        crate::change::ItemList::decl(&cfg),
        crate::change::ItemRef::decl(&cfg),
        crate::change::OitTarget::decl(&cfg),
        crate::change::OrgSettings::decl(&cfg),
        crate::store::UndoState::decl(&cfg),
        crate::store::About::decl(&cfg),
        crate::store::Step::decl(&cfg),
        crate::change::View::decl(&cfg),
        crate::store::HistoryEntry::decl(&cfg),
        crate::assets::AssetStatus::decl(&cfg),
        crate::assets::AssetDoc::decl(&cfg),
        crate::assets::Asset::decl(&cfg),
        crate::assets::StatusEvent::decl(&cfg),
        crate::assets::Depreciation::decl(&cfg),
        crate::assets::LoanState::decl(&cfg),
        crate::assets::LoanStep::decl(&cfg),
        crate::assets::ReturnCondition::decl(&cfg),
        crate::assets::Settlement::decl(&cfg),
        crate::assets::Authority::decl(&cfg),
        crate::assets::LoanRequest::decl(&cfg),
        crate::assets::Loan::decl(&cfg),
        crate::assets::Member::decl(&cfg),
        crate::assets::Finding::decl(&cfg),
        crate::assets::Inspection::decl(&cfg),
        crate::assets::FindingRow::decl(&cfg),
        crate::assets::AssetPage::decl(&cfg),
        crate::assets::LoanFilter::decl(&cfg),
        crate::assets::AssetSummary::decl(&cfg),
        crate::assets::LoanReminders::decl(&cfg),
        crate::assets::index::AssetRow::decl(&cfg),
        crate::assets::index::AssetSort::decl(&cfg),
        crate::assets::index::AssetQuery::decl(&cfg),
        crate::assets::index::AssetRows::decl(&cfg),
        crate::assets::import::AssetImportPreview::decl(&cfg),
        crate::assets::import::AssetImportCheck::decl(&cfg),
        crate::store::BackupInfo::decl(&cfg),
        ReportDoc::decl(&cfg),
        OrganizationDoc::decl(&cfg),
        YearDoc::decl(&cfg),
        MeasureDoc::decl(&cfg),
        ItemDoc::decl(&cfg),
        ResultDoc::decl(&cfg),
        crate::budget::Category::decl(&cfg),
        crate::budget::OperatingItem::decl(&cfg),
        crate::budget::MonthFigures::decl(&cfg),
        crate::budget::BudgetLineDoc::decl(&cfg),
        crate::budget::BudgetLine::decl(&cfg),
        crate::budget::TargetScope::decl(&cfg),
        crate::budget::Target::decl(&cfg),
        crate::budget::BudgetDoc::decl(&cfg),
        crate::budget::MonitorRow::decl(&cfg),
        crate::budget::Monitoring::decl(&cfg),
        crate::budget::MonthField::decl(&cfg),
        crate::budget::MonthTotals::decl(&cfg),
        crate::budget::BudgetView::decl(&cfg),
        crate::budget_import::RowError::decl(&cfg),
        crate::budget_import::ImportPreview::decl(&cfg),
        crate::budget_import::Overspent::decl(&cfg),
        crate::budget_import::ImportCheck::decl(&cfg),
        Change::decl(&cfg),
        crate::change::ChangeKind::decl(&cfg),
        TextTarget::decl(&cfg),
        Applied::decl(&cfg),
        crate::thai::YearReading::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by prongsai-core (src-tauri/core/src/bindings.rs).\n\
         // Do not edit: run `make bindings`.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim());
        out.push_str("\n\n");
    }
    out.push_str(&constants());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The core's tables that the UI shows, so the UI never keeps its own copy:
/// the BE offset, month names, the budget import's field names.
fn constants() -> String {
    let list = |items: &[&str]| serde_json::to_string(items).expect("strings serialise");
    let fields = crate::budget_import::field_names();
    [
        format!("/** BE = CE + BE_OFFSET. */\nexport const BE_OFFSET = {};", crate::thai::BE_OFFSET),
        format!(
            "/** The Thai digits, zero first. */\nexport const THAI_DIGITS = {};",
            serde_json::to_string(&crate::thai::THAI_DIGITS.iter().collect::<String>()).expect("a string serialises")
        ),
        format!("/** Thai month names, January first. */\nexport const THAI_MONTHS = {} as const;", list(&crate::thai::MONTHS)),
        format!(
            "/** Thai month abbreviations, January first. */\nexport const THAI_MONTHS_SHORT = {} as const;",
            list(&crate::thai::MONTHS_SHORT)
        ),
        format!(
            "/** The fiscal year's months, abbreviated, October first. */\nexport const FISCAL_MONTHS_SHORT = {} as const;",
            list(&crate::thai::FISCAL_MONTHS_SHORT)
        ),
        format!(
            "/** What a heading may say instead of the organization's name, its ministry and the year. */\nexport const PLACEHOLDERS = {} as const;",
            list(&crate::domain::PLACEHOLDERS)
        ),
        format!(
            "/** The report table's standard column headings. */\nexport const COLUMNS = {} as const;",
            list(&crate::domain::COLUMNS)
        ),
        format!(
            "/** The budget import's field names, for a mapping form. */\nexport const BUDGET_IMPORT_FIELDS = {} as const;",
            list(&fields)
        ),
        format!(
            "/** One refusal of every kind, for the test that words them all. */\nexport const REFUSAL_EXAMPLES: Refusal[] = {};",
            serde_json::to_string(&crate::refusal::examples()).expect("refusals serialise")
        ),
    ]
    .join("\n\n")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn typescript_bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(super::BINDINGS_PATH);
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            current == fresh,
            "{} is stale: run `make bindings` and commit the result",
            super::BINDINGS_PATH
        );
    }
}
