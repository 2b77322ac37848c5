// UI words, Thai first. Components never hard-code text: they call t().
export type Lang = 'th' | 'en';

const th = {
  appName: 'โปร่งใส',
  fiscalYear: 'ปีงบประมาณ',
  loading: 'กำลังเปิดรายงาน…',
  noYears: 'ยังไม่มีปีงบประมาณในฐานข้อมูล',
  colMeasure: 'มาตรการ',
  colActivities: 'กิจกรรม/แนวทาง',
  colResults: 'ผลการดำเนินการ',
  colRemarks: 'หมายเหตุ',
  saved: 'บันทึกแล้ว',
  saving: 'กำลังบันทึก…',
  unsaved: 'ยังไม่ได้บันทึก',
  saveFailed: 'บันทึกไม่สำเร็จ',
  evidenceMemo: 'บันทึก',
  memoNo: 'ที่',
  memoDated: 'ลงวันที่',
  evidenceLink: 'ลิงก์',
  evidenceImage: 'รูปภาพ',
  language: 'ภาษา',
  statusDraft: 'ฉบับร่าง',
  statusApproved: 'อนุมัติแล้ว',
  statusPublished: 'เผยแพร่แล้ว',
  cannotOpen: 'เปิดฐานข้อมูลไม่ได้',
  urgencyUrgent: 'ด่วน',
  urgencyVeryUrgent: 'ด่วนมาก',
  urgencyMostUrgent: 'ด่วนที่สุด',
  part1Table: 'ตารางมาตรการและผลการดำเนินการ',
  editHint: 'แก้ไขข้อความได้ทันที ระบบบันทึกให้เอง',
  exportPdf: 'ส่งออก PDF',
  exporting: 'กำลังจัดหน้าและสร้าง PDF…',
  exported: 'บันทึก PDF แล้ว',
  openFile: 'เปิดไฟล์',
  dismiss: 'ปิด',
  memos: 'หนังสือเวียน / บันทึกข้อความ',
  noMemos: 'ยังไม่มีบันทึกข้อความในปีงบประมาณนี้',
  noEmblem: 'ยังไม่ได้ตั้งตราครุฑของหน่วยงาน: บันทึกข้อความที่ส่งออกจะเว้นที่ของตราไว้ว่าง',
  emblemSet: 'ตราครุฑของหน่วยงาน',
  setEmblem: 'เลือกตราครุฑ…',
  clearEmblem: 'นำตราออก',
  tabReport: 'รายงาน',
  tabBudget: 'งบประมาณ',
  budgetEmpty: 'ยังไม่มีข้อมูลงบประมาณของปีนี้ นำเข้าจากไฟล์ CSV หรือ XLSX ด้วย prongsai-cli budget import',
  sixMonths: 'รอบ 6 เดือน',
  twelveMonths: 'รอบ 12 เดือน',
  throughMonth: 'ถึงสิ้นเดือน',
  allocatedAfterTransfers: 'งบหลังโอน',
  disbursedToDate: 'เบิกจ่ายสะสม',
  percentDisbursed: 'ร้อยละเบิกจ่าย',
  target: 'เป้าหมาย',
  byCategory: 'จำแนกตามงบรายจ่าย',
  budgetLines: 'รายการงบประมาณ',
  disbursedInMonth: 'เบิกจ่ายเดือนนี้',
  planVsActual: 'แผนสะสมเทียบเบิกจ่ายสะสม',
  plan: 'แผน',
  actual: 'เบิกจ่าย',
  division: 'หน่วยงาน',
  category: 'งบรายจ่าย',
  catPersonnel: 'งบบุคลากร',
  catOperating: 'งบดำเนินงาน',
  catInvestment: 'งบลงทุน',
  catSubsidy: 'งบเงินอุดหนุน',
  catOther: 'งบรายจ่ายอื่น',
  importFile: 'นำเข้า CSV / XLSX…',
  exportBudgetPdf: 'รายงานติดตาม PDF',
  exportBudgetXlsx: 'ส่งออก XLSX',
  exportPlanPdf: 'แผนการใช้จ่าย PDF',
  mapColumns: 'จับคู่คอลัมน์ของไฟล์กับข้อมูล (จำไว้ใช้กับไฟล์รูปแบบเดียวกันครั้งต่อไป)',
  notUsed: '— ไม่ใช้ —',
  checkAgain: 'ตรวจอีกครั้ง',
  applyImport: 'นำเข้าทุกแถว',
  cancel: 'ยกเลิก',
  importSummary: 'แถว: {rows} · เพิ่มรายการ {added} · ปรับปรุง {updated} · ตัวเลขรายเดือน {months}',
  importErrors: 'แถวที่มีข้อผิดพลาด (ยังไม่นำเข้าข้อมูลใด ๆ)',
  imported: 'นำเข้าเรียบร้อยแล้ว',
  total: 'ภาพรวม',
} as const;

