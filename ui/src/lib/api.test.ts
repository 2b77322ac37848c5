import { describe, expect, it } from 'vitest';
import source from './api.ts?raw';

// A Rust test reads the command names from `Commands`, one per line, and
// compares them with the handler list: keep that block strictly one line each.
describe('api', () => {
  it('lists each command once, on one line, in `Commands`', () => {
    const block = /export interface Commands \{\n([\s\S]*?)\n\}/.exec(source)?.[1];
    expect(block).toBeDefined();
    const lines = (block ?? '').split('\n');
    for (const line of lines) expect(line).toMatch(/^ {2}[a-z_]+: \{ args: .+; result: .+ \};$/);
    const names = lines.map((l) => l.trim().split(':')[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('read_year');
    for (const name of names) expect(source).toContain(`call('${name}', `);
  });
});
