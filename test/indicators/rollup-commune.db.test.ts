// The coarse rollup (indicator_rollup_commune, migration 052: the monthly rollup summed over unit, procedure and
// channel, with its rows over every field (field_code '*', migration 055), what the province's figures read) stays
// exactly `SELECT … GROUP BY GROUPING SETS` over the fine rollup: after random
// sequences of dossier changes in two communes written by the real refreshFacts() (committed, rolled back, several at
// once), builds and forced rebuilds (fast-check); the migration's fill gives the same rows; the province's sums read
// from it equal the same sums over the fine rollup; and the comparison does catch a difference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import pg from 'pg';
import { sql } from 'kysely';
import { testDb } from '../support/db.ts';
import { refreshFacts } from '../../src/indicators/facts.ts';
import { buildRollup, ensureRollup } from '../../src/indicators/rollup-store.ts';
import { rollupSums } from '../../src/province/figures-store.ts';
import { withScope } from '../../src/db/scope.ts';
import { prng as seededPrng } from '../../src/demo/prng.ts';
import { randomDossierColumns } from './random-dossier.ts';

const { db, url } = await testDb();
const COMMUNES = ['xuan-duong', 'tan-lap'] as const;
const KEY = 'commune_id, month, kind, field_code, received_month, label, complained';

/** mulberry32 (the demo's seeded generator) (each change's values come from the seed fast-check chose). */
const prng = (seed: number) => seededPrng(seed).next;

type Row = Record<string, unknown>;
const coarseRows = async () => (await sql<Row>`SELECT ${sql.raw(KEY)}, n FROM indicator_rollup_commune ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(db)).rows;
/** The fine rollup grouped by the coarse key, and by the coarse key without the field (field_code '*', migration 055). */
const groupedFine = async () => (await sql<Row>`
  SELECT commune_id, month, kind, CASE WHEN GROUPING(field_code) = 1 THEN '*' ELSE field_code END AS field_code, received_month, label, complained,
         sum(n)::int AS n
    FROM indicator_rollup
   GROUP BY GROUPING SETS ((commune_id, month, kind, field_code, received_month, label, complained),
                           (commune_id, month, kind, received_month, label, complained))
   ORDER BY 1, 2, 3, 4, 5, 6, 7`.execute(db)).rows;
const nonZero = (rows: Row[]) => rows.filter((r) => r.n !== 0);

interface Dossier { id: string; units: number[] }

/** A dossier changed at random (as test/indicators/rollup.db.test.ts does) and its facts refreshed, in one
 *  transaction; `rollback`: the transaction is rolled back after the refresh. */
async function change(d: Dossier, seed: number, rollback = false) {
  const values = randomDossierColumns(prng(seed), d.units, 0.75);
  const work = db.transaction().execute(async (trx) => {
    await trx.updateTable('dossiers').set(values).where('id', '=', d.id).execute();
    await refreshFacts(trx, d.id);
    if (rollback) throw new Error('rolled back');
  });
  if (rollback) await assert.rejects(work, /rolled back/);
  else await work;
}

/** Dossiers of both communes, on several procedures of each field (so that the coarse rows sum several fine ones). */
async function dossiers(): Promise<Dossier[]> {
  const procedures = await db.selectFrom('procedures').select(['code', 'version', 'field_code']).orderBy('field_code').orderBy('code').execute();
  const byField = new Map<string, typeof procedures>();
  for (const p of procedures) byField.set(p.field_code, [...(byField.get(p.field_code) ?? []), p]);
  const chosen = [...byField.values()].filter((ps) => ps.length >= 2).slice(0, 3).flatMap((ps) => ps.slice(0, 3));
  assert.ok(chosen.length >= 4, `${chosen.length} procedures`);
  const out: Dossier[] = [];
  for (const commune of COMMUNES) {
    const units = (await db.selectFrom('units').select('id').where('commune_id', '=', commune).execute()).map((u) => u.id);
    assert.ok(units.length >= 2, `${commune}: ${units.length} units`);
    for (let i = 0; i < 30; i++) {
      const p = chosen[i % chosen.length]!;
      const r = await db.insertInto('dossiers').values({
        commune_id: commune, procedure_code: p.code, procedure_version: p.version, channel: 'direct', state: 2, applicant_name: `Người thử ${i}`,
        applicant: JSON.stringify({}), competent_authority: 'Ủy ban nhân dân cấp xã', projection: JSON.stringify({}),
      }).returning('id').executeTakeFirstOrThrow();
      out.push({ id: r.id, units });
    }
  }
  return out;
}

const op = fc.oneof(
  { weight: 12, arbitrary: fc.record({ t: fc.constant('change' as const), d: fc.nat(), seed: fc.integer(), rollback: fc.integer({ min: 0, max: 7 }).map((x) => x === 0) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('together' as const), ds: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }), seed: fc.integer() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('build' as const), c: fc.constantFrom(...COMMUNES), force: fc.boolean() }) },
);

test('after random changes, builds and rebuilds, the coarse rollup is the fine one grouped by its key', async () => {
  const ds = await dossiers();
  let steps = 0;
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 25 }), async (ops) => {
    for (const o of ops) {
      if (o.t === 'change') await change(ds[o.d % ds.length]!, o.seed, o.rollback);
      else if (o.t === 'together') await Promise.all(o.ds.map((d, i) => change(ds[d % ds.length]!, o.seed + i)));
      else if (o.force) await buildRollup(db, o.c, true);
      else await ensureRollup(db, o.c);
      steps++;
    }
    assert.deepEqual(await coarseRows(), await groupedFine());
  }), { numRuns: 12, seed: Number(process.env.ROLLUP_COMMUNE_SEED ?? 20261207) });

  // Both communes built, so the comparison covers them both.
  for (const c of COMMUNES) await ensureRollup(db, c);
  for (let i = 0; i < 60; i++) await change(ds[i % ds.length]!, 7000 + i);
  const kept = await coarseRows();
  assert.deepEqual(kept, await groupedFine(), 'incremental');
  const communes = new Set(nonZero(kept).map((r) => r.commune_id));
  assert.deepEqual([...communes].sort(), [...COMMUNES].sort());
  assert.ok(nonZero(kept).length > 40 && steps >= 72, `${nonZero(kept).length} coarse rows, ${steps} steps`);
  const fine = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_rollup WHERE n <> 0`.execute(db)).rows[0]!.n;
  const byField = nonZero(kept).filter((r) => r.field_code !== '*');
  assert.ok(fine > byField.length, `the coarse rows sum several fine ones: ${fine} fine, ${byField.length} coarse`);
  const total = nonZero(kept).filter((r) => r.field_code === '*');
  assert.ok(total.length > 0 && total.length < byField.length, `rows over every field: ${total.length}, by field ${byField.length}`);

  // A forced rebuild: the same non-zero rows (the zeros the increments left are gone with the fine ones).
  for (const c of COMMUNES) await buildRollup(db, c, true);
  const rebuilt = await coarseRows();
  assert.deepEqual(rebuilt, await groupedFine(), 'rebuilt');
  assert.deepEqual(nonZero(rebuilt), nonZero(kept), 'incremental = rebuilt');
});

