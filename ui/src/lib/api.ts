// Typed calls to the Rust commands (src-tauri/commands/). Every type here
// comes from bindings.ts, generated from the Rust types.
import { invoke } from '@tauri-apps/api/core';
import type {
  AssetImportCheck, AssetPage, AssetQuery, Inspection, Member, AssetRows, AssetSummary, Loan, LoanFilter, LoanReminders,
  About, Applied, BackupInfo, MemoDoc, BudgetView, Change, Channel, ErrorPayload, Exported, HistoryEntry, ImportCheck, Report, SearchHit,
  OrgSettings, TextTarget, UndoState, YearReading, YearSnap, YearSummary,
  Analysis, Answer, ItaImport, Round, RoundSummary,
  InfographicKind, InfographicSize, InfographicTheme,
} from './bindings';
import { isErrorPayload } from './errors';

/** A command that takes no arguments. */
type NoArgs = Record<string, never>;
/** A column mapping chosen for an import (`null`: the remembered or guessed one). */
type Mapping = Record<string, string> | null;

/** Every Rust command, one line each: its name, its arguments (camelCase, as
 * Tauri passes them) and what it returns. The Rust handler list must match. */
export interface Commands {
  years: { args: NoArgs; result: YearSummary[] };
  report: { args: { yearBe?: number }; result: Report | null };
  apply_change: { args: { change: Change }; result: Applied };
  save_text: { args: { target: TextTarget; text: string; base: string }; result: Applied };
  text_of: { args: { target: TextTarget }; result: string };
  export_report_pdf: { args: { yearBe: number }; result: Exported | null };
  export_memo_pdf: { args: { id: number }; result: Exported | null };
  open_exported: { args: { path: string }; result: null };
  choose_emblem: { args: NoArgs; result: boolean };
  choose_font: { args: NoArgs; result: boolean };
  installed_fonts: { args: NoArgs; result: string[] };
  budget_view: { args: { yearBe: number; through: number }; result: BudgetView };
  budget_import_choose: { args: { yearBe: number }; result: ImportCheck | null };
  budget_import_check: { args: { yearBe: number; mapping: Mapping; sheet: string | null }; result: ImportCheck };
  budget_import_apply: { args: { yearBe: number; mapping: Mapping; sheet: string | null }; result: ImportCheck };
  export_budget_pdf: { args: { yearBe: number; through: number }; result: Exported | null };
  export_budget_xlsx: { args: { yearBe: number; through: number }; result: Exported | null };
  export_spending_plan_pdf: { args: { yearBe: number }; result: Exported | null };
  undo_state: { args: NoArgs; result: UndoState };
  undo: { args: NoArgs; result: Applied };
  redo: { args: NoArgs; result: Applied };
  search: { args: { query: string }; result: SearchHit[] };
  parse_be_date: { args: { text: string }; result: string };
  read_year: { args: { text: string }; result: YearReading };
  channel_phrase: { args: { channel: Channel }; result: string };
  open_url: { args: { url: string }; result: null };
  set_user: { args: { name: string }; result: null };
  history_of: { args: { target: TextTarget }; result: HistoryEntry[] };
  list_backups: { args: NoArgs; result: BackupInfo[] };
  backup_now: { args: NoArgs; result: string | null };
  restore_choose: { args: NoArgs; result: string | null };
  restore_backup: { args: { name: string }; result: string };
  asset_rows: { args: { query: AssetQuery }; result: AssetRows };
  asset_page: { args: { number: string }; result: AssetPage };
  loans: { args: { filter: LoanFilter }; result: Loan[] };
  loan_reminders: { args: NoArgs; result: LoanReminders };
  asset_summary: { args: { yearBe: number }; result: AssetSummary };
  asset_summary_phrase: { args: { yearBe: number }; result: string };
  export_assets_xlsx: { args: NoArgs; result: Exported | null };
  export_loan_slip: { args: { id: number }; result: Exported | null };
  export_inspection_pdf: { args: { yearBe: number }; result: Exported | null };
  assets_import_choose: { args: NoArgs; result: AssetImportCheck | null };
  assets_import_check: { args: { mapping: Mapping; sheet: string | null }; result: AssetImportCheck };
  assets_import_apply: { args: { mapping: Mapping; sheet: string | null }; result: AssetImportCheck };
  inspection: { args: { yearBe: number }; result: Inspection | null };
  start_own_report: { args: { settings: OrgSettings; yearBe: number; removeSample: boolean }; result: Applied };
  empty_year: { args: { yearBe: number }; result: YearSnap };
  fiscal_year_today: { args: NoArgs; result: number };
  about: { args: NoArgs; result: About };
  painted: { args: NoArgs; result: null };
  next_memo_number: { args: { prefix: string }; result: string };
  preview_memo: { args: { memo: MemoDoc }; result: string[] };
  ita_rounds: { args: NoArgs; result: RoundSummary[] };
  ita_shipped: { args: NoArgs; result: number[] };
  ita_add_round: { args: { yearBe: number }; result: Applied };
  ita_round: { args: { yearBe: number }; result: Round };
  ita_analysis: { args: { yearBe: number }; result: Analysis | null };
  ita_check_links: { args: { yearBe: number; online: boolean }; result: [Answer[], boolean] };
  ita_import_catalogue: { args: { yearBe: number; replace: boolean }; result: ItaImport | null };
  ita_import_scores: { args: { yearBe: number }; result: ItaImport | null };
  export_ita_analysis_pdf: { args: { yearBe: number }; result: Exported | null };
  export_ita_answers: { args: { yearBe: number; xlsx: boolean }; result: Exported | null };
  export_report_docx: { args: { yearBe: number }; result: Exported | null };
  export_memo_docx: { args: { id: number }; result: Exported | null };
  publish_site: { args: { yearBe: number }; result: Exported | null };
  export_open_data: { args: { yearBe: number }; result: Exported | null };
  export_infographic: { args: { yearBe: number; kind: InfographicKind; size: InfographicSize; theme: InfographicTheme }; result: Exported | null };
}

