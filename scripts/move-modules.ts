// Moves source files and rewrites every relative import of them (and the moved files' own imports), across src/,
// test/, bench/, scripts/ and bin/. Paths in Markdown files are rewritten too. Usage:
//   node --import tsx scripts/move-modules.ts old/path.ts=new/path.ts [old/dir/=new/dir/ …]
// A mapping ending in "/" moves every file under that folder. Moves are done with `git mv`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const ROOTS = ['src', 'test', 'bench', 'scripts', 'bin'];
const CODE = /\.(ts|tsx|mjs|js)$/;
const SPEC = /((?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[\s\S]*?\s+from\s+)?'|\bimport\(\s*'|\bnew URL\(\s*')(\.{1,2}\/[^']*)'/g;

function walk(dir: string, test: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules') out.push(...walk(p, test)); }
    else if (test.test(e.name)) out.push(p);
  }
  return out;
}

export function moveModules(pairs: [string, string][]): void {
  const moves = new Map<string, string>();
  for (const [from, to] of pairs) {
    if (from.endsWith('/')) {
      for (const f of walk(from, /./)) moves.set(path.normalize(f), path.normalize(path.join(to, path.relative(from, f))));
    } else moves.set(path.normalize(from), path.normalize(to));
  }
  const files = ROOTS.flatMap((r) => walk(r, CODE));
  const rewritten = new Map<string, string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const newFile = moves.get(file) ?? file;
    const next = text.replace(SPEC, (all, head: string, spec: string) => {
      const target = path.normalize(path.join(path.dirname(file), spec));
      const moved = moves.get(target) ?? target;
      if (moved === target && newFile === file) return all;
      let rel = path.relative(path.dirname(newFile), moved).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = './' + rel;
      if (spec.endsWith('/') && !rel.endsWith('/')) rel += '/';
      return `${head}${rel}'`;
    });
    if (next !== text) rewritten.set(file, next);
  }
  for (const [file, text] of rewritten) fs.writeFileSync(file, text);
  for (const [from, to] of moves) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    try {
      execFileSync('git', ['mv', from, to], { stdio: 'ignore' });
    } catch {
      fs.renameSync(from, to); // not tracked yet
    }
  }
  // Markdown: the paths as written (src/…, test/…), longest first so that folders do not shadow files.
  const docs = [...walk('docs', /\.md$/), 'README.md', ...walk('test', /\.md$/)].filter((f) => fs.existsSync(f));
  const sorted = [...moves].sort((a, b) => b[0].length - a[0].length);
  for (const doc of docs) {
    let text = fs.readFileSync(doc, 'utf8');
    const before = text;
    for (const [from, to] of sorted) text = text.split(from).join(to);
    if (text !== before) fs.writeFileSync(doc, text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  moveModules(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
}
