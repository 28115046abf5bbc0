// `npm run bench:province` (issue 16, "Scale"): a province of 200 communes with 10,000,000 dossiers over five years on
// one PostgreSQL, and every view measured on the running server against it. Not a test: it prints figures (also
// bench-results/province.json, and the plans of every view's SQL in bench-results/province-explain.md).
//
// 1. A fresh embedded PostgreSQL in a temporary folder (or DATABASE_URL), migrated, the shipped catalogue and calendar;
//    BENCH_PROVINCE_COMMUNES communes of one province (bench/province/organisation.ts) and BENCH_PROVINCE_DOSSIERS
//    dossiers over BENCH_PROVINCE_MONTHS months with their log, units, facts and ratings, set-based, one month a batch
//    (bench/province/generate.ts); the plain indexes of those tables are dropped for the load and built after it; then
//    each commune's monthly rollup by the product's own buildRollup(). The embedded server loads without fsync and is
//    restarted durable (fsync on) for the measurements, with shared_buffers = BENCH_SHARED_BUFFERS (default 4GB).
// 2. The real server in its own process: counter intake and status lookup at concurrency 32, then each dashboard and
//    public view, its first request (cold) and BENCH_PROVINCE_RUNS more (warm) one after another; the province's
//    figures also computed directly, without the one-minute cache (provinceFigures(), BENCH_PROVINCE_DIRECT_RUNS).
// 3. The SQL each view sends, captured by bench/capture-hook.ts in a second server process, and its plans
//    (EXPLAIN (ANALYZE, BUFFERS)); the sizes of the big tables and of the database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbedded, type EmbeddedDatabase } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';
import { createApiKey } from '../src/identity/staff/auth.ts';
import { buildRollup } from '../src/indicators/rollup-store.ts';
import { provinceFigures } from '../src/province/service.ts';
import { writeCheckpoint } from '../src/integrity/checkpoints.ts';
import { createOrganisation, communeId, username, PROVINCE, VIEWER } from './province/organisation.ts';
import { generateDossiers, procedures, dropLoadIndexes, rebuildIndexes } from './province/generate.ts';
import { startBenchServer, login, load, timeView, type ViewTiming } from './province/http.ts';
import { captureViews, explainAll, plansMarkdown } from './province/explain.ts';
import { waitForCheckpoint, peakMemoryMb } from './province/checkpoint.ts';
import { sortedTimings } from './timing.ts';

