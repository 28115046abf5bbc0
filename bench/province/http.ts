// Driving the benchmark server over HTTP: the server in its own process (as bench/intake.ts starts it), staff logins,
// a concurrent load (the shape of bench/intake.ts's load()), and a view timed cold (its first request) then warm.
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Pool as HttpPool } from 'undici';
import { freePort } from '../../src/db/embedded.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';

const r1 = (n: number) => Math.round(n * 10) / 10;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export interface Server { http: HttpPool; process: ChildProcess; stop(): Promise<void> }

/** Starts bench/server.ts against `url` (`--import hook` when given) and waits for /health. */
export async function startBenchServer(root: string, url: string, dataDir: string, env: Record<string, string>, hook?: string): Promise<Server> {
  const port = await freePort();
  // A bigger heap than Node's default (BENCH_SERVER_HEAP_MB, default 8192): the start-up checkpoint used to hold
  // every dossier's head and a break per dossier in memory; since issue 16's scale work it is bounded (≈ 600 MB peak
  // for the whole server at 1M), the setting stays as a margin.
  const heap = `--max-old-space-size=${process.env.BENCH_SERVER_HEAP_MB ?? 8192}`;
  const args = [heap, '--import', 'tsx', ...(hook ? ['--import', hook] : []), path.join(root, 'bench/server.ts')];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'silent', XASO_DEMO: '0', XASO_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // No client-side timeout: a view may take minutes at 10M dossiers, and that is the figure to report.
  const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: 64, headersTimeout: 0, bodyTimeout: 0 });
  for (let i = 0; ; i++) {
    try {
      const r = await http.request({ method: 'GET', path: '/health' });
      await r.body.dump();
      if (r.statusCode === 200) break;
    } catch {
      if (i > 1200 || child.exitCode !== null) throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    http, process: child,
    async stop() {
      await http.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

/** Logs a staff account in (POST /api/v1/auth/login); returns its session cookie. */
export async function login(http: HttpPool, username: string): Promise<string> {
  const r = await http.request({
    method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const body = await r.body.text();
  const set = r.headers['set-cookie'];
  const cookie = (Array.isArray(set) ? set : [set ?? '']).map((c) => c.split(';')[0]!).find((c) => c.startsWith('xaso_sid='));
  if (r.statusCode !== 200 || !cookie) throw new Error(`login ${username}: ${r.statusCode} ${body.slice(0, 200)}`);
  return cookie;
}

export interface Load { requests: number; seconds: number; perSecond: number; p50ms: number; p99ms: number }

/** Runs `total` requests with `concurrency` workers. */
export async function load(total: number, concurrency: number, one: (i: number) => Promise<void>): Promise<Load> {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < total; i = next++) {
      const s = performance.now();
      await one(i);
      lat.push(performance.now() - s);
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { requests: total, seconds: r1(secs), perSecond: Math.round(total / secs), p50ms: r1(pct(lat, 50)), p99ms: r1(pct(lat, 99)) };
}

export async function get(http: HttpPool, url: string, cookie?: string): Promise<number> {
  const r = await http.request({ method: 'GET', path: url, headers: cookie ? { cookie } : {} });
  await r.body.dump();
  if (r.statusCode !== 200) throw new Error(`GET ${url}: ${r.statusCode}`);
  return r.statusCode;
}

export interface ViewTiming { url: string; coldMs: number; runs: number; p50ms: number; p99ms: number; maxMs: number }

/** One view: its first request (cold), then `runs` requests one after another (warm); fewer when the first took
 *  seconds (3 after ≥ 3 s, 1 after ≥ 30 s), so that a view that does not scale does not hold the run for hours. */
export async function timeView(http: HttpPool, url: string, maxRuns: number, cookie?: string): Promise<ViewTiming> {
  const s0 = performance.now();
  await get(http, url, cookie);
  const coldMs = performance.now() - s0;
  const runs = coldMs >= 30_000 ? 1 : coldMs >= 3_000 ? Math.min(3, maxRuns) : maxRuns;
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await get(http, url, cookie);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return { url, coldMs: r1(coldMs), runs, p50ms: r1(pct(t, 50)), p99ms: r1(pct(t, 99)), maxMs: r1(t.at(-1) ?? 0) };
}
