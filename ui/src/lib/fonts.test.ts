import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The page preloads its font files so that they load beside the script,
// not after the first layout asks for them (a cold start's first paint
// waited on them). A preload that names another file than the CSS uses is
// a wasted download, and the font still loads late, so the two lists are
// held together here.
const ui = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The first group of `pattern` in `text`; the test fails without one. */
function group(pattern: RegExp, text: string): string {
  const found = pattern.exec(text)?.[1];
  expect(found, `${pattern} in ${text}`).toBeTypeOf('string');
  return found ?? '';
}

function preloaded(): string[] {
  const html = readFileSync(resolve(ui, 'index.html'), 'utf8');
  return [...html.matchAll(/<link\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /rel="preload"/.test(tag) && /as="font"/.test(tag))
    .map((tag) => {
      // Fonts are fetched in CORS mode without credentials: a preload
      // without `crossorigin` (or with `use-credentials`) is not the
      // request the CSS makes, and is fetched twice.
      expect(tag, tag).toMatch(/\scrossorigin(="(anonymous)?")?(?=[\s/>])/);
      return resolve(ui, group(/href="([^"]+)"/, tag));
    })
    .sort();
}

function faces(): string[] {
  const css = readFileSync(resolve(ui, 'src/app.css'), 'utf8');
  return [...css.matchAll(/@font-face\s*{[^}]*}/g)]
    .map((m) => group(/url\('([^']+)'\)/, m[0]))
    .map((url) => resolve(ui, 'src', url))
    .sort();
}

describe('fonts', () => {
  it('preloads exactly the font files its font faces use', () => {
    expect(faces().length).toBeGreaterThan(0);
    expect(preloaded()).toEqual(faces());
  });
});
