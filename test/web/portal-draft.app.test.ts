// The draft e-certificate of an online civil-status registration on the citizen's status page: the applicant reads
// the draft (PDF), confirms it or asks for a correction (the reason required), and only the applicant who proved the
// dossier may; the specialist then submits for signature. Staff side: the draft's state on the dossier page, the
// notice to the applicant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { fileBirth, MOTHER } from '../dossiers/birth-declaration.ts';
import { Browser, errorSummary, textOf } from './portal-support.ts';

const t = await testApp();
let clock = Date.parse('2026-12-07T08:00:00+07:00');
const tick = (minutes = 10) => {
  clock += minutes * 60_000;
  t.setNow(new Date(clock).toISOString());
};
async function staff(id: string, type: string, who: string, body: object = {}) {
  tick();
  return call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as: who, body });
}
const chair = async () => String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id);

/** An online birth registration with a proposal to grant, its draft sent to the applicant. */
async function draftSent(): Promise<{ id: string; code: string }> {
  tick();
  const { id } = await fileBirth(t);
  const r = await staff(id, 'receive_online', 'motcua');
  await staff(id, 'assign', 'motcua', { unitCode: 'VHXH' });
  await staff(id, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  const early = await staff(id, 'submit_for_signature', 'hotich', { signerId: await chair() });
  assert.equal(early.body.code, 'DRAFT_NOT_SENT', 'not before the applicant has the draft');
  const sent = await staff(id, 'send_draft', 'hotich');
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.ok(sent.body.draft.sentAt);
  return { id, code: r.body.code as string };
}

async function prove(b: Browser, code: string) {
  await b.get('/tra-cuu');
  const r = await b.post('/tra-cuu', { ma_ho_so: code, bon_so_cuoi: MOTHER.idNumber.slice(-4) });
  assert.equal(r.status, 303);
}

test('the applicant reads the draft and confirms it; then, and only then, it goes for signature', async () => {
  const { id, code } = await draftSent();
  const staffPage = await call(t, 'GET', `/can-bo/ho-so/${id}`, { as: 'hotich' });
  assert.match(textOf(staffPage.body), /chờ người yêu cầu xác nhận/);
  const notice = await t.db.selectFrom('notifications').select('facts').where('dossier_id', '=', id).orderBy('id', 'desc').executeTakeFirst();
  assert.equal((notice?.facts as { action?: string } | undefined)?.action, 'send_draft', 'the applicant is told');

  const stranger = new Browser(t);
  assert.equal((await stranger.get(`/tra-cuu/ho-so/${id}/du-thao.pdf`)).location, '/tra-cuu', 'no proof, no draft');
  const b = new Browser(t);
  await prove(b, code);
  const page = await b.get(`/tra-cuu/ho-so/${id}`);
  assert.match(textOf(page.body), /Kiểm tra dự thảo kết quả/);
  assert.match(textOf(page.body), /01 ngày làm việc/);
  const pdf = await b.get(`/tra-cuu/ho-so/${id}/du-thao.pdf`);
  assert.equal(pdf.status, 200);
  assert.ok(pdf.body.startsWith('%PDF-'), 'a PDF');
  const logged = await t.db.selectFrom('access_log').select('action').where('dossier_id', '=', id).where('action', '=', 'applicant_draft_result').execute();
  assert.equal(logged.length, 1, 'the read is in the access log');

  tick();
  const ok = await b.post(`/tra-cuu/ho-so/${id}/du-thao/xac-nhan`, {});
  assert.equal(ok.status, 303);
  const after = await b.get(ok.location!);
  assert.match(textOf(after.body), /Đã xác nhận dự thảo kết quả/);
  assert.doesNotMatch(textOf(after.body), /Kiểm tra dự thảo kết quả/);
  assert.equal((await b.get(`/tra-cuu/ho-so/${id}/du-thao.pdf`)).status, 404, 'no draft waiting any more');
  const again = await b.post(`/tra-cuu/ho-so/${id}/du-thao/xac-nhan`, {});
  assert.equal(again.status, 409);
  const submitted = await staff(id, 'submit_for_signature', 'hotich', { signerId: await chair() });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
});

test('a correction needs its reason; it withdraws the draft until the specialist sends it again', async () => {
  const { id, code } = await draftSent();
  const b = new Browser(t);
  await prove(b, code);
  await b.get(`/tra-cuu/ho-so/${id}`);
  const empty = await b.post(`/tra-cuu/ho-so/${id}/du-thao/sua`, { noi_dung_sua: '  ' });
  assert.equal(empty.status, 400);
  assert.deepEqual(errorSummary(empty.body).map((e) => e[0]), ['#noi_dung_sua']);
  tick();
  const asked = await b.post(`/tra-cuu/ho-so/${id}/du-thao/sua`, { noi_dung_sua: 'Tên đệm của cháu là Minh' });
  assert.equal(asked.status, 303);
  assert.match(textOf((await b.get(asked.location!)).body), /Đã gửi đề nghị sửa dự thảo kết quả/);
  const view = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'hotich' });
  assert.equal(view.body.draft.sentAt, null);
  assert.deepEqual(view.body.events.at(-1).payload, { reason: 'Tên đệm của cháu là Minh' });
  assert.ok(view.body.allowedActions.includes('send_draft'), 'the specialist sends the corrected draft');
  assert.equal((await staff(id, 'submit_for_signature', 'hotich', { signerId: await chair() })).body.code, 'DRAFT_NOT_SENT');
  // Staff cannot confirm for the applicant.
  assert.equal((await staff(id, 'confirm_draft', 'hotich')).status, 403);
});
