// Administration pages: administrators only; the catalogue (read by a commune's administrator, a version published
// by the province-level role, validation errors listed),
// the calendar (set a commune day), units and staff (add, log in, deactivate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { passwordHash } from '../support/staff.ts';
import { Browser, browserAs, hiddenFields, text } from './staff-browser.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';

test('administration refuses other staff (403) and anonymous visitors go to the login page', async () => {
  const desk = await browserAs(t, 'motcua');
  for (const url of ['/can-bo/quan-tri', '/can-bo/quan-tri/thu-tuc', '/can-bo/quan-tri/lich', '/can-bo/quan-tri/can-bo', '/can-bo/quan-tri/don-vi', `/can-bo/quan-tri/thu-tuc/${KHAI_SINH}`]) {
    const r = await desk.get(url);
    assert.equal(r.status, 403, url);
    assert.match(text(r.body), /Bạn không có quyền thực hiện thao tác này/);
  }
  // A post with a valid token is refused too.
  const page = await desk.get('/can-bo/ho-so');
  const { fields } = hiddenFields(page.body, '/can-bo/dang-xuat');
  const r = await desk.post('/can-bo/quan-tri/can-bo', { ...fields, username: 'hacker', password: 'mat-khau-dai', fullName: 'X', roles: 'admin' });
  assert.equal(r.status, 403);
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'hacker').executeTakeFirst(), undefined);
  assert.equal((await new Browser(t).get('/can-bo/quan-tri/lich')).status, 303);
  // The navigation shows the admin link to administrators only.
  assert.ok(!page.body.includes('href="/can-bo/quan-tri"'));
  const admin = await browserAs(t, 'admin');
  const home = await admin.get('/can-bo/quan-tri');
  assert.equal(home.status, 200);
  assert.ok(home.body.includes('href="/can-bo/quan-tri"'));
});

