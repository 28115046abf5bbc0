// Issue 16, the lean lookup: the public status lookup is ONE statement (the dossier, its timeline and the attempt's
// count decided together under the counter's row lock: dossiers/public-store.ts guardedLookupRow), on a counter table
// whose writes cost no WAL flush (migration 053, UNLOGGED); the rules of issue 13 still hold (lifecycle.app.test.ts,
// attempt-concurrency.app.test.ts, desk-id-check.app.test.ts for the phone): here, the statement and what it decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { testApp, newKey } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { watchStatements } from '../support/sent-statements.ts';
import { LOOKUP_POLICY } from '../../src/shared/attempts.ts';
import { HONG, fileOnline } from '../identity/citizen-support.ts';

const statementsDuring = watchStatements(); // before the app opens any connection
const t = await testApp();

async function received(idNumber: string) {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key: newKey(), body: { procedureCode: '1.001193', applicant: applicant({ idNumber }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}

const ask = (code: string, last4: string) => call(t, 'GET', `/api/v1/public/status?code=${encodeURIComponent(code)}&idLast4=${last4}`);

test('a lookup sends one statement, whatever its answer; the counter table writes no WAL', async () => {
  const d = await received('001203007781');
  await ask(d.code, '7781'); // warms the connection's scope
  const random = Math.random;
  Math.random = () => 0.5; // no purge of ended counters in this request (1 in 100 do it)
  try {
    for (const [last4, status] of [['7781', 200], ['0000', 404]] as const) {
      let r: Awaited<ReturnType<typeof ask>> | undefined;
      const statements = (await statementsDuring(async () => { r = await ask(d.code, last4); }))
        .filter((s) => !/^SELECT set_config\('xaso\.commune'/.test(s));
      assert.equal(r!.status, status, JSON.stringify(r!.body));
      assert.equal(statements.length, 1, statements.join('\n---\n'));
      assert.match(statements[0]!, /attempt_counters/);
      assert.match(statements[0]!, /dossier_events/);
    }
  } finally {
    Math.random = random;
  }
  const table = await sql<{ p: string }>`SELECT relpersistence AS p FROM pg_class WHERE oid = 'attempt_counters'::regclass`.execute(t.db);
  assert.equal(table.rows[0]!.p, 'u', 'UNLOGGED (migration 053)');
});

test('the answer: the timeline when right; the same 404 for a wrong answer and an unknown code; no ID number', async () => {
  const d = await received('001203007782');
  const ok = await ask(d.code, '7782');
  assert.equal(ok.status, 200);
  assert.equal(ok.body.code, d.code);
  assert.equal(ok.body.state, 2);
  assert.ok(Array.isArray(ok.body.timeline) && ok.body.timeline.length === 1, JSON.stringify(ok.body));
  assert.ok(!JSON.stringify(ok.body).includes('001203007782'));
  assert.equal(ok.body.archivedLog, null, 'a live log');
  const wrong = await ask(d.code, '7783');
  const unknown = await ask(d.code.replace(/\d{4}$/, '9999'), '7782');
  assert.deepEqual([wrong.status, wrong.body.code], [404, 'DOSSIER_LOOKUP_FAILED']);
  assert.deepEqual([unknown.status, unknown.body], [wrong.status, wrong.body]);
});

test('the count: a right answer clears it; the limit holds for the right answer; a new window starts at 0 or 1', async () => {
  const d = await received('001203007784');
  const max = LOOKUP_POLICY.max;
  const hash = crypto.createHash('sha256').update(`lookup:${d.code}`).digest('hex');
  const subject = async () => (await sql<{ count: number }>`SELECT count FROM attempt_counters WHERE subject = ${hash}`.execute(t.db)).rows[0]?.count;
  for (let i = 0; i < max - 1; i++) assert.equal((await ask(d.code, '0000')).status, 404);
  assert.equal((await ask(d.code, '7784')).status, 200, 'within the limit');
  assert.equal(await subject(), 0, 'cleared by the right answer');
  for (let i = 0; i < max; i++) assert.equal((await ask(d.code, '0000')).status, 404);
  assert.equal((await ask(d.code, '7784')).status, 429, 'past the limit even for the right answer');
  assert.equal((await ask(d.code, '0000')).status, 429);
  t.setNow(new Date(Date.now() + (LOOKUP_POLICY.windowMinutes + 1) * 60_000).toISOString());
  try {
    assert.equal((await ask(d.code, '0000')).status, 404, 'a new window: a wrong answer counts 1');
    assert.equal((await ask(d.code, '7784')).status, 200);
  } finally {
    t.setNow(null);
  }
});

test('by reference, before the code exists', async () => {
  const online = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ name: HONG.name, idNumber: HONG.idNumber }) });
  assert.equal(online.status, 201, JSON.stringify(online.body));
  const byRef = await ask(online.body.reference as string, HONG.idNumber.slice(-4));
  assert.equal(byRef.status, 200, JSON.stringify(byRef.body));
  assert.equal(byRef.body.reference, online.body.reference);
  assert.equal(byRef.body.code, null);
  assert.equal(byRef.body.state, 1);
});
