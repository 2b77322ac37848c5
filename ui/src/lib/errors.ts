import type { Digits, ErrorCode, ErrorPayload, RowError } from './bindings';
import type { Lang } from './i18n';
import { refusalText } from './refusals';

export function isErrorPayload(e: unknown): e is ErrorPayload {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ErrorPayload).code === 'string' &&
    typeof (e as ErrorPayload).message === 'string'
  );
}

// One sentence per error kind, in each language. `Record<ErrorCode, …>`
// makes the type check fail when Rust adds a code without words for it.
const words: Record<Lang, Record<ErrorCode, string>> = {
  th: {
    not_found: 'ไม่พบรายการนี้แล้ว อาจถูกลบหรือแก้ไขจากที่อื่น',
    empty_text: 'ช่องนี้ต้องมีข้อความ จะเว้นว่างไม่ได้',
    text_too_long: 'ข้อความยาวเกินกำหนด',
    invalid_input: 'ข้อมูลไม่ถูกต้อง',
    year_exists: 'มีปีงบประมาณนี้อยู่แล้ว',
    year_locked: 'ปีงบประมาณนี้อนุมัติหรือเผยแพร่แล้ว จึงแก้ไขไม่ได้',
    malformed_import: 'ไฟล์ที่นำเข้าไม่ถูกต้อง ไม่มีข้อมูลใดถูกเปลี่ยน',
    database_too_new: 'ฐานข้อมูลนี้สร้างโดยโปร่งใสรุ่นที่ใหม่กว่า กรุณาปรับรุ่นโปรแกรมก่อนเปิด (ฐานข้อมูลไม่ถูกแก้ไข)',
    database_locked: 'ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมหรือหน้าต่างอื่น',
    database: 'เกิดปัญหากับฐานข้อมูล',
    conflict: 'ข้อความนี้ถูกเปลี่ยนหลังจากคุณเริ่มพิมพ์ จึงยังไม่ได้บันทึกทับ',
    database_replaced: 'ไฟล์ฐานข้อมูลถูกแทนที่หรือถูกลบบันทึกโดยโปรแกรมอื่นหลังจากเปิดโปร่งใส การแก้ไขนี้จึงไม่ได้บันทึก กรุณาปิดโปรแกรมแล้วเปิดใหม่',
    restore_refused: 'ไม่ได้กู้คืน: ไฟล์นี้ไม่ใช่ฐานข้อมูลโปร่งใสที่สมบูรณ์ ฐานข้อมูลเดิมยังอยู่ครบ ไม่มีสิ่งใดถูกแทนที่',
    migration: 'ปรับรุ่นฐานข้อมูลไม่สำเร็จ ข้อมูลเดิมยังอยู่ในไฟล์สำรอง',
    io: 'อ่านหรือเขียนไฟล์ไม่สำเร็จ',
    internal: 'เกิดข้อผิดพลาดภายในโปรแกรม',
  },
  en: {
    not_found: 'This item no longer exists; it may have been deleted or changed elsewhere.',
    empty_text: 'This field needs some text; it cannot be left empty.',
    text_too_long: 'The text is too long.',
    invalid_input: 'The input is not valid.',
    year_exists: 'This fiscal year already exists.',
    year_locked: 'This fiscal year is approved or published and cannot be edited.',
    malformed_import: 'The imported file is not valid; nothing was changed.',
    database_too_new: 'This database was written by a newer Prongsai. Update the app to open it (the database was not changed).',
    database_locked: 'The database is in use by another program or window.',
    database: 'A database problem occurred.',
    conflict: 'This text was changed after you began typing, so it was not saved over.',
    database_replaced: 'The database file was replaced, or its log removed, by another program after Prongsai opened it; this change was not saved. Close Prongsai and open it again.',
    restore_refused: 'Not restored: the file is not a complete Prongsai database. Your database is as it was; nothing was replaced.',
    migration: 'The database upgrade failed; the previous data is kept in a backup file.',
    io: 'A file could not be read or written.',
    internal: 'An internal error occurred.',
  },
};

/** Every error kind, for the test that words them all. */
export const ERROR_CODES = Object.keys(words.th) as ErrorCode[];

/**
 * The sentence to show for an error, in the UI language: a rule's refusal
 * in its own words (with BE dates and the digits setting), else the words
 * for its kind. Never the core's English detail.
 */
export function errorText(e: unknown, lang: Lang, digits: Digits = 'arabic'): string {
  if (!isErrorPayload(e)) return words[lang].internal;
  if (e.refusal) return refusalText(e.refusal, lang, digits);
  return words[lang][e.code];
}

/** A refused row of an imported file, in the UI language. */
export function rowErrorText(e: RowError, lang: Lang, digits: Digits): string {
  return e.refusal ? refusalText(e.refusal, lang, digits) : words[lang].malformed_import;
}