test('catalogue: list, view, publish a new version; a bad one lists its errors and keeps the text', async () => {
  // A commune's administrator reads the shared catalogue; only the province-level role publishes (issue 13).
  const communeAdmin = await browserAs(t, 'admin');
  const seen = await communeAdmin.get(`/can-bo/quan-tri/thu-tuc/${KHAI_SINH}`);
  assert.equal(seen.status, 200);
  assert.ok(!seen.body.includes('/phien-ban-moi'), 'no publish button for a commune administrator');
  assert.equal((await communeAdmin.get(`/can-bo/quan-tri/thu-tuc/${KHAI_SINH}/phien-ban-moi`)).status, 403);
  const admin = await browserAs(t, 'tinh.quantri');
  const list = await admin.get('/can-bo/quan-tri/thu-tuc');
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`href="/can-bo/quan-tri/thu-tuc/${KHAI_SINH}"`));
  const view = await admin.get(`/can-bo/quan-tri/thu-tuc/${KHAI_SINH}`);
  assert.equal(view.status, 200);
  assert.match(text(view.body), /Đăng ký khai sinh/);
  const form = await admin.get(`/can-bo/quan-tri/thu-tuc/${KHAI_SINH}/phien-ban-moi`);
  assert.equal(form.status, 200);
  assert.match(form.body, /<textarea id="json" name="json"[^>]*>\{/, 'prefilled with the current version');

  const current = (await call(t, 'GET', `/api/v1/procedures/${KHAI_SINH}`)).body as Record<string, unknown>;
  const before = (await call(t, 'GET', `/api/v1/procedures/${KHAI_SINH}/versions`)).body as unknown[];
  const { version: _v, ...input } = current;

  // Invalid: JSON syntax, then schema-valid but breaking the catalogue rules.
  const syntax = await admin.submit(form, '/phien-ban-moi', { json: '{ "code": ' });
  assert.equal(syntax.status, 422);
  assert.match(text(syntax.body), /Nội dung không phải JSON hợp lệ/);
  const broken = JSON.stringify({ ...input, effectiveFrom: '2027-01-01', effectiveTo: null, handlingUnitCode: 'XYZ', processingTime: { unit: 'working_days', value: 0 } }, null, 2);
  const bad = await admin.submit(syntax, '/phien-ban-moi', { json: broken });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /class="error-summary"/);
  assert.match(text(bad.body), /handlingUnitCode: Đơn vị xử lý "XYZ" không thuộc danh mục đơn vị của xã/);
  assert.match(text(bad.body), /processingTime\.value: Giá trị 0 chỉ dùng cho thời hạn "trong ngày"/);
  assert.ok(bad.body.includes('&quot;XYZ&quot;') || bad.body.includes('"XYZ"'), 'the typed JSON is kept');
  const shape = await admin.submit(bad, '/phien-ban-moi', { json: JSON.stringify({ ...input, methods: 'direct' }) });
  assert.equal(shape.status, 422);
  assert.match(text(shape.body), /\/methods/);
  const notLater = await admin.submit(bad, '/phien-ban-moi', { json: JSON.stringify({ ...input, effectiveFrom: '2020-01-01', effectiveTo: null }) });
  assert.equal(notLater.status, 422);
  assert.match(text(notLater.body), /Phiên bản mới phải có ngày hiệu lực sau phiên bản hiện hành/);

  // Valid: published as the next version, visible through the API.
  const good = JSON.stringify({ ...input, name: 'Đăng ký khai sinh (sửa đổi)', effectiveFrom: '2027-01-01', effectiveTo: null }, null, 2);
  const ok = await admin.submit(bad, '/phien-ban-moi', { json: good });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 800));
  const version = before.length + 1;
  assert.equal(ok.location, `/can-bo/quan-tri/thu-tuc/${KHAI_SINH}?version=${version}&ok=published`);
  const shown = await admin.get(ok.location!);
  assert.match(text(shown.body), new RegExp(`Đã ban hành phiên bản ${version}`));
  const v = await call(t, 'GET', `/api/v1/procedures/${KHAI_SINH}?version=${version}`);
  assert.equal(v.body.name, 'Đăng ký khai sinh (sửa đổi)');
  const at = await call(t, 'GET', `/api/v1/procedures/${KHAI_SINH}?at=2027-02-01`);
  assert.equal(at.body.version, version);
});

test('calendar: the year is listed and a commune day can be added or changed, with its source', async () => {
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/lich?year=2026');
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Lịch làm việc năm 2026/);
  assert.match(text(page.body), /Tết Nguyên đán|Giỗ Tổ Hùng Vương|Quốc khánh/);
  const missing = await admin.submit(page, '/can-bo/quan-tri/lich', { date: '2026-12-31', type: 'HOLIDAY', name: '', source: '' });
  assert.equal(missing.status, 422);
  assert.match(text(missing.body), /Nhập tên ngày/);
  assert.match(missing.body, /value="2026-12-31"/);
  const r = await admin.submit(missing, '/can-bo/quan-tri/lich', { date: '2026-12-31', type: 'HOLIDAY', name: 'Nghỉ kỷ niệm thành lập xã', source: 'Thông báo số 12/TB-UBND ngày 01/12/2026' });
  assert.equal(r.status, 303);
  const after = await admin.get(r.location!);
  assert.match(text(after.body), /Đã lưu ngày 31\/12\/2026/);
  assert.match(text(after.body), /Thứ Năm, 31\/12\/2026 Nghỉ lễ, Tết Nghỉ kỷ niệm thành lập xã Thông báo số 12\/TB-UBND ngày 01\/12\/2026 Xã/);
  const row = await t.db.selectFrom('calendar_days').selectAll().where('scope', '=', 'commune').where('scope_id', '=', 'xuan-duong').where('date', '=', '2026-12-31').executeTakeFirstOrThrow();
  assert.equal(row.type, 'HOLIDAY');
  // The deadline engine uses it at once: a 3-working-day dossier received on the 30th skips the 31st here,
  // one working day later than in the other commune.
  t.setNow('2026-12-30T08:00:00+07:00');
  const here = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.004873', applicant: applicant() } });
  const there = await call(t, 'POST', '/api/v1/dossiers', { as: 'tl.motcua', body: { procedureCode: '1.004873', applicant: applicant() } });
  assert.equal(here.status, 201, JSON.stringify(here.body));
  assert.equal(there.body.dueAt, '2027-01-05T01:00:00.000Z'); // 08:00 on Tuesday 5 January
  assert.equal(here.body.dueAt, '2027-01-06T01:00:00.000Z');
  t.setNow(null);
  // The other commune's calendar is untouched.
  const tl = await browserAs(t, 'tl.admin');
  assert.ok(!text((await tl.get('/can-bo/quan-tri/lich?year=2026')).body).includes('Nghỉ kỷ niệm thành lập xã'));
});

