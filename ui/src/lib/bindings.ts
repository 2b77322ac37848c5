// Generated from the Rust types by prongsai-core (src-tauri/core/src/bindings.rs).
// Do not edit: run `make bindings`.

export type ErrorCode = "not_found" | "empty_text" | "text_too_long" | "invalid_input" | "year_exists" | "year_locked" | "malformed_import" | "database_too_new" | "database_locked" | "database" | "migration" | "io" | "internal";

export type ErrorPayload = { code: ErrorCode, message: string, };

export type Digits = "thai" | "arabic";

export type YearStatus = "draft" | "approved" | "published";

export type Urgency = "normal" | "urgent" | "very_urgent" | "most_urgent";

export type Evidence = { "kind": "memo", number: string, date: string, urgency: Urgency, } | { "kind": "url", url: string, } | { "kind": "image", name: string, mime: string, data: string, };

export type Orientation = "landscape" | "portrait";

export type Organization = { id: number, name_th: string, name_en: string, ministry: string, 
/**
 * Prefix of document numbers, e.g. "พณ 0701".
 */
doc_prefix: string, divisions: Array<Division>, digits: Digits, orientation: Orientation, 
/**
 * The emblem (ครุฑ) printed on memos, if one is set.
 */
emblem: Emblem | null, };

export type Emblem = { mime: string, 
/**
 * base64
 */
data: string, };

export type Memo = { id: number, 
/**
 * "พณ 0701.08/ว24": the ว marks a circular.
 */
number: string, date: string, urgency: Urgency, 
/**
 * ส่วนราชการ: the issuing unit and its phone.
 */
division: string, 
/**
 * เรื่อง
 */
subject: string, 
/**
 * เรียน
 */
recipient: string, 
/**
 * Paragraphs, one per line.
 */
body: string, signer_name: string, signer_position: string, };

export type MemoDoc = { 
/**
 * "พณ 0701.08/ว24": the ว marks a circular.
 */
number: string, date: string, urgency: Urgency, 
/**
 * ส่วนราชการ: the issuing unit and its phone.
 */
division: string, 
/**
 * เรื่อง
 */
subject: string, 
/**
 * เรียน
 */
recipient: string, 
/**
 * Paragraphs, one per line.
 */
body: string, signer_name: string, signer_position: string, };

export type Signatures = { reporter_name: string, reporter_position: string, approver_name: string, approver_position: string, approved_on: string | null, };

export type ReportOptions = { digits: Digits, orientation: Orientation, };

export type Exported = { path: string, bytes: number, 
/**
 * A memo printed without an emblem (none is set for the organization).
 */
missing_emblem: boolean, };

export type Division = { id: number, name: string, };

export type FiscalYear = { id: number, 
/**
 * Named by its Buddhist Era end year: 2566 runs 1 Oct 2022 – 30 Sep 2023.
 */
year_be: number, starts_on: string, ends_on: string, status: YearStatus, title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, signatures: Signatures, };

export type YearSummary = { id: number, year_be: number, status: YearStatus, measures: number, };

export type Report = { organization: Organization, year: FiscalYear, measures: Array<Measure>, outcomes: Array<Outcome>, 
/**
 * Memos dated within the fiscal year.
 */
memos: Array<Memo>, };

export type Measure = { id: number, title: string, remarks: string, activities: Array<Activity>, results: Array<ResultItem>, };

export type Activity = { id: number, level: number, label: string, text: string, };

export type ResultItem = { id: number, level: number, label: string, text: string, evidence: Array<EvidenceItem>, };

export type EvidenceItem = { id: number, evidence: Evidence, 
/**
 * The stored memo a memo reference points at (same number and date).
 */
memo_id: number | null, };

export type Outcome = { id: number, 
/**
 * "2.1", "2.2", …: Part 2's outcomes.
 */
label: string, text: string, };

export type ReportDoc = { format: string, version: number, organization: OrganizationDoc, year: YearDoc, measures: Array<MeasureDoc>, outcomes: Array<string>, memos?: Array<MemoDoc>, };

export type OrganizationDoc = { name_th: string, name_en: string, ministry: string, doc_prefix: string, divisions: Array<string>, digits: Digits, orientation: Orientation, };

