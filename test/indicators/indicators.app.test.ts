// The indicators from real dossiers through the API: facts kept in the transaction of each change, the 766 index
// and the period report agree, unavailable indicators say why, and bad queries get problem+json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { KHAI_SINH, engine } from './support.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();

const { intake, act } = engine(t);

test('December 2026: one dossier finished on time, one still open and late, one refused at receipt', async () => {
  const done = await intake('2026-12-07T09:00:00+07:00');
  await act(done, 'assign', 'motcua', '2026-12-07T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(done, 'propose_result', 'hotich', '2026-12-07T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await act(done, 'submit_for_signature', 'hotich', '2026-12-07T09:45:00+07:00', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) });
  await act(done, 'approve', 'chutich', '2026-12-07T10:00:00+07:00');
  await act(done, 'issue_result', 'hotich', '2026-12-07T10:30:00+07:00');
  await intake('2026-12-08T09:00:00+07:00'); // never finished: late at the end of December (same-day procedure)
  t.setNow('2026-12-09T09:00:00+07:00');
  const refused = await call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant(), action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền' },
  });
  assert.equal(refused.status, 201, JSON.stringify(refused.body));

  const facts = await t.db.selectFrom('indicator_facts').selectAll().where('commune_id', '=', 'xuan-duong').execute();
  assert.equal(facts.length, 3, 'a fact row per dossier, written with the change');
  assert.deepEqual(facts.find((f) => f.dossier_id === refused.body.id)!.counts, [], 'never received: counts nowhere');

  const r = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&month=12');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const ind = (id: string) => r.body.groups.flatMap((g: { indicators: unknown[] }) => g.indicators).find((i: { id: string }) => i.id === id);
  assert.deepEqual([ind('2.1').numerator, ind('2.1').denominator, ind('2.1').score], [1, 2, 10]);
  assert.deepEqual([ind('4.2').numerator, ind('4.2').denominator, ind('4.2').status], [0, 2, 'ok']);
  assert.equal(ind('5.4').numerator, 1, '100 % − 50 % late');
  // Synced ÷ received (src/sync/measure.ts): nothing was delivered to the portal here (no sync worker runs).
  assert.deepEqual([ind('1.4').numerator, ind('1.4').denominator, ind('1.4').status], [0, 2, 'ok']);
  assert.equal(ind('1.3').status, 'ok');
  assert.ok(ind('1.3').denominator >= 25, 'the procedures in force');
  assert.equal(r.body.period, 'tháng 12/2026');

  const rep = await call(t, 'GET', '/api/v1/indicators/report?commune=xuan-duong&year=2026&month=12');
  assert.equal(rep.status, 200);
  assert.deepEqual([rep.body.receivedDirect, rep.body.total, rep.body.processedOnTime, rep.body.inProgressLate], [2, 2, 1, 1]);
  assert.equal(rep.body.fields[0].procedures[0].code, KHAI_SINH);

  const november = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&month=11');
  assert.equal(november.body.groups.find((g: { id: string }) => g.id === 'progress').indicators[0].status, 'no_data', 'no dossiers: N/A');
  const other = await call(t, 'GET', '/api/v1/indicators/766?commune=tan-lap&year=2026&month=12');
  assert.equal(other.status, 200);
  assert.equal(other.body.groups.find((g: { id: string }) => g.id === 'progress').indicators[0].denominator, 0, 'scoped to the commune');
  t.setNow(null);
});

test('bad queries: unknown commune 404, bad month 400, as problem+json', async () => {
  const unknown = await call(t, 'GET', '/api/v1/indicators/766?commune=khong-co&year=2026');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'UNKNOWN_COMMUNE');
  const bad = await call(t, 'GET', '/api/v1/indicators/report?commune=xuan-duong&year=2026&month=13');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'VALIDATION_FAILED');
});
