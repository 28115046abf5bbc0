// The monthly rollup in the database against the dossier-by-dossier path, on a seeded generated history: dossiers
// change (receipt, finishing, return, deadline, pause, supplements, channel, unit) many times, each change written by
// refreshFacts() in its own transaction, the commune's rollup built midway. Then the incrementally kept rollup equals
// a fresh build, and every month, quarter and year view (whole commune, one unit, one field) gives the same counts,
// 2.1 / 5.4 tally and period report both ways. And a change rolled back leaves the rollup as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDb } from '../support/db.ts';
import { refreshFacts } from '../../src/indicators/facts.ts';
import { buildRollup, ensureRollup } from '../../src/indicators/rollup-store.ts';
import { figures, figuresFromFacts } from '../../src/indicators/figures.ts';
import { monthlyOnTime } from '../../src/indicators/public.ts';
import { index766 } from '../../src/indicators/service.ts';
import { periodOf, type PeriodSpec } from '../../src/indicators/core/periods.ts';
import type { SpanFigures } from '../../src/indicators/core/rollup.ts';
import { prng as seededPrng } from '../../src/demo/prng.ts';
import { randomDossierColumns } from './random-dossier.ts';

/** When the figures are read (after every period the tests look at). */
const AT = new Date('2027-01-01T00:00:00+07:00');

const { db } = await testDb();
const COMMUNE = 'xuan-duong';

/** mulberry32 (the demo's seeded generator), so that a failure can be replayed. */
const prng = (seed: number) => seededPrng(seed).next;
const SEED = Number(process.env.ROLLUP_SEED ?? 20261201);
const rnd = prng(SEED);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;