test("the migrations' fills give the same rows", async () => {
  const before = await coarseRows();
  assert.ok(before.length > 0);
  const fills = ['052_rollup_by_commune.sql', '055_rollup_field_totals.sql'].map((f) => {
    const text = fs.readFileSync(`src/db/migrations/${f}`, 'utf8').replace(/^--.*$/gm, '');
    const fill = /INSERT INTO indicator_rollup_commune[\s\S]*?;/.exec(text)?.[0];
    assert.ok(fill, `the fill statement of ${f}`);
    return fill;
  });
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('DELETE FROM indicator_rollup_commune');
    for (const fill of fills) await owner.query(fill);
    const filled = (await owner.query(`SELECT ${KEY}, n FROM indicator_rollup_commune ORDER BY 1, 2, 3, 4, 5, 6, 7`)).rows;
    assert.deepEqual(filled, before);
    await owner.query('ROLLBACK');
  } finally {
    await owner.end();
  }
});

test("the province's sums from the coarse rollup equal the same sums over the fine rollup", async () => {
  const fields = (await sql<{ f: string }>`SELECT DISTINCT field_code AS f FROM indicator_rollup ORDER BY 1 LIMIT 2`.execute(db)).rows.map((r) => r.f);
  const fineSums = async (first: string, last: string) => (await sql<Row>`
    SELECT commune_id, f AS field_code, kind, label, complained, sum(n)::int AS n, GROUPING(f) AS by_field
      FROM (SELECT r.commune_id, CASE WHEN r.field_code = ANY(${fields}::text[]) THEN r.field_code END AS f, r.kind, r.label, r.complained, r.n
              FROM indicator_rollup r
             WHERE r.commune_id = ANY(${[...COMMUNES]}::text[]) AND r.month >= ${first} AND r.month <= ${last}
               AND (r.kind = 'count' OR (r.kind = 'final' AND r.received_month <= ${last}) OR (r.kind = 'open' AND r.month = ${last}))) x
     GROUP BY GROUPING SETS ((commune_id, kind, label, complained), (commune_id, f, kind, label, complained))`.execute(db)).rows
    .filter((x) => x.by_field === 1 || x.field_code !== null).map(({ by_field, ...x }) => ({ ...x, field_code: by_field === 1 ? null : x.field_code }));
  const sorted = (rows: Row[]) => rows.map(({ by_field: _, ...r }) => JSON.stringify(r)).sort();
  let compared = 0;
  for (const [first, last] of [['2026-10', '2026-10'], ['2026-12', '2026-12'], ['2026-01', '2026-12'], ['2027-01', '2027-03']]) {
    const want = sorted(await fineSums(first!, last!));
    assert.deepEqual(sorted((await rollupSums(db, COMMUNES, first!, last!, fields)) as unknown as Row[]), want, `${first}…${last}`);
    compared += want.length;
  }
  assert.ok(compared > 20, `${compared} sums compared`);
});

test('the comparison catches a difference, and scope A neither reads nor writes B\'s coarse rows', async () => {
  await sql`UPDATE indicator_rollup_commune SET n = n + 1 WHERE (${sql.raw(KEY)}) = (SELECT ${sql.raw(KEY)} FROM indicator_rollup_commune LIMIT 1)`.execute(db);
  assert.notDeepEqual(await coarseRows(), await groupedFine());
  await buildRollup(db, COMMUNES[0], true);
  await buildRollup(db, COMMUNES[1], true);
  assert.deepEqual(await coarseRows(), await groupedFine());

  const [A, B] = COMMUNES;
  const others = await withScope(A, async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_rollup_commune WHERE commune_id <> ${A}`.execute(db)).rows[0]!.n);
  assert.equal(others, 0);
  const ownRows = await withScope(A, async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_rollup_commune`.execute(db)).rows[0]!.n);
  assert.ok(ownRows > 0);
  await withScope(A, () => assert.rejects(
    sql`INSERT INTO indicator_rollup_commune (${sql.raw(KEY)}, n) VALUES (${B}, '2026-01', 'count', 'x', '2026-01', 'x', false, 1)`.execute(db),
    (e: { code?: string }) => e.code === '42501'));
});
