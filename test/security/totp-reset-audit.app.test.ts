// The administrator's reset of a staff member's second factor from the staff edit page (web/staff/account.tsx) is
// recorded in the admin audit trail like the API's (identity/staff/security-routes.ts), and refused (403) for a
// province-level account, as the API refuses it (issue 13).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { browserAs, hiddenFields } from '../web/staff-browser.ts';

const t = await testApp();
const staffId = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const withFactor = async (id: number) => {
  await sql`insert into staff_totp (staff_id, secret_enc, confirmed_at) values (${id}, ${Buffer.alloc(16)}, now())`.execute(t.db);
};
const hasFactor = async (id: number) => (await sql<{ n: number }>`select count(*)::int as n from staff_totp where staff_id = ${id}`.execute(t.db)).rows[0]!.n > 0;
const audit = async () => (await sql<{ action: string; actor_name: string; object_id: string; object_label: string; before: unknown; after: unknown; scope_id: string }>`
  select action, actor_name, object_id, object_label, before, after, scope_id from admin_audit where action = 'staff.totp_reset' order by id`.execute(t.db)).rows;

test('the page reset writes one admin_audit entry (before → after, the actor, the staff member)', async () => {
  const id = await staffId('hotich');
  await withFactor(id);
  const admin = await browserAs(t, 'admin');
  const page = await admin.get(`/can-bo/quan-tri/can-bo/${id}`);
  assert.equal(page.status, 200);
  const r = await admin.submit(page, `/can-bo/quan-tri/can-bo/${id}/xac-thuc-hai-lop`);
  assert.equal(r.status, 303);
  assert.equal(await hasFactor(id), false);
  const rows = await audit();
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0], {
    action: 'staff.totp_reset', actor_name: 'Đỗ Minh Quân', object_id: String(id), object_label: 'Trần Văn Minh (hotich)',
    before: { totp: true }, after: { totp: false }, scope_id: 'xuan-duong',
  });
  // A second submit of the same form replays the outcome: no second entry.
  assert.equal((await admin.submit(page, `/can-bo/quan-tri/can-bo/${id}/xac-thuc-hai-lop`)).status, 303);
  assert.equal((await audit()).length, 1);
});

test('a commune administrator cannot reset a province-level account\'s factor from the page (403, nothing recorded)', async () => {
  const province = await staffId('tinh.quantri');
  await withFactor(province);
  const admin = await browserAs(t, 'admin');
  const own = await staffId('diachinh');
  await withFactor(own);
  const page = await admin.get(`/can-bo/quan-tri/can-bo/${own}`);
  const { fields } = hiddenFields(page.body, `/can-bo/quan-tri/can-bo/${own}/xac-thuc-hai-lop`);
  const r = await admin.post(`/can-bo/quan-tri/can-bo/${province}/xac-thuc-hai-lop`, fields);
  assert.equal(r.status, 403);
  assert.equal(await hasFactor(province), true);
  assert.equal((await audit()).length, 1);
});
