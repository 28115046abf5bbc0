// `npm run bench`: intake and status-lookup throughput of the dossier engine over HTTP, against the embedded
// PostgreSQL with ≥ 100,000 dossiers loaded, next to a raw single-row INSERT loop on the same database.
// Not a test: it prints figures (also as JSON to bench-results/intake.json). Targets on 2 cores:
// intake ≥ 500 dossiers/s; lookup ≥ 3,000 req/s with p99 ≤ 25 ms.
// Issue 16: alternating with the HTTP intake, pgbench runs the intake's own SQL (bench/intake.pgbench.sql, captured by
// bench/capture-intake-sql.ts) at the server's pool size, and a single-row INSERT at the same concurrency: PostgreSQL's
// own ceilings for this work on this machine, next to which the HTTP figure is read (targets: intake ≥ 0.8 × its SQL's
// ceiling; that SQL ≥ 800 intakes/s).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startEmbedded, freePort } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';
import { createApiKey, sha256 } from '../src/identity/staff/auth.ts';
import { preload, benchCommunes } from './preload.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const INTAKE_REQUESTS = Number(process.env.BENCH_INTAKE ?? 6_000);
const LOOKUP_REQUESTS = Number(process.env.BENCH_LOOKUP ?? 30_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RAW_INSERTS = 3_000;
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PGBENCH = process.env.PGBENCH ?? 'pgbench';
const WARMUP_SECONDS = 2;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const r2 = (n: number) => Math.round(n * 100) / 100;

function pct(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `total` requests with `concurrency` workers; returns throughput and latency percentiles. */
async function load(total: number, concurrency: number, one: (i: number) => Promise<void>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const s = performance.now();
        await one(i);
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { requests: total, seconds: r2(secs), perSecond: Math.round(total / secs), p50ms: r2(pct(lat, 50)), p99ms: r2(pct(lat, 99)) };
}

/** The server's pool size: what src/db/connect.ts `appPool` gives the running server (its default `max`). */
async function serverPoolSize(url: string): Promise<number> {
  const pool = appPool(url);
  const max = (pool as unknown as { options: { max: number } }).options.max;
  await pool.end();
  return max;
}

/** The id of the support point that is this desk (the intake's pgbench script takes it as -D sp_id_<n>). */
async function deskPointId(url: string, unitId: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // Row-level security (migration 048): a connection that says no commune sees nothing; this one reads for all.
    await c.query("SELECT set_config('xaso.commune', '*', false)");
    const r = await c.query<{ id: number }>('SELECT id FROM support_points WHERE unit_id = $1', [unitId]);
    return r.rows[0]!.id;
  } finally {
    await c.end();
  }
}

/** The system's pgbench version line, or undefined when there is none. */
function pgbenchVersion(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(PGBENCH, ['--version'], (e, out) => resolve(e ? undefined : out.trim()));
  });
}

export interface PgbenchResult {
  script: string;
  clients: number;
  seconds: number;
  transactions: number;
  failed: number;
  /** Transactions a second after the first WARMUP_SECONDS (the whole run when it is shorter). */
  tps: number;
  tpsWholeRun: number;
  latencyAverageMs: number;
  /** pgbench -r: mean latency of each statement (by its first 70 characters, literals elided, over the communes' branches), slowest first. */
  statementsMs: { statement: string; ms: number }[];
}

function statementLatencies(out: string): { statement: string; ms: number }[] {
  const by = new Map<string, number[]>();
  for (const m of out.matchAll(/^\s+([\d.]+)\s+\d+\s+(\S.*)$/gm)) {
    const text = m[2]!;
    if (text.startsWith('\\')) continue; // meta-commands
    const key = text.replace(/E'(?:[^']|'')*'/g, '…').slice(0, 70);
    by.set(key, [...(by.get(key) ?? []), Number(m[1])]);
  }
  return [...by].map(([statement, ms]) => ({ statement, ms: r2(mean(ms.filter((x) => x > 0)) || 0) })).sort((a, b) => b.ms - a.ms);
}

/**
 * pgbench -M prepared (the server's statements are named prepared statements too) with `clients` connections for
 * `seconds`, acting as the server's role (xaso_app, UTC) as the pool's connections do.
 */
