// Generated from the Rust types by prongsai-core (src-tauri/core/src/bindings.rs).
// Do not edit: run `make bindings`.

export type ErrorCode = "not_found" | "empty_text" | "text_too_long" | "invalid_input" | "year_exists" | "year_locked" | "malformed_import" | "database_too_new" | "database_locked" | "database" | "conflict" | "database_replaced" | "restore_refused" | "migration" | "io" | "internal";

export type ErrorPayload = { code: ErrorCode, 
/**
 * English, for the CLI and logs; the UI words `code` and `refusal`.
 */
message: string, 
/**
 * What a rule refused, for a sentence in the UI language.
 */
refusal?: Refusal, };

export type Refusal = { "kind": "empty_text", field: string, } | { "kind": "text_too_long", field: string, len: number, max: number, } | { "kind": "control_character", field: string, code: number, } | { "kind": "not_one_line", field: string, } | { "kind": "not_a_url", text: string, } | { "kind": "not_an_email", text: string, } | { "kind": "search_too_long", max: number, } | { "kind": "not_found", thing: Thing, key: string, } | { "kind": "nothing_to_undo" } | { "kind": "nothing_to_redo" } | { "kind": "empty_batch" } | { "kind": "not_a_date", text: string, } | { "kind": "not_a_calendar_day", day: number, month: number, year_be: number, } | { "kind": "christian_era_year", year: number, meant: number, } | { "kind": "not_a_buddhist_era_year", year: number, } | { "kind": "date_out_of_range", date: string, } | { "kind": "not_a_timestamp", text: string, } | { "kind": "not_a_month", text: string, } | { "kind": "month_outside_year", text: string, year_be: number, be_year_typed: boolean, } | { "kind": "not_a_fiscal_month", month: number, } | { "kind": "not_a_quarter", quarter: number, } | { "kind": "year_exists", year_be: number, } | { "kind": "year_locked", year_be: number, status: YearStatus, } | { "kind": "year_already_status", year_be: number, status: YearStatus, } | { "kind": "publish_before_approval", year_be: number, } | { "kind": "publish_needs_url", text: string, } | { "kind": "published_reopen_to_draft", year_be: number, } | { "kind": "copy_onto_itself", year_be: number, } | { "kind": "year_has_budget", year_be: number, } | { "kind": "imported_year_not_draft", year_be: number, status: YearStatus, } | { "kind": "column_count", columns: number, } | { "kind": "oit_listed_twice", code: string, } | { "kind": "oit_still_tagged", code: string, } | { "kind": "oit_not_listed", code: string, year_be: number, } | { "kind": "oit_code_too_long", code: string, } | { "kind": "column_unknown", header: string, } | { "kind": "column_twice", header: string, } | { "kind": "column_missing", column: string, } | { "kind": "not_an_oit_code", text: string, } | { "kind": "not_a_period", text: string, } | { "kind": "not_yes_no", text: string, } | { "kind": "not_a_score", text: string, } | { "kind": "not_an_instrument", text: string, } | { "kind": "no_items" } | { "kind": "rows_refused", rows: number, } | { "kind": "ita_round_exists", year_be: number, } | { "kind": "ita_round_missing", year_be: number, } | { "kind": "ita_item_tracked", code: string, } | { "kind": "ita_round_in_use", year_be: number, } | { "kind": "unknown_indicator", indicator: string, year_be: number, } | { "kind": "no_scores", year_be: number, } | { "kind": "not_a_domain", text: string, } | { "kind": "scores_of_another_year", year_be: number, scores_year: number, } | { "kind": "indicator_twice", indicator: string, } | { "kind": "indicators_in_use", indicators: Array<string>, year_be: number, } | { "kind": "not_in_round", code: string, year_be: number, } | { "kind": "outcome_has_no_sub_items" } | { "kind": "first_item_not_sub" } | { "kind": "split_needs_text" } | { "kind": "nothing_to_join" } | { "kind": "not_a_level", level: number, } | { "kind": "evidence_only_on_results" } | { "kind": "already_there", position: number, } | { "kind": "image_type", what: string, mime: string, } | { "kind": "image_too_large", what: string, bytes: number, max: number, } | { "kind": "image_unreadable", what: string, detail: string, } | { "kind": "not_an_image_file", file: string, } | { "kind": "font_unusable", file: string, problem: FontProblem, } | { "kind": "not_a_table_file", file: string, } | { "kind": "no_file_chosen" } | { "kind": "not_exported_here" } | { "kind": "not_a_backup", name: string, } | { "kind": "empty_database" } | { "kind": "no_history_stamp", file: string, } | { "kind": "no_history", file: string, } | { "kind": "open_in_another_window", file: string, } | { "kind": "typesetting", detail: string, } | { "kind": "division_twice", name: string, } | { "kind": "memo_exists", number: string, date: string, } | { "kind": "not_an_amount", text: string, problem: AmountProblem, } | { "kind": "not_a_percentage", text: string, } | { "kind": "budget_exists", year_be: number, } | { "kind": "unknown_division", name: string, } | { "kind": "unknown_item", text: string, } | { "kind": "month_needed" } | { "kind": "negative", text: string, } | { "kind": "duplicate_line", first: number, } | { "kind": "duplicate_month", first: number, } | { "kind": "new_line_needs_allocation" } | { "kind": "also_on_row", number: string, first: number, } | { "kind": "not_years", text: string, } | { "kind": "not_a_fiscal_year", text: string, } | { "kind": "text_field_not_one_line" } | { "kind": "no_assets" } | { "kind": "asset_exists", number: string, } | { "kind": "unknown_category", category: string, } | { "kind": "unknown_status", text: string, } | { "kind": "not_a_price", text: string, } | { "kind": "not_a_useful_life", years: number, } | { "kind": "implausible_date", date: string, } | { "kind": "cannot_lend", number: string, status: AssetStatus, } | { "kind": "on_loan", number: string, } | { "kind": "lent_twice", number: string, } | { "kind": "disposed", number: string, } | { "kind": "after_today", moment: Moment, on: string, today: string, } | { "kind": "before_earlier", moment: Moment, on: string, earlier: Moment, earlier_on: string, } | { "kind": "after_later", moment: Moment, on: string, later: Moment, later_on: string, } | { "kind": "borrower_duty", who: string, duty: Duty, } | { "kind": "loan_step_out_of_order", state: LoanState, step: LoanStep, } | { "kind": "only_damaged_or_lost_settled" } | { "kind": "loan_settled", loan_id: number, } | { "kind": "no_step_to_correct", loan_id: number, moment: Moment, } | { "kind": "supply_officer_on_committee", name: string, } | { "kind": "member_twice", name: string, } | { "kind": "committee_too_small", members: number, } | { "kind": "inspection_exists", year_be: number, } | { "kind": "inspection_confirmed", year_be: number, } | { "kind": "no_open_data", year_be: number, } | { "kind": "no_budget_to_show", year_be: number, } | { "kind": "no_channels_to_show" };

