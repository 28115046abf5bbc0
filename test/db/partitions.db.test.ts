// Issue 16: dossier_events and access_log partitioned by month (migration 049). Entries land in their dossier's month
// (the month of its first entry, written by the service), (dossier, seq) stays unique, what no month holds goes to
// DEFAULT, the months ahead are created idempotently, a month is detached for the archive only when its dossiers are
// all closed, a dossier's history reads one partition, and a backup restores every month into its own partition.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { events, loadDossier } from '../../src/dossiers/store.ts';
import { dossierView } from '../../src/dossiers/view.ts';
import { guardedLookup } from '../../src/dossiers/public.ts';
import { archivedLogText } from '../../src/web/archived-log.ts';
import type { Principal } from '../../src/identity/core/principal.ts';
import { ensurePartitions } from '../../src/archive/store.ts';
import { archiveList, detachBefore, moveDefault } from '../../src/archive/archive.ts';
import { monthOf } from '../../src/archive/core/months.ts';
import { takeBackup } from '../../src/backup/backup.ts';
import { checkArchive } from '../../src/backup/archive.ts';
import { restoreInto } from '../../src/backup/restore.ts';
import { withDatabase } from '../../src/db/connect.ts';
import { verifyDatabase } from '../../src/integrity/verify.ts';
import { chainKey } from '../../src/integrity/key-store.ts';
import { testDb } from '../support/db.ts';

const { db, url, pool } = await testDb();
const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
test.after(() => owner.destroy());
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-partitions-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-10-20T03:00:00Z');
// The demo's year before NOW, every month with its own partition whatever today's date (the template has the months
// around the day the tests run).
for (let m = 0; m <= 13; m++) {
  const month = monthOf(new Date(Date.UTC(2025, 9 + m, 15)));
  await sql`SELECT xaso_partition_for_month('dossier_events', ${month}::date), xaso_partition_for_month('access_log', ${month}::date)`.execute(owner);
}
const made = await generateDemoActivity(db, NOW, 30);

const partName = (month: string) => `dossier_events_p${month.slice(0, 4)}${month.slice(5, 7)}`;
const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(owner)).rows[0]!;

/** A closed (state 10) or open (state 4) dossier of `month` with `n` log entries, written directly (owner). */
async function cohortDossier(month: string, state: number, n = 2): Promise<string> {
  const id = crypto.randomUUID();
  const at = new Date(`${month}T05:00:00Z`);
  await sql`INSERT INTO dossiers (id, commune_id, procedure_code, procedure_version, channel, state, applicant_name, applicant,
                                  competent_authority, projection, event_count, last_hash, submitted_at, dossier_month)
            SELECT ${id}, 'xuan-duong', code, version, 'direct', ${state}, 'Người thử', '{}', 'UBND', '{}', ${n}, 'h' || ${n}, ${at}, ${month}::date
              FROM procedures ORDER BY code, version LIMIT 1`.execute(owner);
  await sql`INSERT INTO dossier_events (dossier_id, seq, action, to_state, actor_id, actor_role, at, payload, changes, prev_hash, hash, dossier_month)
            SELECT ${id}, s, 'a', ${state}, 'system', 'system', ${at}::timestamptz + s * interval '1 hour', '{}', '{}',
                   CASE WHEN s > 1 THEN 'h' || (s - 1) END, 'h' || s, ${month}::date FROM generate_series(1, ${n}) s`.execute(owner);
  return id;
}

test('every entry the service wrote sits in the partition of its dossier\'s month, the month of its first entry', async () => {
  assert.ok(made.dossiers >= 20, `${made.dossiers} dossiers`);
  const rows = (await sql<{ part: string; month: string; dossier_month: string; first_month: string }>`
    SELECT e.tableoid::regclass::text AS part, e.dossier_month::text AS month, d.dossier_month::text AS dossier_month,
           (SELECT xaso_month(f.at)::text FROM dossier_events f WHERE f.dossier_id = d.id AND f.seq = 1) AS first_month
      FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id`.execute(owner)).rows;
  assert.ok(rows.length > made.dossiers);
  const months = new Set<string>();
  for (const r of rows) {
    assert.equal(r.month, r.dossier_month);
    assert.equal(r.month, r.first_month);
    assert.equal(r.part, partName(r.month));
    months.add(r.month);
  }
  assert.ok(months.size >= 6, `a year of demo dossiers spans months: ${[...months].join(' ')}`);
  // The access log too, by its own time.
  const logged = (await sql<{ part: string; at: Date }>`SELECT tableoid::regclass::text AS part, at FROM access_log`.execute(owner)).rows;
  for (const l of logged) assert.equal(l.part, `access_log_p${monthOf(l.at).slice(0, 4)}${monthOf(l.at).slice(5, 7)}`);
});

