// `xaso restore`: an archive (archive.ts), checked whole first, loaded into an EMPTY database in one transaction, then
// verified: every table's row count equals the archive's, and every dossier's action log verifies with the chain key
// (integrity/verify.ts, the same check as `xaso verify`). A drill does it in a scratch database of the same server,
// drops it, and records the outcome in ops_events of the live database.
import crypto from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ensureDatabase, withDatabase } from '../db/connect.ts';
import { listMigrations } from '../db/migrate.ts';
import { verifyDatabase } from '../integrity/verify.ts';
import { chainKeyId } from '../integrity/key-store.ts';
import { ArchiveError, checkArchive, readArchive, type CheckedArchive, type Record } from './archive.ts';
import { copyTableIn } from './copy-store.ts';
import { chainKeyIfPresent, recordOps } from './ops.ts';
import { createListedPartitions, withPartitionedParents } from '../archive/restore-store.ts';
import { applyMigrations, begin, commit, countRows, createDatabase, dropDatabase, emptyTables, isEmptyDatabase, setSequences, setUserTriggers } from './restore-store.ts';
import { rollback } from './backup-store.ts';

export type Say = (s: string) => void;

export interface RestoreResult {
  tables: number;
  rows: number;
  dossiers: number;
  entries: number;
  /** Dossiers whose log does not verify, by name (empty when all verify). */
  broken: string[];
  ms: number;
}

/** The migrations to run for an archive; refuses an archive from a newer version or with migrations edited since. */
export function migrationsFor(checked: CheckedArchive) {
  const code = new Map(listMigrations().map((m) => [m.version, m]));
  for (const m of checked.manifest.migrations) {
    const here = code.get(m.version);
    if (!here) throw new ArchiveError(`Bản sao lưu được lập bởi một phiên bản Xã Số mới hơn (lược đồ ${checked.manifest.schemaVersion}, thiếu bản chuyển đổi ${m.version}_${m.name}): hãy cập nhật Xã Số rồi khôi phục.`);
    if (here.checksum !== m.checksum) throw new ArchiveError(`Bản chuyển đổi ${m.version}_${m.name} của phiên bản này khác bản đã dùng khi sao lưu: không khôi phục được bằng phiên bản này.`);
  }
  const wanted = new Set(checked.manifest.migrations.map((m) => m.version));
  return listMigrations().filter((m) => wanted.has(m.version));
}

/** One table's data records, pulled from the archive's record iterator up to its end record. */
async function* tableData(it: AsyncIterator<Record>, table: string, seen: { sha256?: string; rows?: number }): AsyncGenerator<Buffer> {
  const hash = crypto.createHash('sha256');
  for (;;) {
    const n = await it.next();
    if (n.done) throw new ArchiveError('Tệp sao lưu bị cắt cụt trong khi khôi phục.');
    const r = n.value;
    if (r.type === 'D') {
      hash.update(r.data);
      yield r.data;
    } else if (r.type === 'E' && r.figures.table === table) {
      if (hash.digest('hex') !== r.figures.sha256) throw new ArchiveError(`Dữ liệu bảng ${table} đã thay đổi trong khi khôi phục.`);
      seen.sha256 = r.figures.sha256;
      seen.rows = r.figures.rows;
      return;
    } else {
      throw new ArchiveError(`Tệp sao lưu bị hỏng ở bảng ${table}.`);
    }
  }
}

/**
 * Loads a checked archive into the empty database at `url` (an owner's connection) and verifies it. Throws on a
 * refusal (target not empty, archive damaged); returns the figures, `broken` listing dossiers whose log fails.
 */
