// The one-stop lifecycle through the HTTP API, on a real database: intake with code and due time, routing
// with the control sheet, one supplement, proposal → approval → result → return, and the history's integrity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';

async function staffId(username: string): Promise<number> {
  const r = await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return r.id;
}

async function intake(at: string, over: Record<string, unknown> = {}) {
  t.setNow(at);
  return call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant(), ...over } });
}

const action = (id: string, type: string, as: string, body: object = {}) =>
  call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });

test('counter intake issues a gap-free daily code and the same-day due time (Luật Hộ tịch 2014 Đ5 k3)', async () => {
  const a = await intake('2026-11-25T09:00:00+07:00');
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.equal(a.body.code, '000.DEMO.XD.H55-261125-0001');
  assert.equal(a.body.state, 2);
  assert.equal(a.body.stateName, 'Được tiếp nhận');
  assert.equal(a.body.dueAt, '2026-11-25T10:00:00.000Z'); // 17:00 +07:00 the same day
  assert.equal(a.body.receivingUnit, 'TTPVHCC');
  // After 15:00 the result is due at the end of the next working day.
  const b = await intake('2026-11-25T15:30:00+07:00');
  assert.equal(b.body.code, '000.DEMO.XD.H55-261125-0002');
  assert.equal(b.body.dueAt, '2026-11-26T10:00:00.000Z');
  // The sequence restarts on the next day.
  const c = await intake('2026-11-26T08:00:00+07:00');
  assert.equal(c.body.code, '000.DEMO.XD.H55-261126-0001');
});

test('the whole path: route, supplement once, propose, approve, issue, return; history is hash-chained', async () => {
  const hotich = await staffId('hotich');
  const d = await intake('2026-11-27T08:00:00+07:00');
  const id = d.body.id as string;

  t.setNow('2026-11-27T08:30:00+07:00');
  const routed = await action(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: String(hotich) });
  assert.equal(routed.status, 200, JSON.stringify(routed.body));
  assert.equal(routed.body.state, 4);
  assert.equal(routed.body.currentUnit, 'VHXH');
  const handover = routed.body.events.at(-1).handover;
  assert.equal(handover.fromUnit, 'TTPVHCC');
  assert.equal(handover.toUnit, 'VHXH');
  assert.ok(['early', 'on_time', 'late'].includes(handover.result));

  t.setNow('2026-11-27T09:00:00+07:00');
  const sup = await action(id, 'request_supplement', 'hotich', { items: ['Giấy chứng sinh bản chính'], reason: 'Thiếu giấy chứng sinh' });
  assert.equal(sup.status, 200, JSON.stringify(sup.body));
  assert.equal(sup.body.state, 5);
  assert.ok(sup.body.pausedAt);

  // The citizen brings the paper two working days later; the clock resumes with the remaining time.
  t.setNow('2026-12-01T09:00:00+07:00');
  const back = await action(id, 'supplement_provided', 'motcua');
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.state, 4);
  assert.equal(back.body.pausedAt, null);
  assert.ok(new Date(back.body.dueAt) > new Date(d.body.dueAt), 'due time moved on by the paused time');

  // A second supplement request after receipt is refused (QĐ 766: more than one ⇒ late).
  const again = await action(id, 'request_supplement', 'hotich', { items: ['Bản sao CCCD'], reason: 'Thiếu' });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'SECOND_SUPPLEMENT_NOT_ALLOWED');
  assert.match(again.headers['content-type'] as string, /application\/problem\+json/);

  // Issuing before approval is refused.
  const early = await action(id, 'issue_result', 'hotich');
  assert.equal(early.body.code, 'RESULT_NOT_APPROVED');

  t.setNow('2026-12-01T10:00:00+07:00');
  assert.equal((await action(id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện, đề nghị đăng ký', proposalOutcome: 'approve' })).status, 200);
  assert.equal((await action(id, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) })).status, 200);
  const signed = await action(id, 'approve', 'chutich');
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const issued = await action(id, 'issue_result', 'hotich');
  assert.equal(issued.status, 200, JSON.stringify(issued.body));
  assert.equal(issued.body.state, 9);
  assert.equal(issued.body.outcome, 'granted');
  assert.equal(issued.body.currentUnit, 'TTPVHCC', 'the result goes back to the one-stop desk');

  t.setNow('2026-12-01T14:00:00+07:00');
  const returned = await action(id, 'return_result', 'motcua', { channel: 'counter' });
  assert.equal(returned.status, 200, JSON.stringify(returned.body));
  assert.equal(returned.body.state, 10);
  assert.deepEqual(returned.body.allowedActions, []);

  const h = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' });
  assert.equal(h.status, 200);
  assert.equal(h.body.intact, true);
  assert.deepEqual(
    h.body.events.map((e: { action: string }) => e.action),
    ['receive_counter', 'assign', 'request_supplement', 'supplement_provided', 'propose_result', 'submit_for_signature', 'approve', 'issue_result', 'return_result'],
  );
});

test('the application role cannot rewrite or delete history, and a forged entry is detected', async () => {
  const d = await intake('2026-12-02T08:00:00+07:00');
  await assert.rejects(
    sql`UPDATE dossier_events SET payload = '{}' WHERE dossier_id = ${d.body.id}`.execute(t.db),
    (e: { code?: string }) => e.code === '42501',
  );
  await assert.rejects(sql`DELETE FROM dossier_events WHERE dossier_id = ${d.body.id}`.execute(t.db), (e: { code?: string }) => e.code === '42501');
  // Even the owner (bypassing the role) is stopped by the trigger…
  const owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
  try {
    await assert.rejects(owner.query(`UPDATE dossier_events SET payload = '{"x":1}' WHERE dossier_id = $1`, [d.body.id]), /append-only/);
    // …and if someone disables the trigger and forges an entry, the hash chain shows it.
    await owner.query('ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_no_update');
    await owner.query(`UPDATE dossier_events SET payload = '{"note":"sửa lén"}' WHERE dossier_id = $1`, [d.body.id]);
    await owner.query('ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_no_update');
  } finally {
    await owner.end();
  }
  const h = await call(t, 'GET', `/api/v1/dossiers/${d.body.id}/history`, { as: 'motcua' });
  assert.equal(h.body.intact, false);
  assert.equal(h.body.firstBrokenSeq, 1);
});

