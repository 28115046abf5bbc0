// The administrator's security self-check (issue 13): the page /can-bo/quan-tri/an-toan and GET
// /api/v1/security/self-check for a commune's administrator and the province-level role only; the facts come from
// ops_events (backups, drills, key rotations), the staff's second factors in the reader's scope, the database's
// triggers and login, and the signed checkpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { browserAs, text } from '../web/staff-browser.ts';

// Our own key and checkpoint folders (set before any key is read).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-selfcheck-'));
process.env.XASO_KEY_DIR = path.join(root, 'keys');
process.env.XASO_CHECKPOINT_DIR = path.join(root, 'checkpoints');
const { writeCheckpoint } = await import('../../src/integrity/checkpoints.ts');

const t = await testApp();
const API = '/api/v1/security/self-check';
const PAGE = '/can-bo/quan-tri/an-toan';
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
// Logged in before a test gives the administrators a second factor.
const admin = await browserAs(t, 'admin');

type Control = { id: string; status: string; statusText: string; measured: string[]; action: string };
async function controls(as = 'admin'): Promise<Record<string, Control>> {
  const r = await call(t, 'GET', API, { as });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return Object.fromEntries((r.body.controls as Control[]).map((c) => [c.id, c]));
}
const ops = (kind: string, at: Date, ok = true) =>
  sql`insert into ops_events (kind, at, ok, detail) values (${kind}, ${at}, ${ok}, '{}')`.execute(t.db);

test('who may: anonymous is sent to log in (401 on the API), other staff get 403, both administrator roles get it', async () => {
  const anon = await t.app.inject({ method: 'GET', url: PAGE });
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap/);
  assert.equal((await call(t, 'GET', API)).status, 401);
  for (const who of ['motcua', 'chutich', 'truongvhxh']) {
    assert.equal((await call(t, 'GET', API, { as: who })).status, 403, who);
    assert.equal((await (await browserAs(t, who)).get(PAGE)).status, 403, who);
  }
  for (const who of ['admin', 'tinh.quantri']) {
    const r = await call(t, 'GET', API, { as: who });
    assert.equal(r.status, 200, who);
    assert.equal(r.body.controls.length, 10);
    const page = await (await browserAs(t, who)).get(PAGE);
    assert.equal(page.status, 200, who);
    assert.match(text(page.body), /Tự kiểm tra an toàn thông tin/);
  }
  const index = await admin.get('/can-bo/quan-tri');
  assert.ok(index.body.includes(`href="${PAGE}"`), 'the administration index links to the page');
});

test('backups, restore drills and key rotations are read from ops_events, on each side of their thresholds', async () => {
  let c = await controls();
  assert.equal(c.backup!.status, 'fail');
  assert.equal(c.restore_drill!.status, 'fail');
  assert.equal(c.key_rotation!.status, 'warn');

  await ops('backup', ago(30 * HOUR));
  await ops('restore_drill', ago(100 * 24 * HOUR));
  await ops('key_rotation', ago(400 * 24 * HOUR));
  c = await controls();
  assert.deepEqual([c.backup!.status, c.restore_drill!.status, c.key_rotation!.status], ['warn', 'warn', 'warn']);

  await ops('backup', ago(HOUR));
  await ops('restore_drill', ago(10 * 24 * HOUR));
  await ops('key_rotation', ago(30 * 24 * HOUR));
  c = await controls();
  assert.deepEqual([c.backup!.status, c.restore_drill!.status, c.key_rotation!.status], ['ok', 'ok', 'ok']);
  assert.equal(c.backup!.statusText, 'Đạt');

  await ops('backup', ago(60_000), false); // the latest attempt failed
  c = await controls();
  assert.equal(c.backup!.status, 'warn');
  assert.ok(c.backup!.measured.some((m) => m.includes('không thành công')));
});

test('second factor: the commune administrator sees the commune\'s administrators, the province\'s role the province\'s', async () => {
  const communeList = (await controls('admin')).two_factor!;
  assert.equal(communeList.status, 'fail');
  const joined = communeList.measured.join('\n');
  assert.match(joined, /\(admin\)/);
  assert.match(joined, /tinh\.quantri/);
  assert.doesNotMatch(joined, /tl\.admin/, 'another commune is not the commune administrator\'s');
  assert.match((await controls('tinh.quantri')).two_factor!.measured.join('\n'), /tl\.admin/);

  // With a confirmed factor, an administrator leaves the list; once all have one, the control holds.
  const ids = await t.db.selectFrom('staff').select('id').where('commune_id', '=', 'xuan-duong')
    .where(sql<boolean>`roles && array['admin','province_admin']::text[]`).execute();
  for (const { id } of ids) {
    await sql`insert into staff_totp (staff_id, secret_enc, confirmed_at) values (${id}, ${Buffer.alloc(16)}, now())`.execute(t.db);
  }
  const after = (await controls('admin')).two_factor!;
  assert.equal(after.status, 'ok', after.measured.join('\n'));
  assert.equal((await controls('tinh.quantri')).two_factor!.status, 'fail', 'the other commune\'s administrator still has none');
});

test('the database: the login as it is, the trails and the access log append-only, TLS over http fails', async () => {
  const c = await controls();
  const su = (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = session_user`.execute(t.db)).rows[0]!.s;
  assert.equal(c.runtime_login!.status, su ? 'fail' : 'ok');
  assert.equal(c.append_only!.status, 'ok', c.append_only!.measured.join('\n'));
  assert.equal(c.access_log!.status, 'ok');
  assert.equal(c.tls!.status, 'fail', 'the test app\'s public URL is http');
  assert.equal(c.login_policy!.status, 'ok');
});

test('checkpoints: none needed before any entry; missing once dossiers have entries; fresh after one is written', async () => {
  assert.equal((await controls()).checkpoints!.status, 'ok');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  assert.equal((await controls()).checkpoints!.status, 'fail');
  await writeCheckpoint(t.db, { force: true });
  const c = (await controls()).checkpoints!;
  assert.equal(c.status, 'ok', c.measured.join('\n'));
});

test('the page shows each control with its status, what was measured and what to do', async () => {
  const page = await admin.get(PAGE);
  const body = text(page.body);
  for (const title of ['Kết nối được mã hóa', 'Sao lưu dữ liệu gần đây', 'Diễn tập khôi phục', 'Đổi khóa định kỳ', 'Quản trị viên dùng xác thực hai lớp',
    'superuser', 'Điểm kiểm tra', 'chỉ được ghi thêm', 'số định danh cá nhân', 'Chính sách mật khẩu']) {
    assert.ok(body.includes(title), title);
  }
  assert.match(body, /Chưa đạt/);
  assert.match(body, /Việc cần làm:/);
  assert.match(body, /\d+ đạt, \d+ cần chú ý, \d+ chưa đạt/);
});
