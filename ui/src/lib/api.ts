// Typed calls to the Rust commands (src-tauri/commands.rs). Every type here
// comes from bindings.ts, generated from the Rust types.
import { invoke } from '@tauri-apps/api/core';
import type {
  AssetImportCheck, AssetPage, AssetQuery, Inspection, Member, AssetRows, AssetSummary, Loan, LoanFilter, LoanReminders,
  Applied, BackupInfo, BudgetView, Change, Channel, ErrorPayload, Exported, HistoryEntry, ImportCheck, Report, SearchHit,
  TextTarget, UndoState, YearSummary,
} from './bindings';
import { isErrorPayload } from './errors';

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (isErrorPayload(e)) throw e;
    // Not one of ours (IPC failure, a panic): still a payload, never a raw string.
    const internal: ErrorPayload = { code: 'internal', message: String(e) };
    throw internal;
  }
}

export const api = {
  years: () => call<YearSummary[]>('years'),
  report: (yearBe?: number) => call<Report | null>('report', { yearBe }),
  applyChange: (change: Change) => call<Applied>('apply_change', { change }),
  /** Saves a field's typing; refused with `conflict` unless the field still holds `base`. */
  saveText: (target: TextTarget, text: string, base: string) => call<Applied>('save_text', { target, text, base }),
  /** A text field's stored value. */
  textOf: (target: TextTarget) => call<string>('text_of', { target }),
  /** Asks where to save, then writes the PDF; `null` when the user cancels. */
  exportReportPdf: (yearBe: number) => call<Exported | null>('export_report_pdf', { yearBe }),
  exportMemoPdf: (id: number) => call<Exported | null>('export_memo_pdf', { id }),
  openExported: (path: string) => call<null>('open_exported', { path }),
  /** Asks for a PNG/JPEG file and sets it as the emblem; `false` when cancelled. */
  chooseEmblem: () => call<boolean>('choose_emblem'),
  /** The year's budget, monitored through fiscal month `through` (1 = October). */
  budgetView: (yearBe: number, through: number) => call<BudgetView>('budget_view', { yearBe, through }),
  /** Pick a CSV/XLSX file and check it (no write); `null` when cancelled. */
  budgetImportChoose: (yearBe: number) => call<ImportCheck | null>('budget_import_choose', { yearBe }),
  budgetImportCheck: (yearBe: number, mapping: Record<string, string> | null, sheet: string | null = null) =>
    call<ImportCheck>('budget_import_check', { yearBe, mapping, sheet }),
  budgetImportApply: (yearBe: number, mapping: Record<string, string> | null, sheet: string | null = null) =>
    call<ImportCheck>('budget_import_apply', { yearBe, mapping, sheet }),
  exportBudgetPdf: (yearBe: number, through: number) => call<Exported | null>('export_budget_pdf', { yearBe, through }),
  exportBudgetXlsx: (yearBe: number, through: number) => call<Exported | null>('export_budget_xlsx', { yearBe, through }),
  exportSpendingPlanPdf: (yearBe: number) => call<Exported | null>('export_spending_plan_pdf', { yearBe }),
  undoState: () => call<UndoState>('undo_state'),
  undo: () => call<Applied>('undo'),
  redo: () => call<Applied>('redo'),
  search: (query: string) => call<SearchHit[]>('search', { query }),
  /** A date typed with a BE year, as ISO; refuses a CE year with a hint. */
  parseBeDate: (text: string) => call<string>('parse_be_date', { text }),
  channelPhrase: (channel: Channel) => call<string>('channel_phrase', { channel }),
  /** Opens an http(s) address in the system browser. */
  openUrl: (url: string) => call<null>('open_url', { url }),
  setUser: (name: string) => call<null>('set_user', { name }),
  /** Every version of a text field, newest first. */
  historyOf: (target: TextTarget) => call<HistoryEntry[]>('history_of', { target }),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  /** Asks where, writes a copy; the path, or `null` when cancelled. */
  backupNow: () => call<string | null>('backup_now'),
  /** Asks for a backup file and restores it; where the previous state went, or `null`. */
  restoreChoose: () => call<string | null>('restore_choose'),
  restoreBackup: (name: string) => call<string>('restore_backup', { name }),
  assetRows: (query: AssetQuery) => call<AssetRows>('asset_rows', { query }),
  assetPage: (number: string) => call<AssetPage>('asset_page', { number }),
  loans: (filter: LoanFilter) => call<Loan[]>('loans', { filter }),
  loanReminders: () => call<LoanReminders>('loan_reminders'),
  assetSummary: (yearBe: number) => call<AssetSummary>('asset_summary', { yearBe }),
  assetSummaryPhrase: (yearBe: number) => call<string>('asset_summary_phrase', { yearBe }),
  exportAssetsXlsx: () => call<Exported | null>('export_assets_xlsx'),
  exportLoanSlip: (id: number) => call<Exported | null>('export_loan_slip', { id }),
  exportInspectionPdf: (yearBe: number) => call<Exported | null>('export_inspection_pdf', { yearBe }),
  /** Pick a register file and check it (no write); `null` when cancelled. */
  assetsImportChoose: () => call<AssetImportCheck | null>('assets_import_choose'),
  assetsImportCheck: (mapping: Record<string, string> | null, sheet: string | null = null) =>
    call<AssetImportCheck>('assets_import_check', { mapping, sheet }),
  assetsImportApply: (mapping: Record<string, string> | null, sheet: string | null = null) =>
    call<AssetImportCheck>('assets_import_apply', { mapping, sheet }),
  /** The year's inspection, or `null` when none has started. */
  inspection: (yearBe: number) => call<Inspection | null>('inspection', { yearBe }),
};
export type { Member };
