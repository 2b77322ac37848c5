import { describe, expect, it } from 'vitest';
import { BE_OFFSET, THAI_MONTHS } from './bindings';
import { formatAmount, isoDate, num, shortBeDate, thaiDate, thaiDateShort, thaiDateTime, thaiDigits } from './format';

describe('format', () => {
  it('shows dates in the Buddhist Era with Thai months', () => {
    expect(thaiDate('2023-04-05', 'thai')).toBe('๕ เมษายน ๒๕๖๖');
    expect(thaiDate('2023-04-05', 'arabic')).toBe('5 เมษายน 2566');
    expect(thaiDateShort('2023-01-10', 'thai')).toBe('๑๐ ม.ค. ๒๕๖๖');
    expect(thaiDate('2022-10-01', 'arabic')).toBe(`1 ${THAI_MONTHS[9]} ${2022 + BE_OFFSET}`);
    expect(thaiDate('2023-13-01', 'arabic')).toBe('2023-13-01');
    expect(thaiDate('not a date', 'thai')).toBe('not a date');
    const local = new Date(2026, 10, 27, 14, 5).toISOString();
    expect(thaiDateTime(local, 'arabic')).toBe('27 พฤศจิกายน 2569 14:05 น.');
    expect(thaiDateTime(local, 'arabic')).toContain(String(2026 + BE_OFFSET));
    expect(thaiDateTime(local, 'thai')).toBe('๒๗ พฤศจิกายน ๒๕๖๙ ๑๔:๐๕ น.');
    expect(thaiDateTime('not a date', 'thai')).toBe('not a date');
    expect(isoDate(new Date(2023, 3, 5, 23, 59))).toBe('2023-04-05');
  });

  it('shows a short numeric BE date, as typed in a form', () => {
    expect(shortBeDate('2023-04-05')).toBe('5/4/2566');
    expect(shortBeDate('2023-12-31')).toBe(`31/12/${2023 + BE_OFFSET}`);
    expect(shortBeDate('2023-04-05', 'thai')).toBe('๕/๔/๒๕๖๖');
    expect(shortBeDate('not a date')).toBe('not a date');
  });

  it('shows numbers and text in the chosen digits', () => {
    expect(num(2566, 'thai')).toBe('๒๕๖๖');
    expect(num(2566, 'arabic')).toBe('2566');
    expect(num('ข้อ 12 ปี 2566', 'thai')).toBe('ข้อ ๑๒ ปี ๒๕๖๖');
    expect(num('ข้อ 12 ปี 2566', 'arabic')).toBe('ข้อ 12 ปี 2566');
    expect(num(0, 'thai')).toBe('๐');
    expect(thaiDigits('0123456789')).toBe('๐๑๒๓๔๕๖๗๘๙');
  });

  it('prints amounts with separators and two decimals', () => {
    expect(formatAmount('1234567.5', 'arabic')).toBe('1,234,567.50');
    expect(formatAmount('1234567.5', 'thai')).toBe('๑,๒๓๔,๕๖๗.๕๐');
  });
});