type Messages = Record<keyof typeof th, string>;

const en: Messages = {
  appName: 'Prongsai',
  fiscalYear: 'Fiscal year',
  loading: 'Opening the report…',
  noYears: 'There is no fiscal year in the database yet.',
  colMeasure: 'Measure',
  colActivities: 'Activities / approach',
  colResults: 'Results',
  colRemarks: 'Remarks',
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved yet',
  saveFailed: 'Not saved',
  evidenceMemo: 'Memo',
  memoNo: 'No.',
  memoDated: 'dated',
  evidenceLink: 'Link',
  evidenceImage: 'Image',
  language: 'Language',
  statusDraft: 'Draft',
  statusApproved: 'Approved',
  statusPublished: 'Published',
  cannotOpen: 'The database could not be opened',
  urgencyUrgent: 'Urgent',
  urgencyVeryUrgent: 'Very urgent',
  urgencyMostUrgent: 'Most urgent',
  part1Table: 'Measures and results',
  editHint: 'Edit any text in place; it is saved as you type.',
  exportPdf: 'Export PDF',
  exporting: 'Typesetting the PDF…',
  exported: 'PDF saved',
  openFile: 'Open file',
  dismiss: 'Close',
  memos: 'Circulars / memos',
  noMemos: 'There is no memo in this fiscal year yet.',
  noEmblem: "The organization's emblem is not set: exported memos will leave its place empty.",
  emblemSet: "The organization's emblem",
  setEmblem: 'Choose emblem…',
  clearEmblem: 'Remove emblem',
  tabReport: 'Report',
  tabBudget: 'Budget',
  budgetEmpty: 'No budget for this year yet. Import a CSV or XLSX file with prongsai-cli budget import.',
  sixMonths: '6 months',
  twelveMonths: '12 months',
  throughMonth: 'Through the end of',
  allocatedAfterTransfers: 'Allocated after transfers',
  disbursedToDate: 'Disbursed to date',
  percentDisbursed: '% disbursed',
  target: 'Target',
  byCategory: 'By expense category',
  budgetLines: 'Budget lines',
  disbursedInMonth: 'Disbursed this month',
  planVsActual: 'Cumulative plan against disbursement',
  plan: 'Plan',
  actual: 'Disbursed',
  division: 'Division',
  category: 'Category',
  catPersonnel: 'Personnel',
  catOperating: 'Operating',
  catInvestment: 'Investment',
  catSubsidy: 'Subsidies',
  catOther: 'Other expenditure',
  importFile: 'Import CSV / XLSX…',
  exportBudgetPdf: 'Monitoring report PDF',
  exportBudgetXlsx: 'Export XLSX',
  exportPlanPdf: 'Spending plan PDF',
  mapColumns: "Match the file's columns to fields (remembered for files of the same layout)",
  notUsed: '— not used —',
  checkAgain: 'Check again',
  applyImport: 'Import all rows',
  cancel: 'Cancel',
  importSummary: 'Rows: {rows} · lines added {added} · updated {updated} · monthly figures {months}',
  importErrors: 'Rows with errors (nothing has been imported)',
  imported: 'Imported',
  total: 'Overall',
};

export const catalogues: Record<Lang, Messages> = { th, en };
export type MessageKey = keyof typeof th;

export function translate(lang: Lang, key: MessageKey): string {
  return catalogues[lang][key];
}

const thaiMonths = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
];

/** A decimal amount ("1234.5") as shown: 1,234.50 in the chosen digits. */
export function formatAmount(amount: string, digits: 'thai' | 'arabic'): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return amount;
  const text = n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return digits === 'thai' ? thaiDigits(text) : text;
}

/** Western digits to Thai digits (numbers only; prose arrives converted from Rust). */
export function thaiDigits(s: string | number): string {
  return String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x0e50 + Number(d)));
}

/** An ISO date (YYYY-MM-DD) as a Thai date with the BE year: ๕ เมษายน ๒๕๖๖. */
export function thaiDate(iso: string, digits: 'thai' | 'arabic'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = thaiMonths[Number(mo) - 1];
  if (month === undefined) return iso;
  const text = `${Number(d)} ${month} ${Number(y) + 543}`;
  return digits === 'thai' ? thaiDigits(text) : text;
}
