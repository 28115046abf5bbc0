// A fresh database per test file, cloned from the template that scripts/test.ts prepared.
import crypto from 'node:crypto';
import pg from 'pg';
import { after } from 'node:test';
import { appPool, kyselyFor, withDatabase } from '../../src/db/connect.ts';
import { requireKind } from './kind.ts';

export function templateUrl(): string {
  requireKind('a database', ['db', 'app', 'browser']);
  const url = process.env.XASO_TEST_TEMPLATE_URL;
  if (!url) throw new Error('Run the tests with `npm test` (it prepares the database).');
  return url;
}

export async function freshDatabaseUrl(): Promise<string> {
  const tpl = templateUrl();
  const tplName = new URL(tpl).pathname.slice(1);
  const pid = tplName.replace('xaso_tpl_', '');
  const name = `xaso_t_${pid}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(tpl, 'postgres') });
  await admin.connect();
  try {
    // CREATE DATABASE … TEMPLATE fails while another session is copying the same template: retry.
    for (let i = 0; ; i++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${tplName}"`);
        break;
      } catch (e) {
        if (i > 50 || (e as { code?: string }).code !== '55006') throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(tpl, name);
}

/** A Kysely on a fresh database, acting as the application role; closed after the file's tests. */
export async function testDb() {
  const url = await freshDatabaseUrl();
  const pool = appPool(url, 5);
  const db = kyselyFor(pool);
  after(async () => {
    await db.destroy();
  });
  return { db, url, pool };
}
