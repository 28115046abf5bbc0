// Citizen portal, online submission by a citizen logged in with the stand-in e-identity: applicant, e-form pages
// from the catalogue, files per component, check your answers, one dossier however often the final POST comes, the
// confirmation; errors keep what was typed; drafts survive and resume (after logging in again).
// The identity rules themselves (login required, name and ID number not editable, nộp thay) are in
// portal-identity.app.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { testApp } from '../support/app.ts';
import { Browser, PDF, PNG, answer, errorSummary, inputValue, textOf } from './portal-support.ts';
import { HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00'); // a Monday morning
const KHAI_SINH = '1.001193';
const proc = (await procedureAt(t.db, KHAI_SINH, new Date('2026-12-07T02:00:00Z')))!;


/** The applicant step as the page posts it: the identity is shown, not posted. */
const person = { address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912 345 678', email: '' };

/** A browser logged in as Lê Thị Hồng (001190004567). */
const citizen = async () => (await loginAs(t, HONG)).b;

/** Starts a draft of birth registration; returns its base URL. */
async function start(b: Browser): Promise<string> {
  const s = await b.get(`/nop-ho-so/${KHAI_SINH}`);
  assert.equal(s.status, 200);
  assert.ok(s.body.includes('<h1>Đăng ký khai sinh</h1>'));
  const r = await b.post(`/nop-ho-so/${KHAI_SINH}`);
  assert.equal(r.status, 303);
  assert.match(r.location!, /^\/nop-ho-so\/[0-9a-f-]{36}\/nguoi-nop$/);
  return r.location!.replace('/nguoi-nop', '');
}

async function fillAll(b: Browser, base: string) {
  await b.get(`${base}/nguoi-nop`);
  const a = await b.post(`${base}/nguoi-nop`, person);
  assert.equal(a.status, 303, a.body);
  for (const p of formPages(proc)) {
    assert.equal(a.location ?? `${base}/to-khai/${p.n}`, `${base}/to-khai/${p.n}`);
    const page = await b.get(`${base}/to-khai/${p.n}`);
    assert.equal(page.status, 200);
    const r = await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])));
    assert.equal(r.status, 303, r.body);
    a.location = r.location;
  }
  assert.equal(a.location, `${base}/giay-to`);
  await b.get(`${base}/giay-to`);
  const up = await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'giay-chung-sinh.pdf', content: PDF, type: 'application/pdf' });
  assert.equal(up.status, 303, up.body);
  const next = await b.post(`${base}/giay-to`);
  assert.deepEqual([next.status, next.location], [303, `${base}/kiem-tra`]);
}

test('the e-form pages come from the catalogue: one person per page, the requester asked once', () => {
  const pages = formPages(proc);
  assert.deepEqual(pages.map((p) => p.title), [
    'Quan hệ với người được khai sinh', 'Thông tin của trẻ', 'Thông tin của người mẹ', 'Thông tin của người cha',
    'Người được đăng ký hộ tịch thuộc đối tượng được miễn lệ phí', // Luật Hộ tịch 2014 Đ11 k1 điểm a, declared, checked at receipt
  ]);
  assert.ok(pages.every((p) => p.fields.every((f) => !f.name.startsWith('requester'))), 'requester fields come from the applicant page');
});