export type Thing = "organization" | "fiscal_year" | "memo" | "asset" | "loan" | "inspection" | "backup" | "budget_line" | "measure" | "activity" | "result" | "outcome" | "evidence" | "ita_item";

export type Moment = "acquisition" | "status_change" | "request" | "decision" | "hand_over" | "return" | "settlement" | "correction" | "borrowing" | "due";

export type Duty = "decide" | "hand_over" | "receive_back" | "correct";

export type AmountProblem = "empty" | "two_minus_signs" | "characters" | "grouping" | "decimals" | "too_many_decimals" | "too_large";

export type FontProblem = "unreadable" | "no_bold" | "not_true_type" | "no_thai";

export type Digits = "thai" | "arabic";

export type YearStatus = "draft" | "approved" | "published";

export type Urgency = "normal" | "urgent" | "very_urgent" | "most_urgent";

export type Secrecy = "normal" | "confidential" | "secret" | "top_secret";

export type Evidence = { "kind": "memo", number: string, date: string, urgency: Urgency, } | { "kind": "url", url: string, } | { "kind": "image", name: string, mime: string, data: string, };

export type Orientation = "landscape" | "portrait";

export type Organization = { id: number, name_th: string, name_en: string, ministry: string, 
/**
 * Prefix of document numbers, e.g. "พณ 0701".
 */
doc_prefix: string, 
/**
 * The phone number a memo's ส่วนราชการ line gives, e.g. "0 2547 4621".
 */
phone: string, divisions: Array<Division>, digits: Digits, orientation: Orientation, 
/**
 * The emblem (ครุฑ) printed on memos, if one is set.
 */
emblem: Emblem | null, 
/**
 * The TH Sarabun New / TH SarabunPSK file (its regular face; the bold
 * is found beside it) documents are set in on this machine; empty for
 * the Sarabun compiled into Prongsai.
 */
font_file: string, 
/**
 * The domains of the organization's website ("ipthailand.go.th"): the
 * URLs answered in ITAS must be on one of them or their subdomains.
 */
domains: Array<string>, 
/**
 * ช่องทางร้องเรียน, in the order the agency lists them.
 */
channels: Array<Channel>, };

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
 * ชั้นความลับ, printed at the top and foot of every page.
 */
secrecy: Secrecy, 
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
 * ชั้นความลับ, printed at the top and foot of every page.
 */
secrecy: Secrecy, 
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
missing_emblem: boolean, 
/**
 * Set in the Sarabun compiled in, because the font file chosen in
 * Settings could not be read (moved, removed).
 */
font_missing: boolean, };

export type DocFormat = "pdf" | "docx";

export type Progress = { done: number, total: number, step: PublishStep, 
/**
 * What the step is about (a memo's number), or empty.
 */
detail: string, };

export type PublishStep = "report_pdf" | "report_word" | "spending_plan" | "budget_report" | "memo" | "open_data" | "infographics" | "pages" | "done";

export type Published = { 
/**
 * The folder, and the page to open in it.
 */
dir: string, index: string, 
/**
 * Every file written, relative to `dir`.
 */
files: Array<string>, bytes: number, };

export type PublishOptions = { 
/**
 * Names of people in the open data (borrowers, approvers, asset notes).
 */
with_names: boolean, };

export type InfographicKind = "budget" | "channels" | "borrowing";

export type InfographicSize = "line" | "a4";

export type InfographicTheme = "navy" | "green";

export type Division = { id: number, name: string, };

export type FiscalYear = { id: number, 
/**
 * Named by its Buddhist Era end year: 2566 runs 1 Oct 2022 – 30 Sep 2023.
 */
year_be: number, starts_on: string, ends_on: string, status: YearStatus, 
/**
 * The embedded sample (ตัวอย่าง), not an agency's own year.
 */
sample: boolean, 
/**
 * The headings as printed: [`Headings::fill`] of `headings`.
 */
title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, 
/**
 * The table's four column headings, as printed.
 */
columns: Array<string>, 
/**
 * The headings as the user typed them, placeholders and all.
 */
headings: Headings, signatures: Signatures, 
/**
 * The OIT item the whole report answers ("" when untagged).
 */
oit_code: string, 
/**
 * This year's OIT catalogue.
 */
oit_items: Array<OitItem>, trail: StatusTrail, };

