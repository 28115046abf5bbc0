// `npm run bench:sync`: the national-portal sync under the intake benchmark's load. The real server (bench/server.ts,
// with its sync worker and the stand-in portal it starts when no XASO_PORTAL_URL is set) takes counter intakes over
// HTTP from 32 concurrent clients; every intake writes its sync message in its transaction, the worker delivers them
// to the stand-in, which validates each against the contract. Measured: intake throughput with the sync on, sync
// throughput (messages acknowledged by the portal per second while the outbox drains), and outbox lag (from the
// change's commit time, the message's created_at, to the portal's acknowledgement) p50 / p99. Not a test: it prints
// figures (also as JSON to bench-results/sync.json).
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

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 20_000);
const INTAKE_REQUESTS = Number(process.env.BENCH_INTAKE ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r2 = (n: number) => Math.round(n * 100) / 100;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-sync-'));
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
    await preload(db, communes, DOSSIERS);
    await db.destroy();

    const port = await freePort();
    server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/server.ts')], {
      env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'silent', XASO_DEMO: '0', XASO_PORTAL_URL: '' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY });
    for (let i = 0; ; i++) {
      try {
        const r = await http.request({ method: 'GET', path: '/health' });
        await r.body.dump();
        if (r.statusCode === 200) break;
      } catch {
        if (i > 300) throw new Error('server did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < INTAKE_REQUESTS; i = next++) {
        const k = i % keys.length;
        const r = await http.request({
          method: 'POST', path: '/api/v1/dossiers',
          headers: { authorization: `Bearer ${keys[k]}`, 'content-type': 'application/json', 'idempotency-key': `sync-bench-${i}` },
          body: JSON.stringify({ procedureCode: '2.000815', applicant: { name: `Người thử ${i}`, idNumber: String(100000000000 + i) } }),
        });
        await r.body.dump();
        if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode}`);
      }
    }));
    const intakeSeconds = (performance.now() - t0) / 1000;
    await http.close();

    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const waitFrom = performance.now();
    for (;;) {
      const left = await c.query<{ n: string }>(`SELECT count(*) AS n FROM sync_messages WHERE status <> 'delivered'`);
      if (Number(left.rows[0]!.n) === 0) break;
      if (performance.now() - waitFrom > 600_000) throw new Error(`outbox not drained: ${left.rows[0]!.n} left`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const rows = await c.query<{ lag: number; created: Date; delivered: Date }>(
      `SELECT extract(epoch FROM delivered_at - created_at) * 1000 AS lag, created_at AS created, delivered_at AS delivered FROM sync_messages`);
    const failed = await c.query<{ n: string }>(`SELECT count(*) AS n FROM dossier_sync WHERE status = 'failed'`);
    await c.end();
    const lags = rows.rows.map((r) => Number(r.lag)).sort((a, b) => a - b);
    const first = Math.min(...rows.rows.map((r) => +r.created));
    const last = Math.max(...rows.rows.map((r) => +r.delivered));
    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, postgres: 'embedded' },
      preloadedDossiers: DOSSIERS,
      concurrency: CONCURRENCY,
      intake: { requests: INTAKE_REQUESTS, perSecond: Math.round(INTAKE_REQUESTS / intakeSeconds) },
      sync: {
        messages: rows.rows.length,
        failedDossiers: Number(failed.rows[0]!.n),
        messagesPerSecond: Math.round(rows.rows.length / ((last - first) / 1000)),
        lagP50ms: r2(pct(lags, 50)),
        lagP99ms: r2(pct(lags, 99)),
        lagMaxMs: r2(lags[lags.length - 1] ?? 0),
      },
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`\nintake with sync ${result.intake.perSecond}/s · sync ${result.sync.messagesPerSecond} messages/s · lag p50 ${result.sync.lagP50ms} ms, p99 ${result.sync.lagP99ms} ms`);
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/sync.json'), JSON.stringify(result, null, 2));
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await emb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
