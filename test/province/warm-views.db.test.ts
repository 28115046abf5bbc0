// Issue 16 (scale): the keeper computes the periods the province pages open on (this month, the month just closed,
// this year) before anyone asks, so their first visitor is served from the cache without a statement; another period
// is still computed at its first visit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedProvinceFigures, forgetProvinceFigures, keepProvinceFiguresWarm } from '../../src/province/access.ts';
import { provinceSpec } from '../../src/province/core/period.ts';
import { watchStatements } from '../support/sent-statements.ts';
import { testDb } from '../support/db.ts';

const during = watchStatements();
const { db } = await testDb();
const NOW = new Date('2026-12-01T03:00:00Z');
const PROVINCE = 'Thái Nguyên';

test('after a run of the keeper, this month, last month and this year are served without a statement; a past year is computed', async () => {
  forgetProvinceFigures();
  const errors: unknown[] = [];
  const keeper = keepProvinceFiguresWarm(db, () => NOW, (e) => errors.push(e));
  try {
    await keeper.runOnce();
    assert.deepEqual(errors, []);
    const month = provinceSpec({}, NOW);
    assert.deepEqual(month, { year: 2026, month: 12 });
    for (const spec of [month, { year: 2026, month: 11 }, { year: 2026 }]) {
      let rows = 0;
      const sent = await during(async () => { rows = (await cachedProvinceFigures(db, PROVINCE, spec, NOW)).rows.length; });
      assert.deepEqual(sent, [], `${JSON.stringify(spec)} from the cache`);
      assert.ok(rows >= 2, 'the demo communes are ranked');
    }
    const past = await during(() => cachedProvinceFigures(db, PROVINCE, { year: 2025 }, NOW));
    assert.ok(past.length > 0, 'a period nobody kept is computed at its first visit');
  } finally {
    await keeper.stop();
    forgetProvinceFigures();
  }
});

test('a failing run is reported, and the next run goes on', async () => {
  const errors: unknown[] = [];
  let fail = true;
  const flaky = new Proxy(db, {
    get(target, prop) {
      if (prop === 'selectFrom' && fail) throw new Error('database away');
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const keeper = keepProvinceFiguresWarm(flaky, () => NOW, (e) => errors.push(e));
  try {
    await keeper.runOnce();
    assert.equal(errors.length, 1);
    fail = false;
    await keeper.runOnce();
    assert.equal(errors.length, 1);
  } finally {
    await keeper.stop();
    forgetProvinceFigures();
  }
});
