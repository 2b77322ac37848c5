// UI words, Thai first. Components never hard-code text: they call t().
import type { AssetStatus, ChangeKind } from './bindings';
import { th, type Messages } from './messages/th';
import { en } from './messages/en';

export type Lang = 'th' | 'en';

export const catalogues: Record<Lang, Messages> = { th, en };
export type MessageKey = keyof typeof th;

// Every kind of change the core knows names its words: a new kind without
// them fails the type check.
const changeKeys: Record<ChangeKind, MessageKey> = {
  set_text: 'changeSetText',
  import_report: 'changeImportReport',
  set_emblem: 'changeSetEmblem',
  set_font: 'changeSetFont',
  import_budget: 'changeImportBudget',
  set_month_figure: 'changeSetMonthFigure',
  set_target: 'changeSetTarget',
  remember_mapping: 'changeRememberMapping',
  insert_measure: 'changeInsertMeasure',
  delete_measure: 'changeDeleteMeasure',
  move_measure: 'changeMoveMeasure',
  insert_item: 'changeInsertItem',
  delete_item: 'changeDeleteItem',
  move_item: 'changeMoveItem',
  set_level: 'changeSetLevel',
  split_item: 'changeSplitItem',
  merge_item: 'changeMergeItem',
  insert_evidence: 'changeInsertEvidence',
  delete_evidence: 'changeDeleteEvidence',
  set_organization: 'changeSetOrganization',
  set_channels: 'changeSetChannels',
  set_oit_items: 'changeSetOitItems',
  set_oit_tag: 'changeSetOitTag',
  set_signatures: 'changeSetSignatures',
  set_headings: 'changeSetHeadings',
  insert_memo: 'changeInsertMemo',
  set_memo: 'changeSetMemo',
  delete_memo: 'changeDeleteMemo',
  new_year: 'changeNewYear',
  insert_year: 'changeInsertYear',
  delete_year: 'changeDeleteYear',
  set_status: 'changeSetStatus',
  set_ita_catalogue: 'changeSetItaCatalogue',
  delete_ita_round: 'changeDeleteItaRound',
  set_ita_track: 'changeSetItaTrack',
  set_ita_scores: 'changeSetItaScores',
  set_ita_finding: 'changeSetItaFinding',
  set_ita_measures: 'changeSetItaMeasures',
  set_web_domains: 'changeSetWebDomains',
  batch: 'changeBatch',
  import_assets: 'changeImportAssets',
  set_asset_status: 'changeSetAssetStatus',
  set_asset_photo: 'changeSetAssetPhoto',
  request_loan: 'changeRequestLoan',
  decide_loan: 'changeDecideLoan',
  hand_over_loan: 'changeHandOverLoan',
  return_loan: 'changeReturnLoan',
  settle_loan: 'changeSettleLoan',
  correct_loan: 'changeCorrectLoan',
  start_inspection: 'changeStartInspection',
  record_finding: 'changeRecordFinding',
  confirm_inspection: 'changeConfirmInspection',
};

/** The message naming a kind of change (`Change['kind']`), for "Undo …". */
export function changeKey(kind: string): MessageKey {
  return changeKeys[kind as ChangeKind] ?? 'changeOther';
}

const statusKeys = {
  usable: 'stUsable', damaged: 'stDamaged', deteriorated: 'stDeteriorated', lost: 'stLost', disposed: 'stDisposed',
} as const satisfies Record<AssetStatus, MessageKey>;

/** The message naming an asset status. */
export function assetStatusKey(s: AssetStatus): MessageKey {
  return statusKeys[s];
}

export function translate(lang: Lang, key: MessageKey): string {
  return catalogues[lang][key];
}
