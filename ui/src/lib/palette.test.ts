// The palette in app.css, light and dark: every pair the UI sets text on
// meets WCAG 2.x AA (4.5:1 for text).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');

function palette(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [, name, hex] of block.matchAll(/--([a-z-]+):\s*(#[0-9a-fA-F]{6})/g)) if (name && hex) out[name] = hex;
  return out;
}
const lightBlock = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const darkBlock = css.slice(darkStart, css.indexOf('}', css.indexOf(':root {', darkStart)));
const light = palette(lightBlock);
const dark = { ...light, ...palette(darkBlock) };

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// (text, background) as the components use them.
const pairs: [string, string][] = [
  ['ink', 'paper'], ['ink', 'desk'], ['ink', 'surface'],
  ['muted', 'paper'], ['muted', 'desk'], ['muted', 'surface'], ['muted', 'quiet-bg'],
  ['accent', 'paper'], ['accent', 'desk'], ['accent', 'accent-soft'], ['accent', 'surface'],
  ['on-accent', 'accent'], ['on-accent', 'warn'],
  ['danger', 'paper'], ['danger', 'danger-bg'],
  ['warn', 'warn-bg'], ['warn', 'paper'],
  ['ok', 'ok-bg'], ['ok', 'paper'],
];

describe('palette', () => {
  it('has both themes defined in full', () => {
    expect(Object.keys(light).length).toBeGreaterThan(15);
    for (const k of Object.keys(light)) expect(palette(darkBlock)[k], `dark --${k}`).toBeDefined();
  });

  for (const [name, p] of [['light', light], ['dark', dark]] as const) {
    it(`keeps AA contrast in the ${name} theme`, () => {
      for (const [fg, bg] of pairs) {
        const [f, b] = [p[fg], p[bg]];
        expect(f && b, `${name}: --${fg} and --${bg} are defined`).toBeTruthy();
        expect(contrast(f ?? '', b ?? ''), `${name}: --${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});
