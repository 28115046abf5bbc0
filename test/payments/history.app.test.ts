// A fee paid is in the dossier's history (issue 11, one workflow idiom): `fee_paid` of the action table, appended by
// the settlement in the same transaction as the ledger entry: by the gateway (system) for an online payment, once
// however often the gateway repeats its notification; by the officer for cash at the counter; not for an exemption
// at 0 đ, nor for a financial obligation (that is `obligation_met`). The chain verifies and replaying the stored log
// gives the stored projection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call } from '../support/http.ts';
import { replay, reviveEvent } from '../../src/dossiers/core/index.ts';
import { feeDossier, ipn, obligationDossier, paymentApp, startPay } from './support.ts';

const t = await paymentApp();

type Ev = { action: string; actionName: string; actorRole: string; fromState: number; toState: number; payload: Record<string, unknown> };
const dossier = async (id: string) => (await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' })).body as { state: number; events: Ev[]; allowedActions: string[] };
const paidEvents = async (id: string) => (await dossier(id)).events.filter((e) => e.action === 'fee_paid');

/** The history verifies, and replaying the log as stored gives the stored projection. */
async function assertLogSound(id: string) {
  const h = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' });
  assert.equal(h.body.intact, true, 'the chain verifies');
  const rows = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();
  const replayed = replay(rows.map((r) => reviveEvent({
    type: r.action, seq: r.seq, fromState: r.from_state, toState: r.to_state, at: r.at.toISOString(), payload: r.payload,
    changes: r.changes, handover: r.handover, actor: { id: r.actor_id, role: r.actor_role, unitCode: r.actor_unit },
  })));
  const stored = await t.db.selectFrom('dossiers').select(['projection', 'event_count']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(JSON.stringify(replayed)), stored.projection, 'replay = stored projection');
  assert.equal(stored.event_count, rows.length);
}

test('an online payment is logged once by the gateway: amount, how, the receipt, the transaction; the state is unchanged', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  const answers = await Promise.all([1, 2].map(() => ipn(t, { orderRef: p.ref, amountVnd: 10_000, transactionNo: '14000777' })));
  assert.deepEqual(answers.map((a) => a.RspCode).sort(), ['00', '02']);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 10_000, transactionNo: '14000777' })).RspCode, '02');

  const paid = await paidEvents(d.id);
  assert.equal(paid.length, 1, 'a repeated notification appends nothing');
  const e = paid[0]!;
  assert.deepEqual([e.actionName, e.actorRole, e.fromState, e.toState], ['Nộp phí, lệ phí', 'system', 2, 2]);
  const entry = await t.db.selectFrom('payment_entries').select('id').where('order_ref', '=', p.ref).where('kind', '=', 'paid').executeTakeFirstOrThrow();
  assert.deepEqual(
    [e.payload.amountVnd, e.payload.paymentMethod, e.payload.receiptNo, e.payload.orderRef, e.payload.transactionNo],
    [10_000, 'online', `${String(entry.id).padStart(7, '0')}/BL`, p.ref, '14000777'],
  );
  assert.match(String(e.payload.note), /^Đã nộp 10\.000 đồng trực tuyến, mã giao dịch 14000777; biên lai số \d{7}\/BL; .+\.$/, 'what the officer reads');
  const after = await dossier(d.id);
  assert.equal(after.state, 2);
  assert.ok(!after.allowedActions.includes('fee_paid'), 'recorded by the payment flow, not offered as an action');
  await assertLogSound(d.id);
  // No endpoint takes it: the money is the ledger's.
  const direct = await call(t, 'POST', `/api/v1/dossiers/${d.id}/actions/fee_paid`, { as: 'motcua', body: { amountVnd: 1, paymentMethod: 'cash', receiptNo: '1' } });
  assert.equal(direct.status, 404);
});

test('cash at the counter is logged by the officer who took it; a later action numbers after it', async () => {
  const d = await feeDossier(t);
  const r = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const [e] = await paidEvents(d.id);
  assert.deepEqual([e?.actorRole, e?.payload.paymentMethod, e?.payload.amountVnd, e?.payload.orderRef, e?.payload.transactionNo],
    ['receiving_officer', 'cash', 10_000, r.body.ref, undefined]);
  assert.equal(e?.payload.receiptNo, `${String(r.body.entryId).padStart(7, '0')}/BL`);
  const assigned = await call(t, 'POST', `/api/v1/dossiers/${d.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  assert.deepEqual((await dossier(d.id)).events.map((x) => x.action), ['receive_counter', 'fee_paid', 'assign']);
  await assertLogSound(d.id);
});

test('an exemption at 0 đ and a financial obligation are not logged as a fee paid', async () => {
  // Birth registration on time (Luật Hộ tịch 2014 Đ11 k1): the officer records the exemption, 0 đ.
  const birth = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const exempt = await call(t, 'POST', `/api/v1/dossiers/${birth.body.id}/payments/cash`, {
    as: 'motcua', body: { exemption: 'Đăng ký khai sinh đúng hạn (trong thời hạn 60 ngày kể từ ngày sinh)' },
  });
  assert.equal(exempt.status, 201, JSON.stringify(exempt.body));
  assert.deepEqual([exempt.body.amountVnd, exempt.body.method], [0, 'exempt']);
  assert.deepEqual(await paidEvents(birth.body.id), []);

  const o = await obligationDossier(t, 250_000);
  const p = await startPay(t, o.code);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 250_000 })).RspCode, '00');
  const after = await dossier(o.id);
  assert.deepEqual([after.state, after.events.at(-1)?.action], [4, 'obligation_met']);
  assert.deepEqual(await paidEvents(o.id), []);
  await assertLogSound(o.id);
});