function pgbench(url: string, script: string, clients: number, seconds: number, vars: Record<string, string>): Promise<PgbenchResult> {
  const args = ['-n', '-M', 'prepared', '-P', '1', '-r', '-c', String(clients), '-j', String(Math.min(clients, os.cpus().length)), '-T', String(seconds), '-f', script];
  for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(PGBENCH, args, { env: { ...process.env, PGOPTIONS: '-c role=xaso_app -c TimeZone=UTC' }, maxBuffer: 16 << 20 }, (e, out, err) => {
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
      const tps = num(/tps = ([\d.]+)/);
      if (e || !Number.isFinite(tps)) {
        reject(new Error(`pgbench ${path.basename(script)} failed: ${(err || out || String(e)).slice(0, 2000)}`));
        return;
      }
      // Each connection prepares the script's statements as it meets them (the intake's: 20 communes × 16 distinct
      // texts, once per connection): the steady rate leaves out the first seconds of the per-second progress lines.
      const perSecond = [...err.matchAll(/progress: ([\d.]+) s, ([\d.]+) tps/g)].filter((m) => Number(m[1]) > WARMUP_SECONDS).map((m) => Number(m[2]));
      resolve({
        script: path.basename(script), clients, seconds,
        transactions: num(/number of transactions actually processed: (\d+)/),
        failed: num(/number of failed transactions: (\d+)/) || 0,
        tps: perSecond.length ? Math.round(mean(perSecond)) : Math.round(tps),
        tpsWholeRun: Math.round(tps),
        latencyAverageMs: num(/latency average = ([\d.]+) ms/),
        statementsMs: statementLatencies(out),
      });
    });
  });
}

