// The portal's e-form and the declaration (issue 11): ethnicity and nationality as lists, plausibility checked on
// "check your answers" and on submission (messages linked to the field), and the answers filed with the dossier, as
// the officer then reads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { PDF, answer, errorSummary, textOf, type Browser } from './portal-support.ts';
import { HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00'); // a Monday morning
const KHAI_SINH = '1.001193';
const proc = (await procedureAt(t.db, KHAI_SINH, new Date('2026-12-07T02:00:00Z')))!;
const pages = formPages(proc);
const pageOf = (title: string) => pages.find((p) => p.title === title)!;

async function draft(b: Browser): Promise<string> {
  await b.get(`/nop-ho-so/${KHAI_SINH}`);
  const r = await b.post(`/nop-ho-so/${KHAI_SINH}`);
  assert.equal(r.status, 303, r.body);
  const base = r.location!.replace('/nguoi-nop', '');
  await b.get(`${base}/nguoi-nop`);
  assert.equal((await b.post(`${base}/nguoi-nop`, { address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912345678', email: '' })).status, 303);
  return base;
}

async function savePage(b: Browser, base: string, title: string, over: Record<string, string> = {}) {
  const p = pageOf(title);
  await b.get(`${base}/to-khai/${p.n}`);
  const r = await b.post(`${base}/to-khai/${p.n}`, { ...Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])), ...over });
  assert.equal(r.status, 303, r.body);
}

test('ethnicity and nationality are chosen from the code lists; a name typed is not accepted', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await draft(b);
  const child = pageOf('Thông tin của trẻ');
  const page = await b.get(`${base}/to-khai/${child.n}`);
  const select = (name: string) => new RegExp(`<select id="${name}" name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(page.body)?.[1] ?? '';
  const ethnic = select('childEthnicity');
  assert.equal((ethnic.match(/<option value="\d\d"/g) ?? []).length, 54, 'the 54 ethnic groups');
  assert.match(ethnic, /^<option value(="")?>— Chọn —<\/option><option value="01">Kinh<\/option>/, 'no silent default, Kinh first');
  assert.match(select('childNationality'), /^<option value(="")?>— Chọn —<\/option><option value="VN">Việt Nam<\/option>/);
  const values = Object.fromEntries(child.fields.map((f) => [f.name, answer(f)]));
  const bad = await b.post(`${base}/to-khai/${child.n}`, { ...values, childEthnicity: 'Xuân Dương', childDateOfBirth: '2026-12-24' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body), [['#childEthnicity', 'Chọn dân tộc của trẻ trong danh sách 54 dân tộc Việt Nam']]);
});

test('implausible answers are listed on "check your answers", linked to their field, and refused on submission', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await draft(b);
  await savePage(b, base, 'Quan hệ với người được khai sinh');
  await savePage(b, base, 'Thông tin của trẻ'); // born 20/11/2026
  await savePage(b, base, 'Thông tin của người mẹ', { motherDateOfBirth: '25/11/2026' });
  await savePage(b, base, 'Thông tin của người cha', { fatherDateOfBirth: '05/01/2027', fatherIdNumber: '001195004321' }); // the mother's
  await b.get(`${base}/giay-to`);
  assert.equal((await b.upload(`${base}/giay-to/GIAY_CHUNG_SINH`, { field: 'file-GIAY_CHUNG_SINH', name: 'gcs.pdf', content: PDF, type: 'application/pdf' })).status, 303);

  const check = await b.get(`${base}/kiem-tra`);
  const n = (title: string) => pageOf(title).n;
  assert.deepEqual(errorSummary(check.body), [
    [`${base}/to-khai/${n('Thông tin của người cha')}#fatherDateOfBirth`, 'Ngày, tháng, năm sinh của người cha không được sau ngày hôm nay (07/12/2026)'],
    [`${base}/to-khai/${n('Thông tin của người mẹ')}#motherDateOfBirth`, 'Ngày sinh của người mẹ phải trước ngày sinh của trẻ (20/11/2026)'],
    [`${base}/to-khai/${n('Thông tin của người cha')}#fatherIdNumber`, 'Số định danh cá nhân của người cha trùng với số của người mẹ: mỗi người có một số riêng'],
  ]);
  const before = (await t.db.selectFrom('dossiers').select('id').execute()).length;
  const refused = await b.post(`${base}/nop`);
  assert.equal(refused.status, 400);
  assert.equal((await t.db.selectFrom('dossiers').select('id').execute()).length, before, 'nothing filed');

  // Corrected, the dossier is filed with its declaration, as the officer reads it.
  await savePage(b, base, 'Thông tin của người mẹ');
  await savePage(b, base, 'Thông tin của người cha');
  const text = textOf((await b.get(`${base}/kiem-tra`)).body);
  assert.ok(text.includes('Dân tộc của trẻ Kinh') && text.includes('Quốc tịch của trẻ Việt Nam'), 'names, not codes');
  assert.equal((await b.post(`${base}/nop`)).status, 303);
  const draftId = base.split('/').at(-1)!;
  const { submitted_dossier_id: id } = await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', draftId).executeTakeFirstOrThrow();
  const d = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  const answers = d.body.declaration.forms[0].answers;
  assert.deepEqual([answers.requesterFullName, answers.childDateOfBirth, answers.childEthnicity, answers.motherIdNumber],
    [HONG.name, '2026-11-20', '01', '001195004321']);
  const staff = textOf((await t.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: { cookie: await t.login('motcua') } })).body);
  assert.ok(staff.includes('Ngày, tháng, năm sinh của người mẹ 14/03/1995'), 'dates as dd/mm/yyyy');
});
