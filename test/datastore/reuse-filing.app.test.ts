// Reuse while filing online (NĐ 45/2020 Đ16 as amended: a paper the state holds in a valid form is not asked for
// again): the citizen logged in with e-identity is offered the valid items of their own store that stand for a
// component, first; choosing one records it as the draft's file without upload, undo returns to the upload; at
// submit the item is checked again and attached with the reuse flags (766 spec 4.3), which the indicator facts count.
// Also the file step's pre-check: an error refuses the file, a warning is shown next to the file kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { putFile } from '../../src/dossiers/uploads.ts';
import { insertItem, setItemStatus } from '../../src/datastore/store.ts';
import { Browser, PDF, answer, errorSummary, pngOf, textOf } from '../web/portal-support.ts';
import { BINH, HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00');
const CODE = 'HT.LOCAL.001';
const proc = (await procedureAt(t.db, CODE, new Date('2026-12-07T02:00:00Z')))!;
const START = `/nop-ho-so/${CODE}`;
const contact = { address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912 345 678', email: '' };

/** A birth certificate in `owner`'s store, as the push on return puts it (kind result, type GIAY_KHAI_SINH). */
async function birthCertificate(owner: string, o: { number?: string; validTo?: string | null; validFrom?: string } = {}) {
  const sha256 = await putFile(t.db, Buffer.concat([PDF, Buffer.from(`% ${owner} ${o.number ?? ''} ${Math.random()}\n`)]), 'application/pdf');
  const { id } = await insertItem(t.db, {
    ownerIdNumber: owner, kind: 'result', typeCode: 'GIAY_KHAI_SINH', typeName: 'Giấy khai sinh', issuer: 'UBND xã Xuân Dương',
    numberSymbol: o.number ?? '123/2026', validFrom: o.validFrom ?? '2026-03-10', validTo: o.validTo ?? null, sha256,
    fileName: 'giay-khai-sinh.pdf', sourceCommuneId: 'xuan-duong', sourceDossierId: null, sourceComponentCode: null, signedCode: null,
    legalRecord: true, at: new Date('2026-03-10T03:00:00Z'),
  });
  return id;
}

/** Logged in as `who`, a new draft of HT.LOCAL.001 filled up to the file step; returns the browser and the draft's base. */
async function toFiles(who: { sub: string }) {
  const { b } = await loginAs(t, who);
  await b.get(START);
  const r = await b.post(START);
  assert.equal(r.status, 303, r.body);
  const base = r.location!.replace('/nguoi-nop', '');
  await b.get(`${base}/nguoi-nop`);
  assert.equal((await b.post(`${base}/nguoi-nop`, contact)).status, 303);
  for (const p of formPages(proc)) {
    await b.get(`${base}/to-khai/${p.n}`);
    const done = await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])));
    assert.equal(done.status, 303, textOf(done.body).slice(0, 400));
  }
  return { b, base };
}

const uploadBasis = (b: Browser, base: string) =>
  b.upload(`${base}/giay-to/GIAY_TO_CAN_CU`, { field: 'file-GIAY_TO_CAN_CU', name: 'can-cu.pdf', content: PDF, type: 'application/pdf' });

