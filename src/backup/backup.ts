// `xaso backup`: the whole database in one archive (archive.ts), from one consistent snapshot. Attachments are in the
// database (table files, bytea) and come with it as opaque bytes; the key directory never does (docs: back it up
// apart). Every backup, ok or failed, is recorded in ops_events for the security self-check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { archiveWriter, FORMAT, FORMAT_VERSION, type Manifest, type TableFigures } from './archive.ts';
import { appliedMigrations, beginSnapshot, endTransaction, listSequences, listTables, rollback, serverFacts, vaultKeyVersions } from './backup-store.ts';
import { copyTableOut } from './copy-store.ts';
import { chainKeyIdIfPresent, recordOps } from './ops.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  rows: number;
  tables: number;
  ms: number;
}

const BATCH = 256 * 1024;

/** `<dir>/xaso-backup-20261207T064800Z.gz` when `to` is a folder (or ends with a slash), else `to` itself. */
export function backupFileName(to: string, now = new Date()): string {
  const isDir = to.endsWith('/') || to.endsWith(path.sep) || (fs.existsSync(to) && fs.statSync(to).isDirectory());
  if (!isDir) return path.resolve(to);
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.resolve(to, `xaso-backup-${stamp}.gz`);
}

/** Writes the backup of the database at `url` (an owner's connection) to `file`, atomically. */
export async function takeBackup(
  url: string, file: string, opts: { env?: NodeJS.ProcessEnv; progress?: (table: string, rows: number, bytes: number) => void } = {},
): Promise<BackupResult> {
  const t0 = performance.now();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let writer: ReturnType<typeof archiveWriter> | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const w = (writer = archiveWriter(tmp));
    await beginSnapshot(client);
    const tables = await listTables(client);
    const manifest: Manifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      schemaVersion: 0,
      migrations: await appliedMigrations(client),
      ...(await serverFacts(client)),
      tables,
      sequences: await listSequences(client),
      chainKeyId: chainKeyIdIfPresent(opts.env ?? process.env),
      vaultKeyVersions: await vaultKeyVersions(client, tables),
    };
    manifest.schemaVersion = manifest.migrations.at(-1)?.version ?? 0;
    w.start(manifest);
    const figures: TableFigures[] = [];
    for (const t of tables) {
      w.table(t.name);
      const hash = crypto.createHash('sha256');
      let bytes = 0;
      let batch: Buffer[] = [];
      let size = 0;
      const flush = () => {
        if (!size) return true;
        const chunk = batch.length === 1 ? batch[0]! : Buffer.concat(batch, size);
        batch = [];
        size = 0;
        return w.data(chunk);
      };
      const rows = await copyTableOut(client, t.name, t.columns, (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        batch.push(Buffer.from(chunk)); // pg's parser reuses its receive buffer: keep a copy, not a view
        size += chunk.length;
        return size >= BATCH ? flush() : true;
      }, w.drained);
      flush();
      const f = { table: t.name, rows, bytes, sha256: hash.digest('hex') };
      w.end(f);
      figures.push(f);
      opts.progress?.(t.name, rows, bytes);
    }
    await endTransaction(client);
    const rows = figures.reduce((s, f) => s + f.rows, 0);
    await w.finish({ manifestSha256: w.manifestSha256(), tables: figures, rows, bytes: figures.reduce((s, f) => s + f.bytes, 0) });
    fs.renameSync(tmp, file);
    const result = { file, bytes: fs.statSync(file).size, rows, tables: figures.length, ms: Math.round(performance.now() - t0) };
    await recordOps(url, 'backup', true, { file, bytes: result.bytes, rows, tables: result.tables, ms: result.ms, schemaVersion: manifest.schemaVersion });
    return result;
  } catch (e) {
    writer?.abort();
    await rollback(client);
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // no temporary file could be made there (ENOTDIR…): nothing to remove
    }
    await recordOps(url, 'backup', false, { file, error: (e as Error).message }).catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}
