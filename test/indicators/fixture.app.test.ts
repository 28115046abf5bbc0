// A hand-computed fixture through the real engine (domain.md §4): one finished on time, one withdrawn, one stopped
// after its deadline, one refused at receipt, one left waiting for a supplement, one carried over from November and
// still open, a "không hài lòng" rating, and another commune's dossier. Every number below is worked out by hand in
// the comments; the 766 index, the period report and the dossiers behind each figure must agree with them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { engine } from './support.ts';
import { call } from '../support/http.ts';
import { saveRating } from '../../src/ratings/service.ts';

const t = await testApp();

const { intake, act } = engine(t);
const ind = (body: { groups: { indicators: { id: string }[] }[] }, id: string) =>
  body.groups.flatMap((g) => g.indicators).find((i) => i.id === id) as unknown as { numerator: number; denominator: number; score: number | null; status: string };

test('the December 2026 fixture', async () => {
  // F: received 30/11 09:00, never finished: carried over into December, late (due 30/11 17:00).
  await intake('2026-11-30T09:00:00+07:00');
  // A: received 7/12 09:00, result issued 10:30 the same day: on time (same day as the appointment, not earlier).
  const a = await intake('2026-12-07T09:00:00+07:00');
  await act(a, 'assign', 'motcua', '2026-12-07T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(a, 'propose_result', 'hotich', '2026-12-07T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await act(a, 'submit_for_signature', 'hotich', '2026-12-07T09:45:00+07:00', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) });
  await act(a, 'approve', 'chutich', '2026-12-07T10:00:00+07:00');
  await act(a, 'issue_result', 'hotich', '2026-12-07T10:30:00+07:00');
  // B: received 7/12 11:00, withdrawn at the citizen's request 11:30: ended on time.
  const b = await intake('2026-12-07T11:00:00+07:00');
  await act(b, 'withdraw', 'motcua', '2026-12-07T11:30:00+07:00');
  // C: received 8/12 09:00, stopped 9/12 09:00, after its deadline (8/12 17:00): late.
  const c = await intake('2026-12-08T09:00:00+07:00');
  await act(c, 'stop_processing', 'motcua', '2026-12-09T09:00:00+07:00', { reason: 'Người yêu cầu không bổ sung' });
  // D: refused at receipt: in no count.
  await intake('2026-12-09T09:30:00+07:00', 'motcua', { action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền' });
  // E: received 9/12 09:00, supplement requested 10:00 and never completed: ended at the request, on time.
  const e = await intake('2026-12-09T09:00:00+07:00');
  await act(e, 'request_supplement', 'motcua', '2026-12-09T10:00:00+07:00', { items: 'Giấy chứng sinh', reason: 'Thiếu giấy chứng sinh' });
  // Another commune's dossier: not in Xuân Dương's figures.
  await intake('2026-12-10T09:00:00+07:00', 'tl.motcua');
  // A's applicant is dissatisfied.
  const rated = await saveRating(t.db, a, { overall: 'dissatisfied', criteria: {}, comment: '' }, new Date('2026-12-08T02:00:00Z'));
  assert.equal(rated.ok, true);

  const r = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&month=12');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  // 2.1: in scope A, B, C, E, F (D never received) = 5; on time A, B, E = 3 → 60 % of 20 points = 12.
  assert.deepEqual([ind(r.body, '2.1').numerator, ind(r.body, '2.1').denominator, ind(r.body, '2.1').score], [3, 5, 12]);
  // 5.4: 100 % − (2 late of 5 + 1 complained of 5) = 2 of 5 = 40 %; full at 90 % → 6 × 0.4 / 0.9 = 2.67.
  assert.deepEqual([ind(r.body, '5.4').numerator, ind(r.body, '5.4').denominator, ind(r.body, '5.4').score], [2, 5, 2.67]);
  // 4.2 (digitised): received in December A, B, C, E = 4, none with files → 0 of 4 → 0 points, not N/A.
  assert.deepEqual([ind(r.body, '4.2').numerator, ind(r.body, '4.2').denominator, ind(r.body, '4.2').score], [0, 4, 0]);
  // 3.6 (paid online): khai sinh charges 5 000 đ for a late registration only; these four were received without a
  // declaration, so no date of birth exempts them: each owes the fee (as its fee line says), none paid online →
  // 0 of 4 → 0 points, not N/A (the unpaid fee-bearing dossiers are in the denominator).
  assert.deepEqual([ind(r.body, '3.6').numerator, ind(r.body, '3.6').denominator, ind(r.body, '3.6').score], [0, 4, 0]);

  const rep = await call(t, 'GET', '/api/v1/indicators/report?commune=xuan-duong&year=2026&month=12');
  const x = rep.body;
  // Carried over F; received at the counter A, B, C, E; processed on time A, B; late C; in progress on time E
  // (waiting for the supplement), late F.
  assert.deepEqual(
    [x.carriedOver, x.receivedDirect, x.receivedOnline, x.total, x.processedEarly, x.processedOnTime, x.processedLate, x.inProgressOnTime, x.inProgressLate],
    [1, 4, 0, 5, 0, 2, 1, 1, 1],
  );
  const november = await call(t, 'GET', '/api/v1/indicators/report?commune=xuan-duong&year=2026&month=11');
  assert.deepEqual([november.body.total, november.body.inProgressLate], [1, 1], 'F was already late at the end of November');
  const quarter = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&quarter=4');
  assert.deepEqual([ind(quarter.body, '2.1').numerator, ind(quarter.body, '2.1').denominator], [3, 5], 'Q4: the same five dossiers');

  // The dossiers behind 2.1's numerator are A, B and E.
  const cookie = await t.login('chutich');
  const page = await t.app.inject({ method: 'GET', url: '/can-bo/chi-so/ho-so?chi_so=2.1&phan=tu&nam=2026&thang=12', headers: { cookie } });
  for (const id of [a, b, e]) assert.ok(page.body.includes(id), `numerator lists ${id}`);
  assert.ok(!page.body.includes(c), 'C is late');
  t.setNow(null);
});