test('the full online submission creates exactly one dossier, even when the final POST is repeated', async () => {
  const b = await citizen();
  const base = await start(b);
  assert.ok(b.cookies.get('xaso_draft'), 'draft cookie set');
  await fillAll(b, base);
  const check = await b.get(`${base}/kiem-tra`);
  assert.equal(check.status, 200);
  assert.deepEqual(errorSummary(check.body), []);
  const text = textOf(check.body);
  for (const s of ['Lê Thị Hồng', '001190004567', '0912345678', 'Giá trị childFullName', '20/11/2026', 'giay-chung-sinh.pdf', 'Xác nhận và gửi hồ sơ']) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(check.body.includes(`href="${base}/nguoi-nop?tro-lai=kiem-tra"`), 'change links');

  // Double click: two POSTs at once, then a refresh of the POST.
  const [one, two] = await Promise.all([b.post(`${base}/nop`), b.post(`${base}/nop`)]);
  const three = await b.post(`${base}/nop`);
  for (const r of [one, two, three]) assert.deepEqual([r.status, r.location], [303, `${base}/da-nop`]);
  const dossiers = await t.db.selectFrom('dossiers').selectAll().where('applicant_id_number', '=', HONG.idNumber).execute();
  assert.equal(dossiers.length, 1, 'one dossier');
  const d = dossiers[0]!;
  assert.deepEqual([d.state, d.channel, d.procedure_code, d.applicant_name, d.code], [1, 'online', KHAI_SINH, 'Lê Thị Hồng', null]);
  const ev = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', d.id).orderBy('seq').execute();
  assert.deepEqual(ev.map((e) => [e.action, e.actor_role]), [['submit_online', 'citizen'], ['attach_file', 'citizen']]);
  const files = await t.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', d.id).execute();
  assert.deepEqual(files.map((f) => [f.component_code, f.file_name, f.uploaded_by, f.digitised, f.reused, f.from_store]),
    [['GIAY_CHUNG_SINH', 'giay-chung-sinh.pdf', null, true, false, false]]);
  const draft = await t.db.selectFrom('drafts').selectAll().where('submitted_dossier_id', '=', d.id).executeTakeFirstOrThrow();
  const form = (draft.data as { form: Record<string, Record<string, string>> }).form.TO_KHAI!;
  assert.equal(form.requesterFullName, 'Lê Thị Hồng', 'the tờ khai record has the requester filled from the applicant');
  assert.equal(form.childFullName, 'Giá trị childFullName');

  const done = await b.get(`${base}/da-nop`);
  assert.equal(done.status, 200);
  const doneText = textOf(done.body);
  assert.match(d.reference, /^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  assert.ok(doneText.includes(`Mã tra cứu hồ sơ của bạn ${d.reference}`), 'the short reference, not the internal id');
  assert.ok(!doneText.includes(d.id));
  assert.ok(doneText.includes('tiếp nhận hoặc trả lời bạn chậm nhất 09:00 ngày 08/12/2026'), 'the receipt deadline: one working day');
  assert.ok(doneText.includes('dự kiến có lúc 17:00 ngày 07/12/2026'), 'expected time from the deadline engine');
  assert.ok(doneText.includes('Mã hồ sơ được cấp khi tiếp nhận'));
  assert.ok(done.body.includes(`href="/danh-gia?ma=${d.reference}"`) && doneText.includes('30 giây'), 'satisfaction link');
  assert.ok(done.body.includes(`href="/tra-cuu?ma=${d.reference}"`));
  // The submitted draft can no longer be changed.
  assert.deepEqual([(await b.get(`${base}/nguoi-nop`)).location], [`${base}/da-nop`]);
  assert.equal((await b.post(`${base}/nguoi-nop`, { ...person, name: 'Người khác' })).location, `${base}/da-nop`);
  assert.equal((await t.db.selectFrom('dossiers').select('applicant_name').where('id', '=', d.id).executeTakeFirstOrThrow()).applicant_name, 'Lê Thị Hồng');
});

test('a missing required field shows the error summary linked to the field and keeps the other answers', async () => {
  const b = await citizen();
  const base = await start(b);
  await b.get(`${base}/nguoi-nop`);
  const r = await b.post(`${base}/nguoi-nop`, { ...person, address: '', phone: '12', email: 'hong@example.vn' });
  assert.equal(r.status, 400);
  assert.match(r.body, /<title>Lỗi: /);
  assert.deepEqual(errorSummary(r.body), [['#address', 'Nhập nơi cư trú'], ['#phone', 'Số điện thoại không đúng, ví dụ 0912 345 678']]);
  assert.ok(textOf(r.body).includes('001190004567'), 'the identity is still shown');
  assert.equal(inputValue(r.body, 'email'), 'hong@example.vn');
  assert.equal(inputValue(r.body, 'phone'), '12', 'what was typed, even when wrong');
  assert.match(r.body, /<input id="address" name="address"[^>]* aria-describedby="address-hint address-error" aria-invalid="true"/);
  assert.ok((await b.post(`${base}/nguoi-nop`, person)).status === 303);

  const child = formPages(proc).find((p) => p.title === 'Thông tin của trẻ')!;
  await b.get(`${base}/to-khai/${child.n}`);
  const values = Object.fromEntries(child.fields.map((f) => [f.name, answer(f)]));
  const bad = await b.post(`${base}/to-khai/${child.n}`, { ...values, childFullName: '', childDateOfBirth: '31/02/2026' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body).map((e) => e[0]), ['#childFullName', '#childDateOfBirth']);
  assert.ok(errorSummary(bad.body)[1]![1].includes('phải là ngày có thật'));
  assert.equal(inputValue(bad.body, 'childPlaceOfBirth'), 'Giá trị childPlaceOfBirth');
  assert.match(bad.body, /<input type="radio" id="childGender" name="childGender" value="Nam" checked\/>/);
  const stored = await t.db.selectFrom('drafts').select('data').where('id', '=', base.split('/').at(-1)!).executeTakeFirstOrThrow();
  assert.equal((stored.data as { form?: unknown }).form, undefined, 'nothing saved from a page with errors');
  // 20/11/2026 typed by hand is accepted and stored as a date.
  const ok = await b.post(`${base}/to-khai/${child.n}`, { ...values, childDateOfBirth: '20/11/2026' });
  assert.equal(ok.status, 303);

  // "Check your answers" lists what is still missing and submitting is refused.
  const check = await b.get(`${base}/kiem-tra`);
  assert.ok(textOf(check.body).includes('Hồ sơ chưa đủ để gửi'));
  assert.ok(check.body.includes(`href="${base}/giay-to#file-GIAY_CHUNG_SINH"`));
  const count = async () => (await t.db.selectFrom('dossiers').select('id').execute()).length;
  const before = await count();
  const refused = await b.post(`${base}/nop`);
  assert.equal(refused.status, 400);
  assert.ok(textOf(refused.body).includes('Chưa tải lên giấy chứng sinh'));
  assert.equal(await count(), before, 'no dossier from an incomplete draft');
});

test('a wrong file type, an empty choice and a missing required paper give clear errors', async () => {
  const b = await citizen();
  const base = await start(b);
  await b.get(`${base}/giay-to`);
  const wrong = await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'giay-chung-sinh.pdf', content: Buffer.from('Xin chào, đây là văn bản'), type: 'application/pdf' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(errorSummary(wrong.body), [['#file-GIAY_CHUNG_SINH',
    'Tệp “giay-chung-sinh.pdf” không phải là tệp PDF, JPG hoặc PNG. Hệ thống kiểm tra theo nội dung tệp, không theo tên tệp.']]);
  assert.match(wrong.body, /<input id="file-GIAY_CHUNG_SINH" name="file-GIAY_CHUNG_SINH" type="file"[^>]*aria-invalid="true"/);
  const empty = await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: '', content: Buffer.alloc(0) });
  assert.equal(empty.status, 400);
  assert.ok(errorSummary(empty.body)[0]![1].startsWith('Chọn tệp giấy chứng sinh'));
  const cont = await b.post(`${base}/giay-to`);
  assert.equal(cont.status, 400);
  assert.deepEqual(errorSummary(cont.body).map((e) => e[0]), ['#file-GIAY_CHUNG_SINH']);
  const draftId = base.split('/').at(-1)!;
  assert.equal((await t.db.selectFrom('draft_files').select('id').where('draft_id', '=', draftId).execute()).length, 0);
  // A PNG photo is fine, and can be removed again.
  assert.equal((await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'anh.png', content: PNG })).status, 303);
  const list = await b.get(`${base}/giay-to`);
  assert.ok(list.body.includes('anh.png'));
  const fileId = /name="tep" value="(\d+)"/.exec(list.body)![1]!;
  assert.equal((await b.post(`${base}/giay-to/xoa`, { tep: fileId })).status, 303);
  assert.equal((await t.db.selectFrom('draft_files').select('id').where('draft_id', '=', draftId).execute()).length, 0);
  // An upload without the CSRF token in the URL is refused.
  b.csrf = 'forged';
  assert.equal((await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'f', name: 'a.pdf', content: PDF })).status, 403);
});