/** Waits until the sync outbox holds no pending message (at most 5 minutes); the seconds waited. */
async function drainOutbox(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    for (let said = false; ; said = true) {
      const left = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM sync_messages WHERE status = 'pending'`)).rows[0]!.n);
      if (left === 0 || performance.now() - t0 > 300_000) break;
      if (!said) console.log(`waiting for the sync worker to deliver ${left} messages before the lookup…`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await c.end();
  }
  return r2((performance.now() - t0) / 1000);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-'));
  const emb = await startEmbedded(dir);
  const url = withDatabase(emb.adminUrl, 'xaso_bench');
  let server: ReturnType<typeof spawn> | undefined;
  try {
    await ensureDatabase(url);
    await migrateUrl(url);
    const pool = appPool(url, 4);
    const db = kyselyFor(pool);
    await loadShippedData(db, { demo: true });
    const communes = await benchCommunes(db, 20);
    const keys = await Promise.all(
      communes.map((c) => createApiKey(db, { communeId: c.id, unitId: c.receivingUnitId, name: 'bench', roles: ['receiving_officer'] })),
    );
    console.log(`preloading ${DOSSIERS} dossiers…`);
    const t0 = performance.now();
    const codes = await preload(db, communes, DOSSIERS);
    console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await db.destroy();
    // The single-row INSERT's table, writable by the server's role (pgbench acts as it).
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    await owner.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)');
    await owner.query('GRANT SELECT, INSERT ON bench_raw TO xaso_app; GRANT USAGE ON SEQUENCE bench_raw_id_seq TO xaso_app');
    await owner.end();

    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/server.ts')], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'silent', XASO_DEMO: '0' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY });
    for (let i = 0; ; i++) {
      try {
        const r = await http.request({ method: 'GET', path: '/health' });
        await r.body.dump();
        if (r.statusCode === 200) break;
      } catch {
        if (i > 200) throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const post = async (i: number, keyIndex: number) => {
      const r = await http.request({
        method: 'POST',
        path: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${keys[keyIndex]}`, 'content-type': 'application/json', 'idempotency-key': `bench-${keyIndex}-${i}` },
        body: JSON.stringify({ procedureCode: '2.000815', applicant: { name: `Người thử ${i}`, idNumber: String(100000000000 + i) } }),
      });
      await r.body.dump();
      if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode}`);
    };
    const intakeOne = await load(Math.min(1000, INTAKE_REQUESTS), CONCURRENCY, (i) => post(i, 0));
    // Rounds: the HTTP intake over the 20 units, then, while the server idles, pgbench with the intake's own SQL at
    // the server's pool size, then a single-row INSERT at the same concurrency (issue 16).
    const poolSize = await serverPoolSize(url);
    const version = await pgbenchVersion();
    if (!version) console.log(`pgbench not found (${PGBENCH}): the intake SQL's ceiling and the single-row INSERT at the pool's concurrency are skipped`);
    const intakeScript = path.join(root, 'bench/intake.pgbench.sql');
    const insertScript = path.join(dir, 'single-row-insert.pgbench.sql');
    fs.writeFileSync(insertScript, "INSERT INTO bench_raw (payload) VALUES ('row');\n");
    // One intake at each desk first: the server creates the desk's support point at its first intake (deskSupportPoint).
    await Promise.all(keys.map((_k, k) => post(9_000_000 + k, k)));
    const keyHashes = {
      ...Object.fromEntries(keys.map((k, i) => [`key_hash_${i + 1}`, sha256(k)])),
      // The desks' support points (the server caches them, so the script does not read them back).
      ...Object.fromEntries(await Promise.all(communes.map(async (c, i) => [`sp_id_${i + 1}`, String(await deskPointId(url, c.receivingUnitId))]))),
    };
    const tryPgbench = async (script: string, vars: Record<string, string>) => {
      if (!version) return null;
      try {
        return await pgbench(url, script, poolSize, PGBENCH_SECONDS, vars);
      } catch (e) {
        console.log(String(e instanceof Error ? e.message : e));
        return null;
      }
    };
    const rounds: { intake: Awaited<ReturnType<typeof load>>; intakeSql: PgbenchResult | null; singleRowInsert: PgbenchResult | null }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const http = await load(INTAKE_REQUESTS, CONCURRENCY, (i) => post(10_000 + round * INTAKE_REQUESTS + i, i % keys.length));
      const intakeSql = await tryPgbench(intakeScript, keyHashes);
      const singleRowInsert = await tryPgbench(insertScript, {});
      rounds.push({ intake: http, intakeSql, singleRowInsert });
      console.log(
        `round ${round + 1}: intake over HTTP ${http.perSecond}/s · its SQL in pgbench ${intakeSql?.tps ?? '–'} tps · ` +
          `single-row INSERT in pgbench ${singleRowInsert?.tps ?? '–'} tps (${poolSize} clients, ${PGBENCH_SECONDS} s)`,
      );
    }
    const intake = rounds[0]!.intake;
    // The intakes above left one sync message each for the server's worker to deliver to the national portal's
    // stand-in (src/sync/), on the same Node thread: the lookup is measured once they are delivered, not beside that
    // burst (measured beside it, 2026-12-08: 1,482 req/s, p99 60 ms).
    const outboxDrainSeconds = await drainOutbox(url);
    const lookup = await load(LOOKUP_REQUESTS, CONCURRENCY, async (i) => {
      const c = codes[(i * 7919) % codes.length]!;
      const r = await http.request({ method: 'GET', path: `/api/v1/public/status?code=${c.code}&idLast4=${c.last4}` });
      await r.body.dump();
      if (r.statusCode !== 200) throw new Error(`lookup ${r.statusCode}`);
    });
    await http.close();

    // The same database, one connection, one row per autocommitted INSERT: the physical floor.
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    await raw.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL)');
    const r0 = performance.now();
    for (let i = 0; i < RAW_INSERTS; i++) await raw.query('INSERT INTO bench_raw (payload) VALUES ($1)', [`row ${i}`]);
    const rawPerSecond = Math.round(RAW_INSERTS / ((performance.now() - r0) / 1000));
    const total = await raw.query<{ n: string }>('SELECT count(*) AS n FROM dossiers');
    await raw.end();

    const tpsOf = (pick: (r: (typeof rounds)[number]) => PgbenchResult | null) => {
      const xs = rounds.map(pick).filter((x): x is PgbenchResult => x !== null).map((x) => x.tps);
      return xs.length === rounds.length ? Math.round(mean(xs)) : null;
    };
    const sqlTps = tpsOf((r) => r.intakeSql);
    const insertTps = tpsOf((r) => r.singleRowInsert);
    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, postgres: 'embedded 18' },
      dossiersInDatabase: Number(total.rows[0]!.n),
      concurrency: CONCURRENCY,
      intakeOneCounter: intakeOne,
      intake,
      lookup,
      outboxDrainSeconds,
      rawInsertPerSecond: rawPerSecond,
      intakeOverRaw: Math.round((intake.perSecond / rawPerSecond) * 100) / 100,
      // Issue 16: PostgreSQL's own ceilings, measured alternating with the HTTP intake (means over the rounds).
      pgbench: { version: version ?? null, clients: poolSize, seconds: PGBENCH_SECONDS, script: 'bench/intake.pgbench.sql', rounds },
      intakeHttpPerSecond: Math.round(mean(rounds.map((r) => r.intake.perSecond))),
      intakeSqlTps: sqlTps,
      singleRowInsertTps: insertTps,
      intakeOverSqlCeiling: sqlTps ? r2(mean(rounds.map((r) => r.intake.perSecond)) / sqlTps) : null,
      sqlCeilingOverSingleInsert: sqlTps && insertTps ? r2(sqlTps / insertTps) : null,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `\nintake ${intake.perSecond}/s (p99 ${intake.p99ms} ms; one receiving unit: ${intakeOne.perSecond}/s) · ` +
        `lookup ${lookup.perSecond}/s (p99 ${lookup.p99ms} ms) · raw INSERT ${rawPerSecond}/s · intake ÷ raw = ${result.intakeOverRaw}`,
    );
    console.log(
      version
        ? `against PostgreSQL's own ceilings (${poolSize} clients, mean of ${ROUNDS} rounds): intake over HTTP ${result.intakeHttpPerSecond}/s · ` +
            `its SQL in pgbench ${sqlTps ?? '–'} tps · single-row INSERT ${insertTps ?? '–'} tps · ` +
            `HTTP intake ÷ its SQL's ceiling = ${result.intakeOverSqlCeiling ?? '–'} (target ≥ 0.8) · ` +
            `SQL ceiling ÷ single-row INSERT = ${result.sqlCeilingOverSingleInsert ?? '–'} (SQL target ≥ 800 intakes/s)`
        : 'pgbench not found: no ceilings measured',
    );
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/intake.json'), JSON.stringify(result, null, 2));
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await emb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