test('idempotency: a repeated request returns the first result; the same key with another body is refused', async () => {
  t.setNow('2026-12-03T08:00:00+07:00');
  const body = { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Lê Thị Bình' }) };
  const first = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body, key: 'same-key-0001' });
  const second = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body, key: 'same-key-0001' });
  assert.equal(first.status, 201);
  assert.equal(second.status, 201);
  assert.equal(second.body.id, first.body.id);
  assert.equal(second.headers['idempotency-replayed'], 'true');
  const n = await t.db.selectFrom('dossiers').select(sql<number>`count(*)::int`.as('n')).where('applicant_name', '=', 'Lê Thị Bình').executeTakeFirstOrThrow();
  assert.equal(n.n, 1);
  const other = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { ...body, note: 'khác' }, key: 'same-key-0001' });
  assert.equal(other.status, 422);
  assert.equal(other.body.code, 'IDEMPOTENCY_KEY_REUSED');
  const missing = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body, key: null });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.code, 'IDEMPOTENCY_KEY_REQUIRED');
});

test('concurrent intakes get unique, gap-free codes', async () => {
  t.setNow('2026-12-04T08:00:00+07:00');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name: `Người ${i}` }) } }),
    ),
  );
  assert.ok(results.every((r) => r.status === 201), JSON.stringify(results.find((r) => r.status !== 201)?.body));
  const seqs = results.map((r) => Number((r.body.code as string).slice(-4))).sort((a, b) => a - b);
  assert.deepEqual(seqs, Array.from({ length: 20 }, (_, i) => i + 1));
});

test('online submission is received by the officer, who then gets a code', async () => {
  t.setNow('2026-12-07T20:00:00+07:00'); // Monday evening, outside office hours
  const s = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Trần Thị Cúc' }) });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  assert.equal(s.body.state, 1);
  t.setNow('2026-12-08T07:30:00+07:00');
  const r = await action(s.body.id, 'receive_online', 'motcua');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.state, 2);
  assert.match(r.body.code, /^000\.DEMO\.XD\.H55-261208-\d{4}$/);
  assert.equal(r.body.channel, 'online');
});

test('the public status lookup needs the code and the last 4 digits of the ID number', async () => {
  const d = await intake('2026-12-09T08:00:00+07:00');
  const ok = await call(t, 'GET', `/api/v1/public/status?code=${d.body.code}&idLast4=4567`);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.stateName, 'Được tiếp nhận');
  assert.equal(ok.body.timeline.length, 1);
  assert.equal(JSON.stringify(ok.body).includes('001203004567'), false, 'no ID number in the public answer');
  const wrong = await call(t, 'GET', `/api/v1/public/status?code=${d.body.code}&idLast4=0000`);
  assert.equal(wrong.status, 404);
  assert.equal(wrong.body.code, 'DOSSIER_LOOKUP_FAILED');
  const unknown = await call(t, 'GET', `/api/v1/public/status?code=000.DEMO.XD.H55-261209-9999&idLast4=4567`);
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'DOSSIER_LOOKUP_FAILED');
});

test('five wrong 4-digit answers lock a code for 15 minutes, even for the right answer', async () => {
  const d = await intake('2026-12-10T08:00:00+07:00');
  const ask = (last4: string) => call(t, 'GET', `/api/v1/public/status?code=${d.body.code}&idLast4=${last4}`);
  for (const guess of ['0001', '0002', '0003', '0004']) assert.equal((await ask(guess)).status, 404);
  assert.equal((await ask('4567')).status, 200, 'a right answer before the fifth failure clears the count');
  for (const guess of ['0001', '0002', '0003', '0004', '0005']) assert.equal((await ask(guess)).status, 404);
  const locked = await ask('4567');
  assert.equal(locked.status, 429);
  assert.equal(locked.body.code, 'LOOKUP_LOCKED');
  assert.match(locked.body.detail ?? locked.body.title, /thử lại sau 15 phút/);
  t.setNow('2026-12-10T08:16:00+07:00');
  assert.equal((await ask('4567')).status, 200, 'unlocked after the window');
  t.setNow(null);
});

test('an online dossier takes the procedure version in force when it is received, and keeps it', async () => {
  // 2.000635 (bản sao trích lục hộ tịch) has version 1 until 2026-07-01 and version 2 from then on.
  t.setNow('2026-06-30T16:00:00+07:00');
  const s = await fileOnline(t, { procedureCode: '2.000635', applicant: applicant({ name: 'Đào Văn Dũng' }) });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const before = await t.db.selectFrom('dossiers').select('procedure_version').where('id', '=', s.body.id).executeTakeFirstOrThrow();
  assert.equal(before.procedure_version, 1);
  t.setNow('2026-07-01T08:00:00+07:00');
  const r = await action(s.body.id, 'receive_online', 'motcua');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.procedure.version, 2);
  t.setNow('2026-07-01T09:00:00+07:00');
  const routed = await action(s.body.id, 'assign', 'motcua', { unitCode: 'VHXH' });
  assert.equal(routed.body.procedure.version, 2, 'later actions keep the version of receipt');
});