test('a draft survives and resumes on the same browser only, after logging in again', async () => {
  const b = await citizen();
  const base = await start(b);
  await b.get(`${base}/nguoi-nop`);
  await b.post(`${base}/nguoi-nop`, person);
  const first = formPages(proc)[0]!;
  await b.post(`${base}/to-khai/1`, Object.fromEntries(first.fields.map((f) => [f.name, answer(f)])));

  // The browser is closed and opened again the next day: only the long-lived draft cookie is left.
  t.setNow('2026-12-08T08:00:00+07:00');
  const later = new Browser(t);
  later.cookies.set('xaso_draft', b.cookies.get('xaso_draft')!);
  const home = await later.get('/');
  assert.ok(home.body.includes('Hồ sơ bạn đang soạn dở'));
  assert.ok(home.body.includes(`href="${base}">Tiếp tục: Đăng ký khai sinh</a>`));
  // The citizen session is gone: the draft asks for the login, which comes back to it.
  const ask = await later.get(base);
  assert.deepEqual([ask.status, ask.location], [303, `/dang-nhap/vneid?tiep=${encodeURIComponent(base)}`]);
  assert.equal((await loginAs(t, HONG, later, base)).location, base);
  const resume = await later.get(base);
  assert.deepEqual([resume.status, resume.location], [303, `${base}/to-khai/2`], 'resumes at the first page not done');
  const applicant = await later.get(`${base}/nguoi-nop`);
  assert.ok(textOf(applicant.body).includes('Lê Thị Hồng'));
  assert.equal(inputValue(applicant.body, 'address'), 'Thôn Đồng Tâm, xã Xuân Dương');
  assert.ok((await later.get(`/nop-ho-so/${KHAI_SINH}`)).body.includes('Bạn có hồ sơ đang soạn dở cho thủ tục này'));

  const stranger = new Browser(t);
  const other = await stranger.get(`${base}/nguoi-nop`);
  assert.equal(other.status, 404, 'another browser cannot open the draft');
  assert.ok(textOf(other.body).includes('Không tìm thấy hồ sơ đang soạn'));
  assert.equal((await stranger.get(base)).status, 404);
  t.setNow('2026-12-07T09:00:00+07:00');
});
