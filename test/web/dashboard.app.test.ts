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

test('the digitisation and reuse section: rates by procedure and unit, each count leading to the dossiers behind it', async () => {
  const { multipart } = await import('../support/http.ts');
  const { newKey } = await import('../support/app.ts');
  const attach = async (id: string, component: string, source: 'scan' | 'reuse') => {
    const m = multipart(`${component}.pdf`, Buffer.from(`%PDF-1.4\n% ${id}\n%%EOF\n`), 'application/pdf');
    const r = await t.app.inject({
      method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=${source}`, payload: m.payload,
      headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
    });
    assert.equal(r.statusCode, 201, r.body);
  };
  // X: xác nhận thông tin hộ tịch (no paper result), its declaration reused from an earlier digitised paper, still at
  // the receiving officer's unit → digitised and reused. Y: khai sinh sent to VHXH, nothing scanned. Both received in
  // January 2027.
  const desk = await t.db.selectFrom('staff as s').innerJoin('units as u', 'u.id', 's.unit_id').select(['u.code', 'u.name'])
    .where('s.username', '=', 'motcua').executeTakeFirstOrThrow();
  assert.notEqual(desk.code, 'VHXH');
  t.setNow('2027-01-11T09:00:00+07:00');
  const x = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: 'HT.LOCAL.004', applicant: applicant() } });
  assert.equal(x.status, 201, JSON.stringify(x.body));
  await attach(x.body.id, 'TO_KHAI', 'reuse');
  const y = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${y.body.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } })).status, 200);

  const q = 'nam=2027&amp;thang=1';
  const leader = await page('/can-bo/bang-dieu-khien?nam=2027&thang=1', 'chutich');
  assert.equal(leader.statusCode, 200);
  assert.match(leader.body, /<h2>Số hóa và tái sử dụng dữ liệu, tháng 1\/2027<\/h2>/);
  assert.match(leader.body, /Tỷ lệ số hóa \(chỉ tiêu 100 %\)/);
  assert.match(leader.body, /Tỷ lệ tái sử dụng \(chỉ tiêu 80 %\)/);
  // Overall: 2 received, 1 digitised (50 %, below 100 %), 1 reused (50 %, below 80 %).
  assert.match(text(leader.body), /Toàn xã\s+2\s+hồ sơ tiếp nhận, Toàn xã\s+1\s+hồ sơ được số hóa, Toàn xã\s+50 %\s+Chưa đạt/);
  assert.ok(leader.body.includes(`chi_so=4.2&amp;phan=tu&amp;${q}&amp;thu_tuc=HT.LOCAL.004`), 'per procedure');
  assert.ok(leader.body.includes(`chi_so=4.3&amp;phan=tu&amp;${q}&amp;don_vi=${desk.code}`), 'per unit');
  assert.ok(leader.body.includes(`chi_so=4.2&amp;phan=mau&amp;${q}&amp;don_vi=VHXH`));

  const behind = async (query: string, as = 'chutich') => page(`/can-bo/chi-so/ho-so?nam=2027&thang=1&${query}`, as);
  const digitisedHt = await behind('chi_so=4.2&phan=tu&thu_tuc=HT.LOCAL.004');
  assert.equal(digitisedHt.statusCode, 200);
  assert.ok(digitisedHt.body.includes(`/can-bo/ho-so/${x.body.id}`) && !digitisedHt.body.includes(y.body.id));
  assert.match(digitisedHt.body, /thủ tục Xác nhận thông tin hộ tịch/);
  const receivedVhxh = await behind('chi_so=4.2&phan=mau&don_vi=VHXH');
  assert.ok(receivedVhxh.body.includes(`/can-bo/ho-so/${y.body.id}`) && !receivedVhxh.body.includes(x.body.id));
  const reusedDesk = await behind(`chi_so=4.3&phan=tu&don_vi=${desk.code}`);
  assert.ok(reusedDesk.body.includes(`/can-bo/ho-so/${x.body.id}`) && !reusedDesk.body.includes(y.body.id));
  assert.ok(reusedDesk.body.includes(desk.name));
  const notSent = await behind('chi_so=4.3&phan=tu&don_vi=chua-chuyen');
  assert.equal(notSent.statusCode, 200);
  assert.ok(!notSent.body.includes(x.body.id), 'none of them waits without a unit');

  // Who may not: no login → the login page; another commune's leader and another unit's specialist see none of these
  // dossiers; a procedure filter on an indicator that is not a dossier count is refused.
  assert.equal((await page('/can-bo/chi-so/ho-so?chi_so=4.2&phan=tu&nam=2027&thang=1&thu_tuc=HT.LOCAL.004')).statusCode, 303);
  const otherCommune = await behind('chi_so=4.2&phan=mau&thu_tuc=HT.LOCAL.004', 'tl.chutich');
  assert.ok(!otherCommune.body.includes(x.body.id));
  const otherUnit = await behind('chi_so=4.2&phan=mau&don_vi=VHXH', 'diachinh');
  assert.ok(!otherUnit.body.includes(y.body.id));
  assert.equal((await behind('chi_so=2.1&phan=mau&thu_tuc=HT.LOCAL.004')).statusCode, 303);
  assert.doesNotMatch(text(leader.body), UUID);

  // The API twin: aggregates, no login; no dossier in it.
  const api = await call(t, 'GET', '/api/v1/indicators/digitisation?commune=xuan-duong&year=2027&month=1');
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.deepEqual([api.body.overall.received, api.body.overall.digitised, api.body.overall.reused], [2, 1, 1]);
  assert.deepEqual(api.body.targets, { digitised: 1, reused: 0.8 });
  assert.deepEqual(api.body.byUnit.map((u: { code: string }) => u.code).sort(), [desk.code, 'VHXH'].sort());
  assert.ok(!JSON.stringify(api.body).includes(x.body.id) && !JSON.stringify(api.body).includes('Nguyễn Văn An'), 'aggregates only');
  assert.equal((await call(t, 'GET', '/api/v1/indicators/digitisation?commune=khong-co&year=2027&month=1')).status, 404);
  t.setNow(null);
});
