// Who may print a dossier's documents: staff only, scoped exactly like the dossier API (another commune, or for a
// specialist a dossier not routed to their unit, is 404), and a form the dossier has no event for is 409.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { DOSSIER_FORM_IDS } from '../../src/documents/core/model.ts';
import { assertPdf, getPdf } from './pdf-helpers.ts';

const t = await testApp();
const UUID = '00000000-0000-4000-8000-000000000000';

t.setNow('2026-11-25T09:00:00+07:00');
const received = (await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } })).body;
const routed = (await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } })).body;
t.setNow('2026-11-25T09:30:00+07:00');
assert.equal((await call(t, 'POST', `/api/v1/dossiers/${routed.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } })).status, 200);

const url = (id: string, kind: string) => `/api/v1/dossiers/${id}/documents/${kind}`;

test('an anonymous caller gets 401 problem+json for every document', async () => {
  for (const kind of DOSSIER_FORM_IDS) {
    const r = await getPdf(t, url(received.id, kind));
    assert.equal(r.status, 401, kind);
    assert.equal(r.json.code, 'UNAUTHENTICATED');
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  }
  assert.equal((await getPdf(t, '/api/v1/tracking-book?field=HOTICH&from=2026-11-01&to=2026-11-30')).status, 401);
});

test('another commune never sees the dossier (404), whoever asks there', async () => {
  const logged = async () => (await t.db.selectFrom('access_log').select('id').where('dossier_id', '=', received.id).execute()).length;
  const before = await logged(); // the intake's own response to the receiving officer
  for (const who of ['tl.motcua', 'tl.chutich', 'tl.hotich']) {
    const r = await getPdf(t, url(received.id, 'receipt'), who);
    assert.equal(r.status, 404, who);
    assert.equal(r.json.code, 'NOT_FOUND');
  }
  assert.equal(await logged(), before, 'nothing was read, nothing logged');
});

test('a specialist prints only dossiers routed to their unit; commune-wide roles print every one', async () => {
  assert.equal((await getPdf(t, url(routed.id, 'control-sheet'), 'diachinh')).status, 404, 'specialist of another unit');
  assert.equal((await getPdf(t, url(routed.id, 'receipt'), 'truongkt')).status, 404, 'head of another unit');
  assert.equal((await getPdf(t, url(received.id, 'receipt'), 'hotich')).status, 404, 'not routed yet');
  assertPdf(await getPdf(t, url(routed.id, 'control-sheet'), 'hotich'), routed.code);
  assertPdf(await getPdf(t, url(routed.id, 'receipt'), 'truongvhxh'), routed.code);
  for (const who of ['motcua', 'chutich', 'admin']) assertPdf(await getPdf(t, url(received.id, 'receipt'), who), received.code);
});

test('a form without its event is 409 with a Vietnamese explanation; unknown ids and kinds are 404 / 400', async () => {
  const expected: Record<string, string> = {
    'supplement-request': 'Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nên không có Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.',
    refusal: 'Hồ sơ không bị từ chối tiếp nhận nên không có Phiếu từ chối tiếp nhận giải quyết hồ sơ.',
    apology: 'Hồ sơ chưa có văn bản xin lỗi và hẹn lại ngày trả kết quả.',
    'stop-notice': 'Hồ sơ không bị dừng giải quyết hay rút nên không có Thông báo dừng giải quyết hồ sơ.',
  };
  for (const [kind, title] of Object.entries(expected)) {
    const r = await getPdf(t, url(received.id, kind), 'motcua');
    assert.equal(r.status, 409, kind);
    assert.equal(r.json.code, 'DOCUMENT_NOT_AVAILABLE');
    assert.equal(r.json.title, title);
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  }
  assert.equal((await getPdf(t, url(UUID, 'receipt'), 'motcua')).status, 404);
  const kind = await getPdf(t, url(received.id, 'bien-lai'), 'motcua');
  assert.equal(kind.status, 400);
  assert.equal(kind.json.code, 'VALIDATION_FAILED');
  assert.equal((await getPdf(t, url('not-a-uuid', 'receipt'), 'motcua')).status, 400);
});