export type YearSummary = { id: number, year_be: number, status: YearStatus, measures: number, 
/**
 * The embedded sample (ตัวอย่าง).
 */
sample: boolean, };

export type Report = { organization: Organization, year: FiscalYear, measures: Array<Measure>, outcomes: Array<Outcome>, 
/**
 * Memos dated within the fiscal year.
 */
memos: Array<Memo>, };

export type Measure = { id: number, title: string, remarks: string, 
/**
 * The OIT item this measure answers ("" when untagged).
 */
oit_code: string, activities: Array<Activity>, results: Array<ResultItem>, };

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

export type Channel = { kind: ChannelKind, 
/**
 * The number, address or place.
 */
value: string, 
/**
 * The unit that answers it.
 */
unit: string, note: string, };

export type ChannelKind = "phone" | "email" | "web" | "letter" | "in_person";

export type OitItem = { code: string, title: string, };

export type Period = "current" | "previous";

export type ItaItem = { 
/**
 * "O25"
 */
code: string, title: string, 
/**
 * What the published item must contain.
 */
contents: string, period: Period, 
/**
 * The previous round's codes this item continues (the crosswalk).
 */
was: Array<string>, 
/**
 * The title was read in a source; `false`: a plausible title, to be
 * checked against the NACC's manual.
 */
confirmed: boolean, };

export type Catalogue = { 
/**
 * The assessment year (BE): ITA 2569.
 */
year_be: number, 
/**
 * Where the text came from ("check against the NACC manual").
 */
source: string, 
/**
 * The round the items' `was` codes name.
 */
previous_year: number | null, items: Array<ItaItem>, };

export type TrackStatus = "not_started" | "in_progress" | "published";

export type Track = { 
/**
 * The responsible division.
 */
division: string, due: string | null, status: TrackStatus, 
/**
 * Where the item is published on the agency's own website.
 */
url: string, 
/**
 * The explanation given in ITAS.
 */
explanation: string, 
/**
 * The fiscal year (BE) of the evidence published.
 */
evidence_year: number | null, };

export type RoundItem = { 
/**
 * The fiscal year (BE) the item asks for.
 */
fiscal_year: number, track: Track, 
/**
 * The evidence is of another fiscal year than the item asks for.
 */
wrong_year: boolean, 
/**
 * The previous round's items this one continues, with their titles
 * (when that round is stored).
 */
was_titles: Array<string>, 
/**
 * "O25"
 */
code: string, title: string, 
/**
 * What the published item must contain.
 */
contents: string, period: Period, 
/**
 * The previous round's codes this item continues (the crosswalk).
 */
was: Array<string>, 
/**
 * The title was read in a source; `false`: a plausible title, to be
 * checked against the NACC's manual.
 */
confirmed: boolean, };

export type Instrument = "iit" | "eit" | "oit";

export type Score = { instrument: Instrument, 
/**
 * The indicator's number or code as the result names it ("1", "9").
 */
indicator: string, name: string, score: string, 
/**
 * The year before's score, when the result gives it.
 */
previous: string | null, };

export type ScoreSet = { 
/**
 * The round scored (ITA 2568).
 */
year_be: number, 
/**
 * The file it was imported from.
 */
source: string, 
/**
 * Made up for the sample: never an agency's result.
 */
sample: boolean, scores: Array<Score>, };

export type ItaMeasure = { title: string, 
/**
 * Who carries it out (a division or a post).
 */
owner: string, 
/**
 * When ("ต.ค. 2568 – ก.ย. 2569").
 */
timeline: string, 
/**
 * The indicators it answers.
 */
indicators: Array<string>, };

export type ItaFinding = { indicator: string, issue: string, };

export type Round = { year_be: number, source: string, previous_year: number | null, items: Array<RoundItem>, findings: Array<ItaFinding>, measures: Array<ItaMeasure>, };

export type RoundSummary = { year_be: number, items: number, 
/**
 * Items the tracker has as published.
 */
published: number, previous_year: number | null, 
/**
 * A result is stored for the round before (the O25 analysis can run).
 */
has_scores: boolean, 
/**
 * No tracker entry, finding or measure: [`crate::change::Change::DeleteItaRound`] may remove it.
 */
removable: boolean, };

export type AnalysisRow = { instrument: Instrument, indicator: string, name: string, score: string, previous: string | null, 
/**
 * score − previous.
 */
change: string | null, 
/**
 * Under the pass mark (85).
 */
below: boolean, 
/**
 * Lower than the year before.
 */
fell: boolean, 
/**
 * What the analysis found ("" not yet written).
 */
issue: string, 
/**
 * The positions (in [`Analysis::measures`]) of the measures that
 * answer this indicator.
 */
measures: Array<number>, };

export type Analysis = { 
/**
 * The round analysed for (ITA 2569).
 */
year_be: number, 
/**
 * The round whose result is analysed (ITA 2568).
 */
scores_year: number, 
/**
 * The result's source, as imported.
 */
source: string, 
/**
 * The result is the made-up sample.
 */
sample: boolean, rows: Array<AnalysisRow>, measures: Array<ItaMeasure>, 
/**
 * Indicators to answer that no measure names.
 */
unanswered: Array<string>, 
/**
 * The mark an indicator under is flagged ([`PASS_MARK`]).
 */
pass_mark: string, };

