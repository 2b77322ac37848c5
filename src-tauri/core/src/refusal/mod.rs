//! Why the core refused an input, as data. Each [`Refusal`] carries what a
//! sentence about it needs (dates as dates, amounts as text typed, years as
//! numbers), so each edge words it in its own language: the CLI prints the
//! English `Display`; the UI words every kind in Thai or English with BE
//! dates and the digits setting (`ui/src/lib/refusals.ts`, kept complete by
//! the type checker over the generated union).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::status::{AssetStatus, LoanState, LoanStep, YearStatus};

mod examples;
pub use examples::examples;

/// The kind of record a [`Refusal::NotFound`] looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Thing {
    Organization,
    FiscalYear,
    Memo,
    Asset,
    Loan,
    Inspection,
    Backup,
    BudgetLine,
    Measure,
    Activity,
    Result,
    Outcome,
    Evidence,
    ItaItem,
}

impl std::fmt::Display for Thing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s: &str = self.into();
        f.write_str(&s.replace('_', " "))
    }
}

/// A dated moment of the register, for the rules that keep dates in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    Acquisition,
    StatusChange,
    Request,
    Decision,
    HandOver,
    Return,
    Settlement,
    Correction,
    Borrowing,
    Due,
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Moment::Acquisition => "asset's acquisition",
            Moment::StatusChange => "status",
            Moment::Request => "request",
            Moment::Decision => "decision",
            Moment::HandOver => "hand-over",
            Moment::Return => "return",
            Moment::Settlement => "settlement",
            Moment::Correction => "corrected",
            Moment::Borrowing => "borrowing",
            Moment::Due => "due",
        })
    }
}

/// A duty the borrower may not do on their own loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Duty {
    Decide,
    HandOver,
    ReceiveBack,
    Correct,
}

/// Why an amount was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum AmountProblem {
    Empty,
    TwoMinusSigns,
    Characters,
    Grouping,
    Decimals,
    TooManyDecimals,
    TooLarge,
}

impl std::fmt::Display for AmountProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AmountProblem::Empty => "it is empty",
            AmountProblem::TwoMinusSigns => "two minus signs",
            AmountProblem::Characters => "only digits, one decimal point and thousands commas are allowed",
            AmountProblem::Grouping => "thousands separators must split the number in groups of three",
            AmountProblem::Decimals => "the decimals are not digits",
            AmountProblem::TooManyDecimals => "more than two decimal places (satang)",
            AmountProblem::TooLarge => "it is too large",
        })
    }
}

/// Why a font file cannot set the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, strum::IntoStaticStr, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum FontProblem {
    Unreadable,
    NoBold,
    NotTrueType,
    NoThai,
}

impl From<crate::typeset::font::FontProblem> for FontProblem {
    fn from(p: crate::typeset::font::FontProblem) -> Self {
        use crate::typeset::font::FontProblem as P;
        match p {
            P::Unreadable => FontProblem::Unreadable,
            P::NoBold => FontProblem::NoBold,
            P::NotTrueType => FontProblem::NotTrueType,
            P::NoThai => FontProblem::NoThai,
        }
    }
}

impl std::fmt::Display for FontProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FontProblem::Unreadable => "it cannot be read",
            FontProblem::NoBold => "there is no bold face beside it",
            FontProblem::NotTrueType => "it is not a TrueType font",
            FontProblem::NoThai => "it has no Thai letters",
        })
    }
}

