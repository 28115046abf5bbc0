// The staff page "Sửa tờ khai" (/can-bo/ho-so/:id/to-khai/sua): the e-form as filed with the current answers, the
// reason required, the citizen's checks with an error summary, 303 back to the dossier; who may open it; and the
// declaration section (declaration-section.tsx) saying who corrected it and when, with the "Sửa tờ khai" link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, text } from './staff-browser.ts';
import { errorSummary, inputValue } from './portal-support.ts';
import { DeclarationSection } from '../../src/web/staff/declaration-section.tsx';
import { birthAnswers, fileBirth } from '../dossiers/birth-declaration.ts';

const t = await testApp();
const ANSWERS = birthAnswers();
t.setNow('2026-12-07T09:00:00+07:00');
const { id } = await fileBirth(t);
const page = `/can-bo/ho-so/${id}/to-khai/sua`;

test('the form shows the current answers; no reason and implausible answers come back with an error summary', async () => {
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get(page);
  assert.equal(form.status, 200, text(form.body).slice(0, 300));
  assert.match(text(form.body), /Sửa tờ khai/);
  assert.equal(inputValue(form.body, 'childFullName'), 'Nguyễn Minh Khang');
  assert.ok(!/name="requesterFullName"/.test(form.body), 'the requester’s fields are the applicant’s');

  const noReason = await desk.submit(form, '/to-khai/sua', { ...ANSWERS.TO_KHAI, childFullName: 'Nguyễn Minh Khôi', reason: '' });
  assert.equal(noReason.status, 422);
  assert.deepEqual(errorSummary(noReason.body), [['#reason', 'Nhập lý do sửa tờ khai']]);
  assert.equal(inputValue(noReason.body, 'childFullName'), 'Nguyễn Minh Khôi', 'what was typed is kept');

  const twin = await desk.submit(noReason, '/to-khai/sua', { ...ANSWERS.TO_KHAI, fatherIdNumber: '001190004567', reason: 'Sửa số định danh' });
  assert.equal(twin.status, 422);
  const summary = errorSummary(twin.body);
  assert.equal(summary[0]?.[0], '#fatherIdNumber');
  assert.match(summary[0]![1], /trùng với số của người mẹ/);

  const ok = await desk.submit(twin, '/to-khai/sua', { ...ANSWERS.TO_KHAI, childFullName: 'Nguyễn Minh Khôi', reason: 'Khai nhầm tên' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 300));
  assert.equal(ok.location, `/can-bo/ho-so/${id}?ok=declaration`);
  const d = await call(t, 'GET', `/api/v1/dossiers/${id}/declaration`, { as: 'motcua' });
  assert.deepEqual([d.body.revision, d.body.corrected.reason, d.body.forms[0].answers.childFullName], [2, 'Khai nhầm tên', 'Nguyễn Minh Khôi']);

  const html = renderToString(DeclarationSection({ d: d.body, dossierId: id, canCorrect: true }));
  assert.match(text(html), new RegExp(`Đã sửa bởi ${d.body.corrected.byName} lúc \\d\\d:\\d\\d`));
  assert.match(text(html), /lý do: Khai nhầm tên/);
  assert.ok(html.includes(`href="${page}"`), 'the "Sửa tờ khai" link');
  assert.ok(!renderToString(DeclarationSection({ d: d.body, dossierId: id, canCorrect: false })).includes(page), 'no link without the right');
});

test('who may open it: another commune or unit 404, other roles 403, anonymous to the login page', async () => {
  assert.equal((await (await browserAs(t, 'tl.motcua')).get(page)).status, 404);
  assert.equal((await (await browserAs(t, 'hotich')).get(page)).status, 404);
  assert.equal((await (await browserAs(t, 'admin')).get(page)).status, 403);
  const anon = await t.app.inject({ method: 'GET', url: page });
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap/);
});
