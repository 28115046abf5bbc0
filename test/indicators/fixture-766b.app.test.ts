// Issue 12, a second hand-computed 766 fixture through the real engine (domain.md §4): the payment group (3.5a, 3.5b,
// 3.6), digitisation (4.2), the e-data store (4.4) and population data (4.5b). Five dossiers received in December
// 2026 in Xuân Dương:
//   A  counter, birth registered on time (fee exempt, Luật Hộ tịch 2014 Đ11 k1 điểm b), declaration and birth
//      certificate scanned, the ID card only shown; signed e-result issued and returned; the applicant has an ID
//      number, so the return pushes the e-result to their store (a store_items row, datastore/push.ts);
//   B  counter, late birth registration (5 000 đ), paid online;
//   C  counter, birth registration received without an e-form (no date of birth exempts it: it owes 5 000 đ), not
//      paid; the applicant has no ID number (not issued yet), signed e-result issued and returned: no store to push
//      it to;
//   D  online, filed with e-identity (VNeID), birth on time (exempt);
//   E  counter, Cấp Giấy xác nhận tình trạng hôn nhân (10 000 đ, thu trước), paid online; the earlier certificate
//      taken from the citizen's data store (population data).
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
const TINH_TRANG_HON_NHAN = '1.004873';

type Ind = { id: string; numerator: number; denominator: number; score: number | null; status: string };
async function index(): Promise<Map<string, Ind>> {
  const r = await call(t, 'GET', '/api/v1/indicators/766?commune=xuan-duong&year=2026&month=12');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return new Map((r.body.groups as { indicators: Ind[] }[]).flatMap((g) => g.indicators).map((i) => [i.id, i]));
}
const triple = (i: Ind | undefined) => [i?.numerator, i?.denominator, i?.score];

