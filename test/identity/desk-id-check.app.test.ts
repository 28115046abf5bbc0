// Counter intake records that the receiving officer checked the applicant's identity paper at the desk
// ("Đã kiểm tra giấy tờ tùy thân"); the box needs an ID number; without it nothing is recorded. Receiving needs the
// applicant's ID number, or the reason there is none (recorded, with a phone to look the dossier up by); refusing
// needs neither. The staff API applies the same rule; the reason is shown on the dossier, and such a dossier is
// looked up by the last 4 digits of its phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { browserAs, requiredPapers, text } from '../web/staff-browser.ts';
import { errorSummary } from '../web/portal-support.ts';
import { DESK_ID_MESSAGE } from '../../src/identity/citizens/core/desk-id.ts';
import { deskIdWaiverOf } from '../../src/identity/citizens/accounts.ts';
import { guardedLookup, dossierRef } from '../../src/dossiers/public.ts';
import { applicant, call } from '../support/http.ts';
import { Browser as Portal, textOf } from '../web/portal-support.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const checks = (id: string) => t.db.selectFrom('desk_id_checks').selectAll().where('dossier_id', '=', id).execute();
const idOf = (location: string | undefined) => /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;

test('a counter dossier with "Đã kiểm tra giấy tờ tùy thân" ticked records the check, by whom and when', async () => {
  t.setNow('2026-12-07T08:00:00+07:00');
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get('/can-bo/tiep-nhan');
  assert.match(form.body, /Đã kiểm tra giấy tờ tùy thân/);
  const ticked = await desk.submit(form, '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Trương Thị Mai', idNumber: '001203001111', idChecked: 'yes', action: 'receive_counter' });
  assert.equal(ticked.status, 303, ticked.body);
  const rows = await checks(idOf(ticked.location));
  const officer = await t.db.selectFrom('staff').select('id').where('username', '=', 'motcua').executeTakeFirstOrThrow();
  assert.deepEqual(rows.map((r) => [r.checked_by, r.checked_at.toISOString()]), [[officer.id, '2026-12-07T01:00:00.000Z']]);

  const plain = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Trương Thị Mai', idNumber: '001203001111', action: 'receive_counter' });
  assert.equal(plain.status, 303);
  assert.deepEqual(await checks(idOf(plain.location)), []);
  t.setNow(null);
});

test('ticking the box without an ID number is an error on the form', async () => {
  const desk = await browserAs(t, 'motcua');
  const r = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Trương Thị Mai', idChecked: 'yes', action: 'receive_counter' });
  assert.equal(r.status, 422);
  assert.match(r.body, /Nhập số định danh cá nhân trên giấy tờ tùy thân đã kiểm tra/);
});

const waivers = (id: string) => t.db.selectFrom('desk_id_waivers').selectAll().where('dossier_id', '=', id).execute();
const intake = async (fields: Record<string, string>) => {
  const desk = await browserAs(t, 'motcua');
  return desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), action: 'receive_counter', ...fields });
};

test('receiving without the applicant\'s ID number is refused with a clear message, and the form offers the reasons', async () => {
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get('/can-bo/tiep-nhan');
  for (const s of ['Lý do người nộp không có số định danh cá nhân', 'Người nộp chưa được cấp số định danh cá nhân', 'Ghi rõ lý do']) {
    assert.ok(text(form.body).includes(s), s);
  }
  const count = async () => (await t.db.selectFrom('dossiers').select('id').where('applicant_name', '=', 'Vũ Văn Hải').execute()).length;
  const r = await intake({ name: 'Vũ Văn Hải', phone: '0912345678' });
  assert.equal(r.status, 422);
  assert.deepEqual(errorSummary(r.body), [['#idNumber', DESK_ID_MESSAGE.missing]]);
  assert.match(r.body, /<input id="idNumber" name="idNumber"[^>]*aria-invalid="true"/);
  assert.match(r.body, /name="phone"[^>]*value="0912345678"/, 'what was typed is kept');
  assert.equal(await count(), 0);
});

