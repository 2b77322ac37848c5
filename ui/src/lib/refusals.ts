// The words for every refusal the core can make, in each language, with BE
// dates and the digits setting. The core sends a refusal as data (bindings:
// `Refusal`); the mapped type below makes the type check fail when the core
// adds a kind without words for it here.
import type { AmountProblem, AssetStatus, Digits, Duty, FontProblem, LoanState, LoanStep, Moment, Refusal, Thing, YearStatus } from './bindings';
import { BE_OFFSET } from './bindings';
import { num, thaiDate } from './format';
import type { Lang } from './i18n';

type Of<K extends Refusal['kind']> = Extract<Refusal, { kind: K }>;

/** What a sentence needs from the setting: numbers and dates as shown. */
export interface Fmt {
  n: (v: string | number) => string;
  date: (iso: string) => string;
}

type Sentences = { [K in Refusal['kind']]: (r: Of<K>, f: Fmt) => string };

interface Words {
  thing: Record<Thing, string>;
  moment: Record<Moment, string>;
  duty: Record<Duty, string>;
  amount: Record<AmountProblem, string>;
  font: Record<FontProblem, string>;
  year: Record<YearStatus, string>;
  asset: Record<AssetStatus, string>;
  state: Record<LoanState, string>;
  step: Record<LoanStep, string>;
  say: Sentences;
}

// Only what names a record for a person is shown: a year, an asset's
// number, a backup's name; never a database id.
const keyShown: Thing[] = ['fiscal_year', 'asset', 'backup', 'inspection', 'ita_item'];
const mb = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** The Thai names of the columns an ITA item list or result must have. */
const thaiColumn: Record<string, string> = {
  code: 'รหัส', title: 'หัวข้อ', period: 'ปีของข้อมูล', contents: 'ข้อมูลที่ต้องมี', was: 'ข้อเดิม', confirmed: 'ยืนยันแล้ว',
  instrument: 'เครื่องมือ', indicator: 'ตัวชี้วัด', name: 'ชื่อตัวชี้วัด', score: 'คะแนน', previous: 'คะแนนปีก่อน',
};
const alsoThai = (column: string) => (thaiColumn[column] ? ` (${thaiColumn[column]})` : '');