async function attach(id: string, component: string, source: 'scan' | 'store') {
  const m = multipart(`${component.toLowerCase()}.pdf`, Buffer.from(`%PDF-1.4\n% ${id} ${component}\n%%EOF\n`), 'application/pdf');
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=${source}`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** Assigned, proposed, signed electronically and issued (state 9) on 8/12 in the hour `hh`. */
async function signedResult(id: string, hh: string) {
  const at = (mm: string) => `2026-12-08T${hh}:${mm}:00+07:00`;
  await act(id, 'assign', 'motcua', at('20'), { unitCode: 'VHXH' });
  await act(id, 'propose_result', 'hotich', at('30'), { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(id, 'chutich', at('40'));
  await act(id, 'issue_result', 'hotich', at('50'));
}

/** The citizen pays what the dossier owes through the public API; the gateway confirms at `at`. */
async function payOnline(code: string, amountVnd: number, at: string) {
  t.setNow(at);
  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 201, JSON.stringify(pay.body));
  assert.equal(pay.body.amountVnd, amountVnd);
  assert.equal((await ipn(t, { orderRef: pay.body.ref, amountVnd, payDate: new Date(at) })).RspCode, '00');
}

test('the December 2026 payment, store and population-data fixture', async () => {
  const onTime = { answers: birthAnswers({ childDateOfBirth: '2026-12-01' }) };
  const late = { answers: birthAnswers({ childDateOfBirth: '2026-09-01' }) };

  const a = await intake('2026-12-08T08:00:00+07:00', 'motcua', onTime);
  t.setNow('2026-12-08T08:10:00+07:00');
  await attach(a, 'TO_KHAI', 'scan');
  await attach(a, 'GIAY_CHUNG_SINH', 'scan');
  await signedResult(a, '08');
  await act(a, 'return_result', 'motcua', '2026-12-08T08:55:00+07:00', { channel: 'counter' });

  const b = await intake('2026-12-08T09:00:00+07:00', 'motcua', late);
  const bCode = (await t.db.selectFrom('dossiers').select('code').where('id', '=', b).executeTakeFirstOrThrow()).code!;
  await payOnline(bCode, 5_000, '2026-12-08T09:30:00+07:00');

  const c = await intake('2026-12-08T10:00:00+07:00', 'motcua', {
    applicant: applicant({ idNumber: undefined, name: 'Vũ Văn Hải' }), idWaiver: { reason: 'not_issued' },
  });
  await signedResult(c, '10');
  await act(c, 'return_result', 'motcua', '2026-12-08T10:55:00+07:00', { channel: 'counter' });

  t.setNow('2026-12-09T08:00:00+07:00');
  const filed = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant(MOTHER), ...onTime });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const d = filed.body.id as string;
  await act(d, 'receive_online', 'motcua', '2026-12-09T09:00:00+07:00');

  t.setNow('2026-12-09T10:00:00+07:00');
  const e = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: TINH_TRANG_HON_NHAN, applicant: applicant() } });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  await attach(e.body.id, 'GXN_DA_CAP', 'store');
  await payOnline(e.body.code, 10_000, '2026-12-09T10:30:00+07:00');

  const facts = new Map((await t.db.selectFrom('indicator_facts').select(['dossier_id', 'counts']).execute()).map((r) => [r.dossier_id, r.counts]));
  const pushed = await t.db.selectFrom('store_items').select('source_dossier_id').where('kind', '=', 'result').execute();
  assert.deepEqual(pushed.map((r) => r.source_dossier_id), [a], 'only A\'s result was pushed (C has no ID number)');
  assert.ok(facts.get(a)!.includes('linked_to_store') && !facts.get(a)!.includes('eid'), 'A: e-result in the store; an ID card shown is no population data');
  assert.ok(!facts.get(c)!.includes('linked_to_store'), 'C: no ID number, no store');

  const i = await index();
  // The commune's fee-bearing procedures in force on 1/12 (flags.hasFee), counted apart from the index: 23 in the
  // catalogue shipped today (other catalogue work may change the number, not the rule). The residence procedures
  // (Công an xã, Luật Cư trú 2020) have fees but are listed for routing only (`routingOnly`): they count in no
  // denominator, nor would a payment for one count in 3.5b.
  type Data = { flags?: { hasFee?: boolean }; routingOnly?: boolean };
  const catalogue = (await t.db.selectFrom('procedures').select('data')
    .where('effective_from', '<=', '2026-12-01').where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', '2026-12-01')]))
    .execute()).map((r) => r.data as Data);
  const inForce = catalogue.filter((d) => d.flags?.hasFee);
  const feeBearing = inForce.filter((d) => !d.routingOnly).length;
  assert.ok(feeBearing >= 2);
  assert.ok(inForce.some((d) => d.routingOnly), 'a fee-bearing routing-only procedure is in force, and left out');
  // 1.3 is over the commune's procedures in force too (36 of the 39 versions shipped today).
  assert.equal(i.get('1.3')?.denominator, catalogue.filter((d) => !d.routingOnly).length);
  // 3.5a: each of them has a chargeable "thu trước" line, or (the first land certificate) a "thu sau" line with the
  // financial-obligation step, so online payment is offered for all: 23/23 = 100 % → 2 points.
  assert.deepEqual(triple(i.get('3.5a')), [feeBearing, feeBearing, 2]);
  // 3.5b: procedures with an online payment in December: khai sinh (B) and xác nhận tình trạng hôn nhân (E) = 2 of
  // 23 = 8.7 %; full points at 80 % → 2 × 0.087 / 0.8 = 0.22.
  assert.deepEqual(triple(i.get('3.5b')), [2, feeBearing, Math.round(((2 * (2 / feeBearing)) / 0.8) * 100) / 100]);
  if (feeBearing === 23) assert.equal(i.get('3.5b')!.score, 0.22);
  // 3.6: owing a fee: B (late), C (no date of birth declared) at 5 000 đ and E (10 000 đ) = 3; A and D are exempt (on time). Paid online:
  // B, E = 2 → 66.67 %; 6 × (2/3) / 0.8 = 5.
  assert.deepEqual(triple(i.get('3.6')), [2, 3, 5]);
  // 4.2: received A, B, C, D, E = 5. Digitised: A only (every filed paper scanned, the ID card only shown, and its
  // e-result); C has its e-result but no paper scanned; E its filed papers (the declaration) not scanned; B, D
  // nothing → 1 of 5 = 20 %; 4 × 0.2 / 0.8 = 1.
  assert.deepEqual(triple(i.get('4.2')), [1, 5, 1]);
  // 4.4: A (e-result pushed to the applicant's store) and E (a paper taken from the store) = 2 of 5; C's e-result has
  // no owner's ID number → 40 %; 4 × 0.4 / 0.8 = 2.
  assert.deepEqual(triple(i.get('4.4')), [2, 5, 2]);
  // 4.5b: D (filed with VNeID) and E (data from the store) = 2 of 5; A only showed the ID card → 40 %; 2 × 0.4 / 0.8 = 1.
  assert.deepEqual(triple(i.get('4.5b')), [2, 5, 1]);
  t.setNow(null);
});