async function submit(b: Browser, base: string) {
  await b.get(`${base}/kiem-tra`);
  return b.post(`${base}/nop`);
}
const dossierOf = async (base: string) =>
  (await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', base.split('/')[2]!).executeTakeFirstOrThrow()).submitted_dossier_id;

test('an item of the citizen\'s store is offered first, chosen without upload, and submitted with the reuse flags', async () => {
  const itemId = await birthCertificate(HONG.idNumber, { number: '45/2026/KS' });
  await birthCertificate(BINH.idNumber, { number: '99/2026/KS' }); // another person's: never offered to Hồng
  const { b, base } = await toFiles(HONG);
  const page = await b.get(`${base}/giay-to`);
  assert.equal(page.status, 200);
  const text = textOf(page.body);
  assert.match(text, /Dùng giấy tờ đã có trong kho/);
  assert.match(text, /Giấy khai sinh số 45\/2026\/KS, do UBND xã Xuân Dương cấp ngày 10\/03\/2026/);
  assert.ok(!text.includes('99/2026/KS'), 'another person\'s item is not offered');
  assert.ok(text.indexOf('Dùng giấy tờ đã có trong kho') < text.indexOf('Giấy tờ làm căn cứ'), 'offered first, in its component');

  // Choosing it: a draft file with the item, no upload; choosing again changes nothing.
  for (let i = 0; i < 2; i++) {
    const chose = await b.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(itemId) });
    assert.deepEqual([chose.status, chose.location], [303, `${base}/giay-to#file-GIAY_TO_HO_TICH`], chose.body);
  }
  const rows = await t.db.selectFrom('draft_files').select(['component_code', 'store_item_id', 'file_name']).where('draft_id', '=', base.split('/')[2]!).execute();
  assert.deepEqual(rows, [{ component_code: 'GIAY_TO_HO_TICH', store_item_id: itemId, file_name: 'giay-khai-sinh.pdf' }]);
  const chosen = textOf((await b.get(`${base}/giay-to`)).body);
  assert.match(chosen, /Đã dùng giấy tờ trong kho dữ liệu của bạn: Giấy khai sinh số 45\/2026\/KS/);

  // The papers still missing are the uploads; the component from the store counts as provided.
  assert.equal((await uploadBasis(b, base)).status, 303);
  assert.equal((await b.post(`${base}/giay-to`)).location, `${base}/kiem-tra`);
  const done = await submit(b, base);
  assert.equal(done.status, 303, textOf(done.body).slice(0, 600));
  const id = (await dossierOf(base))!;
  const files = await t.db.selectFrom('dossier_files').select(['component_code', 'reused', 'from_store', 'store_item_id', 'replaces_with'])
    .where('dossier_id', '=', id).orderBy('component_code').execute();
  assert.deepEqual(files, [
    { component_code: 'GIAY_TO_CAN_CU', reused: false, from_store: false, store_item_id: null, replaces_with: null },
    { component_code: 'GIAY_TO_HO_TICH', reused: true, from_store: true, store_item_id: itemId, replaces_with: '45/2026/KS' },
  ]);
  const received = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/receive_online`, { as: 'motcua', body: {} });
  assert.equal(received.status, 200, JSON.stringify(received.body));
  const facts = await t.db.selectFrom('indicator_facts').select('counts').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.ok(facts.counts.includes('reused'), `766 4.3 counts it reused: ${facts.counts.join()}`);
});

test('undo: the choice is removed and the upload is there again; the store keeps its item', async () => {
  const itemId = await birthCertificate(HONG.idNumber, { number: '46/2026/KS' });
  const { b, base } = await toFiles(HONG);
  await b.get(`${base}/giay-to`);
  await b.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(itemId) });
  const file = await t.db.selectFrom('draft_files').select('id').where('draft_id', '=', base.split('/')[2]!).executeTakeFirstOrThrow();
  await b.get(`${base}/giay-to`);
  assert.equal((await b.post(`${base}/giay-to/xoa`, { tep: String(file.id) })).status, 303);
  const again = textOf((await b.get(`${base}/giay-to`)).body);
  assert.match(again, /Dùng giấy tờ đã có trong kho/);
  assert.ok(!again.includes('Đã dùng giấy tờ trong kho'));
  assert.ok(await t.db.selectFrom('store_items').select('id').where('id', '=', itemId).executeTakeFirst());
});

test('another person\'s item, an expired or a deleted one is refused, at the choice and again at submit', async () => {
  const others = await birthCertificate(BINH.idNumber, { number: '47/2026/KS' });
  const expired = await birthCertificate(HONG.idNumber, { number: '48/2026/KS', validFrom: '2025-01-01', validTo: '2026-06-30' });
  const { b, base } = await toFiles(HONG);
  await b.get(`${base}/giay-to`);
  const theirs = await b.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(others) });
  assert.equal(theirs.status, 404);
  assert.match(errorSummary(theirs.body).map((e) => e[1]).join(), /Không tìm thấy giấy tờ này trong kho dữ liệu/);
  const old = await b.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(expired) });
  assert.equal(old.status, 409);
  assert.match(textOf(old.body), /không còn giá trị sử dụng/);
  assert.equal((await t.db.selectFrom('draft_files').select('id').where('draft_id', '=', base.split('/')[2]!).execute()).length, 0);

  // Valid when chosen, deleted before submit: a problem on the summary, nothing attached, no dossier.
  const mine = await birthCertificate(HONG.idNumber, { number: '49/2026/KS' });
  await b.get(`${base}/giay-to`);
  assert.equal((await b.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(mine) })).status, 303);
  await uploadBasis(b, base);
  await setItemStatus(t.db, mine, 'deleted', 'Công dân yêu cầu xóa', new Date());
  const refused = await submit(b, base);
  assert.equal(refused.status, 400, textOf(refused.body).slice(0, 300));
  assert.match(errorSummary(refused.body).map((e) => e[1]).join(), /Giấy tờ hộ tịch có nội dung cần thay đổi, cải chính: .*không còn giá trị sử dụng/);
  assert.equal(await dossierOf(base), null);
});

test('the pre-check: a low-resolution photo is refused with why, nothing kept; a good one is kept', async () => {
  const { b, base } = await toFiles(HONG);
  await b.get(`${base}/giay-to`);
  const low = await b.upload(`${base}/giay-to/GIAY_TO_CAN_CU`, { field: 'file-GIAY_TO_CAN_CU', name: 'mo.png', content: pngOf(600, 800, 100) });
  assert.equal(low.status, 400);
  assert.match(errorSummary(low.body).map((e) => e[1]).join(), /Tệp “mo.png” chưa dùng được: độ phân giải thấp: 100 dpi, cần ít nhất 200 dpi/);
  // A colour photo at 200 dpi of a paper without a seal: kept.
  const fair = await b.upload(`${base}/giay-to/GIAY_TO_MIEN_LE_PHI`, { field: 'file-GIAY_TO_MIEN_LE_PHI', name: 'ban-sao.png', content: pngOf(1654, 2339, 200) });
  assert.equal(fair.status, 303, textOf(fair.body).slice(0, 300));
  const page = textOf((await b.get(`${base}/giay-to`)).body);
  assert.match(page, /ban-sao.png/);
  assert.ok(!page.includes('mo.png'), 'the refused file is not kept');
});

test('permission: without the e-identity login there is no offer and no choice; another citizen\'s draft is not found', async () => {
  const itemId = await birthCertificate(HONG.idNumber, { number: '50/2026/KS' });
  const { b, base } = await toFiles(HONG);
  const anonymous = new Browser(t);
  anonymous.cookies.set('xaso_draft', b.cookies.get('xaso_draft')!);
  await anonymous.get('/tra-cuu');
  const r = await anonymous.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(itemId) });
  assert.equal(r.status, 303);
  assert.match(r.location!, /^\/dang-nhap\/vneid/);
  const { b: binh } = await loginAs(t, BINH);
  binh.cookies.set('xaso_draft', b.cookies.get('xaso_draft')!);
  await binh.get('/tra-cuu');
  assert.equal((await binh.post(`${base}/giay-to/GIAY_TO_HO_TICH/kho`, { giay_to: String(itemId) })).status, 404);
  assert.equal((await t.db.selectFrom('draft_files').select('id').where('draft_id', '=', base.split('/')[2]!).execute()).length, 0);
});