test('units: add one, mark it as receiving with its own e-identifier', async () => {
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/don-vi');
  assert.match(text(page.body), /Trung tâm Phục vụ hành chính công/);
  const dup = await admin.submit(page, '/can-bo/quan-tri/don-vi', { code: 'VHXH', name: 'Trùng mã' });
  assert.equal(dup.status, 422);
  assert.match(text(dup.body), /Mã đơn vị "VHXH" đã có trong xã/);
  const r = await admin.submit(dup, '/can-bo/quan-tri/don-vi', { code: 'TP', name: 'Phòng Tư pháp' });
  assert.equal(r.status, 303);
  const unit = await t.db.selectFrom('units').selectAll().where('commune_id', '=', 'xuan-duong').where('code', '=', 'TP').executeTakeFirstOrThrow();
  const edit = await admin.get(`/can-bo/quan-tri/don-vi/${unit.id}`);
  assert.equal(edit.status, 200);
  const bad = await admin.submit(edit, `/can-bo/quan-tri/don-vi/${unit.id}`, { name: 'Phòng Tư pháp - Hộ tịch', receives: '1', agencyCode: 'not valid' });
  assert.equal(bad.status, 422);
  assert.match(text(bad.body), /Mã định danh điện tử phải gồm/);
  const ok = await admin.submit(bad, `/can-bo/quan-tri/don-vi/${unit.id}`, { name: 'Phòng Tư pháp - Hộ tịch', receives: '1', agencyCode: '000.DEMO.TP.H55' });
  assert.equal(ok.status, 303);
  const saved = await t.db.selectFrom('units').selectAll().where('id', '=', unit.id).executeTakeFirstOrThrow();
  assert.deepEqual([saved.name, saved.receives_dossiers, saved.agency_code], ['Phòng Tư pháp - Hộ tịch', true, '000.DEMO.TP.H55']);
  // Another commune's unit is not reachable.
  const tl = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'tan-lap').executeTakeFirstOrThrow();
  assert.equal((await admin.get(`/can-bo/quan-tri/don-vi/${tl.id}`)).status, 404);
});

