import { describe, expect, it, vi } from 'vitest';
import { shortBeDate, thaiDate, thaiDateTime } from './format';

// The era offset comes from the core's bindings, not from a number written
// in the UI: with another offset, every date follows it.
vi.mock('./bindings', async (original) => ({ ...(await original<typeof import('./bindings')>()), BE_OFFSET: 1000 }));

describe('format takes the era offset from the bindings', () => {
  it('uses BE_OFFSET in every date', () => {
    expect(thaiDate('2023-04-05', 'arabic')).toBe('5 เมษายน 3023');
    expect(shortBeDate('2023-04-05')).toBe('5/4/3023');
    expect(thaiDateTime(new Date(2026, 10, 27, 14, 5).toISOString(), 'arabic')).toBe('27 พฤศจิกายน 3026 14:05 น.');
  });
});
