// Issue 16, the lean intake: a counter intake is at most five round trips in its transaction (BEGIN, the key's claim,
// the dossier's statement with its log entry, routing, facts and sync message, the stored response with the code drawn
// and the showings logged, COMMIT); the daily counter is locked in the last statement only; the code drawn there
// replaces its placeholder everywhere (the response, its replay, the dossier, its notices), and the code drawn in SQL
// is the one formatDossierCode makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { formatDossierCode } from '../../src/dossiers/core/index.ts';
import { testApp, newKey } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { watchStatements } from '../support/sent-statements.ts';

const statementsDuring = watchStatements(); // before the app opens any connection
const t = await testApp();
const CODE = /^[\d.A-Z]+-\d{6}-\d{4,}$/;

test('a counter intake sends at most five statements in its transaction, the counter in the last before COMMIT', async () => {
  const body = { procedureCode: '1.001193', applicant: applicant({ idNumber: '001203004567' }) };
  // Warms the caches (session, catalogue, units; the desk's support point is created by the first intake, then read
  // once by the second and kept).
  for (let i = 0; i < 2; i++) await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key: newKey(), body });
  const sent = await statementsDuring(async () => {
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key: newKey(), body });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });
  // With the commune's scope to set, BEGIN carries it in the same message (db/scope.ts): one round trip still.
  const begin = sent.findIndex((s) => /^begin/i.test(s.trim()));
  const commit = sent.findIndex((s) => /^commit/i.test(s.trim()));
  assert.ok(begin >= 0 && commit > begin, sent.join('\n---\n'));
  const inTransaction = sent.slice(begin, commit + 1);
  assert.ok(inTransaction.length <= 5, `${inTransaction.length} statements:\n${inTransaction.join('\n---\n')}`);
  const counter = inTransaction.findIndex((s) => s.includes('dossier_code_counters'));
  assert.equal(counter, inTransaction.length - 2, 'the counter row is locked by the last statement before COMMIT');
});

test('the drawn code replaces its placeholder in the response, its replay, the dossier, its notices and the stored response', async () => {
  const key = newKey();
  const body = { procedureCode: '1.001193', applicant: applicant({ idNumber: '001203004568', phone: '0912345678', email: 'dan@example.vn' }) };
  const first = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key, body });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const code = first.body.code as string;
  assert.match(code, CODE);
  assert.ok(!JSON.stringify(first.body).includes('XASOPENDINGCODE'), 'no placeholder in the response');
  const replay = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key, body });
  assert.equal(replay.headers['idempotency-replayed'], 'true');
  assert.deepEqual(replay.body, first.body);
  const row = await t.db.selectFrom('dossiers').select('code').where('id', '=', first.body.id).executeTakeFirstOrThrow();
  assert.equal(row.code, code);
  const notices = await t.db.selectFrom('notifications').select('facts').where('dossier_id', '=', first.body.id).execute();
  assert.ok(notices.length >= 1, 'the applicant is told of the receipt');
  for (const n of notices) {
    assert.ok(!JSON.stringify(n.facts).includes('XASOPENDINGCODE'));
    assert.equal((n.facts as { code?: string }).code, code);
  }
  const facts = await t.db.selectFrom('indicator_facts').select('commune_id').where('dossier_id', '=', first.body.id).execute();
  assert.equal(facts.length, 1, 'the facts row went in with the dossier');
  const sync = await t.db.selectFrom('sync_messages').select(['seq', 'kind']).where('dossier_id', '=', first.body.id).execute();
  assert.deepEqual(sync.map((s) => [s.seq, s.kind]), [[1, 'create']], 'and its first sync message');
  const shown = await t.db.selectFrom('access_log').select('action').where('dossier_id', '=', first.body.id).where('action', '=', 'view_id_number').execute();
  assert.equal(shown.length, 2, 'the showing of the ID number is logged, and again at the replay');
});

test('concurrent intakes of one unit draw gap-free codes in the last statement', async () => {
  const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua', key: newKey(), body: { procedureCode: '1.001193', applicant: applicant({ idNumber: `0012030045${String(i).padStart(2, '0')}` }) },
  })));
  assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
  const seqs = rs.map((r) => Number((r.body.code as string).split('-').at(-1))).sort((a, b) => a - b);
  for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1]! + 1, `gap-free: ${seqs.join(',')}`);
});

test('the code drawn in SQL is the one formatDossierCode makes, past 9999 too (SEQUENCE_DIGITS, then more digits)', async () => {
  const intake = (i: number) => call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua', key: newKey(), body: { procedureCode: '1.001193', applicant: applicant({ idNumber: `0012030${String(i).padStart(5, '0')}` }) },
  });
  const first = await intake(0);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  // The unit's counter for the day moved on to 9,998: the next three intakes draw 9,999, 10,000 and 10,001.
  const unit = (await t.db.selectFrom('dossiers').select('receiving_unit_id').where('id', '=', first.body.id).executeTakeFirstOrThrow()).receiving_unit_id!;
  await sql`UPDATE dossier_code_counters SET last_seq = 9998 WHERE receiving_unit_id = ${unit}
    AND day = (SELECT max(day) FROM dossier_code_counters WHERE receiving_unit_id = ${unit})`.execute(t.db);
  const agency = (first.body.code as string).split('-')[0]!;
  for (const seq of [9999, 10_000, 10_001]) {
    const r = await intake(seq);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.code, formatDossierCode(agency, new Date(r.body.receivedAt), seq));
  }
});
