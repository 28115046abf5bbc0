// The counter's lookup in an applicant's data store (page /can-bo/ho-so/:id/kho-du-lieu and API): every lookup is
// logged with who, when and why in the same transaction (TT 117/2026/TT-BCA), also when nothing is found; a reason is
// required; an item found is attached with the reuse flags; who may: the receiving officer, the unit handling the
// dossier; not a citizen, an anonymous caller, an officer of another unit or commune, nor an API key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { putFile } from '../../src/dossiers/uploads.ts';
import { insertItem } from '../../src/datastore/store.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';
import { PDF } from '../web/portal-support.ts';
import { citizenCookie } from '../identity/citizen-support.ts';

const t = await testApp();
t.setNow('2026-12-07T09:00:00+07:00');
const OWNER = '001190004567';

async function birthCertificate(owner: string, number: string) {
  const sha256 = await putFile(t.db, Buffer.concat([PDF, Buffer.from(`% ${number}\n`)]), 'application/pdf');
  return (await insertItem(t.db, {
    ownerIdNumber: owner, kind: 'result', typeCode: 'GIAY_KHAI_SINH', typeName: 'Giấy khai sinh', issuer: 'UBND xã Xuân Dương',
    numberSymbol: number, validFrom: '2026-03-10', validTo: null, sha256, fileName: 'giay-khai-sinh.pdf', sourceCommuneId: 'xuan-duong',
    sourceDossierId: null, sourceComponentCode: null, signedCode: null, legalRecord: true, at: new Date('2026-03-10T03:00:00Z'),
  })).id;
}

/** A dossier of HT.LOCAL.001 received at the counter for OWNER. */
async function dossier(): Promise<string> {
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: 'HT.LOCAL.001', applicant: applicant({ idNumber: OWNER }) } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body.id as string;
}
const lookups = (id: string) => t.db.selectFrom('store_lookups').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
const URL_OF = (id: string) => `/can-bo/ho-so/${id}/kho-du-lieu?component=GIAY_TO_HO_TICH`;

test('the page: pre-filled ID number and reason; each lookup logged with reason; the item attached with the reuse flags', async () => {
  const item = await birthCertificate(OWNER, '61/2026/KS');
  const id = await dossier();
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(URL_OF(id));
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`name="idNumber"[^>]*value="${OWNER}"`));
  assert.match(text(page.body), /Tiếp nhận, giải quyết hồ sơ .*: kiểm tra thành phần “Giấy tờ hộ tịch có nội dung cần thay đổi, cải chính”/);
  assert.equal((await lookups(id)).length, 0, 'opening the form looks nothing up');

  // No reason: the error summary, nothing logged.
  const empty = await desk.submit(page, '/kho-du-lieu', { idNumber: OWNER, reason: '' });
  assert.equal(empty.status, 422);
  assert.match(text(empty.body), /Nhập lý do tra cứu kho dữ liệu/);
  assert.match(empty.body, /class="error-summary"/);
  assert.equal((await lookups(id)).length, 0);

  const found = await desk.submit(page, '/kho-du-lieu', { idNumber: OWNER, reason: 'Kiểm tra giấy khai sinh để cải chính' });
  assert.equal(found.status, 200);
  assert.match(text(found.body), /Giấy khai sinh số 61\/2026\/KS, do UBND xã Xuân Dương cấp ngày 10\/03\/2026/);
  const log = await lookups(id);
  assert.equal(log.length, 1);
  assert.equal(log[0]!.reason, 'Kiểm tra giấy khai sinh để cải chính');
  assert.equal(log[0]!.owner_id_number, OWNER);
  assert.equal(log[0]!.found, 1);

  // Nothing found: logged all the same.
  const none = await desk.submit(found, '/kho-du-lieu', { idNumber: '001190000000', reason: 'Kiểm tra giấy tờ của con người nộp' });
  assert.match(text(none.body), /không có giấy tờ nào còn giá trị/);
  assert.deepEqual((await lookups(id)).map((l) => l.found), [1, 0]);

  const use = hiddenFields(found.body, '/kho-du-lieu/dung');
  assert.equal(use.fields.giay_to, String(item));
  const done = await desk.submit(found, '/kho-du-lieu/dung', {});
  assert.equal(done.status, 303, text(done.body).slice(0, 400));
  assert.equal(done.location, `/can-bo/ho-so/${id}?ok=upload#tp-GIAY_TO_HO_TICH`);
  const again = await desk.submit(found, '/kho-du-lieu/dung', {}); // the same form again: replayed, one file
  assert.equal(again.status, 303);
  const files = await t.db.selectFrom('dossier_files').select(['component_code', 'reused', 'from_store', 'store_item_id', 'replaces_with']).where('dossier_id', '=', id).execute();
  assert.deepEqual(files, [{ component_code: 'GIAY_TO_HO_TICH', reused: true, from_store: true, store_item_id: item, replaces_with: '61/2026/KS' }]);
  assert.match(text((await desk.get(`/can-bo/ho-so/${id}`)).body), /tái sử dụng/);
});

