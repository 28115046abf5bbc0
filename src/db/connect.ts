// Opening the one database engine: the embedded PostgreSQL by default, any PostgreSQL ≥ 15 by DATABASE_URL (the
// owner, who migrates) and, for the running server, XASO_RUNTIME_DATABASE_URL (a login that is not a superuser).
import crypto from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { APP_LOGIN, startEmbedded, type EmbeddedDatabase } from './embedded.ts';
import { listMigrations, migrate, currentVersion } from './migrate.ts';
import { databaseAvailability, type Log } from './availability.ts';
import { databaseNameOf, multiHostClient, parseMultiHost, resolveUrl, withDatabaseName } from './multi-host.ts';
import { ReplicaRoute, setReplicaRoute } from './replica.ts';
import { checkedOut, scopeClient, wantedScope } from './scope.ts';

export { isDatabaseUnavailable, databaseAvailability, RETRY_AFTER_SECONDS } from './availability.ts';

export type Engine = 'embedded' | 'external';

export interface Db {
  db: Kysely<Database>;
  /** Reads that need not see their own writes: the replica of DATABASE_REPLICA_URL (src/db/replica.ts), else `db`. */
  readDb: Kysely<Database>;
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

/** Same server, another database name (a multi-host URL keeps its hosts: src/db/multi-host.ts). */
export function withDatabase(url: string, name: string): string {
  if (parseMultiHost(url)) return withDatabaseName(url, name);
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** Creates the database named in `url` if it does not exist (via the server's `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const admin = new pg.Client({ connectionString: await resolveUrl(withDatabase(url, 'postgres')) });
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
  const c = new pg.Client({ connectionString: await resolveUrl(url) });
  await c.connect();
  try {
    return await migrate(c);
  } finally {
    await c.end();
  }
}

/** A pool whose every checkout (connect(), and so query(), Kysely and the replica route) records the scope its caller
 *  wants, read in the caller's async context (src/db/scope.ts). */
class ScopedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(cb: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(cb?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const wanted = wantedScope();
    if (cb) {
      super.connect((err, client, done) => {
        if (client) checkedOut(client, wanted);
        cb(err, client, done);
      });
      return;
    }
    return super.connect().then((client) => {
      checkedOut(client, wanted);
      return client;
    });
  }
}

/**
 * A pool whose connections act as the narrower application role `xaso_app`. A connection is handed out only once
 * its SET ROLE succeeded (pg-pool's `onConnect` hook): a failure fails the connection, never runs a query with the
 * login's own rights.
 */
export function appPool(url: string, max = 10, report: (e: unknown) => void = (e) => databaseAvailability.report(e)): pg.Pool {
  // A multi-host URL (h1:p1,h2:p2 … target_session_attrs=…): each new connection looks for the node that qualifies
  // now, so after a failover the pool's new connections reach the new primary (src/db/multi-host.ts).
  const multi = parseMultiHost(url);
  const options = {
    connectionString: multi ? multi.single(0) : url, max, types,
    ...(multi ? { Client: multiHostClient(url) } : {}),
    // A database that does not answer (failover, network) fails a request in seconds instead of hanging it.
    connectionTimeoutMillis: 10_000,
    onConnect: async (client: pg.PoolClient) => {
      // A connection the server ends (pg_terminate_backend, restart, failover) emits 'error' whether or not it is
      // checked out; unhandled, that ends the process. The pool drops the dead client at its release.
      client.on('error', (e) => report(e));
      await client.query("SET ROLE xaso_app; SET TIME ZONE 'UTC'");
      // The commune scope of row-level security (migration 048), sent with the checkout's first statement (scope.ts).
      scopeClient(client);
    },
  };
  const pool = new ScopedPool(options as unknown as pg.PoolConfig);
  // An idle connection the server closes must not crash the process either; the pool replaces it.
  pool.on('error', (e) => report(e));
  return pool;
}

/** The same connection string, logging in as another role. */
function asUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * The embedded cluster's runtime login (finding 7 of issue 13): LOGIN, not a superuser, no role or database
 * creation, a member of xaso_app only. Created or brought back to these attributes at every start, as the owner.
 */
async function ensureAppLogin(ownerUrl: string, password: string): Promise<void> {
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(`DO $$ BEGIN CREATE ROLE ${APP_LOGIN} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    const { rows } = await c.query<{ q: string }>(
      `SELECT format('ALTER ROLE ${APP_LOGIN} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', $1::text) AS q`,
      [password],
    );
    await c.query(rows[0]!.q);
    await c.query(`GRANT xaso_app TO ${APP_LOGIN}`);
  } finally {
    await c.end();
  }
}

/** The pool's login and whether it is a PostgreSQL superuser (it must not be: SET ROLE narrows, a superuser can
 *  undo it). */
export async function poolLogin(pool: pg.Pool): Promise<{ name: string; superuser: boolean }> {
  const r = await pool.query<{ name: string; superuser: boolean }>(
    'SELECT session_user::text AS name, coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) AS superuser',
  );
  return r.rows[0]!;
}

/**
 * With DATABASE_URL, the login the running server's pool uses: XASO_RUNTIME_DATABASE_URL when given (it must not be
 * a superuser, and must see the migrated database: else the start fails), otherwise DATABASE_URL's own login, with a
 * loud warning when that is a superuser. Migrations always run as DATABASE_URL's login, the owner.
 */
async function checkExternalLogin(pool: pg.Pool, runtimeGiven: boolean, log: Log): Promise<void> {
  const login = await poolLogin(pool);
  if (runtimeGiven) {
    if (login.superuser) {
      throw new Error(
        `XASO_RUNTIME_DATABASE_URL đăng nhập bằng "${login.name}", một superuser của PostgreSQL: máy chủ không chạy bằng tài khoản ` +
        'này. Hãy tạo một tài khoản LOGIN NOSUPERUSER, cấp cho nó vai trò xaso_app (GRANT xaso_app TO …) và dùng tài khoản đó. / ' +
        `XASO_RUNTIME_DATABASE_URL logs in as "${login.name}", a PostgreSQL superuser; use a LOGIN NOSUPERUSER role granted xaso_app.`,
      );
    }
    const latest = Math.max(0, ...listMigrations().map((m) => m.version));
    const c = await pool.connect();
    let seen: number;
    try {
      seen = await currentVersion(c);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P01') throw e; // no schema_migrations: another, empty database
      seen = 0;
    } finally {
      c.release();
    }
    if (seen !== latest) {
      throw new Error(
        `XASO_RUNTIME_DATABASE_URL không trỏ tới cơ sở dữ liệu đã cập nhật lược đồ của DATABASE_URL (thấy phiên bản ${seen}, cần ${latest}). / ` +
        `XASO_RUNTIME_DATABASE_URL does not reach DATABASE_URL's migrated database (schema version ${seen}, expected ${latest}).`,
      );
    }
    return;
  }
  if (login.superuser) {
    log(
      'CẢNH BÁO: DATABASE_URL đăng nhập bằng tài khoản quản trị tối cao (superuser) của PostgreSQL, không nên dùng ' +
      'khi vận hành. Hãy đặt XASO_RUNTIME_DATABASE_URL bằng một tài khoản không phải superuser, là thành viên của xaso_app ' +
      '(DATABASE_URL vẫn dùng để cập nhật lược đồ). / WARNING: the DATABASE_URL user is a PostgreSQL superuser; set ' +
      'XASO_RUNTIME_DATABASE_URL to a login that is not (NOSUPERUSER, granted xaso_app) for the running server.',
      'warn',
    );
  }
}

