// The result through HTTP: the staff preview of the draft result (generated from the template with the declared
// data, for the handling unit and the leaders only, access-logged), and the citizen's download of the signed result
// (the owner's e-identity session or the lookup proof; nobody else), access-logged; "Hồ sơ của tôi" offers it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { passDraft } from '../dossiers/draft-support.ts';
import { citizenCookie, fileOnline } from '../identity/citizen-support.ts';
import { signedFileOf } from '../../src/signatures/service.ts';
import { formatCode } from '../../src/signatures/core/code.ts';
import { resultPdfFor } from '../../src/results/service.ts';
import { flat, pdfText, POPPLER } from '../documents/pdf-helpers.ts';
import { Browser } from './portal-support.ts';
import { birthAnswers } from '../dossiers/birth-declaration.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const MOTHER = { name: 'Lê Thị Hồng', idNumber: '001190004567' };
const OTHER = { name: 'Nguyễn Văn Bình', idNumber: '019085012345' };
const ANSWERS = birthAnswers({ childFullName: 'Nguyễn Minh Khôi' });
const staffId = async (u: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;

t.setNow('2026-12-07T09:00:00+07:00');
const filed = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant(MOTHER), answers: ANSWERS });
assert.equal(filed.status, 201, JSON.stringify(filed.body));
const id: string = filed.body.id;
const reference: string = filed.body.reference;
assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/actions/receive_online`, { as: 'motcua', body: {} })).status, 200);
const assigned = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(await staffId('hotich')) } });
assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
const preview = `/can-bo/ho-so/${id}/du-thao-ket-qua.pdf`;
const download = `/tra-cuu/ho-so/${id}/ket-qua.pdf`;
const get = async (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const logged = async (action: string) =>
  (await t.db.selectFrom('access_log').select(['actor', 'action']).where('dossier_id', '=', id).where('action', '=', action).execute());

test('the specialist of the handling unit previews the draft result: the template filled with the declared data', async () => {
  const r = await get(preview, { cookie: await t.login('hotich') });
  assert.equal(r.statusCode, 200, r.body);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(String(r.headers['content-disposition']), /^inline; filename="du-thao-ket-qua-[A-Za-z0-9._-]+\.pdf"$/);
  assert.equal(r.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  if (POPPLER) {
    const text = flat(pdfText(r.rawPayload));
    assert.ok(text.includes('GIẤY KHAI SINH'), text);
    assert.ok(text.includes('Nguyễn Minh Khôi'), text);
    assert.ok(text.includes('Trạm y tế xã Xuân Dương'), text);
  }
  assert.equal((await logged('preview_result')).length, 1, 'the preview is access-logged');
  // The leader too.
  assert.equal((await get(preview, { cookie: await t.login('chutich') })).statusCode, 200);
});

test('preview permissions: another unit 404, the receiving desk 403, anonymous to the login page', async () => {
  assert.equal((await get(preview, { cookie: await t.login('diachinh') })).statusCode, 404);
  assert.equal((await get(preview, { cookie: await t.login('truongkt') })).statusCode, 404);
  assert.equal((await get(preview, { cookie: await t.login('motcua') })).statusCode, 403);
  const anon = await get(preview);
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap/);
  assert.equal((await get('/can-bo/ho-so/khong-phai-ma/du-thao-ket-qua.pdf', { cookie: await t.login('hotich') })).statusCode, 404);
});

test('a proposal to refuse makes the written refusal the result to sign', async () => {
  const other = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant(MOTHER), answers: ANSWERS });
  const oid: string = other.body.id;
  await call(t, 'POST', `/api/v1/dossiers/${oid}/actions/receive_online`, { as: 'motcua', body: {} });
  await call(t, 'POST', `/api/v1/dossiers/${oid}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(await staffId('hotich')) } });
  const p = await call(t, 'POST', `/api/v1/dossiers/${oid}/actions/propose_result`, {
    as: 'hotich', body: { proposalOutcome: 'reject', proposalText: 'Trẻ đã được đăng ký khai sinh tại xã khác.' },
  });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  const r = await resultPdfFor(t.db, oid, new Date());
  assert.equal(r.title, 'Văn bản từ chối giải quyết hồ sơ');
  if (POPPLER) assert.ok(flat(pdfText(r.pdf)).includes('Trẻ đã được đăng ký khai sinh tại xã khác.'));
});

