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