export type LinkProblem = { "kind": "missing" } | { "kind": "malformed", detail: string, } | { "kind": "not_https" } | { "kind": "foreign_domain", host: string, };

export type Online = { "kind": "not_checked" } | { "kind": "answered", status: number, } | { "kind": "redirected", to: string, status: number, } | { "kind": "error_page", to: string, status: number, } | { "kind": "failed", status: number | null, reason: string, };

export type LinkCheck = { code: string, url: string, problems: Array<LinkProblem>, online: Online, 
/**
 * No problem offline, and none online when opened ([`LinkCheck::is_ok`]).
 */
ok: boolean, };

export type Answer = { code: string, title: string, 
/**
 * The fiscal year (BE) the item asks for.
 */
fiscal_year: number, 
/**
 * มี: the tracker has the item as published.
 */
has: boolean, url: string, explanation: string, check: LinkCheck, };

export type ItaImport = { 
/**
 * Rows read (items or indicators).
 */
rows: number, 
/**
 * Every refused row: any one refuses the file.
 */
errors: Array<RowError>, 
/**
 * How the file was read (see [`Table::notes`]).
 */
notes: Array<string>, 
/**
 * The title rows above the header, kept as the source.
 */
source: string, 
/**
 * Whether it was written.
 */
imported: boolean, };

export type StatusTrail = { 
/**
 * Who made the last status change (the approver for an approval).
 */
by: string, 
/**
 * When (RFC 3339).
 */
at: string, published_url: string, 
/**
 * Why the year was last reopened to draft.
 */
reopen_reason: string, };

export type Headings = { title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, 
/**
 * The table's four column headings; empty: [`COLUMNS`].
 */
columns: Array<string>, };

export type HitPlace = { "field": "measure_title", "id": number } | { "field": "remarks", "id": number } | { "field": "activity", "id": number } | { "field": "result", "id": number } | { "field": "outcome", "id": number } | { "field": "evidence", "id": number } | { "field": "asset", "id": number } | { "field": "loan", "id": number };

export type SearchHit = { year_be: number, 
/**
 * The measure the hit is in (none for an outcome).
 */
measure_id: number | null, place: HitPlace, 
/**
 * The text around the match (storage digits).
 */
snippet: string, 
/**
 * The asset an asset or loan hit opens.
 */
asset_number: string | null, };

export type MeasureSnap = { id: number | null, title: string, remarks: string, oit_code: string, activities: Array<ItemSnap>, results: Array<ItemSnap>, };

export type ItemSnap = { id: number | null, level: number, text: string, evidence: Array<EvidenceSnap>, };

export type EvidenceSnap = { id: number | null, evidence: Evidence, };

export type YearSnap = { id: number | null, year_be: number, title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, columns?: Array<string>, sample?: boolean, signatures: Signatures, oit_code: string, oit_items: Array<OitItem>, measures: Array<MeasureSnap>, outcomes: Array<ItemSnap>, };

export type ItemList = { "list": "activities", measure_id: number, } | { "list": "results", measure_id: number, } | { "list": "outcomes", year_be: number, };

export type ItemRef = { "item": "activity", "id": number } | { "item": "result", "id": number } | { "item": "outcome", "id": number };

export type OitTarget = { "of": "year", "id": number } | { "of": "measure", "id": number };

export type OrgSettings = { name_th: string, name_en: string, ministry: string, doc_prefix: string, phone: string, divisions: Array<string>, digits: Digits, orientation: Orientation, };

export type UndoState = { undo: Step | null, redo: Step | null, undo_depth: number, redo_depth: number, };

export type About = { version: string, schema: number, 
/**
 * The database file, when one is open.
 */
database: string | null, 
/**
 * The folder of its rolling backups.
 */
backups: string | null, };

export type Step = { change_id: number, 
/**
 * [`Change::kind`] of the change that would be undone or redone.
 */
kind: string, 
/**
 * The fiscal year it changes, if it changes one.
 */
year_be: number | null, 
/**
 * The view where the change is seen.
 */
view: View, };

export type View = "report" | "budget" | "assets" | "years" | "settings" | "ita";

export type HistoryEntry = { change_id: number, 
/**
 * RFC 3339, UTC.
 */
at: string, actor: string, 
/**
 * "do", "undo" or "redo".
 */
kind: string, 
/**
 * The text the change left in the field.
 */
text: string, };

export type AssetStatus = "usable" | "damaged" | "deteriorated" | "lost" | "disposed";

export type AssetDoc = { 
/**
 * เลขครุภัณฑ์, unique: 7440-001-0001/66
 */
number: string, name: string, category: string, brand: string, model: string, serial: string, acquired_on: string, 
/**
 * วิธีการได้มา (e-bidding, เฉพาะเจาะจง, รับบริจาค …)
 */
method: string, price: string, 
/**
 * The fiscal year (BE) of the budget that paid for it.
 */
budget_year: number | null, 
/**
 * แหล่งเงิน
 */
funding: string, location: string, 
/**
 * The custodian division.
 */
division: string, status: AssetStatus, 
/**
 * Useful life in years (the category's when the file gives none).
 */
useful_life: number, note: string, };

