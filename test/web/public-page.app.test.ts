// The public transparency page: no login, the figures, the plan targets, the 766 groups, charts with text
// alternatives, no personal data; its JSON twin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();

test('the public page shows the figures of the period without login and without personal data', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant({ name: 'Nguyễn Văn Riêng Tư' }) } });
  assert.equal(d.status, 201);
  const home = await t.app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /href="\/cong-khai"/, 'the home page links to it');
  const r = await t.app.inject({ method: 'GET', url: '/cong-khai?nam=2026&thang=12' });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<h1>Công khai kết quả giải quyết thủ tục hành chính<\/h1>/);
  assert.match(r.body, /tháng 12\/2026/);
  assert.match(r.body, /Hồ sơ giải quyết đúng hạn/);
  assert.match(r.body, /Chỉ tiêu Kế hoạch cải cách hành chính 2026–2030/);
  assert.match(r.body, /<svg [^>]*role="img"/);
  assert.match(r.body, /Tỷ lệ người dân có tài khoản định danh điện tử/, 'unmeasurable targets are listed');
  assert.ok(!r.body.includes('Nguyễn Văn Riêng Tư') && !r.body.includes('001203004567'), 'no personal data');
  const bad = await t.app.inject({ method: 'GET', url: '/cong-khai?nam=abc' });
  assert.equal(bad.statusCode, 303);
  const json = await call(t, 'GET', '/api/v1/indicators/public?commune=xuan-duong&year=2026&month=12');
  assert.equal(json.status, 200, JSON.stringify(json.body));
  assert.equal(json.body.trend.length, 12);
  assert.ok(json.body.targets.some((x: { id: string; met: boolean | null }) => x.id === 'vneid-accounts' && x.met === null));
  t.setNow(null);
});

test('the public page shows the digitisation and reuse rates by procedure and unit, without the dossiers behind them', async () => {
  t.setNow('2027-02-09T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: 'HT.LOCAL.004', applicant: applicant({ name: 'Trần Thị Kín' }) } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const r = await t.app.inject({ method: 'GET', url: '/cong-khai?nam=2027&thang=2' });
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /<h2>Số hóa và tái sử dụng dữ liệu, tháng 2\/2027<\/h2>/);
  assert.match(r.body, /Tỷ lệ số hóa và tái sử dụng dữ liệu theo thủ tục, tháng 2\/2027/);
  assert.match(r.body, /<td>Xác nhận thông tin hộ tịch<\/td><td>1<\/td><td>0<\/td><td>0 % <span class="tag tag--red">Chưa đạt<\/span>/);
  assert.match(r.body, /Tỷ lệ số hóa và tái sử dụng dữ liệu theo đơn vị đang giải quyết hồ sơ, tháng 2\/2027/);
  assert.ok(!r.body.includes('/can-bo/chi-so/ho-so'), 'no list of dossiers on the public page');
  assert.ok(!r.body.includes('Trần Thị Kín') && !r.body.includes(d.body.id), 'no personal data');
  assert.match(r.body, /href="\/api\/v1\/indicators\/digitisation\?commune=xuan-duong&amp;year=2027&amp;month=2"/);
  t.setNow(null);
});
