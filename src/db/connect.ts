// Opening the one database engine: the embedded PostgreSQL by default, any PostgreSQL ≥ 15 by DATABASE_URL.
import crypto from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { startEmbedded, type EmbeddedDatabase } from './embedded.ts';
import { migrate, currentVersion } from './migrate.ts';

export type Engine = 'embedded' | 'external';

export interface Db {
  db: Kysely<Database>;
  pool: pg.Pool;
  engine: Engine;
  url: string;
  migrationVersion(): Promise<number>;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (int8) and numeric as strings; ids and counts here stay far below 2^53,
// so they are parsed deliberately to numbers. Dates (no time) stay 'YYYY-MM-DD' strings: no time zone.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1082) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Same server, another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** Creates the database named in `url` if it does not exist (via the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (e) {
    if ((e as { code?: string }).code !== '42P04') throw e; // created concurrently
  } finally {
    await admin.end();
  }
}

/** Runs migrations as the connecting (owner) role. */
export async function migrateUrl(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await migrate(c);
  } finally {
    await c.end();
  }
}

/** A pool whose connections act as the narrower application role `xaso_app`. */
export function appPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server closes (restart, shutdown) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.query("SET ROLE xaso_app; SET TIME ZONE 'UTC'").catch(() => {});
  });
  return pool;
}

/**
 * Kysely over the pool, with every single-statement query sent as a named prepared statement (named by a hash of
 * its text): PostgreSQL then parses and plans it once per connection instead of at every call. Measured on the
 * status lookup (npm run bench): see docs/benchmarks.md.
 */
export function kyselyFor(pool: pg.Pool): Kysely<Database> {
  const prepared = {
    connect: async () => {
      const client = await pool.connect();
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      return Object.assign(Object.create(client) as pg.PoolClient, {
        query: (text: unknown, values?: unknown[]) =>
          typeof text === 'string' && !text.includes(';')
            ? query({ name: 'k' + crypto.createHash('sha1').update(text).digest('base64url'), text, values })
            : query(text, values),
        release: (e?: Error | boolean) => client.release(e),
      });
    },
    end: () => pool.end(),
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepared as unknown as pg.Pool }) });
}

export async function openDatabase(
  config: { databaseUrl: string | undefined; dataDir: string },
  log: (msg: string) => void = () => {},
): Promise<Db> {
  let embedded: EmbeddedDatabase | undefined;
  let url: string;
  if (config.databaseUrl) {
    url = config.databaseUrl;
  } else {
    embedded = await startEmbedded(config.dataDir, log);
    url = withDatabase(embedded.adminUrl, 'xaso');
  }
  try {
    await ensureDatabase(url);
    const applied = await migrateUrl(url);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  } catch (e) {
    await embedded?.stop();
    throw e;
  }
  const pool = appPool(url);
  const db = kyselyFor(pool);
  return {
    db,
    pool,
    engine: embedded ? 'embedded' : 'external',
    url,
    async migrationVersion() {
      const c = await pool.connect();
      try {
        return await currentVersion(c);
      } finally {
        c.release();
      }
    },
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}
