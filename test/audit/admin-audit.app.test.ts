// The admin audit trail (issue 13, finding 8): every administrative change (staff, roles, passwords, accounts
// disabled, units, work phones, office hours, API keys, catalogue versions, calendar days) leaves one entry, written
// in the change's own transaction, without secrets, with the actor as named then; the table is append-only; the
// administrator reads it on /can-bo/quan-tri/nhat-ky and exports it as CSV; a commune sees its own, its province's
// and the shared entries, never another commune's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, text } from '../web/staff-browser.ts';

const t = await testApp();
const audit = () => t.db.withTables<{ admin_audit: Record<string, unknown> & { id: number } }>();
const entries = async () => (await sql<{ id: number; action: string; scope: string; scope_id: string; actor_name: string; object_id: string; object_label: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>`
  select id, action, scope, scope_id, actor_name, object_id, object_label, before, after from admin_audit order by id`.execute(t.db)).rows;
const lastId = async () => (await entries()).at(-1)?.id ?? 0;
const since = async (id: number) => (await entries()).filter((e) => e.id > id);

test('each administrative change through the pages leaves one entry: staff, roles, password, deactivation, units', async () => {
  const mark = await lastId();
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/can-bo');
  const vhxh = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'VHXH').executeTakeFirstOrThrow();
  const added = await admin.submit(page, '/can-bo/quan-tri/can-bo', {
    username: 'nhatky1', password: 'mat-khau-nhat-ky-1', fullName: 'Phan Văn Ghi', unitId: String(vhxh.id), roles: 'specialist',
  });
  assert.equal(added.status, 303);
  const id = (await t.db.selectFrom('staff').select('id').where('username', '=', 'nhatky1').executeTakeFirstOrThrow()).id;
  const edit = await admin.get(`/can-bo/quan-tri/can-bo/${id}`);
  assert.equal((await admin.submit(edit, `/can-bo/quan-tri/can-bo/${id}`, { fullName: 'Phan Văn Ghi', unitId: String(vhxh.id), roles: ['specialist', 'unit_head'] })).status, 303);
  assert.equal((await admin.submit(edit, `/can-bo/quan-tri/can-bo/${id}/mat-khau`, { password: 'mat-khau-moi-hon-2' })).status, 303);
  assert.equal((await admin.submit(edit, `/can-bo/quan-tri/can-bo/${id}/trang-thai`)).status, 303);
  const units = await admin.get('/can-bo/quan-tri/don-vi');
  assert.equal((await admin.submit(units, '/can-bo/quan-tri/don-vi', { code: 'NK', name: 'Tổ nhật ký' })).status, 303);

  const got = await since(mark);
  assert.deepEqual(got.map((e) => e.action), ['staff.create', 'staff.update', 'staff.password_reset', 'staff.deactivate', 'unit.create']);
  assert.ok(got.every((e) => e.scope === 'commune' && e.scope_id === 'xuan-duong' && e.actor_name === 'Đỗ Minh Quân'));
  assert.deepEqual([got[1]!.before, got[1]!.after], [{ roles: ['specialist'] }, { roles: ['specialist', 'unit_head'] }]);
  assert.deepEqual([got[3]!.before, got[3]!.after], [{ active: true }, { active: false }]);
  const stored = JSON.stringify(got);
  for (const secret of ['mat-khau-nhat-ky-1', 'mat-khau-moi-hon-2', '$argon2']) assert.ok(!stored.includes(secret), secret);
  assert.match(stored, /không lưu giá trị/);
});

