import { describe, expect, it } from 'vitest';
import { ERROR_CODES, errorText, isErrorPayload } from './errors';
import { REFUSAL_EXAMPLES, type Refusal } from './bindings';
import { formatAmount, thaiDate, thaiDigits } from './format';
import { catalogues } from './i18n';

describe('errors', () => {
  it('shows words for a payload, never the raw message', () => {
    const e = { code: 'empty_text', message: 'result must not be empty' };
    expect(errorText(e, 'th')).toBe('ช่องนี้ต้องมีข้อความ จะเว้นว่างไม่ได้');
    expect(errorText(e, 'en')).toContain('cannot be left empty');
  });

  it('treats anything else as an internal error', () => {
    expect(isErrorPayload('boom')).toBe(false);
    expect(errorText(new Error('panic at src/x.rs:1'), 'th')).toBe('เกิดข้อผิดพลาดภายในโปรแกรม');
  });

  it('words a refusal from its data, with BE dates, never the English message', () => {
    const e = {
      code: 'invalid_input',
      message: 'the request date 2030-01-02 is after today (2026-11-30)',
      refusal: { kind: 'after_today', moment: 'request', on: '2030-01-02', today: '2026-11-30' },
    } as const;
    expect(errorText(e, 'th', 'thai')).toBe(
      'วันที่ยื่นคำขอยืม (๒ มกราคม ๒๕๗๓) อยู่หลังวันนี้ (๓๐ พฤศจิกายน ๒๕๖๙) บันทึกได้เมื่อเกิดขึ้นแล้วเท่านั้น',
    );
    expect(errorText(e, 'en')).toContain('2 January 2573 BE');
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

// What a refusal carries as typed text (a URL, a name, a MIME type) may be
// in any script; the sentence around it may not.
const enumFields = new Set(['kind', 'thing', 'moment', 'earlier', 'later', 'duty', 'problem', 'status', 'state', 'step']);
function typedValues(r: Refusal): string[] {
  return Object.entries(r)
    .filter(([k, v]) => !enumFields.has(k) && typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v))
    .map(([, v]) => v as string);
}
// The NACC's own names (ITA and its instruments) are written in Latin in Thai too.
const allowedLatin = /\b(OIT|ITA|IIT|EIT|PNG|JPEG|SVG|CSV|XLSX|https?)\b|:\/\//g;

describe('every error in Thai', () => {
  it('has a Thai sentence for every error code', () => {
    for (const code of ERROR_CODES) {
      const text = errorText({ code, message: 'an English developer sentence' }, 'th', 'thai');
      expect(text, code).not.toMatch(/[A-Za-z]/);
      expect(text, code).toMatch(/[\u0E00-\u0E7F]/);
    }
  });

  it('words every refusal the core makes in Thai, with BE dates and Thai digits', () => {
    const kinds = new Set(REFUSAL_EXAMPLES.map((r) => r.kind));
    expect(kinds.size).toBe(REFUSAL_EXAMPLES.length);
    for (const r of REFUSAL_EXAMPLES) {
      let text = errorText({ code: 'invalid_input', message: 'x', refusal: r }, 'th', 'thai');
      for (const v of typedValues(r)) text = text.split(v).join('');
      const rest = text.replace(allowedLatin, '');
      expect(rest, r.kind).not.toMatch(/[A-Za-z]/);
      expect(rest, r.kind).not.toMatch(/[0-9]/);
      expect(rest, r.kind).toMatch(/[\u0E00-\u0E7F]/);
      for (const iso of Object.values(r).filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) {
        const [y] = iso.split('-');
        expect(text, `${r.kind} shows ${iso} in BE`).toContain(thaiDigits(Number(y) + 543));
      }
    }
  });

  it('words every refusal in English too, with Arabic digits as set', () => {
    for (const r of REFUSAL_EXAMPLES) {
      const text = errorText({ code: 'invalid_input', message: 'x', refusal: r }, 'en');
      expect(text, r.kind).toMatch(/[A-Za-z]/);
      expect(text, r.kind).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      let arabic = errorText({ code: 'invalid_input', message: 'x', refusal: r }, 'th', 'arabic');
      for (const v of typedValues(r)) arabic = arabic.split(v).join('');
      expect(arabic, r.kind).not.toMatch(/[\u0E50-\u0E59]/);
    }
  });
});
