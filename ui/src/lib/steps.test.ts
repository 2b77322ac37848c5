import { describe, expect, it } from 'vitest';
import { afterEachPaint, stepEnd, type Frames } from './steps';

describe('stepEnd', () => {
  it('takes what fits in the budget, and at least one more', () => {
    expect(stepEnd([5, 5, 5, 5], 0, 12)).toBe(2);
    expect(stepEnd([5, 5, 5, 5], 2, 12)).toBe(4);
    expect(stepEnd([30, 5], 0, 12)).toBe(1);
    expect(stepEnd([5, 30, 5], 1, 12)).toBe(2);
    expect(stepEnd([5, 5], 2, 12)).toBe(2);
    expect(stepEnd([], 0, 12)).toBe(0);
  });

  it('ends on the last measure in as many steps as the budget says', () => {
    const sizes = Array.from({ length: 200 }, (_, i) => 3 + (i % 7));
    const ends: number[] = [];
    for (let at = stepEnd(sizes, 0, 12); ; at = stepEnd(sizes, at, 150)) {
      ends.push(at);
      if (at === sizes.length) break;
    }
    expect(ends[0]).toBe(3); // 3 + 4 + 5
    for (const [i, end] of ends.entries()) {
      if (i === 0) continue;
      const taken = sizes.slice(ends[i - 1], end).reduce((a, b) => a + b, 0);
      expect(taken).toBeLessThanOrEqual(150);
      if (end < sizes.length) expect(taken + (sizes[end] ?? 0)).toBeGreaterThan(150);
    }
  });
});

/** A window whose frames and tasks run when the test says. */
function frames(log: string[]) {
  const queue: { kind: 'frame' | 'task'; id: number; run: () => void }[] = [];
  let ids = 0;
  const w: Frames = {
    requestAnimationFrame: (run) => (queue.push({ kind: 'frame', id: ++ids, run }), ids),
    cancelAnimationFrame: (id) => void queue.splice(queue.findIndex((q) => q.id === id) >>> 0, 1),
    setTimeout: (run) => (queue.push({ kind: 'task', id: ++ids, run }), ids as unknown as ReturnType<typeof setTimeout>),
    clearTimeout: (id) => void queue.splice(queue.findIndex((q) => q.id === (id as unknown as number)) >>> 0, 1),
  };
  const runNext = () => {
    const q = queue.shift();
    if (!q) return false;
    log.push(q.kind);
    q.run();
    return true;
  };
  return { w, runNext, pending: () => queue.length };
}

describe('afterEachPaint', () => {
  it('runs each step in a task after a frame, until the step says it is done', () => {
    const log: string[] = [];
    const { w, runNext, pending } = frames(log);
    let left = 3;
    afterEachPaint(() => (log.push('step'), (left -= 1) > 0), w);
    expect(log).toEqual([]);
    while (runNext());
    expect(log).toEqual(['frame', 'task', 'step', 'frame', 'task', 'step', 'frame', 'task', 'step']);
    expect(pending()).toBe(0);
  });

  it('stops when told, whether a frame or a task is waiting', () => {
    for (const after of [0, 1]) {
      const log: string[] = [];
      const { w, runNext, pending } = frames(log);
      const stop = afterEachPaint(() => (log.push('step'), true), w);
      for (let i = 0; i < after; i++) runNext();
      stop();
      expect(pending()).toBe(0);
      expect(log).not.toContain('step');
    }
  });
});
