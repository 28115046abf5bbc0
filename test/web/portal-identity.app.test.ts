// Identity bound to the online dossier (issue 11): filing online needs the e-identity login unless the procedure
// allows other means; the applicant's name and ID number come from the identity and a forged POST is refused;
// filing for someone else (nộp thay) records the filer as the authorised person and requires the authorisation
// paper, shown on "check your answers", printed on the receipt and shown to the staff; the e-identity flag and
// "Hồ sơ của tôi" follow the citizen who filed, never an ID number typed; the check, the submission and the
// confirmation open for the draft's citizen only, and the submission itself refuses a filer not logged in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import crypto from 'node:crypto';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { Browser, PDF, answer, errorSummary, inputValue, textOf, type Page } from './portal-support.ts';
import { BINH, HONG, loginAs } from '../identity/citizen-support.ts';
import { submitDraft } from '../../src/web/portal/drafts.ts';
import { flat, getPdf, pdfText, skipWithoutPoppler } from '../documents/pdf-helpers.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00');
const KHAI_SINH = '1.001193';
const proc = (await procedureAt(t.db, KHAI_SINH, new Date('2026-12-07T02:00:00Z')))!;
const START = `/nop-ho-so/${KHAI_SINH}`;
const LOGIN = `/dang-nhap/vneid?tiep=${encodeURIComponent(START)}`;
const contact = { address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912 345 678', email: '' };
const CUONG = { name: 'Phạm Văn Cường', idNumber: '019099000111' };

const draftIdOf = (base: string) => base.split('/')[2]!;
const dataOf = async (base: string) =>
  (await t.db.selectFrom('drafts').select('data').where('id', '=', draftIdOf(base)).executeTakeFirstOrThrow()).data as Record<string, unknown>;
const citizenId = async (sub: string) => Number((await t.db.selectFrom('citizens').select('id').where('subject', '=', sub).executeTakeFirstOrThrow()).id);

async function start(b: Browser): Promise<string> {
  await b.get(START);
  const r = await b.post(START);
  assert.equal(r.status, 303, r.body);
  assert.match(r.location!, /^\/nop-ho-so\/[0-9a-f-]{36}\/nguoi-nop$/);
  return r.location!.replace('/nguoi-nop', '');
}

/** The e-form pages, the birth certificate (and `more` papers), up to "check your answers" (returned). */
async function fill(b: Browser, base: string, more: string[] = []): Promise<Page> {
  for (const p of formPages(proc)) {
    await b.get(`${base}/to-khai/${p.n}`);
    assert.equal((await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])))).status, 303);
  }
  await b.get(`${base}/giay-to`);
  for (const code of ['GIAY_CHUNG_SINH', ...more]) {
    const up = await b.upload(`${base}/giay-to/${code}`, { field: `file-${code}`, name: `${code.toLowerCase()}.pdf`, content: PDF, type: 'application/pdf' });
    assert.equal(up.status, 303, up.body);
  }
  assert.equal((await b.post(`${base}/giay-to`)).location, `${base}/kiem-tra`);
  return b.get(`${base}/kiem-tra`);
}

/** Sends the draft from "check your answers"; returns the dossier id. */
async function send(b: Browser, base: string): Promise<string> {
  const done = await b.post(`${base}/nop`);
  assert.deepEqual([done.status, done.location], [303, `${base}/da-nop`], done.body);
  const d = await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', draftIdOf(base)).executeTakeFirstOrThrow();
  return d.submitted_dossier_id!;
}

/** The e-form, the papers, the check, then submit; returns the dossier id. */
async function finish(b: Browser, base: string, more: string[] = []): Promise<string> {
  assert.equal((await fill(b, base, more)).status, 200);
  return send(b, base);
}

const dossier = (id: string) =>
  t.db.selectFrom('dossiers').select(['applicant_name', 'applicant_id_number', 'authenticated_with_eid']).where('id', '=', id).executeTakeFirstOrThrow();
const filing = (id: string) => t.db.selectFrom('eid_filings').selectAll().where('dossier_id', '=', id).executeTakeFirst();
const listed = async (b: Browser, id: string) => (await b.get('/ho-so-cua-toi')).body.includes(`/ho-so-cua-toi/ho-so/${id}`);