test('API changes are audited too: phones, office hours, API keys (never the key), calendar days, catalogue versions', async () => {
  t.setNow('2026-11-20T09:00:00+07:00');
  const mark = await lastId();
  const unit = (await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'KT').executeTakeFirstOrThrow()).id;
  assert.equal((await call(t, 'PUT', `/api/v1/units/${unit}/phone`, { as: 'admin', body: { phone: '0208 3855 177' } })).status, 200);
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/phone', { as: 'admin', body: { phone: '0208 3855 199' } })).status, 200);
  const hours = { periods: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }] };
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'admin', body: hours })).status, 200);
  const key = await call(t, 'POST', '/api/v1/api-keys', { as: 'admin', body: { name: 'Phần mềm kế toán', roles: ['cchc_coordinator'] } });
  assert.equal(key.status, 201);
  assert.equal((await call(t, 'POST', `/api/v1/api-keys/${key.body.id}/revoke`, { as: 'admin' })).status, 200);
  const day = { type: 'HOLIDAY', name: 'Nghỉ kỷ niệm thành lập xã', source: 'Thông báo số 12/TB-UBND' };
  assert.equal((await call(t, 'PUT', '/api/v1/calendar/days/2026-12-31', { as: 'admin', body: day })).status, 200);
  const { version: _v, ...input } = (await call(t, 'GET', '/api/v1/procedures/1.004873')).body;
  const fees = input.fees.map((f: object) => ({ ...f, amountVnd: 990_000 }));
  assert.equal((await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body: { ...input, effectiveFrom: '2026-12-01', effectiveTo: null, fees } })).status, 201);

  const got = await since(mark);
  assert.deepEqual(got.map((e) => e.action), [
    'unit.phone', 'commune.phone', 'commune.office_hours', 'api_key.issue', 'api_key.revoke', 'calendar.set_day', 'catalogue.publish',
  ]);
  assert.deepEqual(got[0]!.after, { phone: '02083855177' });
  assert.deepEqual(got[2]!.after, hours);
  assert.deepEqual(got[3]!.after, { name: 'Phần mềm kế toán', roles: ['cchc_coordinator'], unitCode: null });
  assert.ok(!JSON.stringify(got).includes(key.body.key), 'the key is never recorded');
  assert.deepEqual([got[5]!.scope, got[5]!.before, got[5]!.after], ['commune', null, day]);
  const pub = got[6]!;
  assert.deepEqual([pub.scope, pub.scope_id, pub.actor_name, pub.object_id], ['shared', '', 'Ngô Thị Thanh', '1.004873']);
  assert.deepEqual((pub.after!.fees as { amountVnd: number }[]).map((f) => f.amountVnd), fees.map(() => 990_000));
  assert.ok(pub.before!.fees, 'the fees before the publication are kept beside the new ones');
  assert.ok(!('name' in pub.after!) && !('code' in pub.after!), `only what changed: ${Object.keys(pub.after!)}`);
});

test('a refused change leaves no entry (same transaction); the trail is append-only', async () => {
  const mark = await lastId();
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/phone', { as: 'admin', body: { phone: '12345' } })).status, 422);
  assert.equal((await call(t, 'POST', '/api/v1/procedures', { as: 'admin', body: {} })).status, 403);
  assert.deepEqual(await since(mark), []);
  const some = (await entries())[0]!.id;
  // The application's role has no UPDATE or DELETE right; the trigger refuses them to any role (the owner included).
  await assert.rejects(audit().updateTable('admin_audit').set({ actor_name: 'Người khác' }).where('id', '=', some).execute(), /append-only|permission denied/);
  await assert.rejects(audit().deleteFrom('admin_audit').where('id', '=', some).execute(), /append-only|permission denied/);
  await assert.rejects(sql`truncate admin_audit`.execute(t.db), /append-only|permission denied|must be owner/);
  // As the owner (the login role, without the application's narrower rights): the trigger still refuses.
  for (const q of [sql`update admin_audit set actor_name = 'Người khác' where id = ${some}`, sql`delete from admin_audit where id = ${some}`, sql`truncate admin_audit`]) {
    await assert.rejects(t.db.transaction().execute(async (trx) => {
      await sql`set local role none`.execute(trx);
      await q.execute(trx);
    }), /admin_audit is append-only/);
  }
});