const th: Words = {
  thing: {
    organization: 'ข้อมูลหน่วยงาน', fiscal_year: 'ปีงบประมาณ', memo: 'บันทึกข้อความ', asset: 'ครุภัณฑ์',
    loan: 'รายการยืม', inspection: 'การตรวจสอบพัสดุประจำปี', backup: 'ไฟล์สำรอง', budget_line: 'รายการงบประมาณ',
    measure: 'มาตรการ', activity: 'กิจกรรม', result: 'ผลการดำเนินการ', outcome: 'ผลลัพธ์', evidence: 'หลักฐาน',
    ita_item: 'ข้อ',
  },
  moment: {
    acquisition: 'ได้มา', status_change: 'เปลี่ยนสถานะ', request: 'ยื่นคำขอยืม', decision: 'พิจารณาอนุมัติ',
    hand_over: 'ส่งมอบ', return: 'ส่งคืน', settlement: 'ชดใช้', correction: 'ที่แก้ไข', borrowing: 'เริ่มยืม',
    due: 'กำหนดส่งคืน',
  },
  duty: { decide: 'พิจารณาอนุมัติ', hand_over: 'ส่งมอบ', receive_back: 'รับคืน', correct: 'แก้ไขขั้นตอน' },
  amount: {
    empty: 'ไม่มีตัวเลข', two_minus_signs: 'มีเครื่องหมายลบสองตัว',
    characters: 'ใช้ได้เฉพาะตัวเลข จุดทศนิยมหนึ่งจุด และจุลภาคคั่นหลักพัน',
    grouping: 'จุลภาคต้องคั่นทุกสามหลัก', decimals: 'ทศนิยมต้องเป็นตัวเลข',
    too_many_decimals: 'ทศนิยมเกินสองตำแหน่ง (สตางค์)', too_large: 'จำนวนมากเกินไป',
  },
  font: {
    unreadable: 'เปิดไฟล์ไม่ได้', no_bold: 'ไม่พบไฟล์ตัวหนาอยู่ในโฟลเดอร์เดียวกัน',
    not_true_type: 'ไม่ใช่ไฟล์แบบอักษร TrueType', no_thai: 'แบบอักษรนี้ไม่มีตัวอักษรไทย',
  },
  year: { draft: 'เป็นฉบับร่าง', approved: 'อนุมัติ', published: 'เผยแพร่' },
  asset: { usable: 'ใช้งานได้', damaged: 'ชำรุด', deteriorated: 'เสื่อมสภาพ', lost: 'สูญหาย', disposed: 'จำหน่ายแล้ว' },
  state: { requested: 'รอพิจารณา', approved: 'อนุมัติแล้ว', refused: 'ไม่อนุมัติ', handed_over: 'ส่งมอบแล้ว', returned: 'ส่งคืนแล้ว' },
  step: { approve: 'อนุมัติ', refuse: 'ไม่อนุมัติ', hand_over: 'ส่งมอบ', return: 'รับคืน', settle: 'บันทึกการชดใช้' },
  say: {
    empty_text: () => 'ช่องนี้ต้องมีข้อความ จะเว้นว่างไม่ได้',
    text_too_long: (r, f) => `ข้อความยาว ${f.n(r.len.toLocaleString('en-US'))} ตัวอักษร เกินที่รับได้ ${f.n(r.max.toLocaleString('en-US'))} ตัวอักษร`,
    control_character: () => 'ข้อความมีอักขระควบคุมที่มองไม่เห็น กรุณาลบออกแล้วพิมพ์ใหม่',
    not_one_line: () => 'ช่องนี้ต้องเป็นข้อความบรรทัดเดียว',
    not_a_url: (r) => `"${r.text}" ไม่ใช่ที่อยู่เว็บ ต้องขึ้นต้นด้วย http:// หรือ https://`,
    not_an_email: (r) => `"${r.text}" ไม่ใช่ที่อยู่อีเมล`,
    search_too_long: (r, f) => `คำค้นยาวได้ไม่เกิน ${f.n(r.max)} ตัวอักษร`,
    not_found: (r, f) => `ไม่พบ${th.thing[r.thing]}${keyShown.includes(r.thing) && r.key ? ` ${f.n(r.key)}` : ''} อาจถูกลบหรือแก้ไขจากที่อื่นแล้ว`,
    nothing_to_undo: () => 'ไม่มีการแก้ไขให้เลิกทำ',
    nothing_to_redo: () => 'ไม่มีการแก้ไขให้ทำซ้ำ',
    empty_batch: () => 'ไม่มีรายการให้เปลี่ยน',
    not_a_date: (r, f) => `"${r.text}" ไม่ใช่วันที่ กรุณาพิมพ์วัน เดือน ปีพุทธศักราช เช่น ${f.n('5/4/2566')} หรือ ${f.n('5 เมษายน 2566')}`,
    not_a_calendar_day: (r, f) => `ไม่มีวันที่ ${f.n(`${r.day}/${r.month}/${r.year_be}`)} ในปฏิทิน`,
    christian_era_year: (r, f) => `${f.n(r.year)} เป็นปีคริสต์ศักราช ปีงบประมาณใช้ปีพุทธศักราช (หมายถึง ${f.n(r.meant)} หรือไม่)`,
    not_a_buddhist_era_year: (r, f) => `${f.n(r.year)} ไม่ใช่ปีพุทธศักราชที่ใช้ได้ (${f.n('2400–2800')})`,
    date_out_of_range: (r, f) => `วันที่ ${f.date(r.date)} อยู่นอกช่วงที่รับได้`,
    not_a_timestamp: (r) => `"${r.text}" ไม่ใช่วันและเวลา`,
    not_a_month: (r) => `"${r.text}" ไม่ใช่เดือน`,
    month_outside_year: (r, f) => `เดือน ${r.text} ไม่อยู่ในปีงบประมาณ ${f.n(r.year_be)}${r.be_year_typed ? ' (ให้พิมพ์ปีเป็นคริสต์ศักราช)' : ''}`,
    not_a_fiscal_month: (r, f) => `${f.n(r.month)} ไม่ใช่เดือนของปีงบประมาณ (${f.n('1–12')})`,
    not_a_quarter: (r, f) => `${f.n(r.quarter)} ไม่ใช่ไตรมาส (${f.n('1–4')})`,
    year_exists: (r, f) => `มีปีงบประมาณ ${f.n(r.year_be)} อยู่แล้ว`,
    year_locked: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} ${th.year[r.status]}แล้ว จึงแก้ไขไม่ได้ หากต้องแก้ ให้เปิดกลับเป็นฉบับร่างพร้อมเหตุผล`,
    year_already_status: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} ${th.year[r.status]}อยู่แล้ว`,
    publish_before_approval: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} ยังเป็นฉบับร่าง ต้องอนุมัติก่อนจึงเผยแพร่ได้`,
    publish_needs_url: (r) => `การเผยแพร่ต้องระบุที่อยู่เว็บที่เผยแพร่รายงาน ("${r.text}" ไม่ใช่ที่อยู่เว็บ)`,
    published_reopen_to_draft: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} เผยแพร่แล้ว หากต้องแก้ไข ให้เปิดกลับเป็นฉบับร่าง`,
    copy_onto_itself: (r, f) => `คัดลอกปีงบประมาณ ${f.n(r.year_be)} ทับปีเดียวกันไม่ได้`,
    year_has_budget: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} มีข้อมูลงบประมาณอยู่ จึงลบไม่ได้`,
    imported_year_not_draft: (r, f) => `ไฟล์ระบุว่าปีงบประมาณ ${f.n(r.year_be)} ${th.year[r.status]}แล้ว ปีที่นำเข้าต้องเป็นฉบับร่าง แล้วจึงอนุมัติหรือเผยแพร่ในโปรแกรม`,
    column_count: (r, f) => `ตารางมี ${f.n(r.columns)} คอลัมน์ ต้องระบุหัวคอลัมน์ให้ครบ ${f.n(r.columns)} ช่อง หรือเว้นว่างทั้งหมดเพื่อใช้หัวคอลัมน์มาตรฐาน`,
    oit_listed_twice: (r) => `รายการ OIT ${r.code} ซ้ำกัน`,
    oit_still_tagged: (r) => `รายการ OIT ${r.code} ยังถูกอ้างถึงในรายงานของปีนี้ ให้นำการอ้างถึงออกก่อน`,
    oit_not_listed: (r, f) => `${r.code} ไม่อยู่ในรายการ OIT ของปีงบประมาณ ${f.n(r.year_be)} ให้เพิ่มในรายการก่อน`,
    oit_code_too_long: (r) => `"${r.code}" ยาวเกินกว่าจะเป็นรหัส OIT`,
    no_open_data: (r, f) =>
      `ปีงบประมาณ ${f.n(r.year_be)} ยังไม่มีรายการงบประมาณ และยังไม่มีครุภัณฑ์หรือการยืม จึงยังไม่มีข้อมูลเปิดให้เผยแพร่`,
    no_budget_to_show: (r, f) =>
      `ปีงบประมาณ ${f.n(r.year_be)} ยังไม่มีรายการงบประมาณ จึงยังทำอินโฟกราฟิกการใช้จ่ายไม่ได้`,
    no_channels_to_show: () =>
      'ยังไม่ได้กำหนดช่องทางร้องเรียนของหน่วยงาน ให้เพิ่มในหน้าตั้งค่าก่อน',
    column_unknown: (r) => `ไฟล์มีคอลัมน์ "${r.header}" ที่โปรแกรมไม่รู้จัก ให้ลบคอลัมน์นี้หรือเปลี่ยนชื่อให้ตรงกับที่กำหนด`,
    column_twice: (r) => `คอลัมน์ "${r.header}" อยู่ในไฟล์สองครั้ง`,
    column_missing: (r) => `ไฟล์ไม่มีคอลัมน์ "${r.column}"${alsoThai(r.column)}`,
    not_an_oit_code: (r) => `"${r.text}" ไม่ใช่รหัสข้อ OIT`,
    not_a_period: (r) => `"${r.text}" ไม่ใช่ปีของข้อมูล ต้องเป็น "ปีปัจจุบัน" หรือ "ปีที่ผ่านมา"`,
    not_yes_no: (r) => `"${r.text}" อ่านไม่ได้ ช่องนี้ต้องเป็น "ใช่" หรือ "ไม่ใช่"`,
    not_a_score: (r, f) => `"${r.text}" ไม่ใช่คะแนน (${f.n('0–100')} ทศนิยมไม่เกินสองตำแหน่ง)`,
    not_an_instrument: (r) => `"${r.text}" ไม่ใช่เครื่องมือการประเมิน ITA (IIT, EIT หรือ OIT)`,
    no_items: () => 'ไม่มีรายการ: ไฟล์หรือรายการนี้ไม่มีแถวข้อมูล',
    rows_refused: (r, f) => `ไฟล์มี ${f.n(r.rows)} แถวที่ไม่ถูกต้อง จึงยังไม่ได้นำเข้าข้อมูลใด ๆ`,
    ita_round_exists: (r, f) => `ITA ${f.n(r.year_be)} มีรายการข้ออยู่แล้ว หากต้องการแทนที่ ให้เลือกแทนที่รายการข้อเดิม`,
    ita_round_missing: (r, f) => `ยังไม่มีรอบการประเมิน ITA ${f.n(r.year_be)} (ยังไม่มีรายการข้อ)`,
    ita_item_tracked: (r) => `ข้อ ${r.code} มีข้อมูลการติดตามอยู่ รายการข้อใหม่ต้องมีข้อนี้ด้วย`,
    ita_round_in_use: (r, f) => `ITA ${f.n(r.year_be)} มีข้อมูลการติดตาม ประเด็นที่พบ หรือมาตรการอยู่ จึงลบไม่ได้`,
    unknown_indicator: (r, f) => `ตัวชี้วัด ${f.n(r.indicator)} ไม่อยู่ในผลการประเมิน ITA ${f.n(r.year_be)}`,
    no_scores: (r, f) => `ยังไม่ได้นำเข้าผลการประเมิน ITA ${f.n(r.year_be)} ให้นำเข้าก่อน`,
    not_a_domain: (r) => `"${r.text}" ไม่ใช่ชื่อโดเมนของเว็บไซต์ ให้พิมพ์เฉพาะชื่อโดเมน ไม่ต้องมี https:// หรือส่วนที่ตามหลัง /`,
    scores_of_another_year: (r, f) => `ผลการประเมินนี้เป็นของ ITA ${f.n(r.scores_year)} ไม่ใช่ของ ITA ${f.n(r.year_be)}`,
    indicator_twice: (r, f) => `ตัวชี้วัด ${f.n(r.indicator)} อยู่ในผลการประเมินซ้ำกัน`,
    indicators_in_use: (r, f) =>
      `ผลการประเมิน ITA ${f.n(r.year_be)} ที่นำเข้าใหม่ไม่มีตัวชี้วัด ${r.indicators.map((i) => f.n(i)).join(', ')} ซึ่งประเด็นที่พบหรือมาตรการของ ITA ${f.n(r.year_be + 1)} อ้างถึงอยู่ ให้ลบประเด็นหรือมาตรการเหล่านั้นก่อน`,
    not_in_round: (r, f) => `ข้อเดิม ${r.code} ไม่มีในรายการข้อของ ITA ${f.n(r.year_be)} ซึ่งเป็นรอบที่รายการข้อนี้ต่อจาก`,
    outcome_has_no_sub_items: () => 'ผลลัพธ์ไม่มีรายการย่อย',
    first_item_not_sub: () => 'รายการแรกเป็นรายการย่อยไม่ได้ ต้องมีรายการหลักอยู่ก่อน',
    split_needs_text: () => 'วางเคอร์เซอร์ไว้กลางข้อความเพื่อแยก ทั้งสองส่วนต้องมีข้อความ',
    nothing_to_join: () => 'ไม่มีรายการถัดไปให้รวม',
    not_a_level: (r, f) => `ระดับ ${f.n(r.level)} ใช้ไม่ได้ (รายการหลักหรือรายการย่อยเท่านั้น)`,
    evidence_only_on_results: () => 'แนบหลักฐานได้เฉพาะที่ผลการดำเนินการ',
    already_there: (r, f) => `รายการนี้อยู่ลำดับที่ ${f.n(r.position)} อยู่แล้ว`,
    image_type: (r) => `รับเฉพาะภาพ PNG, JPEG หรือ SVG (ไฟล์นี้เป็น ${r.mime})`,
    image_too_large: (r, f) => `ภาพมีขนาด ${f.n(mb(r.bytes))} เมกะไบต์ เกินที่รับได้ ${f.n(mb(r.max))} เมกะไบต์`,
    image_unreadable: () => 'อ่านภาพนี้ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ภาพ',
    not_an_image_file: (r) => `${r.file} ไม่ใช่ภาพ PNG, JPEG หรือ SVG`,
    font_unusable: (r) => `ใช้ ${r.file} จัดเอกสารไม่ได้: ${th.font[r.problem]}`,
    not_a_table_file: (r) => `${r.file}: นำเข้าได้เฉพาะไฟล์ CSV หรือ XLSX`,
    no_file_chosen: () => 'ยังไม่ได้เลือกไฟล์',
    not_exported_here: () => 'เปิดได้เฉพาะไฟล์ที่ส่งออกในครั้งนี้',
    not_a_backup: (r) => `${r.name} ไม่ใช่ไฟล์สำรองของโปร่งใส`,
    empty_database: () => 'ไฟล์นี้เป็นฐานข้อมูลเปล่า ไม่ใช่ไฟล์สำรอง',
    no_history_stamp: (r) => `${r.file} ไม่ได้พิมพ์จากโปร่งใส จึงไม่มีรหัสประวัติให้ตรวจ`,
    no_history: (r) => `${r.file} ไม่มีประวัติการแก้ไข`,
    open_in_another_window: (r) => `ฐานข้อมูล ${r.file} เปิดอยู่ในหน้าต่างโปร่งใสอีกหน้าต่างหนึ่ง ให้ใช้หน้าต่างนั้น หรือปิดแล้วเปิดใหม่`,
    typesetting: () => 'จัดหน้าเอกสารไม่สำเร็จ',
    division_twice: (r) => `มีส่วนราชการ "${r.name}" ซ้ำกัน`,
    memo_exists: (r, f) => `มีบันทึกข้อความที่ ${f.n(r.number)} ลงวันที่ ${f.date(r.date)} อยู่แล้ว`,
    not_an_amount: (r) => `"${r.text}" ไม่ใช่จำนวนเงิน: ${th.amount[r.problem]}`,
    not_a_percentage: (r, f) => `${r.text} ไม่ใช่ร้อยละ (${f.n('0–100')})`,
    budget_exists: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} มีข้อมูลงบประมาณอยู่แล้ว หากต้องการแทนที่ ให้เลือกแทนที่`,
    unknown_division: (r) => `ไม่รู้จักส่วนราชการ "${r.name}" (ไม่อยู่ในรายชื่อส่วนราชการของหน่วยงาน)`,
    unknown_item: (r) => `ไม่รู้จักรายการ "${r.text}"`,
    month_needed: () => 'ตัวเลขรายเดือนต้องระบุเดือน',
    negative: (r) => `${r.text} ติดลบไม่ได้`,
    duplicate_line: (r, f) => `แถวซ้ำ: เงินที่ได้รับจัดสรรของรายการนี้อยู่ในแถวที่ ${f.n(r.first)} แล้ว`,
    duplicate_month: (r, f) => `แถวซ้ำ: เดือนนี้ของรายการนี้อยู่ในแถวที่ ${f.n(r.first)} แล้ว`,
    new_line_needs_allocation: () => 'รายการงบประมาณใหม่ต้องมีเงินที่ได้รับจัดสรร',
    also_on_row: (r, f) => `หมายเลข ${r.number} อยู่ในแถวที่ ${f.n(r.first)} ด้วย`,
    not_years: (r) => `"${r.text}" ไม่ใช่จำนวนปี`,
    not_a_fiscal_year: (r) => `"${r.text}" ไม่ใช่ปีงบประมาณ (พ.ศ.)`,
    text_field_not_one_line: () => 'ช่องข้อความมีการขึ้นบรรทัดใหม่หรืออักขระควบคุม',
    no_assets: () => 'ไม่มีครุภัณฑ์ให้เพิ่ม',
    asset_exists: (r) => `มีครุภัณฑ์หมายเลข ${r.number} ในทะเบียนแล้ว`,
    unknown_category: (r) => `ไม่รู้จักประเภท "${r.category}"`,
    unknown_status: (r) => `ไม่รู้จักสถานะ "${r.text}"`,
    not_a_price: (r) => `${r.text} ไม่ใช่ราคา`,
    not_a_useful_life: (r, f) => `${f.n(r.years)} ปี ไม่ใช่อายุการใช้งาน (${f.n('1–100')} ปี)`,
    implausible_date: (r, f) => `วันที่ ${f.date(r.date)} ไม่น่าจะถูกต้อง`,
    cannot_lend: (r) => `ครุภัณฑ์ ${r.number} อยู่ในสภาพ${th.asset[r.status]} จึงให้ยืมไม่ได้`,
    on_loan: (r) => `ครุภัณฑ์ ${r.number} ถูกยืมอยู่ ให้บันทึกการส่งคืนก่อน`,
    lent_twice: (r) => `ครุภัณฑ์ ${r.number} ถูกยืมอยู่แล้ว ครุภัณฑ์ชิ้นเดียวให้ยืมซ้อนกันไม่ได้`,
    disposed: (r) => `ครุภัณฑ์ ${r.number} จำหน่ายแล้ว การจำหน่ายเป็นที่สุด`,
    after_today: (r, f) => `วันที่${th.moment[r.moment]} (${f.date(r.on)}) อยู่หลังวันนี้ (${f.date(r.today)}) บันทึกได้เมื่อเกิดขึ้นแล้วเท่านั้น`,
    before_earlier: (r, f) => `วันที่${th.moment[r.moment]} (${f.date(r.on)}) อยู่ก่อนวันที่${th.moment[r.earlier]} (${f.date(r.earlier_on)})`,
    after_later: (r, f) => `วันที่${th.moment[r.moment]} (${f.date(r.on)}) อยู่หลังวันที่${th.moment[r.later]} (${f.date(r.later_on)})`,
    borrower_duty: (r) => `${r.who} เป็นผู้ยืม จึง${th.duty[r.duty]}การยืมของตนเองไม่ได้ (แบ่งแยกหน้าที่)`,
    loan_step_out_of_order: (r) => `การยืมนี้อยู่ในขั้น "${th.state[r.state]}" จึง${th.step[r.step]}ไม่ได้`,
    only_damaged_or_lost_settled: () => 'บันทึกการชดใช้ได้เฉพาะการยืมที่ส่งคืนในสภาพชำรุดหรือสูญหาย',
    loan_settled: () => 'การยืมนี้บันทึกการชดใช้แล้ว',
    no_step_to_correct: (r) => `การยืมนี้ยังไม่มีขั้น${th.moment[r.moment]}ให้แก้ไข`,
    supply_officer_on_committee: (r, f) => `${r.name} เป็นเจ้าหน้าที่พัสดุ จึงเป็นกรรมการตรวจสอบพัสดุประจำปีไม่ได้ (ข้อ ${f.n(213)})`,
    member_twice: (r) => `${r.name} อยู่ในคณะกรรมการซ้ำกัน`,
    committee_too_small: (r, f) => `คณะกรรมการตรวจสอบต้องมีอย่างน้อย ${f.n(3)} คน (ขณะนี้ ${f.n(r.members)} คน)`,
    inspection_exists: (r, f) => `ปีงบประมาณ ${f.n(r.year_be)} มีการตรวจสอบพัสดุประจำปีอยู่แล้ว`,
    inspection_confirmed: (r, f) => `การตรวจสอบพัสดุประจำปี ${f.n(r.year_be)} ยืนยันแล้ว ผลการตรวจเป็นที่สุด`,
  },
};

const en: Words = {
  thing: {
    organization: 'the organization', fiscal_year: 'fiscal year', memo: 'the memo', asset: 'asset', loan: 'the loan',
    inspection: 'the inspection of', backup: 'backup', budget_line: 'the budget line', measure: 'the measure',
    activity: 'the activity', result: 'the result', outcome: 'the outcome', evidence: 'the evidence',
    ita_item: 'the item',
  },
  moment: {
    acquisition: 'acquisition', status_change: 'status change', request: 'request', decision: 'decision',
    hand_over: 'hand-over', return: 'return', settlement: 'settlement', correction: 'corrected', borrowing: 'borrowing',
    due: 'due',
  },
  duty: { decide: 'decide', hand_over: 'hand over', receive_back: 'receive back', correct: 'correct a step of' },
  amount: {
    empty: 'it is empty', two_minus_signs: 'two minus signs',
    characters: 'only digits, one decimal point and thousands commas are allowed',
    grouping: 'thousands commas go between groups of three digits', decimals: 'the decimals are not digits',
    too_many_decimals: 'more than two decimal places (satang)', too_large: 'it is too large',
  },
  font: {
    unreadable: 'it cannot be opened', no_bold: 'there is no bold face in the same folder',
    not_true_type: 'it is not a TrueType font', no_thai: 'it has no Thai letters',
  },
  year: { draft: 'a draft', approved: 'approved', published: 'published' },
  asset: { usable: 'usable', damaged: 'damaged', deteriorated: 'deteriorated', lost: 'lost', disposed: 'disposed of' },
  state: { requested: 'requested', approved: 'approved', refused: 'refused', handed_over: 'handed over', returned: 'returned' },
  step: { approve: 'approved', refuse: 'refused', hand_over: 'handed over', return: 'returned', settle: 'settled' },
  say: {
    empty_text: () => 'This field needs some text; it cannot be left empty.',
    text_too_long: (r) => `The text is ${r.len.toLocaleString('en-US')} characters; at most ${r.max.toLocaleString('en-US')} fit.`,
    control_character: () => 'The text holds an invisible control character; remove it and type again.',
    not_one_line: () => 'This field takes a single line.',
    not_a_url: (r) => `"${r.text}" is not a web address (http:// or https://).`,
    not_an_email: (r) => `"${r.text}" is not an e-mail address.`,
    search_too_long: (r) => `A search is at most ${r.max} characters.`,
    not_found: (r) => `Not found: ${en.thing[r.thing]}${keyShown.includes(r.thing) && r.key ? ` ${r.key}` : ''}. It may have been deleted or changed elsewhere.`,
    nothing_to_undo: () => 'There is nothing to undo.',
    nothing_to_redo: () => 'There is nothing to redo.',
    empty_batch: () => 'There is nothing to change.',
    not_a_date: (r) => `"${r.text}" is not a date: type day, month and Buddhist Era year, e.g. 5/4/2566.`,
    not_a_calendar_day: (r) => `${r.day}/${r.month}/${r.year_be} is not a day of the calendar.`,
    christian_era_year: (r) => `${r.year} is a Christian-era year; fiscal years are named in the Buddhist Era (did you mean ${r.meant}?).`,
    not_a_buddhist_era_year: (r) => `${r.year} is not a Buddhist Era year (2400–2800).`,
    date_out_of_range: (r, f) => `The date ${f.date(r.date)} is out of range.`,
    not_a_timestamp: (r) => `"${r.text}" is not a date and time.`,
    not_a_month: (r) => `"${r.text}" is not a month.`,
    month_outside_year: (r) => `${r.text} is not in fiscal year ${r.year_be}${r.be_year_typed ? ' (write the year in the Christian era)' : ''}.`,
    not_a_fiscal_month: (r) => `${r.month} is not a month of the fiscal year (1–12).`,
    not_a_quarter: (r) => `${r.quarter} is not a quarter (1–4).`,
    year_exists: (r) => `Fiscal year ${r.year_be} already exists.`,
    year_locked: (r) => `Fiscal year ${r.year_be} is ${en.year[r.status]} and cannot be edited; reopen it as a draft, with a reason, to change it.`,
    year_already_status: (r) => `Fiscal year ${r.year_be} is already ${en.year[r.status]}.`,
    publish_before_approval: (r) => `Fiscal year ${r.year_be} is a draft: approve it before publishing.`,
    publish_needs_url: (r) => `Publishing needs the web address where the report is published ("${r.text}" is not one).`,
    published_reopen_to_draft: (r) => `Fiscal year ${r.year_be} is published; reopen it as a draft instead.`,
    copy_onto_itself: (r) => `Fiscal year ${r.year_be} cannot be copied onto itself.`,
    year_has_budget: (r) => `Fiscal year ${r.year_be} has a budget; it cannot be removed.`,
    imported_year_not_draft: (r) => `The file says fiscal year ${r.year_be} is ${en.year[r.status]}; an imported year comes in as a draft, then is approved or published in the app.`,
    column_count: (r) => `The table has ${r.columns} columns: give ${r.columns} headings, or none for the standard ones.`,
    oit_listed_twice: (r) => `OIT item ${r.code} is listed twice.`,
    oit_still_tagged: (r) => `OIT item ${r.code} is still tagged in this year's report; remove the tag first.`,
    oit_not_listed: (r) => `${r.code} is not in fiscal year ${r.year_be}'s OIT list; add it there first.`,
    oit_code_too_long: (r) => `"${r.code}" is too long for an OIT code.`,
    no_open_data: (r) =>
      `Fiscal year ${r.year_be} has no budget lines, and there are no assets or loans: there is no open data to publish.`,
    no_budget_to_show: (r) => `Fiscal year ${r.year_be} has no budget lines: there is no spending to draw.`,
    no_channels_to_show: () => 'No complaint channels are set for the organization: add them in Settings first.',
    column_unknown: (r) => `The file has a column "${r.header}" Prongsai does not know; remove or rename it.`,
    column_twice: (r) => `The column "${r.header}" is in the file twice.`,
    column_missing: (r) => `The file has no "${r.column}" column.`,
    not_an_oit_code: (r) => `"${r.text}" is not an OIT code (O1, O2, …).`,
    not_a_period: (r) => `"${r.text}" is not a period: current (ปีปัจจุบัน) or previous (ปีที่ผ่านมา).`,
    not_yes_no: (r) => `"${r.text}" is neither yes nor no.`,
    not_a_score: (r) => `"${r.text}" is not a score (0–100, at most two decimals).`,
    not_an_instrument: (r) => `"${r.text}" is not an ITA instrument (IIT, EIT or OIT).`,
    no_items: () => 'There is nothing to import: the file or list has no rows.',
    rows_refused: (r) => `${r.rows} rows of the file have problems; nothing was imported.`,
    ita_round_exists: (r) => `ITA ${r.year_be} already has an item list; choose to replace it.`,
    ita_round_missing: (r) => `There is no ITA ${r.year_be} round (no item list).`,
    ita_item_tracked: (r) => `Item ${r.code} is being tracked; the new item list must keep it.`,
    ita_round_in_use: (r) => `ITA ${r.year_be} has tracking, issues found or measures; it cannot be removed.`,
    unknown_indicator: (r) => `Indicator ${r.indicator} is not in the result of ITA ${r.year_be}.`,
    no_scores: (r) => `No result of ITA ${r.year_be} is imported yet; import it first.`,
    not_a_domain: (r) => `"${r.text}" is not a web domain (e.g. ipthailand.go.th).`,
    scores_of_another_year: (r) => `The result given is of ITA ${r.scores_year}, not of ITA ${r.year_be}.`,
    indicator_twice: (r) => `Indicator ${r.indicator} is listed twice.`,
    indicators_in_use: (r) =>
      `The new result of ITA ${r.year_be} lacks indicators ${r.indicators.join(', ')}, which issues found or measures of ITA ${r.year_be + 1} name; remove those first.`,
    not_in_round: (r) => `${r.code} is not an item of ITA ${r.year_be}, the round this item list continues.`,
    outcome_has_no_sub_items: () => 'An outcome has no sub-items.',
    first_item_not_sub: () => 'The first item cannot be a sub-item: it needs an item before it.',
    split_needs_text: () => 'Put the cursor inside the text to split it: both parts need some text.',
    nothing_to_join: () => 'There is no item after this one to join with.',
    not_a_level: (r) => `Level ${r.level} does not exist (an item or a sub-item).`,
    evidence_only_on_results: () => 'Only a result has evidence.',
    already_there: (r) => `The item is already at position ${r.position}.`,
    image_type: (r) => `Only PNG, JPEG or SVG images are taken (this is ${r.mime}).`,
    image_too_large: (r) => `The image is ${mb(r.bytes)} MB; at most ${mb(r.max)} MB fit.`,
    image_unreadable: () => 'The image cannot be read; the file may be damaged or not an image.',
    not_an_image_file: (r) => `${r.file} is not a PNG, JPEG or SVG image.`,
    font_unusable: (r) => `${r.file} cannot set documents: ${en.font[r.problem]}.`,
    not_a_table_file: (r) => `${r.file}: import reads CSV or XLSX files.`,
    no_file_chosen: () => 'No file was chosen.',
    not_exported_here: () => 'Only files exported in this session can be opened.',
    not_a_backup: (r) => `${r.name} is not a Prongsai backup.`,
    empty_database: () => 'The file is an empty database, not a backup.',
    no_history_stamp: (r) => `${r.file} was not printed by Prongsai: it names no history entry.`,
    no_history: (r) => `${r.file} has no history.`,
    open_in_another_window: (r) => `The database ${r.file} is already open in another Prongsai window: use that one, or close it and open again.`,
    typesetting: () => 'The document could not be laid out.',
    division_twice: (r) => `The division "${r.name}" is listed twice.`,
    memo_exists: (r, f) => `There is already a memo ${r.number} of ${f.date(r.date)}.`,
    not_an_amount: (r) => `"${r.text}" is not an amount: ${en.amount[r.problem]}.`,
    not_a_percentage: (r) => `${r.text} is not a percentage (0–100).`,
    budget_exists: (r) => `Fiscal year ${r.year_be} already has a budget; choose to replace it.`,
    unknown_division: (r) => `Unknown division "${r.name}" (not among the organization's divisions).`,
    unknown_item: (r) => `Unknown item "${r.text}".`,
    month_needed: () => 'Monthly figures need a month.',
    negative: (r) => `${r.text} cannot be negative.`,
    duplicate_line: (r) => `Duplicate row: the line's allocation is already on row ${r.first}.`,
    duplicate_month: (r) => `Duplicate row: this line's month is already on row ${r.first}.`,
    new_line_needs_allocation: () => 'A new budget line needs its allocation.',
    also_on_row: (r) => `${r.number} is also on row ${r.first}.`,
    not_years: (r) => `"${r.text}" is not a number of years.`,
    not_a_fiscal_year: (r) => `"${r.text}" is not a fiscal year (BE).`,
    text_field_not_one_line: () => 'A text field has a line break or a control character.',
    no_assets: () => 'There is no asset to add.',
    asset_exists: (r) => `${r.number} is already in the register.`,
    unknown_category: (r) => `Unknown category "${r.category}".`,
    unknown_status: (r) => `Unknown status "${r.text}".`,
    not_a_price: (r) => `${r.text} is not a price.`,
    not_a_useful_life: (r) => `${r.years} is not a useful life in years (1–100).`,
    implausible_date: (r, f) => `${f.date(r.date)} is not a plausible date.`,
    cannot_lend: (r) => `${r.number} is ${en.asset[r.status]} and cannot be lent.`,
    on_loan: (r) => `${r.number} is on loan: record its return first.`,
    lent_twice: (r) => `${r.number} is already lent; one asset cannot be lent twice at once.`,
    disposed: (r) => `${r.number} is disposed of: disposal is final.`,
    after_today: (r, f) => `The ${en.moment[r.moment]} date (${f.date(r.on)}) is after today (${f.date(r.today)}): a step is recorded once it happened.`,
    before_earlier: (r, f) => `The ${en.moment[r.moment]} date (${f.date(r.on)}) is before the ${en.moment[r.earlier]} (${f.date(r.earlier_on)}).`,
    after_later: (r, f) => `The ${en.moment[r.moment]} date (${f.date(r.on)}) is after the ${en.moment[r.later]} (${f.date(r.later_on)}).`,
    borrower_duty: (r) => `${r.who} is the borrower and cannot also ${en.duty[r.duty]} the loan (separation of duties).`,
    loan_step_out_of_order: (r) => `A loan that is ${en.state[r.state]} cannot be ${en.step[r.step]}.`,
    only_damaged_or_lost_settled: () => 'Only a loan returned damaged or lost is settled.',
    loan_settled: () => 'This loan is already settled.',
    no_step_to_correct: (r) => `This loan has no ${en.moment[r.moment]} to correct yet.`,
    supply_officer_on_committee: (r) => `${r.name} is the supply officer and may not sit on the inspection committee (ข้อ 213).`,
    member_twice: (r) => `${r.name} is on the committee twice.`,
    committee_too_small: (r) => `An inspection committee has at least 3 members (now ${r.members}).`,
    inspection_exists: (r) => `Fiscal year ${r.year_be} already has an inspection.`,
    inspection_confirmed: (r) => `The inspection of ${r.year_be} is confirmed; its findings are final.`,
  },
};

const words: Record<Lang, Words> = { th, en };

/** A date in English with its Buddhist Era year: 5 April 2566 BE. */
function englishDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long' })} ${Number(m[1]) + BE_OFFSET} BE`;
}

export function formatter(lang: Lang, digits: Digits): Fmt {
  return lang === 'th'
    ? { n: (v) => num(v, digits), date: (iso) => thaiDate(iso, digits) }
    : { n: (v) => String(v), date: englishDate };
}

/** The sentence for a refusal, in the UI language, with BE dates and the digits setting. */
export function refusalText(r: Refusal, lang: Lang, digits: Digits): string {
  const say = words[lang].say[r.kind] as (r: Refusal, f: Fmt) => string;
  return say(r, formatter(lang, digits));
}