export type Asset = { id: number, 
/**
 * A photo, base64 (the register's page only; lists leave it out).
 */
photo: Emblem | null, 
/**
 * เลขครุภัณฑ์, unique: 7440-001-0001/66
 */
number: string, name: string, category: string, brand: string, model: string, serial: string, acquired_on: string, 
/**
 * วิธีการได้มา (e-bidding, เฉพาะเจาะจง, รับบริจาค …)
 */
method: string, price: string, 
/**
 * The fiscal year (BE) of the budget that paid for it.
 */
budget_year: number | null, 
/**
 * แหล่งเงิน
 */
funding: string, location: string, 
/**
 * The custodian division.
 */
division: string, status: AssetStatus, 
/**
 * Useful life in years (the category's when the file gives none).
 */
useful_life: number, note: string, };

export type StatusEvent = { on: string, status: AssetStatus, reason: string, };

export type Depreciation = { as_of: string, accumulated: string, book_value: string, 
/**
 * Depreciation in the fiscal year of `as_of`, through `as_of`.
 */
this_fiscal_year: string, };

export type LoanState = "requested" | "approved" | "refused" | "handed_over" | "returned";

export type LoanStep = "approve" | "refuse" | "hand_over" | "return" | "settle";

export type ReturnCondition = "good" | "damaged" | "lost";

export type Settlement = "repaired" | "replaced" | "paid";

export type Authority = "head" | "delegate";

export type LoanRequest = { asset_number: string, borrower: string, position: string, division: string, purpose: string, 
/**
 * Used outside the office (ข้อ 207 asks which).
 */
outside: boolean, borrow_on: string, due_on: string, };

export type Loan = { id: number, asset_id: number, asset_name: string, state: LoanState, requested_on: string, decided_by: string, decided_as: Authority | null, decided_on: string | null, refusal: string, handed_over_on: string | null, handed_over_by: string, returned_on: string | null, return_condition: ReturnCondition | null, received_by: string, settlement: Settlement | null, settlement_note: string, settled_on: string | null, asset_number: string, borrower: string, position: string, division: string, purpose: string, 
/**
 * Used outside the office (ข้อ 207 asks which).
 */
outside: boolean, borrow_on: string, due_on: string, };

export type Member = { name: string, position: string, };

export type Finding = "found" | "not_found" | "damaged" | "obsolete";

export type Inspection = { year_be: number, started_on: string, supply_officer: string, committee: Array<Member>, confirmed_on: string | null, findings: Array<FindingRow>, };

export type FindingRow = { number: string, name: string, 
/**
 * The asset's price: the value the inspection report counts.
 */
price: string, finding: Finding, note: string, };

export type AssetPage = { asset: Asset, depreciation: Depreciation, events: Array<StatusEvent>, loans: Array<Loan>, };

export type LoanFilter = { 
/**
 * Only loans in this state.
 */
state: LoanState | null, 
/**
 * Only loans out past their due date on this day.
 */
overdue_on: string | null, 
/**
 * Only loans out and due within this many days of `today`.
 */
due_within: number | null, 
/**
 * Only this borrower's (part of the name).
 */
borrower: string | null, };

export type AssetSummary = { year_be: number, 
/**
 * Assets in the register (not disposed) at the end of the year.
 */
registered: number, 
/**
 * Loans requested in the year.
 */
loans: number, 
/**
 * Of the loans returned in the year, the per cent returned by the due date.
 */
returned_on_time_percent: string | null, 
/**
 * Loans out past their due date at the end of the year (or today).
 */
overdue: number, 
/**
 * Assets with a finding in the year's inspection.
 */
inspected: number, };

export type LoanReminders = { 
/**
 * Loans out past their due date.
 */
overdue: number, 
/**
 * Loans out and due within 3 days.
 */
due_soon: number, };

export type AssetRow = { id: number, number: string, name: string, category: string, location: string, division: string, status: AssetStatus, price: string, acquired_on: string, 
/**
 * Lent out (approved or handed over) right now.
 */
on_loan: boolean, };

export type AssetSort = "number" | "name" | "category" | "location" | "status" | "price" | "acquired_on";

export type AssetQuery = { 
/**
 * Words that must all appear (number, name, category, brand, model,
 * serial, location, division); Thai digits match Arabic ones.
 */
text: string, status: AssetStatus | null, sort: AssetSort, descending: boolean, offset: number, limit: number, };

export type AssetRows = { 
/**
 * Rows matching the filter, in all.
 */
total: number, offset: number, rows: Array<AssetRow>, };

export type AssetImportPreview = { rows: number, added: number, errors: Array<RowError>, };

export type AssetImportCheck = { file_name: string, headers: Array<string>, mapping: { [key in string]: string } | null, 
/**
 * Why the file cannot be read as it is (a required column missing):
 * the user then maps the columns.
 */
problem: string | null, preview: AssetImportPreview | null, 
/**
 * The field names a mapping may use.
 */
fields: Array<string>, 
/**
 * How the file was read (see [`crate::table::Table::notes`]).
 */
notes: Array<string>, 
/**
 * The sheet read, and the workbook's visible sheets to pick from.
 */
sheet: string | null, sheets: Array<string>, };

export type BackupInfo = { 
/**
 * The file name inside the backups folder.
 */
name: string, 
/**
 * When it was taken (RFC 3339, UTC).
 */
at: string, 
/**
 * The newest history entry it holds.
 */
change_id: number, bytes: number, };

export type ReportDoc = { format: string, version: number, organization: OrganizationDoc, year: YearDoc, measures: Array<MeasureDoc>, outcomes: Array<string>, memos?: Array<MemoDoc>, };

