// The demo seeder (2025 finished, the current year in progress and auto-filled; a second run adds nothing) and the
// staff pages on its data: who sees what, who gets which forms, other commune 404, anonymous users to the login.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { seedDemoPar } from '../../src/demo/par.ts';
import { shippedTemplates } from '../../src/par/templates.ts';
import { STATUS_LABEL } from '../../src/par/service.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';

const t = await testApp();
const now = new Date('2026-11-20T09:00:00+07:00');
const count = async () => Promise.all((['par_templates', 'par_assessments', 'par_items', 'par_evidence', 'par_log'] as const)
  .map(async (tb) => Number((await t.db.selectFrom(tb).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)));

const page = async (url: string, as?: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: as ? { cookie: await t.login(as) } : {} });
  return { status: res.statusCode, body: res.body, location: res.headers.location };
};

test('the demo: 2025 final with appraisals and a dialogue, 2026 in progress with auto values; idempotent', async () => {
  t.setNow(now.toISOString());
  await seedDemoPar(t.db, 'xuan-duong', now);
  await seedDemoPar(t.db, 'tan-lap', now);
  const first = await count();
  await seedDemoPar(t.db, 'xuan-duong', now);
  await seedDemoPar(t.db, 'tan-lap', now);
  assert.deepEqual(await count(), first, 'a second run adds nothing');
  const years = await t.db.selectFrom('par_assessments').select(['year', 'status']).where('commune_id', '=', 'xuan-duong').orderBy('year').execute();
  assert.deepEqual(years, [{ year: 2025, status: 'final' }, { year: 2026, status: 'draft' }]);
  const dialogue = await t.db.selectFrom('par_log').select('type').where('commune_id', '=', 'xuan-duong').where('type', 'in', ['appraised', 'response', 'revised']).execute();
  assert.ok(dialogue.some((d) => d.type === 'response') && dialogue.some((d) => d.type === 'revised'));
  const auto = await t.db.selectFrom('par_items as i').innerJoin('par_assessments as a', 'a.id', 'i.assessment_id')
    .select(['i.auto_figures']).where('a.year', '=', 2026).where('a.commune_id', '=', 'xuan-duong').where('i.auto_at', 'is not', null).execute();
  assert.ok(auto.length >= 8, 'the auto sub-criteria carry their figures');
});

test('pages: the list, tree, item, template and comparison; forms by role; scoped to the commune; login first', async () => {
  const list = await page('/can-bo/cchc/chi-so', 'hotich');
  assert.equal(list.status, 200);
  assert.match(list.body, /Năm 2026/);
  assert.doesNotMatch(list.body, /form-create/, 'only the coordinator opens a year');
  assert.match((await page('/can-bo/cchc/chi-so', 'truongvhxh')).body, /form-create/);
  const tree = await page('/can-bo/cchc/chi-so/2025', 'truongkt');
  assert.equal(tree.status, 200);
  assert.match(tree.body, new RegExp(STATUS_LABEL.final));
  assert.match(tree.body, /điểm cuối cùng/);
  const mine = await page('/can-bo/cchc/chi-so/2026/tieu-chi/5.1.1', 'truongkt');
  assert.match(mine.body, /id="form-self"/);
  const theirs = await page('/can-bo/cchc/chi-so/2026/tieu-chi/1.2.1', 'truongkt');
  assert.equal(theirs.status, 200);
  assert.doesNotMatch(theirs.body, /id="form-self"|id="form-evidence"/);
  const auto = await page('/can-bo/cchc/chi-so/2026/tieu-chi/3.2.1', 'giamdoc');
  assert.match(auto.body, /Chỉ số 766 2\.1/);
  assert.match(auto.body, /id="self-reason"/, 'an auto value is overridden only with a reason');
  assert.doesNotMatch((await page('/can-bo/cchc/chi-so/2026', 'admin')).body, /form-finalize/, 'nothing to appraise while self-scoring');
  assert.equal((await page('/can-bo/cchc/chi-so/2030', 'truongkt')).status, 404);
  assert.equal((await page('/can-bo/cchc/chi-so/2026/tieu-chi/9.9.9', 'truongkt')).status, 404);
  assert.match((await page('/can-bo/cchc/chi-so/bo-chi-so', 'hotich')).body, /Hiện đại hóa hành chính/);
  assert.match((await page('/can-bo/cchc/chi-so/so-sanh?nam=2026', 'hotich')).body, /Năm 2025/);
  const ours = await t.db.selectFrom('par_assessments').select('id').where('commune_id', '=', 'xuan-duong').where('year', '=', 2026).executeTakeFirstOrThrow();
  const other = await page('/can-bo/cchc/chi-so/2026/tieu-chi/5.1.1', 'tl.truongkt');
  assert.equal(other.status, 200, 'the other commune sees its own 2026');
  assert.doesNotMatch(other.body, new RegExp(ours.id), 'never the other commune\'s assessment');
  const anon = await page('/can-bo/cchc/chi-so/2026');
  assert.equal(anon.status, 303);
  assert.match(anon.location ?? '', /dang-nhap/);
});