/** Runs a command; a refusal is always an `ErrorPayload`. */
async function call<K extends keyof Commands>(cmd: K, args: Commands[K]['args']): Promise<Commands[K]['result']> {
  try {
    return await invoke<Commands[K]['result']>(cmd, args);
  } catch (e) {
    if (isErrorPayload(e)) throw e;
    // Not one of ours (IPC failure, a panic): still a payload, never a raw string.
    const internal: ErrorPayload = { code: 'internal', message: String(e) };
    throw internal;
  }
}

export const api = {
  years: () => call('years', {}),
  report: (yearBe?: number) => call('report', { yearBe }),
  applyChange: (change: Change) => call('apply_change', { change }),
  /** Saves a field's typing; refused with `conflict` unless the field still holds `base`. */
  saveText: (target: TextTarget, text: string, base: string) => call('save_text', { target, text, base }),
  /** A text field's stored value. */
  textOf: (target: TextTarget) => call('text_of', { target }),
  /** Asks where to save, then writes the PDF; `null` when the user cancels. */
  exportReportPdf: (yearBe: number) => call('export_report_pdf', { yearBe }),
  exportMemoPdf: (id: number) => call('export_memo_pdf', { id }),
  openExported: (path: string) => call('open_exported', { path }),
  /** Asks for a PNG/JPEG file and sets it as the emblem; `false` when cancelled. */
  chooseEmblem: () => call('choose_emblem', {}),
  /** Asks for a TH Sarabun font file and sets documents in it; `false` when cancelled. */
  chooseFont: () => call('choose_font', {}),
  /** The TH Sarabun New / PSK files installed here, each with its bold. */
  installedFonts: () => call('installed_fonts', {}),
  /** The year's budget, monitored through fiscal month `through` (1 = October). */
  budgetView: (yearBe: number, through: number) => call('budget_view', { yearBe, through }),
  /** Pick a CSV/XLSX file and check it (no write); `null` when cancelled. */
  budgetImportChoose: (yearBe: number) => call('budget_import_choose', { yearBe }),
  budgetImportCheck: (yearBe: number, mapping: Mapping, sheet: string | null = null) =>
    call('budget_import_check', { yearBe, mapping, sheet }),
  budgetImportApply: (yearBe: number, mapping: Mapping, sheet: string | null = null) =>
    call('budget_import_apply', { yearBe, mapping, sheet }),
  exportBudgetPdf: (yearBe: number, through: number) => call('export_budget_pdf', { yearBe, through }),
  exportBudgetXlsx: (yearBe: number, through: number) => call('export_budget_xlsx', { yearBe, through }),
  exportSpendingPlanPdf: (yearBe: number) => call('export_spending_plan_pdf', { yearBe }),
  undoState: () => call('undo_state', {}),
  undo: () => call('undo', {}),
  redo: () => call('redo', {}),
  search: (query: string) => call('search', { query }),
  /** A date typed with a BE year, as ISO; refuses a CE year with a hint. */
  parseBeDate: (text: string) => call('parse_be_date', { text }),
  /** A typed year (Thai or Arabic digits) read by the core's BE/CE rule. */
  readYear: (text: string) => call('read_year', { text }),
  channelPhrase: (channel: Channel) => call('channel_phrase', { channel }),
  /** Opens an http(s) address in the system browser. */
  openUrl: (url: string) => call('open_url', { url }),
  setUser: (name: string) => call('set_user', { name }),
  /** Every version of a text field, newest first. */
  historyOf: (target: TextTarget) => call('history_of', { target }),
  listBackups: () => call('list_backups', {}),
  /** Asks where, writes a copy; the path, or `null` when cancelled. */
  backupNow: () => call('backup_now', {}),
  /** Asks for a backup file and restores it; where the previous state went, or `null`. */
  restoreChoose: () => call('restore_choose', {}),
  restoreBackup: (name: string) => call('restore_backup', { name }),
  assetRows: (query: AssetQuery) => call('asset_rows', { query }),
  assetPage: (number: string) => call('asset_page', { number }),
  loans: (filter: LoanFilter) => call('loans', { filter }),
  loanReminders: () => call('loan_reminders', {}),
  assetSummary: (yearBe: number) => call('asset_summary', { yearBe }),
  assetSummaryPhrase: (yearBe: number) => call('asset_summary_phrase', { yearBe }),
  exportAssetsXlsx: () => call('export_assets_xlsx', {}),
  exportLoanSlip: (id: number) => call('export_loan_slip', { id }),
  exportInspectionPdf: (yearBe: number) => call('export_inspection_pdf', { yearBe }),
  /** Pick a register file and check it (no write); `null` when cancelled. */
  assetsImportChoose: () => call('assets_import_choose', {}),
  assetsImportCheck: (mapping: Mapping, sheet: string | null = null) => call('assets_import_check', { mapping, sheet }),
  assetsImportApply: (mapping: Mapping, sheet: string | null = null) => call('assets_import_apply', { mapping, sheet }),
  /** The year's inspection, or `null` when none has started. */
  inspection: (yearBe: number) => call('inspection', { yearBe }),
  /** The agency's own report in one step: organization, first year, the sample removed when asked. */
  startOwnReport: (settings: OrgSettings, yearBe: number, removeSample: boolean) =>
    call('start_own_report', { settings, yearBe, removeSample }),
  /** A year started afresh as the core makes it, to insert. */
  emptyYear: (yearBe: number) => call('empty_year', { yearBe }),
  /** The fiscal year (BE) today falls in. */
  fiscalYearToday: () => call('fiscal_year_today', {}),
  about: () => call('about', {}),
  /** The report is on screen: backups may start (once per start). */
  painted: () => call('painted', {}),
  previewMemo: (memo: MemoDoc) => call('preview_memo', { memo }),
  /** The number a new memo of a series takes ("พณ 0701.08/ว" → "…/ว25"). */
  nextMemoNumber: (prefix: string) => call('next_memo_number', { prefix }),
  /** The ITA rounds stored, newest first. */
  itaRounds: () => call('ita_rounds', {}),
  /** The rounds whose item list ships with Prongsai. */
  itaShipped: () => call('ita_shipped', {}),
  /** Adds the item list Prongsai ships for round `yearBe` (one change, undoable). */
  itaAddRound: (yearBe: number) => call('ita_add_round', { yearBe }),
  /** A round with its tracker, findings and measures. */
  itaRound: (yearBe: number) => call('ita_round', { yearBe }),
  /** O25 of round `yearBe`; `null` while the result of round `yearBe − 1` is not imported. */
  itaAnalysis: (yearBe: number) => call('ita_analysis', { yearBe }),
  /** The ITAS answers, each URL checked (opened too when `online` and a network is there), and whether they were opened. */
  itaCheckLinks: (yearBe: number, online: boolean) => call('ita_check_links', { yearBe, online }),
  /** Pick a CSV/XLSX item list for round `yearBe`; imported only when every row is understood; `null` when cancelled. */
  itaImportCatalogue: (yearBe: number, replace: boolean) => call('ita_import_catalogue', { yearBe, replace }),
  /** Pick the result of round `yearBe` (the round scored); `null` when cancelled. */
  itaImportScores: (yearBe: number) => call('ita_import_scores', { yearBe }),
  exportItaAnalysisPdf: (yearBe: number) => call('export_ita_analysis_pdf', { yearBe }),
  /** The ITAS answer sheet, as XLSX (`xlsx`) or PDF. */
  exportItaAnswers: (yearBe: number, xlsx: boolean) => call('export_ita_answers', { yearBe, xlsx }),
  /** Asks where to save, then writes the report as a Word file; `null` when cancelled. */
  exportReportDocx: (yearBe: number) => call('export_report_docx', { yearBe }),
  exportMemoDocx: (id: number) => call('export_memo_docx', { id }),
  /** Asks for a folder, then writes the year's website into it (progress as `export-progress`). */
  publishSite: (yearBe: number) => call('publish_site', { yearBe }),
  /** Asks for a folder, then writes the year's open data into it. */
  exportOpenData: (yearBe: number) => call('export_open_data', { yearBe }),
  /** Asks where to save, then draws the infographic as PNG. */
  exportInfographic: (yearBe: number, kind: InfographicKind, size: InfographicSize, theme: InfographicTheme) =>
    call('export_infographic', { yearBe, kind, size, theme }),
};
export type { Member };
