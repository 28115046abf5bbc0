// The national-portal sync end to end: real dossiers through the API on every status path, their outbox pushed through
// the stand-in portal, which validates each message against the contract (a wrong mapping is refused and fails here);
// in order per dossier; a crash between send and mark delivers once per message id; a portal down for an hour gets
// everything afterwards, in order; a rolled-back change leaves no message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { engine, KHAI_SINH } from '../indicators/support.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { deliverRound } from '../../src/sync/worker.ts';
import { CLAIM_LEASE_MS } from '../../src/sync/core/retry.ts';
import { enqueueSync } from '../../src/sync/enqueue.ts';
import { loadDossier, events } from '../../src/dossiers/store.ts';
import { procedureVersion } from '../../src/catalogue/store.ts';
import { clearBacklog, drain, messagesOf, standIn, syncDeps } from './support.ts';

const t = await testApp({ standIns: ['portal', 'identity'] });
await clearBacklog(t);
const e = engine(t);
const TTHN = '1.004873'; // 3 working days, VHXH
const LAND = 'DD.LOCAL.001'; // KT, pauses for financial obligations
const SUPPLEMENT = { items: ['Giấy chứng sinh bản chính'], reason: 'Thiếu giấy chứng sinh' };
const clock = { now: new Date('2026-12-31T12:00:00+07:00') };
const deps = syncDeps(t, clock);

