// `npm run bench`: intake and status-lookup throughput of the dossier engine over HTTP, against the embedded
// PostgreSQL with ≥ 100,000 dossiers loaded, next to a raw single-row INSERT loop on the same database.
// Not a test: it prints figures (also as JSON to bench-results/intake.json). Targets on 2 cores:
// intake ≥ 500 dossiers/s; lookup ≥ 3,000 req/s with p99 ≤ 25 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { startEmbedded, freePort } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';
import { createApiKey } from '../src/identity/staff/auth.ts';
import { preload, benchCommunes } from './preload.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const INTAKE_REQUESTS = Number(process.env.BENCH_INTAKE ?? 6_000);
const LOOKUP_REQUESTS = Number(process.env.BENCH_LOOKUP ?? 30_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RAW_INSERTS = 3_000;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

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
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return { requests: total, seconds: r2(secs), perSecond: Math.round(total / secs), p50ms: r2(pct(lat, 50)), p99ms: r2(pct(lat, 99)) };
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
    const intake = await load(INTAKE_REQUESTS, CONCURRENCY, (i) => post(10_000 + i, i % keys.length));
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

    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, postgres: 'embedded 18' },
      dossiersInDatabase: Number(total.rows[0]!.n),
      concurrency: CONCURRENCY,
      intakeOneCounter: intakeOne,
      intake,
      lookup,
      rawInsertPerSecond: rawPerSecond,
      intakeOverRaw: Math.round((intake.perSecond / rawPerSecond) * 100) / 100,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `\nintake ${intake.perSecond}/s (p99 ${intake.p99ms} ms; one receiving unit: ${intakeOne.perSecond}/s) · ` +
        `lookup ${lookup.perSecond}/s (p99 ${lookup.p99ms} ms) · raw INSERT ${rawPerSecond}/s · intake ÷ raw = ${result.intakeOverRaw}`,
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