test('anonymous: the start page asks for the e-identity login and comes back; no draft is started or opened without it', async () => {
  const b = new Browser(t);
  const page = await b.get(START);
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(`href="${LOGIN.replace(/&/g, '&amp;')}"`), 'the login link comes back to the start page');
  assert.match(textOf(page.body), /Đăng nhập bằng định danh điện tử để nộp hồ sơ/);
  assert.ok(!page.body.includes(`action="${START}"`), 'no "Bắt đầu" without the login');
  const drafts = async () => (await t.db.selectFrom('drafts').select('id').execute()).length;
  const before = await drafts();
  await b.get('/tra-cuu'); // a CSRF token: the start page has no form without the login
  const r = await b.post(START);
  assert.deepEqual([r.status, r.location], [303, LOGIN]);
  assert.equal(await drafts(), before, 'no draft for an anonymous citizen');

  // The login comes back to the start page, which now starts a draft that is the citizen's.
  assert.equal((await loginAs(t, HONG, b, START)).location, START);
  const back = await b.get(START);
  assert.match(textOf(back.body), /Bạn đang đăng nhập bằng định danh điện tử: Lê Thị Hồng/);
  const base = await start(b);
  const link = await t.db.selectFrom('citizen_drafts').select('citizen_id').where('draft_id', '=', draftIdOf(base)).executeTakeFirstOrThrow();
  assert.equal(Number(link.citizen_id), await citizenId(HONG.sub));

  // The draft's cookie without the citizen session: every step asks for the login and comes back.
  const anonymous = new Browser(t);
  anonymous.cookies.set('xaso_draft', b.cookies.get('xaso_draft')!);
  await anonymous.get('/tra-cuu'); // a CSRF token
  const step = await anonymous.get(`${base}/nguoi-nop`);
  assert.deepEqual([step.status, step.location], [303, `/dang-nhap/vneid?tiep=${encodeURIComponent(`${base}/nguoi-nop`)}`]);
  const post = await anonymous.post(`${base}/nguoi-nop`, contact);
  assert.deepEqual([post.status, post.location], [303, `/dang-nhap/vneid?tiep=${encodeURIComponent(base)}`]);
  assert.equal((await dataOf(base)).applicant, undefined, 'nothing saved');
});

test('the applicant\'s name and ID number come from the identity: shown, not editable; a forged POST is refused', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await start(b);
  const page = await b.get(`${base}/nguoi-nop`);
  assert.equal(page.status, 200);
  assert.equal(inputValue(page.body, 'name'), undefined, 'no name field');
  assert.equal(inputValue(page.body, 'idNumber'), undefined, 'no ID number field');
  assert.ok(!/name="(name|idNumber)"/.test(page.body));
  const text = textOf(page.body);
  for (const s of [HONG.name, HONG.idNumber, 'Lấy từ tài khoản định danh điện tử (VNeID) bạn đang đăng nhập, không sửa được tại đây']) assert.ok(text.includes(s), s);
  assert.ok(page.body.includes('name="address"') && page.body.includes('name="phone"') && page.body.includes('name="email"'), 'contact fields editable');

  // Someone else's ID number, or name, posted as the applicant's: refused, nothing saved.
  const forgeries: Record<string, string>[] = [{ idNumber: BINH.idNumber }, { name: BINH.name }, { name: HONG.name, idNumber: BINH.idNumber }];
  for (const forged of forgeries) {
    const r = await b.post(`${base}/nguoi-nop`, { ...contact, nop_thay: 'khong', ...forged });
    assert.equal(r.status, 400, JSON.stringify(forged));
    assert.deepEqual(errorSummary(r.body), [['#identity', 'Họ tên và số định danh cá nhân của người nộp được lấy từ tài khoản định danh điện tử, không sửa được. Nếu bạn nộp hồ sơ cho người khác, chọn “Nộp thay người khác”.']]);
    assert.ok(textOf(r.body).includes(HONG.idNumber), 'the identity is shown again');
    assert.equal((await dataOf(base)).applicant, undefined);
  }
  // Their own, typed as on the card, is no forgery; nothing posted is the usual case.
  assert.equal((await b.post(`${base}/nguoi-nop`, { ...contact, name: ` ${HONG.name} `, idNumber: '001 190 004 567' })).status, 303);
  const r = await b.post(`${base}/nguoi-nop`, { ...contact, nop_thay: 'khong' });
  assert.deepEqual([r.status, r.location], [303, `${base}/to-khai/1`]);
  const data = await dataOf(base);
  assert.deepEqual(data.applicant, { name: HONG.name, idNumber: HONG.idNumber, address: contact.address, phone: '0912345678', email: '' });
  assert.deepEqual([data.onBehalf, data.filer], [false, { citizenId: await citizenId(HONG.sub), name: HONG.name, idNumber: HONG.idNumber }]);

  const id = await finish(b, base);
  assert.deepEqual(await dossier(id), { applicant_name: HONG.name, applicant_id_number: HONG.idNumber, authenticated_with_eid: true });
  const f = (await filing(id))!;
  assert.deepEqual([Number(f.citizen_id), f.full_name, f.id_number, f.on_behalf], [await citizenId(HONG.sub), HONG.name, HONG.idNumber, false]);
  assert.ok(await listed(b, id), 'in "Hồ sơ của tôi"');
});