const DOSSIERS = Number(process.env.BENCH_PROVINCE_DOSSIERS ?? 10_000_000);
const COMMUNES = Number(process.env.BENCH_PROVINCE_COMMUNES ?? 200);
const MONTHS = Number(process.env.BENCH_PROVINCE_MONTHS ?? 60);
const RUNS = Number(process.env.BENCH_PROVINCE_RUNS ?? 30);
const DIRECT_RUNS = Number(process.env.BENCH_PROVINCE_DIRECT_RUNS ?? 3);
const INTAKE = Number(process.env.BENCH_INTAKE ?? 3_000);
const LOOKUP = Number(process.env.BENCH_LOOKUP ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SHARED_BUFFERS = process.env.BENCH_SHARED_BUFFERS ?? '4GB';
/** Connections generating months at once (one per core by default). */
const WORKERS = Number(process.env.BENCH_PROVINCE_WORKERS ?? os.cpus().length);
/** Disk a dossier takes with everything generated for it, indexes included (measured: 4.6 GB per million dossiers at
 *  1M, bench-results/province.json `bytesPerDossier`), plus the room the load needs besides (WAL, index sorts). */
const BYTES_PER_DOSSIER = 5_000;
const HEADROOM = 1.4;

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = (s: string) => console.log(s);
const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GB`;
const secsSince = (t0: number) => Math.round((performance.now() - t0) / 1000);

/** Whether the estimate fits the free disk; says so either way. */
function checkDisk(dir: string): boolean {
  const fsStat = fs.statfsSync(dir);
  const free = fsStat.bavail * fsStat.bsize;
  const need = DOSSIERS * BYTES_PER_DOSSIER * HEADROOM + 2 * 2 ** 30;
  log(`disk: ${gb(free)} free in ${dir}, about ${gb(need)} needed for ${DOSSIERS.toLocaleString('en')} dossiers`);
  if (need > free) {
    console.error(
      `Không đủ chỗ trên đĩa: cần khoảng ${gb(need)} cho ${DOSSIERS.toLocaleString('vi-VN')} hồ sơ, còn trống ${gb(free)} ở ${dir}. ` +
      `Giảm BENCH_PROVINCE_DOSSIERS (ví dụ 1000000) hoặc đặt TMPDIR sang ổ đĩa khác.\n` +
      `Not enough disk: about ${gb(need)} needed, ${gb(free)} free in ${dir}. Lower BENCH_PROVINCE_DOSSIERS or point TMPDIR elsewhere.`);
    return false;
  }
  return true;
}

async function sizes(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const tables = (await c.query<{ t: string; bytes: string; rows: string }>(`
    SELECT t, (SELECT sum(pg_total_relation_size(p.relid)) FROM pg_partition_tree(t::regclass) p) AS bytes, -- a partitioned table's are its partitions'
           (SELECT reltuples::bigint FROM pg_class WHERE oid = t::regclass) AS rows
      FROM unnest(ARRAY['dossiers', 'dossier_events', 'dossier_units', 'indicator_facts', 'indicator_rollup', 'indicator_rollup_commune', 'ratings', 'access_log']) t`)).rows;
  const db = (await c.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]!.b;
  await c.end();
  const perMillion = (b: number) => Math.round((b / DOSSIERS) * 1e6);
  return {
    database: { bytes: Number(db), perMillionDossiers: perMillion(Number(db)) },
    tables: Object.fromEntries(tables.map((t) => [t.t, { bytes: Number(t.bytes), rows: Number(t.rows), perMillionDossiers: perMillion(Number(t.bytes)) }])),
  };
}

async function main() {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-province-'));
  process.env.XASO_KEY_DIR ??= path.join(dir, 'keys');
  let emb: EmbeddedDatabase | undefined;
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  const cleanup = async () => {
    await server?.stop();
    await emb?.stop();
    // BENCH_PROVINCE_KEEP=1: leave the loaded cluster for a look afterwards (startEmbedded(dir) opens it again).
    if (process.env.BENCH_PROVINCE_KEEP === '1') log(`kept: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  // Ctrl+C or a kill: the server, PostgreSQL and the temporary folder go too.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`${sig}: cleaning up ${dir}`);
      cleanup().finally(() => process.exit(130));
    });
  }
  try {
    if (process.env.DATABASE_URL) log('DATABASE_URL given: the disk of that server is not checked here');
    else if (!checkDisk(dir)) {
      process.exitCode = 2;
      return;
    }
    if (!process.env.DATABASE_URL) {
      emb = await startEmbedded(dir, undefined, { durable: false });
      const admin = new pg.Client({ connectionString: emb.adminUrl });
      await admin.connect();
      await admin.query(`ALTER SYSTEM SET shared_buffers = '${SHARED_BUFFERS}'`);
      for (const s of ["maintenance_work_mem = '1GB'", "max_wal_size = '16GB'", "checkpoint_timeout = '30min'", 'max_parallel_maintenance_workers = 2']) {
        await admin.query(`ALTER SYSTEM SET ${s}`);
      }
      await admin.end();
      await emb.stop();
      emb = await startEmbedded(dir, undefined, { durable: false });
    }
    const url = process.env.DATABASE_URL ?? withDatabase(emb!.adminUrl, 'xaso_bench');
    await ensureDatabase(url);
    await migrateUrl(url);
    const db = kyselyFor(appPool(url, 4));
    await loadShippedData(db, { demo: false });
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    const org = await createOrganisation(owner, COMMUNES);
    const procs = await procedures(owner);
    log(`${COMMUNES} communes of ${PROVINCE}, ${procs.length} procedures; generating ${DOSSIERS.toLocaleString('en')} dossiers over ${MONTHS} months…`);
    const t0 = performance.now();
    const dropped = await dropLoadIndexes(owner);
    const workers = await Promise.all(Array.from({ length: WORKERS }, async () => {
      const w = new pg.Client({ connectionString: url });
      await w.connect();
      return w;
    }));
    const replica = (await Promise.all(workers.map((w) => w.query("SET session_replication_role = 'replica'").then(() => true, () => false)))).every(Boolean);
    log(replica ? '  (foreign-key triggers off for the load: session_replication_role = replica)' : '  (not a superuser: foreign keys checked row by row)');
    const now = new Date();
    const gen = await generateDossiers(workers, org, procs, DOSSIERS, MONTHS, now, log);
    await Promise.all(workers.map((w) => w.end()));
    // The load ran with triggers off (replica), so ratings.commune_id (migration 050, filled by a trigger on insert)
    // is filled here, as the migration fills it for the rows already there.
    const tb = performance.now();
    const filled = await owner.query('UPDATE ratings r SET commune_id = d.commune_id FROM dossiers d WHERE d.id = r.dossier_id AND r.commune_id IS NULL');
    log(`  ratings.commune_id filled for ${filled.rowCount} ratings in ${secsSince(tb)} s`);
    const t1 = performance.now();
    log(`building ${dropped.length} indexes…`);
    await rebuildIndexes(owner, dropped, log);
    const indexSeconds = secsSince(t1);
    const t2 = performance.now();
    await owner.query('VACUUM (ANALYZE)');
    const vacuumSeconds = secsSince(t2);
    log(`  indexes ${indexSeconds} s, VACUUM ANALYZE ${vacuumSeconds} s`);
    const t3 = performance.now();
    let next = 0;
    await Promise.all([0, 1].map(async () => {
      for (let i = next++; i < org.ids.length; i = next++) {
        await buildRollup(db, org.ids[i]!, true);
        if ((i + 1) % 20 === 0) log(`  rollup: ${i + 1}/${org.ids.length} communes, ${secsSince(t3)} s`);
      }
    }));
    await owner.query('ANALYZE indicator_rollup, indicator_rollup_commune');
    const rollupSeconds = secsSince(t3);
    const loadSeconds = secsSince(t0);
    log(`loaded in ${loadSeconds} s (dossiers ${gen.seconds} s at ${gen.perSecond}/s, indexes ${indexSeconds} s, rollup ${rollupSeconds} s)`);
    const size = await sizes(url);
    log(`database ${gb(size.database.bytes)} (${gb(size.database.perMillionDossiers)} per million dossiers)`);
    const sample = (await owner.query<{ code: string; last4: string }>(
      `SELECT code, right(applicant_id_number, 4) AS last4 FROM dossiers TABLESAMPLE SYSTEM (1) WHERE code IS NOT NULL LIMIT 5000`)).rows;
    const keys = await Promise.all(org.ids.slice(0, 20).map((id, i) =>
      createApiKey(db, { communeId: id, unitId: org.desk[i]!, name: 'bench', roles: ['receiving_officer'] })));
    await owner.end();
    await db.destroy();

    // Durable from here on, as a server runs.
    if (emb) {
      await emb.stop();
      emb = await startEmbedded(dir);
    }
    const url2 = process.env.DATABASE_URL ?? withDatabase(emb!.adminUrl, 'xaso_bench');
    const one = communeId(1);
    const serverEnv = { XASO_PORTAL_COMMUNE: one, XASO_DEMO_DOSSIERS: '0' };
    server = await startBenchServer(root, url2, path.join(dir, 'server'), serverEnv);
    const http = server.http;
    log('waiting for the server\'s start-up checkpoint of the action logs (src/integrity/checkpoints.ts)…');
    const checkpointSeconds = await waitForCheckpoint(url2);
    const checkpointPeakMb = peakMemoryMb(server.process.pid);
    log(`  ${checkpointSeconds} s; server process peak memory ${checkpointPeakMb} MB`);
    const cookies = {
      leader: await login(http, username(one, 'chutich')), desk: await login(http, username(one, 'motcua')), province: await login(http, VIEWER),
    };
    const y = now.getUTCFullYear();
    const m = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth(); // the last whole month
    const my = now.getUTCMonth() === 0 ? y - 1 : y;
    const views: { name: string; url: string; cookie?: string }[] = [
      { name: 'commune dashboard, month', url: `/can-bo/bang-dieu-khien?nam=${my}&thang=${m}`, cookie: cookies.leader },
      { name: 'commune dashboard, year', url: `/can-bo/bang-dieu-khien?nam=${y}&thang=0`, cookie: cookies.leader },
      { name: '766 API, month', url: `/api/v1/indicators/766?commune=${one}&year=${my}&month=${m}` },
      { name: '766 API, year', url: `/api/v1/indicators/766?commune=${one}&year=${y}` },
      { name: 'public commune page /cong-khai', url: `/cong-khai?nam=${y}` },
      { name: 'work list /can-bo/ho-so', url: '/can-bo/ho-so', cookie: cookies.desk },
      { name: 'province drill-down /can-bo/tinh/xa/:id', url: `/can-bo/tinh/xa/${one}`, cookie: cookies.province },
      // The month just closed and this year are kept computed by the server (province/access.ts keepProvinceFiguresWarm);
      // last year is computed at its first visit (its "cold" is a cache miss over HTTP), then cached.
      { name: 'province dashboard, month (kept)', url: `/can-bo/tinh?nam=${my}&thang=${m}`, cookie: cookies.province },
      { name: 'province dashboard, year (kept)', url: `/can-bo/tinh?nam=${y}&thang=0`, cookie: cookies.province },
      { name: 'province dashboard, last year (a miss, then cache)', url: `/can-bo/tinh?nam=${y - 1}&thang=0`, cookie: cookies.province },
      { name: 'province API, month (kept)', url: `/api/v1/province/indicators?year=${my}&month=${m}`, cookie: cookies.province },
      { name: 'province API, year (kept)', url: `/api/v1/province/indicators?year=${y}`, cookie: cookies.province },
      { name: 'public province page /tinh (kept)', url: `/tinh?nam=${y}` },
    ];

    log(`intake: ${INTAKE} counter intakes over 20 communes, concurrency ${CONCURRENCY}…`);
    const intake = await load(INTAKE, CONCURRENCY, async (i) => {
      const k = i % keys.length;
      const r = await http.request({
        method: 'POST', path: '/api/v1/dossiers',
        headers: { authorization: `Bearer ${keys[k]}`, 'content-type': 'application/json', 'idempotency-key': `bench-province-${i}` },
        body: JSON.stringify({ procedureCode: '2.000815', applicant: { name: `Người thử ${i}`, idNumber: String(900000000000 + i) } }),
      });
      await r.body.dump();
      if (r.statusCode !== 201) throw new Error(`intake ${r.statusCode}`);
    });
    log(`  ${intake.perSecond}/s, p50 ${intake.p50ms} ms, p99 ${intake.p99ms} ms`);
    const lookup = await load(LOOKUP, CONCURRENCY, async (i) => {
      const c = sample[(i * 7919) % sample.length]!;
      const r = await http.request({ method: 'GET', path: `/api/v1/public/status?code=${encodeURIComponent(c.code)}&idLast4=${c.last4}` });
      await r.body.dump();
      if (r.statusCode !== 200) throw new Error(`lookup ${r.statusCode}`);
    });
    log(`status lookup: ${lookup.perSecond}/s, p50 ${lookup.p50ms} ms, p99 ${lookup.p99ms} ms`);

    const timings: Record<string, ViewTiming> = {};
    for (const v of views) {
      timings[v.name] = await timeView(http, v.url, RUNS, v.cookie);
      const t = timings[v.name]!;
      log(`${v.name.padEnd(44)} cold ${String(t.coldMs).padStart(8)} ms · warm p50 ${String(t.p50ms).padStart(7)} ms · p99 ${String(t.p99ms).padStart(7)} ms`);
    }
    // The province's figures without the cache: the computation a cache miss costs, through the product's function.
    const direct = kyselyFor(appPool(url2, 10));
    const uncached: Record<string, { runs: number; p50ms: number; maxMs: number }> = {};
    for (const [name, spec] of [['month', { year: my, month: m }], ['year', { year: y }]] as const) {
      const t = await sortedTimings(() => provinceFigures(direct, PROVINCE, spec, new Date()), DIRECT_RUNS, 0);
      uncached[`province figures, ${name}, no cache`] = { runs: DIRECT_RUNS, p50ms: Math.round(t[t.length >> 1]!), maxMs: Math.round(t.at(-1)!) };
      log(`province figures, ${name}, no cache: p50 ${Math.round(t[t.length >> 1]!)} ms, max ${Math.round(t.at(-1)!)} ms`);
    }
    // The hourly checkpoint after the measurements: incremental, it checks the intake's new entries only; then once
    // more with nothing new (what an idle hour costs).
    const cpEnv = { ...process.env, XASO_DATA_DIR: path.join(dir, 'server') };
    const t5 = performance.now();
    const inc = await writeCheckpoint(direct, { env: cpEnv, maxBreaks: 1000 });
    const incMs = Math.round(performance.now() - t5);
    const t6 = performance.now();
    const idle = await writeCheckpoint(direct, { env: cpEnv, maxBreaks: 1000 });
    const idleMs = Math.round(performance.now() - t6);
    const hourly = {
      kind: inc.kind, ms: incMs, dossiers: inc.verification.dossiers, entries: inc.verification.entries, broken: inc.verification.broken,
      idleMs, idleKind: idle.kind, idleWritten: idle.file !== null,
    };
    log(`hourly checkpoint (${inc.kind}): ${incMs} ms for ${inc.verification.dossiers} dossiers, ${inc.verification.entries} new entries; with nothing new ${idleMs} ms`);
    await direct.destroy();
    await server.stop();
    server = undefined;

    // The SQL each view sends, and its plans.
    const capture = path.join(dir, 'capture.jsonl');
    server = await startBenchServer(root, url2, path.join(dir, 'server'), { ...serverEnv, XASO_CAPTURE_FILE: capture }, path.join(root, 'bench/capture-hook.ts'));
    // This start's checkpoint continues the first one's: incremental, it reads only what the measurements added.
    const secondCheckpointSeconds = await waitForCheckpoint(url2);
    const secondCheckpointPeakMb = peakMemoryMb(server.process.pid);
    log(`second start-up checkpoint (incremental): ${secondCheckpointSeconds} s; server process peak memory ${secondCheckpointPeakMb} MB`);
    const c2 = {
      leader: await login(server.http, username(one, 'chutich')), desk: await login(server.http, username(one, 'motcua')),
      province: await login(server.http, VIEWER),
    };
    const byCookie = new Map([[cookies.leader, c2.leader], [cookies.desk, c2.desk], [cookies.province, c2.province]]);
    const captured = await captureViews(server.http, capture, views.map((v) => ({ ...v, cookie: v.cookie ? byCookie.get(v.cookie) : undefined })));
    await server.stop();
    server = undefined;
    const explained = await explainAll(url2, captured);

    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, postgres: process.env.DATABASE_URL ? 'DATABASE_URL' : `embedded, shared_buffers ${SHARED_BUFFERS}` },
      dossiers: DOSSIERS, communes: COMMUNES, months: MONTHS,
      load: { seconds: loadSeconds, dossiersSeconds: gen.seconds, dossiersPerSecond: gen.perSecond, indexSeconds, vacuumSeconds, rollupSeconds },
      sizes: size, bytesPerDossier: Math.round(size.database.bytes / DOSSIERS),
      startupCheckpoint: { seconds: checkpointSeconds, serverPeakMemoryMb: checkpointPeakMb },
      secondCheckpoint: { seconds: secondCheckpointSeconds, serverPeakMemoryMb: secondCheckpointPeakMb },
      hourlyCheckpoint: hourly,
      intake, lookup, views: timings, uncached,
      statementsPerView: Object.fromEntries(explained.map((e) => [e.view, e.statements])),
      totalSeconds: secsSince(started),
    };
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/province.json'), JSON.stringify(result, null, 2));
    fs.writeFileSync(path.join(root, 'bench-results/province-explain.md'),
      `# Plans of the views' SQL, ${DOSSIERS.toLocaleString('en')} dossiers, ${result.when}\n\n${plansMarkdown(explained)}`);
    console.log(JSON.stringify(result, null, 2));
    log(`total ${result.totalSeconds} s; bench-results/province.json, bench-results/province-explain.md`);
  } finally {
    await cleanup();
  }
}

await main();
