// The read replica route (src/db/replica.ts, DATABASE_REPLICA_URL): reads go to the replica, transactions to the
// primary, and everything to the primary while the replica is away. A second database of the test server stands in
// for the replica (current_database() tells which one answered); a port where nothing listens is a replica that died.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { databaseAvailability } from '../../src/db/availability.ts';
import { replicaHealth } from '../../src/db/replica.ts';
import { freshDatabaseUrl } from '../support/db.ts';

const primaryUrl = await freshDatabaseUrl();
const replicaUrl = await freshDatabaseUrl();
const nameOf = (url: string) => new URL(url).pathname.slice(1);
after(() => databaseAvailability.reset());

async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const whereRead = async (db: Kysely<Database>) =>
  (await sql<{ d: string }>`SELECT current_database() AS d`.execute(db)).rows[0]!.d;

test('reads go to the replica, transactions and the primary handle to the primary; /health sees the replica', async () => {
  const d = await openDatabase({ databaseUrl: primaryUrl, dataDir: '/nonexistent', replicaDatabaseUrl: replicaUrl });
  try {
    assert.notEqual(d.readDb, d.db);
    assert.equal(await whereRead(d.readDb), nameOf(replicaUrl));
    assert.equal(await whereRead(d.db), nameOf(primaryUrl));
    // A transaction on readDb (the indicator rollup's first build writes in one) runs on the primary.
    const inTx = await d.readDb.transaction().execute(async (trx) => whereRead(trx));
    assert.equal(inTx, nameOf(primaryUrl));
    // The replica's connections take the narrower role too.
    assert.equal((await sql<{ u: string }>`SELECT current_user AS u`.execute(d.readDb)).rows[0]!.u, 'xaso_app');
    // Here the "replica" is not a standby: /health says so.
    const h = await replicaHealth();
    assert.deepEqual(h, { available: true, standby: false, lagBytes: 0, replayDelaySeconds: 0 });
  } finally {
    await d.close();
  }
  assert.equal(replicaHealth(), null, 'no replica once closed');
});

test('without DATABASE_REPLICA_URL readDb is the primary handle', async () => {
  const d = await openDatabase({ databaseUrl: primaryUrl, dataDir: '/nonexistent' });
  try {
    assert.equal(d.readDb, d.db);
    assert.equal(replicaHealth(), null);
  } finally {
    await d.close();
  }
});

test('a replica that is away: reads fall back to the primary at once, /health says unavailable, the server keeps serving', async () => {
  const u = new URL(replicaUrl);
  u.port = String(await deadPort());
  u.hostname = '127.0.0.1';
  const d = await openDatabase({ databaseUrl: primaryUrl, dataDir: '/nonexistent', replicaDatabaseUrl: u.toString() });
  try {
    assert.equal(await whereRead(d.readDb), nameOf(primaryUrl));
    const h = await replicaHealth();
    assert.equal(h?.available, false);
    assert.ok(h?.since);
    assert.equal(databaseAvailability.isAvailable(), true, 'the primary stays available: no 503');
    assert.equal(await whereRead(d.readDb), nameOf(primaryUrl));
  } finally {
    await d.close();
  }
});

test('a replica connection that dies under a read: the read is run again on the primary; the replica comes back', async () => {
  const d = await openDatabase({ databaseUrl: primaryUrl, dataDir: '/nonexistent', replicaDatabaseUrl: replicaUrl });
  const admin = new pg.Client({ connectionString: replicaUrl });
  await admin.connect();
  try {
    assert.equal(await whereRead(d.readDb), nameOf(replicaUrl)); // a pooled replica connection exists now
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [nameOf(replicaUrl)]);
    await new Promise((r) => setTimeout(r, 100));
    // The dead pooled connection fails the statement on the replica; the route runs it on the primary.
    assert.equal(await whereRead(d.readDb), nameOf(primaryUrl));
    // The replica answers again: after the probe, reads go back to it.
    for (let i = 0; i < 50 && (await whereRead(d.readDb)) !== nameOf(replicaUrl); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await whereRead(d.readDb), nameOf(replicaUrl));
  } finally {
    await admin.end();
    await d.close();
  }
});
