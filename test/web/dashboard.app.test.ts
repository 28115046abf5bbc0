// The staff dashboard: figures with numerator/denominator linking to the dossiers behind them, workload per unit and
// officer, late and due-soon dossiers; scoped to what the officer may see; login required.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();
/** What a person reads of a page (no tags, so no URL), and an internal id that must not be in it. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const page = async (url: string, as?: string) => t.app.inject({ method: 'GET', url, headers: as ? { cookie: await t.login(as) } : {} });

test('dashboard and the dossiers behind a figure', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const a = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  t.setNow('2026-12-07T09:10:00+07:00');
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${a.body.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } })).status, 200);
  t.setNow('2026-12-08T09:00:00+07:00'); // the same-day dossier is now late

  const anon = await page('/can-bo/bang-dieu-khien');
  assert.equal(anon.statusCode, 303, 'login required');
  const leader = await page('/can-bo/bang-dieu-khien', 'chutich');
  assert.equal(leader.statusCode, 200);
  assert.match(leader.body, /<h1>Bảng điều khiển<\/h1>/);
  assert.match(leader.body, /tháng 12\/2026/);
  assert.ok(leader.body.includes(`href="/can-bo/ho-so/${a.body.id}"`), 'the late dossier is listed');
  assert.match(leader.body, /Quá hạn/);
  assert.match(leader.body, /Phòng Văn hóa - Xã hội<\/td><td>1<\/td><td>1<\/td>/, 'per unit: 1 open, 1 late');
  assert.match(leader.body, /chi_so=2\.1&amp;phan=mau&amp;nam=2026&amp;thang=12/);
  assert.ok(text(leader.body).includes(a.body.code), 'the late dossier is named by its code');
  assert.doesNotMatch(text(leader.body), UUID, 'never by its internal id');

  const behind = await page('/can-bo/chi-so/ho-so?chi_so=2.1&phan=mau&nam=2026&thang=12', 'chutich');
  assert.equal(behind.statusCode, 200);
  assert.ok(behind.body.includes(`href="/can-bo/ho-so/${a.body.id}"`));
  assert.ok(text(behind.body).includes(a.body.code));
  assert.doesNotMatch(text(behind.body), UUID);
  const onTime = await page('/can-bo/chi-so/ho-so?chi_so=2.1&phan=tu&nam=2026&thang=12', 'chutich');
  assert.ok(!onTime.body.includes(`href="/can-bo/ho-so/${a.body.id}"`), 'late: not in the numerator');
  const digitised = await page('/can-bo/chi-so/ho-so?chi_so=4.2&phan=mau&nam=2026&thang=12', 'chutich');
  assert.ok(digitised.body.includes(a.body.code));

  // Another unit's specialist sees the figures but not this dossier; another commune sees nothing of it.
  const other = await page('/can-bo/chi-so/ho-so?chi_so=2.1&phan=mau&nam=2026&thang=12', 'diachinh');
  assert.ok(!other.body.includes(a.body.id));
  const otherCommune = await page('/can-bo/bang-dieu-khien', 'tl.chutich');
  assert.ok(!otherCommune.body.includes(a.body.id));
  const bad = await page('/can-bo/chi-so/ho-so?chi_so=9.9', 'chutich');
  assert.equal(bad.statusCode, 303);
  t.setNow(null);
});