test('staff: an added member can log in with their roles; once deactivated, login is refused and sessions end', async () => {
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/can-bo');
  assert.match(text(page.body), /Nguyễn Thị Lan/);
  const vhxh = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'VHXH').executeTakeFirstOrThrow();
  const noUnit = await admin.submit(page, '/can-bo/quan-tri/can-bo', { username: 'tuphap2', password: 'mat-khau-moi-1', fullName: 'Lý Thị Tư', roles: 'specialist' });
  assert.equal(noUnit.status, 422);
  assert.match(text(noUnit.body), /phải thuộc một đơn vị/);
  assert.match(noUnit.body, /value="Lý Thị Tư"/);
  assert.ok(!noUnit.body.includes('mat-khau-moi-1'), 'a password is never echoed');
  const taken = await admin.submit(noUnit, '/can-bo/quan-tri/can-bo', { username: 'motcua', password: 'mat-khau-moi-1', fullName: 'X', unitId: String(vhxh.id), roles: 'specialist' });
  assert.match(text(taken.body), /Tên đăng nhập "motcua" đã được dùng/);
  const added = await admin.submit(noUnit, '/can-bo/quan-tri/can-bo', {
    username: 'tuphap2', password: 'mat-khau-moi-1', fullName: 'Lý Thị Tư', title: 'Công chức Tư pháp', unitId: String(vhxh.id), roles: ['specialist', 'unit_head'],
  });
  assert.equal(added.status, 303, text(added.body).slice(0, 600));
  const row = await t.db.selectFrom('staff').select(['id', 'roles', passwordHash()]).where('username', '=', 'tuphap2').executeTakeFirstOrThrow();
  assert.deepEqual(row.roles, ['specialist', 'unit_head']);
  assert.match(row.password_hash, /^\$argon2id\$/);

  const member = new Browser(t);
  await member.login('tuphap2', 'mat-khau-moi-1');
  assert.equal((await member.get('/can-bo/ho-so')).status, 200);

  // Edit roles and unit.
  const edit = await admin.get(`/can-bo/quan-tri/can-bo/${row.id}`);
  assert.equal(edit.status, 200);
  const kt = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'KT').executeTakeFirstOrThrow();
  const saved = await admin.submit(edit, `/can-bo/quan-tri/can-bo/${row.id}`, { fullName: 'Lý Thị Tư', title: 'Chuyên viên', unitId: String(kt.id), roles: 'specialist' });
  assert.equal(saved.status, 303);
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `xaso_sid=${member.jar.get('xaso_sid')}` } });
  assert.deepEqual([me.json().unitCode, me.json().roles], ['KT', ['specialist']]);

  // Deactivate: the open session ends and login is refused.
  const status = await admin.submit(await admin.get(`/can-bo/quan-tri/can-bo/${row.id}`), `/can-bo/quan-tri/can-bo/${row.id}/trang-thai`);
  assert.equal(status.status, 303);
  assert.equal(status.location, '/can-bo/quan-tri/can-bo?ok=deactivated');
  assert.equal((await member.get('/can-bo/ho-so')).status, 303);
  const again = new Browser(t);
  const login = await again.get('/can-bo/dang-nhap');
  const refused = await again.submit(login, '/can-bo/dang-nhap', { username: 'tuphap2', password: 'mat-khau-moi-1' });
  assert.equal(refused.status, 401);
  assert.match(text(refused.body), /Tên đăng nhập hoặc mật khẩu không đúng/);

  // An administrator cannot lock themselves out.
  const self = await t.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  const selfPage = await admin.get(`/can-bo/quan-tri/can-bo/${self.id}`);
  assert.match(text(selfPage.body), /không thể ngừng kích hoạt tài khoản của chính mình/);
  const demote = await admin.submit(selfPage, `/can-bo/quan-tri/can-bo/${self.id}`, { fullName: 'Đỗ Minh Quân', roles: 'specialist', unitId: String(vhxh.id) });
  assert.equal(demote.status, 422);
  assert.match(text(demote.body), /không thể bỏ vai trò quản trị hệ thống của chính mình/);
  // Another commune's staff are out of reach.
  const other = await t.db.selectFrom('staff').select('id').where('username', '=', 'tl.motcua').executeTakeFirstOrThrow();
  assert.equal((await admin.get(`/can-bo/quan-tri/can-bo/${other.id}`)).status, 404);
});