test('(dossier, seq) stays unique: a second seq 1 is refused in its month, and no other month can take it', async () => {
  const d = (await sql<{ id: string; dossier_month: string }>`
    SELECT id, dossier_month::text AS dossier_month FROM dossiers WHERE commune_id = 'xuan-duong' ORDER BY id LIMIT 1`.execute(owner)).rows[0]!;
  const entry = (month: string) => sql`INSERT INTO dossier_events (dossier_id, seq, action, to_state, actor_id, actor_role, at, payload, changes, hash, dossier_month)
    VALUES (${d.id}, 1, 'x', 2, 'system', 'system', now(), '{}', '{}', 'h', ${month}::date)`.execute(db);
  await assert.rejects(entry(d.dossier_month), (e: { code?: string }) => e.code === '23505');
  const other = d.dossier_month === '2026-01-01' ? '2026-02-01' : '2026-01-01';
  // Another month would be another partition, but the month is the dossier's (foreign key to dossiers (id, dossier_month)).
  await assert.rejects(entry(other), (e: { code?: string }) => e.code === '23503');
});

test('a row for a month nobody created goes to DEFAULT, and that month is then not created over it', async () => {
  const id = await cohortDossier('2099-01-01', 4, 1);
  const r = await one(sql<{ part: string }>`SELECT tableoid::regclass::text AS part FROM dossier_events WHERE dossier_id = ${id}`);
  assert.equal(r.part, 'dossier_events_default');
  await sql`INSERT INTO access_log (at, actor, action) VALUES ('2099-01-05T00:00:00Z', 'staff:1', 'view_id_number')`.execute(db);
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM access_log_default`)).n, 1);
  await assert.rejects(sql`SELECT xaso_partition_for_month('dossier_events', '2099-01-01')`.execute(owner), (e: { code?: string }) => e.code === '23514');
  assert.ok((await archiveList(owner)).some((l) => /mặc định chứa 1 dòng của tháng 01\/2099/.test(l)));
});

test('the months ahead are created by the application role, once', async () => {
  const first = await ensurePartitions(db, 6);
  const second = await ensurePartitions(db, 6);
  assert.deepEqual(second, []);
  const cur = (await one(sql<{ m: string }>`SELECT xaso_month(now())::text AS m`)).m;
  const sixth = new Date(`${cur}T00:00:00Z`);
  sixth.setUTCMonth(sixth.getUTCMonth() + 6);
  const want = `p${sixth.toISOString().slice(0, 4)}${sixth.toISOString().slice(5, 7)}`;
  for (const t of ['dossier_events', 'access_log']) {
    assert.ok((await one(sql<{ r: string | null }>`SELECT to_regclass(${`public.${t}_${want}`})::text AS r`)).r, `${t}_${want}`);
  }
  assert.ok(first.every((n) => /^(dossier_events|access_log)_p\d{6}$/.test(n)), first.join(' '));
  // The application role cannot create an arbitrary month itself.
  await assert.rejects(sql`SELECT xaso_partition_for_month('dossier_events', '2030-01-01')`.execute(db), (e: { code?: string }) => e.code === '42501');
});

test('a dossier\'s history reads one partition: the executor prunes the others by the dossier\'s month', async () => {
  const d = await owner.selectFrom('dossiers').select(['id', 'event_count']).where('commune_id', '=', 'xuan-duong').where('event_count', '>', 2)
    .orderBy('id').executeTakeFirstOrThrow();
  // The history read as events() sends it (captured), explained with its parameters.
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  const logged = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (e) => void (e.level === 'query' && seen.push(e.query)) });
  assert.equal((await events(logged, d.id)).length, d.event_count);
  assert.equal(seen.length, 1);
  const plan = (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${seen[0]!.sql}`, [...seen[0]!.parameters]))
    .rows.map((r) => r['QUERY PLAN']);
  const scans = plan.filter((l) => / on dossier_events_(p\d{6}|default)/.test(l));
  const ran = scans.filter((l) => !/never executed/.test(l));
  assert.equal(ran.length, 1, plan.join('\n'));
  assert.ok(scans.length > 10, 'the others are in the plan, skipped at run time');
  if (process.env.XASO_SHOW_PLANS) {
    // The figures of the docs: the history read, and the access log of one dossier (no month to prune by: one index
    // probe per month).
    const access = (await sql<{ 'QUERY PLAN': string }>`
      EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT a.at, a.action, a.actor FROM access_log a WHERE a.dossier_id = ${d.id} ORDER BY a.at`
      .execute(db)).rows.map((x) => x['QUERY PLAN']);
    process.stdout.write(`# history read\n${plan.join('\n')}\n# access log of a dossier\n${access.join('\n')}\n`);
  }
});

