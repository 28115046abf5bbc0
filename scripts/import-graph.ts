// The import graph of src/: which file imports which, at run time and by type. Used by the cycle test
// (test/house/import-cycles.test.ts) and by `node --import tsx scripts/import-graph.ts` to print the cycles.
// With `verbatimModuleSyntax`, only `import type` / `export type` is erased: `import { type A } from` still
// loads the module, so it is a run-time edge.
import fs from 'node:fs';
import path from 'node:path';

export interface Edge { from: string; to: string; typeOnly: boolean }

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[\s\S]*?\s+from\s+)?'([^']+)'/g;
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

/** Every relative import between the files under `root` (paths relative to the working directory). */
export function importEdges(root = 'src'): Edge[] {
  const edges: Edge[] = [];
  for (const file of walk(root)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[2]!;
      if (!spec.startsWith('.')) continue;
      edges.push({ from: file, to: path.normalize(path.join(path.dirname(file), spec)), typeOnly: Boolean(m[1]) });
    }
    // A dynamic import() loads lazily: it cannot take part in a load-time cycle, so it is not an edge.
    void DYNAMIC;
  }
  return edges;
}

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
export function cycles(edges: Edge[], { includeTypes = false } = {}): string[][] {
  const graph = new Map<string, string[]>();
  for (const e of edges) {
    if (e.typeOnly && !includeTypes) continue;
    if (!graph.has(e.from)) graph.set(e.from, []);
    if (!graph.has(e.to)) graph.set(e.to, []);
    graph.get(e.from)!.push(e.to);
  }
  // Tarjan's algorithm, iterative (the graph is a few hundred files deep at most, but stay off the call stack).
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of graph.keys()) {
    if (idx.has(start)) continue;
    const work: { v: string; i: number }[] = [{ v: start, i: 0 }];
    idx.set(start, index); low.set(start, index); index++; stack.push(start); onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const next = graph.get(top.v)!;
      if (top.i < next.length) {
        const w = next[top.i++]!;
        if (!idx.has(w)) {
          idx.set(w, index); low.set(w, index); index++; stack.push(w); onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === idx.get(top.v)) {
        const scc: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== top.v);
        if (scc.length > 1 || next.includes(top.v)) out.push(scc.sort());
      }
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const edges = importEdges(process.argv[2] ?? 'src');
  for (const includeTypes of [false, true]) {
    const found = cycles(edges, { includeTypes });
    console.log(`${includeTypes ? 'with type imports' : 'run time'}: ${found.length} cycle(s)`);
    for (const c of found) console.log(`  ${c.length} files: ${c.slice(0, 60).join(' ')}${c.length > 60 ? ' …' : ''}`);
  }
}