export type OrganizationDoc = { name_th: string, name_en: string, ministry: string, doc_prefix: string, phone: string, divisions: Array<string>, digits: Digits, orientation: Orientation, channels?: Array<Channel>, };

export type YearDoc = { year_be: number, status: YearStatus, title: Array<string>, heading: Array<string>, part1_heading: string, part2_heading: string, 
/**
 * The table's column headings; absent: the standard four.
 */
columns?: Array<string>, 
/**
 * The embedded sample, labelled ตัวอย่าง in the app.
 */
sample?: boolean, signatures?: Signatures, oit_code?: string, oit_items?: Array<OitItem>, trail?: StatusTrail, };

export type MeasureDoc = { title: string, activities: Array<ItemDoc>, results: Array<ResultDoc>, remarks: string, oit_code?: string, };

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
allocated: string, planned: string, disbursed: string, 
/**
 * Commitments still outstanding (released as they are disbursed).
 */
committed: string, 
/**
 * Allocation less what is disbursed and still committed.
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

export type RowError = { row: number, column: string | null, 
/**
 * English, for the CLI.
 */
message: string, 
/**
 * What was refused, for the UI's words.
 */
refusal: Refusal | null, };

export type ImportPreview = { year_be: number, rows: number, lines_added: number, lines_updated: number, months_set: number, errors: Array<RowError>, 
/**
 * Lines whose balance at the year's end would be below zero once
 * imported: disbursed and open commitments over the allocation. Not an
 * error (the file may be right), but said before anything is written.
 */
overspent: Array<Overspent>, };

export type Overspent = { division: string, category: Category, item: OperatingItem | null, remaining: string, };

export type ImportCheck = { file_name: string, headers: Array<string>, 
/**
 * The mapping used (given, or remembered for this layout), if any.
 */
mapping: { [key in string]: string } | null, 
/**
 * Why the file cannot be read as it is (e.g. no division column):
 * the user then maps the columns.
 */
problem: string | null, preview: ImportPreview | null, 
/**
 * How the file was read: its encoding, the sheet, the header row,
 * numbers rounded from spreadsheet noise.
 */
notes: Array<string>, 
/**
 * The sheet read, and the workbook's visible sheets to pick from.
 */
sheet: string | null, sheets: Array<string>, };

export type Change = { "kind": "set_text", target: TextTarget, text: string, } | { "kind": "import_report", doc: ReportDoc, replace: boolean, } | { "kind": "set_emblem", emblem: Emblem | null, } | { "kind": "set_font", file: string, } | { "kind": "import_budget", budget: BudgetDoc, replace: boolean, } | { "kind": "set_month_figure", line_id: number, month: number, field: MonthField, amount: string, } | { "kind": "set_target", year_be: number, scope: TargetScope, quarter: number, percent: string | null, } | { "kind": "remember_mapping", headers: Array<string>, mapping: { [key in string]: string }, } | { "kind": "insert_measure", year_be: number, index: number, measure: MeasureSnap, } | { "kind": "delete_measure", id: number, } | { "kind": "move_measure", id: number, to: number, } | { "kind": "insert_item", list: ItemList, index: number, item: ItemSnap, } | { "kind": "delete_item", item: ItemRef, } | { "kind": "move_item", item: ItemRef, to: number, } | { "kind": "set_level", item: ItemRef, level: number, } | { "kind": "split_item", item: ItemRef, at: number, } | { "kind": "merge_item", item: ItemRef, } | { "kind": "insert_evidence", result_id: number, index: number, evidence: EvidenceSnap, } | { "kind": "delete_evidence", id: number, } | { "kind": "set_organization", settings: OrgSettings, } | { "kind": "set_channels", channels: Array<Channel>, } | { "kind": "set_oit_items", year_be: number, items: Array<OitItem>, } | { "kind": "set_oit_tag", target: OitTarget, code: string, } | { "kind": "set_signatures", year_be: number, signatures: Signatures, } | { "kind": "insert_memo", id: number | null, memo: MemoDoc, } | { "kind": "set_memo", id: number, memo: MemoDoc, } | { "kind": "delete_memo", id: number, } | { "kind": "set_headings", year_be: number, headings: Headings, } | { "kind": "new_year", from: number, to: number, keep_remarks: boolean, } | { "kind": "insert_year", year: YearSnap, } | { "kind": "delete_year", year_be: number, } | { "kind": "set_status", year_be: number, status: YearStatus, by: string, url: string, reason: string, at: string | null, } | { "kind": "set_ita_catalogue", catalogue: Catalogue, replace: boolean, } | { "kind": "delete_ita_round", year_be: number, } | { "kind": "set_ita_track", year_be: number, code: string, track: Track, } | { "kind": "set_ita_scores", year_be: number, scores: ScoreSet | null, } | { "kind": "set_ita_finding", year_be: number, indicator: string, issue: string, } | { "kind": "set_ita_measures", year_be: number, measures: Array<ItaMeasure>, } | { "kind": "set_web_domains", domains: Array<string>, } | { "kind": "batch", changes: Array<Change>, } | { "kind": "import_assets", assets: Array<AssetDoc>, } | { "kind": "set_asset_status", number: string, status: AssetStatus, on: string, reason: string, } | { "kind": "set_asset_photo", number: string, photo: Emblem | null, } | { "kind": "request_loan", request: LoanRequest, on: string, } | { "kind": "decide_loan", loan_id: number, approve: boolean, by: string, authority: Authority, on: string, reason: string, } | { "kind": "hand_over_loan", loan_id: number, on: string, by: string, } | { "kind": "return_loan", loan_id: number, on: string, condition: ReturnCondition, received_by: string, } | { "kind": "settle_loan", loan_id: number, settlement: Settlement, note: string, on: string, } | { "kind": "correct_loan", loan_id: number, 
/**
 * The step corrected (approve or refuse: the decision).
 */
step: LoanStep, on: string, by: string, reason: string, } | { "kind": "start_inspection", year_be: number, on: string, supply_officer: string, committee: Array<Member>, } | { "kind": "record_finding", year_be: number, number: string, finding: Finding, note: string, } | { "kind": "confirm_inspection", year_be: number, on: string, };