test('detach: a month with an open dossier is refused, a closed month goes to xaso_archive and stays closed', async () => {
  for (const m of ['2024-01-01', '2024-02-01']) await sql`SELECT xaso_partition_for_month('dossier_events', ${m}::date)`.execute(owner);
  const closed = [await cohortDossier('2024-01-01', 10), await cohortDossier('2024-01-01', 3, 1)];
  await cohortDossier('2024-02-01', 10);
  await cohortDossier('2024-02-01', 4);
  const future = await detachBefore(owner, '2099-02-01');
  assert.deepEqual([future.detached.length, future.refused.map((x) => x.reason)], [0, ['future']]);
  const r = await detachBefore(owner, '2024-03-01');
  assert.deepEqual(r.detached.map((x) => [x.name, x.rows]), [['dossier_events_p202401', 3]]);
  assert.deepEqual(r.refused.map((x) => [x.name, x.reason]), [['dossier_events_p202402', 'open']]);
  assert.ok(r.lines.some((l) => /TỪ CHỐI dossier_events_p202402 .*1\/2 hồ sơ chưa kết thúc/.test(l)), r.lines.join('\n'));
  assert.ok(r.lines.some((l) => /pg_dump .*xaso_archive\.dossier_events_p202401/.test(l)));
  // Out of the live table, into the archive schema, append-only still, recorded.
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier_events WHERE dossier_month = '2024-01-01'`)).n, 0);
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM xaso_archive.dossier_events_p202401`)).n, 3);
  await assert.rejects(sql`DELETE FROM xaso_archive.dossier_events_p202401`.execute(owner), /append-only/);
  assert.deepEqual(await sql`SELECT name, month::text, rows::int, dossiers FROM archived_partitions`.execute(owner).then((x) => x.rows),
    [{ name: 'dossier_events_p202401', month: '2024-01-01', rows: 3, dossiers: 2 }]);
  // A closed cohort gets no new entry: not in DEFAULT, and its month is never created again.
  await assert.rejects(sql`INSERT INTO dossier_events (dossier_id, seq, action, to_state, actor_id, actor_role, at, payload, changes, prev_hash, hash, dossier_month)
    VALUES (${closed[0]!}, 3, 'x', 10, 'system', 'system', now(), '{}', '{}', 'h2', 'h3', '2024-01-01')`.execute(db), (e: { code?: string }) => e.code === '23514');
  assert.equal((await one(sql<{ r: string | null }>`SELECT xaso_partition_for_month('dossier_events', '2024-01-01') AS r`)).r, null);
  // Its dossiers are verified by their heads alone (their entries are in the archive): no break reported for them.
  const v = await verifyDatabase(db, chainKey(), null);
  assert.ok(v.dossiers > closed.length);
  assert.deepEqual(v.breaks.filter((b) => closed.includes(b.id)), []);
  // The open month goes once its last dossier is closed.
  await sql`UPDATE dossiers SET state = 10 WHERE dossier_month = '2024-02-01'`.execute(owner);
  const again = await detachBefore(owner, '2024-03-01');
  assert.deepEqual(again.detached.map((x) => x.name), ['dossier_events_p202402']);
  assert.ok((await archiveList(owner)).some((l) => /đã tách +tháng 01\/2024 +xaso_archive\.dossier_events_p202401: 3 dòng, 2 hồ sơ/.test(l)));
  // The dossier's page says where its history went, instead of an empty history.
  const officer: Principal = { kind: 'staff', id: 1, name: 'Cán bộ', communeId: 'xuan-duong', unitId: null, unitCode: null, roles: ['leader'] };
  const view = await dossierView(db, officer, (await loadDossier(db, officer, closed[0]!))!);
  assert.deepEqual(view.events, []);
  assert.equal(view.archivedLog?.month, '2024-01');
  assert.match(archivedLogText(view.archivedLog!), /tháng 01\/2024\) đã được nộp vào lưu trữ ngày \d{2}\/\d{2}\/\d{4}/);
  // The status lookup says so too (its timeline is in the archive).
  await sql`UPDATE dossiers SET applicant_id_number = '001203001234' WHERE id = ${closed[0]!}`.execute(owner);
  const looked = await guardedLookup(db, { id: closed[0]! }, '1234', new Date(), { events: true });
  assert.ok(looked && looked !== 'locked');
  assert.deepEqual([looked.events, looked.archivedLog?.month], [null, '2024-01']);
  const live = await dossierView(db, officer, (await loadDossier(db, officer, (await one(sql<{ id: string }>`SELECT id FROM dossiers WHERE commune_id = 'xuan-duong' AND dossier_month > '2025-01-01' LIMIT 1`)).id))!);
  assert.equal(live.archivedLog, null);
  assert.ok(live.events.length > 0);
});

