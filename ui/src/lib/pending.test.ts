import { describe, expect, it } from 'vitest';
import { flushAll, registerFlush } from './pending';

describe('pending saves', () => {
  it('flushes every registered field, and not after unregistering', async () => {
    const saved: string[] = [];
    const offA = registerFlush(async () => { saved.push('a'); });
    registerFlush(async () => { throw new Error('b failed'); });
    const offC = registerFlush(async () => { saved.push('c'); });
    await flushAll();
    expect(saved.sort()).toEqual(['a', 'c']);
    offA();
    offC();
    saved.length = 0;
    await flushAll();
    expect(saved).toEqual([]);
  });
});
