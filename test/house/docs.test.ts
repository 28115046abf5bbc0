// The tour (docs/architecture.md), the glossary and the READMEs name real files: every path written in backticks
// exists, as written from the repository root or from src/ (the docs write domain files as `dossiers/store.ts`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const DOCS = ['docs/architecture.md', 'docs/glossary.md', 'docs/benchmarks.md', 'docs/ci.md', 'README.md', 'test/README.md'];
const PATH = /`([\w.@-]+(?:\/[\w.@-]+)+\/?|[\w-]+\.(?:ts|tsx|sql|json|js))`/g;

/** A path as written: from the root, from src/, or (a bare file name) somewhere in the tree. */
function exists(p: string, everyName: Set<string>): boolean {
  if (/[<>*{}]|^https?:|\.\.\./.test(p)) return true; // a pattern or a placeholder, not a path
  if (/^(test-results|data|bench-results)\//.test(p)) return true; // written by a run (ignored by git), not shipped
  if (!p.includes('/')) return everyName.has(p);
  return ['', 'src/', 'test/'].some((base) => fs.existsSync(path.join(base, p)));
}

function names(dir: string, out = new Set<string>()): Set<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    if (e.isDirectory()) names(path.join(dir, e.name), out);
    else out.add(e.name);
  }
  return out;
}

test('every file path the docs name exists', () => {
  const everyName = new Set([...names('src'), ...names('test'), ...names('scripts'), ...names('bench'), ...names('eslint')]);
  const missing: string[] = [];
  let seen = 0;
  for (const doc of DOCS.filter((d) => fs.existsSync(d))) {
    for (const m of fs.readFileSync(doc, 'utf8').matchAll(PATH)) {
      const p = m[1]!;
      if (/^(api|can-bo|thu-tuc|nop-ho-so|ho-so|tra-cuu|danh-gia|phan-anh|cong-khai)\//.test(p) || p.startsWith('/')) continue; // URLs
      if (!/\.(ts|tsx|sql|json|js|md)$|\/$/.test(p)) continue; // only files and folders
      seen++;
      if (!exists(p, everyName)) missing.push(`${doc}: ${p}`);
    }
  }
  assert.ok(seen > 50, `the docs were read (${seen} paths)`);
  assert.deepEqual(missing, []);
});
