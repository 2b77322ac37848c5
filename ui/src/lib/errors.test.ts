import { describe, expect, it } from 'vitest';
import { errorDetail, errorText, isErrorPayload } from './errors';
import { formatAmount, thaiDate, thaiDigits } from './format';
import { catalogues } from './i18n';

describe('errors', () => {
  it('shows words for a payload, never the raw message', () => {
    const e = { code: 'empty_text', message: 'result must not be empty' };
    expect(errorText(e, 'th')).toBe('ช่องนี้ต้องมีข้อความ จะเว้นว่างไม่ได้');
    expect(errorText(e, 'en')).toContain('cannot be left empty');
    expect(errorDetail(e)).toBe('');
  });

  it('treats anything else as an internal error', () => {
    expect(isErrorPayload('boom')).toBe(false);
    expect(errorText(new Error('panic at src/x.rs:1'), 'th')).toBe('เกิดข้อผิดพลาดภายในโปรแกรม');
  });

  it('keeps the detail of limits and import faults', () => {
    const e = { code: 'malformed_import', message: 'measures[2].title: must not be empty' };
    expect(errorDetail(e)).toBe('measures[2].title: must not be empty');
  });
});

describe('i18n', () => {
  it('has every key in both languages, none empty', () => {
    const th = Object.keys(catalogues.th).sort();
    expect(Object.keys(catalogues.en).sort()).toEqual(th);
    for (const lang of ['th', 'en'] as const) {
      for (const v of Object.values(catalogues[lang])) expect(v.trim()).not.toBe('');
    }
  });

  it('writes dates in Thai with the Buddhist Era', () => {
    expect(thaiDate('2023-04-05', 'thai')).toBe('๕ เมษายน ๒๕๖๖');
    expect(thaiDate('2022-10-01', 'arabic')).toBe('1 ตุลาคม 2565');
    expect(thaiDate('not a date', 'thai')).toBe('not a date');
    expect(thaiDigits(2566)).toBe('๒๕๖๖');
  });

  it('prints amounts with separators and two decimals', () => {
    expect(formatAmount('1234567.5', 'arabic')).toBe('1,234,567.50');
    expect(formatAmount('-0.5', 'thai')).toBe('-๐.๕๐');
    expect(formatAmount('not a number', 'thai')).toBe('not a number');
  });
});