export type ChangeKind = "set_text" | "import_report" | "set_emblem" | "set_font" | "import_budget" | "set_month_figure" | "set_target" | "remember_mapping" | "insert_measure" | "delete_measure" | "move_measure" | "insert_item" | "delete_item" | "move_item" | "set_level" | "split_item" | "merge_item" | "insert_evidence" | "delete_evidence" | "set_organization" | "set_channels" | "set_oit_items" | "set_oit_tag" | "set_signatures" | "insert_memo" | "set_memo" | "delete_memo" | "set_headings" | "new_year" | "insert_year" | "delete_year" | "set_status" | "set_ita_catalogue" | "delete_ita_round" | "set_ita_track" | "set_ita_scores" | "set_ita_finding" | "set_ita_measures" | "set_web_domains" | "batch" | "import_assets" | "set_asset_status" | "set_asset_photo" | "request_loan" | "decide_loan" | "hand_over_loan" | "return_loan" | "settle_loan" | "correct_loan" | "start_inspection" | "record_finding" | "confirm_inspection";

export type TextTarget = { "field": "measure_title", "id": number } | { "field": "measure_remarks", "id": number } | { "field": "activity", "id": number } | { "field": "result", "id": number } | { "field": "outcome", "id": number };

export type Applied = { 
/**
 * Row id of the change in `change_log`.
 */
change_id: number, 
/**
 * The fiscal year the change touched (0: none, an organization setting).
 */
year_be: number, 
/**
 * The id of the record the change created, where callers need it to
 * go on (a loan request): never guessed from "the newest".
 */
created: number | null, };

export type YearReading = { "kind": "be", year_be: number, } | { "kind": "looks_ce", meant: number, } | { "kind": "out_of_range", year: number, } | { "kind": "not_a_year" };

/** BE = CE + BE_OFFSET. */
export const BE_OFFSET = 543;

/** The Thai digits, zero first. */
export const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

/** Thai month names, January first. */
export const THAI_MONTHS = ["มกราคม","กุมภาพันธ์","มีนาคม","เมษายน","พฤษภาคม","มิถุนายน","กรกฎาคม","สิงหาคม","กันยายน","ตุลาคม","พฤศจิกายน","ธันวาคม"] as const;

/** Thai month abbreviations, January first. */
export const THAI_MONTHS_SHORT = ["ม.ค.","ก.พ.","มี.ค.","เม.ย.","พ.ค.","มิ.ย.","ก.ค.","ส.ค.","ก.ย.","ต.ค.","พ.ย.","ธ.ค."] as const;

/** The fiscal year's months, abbreviated, October first. */
export const FISCAL_MONTHS_SHORT = ["ต.ค.","พ.ย.","ธ.ค.","ม.ค.","ก.พ.","มี.ค.","เม.ย.","พ.ค.","มิ.ย.","ก.ค.","ส.ค.","ก.ย."] as const;

/** What a heading may say instead of the organization's name, its ministry and the year. */
export const PLACEHOLDERS = ["{หน่วยงาน}","{กระทรวง}","{ปี}"] as const;

/** The report table's standard column headings. */
export const COLUMNS = ["มาตรการ","กิจกรรม/แนวทาง","ผลการดำเนินการ","หมายเหตุ"] as const;

/** The budget import's field names, for a mapping form. */
export const BUDGET_IMPORT_FIELDS = ["division","category","item","plan","source","allocated","transfer_in","transfer_out","month","planned","disbursed","committed"] as const;