test('permission on the page: a specialist of another unit, a citizen and an anonymous caller are refused; nothing logged', async () => {
  const id = await dossier();
  const other = await browserAs(t, 'diachinh');
  assert.equal((await other.get(URL_OF(id))).status, 404, 'a specialist of another unit does not see the dossier');
  const anonymous = await t.app.inject({ method: 'GET', url: URL_OF(id) });
  assert.equal(anonymous.statusCode, 303, 'to the staff login');
  const citizen = await t.app.inject({ method: 'GET', url: URL_OF(id), headers: { cookie: await citizenCookie(t, { name: 'Lê Thị Hồng', idNumber: OWNER }) } });
  assert.equal(citizen.statusCode, 303, 'a citizen session is no staff login');
  const leader = await browserAs(t, 'chutich');
  assert.equal((await leader.get(URL_OF(id))).status, 403, 'the signer sees the dossier but does not look into the store');
  assert.equal((await lookups(id)).length, 0);
});

test('the API: lookup logged, attach → 201 with the flags; problems for a missing reason, another item, an unknown component', async () => {
  const item = await birthCertificate(OWNER, '62/2026/KS');
  const stranger = await birthCertificate('019085012345', '63/2026/KS');
  const id = await dossier();
  const bad = await call(t, 'POST', `/api/v1/dossiers/${id}/store-lookup`, { as: 'motcua', body: { idNumber: OWNER, reason: '' } });
  assert.equal(bad.status, 400);
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/store-lookup`, { as: 'motcua', body: { idNumber: OWNER, reason: 'Tiếp nhận hồ sơ tại quầy', component: 'GIAY_TO_HO_TICH' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const body = r.body as { forComponent: { id: number }[]; others: unknown[] };
  assert.ok(body.forComponent.some((i) => i.id === item));
  assert.equal((await lookups(id)).length, 1);

  const notLooked = await call(t, 'POST', `/api/v1/dossiers/${id}/files/from-store`, { as: 'motcua', body: { component: 'GIAY_TO_HO_TICH', itemId: stranger } });
  assert.equal(notLooked.status, 404);
  assert.equal((notLooked.body as { code: string }).code, 'ITEM_NOT_FOUND');
  const notAccepted = await call(t, 'POST', `/api/v1/dossiers/${id}/files/from-store`, { as: 'motcua', body: { component: 'GIAY_TO_CAN_CU', itemId: item } });
  assert.equal((notAccepted.body as { code: string }).code, 'ITEM_NOT_ACCEPTED');
  const unknown = await call(t, 'POST', `/api/v1/dossiers/${id}/files/from-store`, { as: 'motcua', body: { component: 'KHONG_CO', itemId: item } });
  assert.equal((unknown.body as { code: string }).code, 'UNKNOWN_COMPONENT');
  const ok = await call(t, 'POST', `/api/v1/dossiers/${id}/files/from-store`, { as: 'motcua', body: { component: 'GIAY_TO_HO_TICH', itemId: item } });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.deepEqual({ ...(ok.body as object), id: 0, uploadedAt: '' }, {
    id: 0, componentCode: 'GIAY_TO_HO_TICH', fileName: 'giay-khai-sinh.pdf', sha256: (ok.body as { sha256: string }).sha256, storeItemId: item,
    replacesWith: '62/2026/KS', digitised: true, reused: true, fromStore: true, uploadedAt: '',
  });
});

test('permission on the API: anonymous 401, another unit 404, the signer 403; nothing logged', async () => {
  const id = await dossier();
  const body = { idNumber: OWNER, reason: 'Tiếp nhận hồ sơ tại quầy' };
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/store-lookup`, { body })).status, 401);
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/store-lookup`, { as: 'diachinh', body })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/store-lookup`, { as: 'chutich', body })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/files/from-store`, { as: 'chutich', body: { component: 'GIAY_TO_HO_TICH', itemId: 1 } })).status, 403);
  assert.equal((await lookups(id)).length, 0);
});
