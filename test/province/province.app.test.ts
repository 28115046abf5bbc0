// The province level through HTTP: who opens the province dashboard, the drill-down, the onboarding page and the
// public comparison (each role: 200, 403 or the login page); the ranking of the two demo communes from dossiers made
// here; the drill-down shows no applicant data; the onboarding page (file upload with JSON-path errors, the short form,
// one-time passwords shown once, audited); a procedure the commune does not offer disappears from the portal's list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { engine } from '../indicators/support.ts';
import { Browser, browserAs, hiddenFields, text } from '../web/staff-browser.ts';
import { forgetProvinceFigures } from '../../src/province/access.ts';

const t = await testApp();
const { intake, act } = engine(t);

const ROLES = ['tinh.quantri', 'tinh.theodoi', 'admin', 'motcua', 'hotich'] as const;
const PROVINCE = new Set(['tinh.quantri', 'tinh.theodoi']);

async function page(as: string | null, url: string) {
  const b = as ? await browserAs(t, as) : new Browser(t);
  return b.get(url);
}

test('who opens what: province roles 200, other staff 403 in Vietnamese, anonymous to the login page', async () => {
  t.setNow('2026-12-10T10:00:00+07:00');
  for (const url of ['/can-bo/tinh', '/can-bo/tinh/xa/tan-lap']) {
    for (const as of ROLES) {
      const r = await page(as, url);
      assert.equal(r.status, PROVINCE.has(as) ? 200 : 403, `${as} ${url}: ${text(r.body).slice(0, 200)}`);
      if (!PROVINCE.has(as)) assert.match(text(r.body), /chỉ dành cho cán bộ cấp tỉnh/);
    }
    const anon = await page(null, url);
    assert.equal(anon.status, 303);
    assert.match(anon.location!, /^\/can-bo\/dang-nhap\?next=/);
  }
  for (const as of ROLES) {
    const r = await page(as, '/can-bo/quan-tri/tinh/xa');
    assert.equal(r.status, as === 'tinh.quantri' ? 200 : 403, `${as}: ${text(r.body).slice(0, 200)}`);
  }
  assert.equal((await page(null, '/can-bo/quan-tri/tinh/xa')).status, 303);
  // The onboarding forms' posts (with a valid CSRF token): the province's administrator only.
  for (const as of ['tinh.theodoi', 'admin', 'motcua', 'hotich']) {
    const b = await browserAs(t, as);
    const { fields } = hiddenFields((await b.get('/can-bo/ho-so')).body, '/can-bo/dang-xuat');
    const r = await b.post('/can-bo/quan-tri/tinh/xa/them', { _csrf: fields._csrf, id: 'khong-duoc', name: 'Xã Không Được' });
    assert.equal(r.status, 403, `${as}: ${text(r.body).slice(0, 200)}`);
    const up = await b.upload(`/can-bo/quan-tri/tinh/xa/tep?_csrf=${encodeURIComponent(fields._csrf!)}`, 'xa.json', Buffer.from('{}'));
    assert.equal(up.status, 403, `${as} upload`);
  }
  const anon = new Browser(t);
  const token = hiddenFields((await anon.get('/can-bo/dang-nhap')).body, '/can-bo/dang-nhap').fields._csrf;
  const anonPost = await anon.post('/can-bo/quan-tri/tinh/xa/them', { _csrf: token, id: 'khong-duoc' });
  assert.equal(anonPost.status, 303);
  assert.match(anonPost.location!, /^\/can-bo\/dang-nhap\?next=%2Fcan-bo%2Fquan-tri%2Ftinh%2Fxa/);
  assert.equal(await t.db.selectFrom('communes').select('id').where('id', '=', 'khong-duoc').executeTakeFirst(), undefined);

  for (const as of ROLES) {
    const r = await call(t, 'GET', '/api/v1/province/indicators?year=2026&month=12', { as });
    assert.equal(r.status, PROVINCE.has(as) ? 200 : 403, `${as}: ${JSON.stringify(r.body).slice(0, 200)}`);
    if (!PROVINCE.has(as)) assert.equal(r.body.code, 'PROVINCE_ONLY');
  }
  const anonApi = await call(t, 'GET', '/api/v1/province/indicators');
  assert.equal(anonApi.status, 401);
  assert.equal(anonApi.body.code, 'UNAUTHENTICATED');

  // The public page and its JSON: no login, for anyone.
  assert.equal((await page(null, '/tinh')).status, 200);
  assert.equal((await call(t, 'GET', '/api/v1/province/public?year=2026&month=12')).status, 200);
  for (const as of ROLES) assert.equal((await page(as, '/tinh')).status, 200);

  // A commune of another province (or none) is not there for the province's staff.
  assert.equal((await page('tinh.theodoi', '/can-bo/tinh/xa/khong-co')).status, 404);
  // The navigation links the dashboard for the province's roles only.
  assert.match((await page('tinh.theodoi', '/can-bo/ho-so')).body, /href="\/can-bo\/tinh"/);
  assert.doesNotMatch((await page('motcua', '/can-bo/ho-so')).body, /href="\/can-bo\/tinh"/);
  t.setNow(null);
});

