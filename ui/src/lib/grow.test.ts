import { describe, expect, it } from 'vitest';
import { grow, type Growable } from './grow';

/** An area whose reads and writes are logged, as a layout would see them. */
function area(name: string, height: number, log: string[], connected = true): Growable {
  let set = '';
  return {
    style: {
      get height() { return set; },
      set height(h: string) { set = h; log.push(`${name}=${h}`); },
    },
    get scrollHeight() { log.push(`read ${name}`); return height; },
    isConnected: connected,
  };
}

describe('grow', () => {
  it('sizes the areas asked for at once together: every reset, then every read, then every height', async () => {
    const log: string[] = [];
    const a = area('a', 40, log);
    const b = area('b', 120, log);
    grow(a);
    grow(b);
    grow(a);
    expect(log).toEqual([]);
    await Promise.resolve();
    expect(log).toEqual(['a=auto', 'b=auto', 'read a', 'read b', 'a=40px', 'b=120px']);
    expect([a.style.height, b.style.height]).toEqual(['40px', '120px']);
  });

  it('leaves an area that left the page, and sizes a later one in its own turn', async () => {
    const log: string[] = [];
    grow(area('gone', 10, log, false));
    await Promise.resolve();
    expect(log).toEqual([]);
    const c = area('c', 24, log);
    grow(c);
    await Promise.resolve();
    expect(log).toEqual(['c=auto', 'read c', 'c=24px']);
  });
});
