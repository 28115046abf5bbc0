// Finding 7 of issue 13 (part): a connection is handed out only once its SET ROLE xaso_app succeeded; a login that
// may not take the role gets no connection at all (before, the failure was ignored and queries ran with the login's
// own rights).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import pg from 'pg';
import { appPool } from '../../src/db/connect.ts';
import { freshDatabaseUrl } from '../support/db.ts';

test('a login that cannot SET ROLE xaso_app gets no connection', async () => {
  const url = await freshDatabaseUrl();
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const role = `xaso_t_norole_${crypto.randomBytes(4).toString('hex')}`;
  const password = crypto.randomBytes(12).toString('hex');
  await owner.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
  after(async () => {
    await owner.query(`DROP ROLE IF EXISTS ${role}`).catch(() => {});
    await owner.end();
  });
  const u = new URL(url);
  u.username = role;
  u.password = password;
  const pool = appPool(u.toString(), 2);
  try {
    await assert.rejects(pool.query('SELECT current_user'), (e: { code?: string }) => e.code === '42501');
    assert.equal(pool.totalCount, 0, 'the connection was not kept');
  } finally {
    await pool.end();
  }
  // The application's own pool acts as xaso_app.
  const app = appPool(url, 1);
  try {
    assert.equal((await app.query<{ u: string }>('SELECT current_user AS u')).rows[0]!.u, 'xaso_app');
  } finally {
    await app.end();
  }
});