let onBehalfId = '';

test('nộp thay: the person typed and checked, the filer recorded as the authorised person, the authorisation paper required', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await start(b);
  const self = await b.get(`${base}/nguoi-nop`);
  assert.ok(self.body.includes(`href="${base}/nguoi-nop?nop-thay=co"`), 'the choice to file for someone else');
  const page = await b.get(`${base}/nguoi-nop?nop-thay=co`);
  assert.equal(page.status, 200);
  const text = textOf(page.body);
  for (const s of ['Nộp thay người khác', 'Người được ủy quyền (bạn)', HONG.name, HONG.idNumber, 'Người ủy quyền (người có hồ sơ)']) assert.ok(text.includes(s), s);
  assert.ok(page.body.includes('name="name"') && inputValue(page.body, 'name') === undefined, 'the person\'s name is asked, empty');
  assert.equal(inputValue(page.body, 'nop_thay'), 'co');

  // The person's ID number by the shared rules, and never the filer's own.
  const wrong = await b.post(`${base}/nguoi-nop`, { ...contact, ...CUONG, idNumber: '12ab', nop_thay: 'co' });
  assert.equal(wrong.status, 400);
  assert.deepEqual(errorSummary(wrong.body), [['#idNumber', 'Số định danh cá nhân gồm 12 chữ số, như in trên thẻ Căn cước']]);
  const own = await b.post(`${base}/nguoi-nop`, { ...contact, ...CUONG, idNumber: HONG.idNumber, nop_thay: 'co' });
  assert.equal(own.status, 400);
  assert.deepEqual(errorSummary(own.body), [['#idNumber', 'Số định danh cá nhân này là của bạn. Nếu bạn nộp hồ sơ cho chính mình, chọn “Khai hồ sơ của bạn”.']]);
  const ok = await b.post(`${base}/nguoi-nop`, { ...contact, ...CUONG, nop_thay: 'co' });
  assert.deepEqual([ok.status, ok.location], [303, `${base}/to-khai/1`]);
  const data = await dataOf(base);
  assert.deepEqual([data.onBehalf, (data.applicant as { idNumber: string }).idNumber, data.filer],
    [true, CUONG.idNumber, { citizenId: await citizenId(HONG.sub), name: HONG.name, idNumber: HONG.idNumber }]);
  assert.equal(inputValue((await b.get(`${base}/nguoi-nop`)).body, 'name'), CUONG.name, 'reopened as filed for someone else');

  // The authorisation paper is now required on the files step.
  const files = await b.get(`${base}/giay-to`);
  assert.ok(textOf(files.body).includes('Văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục) Không phải chứng thực'), 'required: no "(nếu có)"');
  await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'gcs.pdf', content: PDF, type: 'application/pdf' });
  const missing = await b.post(`${base}/giay-to`);
  assert.equal(missing.status, 400);
  assert.deepEqual(errorSummary(missing.body), [['#file-VAN_BAN_UY_QUYEN', 'Tải lên văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục)']]);
  const early = await b.get(`${base}/kiem-tra`);
  assert.ok(errorSummary(early.body).some(([href, m]) => href === `${base}/giay-to#file-VAN_BAN_UY_QUYEN` && m === 'Chưa tải lên văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục)'),
    'the check page asks for the authorisation too');

  // "Check your answers": the authorised person (the citizen, from the identity), then the person whose dossier it is.
  const check = await fill(b, base, ['VAN_BAN_UY_QUYEN']);
  assert.deepEqual(errorSummary(check.body), []);
  const said = textOf(check.body);
  const order = ['Người được ủy quyền', HONG.name, HONG.idNumber, 'Người ủy quyền (người có hồ sơ)', CUONG.name, CUONG.idNumber, 'van_ban_uy_quyen.pdf'];
  order.reduce((at, x) => {
    const i = said.indexOf(x, at);
    assert.ok(i > at, `"${x}" in order on the check page`);
    return i;
  }, said.indexOf('Kiểm tra thông tin trước khi gửi'));
  const id = await send(b, base);
  onBehalfId = id;
  assert.deepEqual(await dossier(id), { applicant_name: CUONG.name, applicant_id_number: CUONG.idNumber, authenticated_with_eid: true });
  const f = (await filing(id))!;
  assert.deepEqual([Number(f.citizen_id), f.full_name, f.id_number, f.on_behalf], [await citizenId(HONG.sub), HONG.name, HONG.idNumber, true],
    'the filer is the authorised person');
  const papers = await t.db.selectFrom('dossier_files').select('component_code').where('dossier_id', '=', id).execute();
  assert.ok(papers.some((p) => p.component_code === 'VAN_BAN_UY_QUYEN'), 'the authorisation filed with the dossier');
  assert.ok(await listed(b, id), 'in the filer\'s "Hồ sơ của tôi"');
  assert.equal(await listed((await loginAs(t, BINH)).b, id), false, 'not in another citizen\'s');
});

