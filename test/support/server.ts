// The PostgreSQL server of a test run and its template database (used by scripts/test.ts): the embedded one in a
// temporary folder, without fsync (a test cluster need not survive a crash), or DATABASE_URL's server. The
// template is migrated and loaded with the shipped and demo data once; each test file clones it (db.ts).
import pg from 'pg';
import { startEmbedded } from '../../src/db/embedded.ts';
import { appPool, ensureDatabase, kyselyFor, migrateUrl, withDatabase } from '../../src/db/connect.ts';
import { loadShippedData } from '../../src/seed.ts';

export interface TestDatabase {
  templateUrl: string;
  /** What the run uses, for its log. */
  described: string;
  stop(): Promise<void>;
}

export async function prepareDatabase(tmp: string): Promise<TestDatabase> {
  const t0 = Date.now();
  const external = process.env.DATABASE_URL;
  let serverUrl: string;
  let stopServer = async () => {};
  if (external) {
    serverUrl = external;
  } else {
    const emb = await startEmbedded(tmp, () => {}, { durable: false });
    serverUrl = emb.adminUrl;
    stopServer = () => emb.stop();
  }
  const template = withDatabase(serverUrl, `xaso_tpl_${process.pid}`);
  const dropLeftovers = async () => {
    const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await admin.connect();
    try {
      const left = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`xaso_t_${process.pid}_%`, `xaso_tpl_${process.pid}`],
      );
      for (const { datname } of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  };
  try {
    await ensureDatabase(template);
    await migrateUrl(template);
    const pool = appPool(template, 2);
    await loadShippedData(kyselyFor(pool), { demo: true });
    await pool.end();
  } catch (e) {
    await dropLeftovers().catch(() => {});
    await stopServer();
    throw e;
  }
  return {
    templateUrl: template,
    described: `${external ? 'external PostgreSQL (DATABASE_URL)' : 'embedded PostgreSQL, no fsync'}, template ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    async stop() {
      // Only the external server keeps databases after the run: drop this run's.
      if (external) await dropLeftovers();
      await stopServer();
    },
  };
}