test('a reason needs a phone to look the dossier up by; "other" needs its detail; then the dossier is received and the reason recorded', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const noPhone = await intake({ name: 'Vũ Văn Hải', idWaiver: 'not_issued' });
  assert.equal(noPhone.status, 422);
  assert.deepEqual(errorSummary(noPhone.body), [['#phone', DESK_ID_MESSAGE.phone]]);
  const noDetail = await intake({ name: 'Vũ Văn Hải', idWaiver: 'other', phone: '0912345678' });
  assert.deepEqual(errorSummary(noDetail.body), [['#idWaiverDetail', DESK_ID_MESSAGE.detail]]);
  const unknown = await intake({ name: 'Vũ Văn Hải', idWaiver: 'lost', phone: '0912345678' });
  assert.deepEqual(errorSummary(unknown.body), [['#idWaiver', DESK_ID_MESSAGE.unknownReason]]);

  const ok = await intake({ name: 'John Smith', idWaiver: 'foreigner', idWaiverDetail: 'Hộ chiếu số C1234567', phone: '0912 345 678', idChecked: 'yes' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  const id = idOf(ok.location);
  const d = await t.db.selectFrom('dossiers').select(['state', 'code', 'applicant_id_number', 'applicant']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([d.state, d.applicant_id_number, (d.applicant as { phone?: string }).phone], [2, null, '0912345678']);
  assert.ok(d.code, 'received: the code is issued');
  const officer = await t.db.selectFrom('staff').select('id').where('username', '=', 'motcua').executeTakeFirstOrThrow();
  const w = await deskIdWaiverOf(t.db, id);
  assert.deepEqual(w, {
    reason: 'foreigner', label: 'Người nộp là người nước ngoài (giấy tờ tùy thân là hộ chiếu)', detail: 'Hộ chiếu số C1234567',
    recordedBy: Number(officer.id), recordedAt: new Date('2026-12-07T02:00:00Z'),
  });
  assert.equal((await checks(id)).length, 1, 'the passport checked at the desk is recorded too');
  t.setNow(null);
});

test('an ID number typed wins over a reason picked; a refusal at the counter needs neither', async () => {
  const typed = await intake({ name: 'Vũ Văn Hải', idNumber: '001203001111', idWaiver: 'other' });
  assert.equal(typed.status, 303, text(typed.body).slice(0, 400));
  assert.deepEqual(await waivers(idOf(typed.location)), []);
  const refused = await intake({ name: 'Vũ Văn Hải', action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền của xã' });
  assert.equal(refused.status, 303, text(refused.body).slice(0, 400));
  assert.deepEqual(await waivers(idOf(refused.location)), []);
});

test('the staff API receives at the counter like the form: an ID number, or a reason with a phone; the reason is recorded and shown', async () => {
  const post = (body: object) => call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, ...body } });
  const noId = applicant({ name: 'John Smith', idNumber: undefined });
  const missing = await post({ applicant: noId });
  assert.deepEqual([missing.status, missing.body.code], [422, 'ID_NUMBER_OR_REASON']);
  assert.deepEqual(missing.body.errors, [{ path: '/body/applicant/idNumber', message: DESK_ID_MESSAGE.missing }]);
  const bare = await post({ applicant: { name: 'John Smith' }, idWaiver: { reason: 'other' } });
  assert.deepEqual(bare.body.errors, [
    { path: '/body/idWaiver/detail', message: DESK_ID_MESSAGE.detail }, { path: '/body/applicant/phone', message: DESK_ID_MESSAGE.phone },
  ]);
  assert.equal((await post({ applicant: noId, idWaiver: { reason: 'lost' } })).status, 400, 'only the listed reasons');
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const described = JSON.stringify(doc.paths['/api/v1/dossiers'].post.requestBody.content['application/json'].schema.properties.idWaiver);
  for (const reason of ['not_issued', 'child', 'foreigner', 'other']) assert.ok(described.includes(`"${reason}"`), reason);

  t.setNow('2026-12-08T09:00:00+07:00');
  const ok = await post({ applicant: { ...noId, phone: '0987 654 321' }, idWaiver: { reason: 'foreigner', detail: 'Hộ chiếu số C7654321' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const label = 'Người nộp là người nước ngoài (giấy tờ tùy thân là hộ chiếu)';
  assert.deepEqual(ok.body.idWaiver, { reason: 'foreigner', label, detail: 'Hộ chiếu số C7654321' });
  assert.deepEqual(ok.body.authorisedPerson, null);
  assert.equal((await deskIdWaiverOf(t.db, ok.body.id))?.detail, 'Hộ chiếu số C7654321');
  assert.deepEqual((await call(t, 'GET', `/api/v1/dossiers/${ok.body.id}`, { as: 'motcua' })).body.idWaiver, ok.body.idWaiver);
  const page = await (await browserAs(t, 'motcua')).get(`/can-bo/ho-so/${ok.body.id}`);
  assert.ok(text(page.body).includes(`Lý do không có số định danh ${label}: Hộ chiếu số C7654321`));
  const withId = await post({ applicant: applicant(), idWaiver: { reason: 'child' } });
  assert.equal(withId.status, 201);
  assert.equal(withId.body.idWaiver, null, 'an ID number given wins');
  assert.deepEqual(await waivers(withId.body.id), []);
  const refused = await post({ applicant: { name: 'John Smith' }, action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền của xã' });
  assert.equal(refused.status, 201, JSON.stringify(refused.body));
  noIdCode = ok.body.code;
  t.setNow(null);
});

let noIdCode = '';

test('a dossier without an ID number is looked up by the last 4 digits of its phone; one with an ID number never is', async () => {
  assert.ok(noIdCode, 'the dossier of the test above');
  const status = (code: string, idLast4: string) => call(t, 'GET', `/api/v1/public/status?code=${encodeURIComponent(code)}&idLast4=${idLast4}`);
  const found = await status(noIdCode, '4321');
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(JSON.stringify(found.body).includes('0987654321'), false, 'the phone is not shown');
  assert.equal((await status(noIdCode, '1234')).status, 404);
  const row = await guardedLookup(t.db, dossierRef(noIdCode), '4321', new Date());
  assert.ok(row && row !== 'locked');
  assert.deepEqual(['applicant_phone', 'applicant_id_number'].filter((k) => k in row), [], 'neither second factor leaves the lookup');

  // A dossier with an ID number (and the same phone): only the ID number's digits open it.
  const withId = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ phone: '0987654321' }) } });
  assert.equal((await status(withId.body.code, '4321')).status, 404);
  assert.equal((await status(withId.body.code, '4567')).status, 200);

  // The portal's lookup says so, and takes the phone's digits.
  const b = new Portal(t);
  const form = await b.get('/tra-cuu');
  assert.ok(textOf(form.body).includes('Hồ sơ không có số định danh cá nhân: nhập 4 số cuối số điện thoại đã khai khi nộp hồ sơ, ghi trên Giấy tiếp nhận.'));
  const r = await b.post('/tra-cuu', { ma_ho_so: noIdCode, bon_so_cuoi: '4321' });
  assert.equal(r.status, 303, r.body);
  assert.match(r.location!, /^\/tra-cuu\/ho-so\//);
});
