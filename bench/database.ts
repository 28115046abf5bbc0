// A benchmark's database: an embedded PostgreSQL in a temporary folder, migrated, with the shipped catalogue and the
// demo organisation loaded; removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';

export async function withBenchDatabase(name: string, poolSize: number, run: (db: Kysely<Database>, url: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `xaso-bench-${name}-`));
  process.env.XASO_KEY_DIR ??= path.join(dir, 'keys');
  const emb = await startEmbedded(dir);
  const url = withDatabase(emb.adminUrl, 'xaso_bench');
  try {
    await ensureDatabase(url);
    await migrateUrl(url);
    const db = kyselyFor(appPool(url, poolSize));
    try {
      await loadShippedData(db, { demo: true });
      await run(db, url);
    } finally {
      await db.destroy();
    }
  } finally {
    await emb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