test('the receipt of a dossier filed for someone else: received from the authorised person, the authoriser\'s block and the paper; the staff see who filed it', async (tc) => {
  assert.ok(onBehalfId, 'the nộp thay dossier of the test above');
  t.setNow('2026-12-07T10:00:00+07:00');
  const r = await call(t, 'POST', `/api/v1/dossiers/${onBehalfId}/actions/receive_online`, { as: 'motcua', body: {} });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.authorisedPerson, { name: HONG.name, idNumber: HONG.idNumber });
  assert.equal(r.body.idWaiver, null);
  const seen = await t.app.inject({ method: 'GET', url: `/can-bo/ho-so/${onBehalfId}`, headers: { cookie: await t.login('motcua') } });
  assert.ok(textOf(seen.body).includes(`Người được ủy quyền nộp thay ${HONG.name}, số định danh cá nhân ${HONG.idNumber} (xác thực bằng tài khoản định danh điện tử)`));
  const api = await call(t, 'GET', `/api/v1/dossiers/${onBehalfId}`, { as: 'admin' });
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.deepEqual(api.body.authorisedPerson, { name: HONG.name, idNumber: null }, 'no ID number for a role that may not see them');

  const pdf = await getPdf(t, `/api/v1/dossiers/${onBehalfId}/documents/receipt`, 'motcua');
  assert.equal(pdf.status, 200);
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(pdf.body));
  const lines = [
    'tiếp nhận hồ sơ của:', `Ông/Bà: ${HONG.name}`, `Số định danh cá nhân/tổ chức: ${HONG.idNumber}`,
    'Là người được ủy quyền nộp hồ sơ, đã xác thực bằng tài khoản định danh điện tử.',
    'Trường hợp được ủy quyền, thông tin người ủy quyền:', `Ông/Bà: ${CUONG.name}`, `Số định danh cá nhân/tổ chức: ${CUONG.idNumber}`,
    'Văn bản ủy quyền: Tệp đính kèm: van_ban_uy_quyen.pdf', 'Nội dung yêu cầu giải quyết',
  ];
  lines.reduce((at, x) => {
    const i = text.indexOf(x, at);
    assert.ok(i > at, `"${x}" in order on the receipt:\n${text}`);
    return i;
  }, -1);
  assert.ok(text.includes('nhập mã hồ sơ và 4 số cuối số định danh cá nhân của người ủy quyền.'), text);
});