/** A statement's name: a hash of its text, computed once per distinct text (issue 16: the intake hashed each of its
 *  statements at every call). The texts are the application's query shapes, a bounded set; an `IN (…)` of varying
 *  length makes a few more, and the memo starts over past MAX_NAMED. */
const names = new Map<string, string>();
const MAX_NAMED = 20_000;
export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_NAMED) names.clear();
    name = 'k' + crypto.createHash('sha1').update(text).digest('base64url');
    names.set(text, name);
  }
  return name;
}

/**
 * Kysely over the pool, with every single-statement query sent as a named prepared statement (named by a hash of
 * its text): PostgreSQL then parses and plans it once per connection instead of at every call. Measured on the
 * status lookup (npm run bench): see docs/benchmarks.md.
 */
export function kyselyFor(pool: pg.Pool): Kysely<Database> {
  const prepared = {
    connect: async () => {
      const client = await pool.connect().catch((e: unknown) => {
        databaseAvailability.report(e);
        throw e;
      });
      const send = client.query.bind(client) as (...a: unknown[]) => unknown;
      // A statement that fails because the database went away tells the availability watch (a cursor is no promise).
      const query = (...a: unknown[]) => {
        const r = send(...a);
        return r instanceof Promise ? r.catch((e: unknown) => { databaseAvailability.report(e); throw e; }) : r;
      };
      return Object.assign(Object.create(client) as pg.PoolClient, {
        query: (text: unknown, values?: unknown[]) =>
          typeof text === 'string' && !text.includes(';')
            ? query({ name: statementName(text), text, values })
            : query(text, values),
        release: (e?: Error | boolean) => client.release(e),
      });
    },
    end: () => pool.end(),
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: prepared as unknown as pg.Pool }) });
}

export async function openDatabase(
  config: { databaseUrl: string | undefined; dataDir: string; runtimeDatabaseUrl?: string | undefined; replicaDatabaseUrl?: string | undefined },
  log: Log = () => {},
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
  // The running server logs in as a role that is not a superuser; migrations above ran as the owner.
  // (The pool connects at its first query, after the embedded login exists.)
  const pool = appPool(embedded ? asUser(url, embedded.app.user, embedded.app.password) : config.runtimeDatabaseUrl ?? url);
  try {
    if (embedded) await ensureAppLogin(url, embedded.app.password);
    else await checkExternalLogin(pool, Boolean(config.runtimeDatabaseUrl), log);
  } catch (e) {
    await pool.end().catch(() => {});
    await embedded?.stop();
    throw e;
  }
  databaseAvailability.watch(() => pool.query('SELECT 1'), log);
  const db = kyselyFor(pool);
  // DATABASE_REPLICA_URL: a hot standby for the reads that need not see their own writes (src/db/replica.ts). Its
  // connections take the same narrower role (a standby accepts SET ROLE). It is not asked at start: a replica that
  // is away must not stop the server; its reads go to the primary until it answers.
  let replica: ReplicaRoute | undefined;
  if (config.replicaDatabaseUrl && !embedded) {
    const holder: { route?: ReplicaRoute } = {};
    const replicaPool = appPool(config.replicaDatabaseUrl, 10, (e) => holder.route?.report(e));
    holder.route = replica = new ReplicaRoute(replicaPool, pool, log);
  }
  setReplicaRoute(replica);
  const readDb = replica ? kyselyFor(replica.pool()) : db;
  return {
    db,
    readDb,
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
      if (readDb !== db) await readDb.destroy();
      setReplicaRoute(undefined);
      await db.destroy();
      await embedded?.stop();
    },
  };
}
