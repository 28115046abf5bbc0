// Issue 12, 766 indicators 3.6 and 4.2, hand-computed through the real engine (domain.md §4):
// - 3.6's denominator is the dossiers of fee-bearing procedures minus those whose fees are all 0, paid or not: of
//   three birth registrations, the on-time one is exempt (Luật Hộ tịch 2014 Đ11 k1 điểm b), the late one paid online
//   counts above and below, the late one not paid counts below only → 1 of 2;
// - 4.2 asks no file of a paper that is only shown at the counter (the ID card: TT 03/2025/TT-VPCP Đ5 k2): a dossier
//   with every filed paper scanned and its e-result is digitised without a scan of the ID card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call, multipart } from '../support/http.ts';
import { newKey } from '../support/app.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { birthAnswers, MOTHER } from '../dossiers/birth-declaration.ts';
import { ID_LAST4, ipn, paymentApp } from '../payments/support.ts';
import { engine } from './support.ts';

const t = await paymentApp();
const { intake, act, sign } = engine(t);
const KHAI_SINH = '1.001193';
const ind = async (id: string) => {
  const r = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&month=12');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const i = (r.body.groups as { indicators: { id: string; numerator: number; denominator: number }[] }[])
    .flatMap((g) => g.indicators).find((x) => x.id === id)!;
  return [i.numerator, i.denominator];
};

/** A birth registration filed online on 2026-12-07 08:00 for a child born on `born`, received at 09:00. */
async function onlineBirth(born: string) {
  t.setNow('2026-12-07T08:00:00+07:00');
  const r = await fileOnline(t, {
    procedureCode: KHAI_SINH, applicant: applicant(MOTHER), answers: birthAnswers({ childDateOfBirth: born }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await act(r.body.id, 'receive_online', 'motcua', '2026-12-07T09:00:00+07:00');
  return r.body as { id: string; reference: string };
}

async function scan(id: string, component: string) {
  const m = multipart(`${component.toLowerCase()}.pdf`, Buffer.from(`%PDF-1.4\n% ${id} ${component}\n%%EOF\n`), 'application/pdf');
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=scan`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  assert.equal(res.statusCode, 201, res.body);
}

test('3.6: exempt dossiers leave the denominator, unpaid fee-bearing ones stay in it', async () => {
  await onlineBirth('2026-11-20'); // 17 days: on time, exempt (0 đ)
  const paid = await onlineBirth('2026-09-01'); // 97 days: late, 5 000 đ
  await onlineBirth('2026-09-02'); // late, 5 000 đ, not paid
  t.setNow('2026-12-07T10:00:00+07:00');
  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code: paid.reference, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 201, JSON.stringify(pay.body));
  assert.equal((await ipn(t, { orderRef: pay.body.ref, amountVnd: 5_000 })).RspCode, '00');
  // Fee-bearing with a fee not all 0: the two late ones; paid online: one → 1 of 2 (not 1 of 1: the unpaid one counts).
  assert.deepEqual(await ind('3.6'), [1, 2]);
  t.setNow(null);
});

test('4.2: the ID card, only shown at the counter, needs no scan for a dossier to count as digitised', async () => {
  const before = await ind('4.2');
  const on = { answers: birthAnswers({ childDateOfBirth: '2026-12-01' }) }; // on time: no fee, 3.6 stays as it was
  // P: the declaration and the birth certificate scanned, the ID card only shown; result signed electronically.
  const p = await intake('2026-12-08T08:00:00+07:00', 'motcua', on);
  // Q: the same, but the birth certificate not scanned.
  const q = await intake('2026-12-08T08:05:00+07:00', 'motcua', on);
  t.setNow('2026-12-08T08:10:00+07:00');
  await scan(p, 'TO_KHAI');
  await scan(p, 'GIAY_CHUNG_SINH');
  await scan(q, 'TO_KHAI');
  for (const id of [p, q]) {
    await act(id, 'assign', 'motcua', '2026-12-08T08:20:00+07:00', { unitCode: 'VHXH' });
    await act(id, 'propose_result', 'hotich', '2026-12-08T08:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
    await sign(id, 'chutich', '2026-12-08T08:40:00+07:00');
  }
  const files = await t.db.selectFrom('dossier_files').select('component_code').where('dossier_id', '=', p).execute();
  assert.deepEqual(files.map((f) => f.component_code).sort(), ['GIAY_CHUNG_SINH', 'KET_QUA', 'TO_KHAI'], 'no file of the ID card');
  // Two more received; P digitised (every filed paper and the e-result), Q not (its birth certificate).
  assert.deepEqual(await ind('4.2'), [before[0]! + 1, before[1]! + 2]);
  assert.deepEqual(await ind('3.6'), [1, 2], 'on-time births owe nothing');
  t.setNow(null);
});
