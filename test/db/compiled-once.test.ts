// A hot statement compiled once per shape (src/db/compiled-once.ts) sends exactly what building and compiling it
// each time sends: the same SQL and the same parameters in the same order, for any values; a value that is SQL itself,
// or a constant of the builder, is not cached.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { compiledOnce, type ValueGroups } from '../../src/db/compiled-once.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table: the compiler alone is under test
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(),
    createIntrospector: (d) => new PostgresIntrospector(d), createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const build = (g: ValueGroups) => db.with('ev', (d) => d.insertInto('events').values(g.ev!))
  .insertInto('rows').values(g.row!).returning(['id']);
const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.date({ noInvalidDate: true }), fc.boolean());

test('the same SQL and parameters as building it each time, for any values of a shape', () => {
  fc.assert(fc.property(fc.array(value, { minLength: 3, maxLength: 3 }), fc.array(value, { minLength: 2, maxLength: 2 }), (e, r) => {
    const groups = { ev: { a: e[0], b: e[1], c: e[2] }, row: { x: r[0], y: r[1] } };
    const once = compiledOnce('test', groups, build);
    const each = build(groups).compile();
    assert.equal(once.sql, each.sql);
    assert.deepEqual(once.parameters, each.parameters);
  }));
});

test('undefined values are left out, as Kysely leaves their columns out; another shape compiles anew', () => {
  const a = compiledOnce('test', { ev: { a: 1, b: undefined, c: 3 }, row: { x: 1, y: 2 } }, build);
  assert.deepEqual(a.parameters, [1, 3, 1, 2]);
  assert.ok(!a.sql.includes('"b"'));
  const b = compiledOnce('test', { ev: { a: 1, b: 2, c: 3 }, row: { x: 1, y: 2 } }, build);
  assert.ok(b.sql.includes('"b"'));
});

test('a value that is SQL, or a constant of the builder, is compiled each time, correctly', () => {
  const withSql = compiledOnce('test-sql', { ev: { a: sql`now()`, b: 1, c: 2 }, row: { x: 1, y: 2 } }, build);
  assert.match(withSql.sql, /now\(\)/);
  const constant = (g: ValueGroups) => db.insertInto('rows').values(g.row!).onConflict((oc) => oc.column('x').doUpdateSet({ y: 42 }));
  for (const y of [1, 2]) {
    const c = compiledOnce('test-constant', { row: { x: 1, y } }, constant);
    assert.deepEqual(c.parameters, [1, y, 42]);
  }
});
