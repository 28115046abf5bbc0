// Multi-host connections against the test PostgreSQL (src/db/multi-host.ts): a dead host first is skipped, the
// session's attributes are checked, the pool's new connections follow the host that qualifies.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import { appPool, ensureDatabase, kyselyFor, migrateUrl } from '../../src/db/connect.ts';
import { parseMultiHost, pickHost, resolveUrl } from '../../src/db/multi-host.ts';
import { freshDatabaseUrl } from '../support/db.ts';
import { sql } from 'kysely';

/** A loopback port where nothing listens. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const url = await freshDatabaseUrl();
const u = new URL(url);
const live = `${u.hostname}:${u.port}`;
const dead = `127.0.0.1:${await deadPort()}`;
/** The test URL with its host replaced by a list. */
const multi = (hosts: string, attrs?: string) =>
  `postgres://${u.username}${u.password ? ':' + u.password : ''}@${hosts}${u.pathname}${attrs ? `?target_session_attrs=${attrs}` : ''}`;

test('a dead host listed first is skipped; the live one (listed twice) is taken; the scan starts at the last good host', async () => {
  const mh = parseMultiHost(multi(`${dead},${live},${live}`, 'read-write'))!;
  const t0 = Date.now();
  assert.equal(await pickHost(mh), 1);
  assert.ok(Date.now() - t0 < 3000, 'a refused loopback port costs no timeout');
  assert.equal(await pickHost(mh), 1, 'the next scan starts at host 1');
  assert.equal(await resolveUrl(multi(`${dead},${live}`, 'read-write')), multi(live));
});

test('a pool on a multi-host URL connects, takes the xaso_app role and runs Kysely queries', async () => {
  const pool = appPool(multi(`${dead},${live}`, 'read-write'), 2);
  const db = kyselyFor(pool);
  after(() => db.destroy());
  const r = await sql<{ u: string; db: string }>`SELECT current_user AS u, current_database() AS db`.execute(db);
  assert.equal(r.rows[0]!.u, 'xaso_app');
  assert.equal(r.rows[0]!.db, u.pathname.slice(1));
});

test('no host qualifies: 08001, with each host\'s reason; prefer-standby falls back to the primary', async () => {
  // The test server is a primary: standby finds none, prefer-standby takes it.
  await assert.rejects(pickHost(parseMultiHost(multi(`${dead},${live}`, 'standby'))!), (e: { code?: string; errors?: unknown[]; message: string }) => {
    assert.equal(e.code, '08001');
    assert.equal(e.errors?.length, 2);
    assert.match(e.message, /Không kết nối được máy chủ PostgreSQL nào phù hợp \(standby\)/);
    return true;
  });
  assert.equal(await pickHost(parseMultiHost(multi(`${dead},${live}`, 'prefer-standby'))!), 1);
  // every host dead
  await assert.rejects(pickHost(parseMultiHost(multi(`${dead},${dead}`, 'any'))!), { code: '08001' });
});

test('read-write refuses a node whose sessions are read-only (as a standby\'s are); read-only takes it', async () => {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const name = u.pathname.slice(1);
  await owner.query(`ALTER DATABASE "${name}" SET default_transaction_read_only = on`);
  after(async () => {
    await owner.query(`ALTER DATABASE "${name}" RESET default_transaction_read_only`);
    await owner.end();
  });
  await assert.rejects(pickHost(parseMultiHost(multi(`${live}`, 'read-write'))!), { code: '08001' });
  assert.equal(await pickHost(parseMultiHost(multi(`${dead},${live}`, 'read-only'))!), 1);
  // A pool's connection is refused too (the pool does not keep it) and counts as "database unavailable".
  const pool = appPool(multi(`${dead},${live}`, 'read-write'), 1, () => {});
  after(() => pool.end());
  await assert.rejects(pool.query('SELECT 1'), { code: '08001' });
  assert.equal(pool.totalCount, 0);
});

test('ensureDatabase and migrations go to the node that qualifies', async () => {
  const fresh = multi(`${dead},${live}`, 'read-write').replace(u.pathname, `${u.pathname}_mh`);
  await ensureDatabase(fresh);
  const c = new pg.Client({ connectionString: url.replace(u.pathname, `${u.pathname}_mh`) });
  after(async () => {
    const admin = new pg.Client({ connectionString: url.replace(u.pathname, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${u.pathname.slice(1)}_mh" WITH (FORCE)`);
    await admin.end();
  });
  await c.connect();
  await c.end();
  assert.ok((await migrateUrl(fresh)).length > 10, 'the migrations ran on the new database');
});
