// `xaso start` as a separate process on a data folder, for the tests that kill processes (db-outage.app.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/embedded.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface XasoProcess {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  output(): string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts `xaso start` on `dataDir` (embedded PostgreSQL, a small demo year) and waits until /health answers 200. */
export async function startXaso(dataDir: string): Promise<XasoProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, XASO_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', XASO_DEMO_DOSSIERS: '10' };
  delete env.DATABASE_URL; // the embedded PostgreSQL is what these tests kill
  const child = spawn(process.execPath, [path.join(root, 'bin/xaso.mjs'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (done || i > 1200) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await sleep(100);
  }
  return { child, base, exited, output: () => output };
}

/** The pid of the embedded postmaster, from its postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'pg/cluster/postmaster.pid'), 'utf8').split('\n')[0]);
}

/** A connection as the cluster's superuser (what an operator, or an attacker with the credentials, would use). */
export async function superuser(dataDir: string): Promise<pg.Client> {
  const creds = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg/credentials.json'), 'utf8')) as { user: string; password: string };
  const port = Number(fs.readFileSync(path.join(dataDir, 'pg/cluster/postmaster.pid'), 'utf8').split('\n')[3]);
  const c = new pg.Client({ host: '127.0.0.1', port, user: creds.user, password: creds.password, database: 'xaso' });
  await c.connect();
  return c;
}

export async function staffCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'motcua', password: 'xaso-demo' }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status}`);
  return login.headers.get('set-cookie')!.split(';')[0]!;
}

export interface Answer {
  status: number;
  type: string;
  retryAfter: string | null;
  body: string;
}

async function answer(r: Promise<Response>): Promise<Answer> {
  try {
    const res = await r;
    return { status: res.status, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after'), body: await res.text() };
  } catch (e) {
    return { status: 0, type: '', retryAfter: null, body: String(e) }; // connection refused or reset: the server died
  }
}

export function fileDossier(base: string, cookie: string, key: string): Promise<Answer> {
  return answer(fetch(`${base}/api/v1/dossiers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key },
    body: JSON.stringify({ procedureCode: '1.001193', applicant: { name: 'Người thử mất kết nối', idNumber: '001203009999' } }),
  }));
}

export function get(base: string, p: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(fetch(`${base}${p}`, { headers }));
}

/** The code of each dossier a 201 acknowledged. */
export function acknowledged(answers: Answer[]): string[] {
  return answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.body) as { code: string }).code);
}

/** Polls until `p` answers 200 or `ms` pass; the statuses seen on the way. */
export async function until200(base: string, p: string, ms: number, headers: Record<string, string> = {}): Promise<number[]> {
  const seen: number[] = [];
  for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) {
    const a = await get(base, p, headers);
    seen.push(a.status);
    if (a.status === 200) return seen;
  }
  throw new Error(`${p} did not answer 200 within ${ms} ms: ${seen.join(',')}`);
}