test('the dashboard ranks the two communes from their dossiers; the drill-down shows no applicant data', async () => {
  // Xuân Dương: one dossier finished on time. Tân Lập: one dossier never finished, late (same-day procedure).
  const done = await intake('2026-12-07T09:00:00+07:00');
  await act(done, 'assign', 'motcua', '2026-12-07T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(done, 'propose_result', 'hotich', '2026-12-07T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  const signer = await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow();
  await act(done, 'submit_for_signature', 'hotich', '2026-12-07T09:45:00+07:00', { signerId: String(signer.id) });
  await act(done, 'approve', 'chutich', '2026-12-07T10:00:00+07:00');
  await act(done, 'issue_result', 'hotich', '2026-12-07T10:30:00+07:00');
  const late = await intake('2026-12-08T09:00:00+07:00', 'tl.motcua', { applicant: { name: 'Phan Thị Bí Mật', idNumber: '001199012345', address: 'Thôn Một, xã Tân Lập', phone: '0912000111' } });

  t.setNow('2026-12-20T10:00:00+07:00');
  const r = await call(t, 'GET', '/api/v1/province/indicators?year=2026&month=12', { as: 'tinh.theodoi' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.province, 'Thái Nguyên');
  assert.equal(r.body.period, 'tháng 12/2026');
  assert.deepEqual(r.body.communes.map((c: { id: string }) => c.id), ['xuan-duong', 'tan-lap'], 'ranked by the 766 total');
  const [xd, tl] = r.body.communes;
  assert.deepEqual([xd.rank, tl.rank], [1, 2]);
  assert.ok(xd.score > tl.score, `${xd.score} > ${tl.score}`);
  assert.equal(xd.groups.length, 6, 'the six groups');
  assert.equal(xd.groups.find((g: { id: string }) => g.id === 'progress').score, 20, '2.1 full');
  assert.equal(tl.groups.find((g: { id: string }) => g.id === 'progress').score, 0);
  assert.deepEqual([xd.lateNow, tl.lateNow], [0, 1], 'late now');
  assert.deepEqual([xd.onTimeRate, tl.onTimeRate], [1, 0]);
  assert.deepEqual([xd.received, tl.received, xd.onlineShare], [1, 1, 0]);
  assert.ok(xd.targetsMeasured > 0 && xd.targets.length > 0);
  assert.equal(r.body.average.onTimeRate, 0.5, 'the province average of the rates');
  // The same figures as each commune's own 766 index.
  const own = await call(t, 'GET', '/api/v1/indicators/766?commune=tan-lap&year=2026&month=12');
  assert.equal(own.body.score, tl.score);
  // The default period is the current month.
  assert.equal((await call(t, 'GET', '/api/v1/province/indicators', { as: 'tinh.quantri' })).body.period, 'tháng 12/2026');

  const dash = await page('tinh.theodoi', '/can-bo/tinh?nam=2026&thang=12');
  const order = (html: string) => ['Xã Xuân Dương', 'Xã Tân Lập (dữ liệu mẫu)'].sort((a, b) => html.indexOf(`>${a}<`) - html.indexOf(`>${b}<`));
  assert.deepEqual(order(dash.body), ['Xã Xuân Dương', 'Xã Tân Lập (dữ liệu mẫu)']);
  assert.match(text(dash.body), /Trung bình tỉnh \(2 xã\)/);
  assert.match(dash.body, /href="\/can-bo\/tinh\/xa\/tan-lap\?nam=2026&amp;thang=12"/);
  // Sorted by a column through a link: by the late dossiers the fewest first, reversed the most first.
  assert.match(dash.body, /href="\/can-bo\/tinh\?nam=2026&amp;thang=12&amp;sap_xep=qua-han"/);
  const reversed = await page('tinh.theodoi', '/can-bo/tinh?nam=2026&thang=12&sap_xep=qua-han&nguoc=1');
  assert.deepEqual(order(reversed.body), ['Xã Tân Lập (dữ liệu mẫu)', 'Xã Xuân Dương']);
  assert.equal((await page('tinh.theodoi', '/can-bo/tinh?sap_xep=khong-co')).status, 303);

  const drill = await page('tinh.theodoi', '/can-bo/tinh/xa/tan-lap?nam=2026&thang=12');
  assert.equal(drill.status, 200);
  const code = (await t.db.selectFrom('dossiers').select(['code', 'reference']).where('id', '=', late).executeTakeFirstOrThrow());
  assert.match(text(drill.body), new RegExp(code.code ?? code.reference));
  assert.match(text(drill.body), /Đăng ký khai sinh/);
  assert.doesNotMatch(drill.body, /Bí Mật|001199012345|0912000111/, 'no applicant data');
  assert.match(text((await page('tinh.theodoi', '/can-bo/tinh/xa/xuan-duong')).body), /Không có hồ sơ quá hạn/);

  // The public comparison: ranked, with the rates, and its JSON.
  forgetProvinceFigures();
  const pub = await call(t, 'GET', '/api/v1/province/public?year=2026&month=12');
  assert.deepEqual(pub.body.communes.map((c: { id: string; rank: number }) => [c.rank, c.id]), [[1, 'xuan-duong'], [2, 'tan-lap']]);
  assert.deepEqual(Object.keys(pub.body.communes[0]).sort(), ['computedMax', 'id', 'name', 'onTimeRate', 'onlineShare', 'rank', 'ratings', 'received', 'satisfaction', 'score']);
  const site = await page(null, '/tinh?nam=2026&thang=12');
  assert.match(text(site.body), /1\. Xã Xuân Dương/);
  assert.match(text(site.body), /2\. Xã Tân Lập/);
  assert.match(site.body, /href="\/api\/v1\/province\/public\?year=2026&amp;month=12"/);
  t.setNow(null);
});

const FILE = {
  id: 'dong-tam', name: 'Xã Đồng Tâm (thử)', province: 'Thái Nguyên', agencyCode: '000.DEMO.DT.H55', agencyCodeIsDemo: true,
  units: [{ code: 'VP', name: 'Văn phòng HĐND và UBND', receivesDossiers: false }, { code: 'MC', name: 'Bộ phận Một cửa', receivesDossiers: true }],
  staff: [{ username: 'dt.admin', fullName: 'Trần Thị Thử', title: 'Quản trị hệ thống', unit: 'VP', roles: ['admin'] }],
};

/** Uploads a commune file from the page's upload form (its CSRF token is in the form's action). */
async function upload(b: Browser, content: string) {
  const list = await b.get('/can-bo/quan-tri/tinh/xa');
  const { action } = hiddenFields(list.body, '/can-bo/quan-tri/tinh/xa/tep');
  return b.upload(action, 'xa.json', Buffer.from(content));
}

test('the onboarding page: errors with their JSON path, the file written once, passwords shown once, audited', async () => {
  const b = await browserAs(t, 'tinh.quantri');
  const bad = await upload(b, JSON.stringify({ ...FILE, agencyCode: 'sai', staff: [{ ...FILE.staff[0], roles: ['chu_tich'] }] }));
  assert.equal(bad.status, 422, text(bad.body).slice(0, 1500));
  assert.match(text(bad.body), /agencyCode: Mã định danh điện tử gồm/);
  assert.match(text(bad.body), /staff\[0\]\.roles\[0\]: Vai trò không đúng/);
  assert.match(text((await upload(b, '{ "id": ')).body), /Tệp không phải JSON hợp lệ/);
  assert.equal(await t.db.selectFrom('communes').select('id').where('id', '=', 'dong-tam').executeTakeFirst(), undefined, 'nothing written');

  const ok = await upload(b, JSON.stringify(FILE));
  assert.equal(ok.status, 200, text(ok.body).slice(0, 400));
  assert.match(text(ok.body), /Đã thêm xã dong-tam/);
  const password = /<code>([A-Za-z0-9]{12})<\/code>/.exec(ok.body)?.[1];
  assert.ok(password, 'the one-time password is shown');
  // The new administrator logs in with it.
  const login = await call(t, 'POST', '/api/v1/auth/login', { body: { username: 'dt.admin', password }, key: null });
  assert.equal(login.status, 200);
  const again = await upload(b, JSON.stringify(FILE));
  assert.match(text(again.body), /Không có gì thay đổi/);
  assert.doesNotMatch(again.body, /<code>[A-Za-z0-9]{12}<\/code>/, 'never shown again');
  const audited = await t.db.withTables<{ admin_audit: { action: string; scope: string; scope_id: string; object_label: string } }>()
    .selectFrom('admin_audit').select(['action', 'scope', 'scope_id']).where('object_label', 'like', '%dt.admin%').execute();
  assert.deepEqual(audited.map((a) => [a.action, a.scope, a.scope_id]), [['staff.create', 'province', 'Thái Nguyên']]);

  // The list counts units, staff and dossiers; the short form adds a commune with its first administrator.
  const list = await b.get('/can-bo/quan-tri/tinh/xa');
  assert.match(text(list.body), /dong-tam Xã Đồng Tâm \(thử\) 000\.DEMO\.DT\.H55 \(giá trị mẫu\) 2 1 0/);
  const form = await b.submit(list, '/can-bo/quan-tri/tinh/xa/them', { id: 'dong-tam', name: 'Trùng', agencyCode: '000.DEMO.X.H55', adminUsername: 'xx.admin', adminFullName: 'A B' });
  assert.equal(form.status, 422);
  assert.match(text(form.body), /Mã xã "dong-tam" đã có/);
  const added = await b.submit(await b.get('/can-bo/quan-tri/tinh/xa'), '/can-bo/quan-tri/tinh/xa/them', {
    id: 'hoa-binh', name: 'Xã Hòa Bình', agencyCode: '000.DEMO.HB.H55', agencyCodeIsDemo: '1', adminUsername: 'hb.admin', adminFullName: 'Lê Văn Hòa',
  });
  assert.equal(added.status, 200, text(added.body).slice(0, 400));
  assert.match(text(added.body), /Đã thêm xã hoa-binh/);
  const desk = await t.db.selectFrom('support_points').select(['code', 'kind']).where('commune_id', '=', 'hoa-binh').execute();
  assert.deepEqual(desk, [{ code: 'TTPVHCC', kind: 'desk' }]);

  // The province viewer sees the new communes on the dashboard.
  const r = await call(t, 'GET', '/api/v1/province/indicators?year=2026&month=12', { as: 'tinh.theodoi' });
  assert.deepEqual(r.body.communes.map((c: { id: string }) => c.id).sort(), ['dong-tam', 'hoa-binh', 'tan-lap', 'xuan-duong']);
});

test('a procedure the commune does not offer disappears from the portal list', async () => {
  const before = await call(t, 'GET', '/thu-tuc');
  assert.match(before.body, /href="\/thu-tuc\/DD\.LOCAL\.003"/);
  await t.db.insertInto('commune_procedure_choices').values({ commune_id: 'xuan-duong', procedure_code: 'DD.LOCAL.003', offered: false }).execute();
  const after = await call(t, 'GET', '/thu-tuc');
  assert.doesNotMatch(after.body, /href="\/thu-tuc\/DD\.LOCAL\.003"/);
  assert.match(after.body, /href="\/thu-tuc\/1\.001193"/, 'the others stay');
  const search = await call(t, 'GET', '/thu-tuc?q=dat');
  assert.doesNotMatch(search.body, /href="\/thu-tuc\/DD\.LOCAL\.003"/);
  // Another commune's choice does not hide it here.
  await t.db.updateTable('commune_procedure_choices').set({ commune_id: 'tan-lap' }).where('commune_id', '=', 'xuan-duong').execute();
  assert.match((await call(t, 'GET', '/thu-tuc')).body, /href="\/thu-tuc\/DD\.LOCAL\.003"/);
});