export async function restoreInto(file: string, checked: CheckedArchive, url: string, say: Say, env: NodeJS.ProcessEnv = process.env): Promise<RestoreResult> {
  const t0 = performance.now();
  const migrations = migrationsFor(checked);
  const { manifest } = checked;
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (!(await isEmptyDatabase(client))) {
      throw new ArchiveError(`Cơ sở dữ liệu ${new URL(url).pathname.slice(1)} không trống: chỉ khôi phục vào một cơ sở dữ liệu trống (chưa có bảng nào), để không ghi đè dữ liệu đang có.`);
    }
    const names = manifest.tables.map((t) => t.name);
    await begin(client);
    say(`Tạo lược đồ: ${migrations.length} bản chuyển đổi (đến phiên bản ${manifest.schemaVersion})…`);
    await applyMigrations(client, migrations);
    await createListedPartitions(client, names); // the log months the archive has and the migrations did not create
    const own = await withPartitionedParents(client, names); // and their parents, emptied and triggers off with them
    await setUserTriggers(client, own, false);
    await emptyTables(client, own);
    const it = readArchive(file)[Symbol.asyncIterator]();
    let rows = 0;
    for (const t of manifest.tables) {
      let n = await it.next();
      while (!n.done && n.value.type === 'M') n = await it.next();
      if (n.done || n.value.type !== 'T' || n.value.table !== t.name) throw new ArchiveError(`Tệp sao lưu bị hỏng ở bảng ${t.name}.`);
      const seen: { rows?: number } = {};
      const loaded = await copyTableIn(client, t.name, t.columns, tableData(it, t.name, seen));
      if (loaded !== seen.rows) throw new ArchiveError(`Bảng ${t.name}: nạp ${loaded} dòng, bản sao lưu có ${seen.rows}.`);
      rows += loaded;
      say(`  ${t.name}: ${loaded} dòng`);
    }
    await it.return?.(undefined);
    await setSequences(client, manifest.sequences);
    await setUserTriggers(client, own, true);
    // Counted again from the tables themselves, before the commit: what is there is what the archive had.
    for (const f of checked.trailer.tables) {
      const n = await countRows(client, f.table);
      if (n !== f.rows) throw new ArchiveError(`Bảng ${f.table} có ${n} dòng sau khi nạp, bản sao lưu có ${f.rows}.`);
    }
    await commit(client);
    say(`Đã nạp ${names.length} bảng, ${rows} dòng; số dòng từng bảng khớp bản sao lưu.`);
    const v = await verifyChains(url, env);
    return { tables: names.length, rows, dossiers: v.dossiers, entries: v.entries, broken: v.breaks.map((b) => `${b.name} (mục ${b.seq}: ${b.text})`), ms: Math.round(performance.now() - t0) };
  } catch (e) {
    await rollback(client);
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function verifyChains(url: string, env: NodeJS.ProcessEnv) {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    return await verifyDatabase(db, chainKeyIfPresent(env), null);
  } finally {
    await db.destroy();
  }
}

/** Warnings about the chain key: missing, or not the one the backup was taken with (by its public id). */
export function keyNotes(checked: CheckedArchive, env: NodeJS.ProcessEnv): string[] {
  const notes: string[] = [];
  const key = chainKeyIfPresent(env);
  const want = checked.manifest.chainKeyId;
  if (want && !key) notes.push('THIẾU khóa chuỗi (chain.key hoặc XASO_CHAIN_KEY): khôi phục thư mục khóa trước, nếu không các mục nhật ký có khóa không kiểm tra được.');
  else if (want && key && chainKeyId(key) !== want) notes.push(`Khóa chuỗi hiện có (mã ${chainKeyId(key)}) khác khóa lúc sao lưu (mã ${want}): đặt đúng tệp chain.key của máy đã sao lưu.`);
  return notes;
}

/** A drill: restores into a scratch database on the live server, verifies, drops it, records the outcome live. */
export async function restoreDrill(
  file: string, liveUrl: string, say: Say, env: NodeJS.ProcessEnv = process.env, alreadyChecked?: CheckedArchive,
): Promise<RestoreResult> {
  const scratch = `xaso_drill_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  const t0 = performance.now();
  const admin = new pg.Client({ connectionString: liveUrl });
  await admin.connect();
  let created = false;
  try {
    say(`Diễn tập khôi phục vào cơ sở dữ liệu tạm ${scratch}…`);
    const checked = alreadyChecked ?? (await checkArchive(file));
    await createDatabase(admin, scratch);
    created = true;
    const r = await restoreInto(file, checked, withDatabase(liveUrl, scratch), say, env);
    const ok = r.broken.length === 0;
    await recordOps(liveUrl, 'restore_drill', ok, {
      file, backupCreatedAt: checked.manifest.createdAt, schemaVersion: checked.manifest.schemaVersion,
      tables: r.tables, rows: r.rows, dossiers: r.dossiers, entries: r.entries, broken: r.broken.length, ms: Math.round(performance.now() - t0),
    });
    return r;
  } catch (e) {
    await recordOps(liveUrl, 'restore_drill', false, { file, error: (e as Error).message }).catch(() => {});
    throw e;
  } finally {
    if (created) await dropDatabase(admin, scratch).catch(() => {});
    await admin.end().catch(() => {});
  }
}