test('renaming an officer later does not rewrite who acted', async () => {
  const mark = await lastId();
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/phone', { as: 'admin', body: { phone: '0208 3855 100' } })).status, 200);
  const me = (await t.db.selectFrom('staff').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  await t.db.updateTable('staff').set({ full_name: 'Tên Mới Hoàn Toàn' }).where('id', '=', me).execute();
  const [e] = await since(mark);
  assert.equal(e!.actor_name, 'Đỗ Minh Quân');
  const page = await (await browserAs(t, 'admin')).get('/can-bo/quan-tri/nhat-ky');
  assert.match(text(page.body), /Đỗ Minh Quân/);
  await t.db.updateTable('staff').set({ full_name: 'Đỗ Minh Quân' }).where('id', '=', me).execute();
});

test('the page and the CSV export: administrators only; a commune sees its own, its province\'s and the shared entries', async () => {
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/nhat-ky');
  assert.equal(page.status, 200);
  const body = text(page.body);
  for (const s of ['Nhật ký quản trị', 'Thêm cán bộ', 'Phan Văn Ghi (nhatky1)', 'Vai trò: Chuyên viên xử lý → Chuyên viên xử lý, Trưởng đơn vị', 'Ban hành phiên bản thủ tục', 'Dùng chung']) {
    assert.ok(body.includes(s), s);
  }
  assert.ok((await admin.get('/can-bo/quan-tri')).body.includes('href="/can-bo/quan-tri/nhat-ky"'));
  assert.equal((await (await browserAs(t, 'motcua')).get('/can-bo/quan-tri/nhat-ky')).status, 403);
  assert.equal((await (await browserAs(t, 'tinh.quantri')).get('/can-bo/quan-tri/nhat-ky')).status, 200);

  const csv = await t.app.inject({ method: 'GET', url: '/api/v1/admin-audit/export', headers: { cookie: await t.login('admin') } });
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="nhat-ky-quan-tri-xuan-duong-\d{4}-\d{2}-\d{2}\.csv"/);
  assert.ok(csv.body.startsWith('\ufeff"Số thứ tự","Thời gian (giờ Việt Nam)"'));
  assert.ok(csv.body.includes('"Đặt mật khẩu mới"') && csv.body.includes('Tổ nhật ký (NK)'));
  assert.ok(!csv.body.includes('mat-khau'));

  const tl = await call(t, 'GET', '/api/v1/admin-audit?limit=500', { as: 'tl.admin' });
  assert.equal(tl.status, 200);
  assert.ok(tl.body.some((e: { action: string }) => e.action === 'Ban hành phiên bản thủ tục'), 'the shared catalogue change is seen by every commune');
  assert.ok(!tl.body.some((e: { object: string }) => e.object.includes('nhatky1') || e.object.includes('(NK)')), 'never another commune\'s');
  const xd = await call(t, 'GET', '/api/v1/admin-audit?limit=2', { as: 'admin' });
  assert.equal(xd.body.length, 2);
  const next = await call(t, 'GET', `/api/v1/admin-audit?limit=2&before=${xd.body[1].id}`, { as: 'admin' });
  assert.ok(next.body[0].id < xd.body[1].id, 'keyset pages, newest first');
  assert.equal((await call(t, 'GET', '/api/v1/admin-audit', { as: 'chutich' })).status, 403);
});

test('60 simultaneous administrative changes leave exactly 60 entries, each with its change', async () => {
  await t.login('admin');
  const mark = await lastId();
  const made = await Promise.all(Array.from({ length: 60 }, (_, i) =>
    call(t, 'POST', '/api/v1/api-keys', { as: 'admin', body: { name: `Hệ thống ${i}`, roles: ['specialist'] } })));
  assert.ok(made.every((r) => r.status === 201), JSON.stringify(made.find((r) => r.status !== 201)?.body));
  const got = (await since(mark)).filter((e) => e.action === 'api_key.issue');
  assert.equal(got.length, 60);
  assert.deepEqual(new Set(got.map((e) => Number(e.object_id))), new Set(made.map((r) => r.body.id)));
});