test('the citizen downloads the signed result: owner yes, another citizen no, lookup proof yes, wrong digits no, anonymous no', async () => {
  assert.equal((await get(download, { cookie: await citizenCookie(t, MOTHER) })).statusCode, 404, 'nothing signed yet');
  const { title } = await resultPdfFor(t.db, id, new Date());
  assert.equal(title, 'Giấy khai sinh');
  // The real path: propose, submit for signature to the chair, the chair approves and signs, the result is issued.
  const step = async (action: string, as: string, body: Record<string, unknown> = {}) => {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${action}`, { as, body });
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
  };
  await step('propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện đăng ký khai sinh.' });
  await passDraft(t, id, 'hotich'); // online: the applicant checks the draft first
  await step('submit_for_signature', 'hotich', { signerId: String(await staffId('chutich')) });
  await step('approve', 'chutich');
  const row = await t.db.selectFrom('signed_documents').select(['code', 'sha256']).where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal((await get(download, { cookie: await citizenCookie(t, MOTHER) })).statusCode, 404, 'signed, not yet issued: still with the officers');
  await step('issue_result', 'hotich');
  const signed = { code: row.code, pdf: (await signedFileOf(t.db, row, 'test'))! };

  const mine = await get(download, { cookie: await citizenCookie(t, MOTHER) });
  assert.equal(mine.statusCode, 200, mine.body);
  assert.equal(mine.headers['content-type'], 'application/pdf');
  assert.ok(mine.rawPayload.equals(signed.pdf), 'the signed file, byte for byte');
  assert.match(String(mine.headers['content-disposition']), /^attachment; filename="ket-qua-[A-Z0-9-]+\.pdf"$/);

  assert.equal((await get(download, { cookie: await citizenCookie(t, OTHER) })).statusCode, 404, 'another citizen');
  assert.equal((await get(download)).statusCode, 404, 'anonymous, no proof');

  // The lookup proof: the status page's code + last 4 digits.
  const wrong = new Browser(t);
  await wrong.get('/tra-cuu');
  assert.equal((await wrong.post('/tra-cuu', { ma_ho_so: reference, bon_so_cuoi: '0000' })).status, 404);
  assert.equal((await wrong.get(download)).status, 404, 'wrong digits');
  const right = new Browser(t);
  await right.get('/tra-cuu');
  const found = await right.post('/tra-cuu', { ma_ho_so: reference, bon_so_cuoi: '4567' });
  assert.equal(found.status, 303);
  const statusPage = await right.get(found.location!);
  assert.ok(statusPage.body.includes('Tải kết quả điện tử (PDF có chữ ký số)'), 'the status page offers the signed result');
  assert.ok(statusPage.body.includes(download));
  const byProof = await t.app.inject({ method: 'GET', url: download, headers: { cookie: [...right.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(byProof.statusCode, 200);
  assert.ok(byProof.rawPayload.equals(signed.pdf));

  const log = (await logged('download_signed_document')).filter((l) => l.actor !== 'test'); // 'test': reading the file above
  assert.deepEqual(log.map((l) => l.actor).sort(), ['citizen:lookup', `citizen:${log.find((l) => l.actor !== 'citizen:lookup')!.actor.slice(8)}`].sort());
  assert.equal(log.length, 2, 'each download is access-logged');

  // "Hồ sơ của tôi" offers it, with the verification code and the link to /xac-thuc.
  const account = await get('/ho-so-cua-toi', { cookie: await citizenCookie(t, MOTHER) });
  assert.equal(account.statusCode, 200);
  assert.ok(account.body.includes('Tải kết quả điện tử (PDF có chữ ký số)'));
  assert.ok(account.body.includes(download));
  assert.ok(account.body.includes(`/xac-thuc?ma=${formatCode(signed.code)}`));

  // The staff panel's source: the preview still answers, now for a dossier with a signed result (the draft stays generated).
  assert.equal((await get(preview, { cookie: await t.login('hotich') })).statusCode, 200);
});