test('phones: a unit\'s, the commune\'s (on the one-stop desk\'s page) and an officer\'s work phone, checked with an error summary', async () => {
  const admin = await browserAs(t, 'admin');
  const unitId = async (code: string) =>
    (await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const list = await admin.get('/can-bo/quan-tri/don-vi');
  assert.match(text(list.body), /Trung tâm Phục vụ hành chính công Có 000\.DEMO\.XD\.H55 02083855101/);
  // The commune's phone is shown with a link to where it is edited: the one-stop desk's page.
  assert.match(text(list.body), /Số điện thoại của Ủy ban nhân dân xã: 02083855100\. Sửa tại trang của Trung tâm Phục vụ hành chính công ?\./);

  // The desk's page holds its phone and the People's Committee's; another unit's only its own.
  const desk = await unitId('TTPVHCC');
  const page = await admin.get(`/can-bo/quan-tri/don-vi/${desk}`);
  assert.match(page.body, /<input id="phone" name="phone" type="tel" value="02083855101"/);
  assert.match(page.body, /<input id="communePhone" name="communePhone" type="tel" value="02083855100"/);
  assert.ok(!(await admin.get(`/can-bo/quan-tri/don-vi/${await unitId('VHXH')}`)).body.includes('communePhone'));
  assert.ok(list.body.includes(`href="/can-bo/quan-tri/don-vi/${desk}"`));

  const fields = { name: 'Trung tâm Phục vụ hành chính công', receives: '1', agencyCode: '000.DEMO.XD.H55' };
  const bad = await admin.submit(page, `/can-bo/quan-tri/don-vi/${desk}`, { ...fields, phone: '0208 385', communePhone: '02083855100' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /class="error-summary"[\s\S]*<a href="#phone">Số điện thoại không đúng/);
  assert.match(bad.body, /<input id="phone" name="phone" type="tel" value="0208 385"[^>]*aria-invalid="true"/);
  const badCommune = await admin.submit(bad, `/can-bo/quan-tri/don-vi/${desk}`, { ...fields, phone: '0208 3855 102', communePhone: '123' });
  assert.equal(badCommune.status, 422);
  assert.match(badCommune.body, /<a href="#communePhone">Số điện thoại không đúng/);
  const ok = await admin.submit(badCommune, `/can-bo/quan-tri/don-vi/${desk}`, { ...fields, phone: '0208 3855 102', communePhone: '0208-3855-109' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 600));
  assert.equal((await t.db.selectFrom('units').select('phone').where('id', '=', desk).executeTakeFirstOrThrow()).phone, '02083855102');
  assert.equal((await t.db.selectFrom('communes').select('phone').where('id', '=', 'xuan-duong').executeTakeFirstOrThrow()).phone, '02083855109');

  // An officer: a wrong number keeps the form with its message; a right one is stored normalised and listed.
  const hotich = (await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id;
  const edit = await admin.get(`/can-bo/quan-tri/can-bo/${hotich}`);
  assert.match(edit.body, /<input id="phone" name="phone" type="tel" value="0912581203"/);
  const member = { fullName: 'Trần Văn Minh', title: 'Công chức Tư pháp - Hộ tịch', unitId: String(await unitId('VHXH')), roles: 'specialist' };
  const wrong = await admin.submit(edit, `/can-bo/quan-tri/can-bo/${hotich}`, { ...member, phone: '912 345 678' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /<a href="#phone">Số điện thoại không đúng/);
  assert.match(wrong.body, /value="912 345 678"/);
  const saved = await admin.submit(wrong, `/can-bo/quan-tri/can-bo/${hotich}`, { ...member, phone: '+84 912 000 333' });
  assert.equal(saved.status, 303);
  assert.equal((await t.db.selectFrom('staff').select('phone').where('id', '=', hotich).executeTakeFirstOrThrow()).phone, '0912000333');
  assert.match(text((await admin.get('/can-bo/quan-tri/can-bo')).body), /Trần Văn Minh Công chức Tư pháp - Hộ tịch hotich VHXH 0912000333/);
  // A new member with a phone.
  const list2 = await admin.get('/can-bo/quan-tri/can-bo');
  const added = await admin.submit(list2, '/can-bo/quan-tri/can-bo', {
    username: 'motcua2', password: 'mat-khau-moi-2', fullName: 'Đinh Thị Hằng', unitId: String(desk), roles: 'receiving_officer', phone: '0208 3855 103',
  });
  assert.equal(added.status, 303, text(added.body).slice(0, 600));
  assert.equal((await t.db.selectFrom('staff').select('phone').where('username', '=', 'motcua2').executeTakeFirstOrThrow()).phone, '02083855103');
});
