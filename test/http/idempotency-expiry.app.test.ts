// Issue 13, finding 11: every showing of an ID number is logged in access_log (the response of a change, an idempotent
// replay of it, under ≥ 50 simultaneous requests), stored responses expire after 24 h (a later repeat of the key is a
// new request, and the rows are purged), and access_log is append-only for the application role and for the owner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { IDEMPOTENCY_TTL_HOURS, purgeExpiredOutcomes } from '../../src/http/idempotency.ts';
import { testApp, newKey } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();
const BURST = 50;
const ID = '001203004567';
const intakeBody = { procedureCode: '1.001193', applicant: applicant({ idNumber: ID }) };

const aged = (key: string, hours: number) =>
  sql`UPDATE idempotency_keys SET created_at = now() - make_interval(hours => ${hours}) WHERE key = ${key}`.execute(t.db);
const shownOf = async (dossierId: string) =>
  t.db.selectFrom('access_log').select(['actor', 'action', 'detail']).where('dossier_id', '=', dossierId).where('action', '=', 'view_id_number').orderBy('id').execute();
const intake = (key: string) => call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', key, body: intakeBody });

test('the first request after a start purges the stored responses older than 24 hours, and only those', async () => {
  // Rows left by an earlier run of the server: one expired, one fresh.
  for (const [key, hours] of [['old-response-1', IDEMPOTENCY_TTL_HOURS + 1], ['recent-response-1', 1]] as const) {
    // A commune's key (migration 054): the commune's requests purge it.
    await t.db.insertInto('idempotency_keys').values({ principal: 'staff:0', key, request_hash: 'x', status: 201, response: JSON.stringify({ idNumber: ID }), commune_id: 'xuan-duong' }).execute();
    await aged(key, hours);
  }
  assert.equal((await intake(newKey())).status, 201);
  const keys = async () => (await t.db.selectFrom('idempotency_keys').select('key').where('principal', '=', 'staff:0').execute()).map((r) => r.key);
  for (let i = 0; i < 50 && (await keys()).includes('old-response-1'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await keys(), ['recent-response-1'], 'the expired response is deleted, the fresh one kept');
  await aged('recent-response-1', IDEMPOTENCY_TTL_HOURS + 2);
  assert.equal(await purgeExpiredOutcomes(t.db), 1);
  assert.deepEqual(await keys(), []);
});

test('the ID number in an intake response and in each of its replays is logged, under 50 simultaneous requests', async () => {
  await t.login('motcua');
  const key = newKey();
  const rs = await Promise.all(Array.from({ length: BURST }, () => intake(key)));
  assert.deepEqual([...new Set(rs.map((r) => r.status))], [201], JSON.stringify(rs.find((r) => r.status !== 201)?.body));
  const ids = new Set(rs.map((r) => r.body.id));
  assert.equal(ids.size, 1, 'one dossier for one key');
  assert.equal(rs.filter((r) => r.headers['idempotency-replayed'] === 'true').length, BURST - 1);
  assert.ok(rs.every((r) => r.body.applicant.idNumber === ID), 'each response shows the ID number');
  const [id] = ids as Set<string>;
  const logged = await shownOf(id!);
  assert.equal(logged.length, BURST, 'one entry per showing: the first response and every replay');
  assert.equal(logged.filter((l) => (l.detail as { replay?: boolean }).replay === true).length, BURST - 1);
  assert.equal(new Set(logged.map((l) => l.actor)).size, 1);

  // An action's response shows the ID number too (read from the dossier): logged, and so is its replay.
  const actKey = newKey();
  const assign = () => call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', key: actKey, body: { unitCode: 'VHXH' } });
  const first = await assign();
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(first.body.applicant.idNumber, ID);
  assert.equal((await shownOf(id!)).length, BURST + 1);
  const again = await Promise.all(Array.from({ length: BURST }, assign));
  assert.ok(again.every((r) => r.status === 200 && r.headers['idempotency-replayed'] === 'true'));
  assert.equal((await shownOf(id!)).length, 2 * BURST + 1);
});

test('after 24 hours a stored response is gone: repeating its key is a new request, taken once by 50 simultaneous ones', async () => {
  const key = newKey();
  const first = await intake(key);
  assert.equal(first.status, 201);
  const replay = await intake(key);
  assert.deepEqual([replay.body.id, replay.headers['idempotency-replayed']], [first.body.id, 'true'], 'within 24 h: the same response');

  await aged(key, IDEMPOTENCY_TTL_HOURS - 1);
  assert.equal((await intake(key)).body.id, first.body.id, '23 h later: still the same');
  await aged(key, IDEMPOTENCY_TTL_HOURS + 1);
  const rs = await Promise.all(Array.from({ length: BURST }, () => intake(key)));
  assert.ok(rs.every((r) => r.status === 201), JSON.stringify(rs.find((r) => r.status !== 201)?.body));
  const fresh = rs.filter((r) => r.headers['idempotency-replayed'] !== 'true');
  assert.equal(fresh.length, 1, 'the expired key is taken over by one request; the others replay it');
  assert.notEqual(fresh[0]!.body.id, first.body.id, 'a new request: a new dossier');
  assert.ok(rs.every((r) => r.body.id === fresh[0]!.body.id));
  const row = await t.db.selectFrom('idempotency_keys').select(['created_at']).where('key', '=', key).executeTakeFirstOrThrow();
  assert.ok(Date.now() - row.created_at.getTime() < 3_600_000, 'the key starts a new 24 hours');
});

test('access_log is append-only: neither the application role nor the owner changes or deletes an entry', async () => {
  const [entry] = await t.db.selectFrom('access_log').select(['id']).orderBy('id').limit(1).execute();
  assert.ok(entry);
  await assert.rejects(sql`UPDATE access_log SET actor = 'someone-else' WHERE id = ${entry.id}`.execute(t.db));
  await assert.rejects(sql`DELETE FROM access_log WHERE id = ${entry.id}`.execute(t.db));
  const owner = new pg.Client({ connectionString: t.url });
  await owner.connect();
  try {
    await assert.rejects(owner.query(`UPDATE access_log SET actor = 'someone-else' WHERE id = $1`, [entry.id]), /append-only/);
    await assert.rejects(owner.query(`DELETE FROM access_log WHERE id = $1`, [entry.id]), /append-only/);
    await assert.rejects(owner.query(`TRUNCATE access_log`), /append-only/);
    const privileges = await owner.query(`SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'xaso_app' AND table_name = 'access_log' ORDER BY 1`);
    assert.deepEqual(privileges.rows.map((r) => r.privilege_type), ['INSERT', 'SELECT']);
  } finally {
    await owner.end();
  }
  assert.ok(await t.db.selectFrom('access_log').select('id').where('id', '=', entry.id).executeTakeFirst(), 'the entry is still there');
});