test('forms: a forged self-score of another unit\'s sub-criterion, a submit by a non-coordinator and an appraisal by a non-reviewer are refused in the error summary', async () => {
  const unit = await browserAs(t, 'truongkt');
  const mine = await unit.get('/can-bo/cchc/chi-so/2026/tieu-chi/5.1.1');
  const f = hiddenFields(mine.body, '/tu-cham');
  const forged = await unit.post(f.action.replace('5.1.1', '1.2.1'), { ...f.fields, points: '1' });
  assert.equal(forged.status, 403);
  assert.match(text(forged.body), /Có lỗi cần sửa.*Bạn không có quyền/);
  const ok = await unit.post(f.action, { ...hiddenFields(mine.body, '/tu-cham').fields, points: '4', note: 'Đã công khai' });
  assert.equal(ok.status, 303);
  const again = await unit.get('/can-bo/cchc/chi-so/2026/tieu-chi/5.1.1');
  const bad = await unit.submit(again, '/tu-cham', { points: '9' });
  assert.equal(bad.status, 422);
  assert.match(text(bad.body), /không được vượt quá điểm tối đa/);
  const tree = await (await browserAs(t, 'truongvhxh')).get('/can-bo/cchc/chi-so/2026');
  const submitForm = hiddenFields(tree.body, '/2026/gui');
  const byUnit = await unit.post(submitForm.action, { ...submitForm.fields });
  assert.equal(byUnit.status, 403, 'only the coordinator submits');
  const appraise = await unit.post('/can-bo/cchc/chi-so/2026/tieu-chi/5.1.1/tham-dinh', { ...hiddenFields(again.body, '/tu-cham').fields, points: '0', note: 'x' });
  assert.equal(appraise.status, 403, 'only the reviewer appraises');
});

test('template import form: an administrator pastes a template file; errors are named; others may not', async () => {
  const admin = await browserAs(t, 'admin');
  const form = await admin.get('/can-bo/cchc/chi-so/bo-chi-so');
  assert.match(form.body, /id="form-import"/);
  const notJson = await admin.submit(form, '/bo-chi-so', { json: '{ không phải json' });
  assert.equal(notJson.status, 422);
  assert.match(text(notJson.body), /không phải JSON hợp lệ/);
  const file = shippedTemplates()[0]!;
  const wrongSum = await admin.submit(notJson, '/bo-chi-so', { json: JSON.stringify({ ...file, effectiveYear: 2029, areas: [{ ...file.areas[0]!, maxPoints: 15 }] }) });
  assert.equal(wrongSum.status, 422);
  assert.match(text(wrongSum.body), /tổng điểm các mục con \(14\) khác điểm tối đa \(15\)/);
  const ok = await admin.submit(wrongSum, '/bo-chi-so', { json: JSON.stringify({ ...file, effectiveYear: 2029, name: 'Bộ chỉ số năm 2029' }) });
  assert.equal(ok.status, 303);
  assert.match((await admin.get(ok.location!)).body, /Bộ chỉ số năm 2029/);
  const coord = await browserAs(t, 'truongvhxh');
  const page = await coord.get('/can-bo/cchc/chi-so/bo-chi-so');
  assert.doesNotMatch(page.body, /id="form-import"/);
  const tree = await coord.get('/can-bo/cchc/chi-so/2026');
  const f = hiddenFields(tree.body, '/2026/cap-nhat');
  assert.equal((await coord.post('/can-bo/cchc/chi-so/bo-chi-so', { ...f.fields, json: '{}' })).status, 403);
  t.setNow(null);
});
