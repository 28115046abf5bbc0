// No import cycle in src/: a file that loads, at run time, a file that loads it back is half-initialised while the
// other runs (exports undefined, "cannot access before initialization"), and a knot of files is one thing to
// understand instead of several. Type imports are checked too: a type knot is how run-time knots start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cycles, importEdges, type Edge } from '../../scripts/import-graph.ts';

const edges = importEdges('src');

test('src/ has no run-time import cycle', () => {
  assert.ok(edges.length > 500, `the import graph was read (${edges.length} imports)`);
  assert.deepEqual(cycles(edges), []);
});

test('src/ has no import cycle through type imports either', () => {
  assert.deepEqual(cycles(edges, { includeTypes: true }), []);
});

test('the cycle finder finds a cycle, and ignores type-only edges unless asked', () => {
  const e = (from: string, to: string, typeOnly = false): Edge => ({ from, to, typeOnly });
  assert.deepEqual(cycles([e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'd')]), [['a', 'b', 'c']]);
  assert.deepEqual(cycles([e('a', 'b'), e('b', 'a', true)]), []);
  assert.deepEqual(cycles([e('a', 'b'), e('b', 'a', true)], { includeTypes: true }), [['a', 'b']]);
  assert.deepEqual(cycles([e('a', 'a')]), [['a']]);
});
