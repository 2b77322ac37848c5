// What every part of the report editor shares: the words, the digits, and
// the one way to change anything (`edit`, over the core's typed Change).
import { getContext, setContext } from 'svelte';
import type { Change, Digits } from './bindings';
import type { Lang, MessageKey } from './i18n';

export interface Editor {
  readonly lang: Lang;
  readonly digits: Digits;
  /** The year is approved or published: nothing is editable. */
  readonly readonly: boolean;
  /** Bumped on every reload of the report: fields then show the stored text. */
  readonly generation: number;
  t: (k: MessageKey) => string;
  /** A number (or text holding numbers) in the chosen digits. */
  num: (value: string | number) => string;
  /** Saves pending typing, applies the change, reloads, then focuses `focus` (a CSS selector). */
  edit: (change: Change, focus?: string) => Promise<boolean>;
  /** A field saved its text (the undo state changed). */
  saved: () => void;
  /** Shows an error from an action in words; `null` clears it (the next action went through). */
  fail: (e: unknown) => void;
}

const key = Symbol('editor');

export function provideEditor(e: Editor): void {
  setContext(key, e);
}

export function editor(): Editor {
  const e = getContext<Editor | undefined>(key);
  if (!e) throw new Error('editor context missing');
  return e;
}

/** Characters (Unicode scalar values, as Rust counts them) before a UTF-16 caret. */
export function charOffset(text: string, caret: number): number {
  return Array.from(text.slice(0, caret)).length;
}

/** The keyboard action an editor key press stands for, if any. */
export type KeyAction = 'move-up' | 'move-down' | 'split' | 'indent' | 'outdent' | 'undo' | 'redo' | 'search';

/** The physical keys of the shortcuts: with the Thai layout active, Ctrl+Z
 * gives `key` "ผ" but `code` is still "KeyZ". */
const physical: Record<string, string> = {
  KeyZ: 'z', KeyY: 'y', KeyF: 'f', KeyK: 'k', BracketRight: ']', BracketLeft: '[',
};

/** The shortcuts as the help panel lists them; the test presses each
 * through `keyAction`, so the list cannot drift from the keymap. */
export const SHORTCUTS: { keys: string[]; action: KeyAction }[] = [
  { keys: ['Ctrl+Z'], action: 'undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'redo' },
  { keys: ['Ctrl+F', 'Ctrl+K'], action: 'search' },
  { keys: ['Alt+↑'], action: 'move-up' },
  { keys: ['Alt+↓'], action: 'move-down' },
  { keys: ['Ctrl+Enter'], action: 'split' },
  { keys: ['Ctrl+]'], action: 'indent' },
  { keys: ['Ctrl+['], action: 'outdent' },
];

export function keyAction(
  ev: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'> & { code?: string },
): KeyAction | null {
  const mapped = ev.code === undefined ? undefined : physical[ev.code];
  // Shift keeps its meaning (Ctrl+Shift+Z is redo): the letter as upper case.
  const key = mapped === undefined ? ev.key : ev.shiftKey ? mapped.toUpperCase() : mapped;
  // Not a spread: a KeyboardEvent's modifiers are getters on its prototype.
  const e = { key, altKey: ev.altKey, ctrlKey: ev.ctrlKey, metaKey: ev.metaKey, shiftKey: ev.shiftKey };
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey && !mod && e.key === 'ArrowUp') return 'move-up';
  if (e.altKey && !mod && e.key === 'ArrowDown') return 'move-down';
  if (mod && !e.altKey && e.key === 'Enter') return 'split';
  if (mod && !e.altKey && e.key === ']') return 'indent';
  if (mod && !e.altKey && e.key === '[') return 'outdent';
  if (mod && !e.altKey && (e.key === 'z' || e.key === 'Z')) return e.shiftKey ? 'redo' : 'undo';
  if (mod && !e.altKey && !e.shiftKey && (e.key === 'y' || e.key === 'Y')) return 'redo';
  if (mod && !e.altKey && !e.shiftKey && (e.key === 'f' || e.key === 'k')) return 'search';
  return null;
}
