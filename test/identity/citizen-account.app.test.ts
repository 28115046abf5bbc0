// "Hồ sơ của tôi" and online submission by a citizen logged in with e-identity: the applicant's name and ID number
// from the identity, the dossier flagged "authenticated with e-identity" (filing needs the login), the list scoped to
// the citizen (by the ID number of the ID token, or filed by them), another citizen's dossier or draft out of reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { Browser, PDF, answer, inputValue, textOf } from '../web/portal-support.ts';
import { BINH, HONG, loginAs } from './citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00');
const KHAI_SINH = '1.001193';
const proc = (await procedureAt(t.db, KHAI_SINH, new Date('2026-12-07T02:00:00Z')))!;


async function startDraft(b: Browser): Promise<string> {
  await b.get(`/nop-ho-so/${KHAI_SINH}`);
  const r = await b.post(`/nop-ho-so/${KHAI_SINH}`);
  assert.equal(r.status, 303);
  return r.location!.replace('/nguoi-nop', '');
}

/** Fills and submits a birth registration; returns the dossier id. */
async function fileOnline(b: Browser, base: string, who: { name: string; idNumber: string }): Promise<string> {
  await b.get(`${base}/nguoi-nop`);
  const a = await b.post(`${base}/nguoi-nop`, { ...who, address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912 345 678', email: '' });
  assert.equal(a.status, 303, a.body);
  for (const p of formPages(proc)) {
    await b.get(`${base}/to-khai/${p.n}`);
    const r = await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])));
    assert.equal(r.status, 303, r.body);
  }
  await b.get(`${base}/giay-to`);
  const up = await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'gcs.pdf', content: PDF, type: 'application/pdf' });
  assert.equal(up.status, 303, up.body);
  await b.post(`${base}/giay-to`);
  await b.get(`${base}/kiem-tra`);
  const done = await b.post(`${base}/nop`);
  assert.deepEqual([done.status, done.location], [303, `${base}/da-nop`], done.body);
  const draft = await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', base.split('/')[2]!).executeTakeFirstOrThrow();
  return draft.submitted_dossier_id!;
}

const flag = async (id: string) =>
  (await t.db.selectFrom('dossiers').select('authenticated_with_eid').where('id', '=', id).executeTakeFirstOrThrow()).authenticated_with_eid;

let hongDossier = '';

test('a logged-in citizen files online: applicant from the identity, dossier flagged, listed in "Hồ sơ của tôi"', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await startDraft(b);
  const page = await b.get(`${base}/nguoi-nop`);
  assert.ok(textOf(page.body).includes(`${HONG.name} `) && textOf(page.body).includes(HONG.idNumber), 'shown');
  assert.equal(inputValue(page.body, 'name'), undefined, 'not a field');
  const mine = await b.get('/ho-so-cua-toi');
  assert.match(textOf(mine.body), /Hồ sơ đang soạn Đăng ký khai sinh/, 'the open draft is listed');
  hongDossier = await fileOnline(b, base, HONG);
  assert.equal(await flag(hongDossier), true, 'TaiKhoanDuocXacThucVoiVNeID');
  const list = await b.get('/ho-so-cua-toi');
  assert.ok(list.body.includes(`href="/ho-so-cua-toi/ho-so/${hongDossier}"`));
  assert.match(textOf(list.body), /Không có hồ sơ đang soạn/);
  // From the list to the status page, without typing the code and the 4 digits.
  const open = await b.get(`/ho-so-cua-toi/ho-so/${hongDossier}`);
  assert.deepEqual([open.status, open.location], [303, `/tra-cuu/ho-so/${hongDossier}`]);
  const status = await b.get(open.location!);
  assert.equal(status.status, 200);
  assert.match(textOf(status.body), /Đăng ký khai sinh/);
});

test('without logging in, nothing is filed online: the start asks for the login', async () => {
  const b = new Browser(t);
  await b.get('/tra-cuu'); // a CSRF token (the start page has no form without the login)
  const r = await b.post(`/nop-ho-so/${KHAI_SINH}`);
  assert.deepEqual([r.status, r.location], [303, `/dang-nhap/vneid?tiep=${encodeURIComponent(`/nop-ho-so/${KHAI_SINH}`)}`]);
  assert.equal(b.cookies.has('xaso_draft'), false, 'no draft');
});

test('a counter dossier with the citizen\'s ID number is theirs too (matched by the ID token\'s number)', async () => {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name: HONG.name, idNumber: HONG.idNumber }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const { b } = await loginAs(t, HONG);
  const list = await b.get('/ho-so-cua-toi');
  assert.ok(list.body.includes(`/ho-so-cua-toi/ho-so/${r.body.id}`));
  assert.ok(list.body.includes(`/ho-so-cua-toi/ho-so/${hongDossier}`));
});

test('another citizen sees neither the dossiers nor the drafts of the first', async () => {
  const hong = (await loginAs(t, HONG)).b;
  const draftBase = await startDraft(hong);
  const draftId = draftBase.split('/')[2]!;
  const { b } = await loginAs(t, BINH);
  const list = await b.get('/ho-so-cua-toi');
  assert.match(textOf(list.body), /Nguyễn Văn Bình/);
  assert.match(textOf(list.body), /Chưa có hồ sơ nào/);
  assert.doesNotMatch(list.body, new RegExp(hongDossier));
  assert.doesNotMatch(list.body, new RegExp(draftId));
  assert.equal((await b.get(`/ho-so-cua-toi/ho-so/${hongDossier}`)).status, 404);
  assert.equal((await b.post(`/ho-so-cua-toi/ho-so-nhap/${draftId}`)).status, 404);
  assert.equal((await b.get(`${draftBase}/nguoi-nop`)).status, 404, 'the draft stays out of reach');
});

test('the citizen continues their draft on another device', async () => {
  const first = (await loginAs(t, HONG)).b;
  const base = await startDraft(first);
  const id = base.split('/')[2]!;
  const { b } = await loginAs(t, HONG);
  const list = await b.get('/ho-so-cua-toi');
  assert.ok(list.body.includes(`action="/ho-so-cua-toi/ho-so-nhap/${id}"`));
  const go = await b.post(`/ho-so-cua-toi/ho-so-nhap/${id}`);
  assert.deepEqual([go.status, go.location], [303, `/nop-ho-so/${id}`]);
  assert.equal((await b.get(`${base}/nguoi-nop`)).status, 200);
});

test('without a citizen session: "Hồ sơ của tôi" offers the login; a dossier link leads to it', async () => {
  const b = new Browser(t);
  const page = await b.get('/ho-so-cua-toi');
  assert.equal(page.status, 200);
  assert.ok(page.body.includes('href="/dang-nhap/vneid?tiep=%2Fho-so-cua-toi"'));
  assert.match(textOf(page.body), /Đăng nhập bằng VNeID/);
  const d = await b.get(`/ho-so-cua-toi/ho-so/${hongDossier}`);
  assert.deepEqual([d.status, d.location], [303, '/dang-nhap/vneid?tiep=%2Fho-so-cua-toi']);
  assert.equal(b.cookies.has('xaso_tra_cuu'), false, 'no proof given');
  const forged = await t.app.inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { cookie: 'xaso_cid=' + 'A'.repeat(43) } });
  assert.doesNotMatch(textOf(forged.body), /Đăng xuất/);
});
