// The evaluation at the counter (/danh-gia/quay): started by an officer, shows only the procedure and the code,
// saves with channel 'kiosk' once, thanks and goes back by itself; the ratings count for the officers who handled
// the dossier on the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { Browser, browserAs, text } from '../web/staff-browser.ts';

const t = await testApp();
const ID_NUMBER = '001203004567';

async function act(id: string, type: string, as: string, body: object = {}) {
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.body)}`);
}

async function returned(): Promise<{ id: string; code: string }> {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant({ idNumber: ID_NUMBER }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id as string;
  await act(id, 'assign', 'motcua', { unitCode: 'VHXH' });
  await act(id, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await act(id, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) });
  await act(id, 'approve', 'chutich');
  await act(id, 'issue_result', 'hotich');
  await act(id, 'return_result', 'motcua', { channel: 'counter' });
  return { id, code: r.body.code as string };
}

t.setNow('2026-12-07T09:00:00+07:00');
const done = await returned();

test('staff only: anonymous is sent to the login', async () => {
  const anon = new Browser(t);
  const r = await anon.get('/danh-gia/quay');
  assert.equal(r.status, 303);
  assert.match(r.location ?? '', /^\/can-bo\/dang-nhap/);
  assert.equal((await anon.post('/danh-gia/quay', { ho_so: done.id, muc_do: 'satisfied' })).status, 403, 'no session, no CSRF');
});

test('the officer picks the returned dossier; the citizen rates it once; channel kiosk; no personal data', async () => {
  const b = await browserAs(t, 'motcua');
  const list = await b.get('/danh-gia/quay');
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`href="/danh-gia/quay?ho_so=${done.id}"`), 'the returned dossier is offered');
  const colleague = await browserAs(t, 'hotich');
  assert.ok(!(await colleague.get('/danh-gia/quay')).body.includes(done.id), 'only the dossiers this officer returned are offered');
  const form = await b.get(`/danh-gia/quay?ho_so=${done.id}`);
  assert.equal(form.status, 200);
  assert.ok(text(form.body).includes('1.001193') && text(form.body).includes(done.code));
  assert.ok(!form.body.includes(ID_NUMBER) && !form.body.includes('Nguyễn Văn An') && !form.body.includes('0912345678'), 'no personal data');

  const missing = await b.submit(form, '/danh-gia/quay', {});
  assert.equal(missing.status, 400);
  assert.match(text(missing.body), /Chọn mức độ hài lòng/);

  const thanks = await b.submit(form, '/danh-gia/quay', { muc_do: 'dissatisfied', y_kien: 'Chờ lâu' });
  assert.equal(thanks.status, 200, text(thanks.body).slice(0, 300));
  assert.match(text(thanks.body), /Cảm ơn/);
  assert.match(text(thanks.body), /tự trở về sau 10 giây/);
  const rating = await t.db.selectFrom('ratings').selectAll().where('dossier_id', '=', done.id).executeTakeFirstOrThrow();
  assert.deepEqual([rating.channel, rating.overall, rating.comment], ['kiosk', 'dissatisfied', 'Chờ lâu']);

  const again = await b.submit(form, '/danh-gia/quay', { muc_do: 'very_satisfied' });
  assert.equal(again.status, 409, 'only once');
  assert.equal((await t.db.selectFrom('ratings').select('overall').where('dossier_id', '=', done.id).executeTakeFirstOrThrow()).overall, 'dissatisfied');
  assert.ok(!(await b.get('/danh-gia/quay')).body.includes(done.id), 'rated: no longer offered');
  const rated = await t.app.inject({ method: 'GET', url: `/danh-gia/quay?ho_so=${done.id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(rated.statusCode, 409);
  assert.equal(rated.headers.refresh, '10;url=/danh-gia/quay', 'the tablet goes back to the start by itself (no script)');
});

test('another commune cannot put this dossier on its tablet', async () => {
  const b = await browserAs(t, 'tl.motcua');
  assert.ok(!(await b.get('/danh-gia/quay')).body.includes(done.id));
  const r = await b.get(`/danh-gia/quay?ho_so=${done.id}`);
  assert.equal(r.status, 303);
});

test('the dashboard counts the rating for each officer who handled the dossier', async () => {
  const b = await browserAs(t, 'chutich');
  const page = text((await b.get('/can-bo/bang-dieu-khien?nam=2026&thang=12')).body);
  assert.match(page, /Mức độ hài lòng theo cán bộ/);
  const staff = await t.db.selectFrom('staff').select(['username', 'full_name']).where('username', 'in', ['motcua', 'hotich', 'chutich']).execute();
  assert.equal(staff.length, 3);
  // Rows: name, very satisfied, satisfied, dissatisfied, total.
  for (const s of staff) assert.ok(page.includes(`${s.full_name} 0 0 1 1`), `${s.username}: ${page.slice(page.indexOf('Mức độ hài lòng theo cán bộ'), page.indexOf('Mức độ hài lòng theo cán bộ') + 400)}`);
});

test('the tablet\'s form (shared with the portal): legends, labels, the error summary linked to the fields, answers kept', async () => {
  const other = await returned();
  const b = await browserAs(t, 'motcua');
  const form = await b.get(`/danh-gia/quay?ho_so=${other.id}`);
  assert.ok(form.body.includes('<legend>Nhìn chung, ông/bà có hài lòng với việc giải quyết hồ sơ này không?</legend>'));
  assert.ok(form.body.includes('<legend>Thái độ của cán bộ, công chức</legend>'));
  assert.ok(form.body.includes('<label for="y_kien">Góp ý thêm (không bắt buộc)</label>'));
  assert.ok(form.body.includes(`<input type="hidden" name="ho_so" value="${other.id}"/>`));
  assert.ok(!form.body.includes('Theo các tiêu chí đánh giá'), 'the portal\'s hint is not on the tablet');

  const bad = await b.submit(form, '/danh-gia/quay', { attitude: '2', y_kien: 'x'.repeat(2001) });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /<title>Lỗi: /);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(bad.body)?.[0] ?? '';
  assert.deepEqual([...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]),
    [['#muc_do', 'Chọn mức độ hài lòng'], ['#y_kien', 'Góp ý không được dài quá 2000 ký tự']]);
  assert.match(bad.body, /id="attitude-\d" name="attitude" value="2" checked/);
  assert.equal(await t.db.selectFrom('ratings').select('dossier_id').where('dossier_id', '=', other.id).executeTakeFirst(), undefined);
});