/** One refusal of every kind, for the test that words them all. */
export const REFUSAL_EXAMPLES: Refusal[] = [{"kind":"empty_text","field":"title"},{"kind":"text_too_long","field":"title","len":12345,"max":10000},{"kind":"control_character","field":"title","code":7},{"kind":"not_one_line","field":"name"},{"kind":"not_a_url","text":"www.example"},{"kind":"not_an_email","text":"fin@"},{"kind":"search_too_long","max":200},{"kind":"not_found","thing":"memo","key":"12"},{"kind":"nothing_to_undo"},{"kind":"nothing_to_redo"},{"kind":"empty_batch"},{"kind":"not_a_date","text":"31/2"},{"kind":"not_a_calendar_day","day":31,"month":2,"year_be":2566},{"kind":"christian_era_year","year":2023,"meant":2566},{"kind":"not_a_buddhist_era_year","year":3100},{"kind":"date_out_of_range","date":"2023-04-05"},{"kind":"not_a_timestamp","text":"yesterday"},{"kind":"not_a_month","text":"2566-13"},{"kind":"month_outside_year","text":"2566-03","year_be":2566,"be_year_typed":true},{"kind":"not_a_fiscal_month","month":13},{"kind":"not_a_quarter","quarter":5},{"kind":"year_exists","year_be":2567},{"kind":"year_locked","year_be":2566,"status":"published"},{"kind":"year_already_status","year_be":2566,"status":"approved"},{"kind":"publish_before_approval","year_be":2566},{"kind":"publish_needs_url","text":"intranet"},{"kind":"published_reopen_to_draft","year_be":2566},{"kind":"copy_onto_itself","year_be":2566},{"kind":"year_has_budget","year_be":2566},{"kind":"imported_year_not_draft","year_be":2566,"status":"approved"},{"kind":"column_count","columns":4},{"kind":"oit_listed_twice","code":"O42"},{"kind":"oit_still_tagged","code":"O42"},{"kind":"oit_not_listed","code":"O50","year_be":2566},{"kind":"oit_code_too_long","code":"O1234567890123"},{"kind":"no_open_data","year_be":2566},{"kind":"no_budget_to_show","year_be":2566},{"kind":"no_channels_to_show"},{"kind":"outcome_has_no_sub_items"},{"kind":"first_item_not_sub"},{"kind":"split_needs_text"},{"kind":"nothing_to_join"},{"kind":"not_a_level","level":3},{"kind":"evidence_only_on_results"},{"kind":"already_there","position":2},{"kind":"image_type","what":"emblem","mime":"image/gif"},{"kind":"image_too_large","what":"emblem","bytes":9000000,"max":5000000},{"kind":"image_unreadable","what":"emblem","detail":"bad header"},{"kind":"not_an_image_file","file":"logo.gif"},{"kind":"font_unusable","file":"THSarabunNew.ttf","problem":"no_bold"},{"kind":"not_a_table_file","file":"plan.docx"},{"kind":"no_file_chosen"},{"kind":"not_exported_here"},{"kind":"not_a_backup","name":"x.db"},{"kind":"empty_database"},{"kind":"no_history_stamp","file":"report.pdf"},{"kind":"no_history","file":"backup.db"},{"kind":"open_in_another_window","file":"prongsai.sqlite"},{"kind":"typesetting","detail":"no glyph"},{"kind":"division_twice","name":"กองคลัง"},{"kind":"memo_exists","number":"พณ 0701/ว24","date":"2023-05-09"},{"kind":"not_an_amount","text":"1,23","problem":"grouping"},{"kind":"not_a_percentage","text":"120"},{"kind":"budget_exists","year_be":2566},{"kind":"unknown_division","name":"กองคลัง"},{"kind":"unknown_item","text":"ค่าอื่นๆ"},{"kind":"month_needed"},{"kind":"negative","text":"-5.00"},{"kind":"duplicate_line","first":4},{"kind":"duplicate_month","first":4},{"kind":"new_line_needs_allocation"},{"kind":"also_on_row","number":"7440-001-0001/66","first":4},{"kind":"not_years","text":"ห้า"},{"kind":"not_a_fiscal_year","text":"๖๖"},{"kind":"text_field_not_one_line"},{"kind":"no_assets"},{"kind":"asset_exists","number":"7440-001-0001/66"},{"kind":"unknown_category","category":"x"},{"kind":"unknown_status","text":"broken"},{"kind":"not_a_price","text":"-5"},{"kind":"not_a_useful_life","years":0},{"kind":"implausible_date","date":"1890-01-01"},{"kind":"cannot_lend","number":"7440-001-0001/66","status":"damaged"},{"kind":"on_loan","number":"7440-001-0001/66"},{"kind":"lent_twice","number":"7440-001-0001/66"},{"kind":"disposed","number":"7440-001-0001/66"},{"kind":"after_today","moment":"request","on":"2030-01-02","today":"2026-11-30"},{"kind":"before_earlier","moment":"return","on":"2023-04-01","earlier":"hand_over","earlier_on":"2023-04-05"},{"kind":"after_later","moment":"decision","on":"2023-04-09","later":"hand_over","later_on":"2023-04-05"},{"kind":"borrower_duty","who":"นายสมชาย ใจดี","duty":"decide"},{"kind":"loan_step_out_of_order","state":"requested","step":"hand_over"},{"kind":"only_damaged_or_lost_settled"},{"kind":"loan_settled","loan_id":3},{"kind":"no_step_to_correct","loan_id":3,"moment":"return"},{"kind":"supply_officer_on_committee","name":"นางสาวสมศรี"},{"kind":"member_twice","name":"นางสาวสมศรี"},{"kind":"committee_too_small","members":2},{"kind":"inspection_exists","year_be":2566},{"kind":"inspection_confirmed","year_be":2566},{"kind":"column_unknown","header":"คะแนน"},{"kind":"column_twice","header":"code"},{"kind":"column_missing","column":"period"},{"kind":"not_an_oit_code","text":"X3"},{"kind":"not_a_period","text":"ปีหน้า"},{"kind":"not_yes_no","text":"บางที"},{"kind":"not_a_score","text":"101"},{"kind":"not_an_instrument","text":"XIT"},{"kind":"no_items"},{"kind":"rows_refused","rows":3},{"kind":"ita_round_exists","year_be":2569},{"kind":"ita_round_missing","year_be":2570},{"kind":"ita_item_tracked","code":"O12"},{"kind":"ita_round_in_use","year_be":2569},{"kind":"unknown_indicator","indicator":"11","year_be":2568},{"kind":"no_scores","year_be":2568},{"kind":"not_a_domain","text":"intranet"},{"kind":"scores_of_another_year","year_be":2568,"scores_year":2567},{"kind":"indicator_twice","indicator":"4"},{"kind":"indicators_in_use","indicators":["4","7"],"year_be":2568},{"kind":"not_in_round","code":"O99","year_be":2566}];