test('a backup restores every month into its own partition, months the new database lacked included', async () => {
  await sql`SELECT xaso_partition_for_month('dossier_events', '2023-06-01')`.execute(owner);
  const id = await cohortDossier('2023-06-01', 10, 3);
  const file = path.join(dir, 'b.gz');
  await takeBackup(url, file);
  const name = `xaso_part_${crypto.randomBytes(4).toString('hex')}`;
  await sql.raw(`CREATE DATABASE ${name}`).execute(owner);
  const target = withDatabase(url, name);
  const t = new pg.Client({ connectionString: target });
  try {
    const r = await restoreInto(file, await checkArchive(file), target, () => {});
    assert.ok(r.dossiers >= made.dossiers);
    await t.connect();
    const rows = (await t.query(`SELECT tableoid::regclass::text AS part, seq FROM dossier_events WHERE dossier_id = $1 ORDER BY seq`, [id])).rows;
    assert.deepEqual(rows.map((x) => x.part), ['dossier_events_p202306', 'dossier_events_p202306', 'dossier_events_p202306']);
    assert.equal((await t.query(`SELECT count(*)::int AS n FROM dossier_events_default`)).rows[0].n,
      (await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier_events_default`)).n);
  } finally {
    await t.end().catch(() => {});
    await sql.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).execute(owner);
  }
});

test('move-default: the rows of a month that fell into DEFAULT get their own partition, unchanged, and DEFAULT stays append-only', async () => {
  const id = await cohortDossier('2098-03-01', 4, 3);
  await sql`INSERT INTO access_log (at, actor, action) VALUES ('2098-03-05T00:00:00Z', 'staff:1', 'view_id_number')`.execute(db);
  const before = (await sql<{ id: string; seq: number; hash: string; part: string }>`
    SELECT id::text, seq, hash, tableoid::regclass::text AS part FROM dossier_events WHERE dossier_id = ${id} ORDER BY seq`.execute(owner)).rows;
  assert.deepEqual([...new Set(before.map((r) => r.part))], ['dossier_events_default']);
  const r = await moveDefault(owner);
  assert.equal(r.failed, false, r.lines.join('\n'));
  assert.ok(r.lines.some((l) => /ĐÃ CHUYỂN Nhật ký xử lý hồ sơ .*tháng 03\/2098: 3 dòng/.test(l)), r.lines.join('\n'));
  assert.ok(r.lines.some((l) => /ĐÃ CHUYỂN Nhật ký truy cập .*tháng 03\/2098: 1 dòng/.test(l)), r.lines.join('\n'));
  const after = (await sql<{ id: string; seq: number; hash: string; part: string }>`
    SELECT id::text, seq, hash, tableoid::regclass::text AS part FROM dossier_events WHERE dossier_id = ${id} ORDER BY seq`.execute(owner)).rows;
  assert.deepEqual(after.map(({ part: _p, ...x }) => x), before.map(({ part: _p, ...x }) => x), 'same ids, same hashes');
  assert.deepEqual([...new Set(after.map((x) => x.part))], ['dossier_events_p209803']);
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier_events_default`)).n, 0);
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM access_log_default`)).n, 0);
  assert.ok(!(await archiveList(owner)).some((l) => /mặc định chứa/.test(l)));
  // The append-only guard is back on the DEFAULT partition and on the new month.
  await cohortDossier('2097-05-01', 4, 1);
  await assert.rejects(sql`DELETE FROM dossier_events_default`.execute(owner), /append-only/);
  await assert.rejects(sql`DELETE FROM dossier_events_p209803`.execute(owner), /append-only/);
  // The history of the moved dossier reads whole through the service's query.
  assert.deepEqual((await events(db, id)).map((e) => e.seq), [1, 2, 3]);
  assert.deepEqual((await moveDefault(owner)).lines.length, 1, 'the 2097 row moves in a second run');
  assert.deepEqual((await moveDefault(owner)).lines, ['Phân vùng mặc định không chứa dòng nào: không có gì để chuyển.']);
});
