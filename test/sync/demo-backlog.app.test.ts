// A demo year of dossiers (written through the real service, as on a first start, so their messages wait in the
// outbox) all pass the stand-in portal's contract checks: the mapping holds on real data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { drain, syncDeps } from './support.ts';
import { generateDemoActivity } from '../../src/demo/activity.ts';

const t = await testApp({ standIns: ['portal'] });
const NOW = new Date('2026-11-20T10:00:00+07:00');
await generateDemoActivity(t.db, NOW, 150);

test('the demo backlog is delivered without a single refusal', async (ctx) => {
  const pending = await t.db.selectFrom('sync_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  assert.ok(Number(pending.n) > 100, `a backlog to deliver (${pending.n})`);
  const started = performance.now();
  const failures = await drain(syncDeps(t, { now: new Date(+NOW + 86_400_000) }));
  const codes = [...new Set(failures.map((f) => `${f.code}: ${f.message}`))];
  assert.deepEqual(codes.slice(0, 5), [], `${failures.length} refusals`);
  const left = await t.db.selectFrom('sync_messages').select('id').where('status', '<>', 'delivered').execute();
  assert.equal(left.length, 0);
  ctx.diagnostic(`delivered ${pending.n} demo messages in ${Math.round(performance.now() - started)} ms`);
});
