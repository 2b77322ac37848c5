import { describe, expect, it } from 'vitest';
import { catalogues, changeKey, isoDate, thaiDate, thaiDateTime, translate } from './i18n';

describe('i18n', () => {
  it('has the same keys in Thai and English, none empty', () => {
    expect(Object.keys(catalogues.en).sort()).toEqual(Object.keys(catalogues.th).sort());
    for (const lang of ['th', 'en'] as const) {
      for (const [k, v] of Object.entries(catalogues[lang])) expect(v.trim(), `${lang}.${k}`).not.toBe('');
    }
  });
  it('names every kind of change, and something for an unknown one', () => {
    expect(translate('th', changeKey('move_measure'))).toBe('ย้ายมาตรการ');
    expect(translate('en', changeKey('split_item'))).toBe('split item');
    expect(translate('th', changeKey('no_such_change'))).toBe('การแก้ไข');
  });
  it('shows dates in the Buddhist Era with Thai months', () => {
    expect(thaiDate('2023-04-05', 'thai')).toBe('๕ เมษายน ๒๕๖๖');
    expect(thaiDate('2023-04-05', 'arabic')).toBe('5 เมษายน 2566');
    const local = new Date(2026, 10, 27, 14, 5).toISOString();
    expect(thaiDateTime(local, 'arabic')).toBe('27 พฤศจิกายน 2569 14:05 น.');
    expect(thaiDateTime('not a date', 'thai')).toBe('not a date');
    expect(isoDate(new Date(2023, 3, 5, 23, 59))).toBe('2023-04-05');
  });
});
