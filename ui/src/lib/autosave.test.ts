import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type SaveState } from './autosave';

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(save: (t: string) => Promise<void>) {
    const states: SaveState[] = [];
    const saver = new Autosaver('old', { save, onState: (s) => states.push(s), delayMs: 500 });
    return { saver, states };
  }

  it('saves once after a pause in typing, with the last text', async () => {
    const save = vi.fn(async () => {});
    const { saver, states } = setup(save);
    saver.edit('n');
    saver.edit('ne');
    saver.edit('new');
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith('new');
    expect(states.at(-1)).toBe('saved');
  });

  it('saves at once on flush and skips unchanged text', async () => {
    const save = vi.fn(async () => {});
    const { saver, states } = setup(save);
    saver.edit('old');
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
    expect(states.at(-1)).toBe('saved');
    saver.edit('new');
    await saver.flush();
    expect(save).toHaveBeenCalledWith('new');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('keeps refused text and retries it on the next flush', async () => {
    const save = vi.fn().mockRejectedValueOnce({ code: 'empty_text', message: 'x' }).mockResolvedValue(undefined);
    const { saver, states } = setup(save);
    saver.edit('');
    await saver.flush();
    expect(states.at(-1)).toBe('error');
    expect(saver.hasUnsaved).toBe(true);
    await saver.flush();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith('');
    expect(states.at(-1)).toBe('saved');
    expect(saver.hasUnsaved).toBe(false);
  });

  it('saves edits made while a save is running, in order', async () => {
    const calls: string[] = [];
    let release: () => void = () => {};
    const save = vi.fn((t: string) => {
      calls.push(t);
      return t === 'a' ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    const { saver } = setup(save);
    saver.edit('a');
    const first = saver.flush();
    saver.edit('ab');
    const second = saver.flush();
    release();
    await Promise.all([first, second]);
    expect(calls).toEqual(['a', 'ab']);
  });

  it('bases each save on the stored text and adopts a reload only when nothing is pending', async () => {
    const bases: string[] = [];
    const states: SaveState[] = [];
    const saver: Autosaver = new Autosaver('old', {
      save: async () => { bases.push(saver.base); },
      onState: (s) => states.push(s),
      delayMs: 500,
    });
    saver.edit('new');
    await saver.flush();
    expect(bases).toEqual(['old']);
    expect(saver.base).toBe('new');
    // An undo reverted the field: nothing is pending, so the reload is adopted.
    expect(saver.sync('old')).toBe(true);
    expect(saver.base).toBe('old');
    // Typing pending: a reload does not move its base (its save is then refused).
    saver.edit('typed');
    expect(saver.sync('elsewhere')).toBe(false);
    await saver.flush();
    expect(bases).toEqual(['old', 'old']);
  });

  it('settles a refused save by keeping the typing or the stored text', async () => {
    const save = vi.fn(async () => {});
    const { saver, states } = setup(save);
    await saver.resolve('stored', 'mine');
    expect(save).toHaveBeenLastCalledWith('mine');
    expect(saver.base).toBe('mine');
    saver.edit('more');
    await saver.resolve('theirs', null);
    expect(saver.base).toBe('theirs');
    expect(saver.hasUnsaved).toBe(false);
    expect(states.at(-1)).toBe('saved');
  });
});