test('a draft started by one citizen does not open for another on the same browser', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await start(b);
  await loginAs(t, BINH, b); // a shared computer: Bình logs in where Hồng had not logged out
  assert.equal((await b.get(`${base}/nguoi-nop`)).status, 404);
  assert.equal((await b.get(base)).status, 404);
  assert.equal((await b.post(`${base}/nguoi-nop`, contact)).status, 404);
  for (const step of ['kiem-tra', 'da-nop']) assert.equal((await b.get(`${base}/${step}`)).status, 404, step);
  assert.equal((await b.post(`${base}/nop`)).status, 404);
});

test('the submission checks the filer in its transaction: no login, or another citizen, sends nothing', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await start(b);
  assert.equal((await b.post(`${base}/nguoi-nop`, { ...contact, nop_thay: 'khong' })).status, 303);
  await fill(b, base);
  const owner = crypto.createHash('sha256').update(b.cookies.get('xaso_draft')!).digest('hex');
  const now = new Date('2026-12-07T02:00:00Z');
  const anonymous = await submitDraft(t.db, draftIdOf(base), owner, now, base);
  assert.deepEqual(anonymous, { ok: false, problems: [{ href: `${base}/nguoi-nop`, message: 'Đăng nhập bằng định danh điện tử để nộp hồ sơ' }] });
  const other = await submitDraft(t.db, draftIdOf(base), owner, now, base, await citizenId(BINH.sub));
  assert.equal(other.ok, false);
  assert.deepEqual(!other.ok && other.problems.map((x) => x.href), [`${base}/nguoi-nop`]);
  const d = await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', draftIdOf(base)).executeTakeFirstOrThrow();
  assert.equal(d.submitted_dossier_id, null, 'nothing sent');
  assert.ok(await send(b, base), 'the filer herself sends it');
});

test('a procedure that allows other means is filed without logging in, typed, and not flagged; a later login does not make it anyone\'s', async () => {
  const { version: _v, ...current } = proc;
  const r = await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body: { ...current, effectiveFrom: '2026-12-01', onlineIdentity: 'eid_or_other' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const b = new Browser(t);
  const page = await b.get(START);
  assert.ok(page.body.includes(`action="${START}"`), '"Bắt đầu" without the login');
  assert.ok(page.body.includes(`href="${LOGIN.replace(/&/g, '&amp;')}"`), 'the login offered');
  const base = await start(b);
  const step = await b.get(`${base}/nguoi-nop`);
  assert.ok(step.body.includes('name="name"') && step.body.includes('name="idNumber"'), 'typed');
  assert.equal((await b.post(`${base}/nguoi-nop`, { ...contact, ...CUONG })).status, 303);
  const plain = new Browser(t);
  const other = await start(plain);
  assert.equal((await plain.post(`${other}/nguoi-nop`, { ...contact, ...CUONG })).status, 303);
  const id = await finish(plain, other);
  assert.deepEqual(await dossier(id), { applicant_name: CUONG.name, applicant_id_number: CUONG.idNumber, authenticated_with_eid: false });
  assert.equal(await filing(id), undefined);
  // Through the API too, without logging in.
  const api = await call(t, 'POST', '/api/v1/public/submissions', { body: { communeId: 'xuan-duong', procedureCode: KHAI_SINH, applicant: { ...CUONG, address: contact.address, phone: '0912345678' } } });
  assert.equal(api.status, 201, JSON.stringify(api.body));
  assert.equal((await dossier(api.body.id)).authenticated_with_eid, false);

  // Bình logs in before sending: the applicant was not declared with his identity, so the draft is not sent as his
  // until he saves the applicant step himself (here for Cường, whose authorisation he then uploads).
  await loginAs(t, BINH, b);
  await fill(b, base);
  const refused = await b.post(`${base}/nop`);
  assert.equal(refused.status, 400);
  assert.deepEqual(errorSummary(refused.body), [[`${base}/nguoi-nop`, 'Thông tin người nộp hồ sơ chưa được xác nhận bằng tài khoản định danh điện tử bạn đang đăng nhập: mở lại bước này và lưu']]);
  assert.equal((await b.post(`${base}/nguoi-nop`, { ...contact, ...CUONG, nop_thay: 'co' })).status, 303);
  const mine = await finish(b, base, ['VAN_BAN_UY_QUYEN']);
  assert.deepEqual(await dossier(mine), { applicant_name: CUONG.name, applicant_id_number: CUONG.idNumber, authenticated_with_eid: true });
  assert.equal((await filing(mine))?.on_behalf, true);
  assert.ok(await listed(b, mine));
});
