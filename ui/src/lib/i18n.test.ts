import { describe, expect, it } from 'vitest';
import { catalogues, changeKey, translate } from './i18n';

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
});
