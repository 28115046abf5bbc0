// "Kho dữ liệu của tôi" and the shared links: the citizen sees her returned marriage registration's result and kept
// paper, downloads (logged), shares by a link whose token is shown once and kept only as its hash, which opens for
// anyone until it expires (410) or is revoked; another citizen gets 404 for each of her items, the anonymous the
// login; a deletion request about her paper, answered by the leader, deletes it from the store; a result is not
// changed on request (the correction procedure is linked); who looked into her store is listed; the JSON API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, newKey } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { citizenCookie } from '../identity/citizen-support.ts';
import { Browser, errorSummary, textOf } from '../web/portal-support.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';
import { accepted, helpers, newCoverage } from '../dossiers/action-helpers.ts';
import { samplePdf } from '../signatures/support.ts';
import { tokenHash } from '../../src/datastore/core/shares.ts';
import { logLookup } from '../../src/datastore/store.ts';

const t = await testApp();
const { act, intake, staffId, submitAndSign } = helpers(t, newCoverage());
const HONG = { name: 'Lê Thị Hồng', idNumber: '001190004567' };
const BINH = { name: 'Nguyễn Văn Bình', idNumber: '019085012345' };
const STORE = '/ho-so-cua-toi/kho-du-lieu';

// Hồng's marriage registration, received at the counter with her marital-status paper, granted and returned.
const day = '2026-12-21';
const d = await intake('1.000894', `${day}T08:00`, 'motcua', { applicant: { name: HONG.name, idNumber: HONG.idNumber, address: 'Thôn Đồng Tâm', phone: '0912345678' } });
assert.equal(d.status, 201, JSON.stringify(d.body));
const dossierId = d.body.id as string;
{
  const m = multipart('xac-nhan-tthn.pdf', await samplePdf('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN'), 'application/pdf');
  const up = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${dossierId}/files?component=GXN_TINH_TRANG_HON_NHAN&source=scan`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  assert.equal(up.statusCode, 201, up.body);
  accepted(await act(dossierId, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, `${day}T08:10`), 4);
  accepted(await act(dossierId, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện kết hôn', proposalOutcome: 'approve' }, `${day}T08:20`), 4);
  accepted(await submitAndSign(dossierId, 'chutich', 'hotich', `${day}T08:30`), 4);
  accepted(await act(dossierId, 'issue_result', 'hotich', {}, `${day}T09:00`), 9);
  accepted(await act(dossierId, 'return_result', 'motcua', { channel: 'counter' }, `${day}T09:30`), 10);
}
const items = await t.db.selectFrom('store_items').select(['id', 'kind']).where('source_dossier_id', '=', dossierId).orderBy('id').execute();
const resultId = items.find((i) => i.kind === 'result')!.id;
const paperId = items.find((i) => i.kind === 'component')!.id;
t.setNow('2026-12-22T10:00:00+07:00');

async function citizen(who: typeof HONG) {
  const b = new Browser(t);
  const [name, value] = (await citizenCookie(t, who)).split('=') as [string, string];
  b.cookies.set(name, value);
  return b;
}
/** Posts the form of `page` whose action contains `action`, with its hidden fields (CSRF, form key) and `fields`. */
const submit = (b: Browser, html: string, action: string, fields: Record<string, string> = {}) => {
  const f = hiddenFields(html, action);
  return b.post(f.action, { ...f.fields, ...fields }, { csrf: false });
};

test('the list and the item page: her result and kept paper, with issuer, number, dates and state; linked from "Hồ sơ của tôi"', async () => {
  const b = await citizen(HONG);
  assert.ok((await b.get('/ho-so-cua-toi')).body.includes(`href="${STORE}"`), 'linked from the account page');
  const list = await b.get(STORE);
  assert.equal(list.status, 200, list.body);
  const s = textOf(list.body);
  assert.match(s, /Kết quả được cấp Giấy chứng nhận kết hôn Còn hiệu lực Cơ quan cấp: Ủy ban nhân dân xã Xuân Dương · Số, ký hiệu: \w{4}-\w{4}-\w+ · Ngày cấp 21\/12\/2026 · Hiệu lực không thời hạn/);
  assert.match(s, /Giấy tờ bạn đã nộp Giấy xác nhận tình trạng hôn nhân Còn hiệu lực Nơi nộp: .* Ngày nộp 21\/12\/2026 · Hiệu lực đến hết ngày 21\/06\/2027/);
  assert.ok(!s.includes(HONG.idNumber), 'never her whole ID number');
  const item = await b.get(`${STORE}/${resultId}`);
  assert.equal(item.status, 200);
  const is = textOf(item.body);
  assert.match(is, /không sửa hoặc xóa theo yêu cầu/);
  assert.ok(item.body.includes('href="/thu-tuc/HT.LOCAL.001"'), 'the correction procedure');
  assert.ok(item.body.includes(`href="/ho-so-cua-toi/ho-so/${dossierId}"`), 'the source dossier');
  assert.ok(!item.body.includes(`${STORE}/${resultId}/yeu-cau`), 'no request form for a legal record');
});

test('another citizen gets 404 for every page and action of her items; the anonymous the login, and nothing is created', async () => {
  const b = await citizen(BINH);
  assert.match(textOf((await b.get(STORE)).body), /Chưa có kết quả nào/);
  await b.get('/phan-anh'); // a CSRF token: the refusal below is the item's, not the form's
  for (const id of [resultId, paperId]) {
    assert.equal((await b.get(`${STORE}/${id}`)).status, 404);
    assert.equal((await b.get(`${STORE}/${id}/tai-ve`)).status, 404);
    assert.equal((await b.post(`${STORE}/${id}/chia-se`, { ngay: '7', _key: `f-${newKey()}` })).status, 404);
    assert.equal((await b.post(`${STORE}/${id}/yeu-cau`, { loai: 'deletion', noi_dung: 'Xin xóa giấy tờ này giúp tôi.', _key: `f-${newKey()}` })).status, 404);
  }
  assert.equal((await b.get(`${STORE}/abc`)).status, 404);
  const anon = new Browser(t);
  for (const url of [STORE, `${STORE}/${resultId}`, `${STORE}/${resultId}/tai-ve`]) {
    const r = await anon.get(url);
    assert.equal(r.status, 303, url);
    assert.match(r.location!, /^\/dang-nhap\/vneid\?tiep=/);
  }
  await anon.get('/phan-anh'); // a CSRF token
  assert.equal((await anon.post(`${STORE}/${resultId}/chia-se`, { ngay: '7', _key: `f-${newKey()}` })).status, 303);
  assert.equal((await t.db.selectFrom('store_shares').select('id').execute()).length, 0);
  assert.equal((await t.db.selectFrom('privacy_requests').select('id').execute()).length, 0);
});

test('download (logged); a share link shown once, kept as its hash, open for anyone until it expires (410) or is revoked', async () => {
  const b = await citizen(HONG);
  const dl = await t.app.inject({ method: 'GET', url: `${STORE}/${resultId}/tai-ve`, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(String(dl.headers['content-disposition']), /^attachment; filename\*=UTF-8''ket-qua-/);
  const logged = await t.db.selectFrom('access_log').select(['actor', 'dossier_id']).where('action', '=', 'download_store_item').execute();
  assert.deepEqual(logged.map((l) => l.dossier_id), [dossierId]);
  assert.match(textOf((await b.get('/ho-so-cua-toi/du-lieu-ca-nhan')).body), /Bạn \(tài khoản định danh điện tử\) Tải giấy tờ trong kho dữ liệu/);

  const page = await b.get(`${STORE}/${resultId}`);
  const bad = await submit(b, page.body, '/chia-se', { ngay: '3' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body), [['#ngay', 'Chọn thời hạn của liên kết: 1, 7 hoặc 30 ngày']]);
  const form = hiddenFields(page.body, '/chia-se');
  const made = await b.post(form.action, { ...form.fields, ngay: '7' }, { csrf: false });
  assert.equal(made.status, 201, made.body);
  const link = /\/chia-se\/([A-Za-z0-9_-]{43})"/.exec(made.body)?.[1];
  assert.ok(link, 'the link is shown');
  assert.match(textOf(made.body), /chỉ hiển thị một lần này và mở được đến 10:00 ngày 29\/12\/2026/);
  const again = await b.post(form.action, { ...form.fields, ngay: '7' }, { csrf: false });
  assert.equal(again.status, 200);
  assert.ok(!again.body.includes(link), 'a repeated post does not show the token again');
  assert.match(textOf(again.body), /Liên kết đã được tạo ở lần gửi trước/);
  const shares = await t.db.selectFrom('store_shares').selectAll().execute();
  assert.equal(shares.length, 1, 'one link');
  assert.equal(shares[0]!.token_sha256, tokenHash(link));
  const stored = JSON.stringify(await t.db.selectFrom('idempotency_keys').selectAll().execute());
  assert.ok(!stored.includes(link), 'the token is nowhere in the database');

  // Anyone with the link, no login: the metadata and the file; each opening counted.
  const anon = new Browser(t);
  const open = await anon.get(`/chia-se/${link}`);
  assert.equal(open.status, 200);
  assert.match(textOf(open.body), /Giấy chứng nhận kết hôn .* Ủy ban nhân dân xã Xuân Dương/);
  assert.ok(!open.body.includes(HONG.idNumber) && !open.body.includes(HONG.name), 'not the owner');
  const file = await t.app.inject({ method: 'GET', url: `/chia-se/${link}/tai-ve` });
  assert.equal(file.statusCode, 200);
  assert.equal(file.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(textOf((await b.get(`${STORE}/${resultId}`)).body), /Các liên kết đã tạo .* 2 Đang mở/);
  assert.equal((await anon.get(`/chia-se/${'A'.repeat(43)}`)).status, 404);

  t.setNow('2026-12-29T10:00:00+07:00'); // 7 days later: closed
  const expired = await anon.get(`/chia-se/${link}`);
  assert.equal(expired.status, 410);
  assert.match(textOf(expired.body), /Liên kết chia sẻ không còn hiệu lực .* đã hết hạn/);
  assert.equal((await t.app.inject({ method: 'GET', url: `/chia-se/${link}/tai-ve` })).statusCode, 410);
  assert.match(textOf((await b.get(`${STORE}/${resultId}`)).body), /Đã hết hạn/);

  // A one-day link, revoked at once.
  t.setNow('2026-12-29T11:00:00+07:00');
  const p2 = await b.get(`${STORE}/${resultId}`);
  const one = await submit(b, p2.body, '/chia-se', { ngay: '1' });
  const link2 = /\/chia-se\/([A-Za-z0-9_-]{43})"/.exec(one.body)![1]!;
  assert.equal((await anon.get(`/chia-se/${link2}`)).status, 200);
  const revoked = await submit(b, one.body, '/thu-hoi');
  assert.deepEqual([revoked.status, revoked.location], [303, `${STORE}/${resultId}?da=thu_hoi`]);
  assert.equal((await anon.get(`/chia-se/${link2}`)).status, 410);
});

test('a deletion request about her paper: errors shown; sent once; the leader completes it and the paper leaves the store', async () => {
  const b = await citizen(HONG);
  const page = await b.get(`${STORE}/${paperId}`);
  const bad = await submit(b, page.body, '/yeu-cau', { loai: 'correction', noi_dung: 'ngắn' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body).map(([f]) => f), ['#dung', '#noi_dung']);
  const form = hiddenFields(page.body, '/yeu-cau');
  const body = { ...form.fields, loai: 'deletion', noi_dung: 'Tôi đã kết hôn, xin xóa giấy xác nhận này khỏi kho.' };
  const sent = await b.post(form.action, body, { csrf: false });
  assert.deepEqual([sent.status, sent.location], [303, `${STORE}/${paperId}?da=yeu_cau`]);
  assert.equal((await b.post(form.action, body, { csrf: false })).status, 303);
  const reqs = await t.db.selectFrom('privacy_requests').select(['id', 'kind', 'store_item_id', 'commune_id']).execute();
  assert.deepEqual(reqs.map((r) => [r.kind, r.store_item_id, r.commune_id]), [['deletion', paperId, 'xuan-duong']], 'one request about the item');
  assert.match(textOf((await b.get(`${STORE}/${paperId}?da=yeu_cau`)).body), /Đã gửi yêu cầu.*Xóa dữ liệu · gửi .* Đang xử lý/);
  assert.match(textOf((await b.get('/ho-so-cua-toi/du-lieu-ca-nhan')).body), /Xóa dữ liệu về Giấy xác nhận tình trạng hôn nhân trong kho dữ liệu/);

  const leader = await browserAs(t, 'chutich');
  const staffPage = await leader.get(`/can-bo/du-lieu-ca-nhan/${reqs[0]!.id}`);
  assert.match(text(staffPage.body), /Giấy tờ trong kho dữ liệu Giấy xác nhận tình trạng hôn nhân, nộp ngày 21\/12\/2026, từ hồ sơ/);
  assert.match(text(staffPage.body), /sẽ xóa giấy tờ này khỏi kho dữ liệu của công dân/);
  const done = await leader.submit(staffPage, `/can-bo/du-lieu-ca-nhan/${reqs[0]!.id}`, { action: 'complete', answer: 'Đã xóa giấy xác nhận khỏi kho dữ liệu.' });
  assert.equal(done.status, 303, done.body);
  const item = await t.db.selectFrom('store_items').select(['status', 'status_reason']).where('id', '=', paperId).executeTakeFirstOrThrow();
  assert.equal(item.status, 'deleted');
  assert.match(item.status_reason!, /Xóa theo yêu cầu của chủ sở hữu: Đã xóa giấy xác nhận/);
  const after = await b.get(`${STORE}/${paperId}`);
  assert.match(textOf(after.body), /Đã xóa Xóa theo yêu cầu/);
  assert.ok(!after.body.includes('/tai-ve"'), 'no download any more');
  assert.equal((await b.get(`${STORE}/${paperId}/tai-ve`)).status, 410);

  // A result is not deleted on request, even by a forged post.
  const resPage = await b.get(`${STORE}/${resultId}`);
  const forged = await b.post(`${STORE}/${resultId}/yeu-cau`, { _key: hiddenFields(resPage.body, '/chia-se').fields._key!, _csrf: b.csrf, loai: 'deletion', noi_dung: 'Xin xóa kết quả này khỏi kho.' }, { csrf: false });
  assert.equal(forged.status, 409);
  assert.deepEqual(errorSummary(forged.body), [['#yeu-cau', 'Kết quả giải quyết thủ tục do cơ quan nhà nước cấp không xóa hoặc sửa theo yêu cầu; việc cải chính thực hiện theo thủ tục cải chính.']]);
});

test('who looked into her store; the JSON API: 401 anonymous, her items only', async () => {
  await logLookup(t.db, { ownerIdNumber: HONG.idNumber, staffId: Number(await staffId('motcua')), communeId: 'xuan-duong', dossierId: null, reason: 'Tiếp nhận hồ sơ đăng ký khai sinh cho con', found: 2, at: new Date() });
  const b = await citizen(HONG);
  assert.match(textOf((await b.get(STORE)).body), /Ai đã tra cứu kho của bạn .* Nguyễn Thị Lan, .* Tiếp nhận hồ sơ đăng ký khai sinh cho con 2/);
  assert.match(textOf((await (await citizen(BINH)).get(STORE)).body), /Chưa có ai tra cứu/);

  assert.equal((await call(t, 'GET', '/api/v1/store/items')).status, 401);
  const mine = await call(t, 'GET', '/api/v1/store/items', { headers: { cookie: await citizenCookie(t, HONG) } });
  assert.equal(mine.status, 200);
  assert.deepEqual(mine.body.items.map((i: { typeCode: string; view: string }) => [i.typeCode, i.view]), [['GCN_KET_HON', 'valid'], ['GXN_TINH_TRANG_HON_NHAN', 'deleted']]);
  const his = await call(t, 'GET', '/api/v1/store/items', { headers: { cookie: await citizenCookie(t, BINH) } });
  assert.deepEqual(his.body.items, []);
  assert.equal((await call(t, 'GET', '/api/v1/store/items', { as: 'motcua' })).status, 401, 'staff have no store');
});
