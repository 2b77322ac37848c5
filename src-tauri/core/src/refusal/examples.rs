//! One refusal of every kind: the UI's test words each in Thai and English.

use chrono::NaiveDate;

use super::*;

/// One refusal of every kind, for the words' test: each edge that words
/// refusals shows it has a sentence for all of them (`bindings.ts` carries
/// this list as `REFUSAL_EXAMPLES`).
pub fn examples() -> Vec<Refusal> {
    use Refusal::*;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("a date");
    let text = |s: &str| s.to_owned();
    vec![
        EmptyText { field: text("title") },
        TextTooLong {
            field: text("title"),
            len: 12_345,
            max: 10_000,
        },
        ControlCharacter {
            field: text("title"),
            code: 7,
        },
        NotOneLine { field: text("name") },
        NotAUrl {
            text: text("www.example"),
        },
        NotAnEmail { text: text("fin@") },
        SearchTooLong { max: 200 },
        NotFound {
            thing: Thing::Memo,
            key: text("12"),
        },
        NothingToUndo,
        NothingToRedo,
        EmptyBatch,
        NotADate { text: text("31/2") },
        NotACalendarDay {
            day: 31,
            month: 2,
            year_be: 2566,
        },
        ChristianEraYear {
            year: 2023,
            meant: 2566,
        },
        NotABuddhistEraYear { year: 3100 },
        DateOutOfRange { date: d(2023, 4, 5) },
        NotATimestamp {
            text: text("yesterday"),
        },
        NotAMonth { text: text("2566-13") },
        MonthOutsideYear {
            text: text("2566-03"),
            year_be: 2566,
            be_year_typed: true,
        },
        NotAFiscalMonth { month: 13 },
        NotAQuarter { quarter: 5 },
        YearExists { year_be: 2567 },
        YearLocked {
            year_be: 2566,
            status: YearStatus::Published,
        },
        YearAlreadyStatus {
            year_be: 2566,
            status: YearStatus::Approved,
        },
        PublishBeforeApproval { year_be: 2566 },
        PublishNeedsUrl { text: text("intranet") },
        PublishedReopenToDraft { year_be: 2566 },
        CopyOntoItself { year_be: 2566 },
        YearHasBudget { year_be: 2566 },
        ImportedYearNotDraft {
            year_be: 2566,
            status: YearStatus::Approved,
        },
        ColumnCount { columns: 4 },
        OitListedTwice { code: text("O42") },
        OitStillTagged { code: text("O42") },
        OitNotListed {
            code: text("O50"),
            year_be: 2566,
        },
        OitCodeTooLong {
            code: text("O1234567890123"),
        },
        NoOpenData { year_be: 2566 },
        NoBudgetToShow { year_be: 2566 },
        NoChannelsToShow,
        OutcomeHasNoSubItems,
        FirstItemNotSub,
        SplitNeedsText,
        NothingToJoin,
        NotALevel { level: 3 },
        EvidenceOnlyOnResults,
        AlreadyThere { position: 2 },
        ImageType {
            what: text("emblem"),
            mime: text("image/gif"),
        },
        ImageTooLarge {
            what: text("emblem"),
            bytes: 9_000_000,
            max: 5_000_000,
        },
        ImageUnreadable {
            what: text("emblem"),
            detail: text("bad header"),
        },
        NotAnImageFile { file: text("logo.gif") },
        FontUnusable {
            file: text("THSarabunNew.ttf"),
            problem: FontProblem::NoBold,
        },
        NotATableFile {
            file: text("plan.docx"),
        },
        NoFileChosen,
        NotExportedHere,
        NotABackup { name: text("x.db") },
        EmptyDatabase,
        NoHistoryStamp {
            file: text("report.pdf"),
        },
        NoHistory {
            file: text("backup.db"),
        },
        OpenInAnotherWindow {
            file: text("prongsai.sqlite"),
        },
        Typesetting {
            detail: text("no glyph"),
        },
        DivisionTwice {
            name: text("กองคลัง")
        },
        MemoExists {
            number: text("พณ 0701/ว24"),
            date: d(2023, 5, 9),
        },
        NotAnAmount {
            text: text("1,23"),
            problem: AmountProblem::Grouping,
        },
        NotAPercentage { text: text("120") },
        BudgetExists { year_be: 2566 },
        UnknownDivision {
            name: text("กองคลัง")
        },
        UnknownItem {
            text: text("ค่าอื่นๆ")
        },
        MonthNeeded,
        Negative { text: text("-5.00") },
        DuplicateLine { first: 4 },
        DuplicateMonth { first: 4 },
        NewLineNeedsAllocation,
        AlsoOnRow {
            number: text("7440-001-0001/66"),
            first: 4,
        },
        NotYears {
            text: text("ห้า")
        },
        NotAFiscalYear { text: text("๖๖") },
        TextFieldNotOneLine,
        NoAssets,
        AssetExists {
            number: text("7440-001-0001/66"),
        },
        UnknownCategory { category: text("x") },
        UnknownStatus { text: text("broken") },
        NotAPrice { text: text("-5") },
        NotAUsefulLife { years: 0 },
        ImplausibleDate { date: d(1890, 1, 1) },
        CannotLend {
            number: text("7440-001-0001/66"),
            status: AssetStatus::Damaged,
        },
        OnLoan {
            number: text("7440-001-0001/66"),
        },
        LentTwice {
            number: text("7440-001-0001/66"),
        },
        Disposed {
            number: text("7440-001-0001/66"),
        },
        AfterToday {
            moment: Moment::Request,
            on: d(2030, 1, 2),
            today: d(2026, 11, 30),
        },
        BeforeEarlier {
            moment: Moment::Return,
            on: d(2023, 4, 1),
            earlier: Moment::HandOver,
            earlier_on: d(2023, 4, 5),
        },
        AfterLater {
            moment: Moment::Decision,
            on: d(2023, 4, 9),
            later: Moment::HandOver,
            later_on: d(2023, 4, 5),
        },
        BorrowerDuty {
            who: text("นายสมชาย ใจดี"),
            duty: Duty::Decide,
        },
        LoanStepOutOfOrder {
            state: LoanState::Requested,
            step: LoanStep::HandOver,
        },
        OnlyDamagedOrLostSettled,
        LoanSettled { loan_id: 3 },
        NoStepToCorrect {
            loan_id: 3,
            moment: Moment::Return,
        },
        SupplyOfficerOnCommittee {
            name: text("นางสาวสมศรี"),
        },
        MemberTwice {
            name: text("นางสาวสมศรี"),
        },
        CommitteeTooSmall { members: 2 },
        InspectionExists { year_be: 2566 },
        InspectionConfirmed { year_be: 2566 },
        ColumnUnknown {
            header: text("คะแนน")
        },
        ColumnTwice { header: text("code") },
        ColumnMissing { column: text("period") },
        NotAnOitCode { text: text("X3") },
        NotAPeriod {
            text: text("ปีหน้า")
        },
        NotYesNo {
            text: text("บางที")
        },
        NotAScore { text: text("101") },
        NotAnInstrument { text: text("XIT") },
        NoItems,
        RowsRefused { rows: 3 },
        ItaRoundExists { year_be: 2569 },
        ItaRoundMissing { year_be: 2570 },
        ItaItemTracked { code: text("O12") },
        ItaRoundInUse { year_be: 2569 },
        UnknownIndicator {
            indicator: text("11"),
            year_be: 2568,
        },
        NoScores { year_be: 2568 },
        NotADomain { text: text("intranet") },
        ScoresOfAnotherYear {
            year_be: 2568,
            scores_year: 2567,
        },
        IndicatorTwice { indicator: text("4") },
        IndicatorsInUse {
            indicators: vec![text("4"), text("7")],
            year_be: 2568,
        },
        NotInRound {
            code: text("O99"),
            year_be: 2566,
        },
    ]
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use strum::IntoEnumIterator;

    use super::*;
    use crate::refusal::RefusalKind;

    #[test]
    fn the_examples_hold_every_kind_of_refusal_once() {
        let seen: Vec<RefusalKind> = examples().iter().map(Refusal::kind).collect();
        let unique: HashSet<RefusalKind> = seen.iter().copied().collect();
        assert_eq!(seen.len(), unique.len(), "a kind is in the examples twice");
        let missing: Vec<RefusalKind> = RefusalKind::iter().filter(|k| !unique.contains(k)).collect();
        assert!(missing.is_empty(), "no example of {missing:?}");
    }

    #[test]
    fn a_refusal_travels_as_its_kind_and_fields() {
        let r = Refusal::AfterToday {
            moment: Moment::Request,
            on: NaiveDate::from_ymd_opt(2030, 1, 2).unwrap(),
            today: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        };
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["kind"], "after_today");
        assert_eq!(json["on"], "2030-01-02");
        assert_eq!(serde_json::from_value::<Refusal>(json).unwrap(), r);
    }
}