export type YearDoc = { year_be: number, status: YearStatus, title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, signatures?: Signatures, };

export type MeasureDoc = { title: string, activities: Array<ItemDoc>, results: Array<ResultDoc>, remarks: string, };

export type ItemDoc = { level: number, text: string, };

export type ResultDoc = { level: number, text: string, evidence: Array<Evidence>, };

export type Category = "personnel" | "operating" | "investment" | "subsidy" | "other";

export type OperatingItem = "compensation" | "expenses" | "materials" | "utilities";

export type MonthFigures = { month: number, planned: string, disbursed: string, committed: string, };

export type BudgetLineDoc = { 
/**
 * กอง/สำนัก
 */
division: string, category: Category, item: OperatingItem | null, 
/**
 * แผนงาน/ผลผลิต/โครงการ
 */
plan: string, source: string, allocated: string, transfer_in: string, transfer_out: string, months: Array<MonthFigures>, };

export type BudgetLine = { id: number, 
/**
 * กอง/สำนัก
 */
division: string, category: Category, item: OperatingItem | null, 
/**
 * แผนงาน/ผลผลิต/โครงการ
 */
plan: string, source: string, allocated: string, transfer_in: string, transfer_out: string, months: Array<MonthFigures>, };

export type TargetScope = "overall" | "investment";

export type Target = { scope: TargetScope, quarter: number, percent: string, };

export type BudgetDoc = { year_be: number, lines: Array<BudgetLineDoc>, 
/**
 * Empty until the user sets them: no invented defaults.
 */
targets: Array<Target>, };

export type MonitorRow = { 
/**
 * Category, division, or "รวม" for the total.
 */
key: string, 
/**
 * Allocation after transfers.
 */
allocated: string, planned: string, disbursed: string, committed: string, 
/**
 * Allocation less what is disbursed and committed.
 */
remaining: string, 
/**
 * Disbursed as % of the allocation (two places); none without allocation.
 */
percent_disbursed: string | null, 
/**
 * The quarter's cabinet target for this row, if set.
 */
target_percent: string | null, };

export type Monitoring = { year_be: number, 
/**
 * Fiscal months covered: 6 for the 6-month report, 12 for the year.
 */
through_month: number, 
/**
 * Last day covered.
 */
through: string, quarter: number, by_category: Array<MonitorRow>, by_division: Array<MonitorRow>, total: MonitorRow, };

export type MonthField = "planned" | "disbursed" | "committed";

export type MonthTotals = { month: number, planned: string, disbursed: string, planned_to_date: string, disbursed_to_date: string, };

export type BudgetView = { lines: Array<BudgetLine>, targets: Array<Target>, months: Array<MonthTotals>, monitoring: Monitoring, };

export type RowError = { row: number, column: string | null, message: string, };

export type ImportPreview = { year_be: number, rows: number, lines_added: number, lines_updated: number, months_set: number, errors: Array<RowError>, };

export type ImportCheck = { file_name: string, headers: Array<string>, 
/**
 * The mapping used (given, or remembered for this layout), if any.
 */
mapping: { [key in string]: string } | null, 
/**
 * Why the file cannot be read as it is (e.g. no division column):
 * the user then maps the columns.
 */
problem: string | null, preview: ImportPreview | null, };

export type Change = { "kind": "set_text", target: TextTarget, text: string, } | { "kind": "import_report", doc: ReportDoc, replace: boolean, } | { "kind": "set_emblem", emblem: Emblem | null, } | { "kind": "import_budget", budget: BudgetDoc, replace: boolean, } | { "kind": "set_month_figure", line_id: number, month: number, field: MonthField, amount: string, } | { "kind": "set_target", year_be: number, scope: TargetScope, quarter: number, percent: string | null, } | { "kind": "remember_mapping", headers: Array<string>, mapping: { [key in string]: string }, };

export type TextTarget = { "field": "measure_title", "id": number } | { "field": "measure_remarks", "id": number } | { "field": "activity", "id": number } | { "field": "result", "id": number } | { "field": "outcome", "id": number };

export type Applied = { 
/**
 * Row id of the change in `change_log`.
 */
change_id: number, 
/**
 * The fiscal year the change touched (0: none, an organization setting).
 */
year_be: number, };
