// With DATABASE_URL (the owner, who migrates), XASO_RUNTIME_DATABASE_URL gives the running server's connections a
// login that is not a superuser (issue 13): the pool logs in as it; a superuser there, or a login that does not reach
// the migrated database, stops the start; without it, a superuser DATABASE_URL only warns, naming the setting.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, withDatabase } from '../../src/db/connect.ts';
import { loadConfig } from '../../src/config.ts';
import { freshDatabaseUrl } from '../support/db.ts';

const owner = await freshDatabaseUrl();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-runtime-login-'));
const role = `xaso_rt_${crypto.randomBytes(4).toString('hex')}`;
const password = crypto.randomBytes(12).toString('base64url');

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: owner });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const ownerIsSuperuser = await asOwner(async (c) => (await c.query('SELECT rolsuper AS s FROM pg_roles WHERE rolname = session_user')).rows[0].s === true);
await asOwner(async (c) => {
  await c.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
  await c.query(`GRANT xaso_app TO ${role}`);
});
after(() => asOwner((c) => c.query(`DROP ROLE IF EXISTS ${role}`)).then(() => fs.rmSync(dataDir, { recursive: true, force: true })));

const login = (url: string, user: string, pw: string) => {
  const u = new URL(url);
  u.username = user;
  u.password = pw;
  return u.toString();
};
const runtime = login(owner, role, password);

test('the server\'s pool logs in as the configured runtime login, which is not a superuser', async () => {
  const logs: string[] = [];
  const d = await openDatabase({ databaseUrl: owner, dataDir, runtimeDatabaseUrl: runtime }, (m) => logs.push(m));
  try {
    const r = await sql<{ who: string; acting: string; s: boolean }>`
      SELECT session_user::text AS who, current_user::text AS acting, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) AS s`.execute(d.db);
    assert.deepEqual(r.rows[0], { who: role, acting: 'xaso_app', s: false });
    assert.ok((await d.db.selectFrom('communes').select('id').execute()).length > 0, 'it reads the migrated database');
    assert.ok(!logs.some((m) => m.includes('CẢNH BÁO')), 'no warning');
  } finally {
    await d.close();
  }
});

test('a superuser as the runtime login stops the start; so does a login that does not reach the migrated database', { skip: !ownerIsSuperuser && 'the test server\'s login is not a superuser' }, async () => {
  await assert.rejects(openDatabase({ databaseUrl: owner, dataDir, runtimeDatabaseUrl: owner }), /XASO_RUNTIME_DATABASE_URL.*superuser/s);
  await assert.rejects(openDatabase({ databaseUrl: owner, dataDir, runtimeDatabaseUrl: withDatabase(runtime, 'postgres') }), /không trỏ tới cơ sở dữ liệu/);
});

test('without a runtime login, a superuser DATABASE_URL starts with a warning naming XASO_RUNTIME_DATABASE_URL', { skip: !ownerIsSuperuser && 'the test server\'s login is not a superuser' }, async () => {
  const logs: { m: string; level?: string }[] = [];
  const d = await openDatabase({ databaseUrl: owner, dataDir }, (m, level) => logs.push({ m, level }));
  await d.close();
  assert.ok(logs.some((l) => l.level === 'warn' && l.m.includes('XASO_RUNTIME_DATABASE_URL')), JSON.stringify(logs));
});

test('the configuration: XASO_RUNTIME_DATABASE_URL is read with DATABASE_URL and refused without it', () => {
  assert.equal(loadConfig({ DATABASE_URL: owner, XASO_RUNTIME_DATABASE_URL: runtime }).runtimeDatabaseUrl, runtime);
  assert.equal(loadConfig({ DATABASE_URL: owner }).runtimeDatabaseUrl, undefined);
  assert.throws(() => loadConfig({ XASO_RUNTIME_DATABASE_URL: runtime }), /DATABASE_URL/);
});
