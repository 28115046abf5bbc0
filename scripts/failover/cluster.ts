// A pg_auto_failover formation for the failover test (scripts/failover-test.ts): a monitor and two PostgreSQL nodes
// on loopback ports in a temporary folder, each `pg_autoctl … --run` in its own process group. PostgreSQL refuses to
// run as root: as root, every pg_autoctl runs as the `postgres` OS user (runuser), in a folder it owns.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const INSTALL_HINT =
  'pg_autoctl không có trên máy này. Cài trên Debian/Ubuntu: sudo apt-get install postgresql-15-auto-failover pg-auto-failover-cli ' +
  '(hoặc gói tương ứng với phiên bản PostgreSQL của máy), rồi chạy lại npm run test:failover.';

export function findPgAutoctl(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v pg_autoctl'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** The newest PostgreSQL's pg_ctl that has the pgautofailover extension next to it (Debian's layout). */
export function findPgCtl(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  for (const v of fs.readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const ctl = path.join(base, v, 'bin/pg_ctl');
    if (fs.existsSync(ctl) && fs.existsSync(path.join(base, v, 'lib/pgautofailover.so'))) return ctl;
  }
  return null;
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface NodeState { name: string; port: number; state: string; reported: string }

export class Formation {
  readonly dir: string;
  private readonly asPostgres: boolean;
  private readonly procs = new Map<string, ChildProcess>();
  readonly ports: Record<string, number> = {};
  monitorUri = '';

  constructor(dir: string, private readonly pgctl: string, private readonly say: (s: string) => void) {
    this.dir = dir;
    this.asPostgres = process.getuid?.() === 0;
    if (this.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      fs.chownSync(dir, uid, gid);
      for (const d of ['xdg-config', 'xdg-data', 'xdg-run']) {
        fs.mkdirSync(path.join(dir, d), { mode: 0o700 });
        fs.chownSync(path.join(dir, d), uid, gid);
      }
    }
  }

  private env(): NodeJS.ProcessEnv {
    // pg_autoctl keeps its state under XDG folders: inside the temporary folder, not in the user's home.
    return { PATH: process.env.PATH, XDG_CONFIG_HOME: path.join(this.dir, 'xdg-config'), XDG_DATA_HOME: path.join(this.dir, 'xdg-data'), XDG_RUNTIME_DIR: path.join(this.dir, 'xdg-run'), PG_CONFIG: path.join(path.dirname(this.pgctl), 'pg_config'), LANG: 'C.UTF-8' };
  }

  private argv(args: string[]): [string, string[]] {
    return this.asPostgres ? ['runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(this.env()).map(([k, v]) => `${k}=${v}`), 'pg_autoctl', ...args]] : ['pg_autoctl', args];
  }

  /** A pg_autoctl command that ends (show …, enable …): its output. */
  run(args: string[]): string {
    const [cmd, argv] = this.argv(args);
    return execFileSync(cmd, argv, { cwd: this.dir, env: this.env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** `pg_autoctl create … --run` in the background, in its own process group, its output in <dir>/<name>.log. */
  private start(name: string, args: string[]): void {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    const [cmd, argv] = this.argv(args);
    const p = spawn(cmd, argv, { cwd: this.dir, env: this.env(), detached: true, stdio: ['ignore', log, log] });
    p.on('error', () => {});
    this.procs.set(name, p);
  }

  async createMonitor(): Promise<void> {
    this.ports.monitor = await freePort();
    this.say(`  monitor trên cổng ${this.ports.monitor}…`);
    this.start('monitor', ['create', 'monitor', '--pgdata', path.join(this.dir, 'monitor'), '--pgport', String(this.ports.monitor),
      '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--pgctl', this.pgctl, '--run']);
    this.monitorUri = await this.until('monitor', 90_000, () => {
      try {
        return this.uris().find((u) => u.type === 'monitor')?.uri ?? null;
      } catch {
        return null;
      }
    });
  }

  async createNode(name: string): Promise<void> {
    this.ports[name] = await freePort();
    this.say(`  nút ${name} trên cổng ${this.ports[name]}…`);
    this.start(name, ['create', 'postgres', '--pgdata', path.join(this.dir, name), '--pgport', String(this.ports[name]), '--name', name,
      '--hostname', '127.0.0.1', '--auth', 'trust', '--no-ssl', '--pgctl', this.pgctl, '--dbname', 'xaso', '--monitor', this.monitorUri, '--run']);
  }

  /** The nodes as the monitor sees them (`pg_autoctl show state --json`). */
  state(): NodeState[] {
    const raw = this.run(['show', 'state', '--pgdata', path.join(this.dir, 'monitor'), '--json']);
    const rows = JSON.parse(raw) as { nodename: string; nodeport: number; assigned_group_state: string; current_group_state: string }[];
    return rows.map((r) => ({ name: r.nodename, port: r.nodeport, state: r.assigned_group_state, reported: r.current_group_state }));
  }

  /** Waits until the nodes' reported states are these (e.g. { node1: 'primary', node2: 'secondary' }). */
  async waitFor(want: Record<string, string>, timeoutMs: number): Promise<NodeState[]> {
    let last = '';
    return this.until(`trạng thái ${JSON.stringify(want)}`, timeoutMs, () => {
      let s: NodeState[];
      try { s = this.state(); } catch { return null; }
      const line = s.map((n) => `${n.name}=${n.reported}/${n.state}`).join(' ');
      if (line !== last) { this.say(`    ${line}`); last = line; }
      return Object.entries(want).every(([n, st]) => s.some((x) => x.name === n && x.reported === st && x.state === st)) ? s : null;
    });
  }

  /** The formation's connection string for applications (`pg_autoctl show uri --formation default`). */
  formationUri(): string {
    const uri = this.uris().find((u) => u.type === 'formation' && u.name === 'default')?.uri;
    if (!uri) throw new Error('pg_autoctl show uri: formation default không có URI');
    return uri;
  }

  /** `pg_autoctl show uri --json`: the monitor's and each formation's connection string. */
  private uris(): { uri: string | null; name: string; type: string }[] {
    return JSON.parse(this.run(['show', 'uri', '--pgdata', path.join(this.dir, 'monitor'), '--json'])) as { uri: string | null; name: string; type: string }[];
  }

  settings(): string {
    return this.run(['show', 'settings', '--pgdata', path.join(this.dir, 'monitor')]);
  }

  /** The node's postmaster pid (first line of postmaster.pid). */
  postmasterPid(name: string): number | null {
    try {
      return Number(fs.readFileSync(path.join(this.dir, name, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  }

  /** The machine of a node dies: kill -9 its pg_autoctl (the keeper, which would restart PostgreSQL at once) and
   *  its postmaster. */
  crash(name: string): void {
    const pm = this.postmasterPid(name);
    const p = this.procs.get(name);
    if (p?.pid) try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ }
    if (pm) try { process.kill(pm, 'SIGKILL'); } catch { /* gone */ }
  }

  /** Stops every process (kill -9: the folder is deleted next) and deletes the folder. */
  async destroy(): Promise<void> {
    const pms = ['monitor', ...Object.keys(this.ports).filter((n) => n !== 'monitor')].map((n) => this.postmasterPid(n));
    for (const p of this.procs.values()) if (p.pid) try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ }
    for (const pm of pms) if (pm) try { process.kill(pm, 'SIGKILL'); } catch { /* gone */ }
    await sleep(500);
    // Backends outlive a killed postmaster for a moment; the folder goes once they are gone.
    for (let i = 0; i < 20; i++) {
      try {
        fs.rmSync(this.dir, { recursive: true, force: true });
        return;
      } catch {
        await sleep(250);
      }
    }
  }

  private async until<T>(what: string, timeoutMs: number, probe: () => T | null): Promise<T> {
    const t0 = Date.now();
    for (;;) {
      const v = probe();
      if (v !== null) return v;
      if (Date.now() - t0 > timeoutMs) throw new Error(`hết thời gian chờ ${what} (${timeoutMs / 1000} s); nhật ký trong ${this.dir}/*.log`);
      await sleep(500);
    }
  }
}