/// A refused input and what a sentence about it needs. Serialized with its
/// `kind`; the English text is for the CLI and logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error, strum::EnumDiscriminants)]
#[strum_discriminants(name(RefusalKind), derive(strum::EnumIter, strum::IntoStaticStr, Hash))]
#[strum_discriminants(strum(serialize_all = "snake_case"))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    // ---- text
    #[error("{field} must not be empty")]
    EmptyText { field: String },
    #[error("{field} is too long: {len} characters (at most {max})")]
    TextTooLong { field: String, len: usize, max: usize },
    #[error("{field} contains a control character (U+{code:04X})")]
    ControlCharacter { field: String, code: u32 },
    #[error("{field} must be a single line")]
    NotOneLine { field: String },
    #[error("\"{text}\" is not a web address (http:// or https://)")]
    NotAUrl { text: String },
    #[error("\"{text}\" is not an e-mail address")]
    NotAnEmail { text: String },
    #[error("a search is at most {max} characters")]
    SearchTooLong { max: usize },

    // ---- records
    #[error("{thing} {key} not found")]
    NotFound { thing: Thing, key: String },
    #[error("there is nothing to undo")]
    NothingToUndo,
    #[error("there is nothing to redo")]
    NothingToRedo,
    #[error("an empty batch changes nothing")]
    EmptyBatch,

    // ---- dates and years
    #[error("\"{text}\" is not a date; type day, month and Buddhist Era year, e.g. 5/4/2566 or 5 เมษายน 2566")]
    NotADate { text: String },
    #[error("{day}/{month}/{year_be} is not a day of the calendar")]
    NotACalendarDay { day: u32, month: u32, year_be: i32 },
    #[error(
        "{year} looks like a Christian-era year; fiscal years are named in the Buddhist Era (did you mean {meant}?)"
    )]
    ChristianEraYear { year: i32, meant: i32 },
    #[error("{year} is not a Buddhist Era year (expected 2400–2800)")]
    NotABuddhistEraYear { year: i32 },
    #[error("the date {date} is out of range")]
    DateOutOfRange { date: NaiveDate },
    #[error("\"{text}\" is not a date and time (RFC 3339)")]
    NotATimestamp { text: String },
    #[error("\"{text}\" is not a month (YYYY-MM, Christian era)")]
    NotAMonth { text: String },
    #[error(
        "{text} is not in fiscal year {year_be}{}",
        if *be_year_typed { " (write the year in the Christian era, e.g. 2023-03)" } else { "" }
    )]
    MonthOutsideYear {
        text: String,
        year_be: i32,
        be_year_typed: bool,
    },
    #[error("{month} is not a fiscal month (1–12)")]
    NotAFiscalMonth { month: u32 },
    #[error("{quarter} is not a quarter (1–4)")]
    NotAQuarter { quarter: u32 },

    // ---- fiscal years
    #[error("fiscal year {year_be} already exists; use --replace to overwrite it")]
    YearExists { year_be: i32 },
    #[error("fiscal year {year_be} is {} and cannot be edited", status.as_str())]
    YearLocked { year_be: i32, status: YearStatus },
    #[error("fiscal year {year_be} is already {}", status.as_str())]
    YearAlreadyStatus { year_be: i32, status: YearStatus },
    #[error("fiscal year {year_be} is a draft: approve it before publishing")]
    PublishBeforeApproval { year_be: i32 },
    #[error("publishing needs the web address where the report is published, not \"{text}\"")]
    PublishNeedsUrl { text: String },
    #[error("fiscal year {year_be} is published; reopen it to draft instead")]
    PublishedReopenToDraft { year_be: i32 },
    #[error("a year cannot be copied onto itself ({year_be})")]
    CopyOntoItself { year_be: i32 },
    #[error("fiscal year {year_be} has a budget; it cannot be removed")]
    YearHasBudget { year_be: i32 },
    #[error(
        "the file says fiscal year {year_be} is {}; an imported year is a draft: import it as a draft, \
         then approve or publish it with the status commands",
        status.as_str()
    )]
    ImportedYearNotDraft { year_be: i32, status: YearStatus },
    #[error("the table has {columns} columns: give {columns} headings, or none for the standard ones")]
    ColumnCount { columns: usize },
    #[error("OIT item {code} is listed twice")]
    OitListedTwice { code: String },
    #[error("OIT item {code} is still a tag of this year's report; remove the tag first")]
    OitStillTagged { code: String },
    #[error("{code} is not in fiscal year {year_be}'s OIT list; add it there first")]
    OitNotListed { code: String, year_be: i32 },
    #[error("\"{code}\" is too long for an OIT code")]
    OitCodeTooLong { code: String },

    // ---- ITA rounds, their catalogues, results and answers
    #[error("the file has a column \"{header}\" Prongsai does not know; remove or rename it")]
    ColumnUnknown { header: String },
    #[error("the column \"{header}\" is in the file twice")]
    ColumnTwice { header: String },
    #[error("the file has no \"{column}\" column")]
    ColumnMissing { column: String },
    #[error("\"{text}\" is not an OIT code (O1, O2, …)")]
    NotAnOitCode { text: String },
    #[error("\"{text}\" is not a period: current (ปีปัจจุบัน) or previous (ปีที่ผ่านมา)")]
    NotAPeriod { text: String },
    #[error("\"{text}\" is neither yes nor no")]
    NotYesNo { text: String },
    #[error("\"{text}\" is not a score (0–100, at most two decimals)")]
    NotAScore { text: String },
    #[error("\"{text}\" is not an ITA instrument (IIT, EIT or OIT)")]
    NotAnInstrument { text: String },
    #[error("the file has no rows")]
    NoItems,
    #[error("{rows} rows of the file have problems; nothing was imported")]
    RowsRefused { rows: usize },
    #[error("ITA {year_be} already has a catalogue; replace it explicitly")]
    ItaRoundExists { year_be: i32 },
    #[error("ITA {year_be} has no catalogue")]
    ItaRoundMissing { year_be: i32 },
    #[error("item {code} has tracker entries; the new catalogue must keep it")]
    ItaItemTracked { code: String },
    #[error("ITA {year_be} has tracker entries, findings or measures; it cannot be removed")]
    ItaRoundInUse { year_be: i32 },
    #[error("indicator {indicator} is not in the result of ITA {year_be}")]
    UnknownIndicator { indicator: String, year_be: i32 },
    #[error("no ITA result of {year_be} is stored; import it first")]
    NoScores { year_be: i32 },
    #[error("\"{text}\" is not a web domain (e.g. ipthailand.go.th)")]
    NotADomain { text: String },
    #[error("the result given is of ITA {scores_year}, not ITA {year_be}")]
    ScoresOfAnotherYear { year_be: i32, scores_year: i32 },
    #[error("indicator {indicator} is listed twice")]
    IndicatorTwice { indicator: String },
    #[error("the new result of ITA {year_be} lacks indicators {} that findings or measures of ITA {} name; remove those first", indicators.join(", "), year_be + 1)]
    IndicatorsInUse { indicators: Vec<String>, year_be: i32 },
    #[error("{code} is not an item of ITA {year_be}, the round this catalogue continues")]
    NotInRound { code: String, year_be: i32 },

    // ---- the report's items
    #[error("an outcome has no sub-items")]
    OutcomeHasNoSubItems,
    #[error("the first item cannot be a sub-item: it needs an item before it")]
    FirstItemNotSub,
    #[error("put the cursor inside the text to split it: both parts need some text")]
    SplitNeedsText,
    #[error("there is no item after this one to join with")]
    NothingToJoin,
    #[error("level {level}: an item is 0 or a sub-item 1")]
    NotALevel { level: i64 },
    #[error("only a result has evidence")]
    EvidenceOnlyOnResults,
    #[error("the item is already at position {position}")]
    AlreadyThere { position: i64 },

    // ---- images and files
    #[error("{what} type {mime} is not supported (PNG, JPEG or SVG)")]
    ImageType { what: String, mime: String },
    #[error("{what} is {bytes} bytes (at most {max})")]
    ImageTooLarge { what: String, bytes: usize, max: usize },
    #[error("{what} cannot be read as an image: {detail}")]
    ImageUnreadable { what: String, detail: String },
    #[error("{file} is not a PNG, JPEG or SVG image")]
    NotAnImageFile { file: String },
    #[error("the font {file} cannot set documents: {problem}")]
    FontUnusable { file: String, problem: FontProblem },
    #[error("{file}: import reads .csv or .xlsx files")]
    NotATableFile { file: String },
    #[error("no file chosen")]
    NoFileChosen,
    #[error("only files exported in this session can be opened")]
    NotExportedHere,
    #[error("{name} is not a Prongsai backup")]
    NotABackup { name: String },
    #[error("it is an empty database, not a backup")]
    EmptyDatabase,
    #[error("{file} names no history entry (not printed by this Prongsai)")]
    NoHistoryStamp { file: String },
    #[error("{file} has no history")]
    NoHistory { file: String },
    #[error("{file} is already open in another Prongsai window")]
    OpenInAnotherWindow { file: String },
    #[error("the document cannot be typeset: {detail}")]
    Typesetting { detail: String },

    // ---- organization and memos
    #[error("division \"{name}\" is listed twice")]
    DivisionTwice { name: String },
    #[error("there is already a memo {number} of {date}")]
    MemoExists { number: String, date: NaiveDate },

    // ---- budget
    #[error("\"{text}\" is not an amount: {problem}")]
    NotAnAmount { text: String, problem: AmountProblem },
    #[error("{text} is not a percentage (0–100)")]
    NotAPercentage { text: String },
    #[error("fiscal year {year_be} already has a budget; replace it explicitly")]
    BudgetExists { year_be: i32 },

    // ---- a row of an imported file
    #[error("unknown division \"{name}\" (not among the organization's divisions)")]
    UnknownDivision { name: String },
    #[error("unknown item \"{text}\"")]
    UnknownItem { text: String },
    #[error("monthly figures need a month (YYYY-MM)")]
    MonthNeeded,
    #[error("{text} cannot be negative")]
    Negative { text: String },
    #[error("duplicate row: the line's allocation is already on row {first}")]
    DuplicateLine { first: usize },
    #[error("duplicate row: this line's month is already on row {first}")]
    DuplicateMonth { first: usize },
    #[error("a new budget line needs its allocation")]
    NewLineNeedsAllocation,
    #[error("{number} is also on row {first}")]
    AlsoOnRow { number: String, first: usize },
    #[error("\"{text}\" is not a number of years")]
    NotYears { text: String },
    #[error("\"{text}\" is not a fiscal year (BE)")]
    NotAFiscalYear { text: String },
    #[error("a text field has a line break or a control character")]
    TextFieldNotOneLine,

    // ---- the asset register and loans (ข้อ 203–219)
    #[error("there is no asset to add")]
    NoAssets,
    #[error("{number} is already in the register")]
    AssetExists { number: String },
    #[error("unknown category \"{category}\"")]
    UnknownCategory { category: String },
    #[error("\"{text}\" is not an asset status")]
    UnknownStatus { text: String },
    #[error("{text} is not a price")]
    NotAPrice { text: String },
    #[error("{years} is not a useful life in years (1–100)")]
    NotAUsefulLife { years: i64 },
    #[error("{date} is not a plausible date")]
    ImplausibleDate { date: NaiveDate },
    #[error("{number} is {} and cannot be lent", status.as_str())]
    CannotLend { number: String, status: AssetStatus },
    #[error("{number} is on loan: record its return first")]
    OnLoan { number: String },
    #[error("{number} is already lent; one asset cannot be lent twice at once")]
    LentTwice { number: String },
    #[error("{number} is disposed of (จำหน่ายแล้ว): disposal is final")]
    Disposed { number: String },
    #[error("the {moment} date {on} is after today ({today}): a step is recorded when it happened")]
    AfterToday {
        moment: Moment,
        on: NaiveDate,
        today: NaiveDate,
    },
    #[error("the {moment} date {on} is before the {earlier} ({earlier_on})")]
    BeforeEarlier {
        moment: Moment,
        on: NaiveDate,
        earlier: Moment,
        earlier_on: NaiveDate,
    },
    #[error("the {moment} date {on} is after the {later} ({later_on})")]
    AfterLater {
        moment: Moment,
        on: NaiveDate,
        later: Moment,
        later_on: NaiveDate,
    },
    #[error("{who} is the borrower and cannot also {} the loan (separation of duties)", duty_en(*duty))]
    BorrowerDuty { who: String, duty: Duty },
    #[error("a loan that is {} cannot be {}", state.as_str().replace('_', " "), step_en(*step))]
    LoanStepOutOfOrder { state: LoanState, step: LoanStep },
    #[error("only a loan returned damaged or lost is settled")]
    OnlyDamagedOrLostSettled,
    #[error("loan {loan_id} is already settled")]
    LoanSettled { loan_id: i64 },
    #[error("loan {loan_id} has no {moment} to correct")]
    NoStepToCorrect { loan_id: i64, moment: Moment },
    #[error("{name} is the supply officer and may not sit on the inspection committee (ข้อ 213)")]
    SupplyOfficerOnCommittee { name: String },
    #[error("{name} is on the committee twice")]
    MemberTwice { name: String },
    #[error("an inspection committee has at least 3 members, not {members}")]
    CommitteeTooSmall { members: usize },
    #[error("fiscal year {year_be} already has an inspection")]
    InspectionExists { year_be: i32 },
    #[error("the inspection of {year_be} is confirmed; its findings are final")]
    InspectionConfirmed { year_be: i32 },

    // ---- publishing
    #[error("fiscal year {year_be} has no budget lines, and there are no assets or loans: no open data to write")]
    NoOpenData { year_be: i32 },
    #[error("fiscal year {year_be} has no budget lines: there is no spending to draw")]
    NoBudgetToShow { year_be: i32 },
    #[error("no complaint channels are set for the organization: there are none to draw")]
    NoChannelsToShow,
}

fn step_en(s: LoanStep) -> &'static str {
    match s {
        LoanStep::Approve => "approved",
        LoanStep::Refuse => "refused",
        LoanStep::HandOver => "handed over",
        LoanStep::Return => "returned",
        LoanStep::Settle => "settled",
    }
}

fn duty_en(d: Duty) -> &'static str {
    match d {
        Duty::Decide => "decide",
        Duty::HandOver => "hand over",
        Duty::ReceiveBack => "receive back",
        Duty::Correct => "correct a step of",
    }
}

impl Refusal {
    pub fn kind(&self) -> RefusalKind {
        self.into()
    }

    pub(crate) fn empty(field: impl Into<String>) -> Self {
        Refusal::EmptyText { field: field.into() }
    }

    pub(crate) fn not_found(thing: Thing, key: impl ToString) -> Self {
        Refusal::NotFound {
            thing,
            key: key.to_string(),
        }
    }
}
