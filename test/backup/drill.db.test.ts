// Backups and restore (issue 13): a year of demo dossiers with attachments and signed results backed up, restored
// into a fresh database (counts, chains, attachments byte-equal), a drill recorded in ops_events, and the refusals:
// a damaged archive, a database that is not empty.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { takeBackup } from '../../src/backup/backup.ts';
import { checkArchive, ArchiveError } from '../../src/backup/archive.ts';
import { migrationsFor, restoreDrill, restoreInto } from '../../src/backup/restore.ts';
import { runBackupCli, runRestoreCli } from '../../src/backup/cli.ts';
import { withDatabase } from '../../src/db/connect.ts';
import { testDb } from '../support/db.ts';

const { db, url } = await testDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-backup-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
const NOW = new Date('2026-12-01T03:00:00Z');
const made = await generateDemoActivity(db, NOW, 40);

async function withClient<T>(u: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** An empty database on the same server, dropped after the file's tests. */
async function emptyDatabase(): Promise<string> {
  const name = `xaso_rt_${crypto.randomBytes(5).toString('hex')}`;
  await withClient(url, (c) => c.query(`CREATE DATABASE ${name}`));
  test.after(() => withClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  return withDatabase(url, name);
}

const counts = (u: string) => withClient(u, async (c) => {
  const tables = (await c.query<{ t: string }>(`SELECT relname AS t FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`)).rows;
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number((await c.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
  return out;
});
const opsEvents = (kind: 'backup' | 'restore_drill') => db.selectFrom('ops_events').select(['ok', 'detail']).where('kind', '=', kind).orderBy('id').execute();

const file = path.join(dir, 'full.gz');
let backupRows = 0;

test('a backup of a database with dossiers, attachments and signed results', async () => {
  assert.ok(made.dossiers >= 30, `${made.dossiers} dossiers`);
  const seen: string[] = [];
  const r = await takeBackup(url, file, { progress: (t) => seen.push(t) });
  backupRows = r.rows;
  assert.equal(r.file, file);
  assert.ok(fs.statSync(file).size === r.bytes && r.bytes > 0);
  assert.deepEqual(fs.readdirSync(dir), ['full.gz'], 'no temporary file left');
  // Parents first: a dossier's files after the files and the dossiers.
  assert.ok(seen.indexOf('dossier_files') > seen.indexOf('files') && seen.indexOf('dossier_files') > seen.indexOf('dossiers'));
  assert.ok(!seen.includes('schema_migrations'));
  const checked = await checkArchive(file);
  assert.equal(checked.manifest.schemaVersion, (await db.selectFrom('schema_migrations').select(sql<number>`max(version)`.as('v')).executeTakeFirstOrThrow()).v);
  const events = await opsEvents('backup');
  assert.equal(events.length, 1);
  assert.equal(events[0]!.ok, true);
  assert.equal((events[0]!.detail as { rows: number }).rows, r.rows);
});

test('restored into a fresh database: same counts, chains verified, attachments byte-equal', async () => {
  const target = await emptyDatabase();
  const lines: string[] = [];
  const r = await restoreInto(file, await checkArchive(file), target, (s) => lines.push(s));
  assert.deepEqual(r.broken, []);
  assert.equal(r.rows, backupRows);
  assert.ok(r.dossiers >= made.dossiers && r.entries > r.dossiers, `${r.dossiers} dossiers, ${r.entries} entries`);
  // The log's months are tables of their own (migration 049: dossier_events_pYYYYMM, dossier_events_default).
  assert.ok(lines.some((l) => /^ {2}dossier_events(_p\d{6}|_default)?: \d+ dòng$/.test(l)), lines.join('\n'));
  // Every table as it was at the backup (the backup's own ops_events row came after its snapshot).
  const before = await counts(url);
  const after = await counts(target);
  before.ops_events! -= 1;
  assert.deepEqual(after, before);
  const digest = (u: string) => withClient(u, async (c) => (await c.query<{ d: string }>(
    `SELECT md5(string_agg(sha256 || ':' || encode(sha256(content), 'hex'), ',' ORDER BY sha256)) AS d, count(*) FROM files`)).rows[0]!);
  const files = await digest(url);
  assert.ok(Number((files as unknown as { count: string }).count) > 0, 'the demo has attachments');
  assert.deepEqual(await digest(target), files);
  // Sequences go on from where they were: a new ops_events row gets a fresh id; append-only triggers are back on.
  await withClient(target, async (c) => {
    const max = Number((await c.query('SELECT max(id) AS m FROM ops_events')).rows[0].m ?? 0);
    const ins = await c.query(`INSERT INTO ops_events (kind, ok) VALUES ('backup', true) RETURNING id`);
    assert.ok(Number(ins.rows[0].id) > max);
    await assert.rejects(c.query('DELETE FROM dossier_events'), /append-only/);
  });
});

test('a restore into a database that is not empty is refused and changes nothing', async () => {
  const before = await counts(url);
  await assert.rejects(restoreInto(file, await checkArchive(file), url, () => {}), (e: Error) => e instanceof ArchiveError && /không trống/.test(e.message));
  assert.deepEqual(await counts(url), before);
});

test('a damaged archive is refused with a clear message: a flipped byte of the file, or of a table\'s data', async () => {
  const raw = fs.readFileSync(file);
  const flipped = Buffer.from(raw);
  flipped[Math.floor(raw.length / 2)]! ^= 0x01;
  const bad = path.join(dir, 'flipped.gz');
  fs.writeFileSync(bad, flipped);
  await assert.rejects(checkArchive(bad), (e: Error) => e instanceof ArchiveError && /bị hỏng/.test(e.message));
  // The gzip stream intact, one byte of the COPY data changed: the table's checksum catches it.
  const plain = zlib.gunzipSync(raw);
  const at = plain.indexOf(Buffer.from('Đăng ký'));
  assert.ok(at > 0);
  plain[at + 1]! ^= 0x01;
  const bad2 = path.join(dir, 'edited.gz');
  fs.writeFileSync(bad2, zlib.gzipSync(plain));
  await assert.rejects(checkArchive(bad2), /không khớp mã kiểm tra/);
  const out: string[] = [];
  assert.equal(await runRestoreCli([bad2, '--into', await emptyDatabase()], (s) => out.push(s)), 1);
  assert.match(out.join('\n'), /Tệp sao lưu .* bị hỏng \(dữ liệu bảng \w+ không khớp mã kiểm tra\): không khôi phục từ tệp này\./);
});

test('xaso backup and xaso restore --drill: progress, the file and its size, the drill recorded', async () => {
  const env = { ...process.env, DATABASE_URL: url };
  const out: string[] = [];
  assert.equal(await runBackupCli(['--to', dir + '/cli/'], (s) => out.push(s), env), 0);
  const written = out.find((l) => l.startsWith('Tệp: '));
  assert.match(written ?? '', /^Tệp: .*\/cli\/xaso-backup-\d{8}T\d{6}Z\.gz \([\d,.]+ [KM]B\)$/);
  assert.ok(out.some((l) => /^ {2}files: \d+ dòng/.test(l)));
  const cliFile = fs.readdirSync(path.join(dir, 'cli')).map((f) => path.join(dir, 'cli', f))[0]!;
  const drill: string[] = [];
  const code = await runRestoreCli([cliFile, '--drill'], (s) => drill.push(s), env);
  assert.equal(code, 0, drill.join('\n'));
  assert.match(drill.join('\n'), /Diễn tập khôi phục thành công/);
  const drills = await opsEvents('restore_drill');
  assert.equal(drills.length, 1);
  assert.equal(drills[0]!.ok, true);
  const d = drills[0]!.detail as { dossiers: number; rows: number; broken: number };
  assert.ok(d.dossiers >= made.dossiers && d.rows > 0 && d.broken === 0);
  // The scratch database is gone.
  const left = await withClient(url, (c) => c.query(`SELECT 1 FROM pg_database WHERE datname LIKE 'xaso_drill_%'`));
  assert.equal(left.rowCount, 0);
});

test('a failed drill and a failed backup are recorded too', async () => {
  const bad = path.join(dir, 'flipped.gz');
  await assert.rejects(restoreDrill(bad, url, () => {}), ArchiveError);
  const drills = await opsEvents('restore_drill');
  assert.equal(drills.at(-1)!.ok, false);
  assert.match((drills.at(-1)!.detail as { error: string }).error, /bị hỏng/);
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  await assert.rejects(takeBackup(url, path.join(blocked, 'x.gz')));
  const backups = await opsEvents('backup');
  assert.equal(backups.at(-1)!.ok, false);
});

test('a restore with another chain key is not verified: it says which key, exit code 1', async () => {
  const env = { ...process.env, XASO_CHAIN_KEY: crypto.randomBytes(32).toString('hex') };
  const out: string[] = [];
  assert.equal(await runRestoreCli([file, '--into', await emptyDatabase()], (s) => out.push(s), env), 1);
  const text = out.join('\n');
  assert.match(text, /Khóa chuỗi hiện có \(mã [0-9a-f]{16}\) khác khóa lúc sao lưu \(mã [0-9a-f]{16}\)/);
  assert.match(text, /HỎNG {2}hồ sơ /);
  assert.match(text, /\d+ hồ sơ có nhật ký không kiểm tra được\./);
});

test('an archive from a newer version, or with a migration edited since, is refused before anything is written', async () => {
  const checked = await checkArchive(file);
  const newer = { ...checked, manifest: { ...checked.manifest, migrations: [...checked.manifest.migrations, { version: 999, name: 'future', checksum: 'x' }] } };
  assert.throws(() => migrationsFor(newer), /phiên bản Xã Số mới hơn/);
  const edited = { ...checked, manifest: { ...checked.manifest, migrations: checked.manifest.migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'x' } : m)) } };
  assert.throws(() => migrationsFor(edited), /khác bản đã dùng khi sao lưu/);
  assert.equal(migrationsFor(checked).length, checked.manifest.migrations.length);
});

test('usage errors exit 2', async () => {
  const out: string[] = [];
  assert.equal(await runRestoreCli([], (s) => out.push(s)), 2);
  assert.equal(await runRestoreCli([file, '--into'], (s) => out.push(s)), 2);
  assert.equal(await runRestoreCli([file, '--drill', 'x'], (s) => out.push(s)), 2);
  assert.equal(await runBackupCli(['--to'], (s) => out.push(s)), 2);
  assert.ok(out.every((l) => l.startsWith('Cách dùng: xaso ')));
});

test('a restore needs the database owner (the role that runs the migrations), not a superuser', async () => {
  const tag = crypto.randomBytes(4).toString('hex');
  const role = `xaso_restorer_${tag}`;
  const name = `xaso_rt_owner_${tag}`;
  // As `xaso migrate` on an empty database needs (migration 001): CREATEROLE, a member of xaso_app that may grant it;
  // owning the database. Not a superuser: the triggers are disabled by the tables' owner, not by replication mode.
  await withClient(url, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${tag}' NOSUPERUSER CREATEROLE NOCREATEDB`);
    await c.query(`GRANT xaso_app TO ${role} WITH ADMIN OPTION`);
    await c.query(`CREATE DATABASE ${name} OWNER ${role}`);
  });
  test.after(() => withClient(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`DROP ROLE IF EXISTS ${role}`);
  }));
  const target = new URL(withDatabase(url, name));
  target.username = role;
  target.password = tag;
  const r = await restoreInto(file, await checkArchive(file), target.toString(), () => {});
  assert.deepEqual(r.broken, []);
  assert.equal(r.rows, backupRows);
});

test('a drill by a login that may not create databases fails, says why, and is recorded', async () => {
  const tag = crypto.randomBytes(4).toString('hex');
  const role = `xaso_nocreatedb_${tag}`;
  await withClient(url, async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN PASSWORD '${tag}' NOSUPERUSER NOCREATEDB`);
    await c.query(`GRANT xaso_app TO ${role}`);
  });
  test.after(() => withClient(url, (c) => c.query(`DROP ROLE IF EXISTS ${role}`)));
  const live = new URL(url);
  live.username = role;
  live.password = tag;
  const out: string[] = [];
  assert.equal(await runRestoreCli([file, '--drill'], (s) => out.push(s), { ...process.env, DATABASE_URL: live.toString() }), 1);
  assert.match(out.at(-1)!, /^Khôi phục thất bại: tài khoản PostgreSQL không đủ quyền \(cần chủ sở hữu cơ sở dữ liệu; diễn tập cần thêm quyền CREATEDB\): permission denied/);
  const last = (await opsEvents('restore_drill')).at(-1)!;
  assert.equal(last.ok, false);
  assert.match((last.detail as { error: string }).error, /permission denied to create database/);
});
