import { describe, expect, it } from 'vitest';
import { SHORTCUTS, charOffset, keyAction } from './editor';

const k = (key: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods,
});

describe('editor keys', () => {
  it('maps the documented shortcuts', () => {
    expect(keyAction(k('ArrowUp', { altKey: true }))).toBe('move-up');
    expect(keyAction(k('ArrowDown', { altKey: true }))).toBe('move-down');
    expect(keyAction(k('Enter', { ctrlKey: true }))).toBe('split');
    expect(keyAction(k('z', { ctrlKey: true }))).toBe('undo');
    expect(keyAction(k('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(keyAction(k('z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(keyAction(k('y', { ctrlKey: true }))).toBe('redo');
    expect(keyAction(k(']', { ctrlKey: true }))).toBe('indent');
    expect(keyAction(k('f', { ctrlKey: true }))).toBe('search');
  });
  it('reads the physical key, so shortcuts work with the Thai layout active', () => {
    // What WebKit reports with the Kedmanee layout: the Thai letter, the key's code.
    const th = (key: string, code: string, mods = {}) => ({ ...k(key, mods), code });
    expect(keyAction(th('ผ', 'KeyZ', { ctrlKey: true }))).toBe('undo');
    expect(keyAction(th('ฦ', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(keyAction(th('ด', 'KeyF', { ctrlKey: true }))).toBe('search');
    expect(keyAction(th('ล', 'BracketRight', { ctrlKey: true }))).toBe('indent');
    expect(keyAction(th('บ', 'BracketLeft', { ctrlKey: true }))).toBe('outdent');
    expect(keyAction(th('ผ', 'KeyZ'))).toBeNull();
  });
  it('reads an event whose fields are getters, as a KeyboardEvent has them', () => {
    class Event {
      get key() { return 'z'; }
      get code() { return 'KeyZ'; }
      get ctrlKey() { return true; }
      get altKey() { return false; }
      get metaKey() { return false; }
      get shiftKey() { return false; }
    }
    expect(keyAction(new Event())).toBe('undo');
  });
  it('leaves ordinary typing alone', () => {
    expect(keyAction(k('z'))).toBeNull();
    expect(keyAction(k('ArrowUp'))).toBeNull();
    expect(keyAction(k('Enter'))).toBeNull();
    expect(keyAction(k('Enter', { shiftKey: true }))).toBeNull();
  });
  it('counts characters as Rust does', () => {
    expect(charOffset('กข😀ค', 4)).toBe(3);
    expect(charOffset('ผลการดำเนินการ', 5)).toBe(5);
  });
});

describe('the help panel lists the shortcuts the keymap has', () => {
  const arrows: Record<string, string> = { '↑': 'ArrowUp', '↓': 'ArrowDown' };
  it('maps every listed key to its action', () => {
    for (const { keys, action } of SHORTCUTS) {
      for (const combo of keys) {
        const parts = combo.split('+');
        const last = parts[parts.length - 1] ?? '';
        const key = arrows[last] ?? (last.length === 1 ? last.toLowerCase() : last);
        const ev = {
          key: parts.includes('Shift') ? key.toUpperCase() : key,
          ctrlKey: parts.includes('Ctrl'),
          altKey: parts.includes('Alt'),
          shiftKey: parts.includes('Shift'),
          metaKey: false,
        };
        expect(keyAction(ev), combo).toBe(action);
      }
    }
  });
});