const codeOf = async (id: string) => (await t.db.selectFrom('dossiers').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code!;
const staffId = async (u: string) => String((await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id);

/** The statuses the portal received for a dossier's HoSo messages, in order. */
const hosoStatuses = (code: string) => standIn(t).deliveries().filter((d) => d.endpoint !== 'history' && d.codes.includes(code)).map((d) => d.statuses[0]);
const stepStatuses = (code: string) => standIn(t).deliveries().filter((d) => d.endpoint === 'history' && d.codes.includes(code)).flatMap((d) => d.statuses);

test('every status path is accepted by the portal, in order, with the fields each needs', async () => {
  // Received → processing → processed (signed e-result) → returned.
  const a = await e.intake('2026-12-07T09:00:00+07:00');
  await e.act(a, 'assign', 'motcua', '2026-12-07T09:10:00+07:00', { unitCode: 'VHXH' });
  await e.act(a, 'propose_result', 'hotich', '2026-12-07T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await e.sign(a, 'chutich', '2026-12-07T09:45:00+07:00');
  await e.act(a, 'issue_result', 'hotich', '2026-12-07T10:30:00+07:00');
  await e.act(a, 'return_result', 'motcua', '2026-12-07T11:00:00+07:00', { channel: 'counter' });
  // Refused at the counter: no dossier code, nothing to send (decision: core/mapping.ts).
  t.setNow('2026-12-07T11:30:00+07:00');
  const refused = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant(), action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền' } });
  assert.equal(refused.status, 201);
  // Online: supplement before receipt and its answer, receipt, supplement after receipt and its answer, withdrawal.
  t.setNow('2026-12-08T08:00:00+07:00');
  const s = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Trần Thị Cúc' }) });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const b = s.body.id as string;
  await e.act(b, 'request_supplement_before_receipt', 'motcua', '2026-12-08T08:30:00+07:00', SUPPLEMENT);
  assert.equal((await messagesOf(t, b)).length, 0, 'no code yet: nothing to send');
  await e.act(b, 'supplement_provided', 'motcua', '2026-12-08T09:00:00+07:00');
  await e.act(b, 'receive_online', 'motcua', '2026-12-08T09:10:00+07:00');
  await e.act(b, 'request_supplement', 'motcua', '2026-12-08T09:20:00+07:00', SUPPLEMENT);
  await e.act(b, 'supplement_provided', 'motcua', '2026-12-08T10:00:00+07:00');
  await e.act(b, 'withdraw', 'motcua', '2026-12-08T10:30:00+07:00', { reason: 'Công dân xin rút hồ sơ' });
  // Financial obligation and its payment, then stopped.
  const c = await e.intake('2026-12-09T08:00:00+07:00', 'motcua', { procedureCode: LAND });
  await e.act(c, 'assign', 'motcua', '2026-12-09T08:30:00+07:00', { unitCode: 'KT', assigneeId: await staffId('diachinh') });
  await e.act(c, 'request_financial_obligation', 'diachinh', '2026-12-09T09:00:00+07:00', { description: 'Nộp tiền sử dụng đất', amountVnd: 12_500_000 });
  await e.act(c, 'obligation_met', 'motcua', '2026-12-10T09:00:00+07:00');
  await e.act(c, 'stop_processing', 'motcua', '2026-12-10T10:00:00+07:00', { reason: 'Công dân đề nghị dừng giải quyết' });
  // Late: apology with a new appointment.
  const d = await e.intake('2026-12-14T08:00:00+07:00', 'motcua', { procedureCode: TTHN });
  await e.act(d, 'assign', 'motcua', '2026-12-14T08:30:00+07:00', { unitCode: 'VHXH', assigneeId: await staffId('hotich') });
  await e.act(d, 'apologize_extend', 'chutich', '2026-12-15T09:00:00+07:00', { reason: 'Cần xác minh thêm', newDueAt: '2026-12-22T17:00:00+07:00' });

  assert.deepEqual(await drain(deps), [], 'the portal refused nothing');
  const portal = standIn(t);
  const [ca, cb, cc, cd] = await Promise.all([a, b, c, d].map(codeOf));
  assert.deepEqual(hosoStatuses(ca!), [2, 4, 4, 4, 4, 9, 10]);
  assert.equal(portal.dossier(ca!)!.hoso.NgayTra, '20261207110000', 'dates yyyyMMddHHmmss in Vietnam time');
  const results = portal.dossier(ca!)!.hoso.DanhSachGiayToKetQua as { DuongDanTepTinKetQua: string }[];
  assert.equal(results.length, 1, 'the signed e-result');
  assert.match(results[0]!.DuongDanTepTinKetQua, /\/xac-thuc\/tai-ve\?ma=/);
  assert.deepEqual(stepStatuses(ca!), [2, 4, 4, 4, 4, 9, 10], 'one step per logged action');

  // The online dossier: its first message (at receipt) carries the steps before it.
  assert.deepEqual(hosoStatuses(cb!), [2, 5, 4, 7]);
  assert.deepEqual(stepStatuses(cb!).slice(0, 4), [1, 5, 1, 2]);
  const hb = portal.dossier(cb!)!.hoso;
  assert.equal(hb.KenhThucHien, 2);
  assert.equal(hb.TaiKhoanDuocXacThucVoiVNeID, 1);
  assert.deepEqual((hb.DanhSachHoSoBoSung as { TrangThaiBoSung: number }[]).map((x) => x.TrangThaiBoSung), [2, 2]);
  assert.deepEqual(hb.DinhDanhCHS, [{ LoaiDinhDanh: 1, SoDinhDanh: (await t.db.selectFrom('dossiers').select('applicant_id_number').where('id', '=', b).executeTakeFirstOrThrow()).applicant_id_number }]);

  assert.deepEqual(hosoStatuses(cc!), [2, 4, 6, 4, 8], 'states 6 and 8 keep their national codes');
  assert.match(String(portal.dossier(cc!)!.hoso.GhiChu), /dừng giải quyết/, 'with the explanation');
  assert.deepEqual(hosoStatuses(cd!), [2, 4, 4]);
  assert.equal(portal.dossier(cd!)!.hoso.NgayHenTra, '20261222170000', 'the new appointment');

  for (const id of [a, b, c, d]) {
    const ms = await messagesOf(t, id);
    assert.ok(ms.every((m) => m.status === 'delivered' && m.payload === null), 'delivered, payload (with the ID number) cleared');
    assert.deepEqual(ms.map((m) => m.kind), ['create', ...ms.slice(1).map(() => 'update')]);
    const st = await t.db.selectFrom('dossier_sync').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(st.status, 'done');
    assert.ok(st.created_acked_at);
  }
  assert.equal((await messagesOf(t, refused.body.id)).length, 0);
});

test('a wrong mapping is refused by the portal and shown as failed with its answer, then resent', async () => {
  const id = await e.intake('2026-12-16T09:00:00+07:00');
  // Plant the mistake in the frozen payload (as a mapping bug would write it): a date in the wrong format.
  const [m] = await messagesOf(t, id);
  await t.db.updateTable('sync_messages').set({
    payload: JSON.stringify({ endpoint: 'create', hoso: { MaHoSo: await codeOf(id), NgayTiepNhan: '2026-12-16' }, steps: [] }),
  }).where('id', '=', m!.id).execute();
  const failures = await drain(deps);
  assert.deepEqual(failures.map((f) => f.code), ['THIEU_TRUONG']);
  const st = await t.db.selectFrom('dossier_sync').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(st.status, 'failed');
  assert.match(st.last_message!, /thiếu trường/);
  // Resend (the screen's "Gửi lại"): with the payload rebuilt from the log, it goes through.
  await t.db.updateTable('sync_messages').set({ payload: null }).where('id', '=', m!.id).execute();
  const r = await call(t, 'POST', `/api/v1/sync/dossiers/${id}/resend`, { as: 'admin' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(await drain(deps), []);
  assert.equal((await t.db.selectFrom('dossier_sync').select('status').where('dossier_id', '=', id).executeTakeFirstOrThrow()).status, 'done');
  const audit = await t.db.withTables<{ admin_audit: { action: string; object_id: string } }>().selectFrom('admin_audit').select('action').where('object_id', '=', id).execute();
  assert.deepEqual(audit.map((x) => x.action), ['sync.resend']);
  assert.equal((await call(t, 'POST', `/api/v1/sync/dossiers/${id}/resend`, { as: 'admin' })).status, 409, 'not failed any more');
});

test('a crash between send and mark: the re-send carries the same id and the portal keeps one copy', async () => {
  const id = await e.intake('2026-12-17T09:00:00+07:00');
  const [m] = await messagesOf(t, id);
  await assert.rejects(deliverRound(deps, { afterSend: () => { throw new Error('crash'); } }), /crash/);
  assert.equal((await messagesOf(t, id))[0]!.status, 'pending', 'not marked');
  assert.equal(standIn(t).receipts(m!.message_id), 1);
  assert.deepEqual(await drain(deps), [], 'nothing due during the lease');
  clock.now = new Date(+clock.now + CLAIM_LEASE_MS + 1000);
  assert.deepEqual(await drain(deps), []);
  assert.equal(standIn(t).receipts(m!.message_id), 2, 'sent twice');
  assert.equal(standIn(t).deliveries().filter((d) => d.messageId === m!.message_id).length, 1, 'delivered once');
  assert.equal((await messagesOf(t, id))[0]!.status, 'delivered');
});

test('the portal down for an hour: everything is delivered afterwards, in order per dossier', async () => {
  const portal = standIn(t);
  portal.setDown(true);
  const x = await e.intake('2026-12-18T09:00:00+07:00');
  await e.act(x, 'assign', 'motcua', '2026-12-18T09:05:00+07:00', { unitCode: 'VHXH' });
  await e.act(x, 'request_supplement', 'hotich', '2026-12-18T09:10:00+07:00', SUPPLEMENT);
  const y = await e.intake('2026-12-18T09:15:00+07:00');
  const start = new Date('2026-12-18T09:20:00+07:00');
  for (let min = 0; min < 60; min += 5) {
    clock.now = new Date(+start + min * 60_000);
    await drain(deps);
  }
  assert.equal((await messagesOf(t, x)).filter((m) => m.status === 'delivered').length, 0, 'nothing while down');
  assert.ok((await messagesOf(t, x))[0]!.attempts >= 4, 'retried with backoff');
  assert.equal((await messagesOf(t, x))[1]!.attempts, 0, 'the next message waits for the first');
  portal.setDown(false);
  for (let min = 60; min <= 130; min += 5) {
    clock.now = new Date(+start + min * 60_000);
    assert.deepEqual(await drain(deps), []);
  }
  for (const id of [x, y]) assert.ok((await messagesOf(t, id)).every((m) => m.status === 'delivered'), 'all delivered');
  assert.deepEqual(hosoStatuses((await codeOf(x))!), [2, 4, 5], 'in order');
});

test('a rolled-back change leaves no message; a committed one always has one', async () => {
  const id = await e.intake('2026-12-21T09:00:00+07:00');
  const before = (await messagesOf(t, id)).length;
  await assert.rejects(t.db.transaction().execute(async (trx) => {
    const row = await loadDossier(trx, null, id);
    const [event] = (await events(trx, id)).slice(-1);
    const procedure = (await procedureVersion(trx, row!.procedure_code, row!.procedure_version))!;
    await enqueueSync(trx, { row: row!, event: { ...event!, seq: 99 }, procedure });
    assert.equal((await trx.selectFrom('sync_messages').select('id').where('dossier_id', '=', id).execute()).length, before + 1, 'written in the transaction');
    throw new Error('rollback');
  }), /rollback/);
  assert.equal((await messagesOf(t, id)).length, before);
  await e.act(id, 'assign', 'motcua', '2026-12-21T09:10:00+07:00', { unitCode: 'VHXH' });
  assert.equal((await messagesOf(t, id)).length, before + 1);
});