const rollupRows = async () => (await sql<Record<string, unknown>>`
  SELECT commune_id, month, kind, unit_code, field_code, procedure_code, received_month, channel, label, complained, n
    FROM indicator_rollup WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db)).rows;

const plain = (f: SpanFigures) => ({
  counts: f.counts,
  tally: f.tally,
  report: Object.fromEntries([...f.report].filter(([, c]) => Object.entries(c).some(([, v]) => typeof v === 'number' && v !== 0)).sort()),
});

async function mutate(id: string, units: number[]) {
  const values = randomDossierColumns(rnd, units, 0.7);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('dossiers').set(values).where('id', '=', id).execute();
    await refreshFacts(trx, id);
  });
}

test(`generated history (seed ${SEED}): the incremental rollup equals a fresh build and the dossier-by-dossier figures`, async () => {
  const units = (await db.selectFrom('units').select(['id', 'code']).where('commune_id', '=', COMMUNE).execute());
  const procedures = await db.selectFrom('procedures').select(['code', 'version', 'field_code']).distinctOn('field_code')
    .orderBy('field_code').orderBy('code').execute();
  assert.ok(procedures.length >= 3 && units.length >= 2);
  const ids: string[] = [];
  for (let i = 0; i < 80; i++) {
    const p = pick(procedures);
    const r = await db.insertInto('dossiers').values({
      commune_id: COMMUNE, procedure_code: p.code, procedure_version: p.version, channel: 'direct', state: 2, applicant_name: `Người thử ${i}`,
      applicant: JSON.stringify({}), competent_authority: 'Ủy ban nhân dân cấp xã', projection: JSON.stringify({}),
    }).returning('id').executeTakeFirstOrThrow();
    ids.push(r.id);
  }
  for (let step = 0; step < 500; step++) {
    if (step === 200) await ensureRollup(db, COMMUNE); // built midway: from here on, refreshes move it
    await mutate(pick(ids), units.map((u) => u.id));
  }

  const kept = await rollupRows();
  assert.ok(kept.length > 50, `${kept.length} rollup rows`);
  await buildRollup(db, COMMUNE, true);
  assert.deepEqual(await rollupRows(), kept, 'incremental = rebuilt');

  const specs: PeriodSpec[] = [
    ...[9, 10, 11, 12].map((month) => ({ year: 2026, month })), { year: 2027, month: 1 }, { year: 2027, month: 2 }, { year: 2027, month: 3 },
    { year: 2026, quarter: 3 }, { year: 2026, quarter: 4 }, { year: 2027, quarter: 1 }, { year: 2026 }, { year: 2027 },
  ];
  const scopes = [{ communeId: COMMUNE }, { communeId: COMMUNE, unitCode: units[0]!.code }, { communeId: COMMUNE, fieldCode: procedures[0]!.field_code }];
  let inScope = 0;
  for (const scope of scopes) {
    for (const s of specs) {
      const p = periodOf(s);
      const viaFacts = plain(await figuresFromFacts(db, scope, p));
      assert.deepEqual(plain(await figures(db, scope, p, { byProcedure: true })), viaFacts, `${JSON.stringify(scope)} ${JSON.stringify(s)}`);
      inScope += viaFacts.tally.onTime + viaFacts.tally.late;
    }
  }
  assert.ok(inScope > 200, `the views judged ${inScope} dossiers`);

  // The public trend (one read) equals each month's index by the dossier-by-dossier path.
  const trend = await monthlyOnTime(db, COMMUNE, 2026, 12);
  for (let month = 9; month <= 12; month++) {
    const m = await index766(db, { communeId: COMMUNE }, periodOf({ year: 2026, month }), { via: 'facts', now: AT });
    const r = m.index.groups.flatMap((g) => g.indicators).find((x) => x.def.id === '2.1')!;
    assert.equal(trend[month - 1], r.status === 'ok' ? r.rate : null, `month ${month}`);
  }
});

test('a change moves the rollup in its own transaction: rolled back, nothing moves; committed, it does', async () => {
  await ensureRollup(db, COMMUNE);
  const p = await db.selectFrom('procedures').select(['code', 'version']).orderBy('code').executeTakeFirstOrThrow();
  const received = new Date('2026-12-07T02:00:00Z');
  const { id } = await db.insertInto('dossiers').values({
    commune_id: COMMUNE, procedure_code: p.code, procedure_version: p.version, channel: 'direct', state: 4, applicant_name: 'Người thử',
    applicant: JSON.stringify({}), competent_authority: 'Ủy ban nhân dân cấp xã', projection: JSON.stringify({}),
    received_at: received, original_due_at: new Date('2026-12-09T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  await db.transaction().execute((trx) => refreshFacts(trx, id));
  const finals = async (q = db) => (await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM indicator_rollup
    WHERE commune_id = ${COMMUNE} AND kind = 'final' AND month = '2026-12'`.execute(q)).rows[0]!.n;
  const before = await finals();
  const finish = { state: 10, finished_at: new Date('2026-12-08T03:00:00Z') };

  await assert.rejects(db.transaction().execute(async (trx) => {
    await trx.updateTable('dossiers').set(finish).where('id', '=', id).execute();
    await refreshFacts(trx, id);
    assert.equal(await finals(trx), before + 1, 'inside the transaction, the finished dossier is in the rollup');
    assert.equal(await finals(), before, 'not seen by others before the commit');
    throw new Error('rolled back');
  }), /rolled back/);
  assert.equal(await finals(), before, 'rolled back: the rollup has not moved');
  const december = periodOf({ year: 2026, month: 12 });
  assert.deepEqual(plain(await figures(db, { communeId: COMMUNE }, december, { byProcedure: true })), plain(await figuresFromFacts(db, { communeId: COMMUNE }, december)));

  await db.transaction().execute(async (trx) => {
    await trx.updateTable('dossiers').set(finish).where('id', '=', id).execute();
    await refreshFacts(trx, id);
  });
  assert.equal(await finals(), before + 1, 'committed with the change');
  assert.deepEqual(plain(await figures(db, { communeId: COMMUNE }, december, { byProcedure: true })), plain(await figuresFromFacts(db, { communeId: COMMUNE }, december)));
});

test('a view inside a caller\'s transaction builds a commune\'s rollup in that transaction', async () => {
  await db.deleteFrom('indicator_rollup_built').where('commune_id', '=', 'tan-lap').execute();
  const period = periodOf({ year: 2026, quarter: 4 });
  const inside = await db.transaction().execute(async (trx) => {
    const r = await index766(trx, { communeId: 'tan-lap' }, period, { now: AT });
    const built = await trx.selectFrom('indicator_rollup_built').select('commune_id').where('commune_id', '=', 'tan-lap').executeTakeFirst();
    assert.ok(built, 'built within the transaction');
    return r;
  });
  assert.deepEqual(await index766(db, { communeId: 'tan-lap' }, period, { now: AT }), inside);
});
