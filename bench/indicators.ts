// `npm run bench:indicators` (issue 5 § Speed): the indicator views over ≥ 1,000,000 dossiers, against the embedded
// PostgreSQL, next to a naive full-scan recomputation from `dossiers` measured in the same run.
// Not a test: it prints figures (also as JSON to bench-results/indicators.json). Target on 2 cores: every dashboard
// view ≤ 300 ms. Each view is timed by the monthly rollup (the default path, src/indicators/figures.ts) and, where
// the old path still exists, dossier by dossier from the facts (`via: 'facts'`: the "before"), in the same run.
//
// Data: BENCH_COMMUNES communes (default 20) × their share of BENCH_DOSSIERS (default 1,000,000) dossiers received
// over 2026 (about 150 a working day per commune), written by set-based SQL; each dossier's indicator_facts row has
// counts built with the same rules as countsOf() (src/indicators/core/contributions.ts) from its channel, its
// procedure's flags and random per-dossier facts (no events: the views read facts, not logs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { startEmbedded } from '../src/db/embedded.ts';
import { ensureDatabase, migrateUrl, withDatabase, appPool, kyselyFor } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';
import { index766, report } from '../src/indicators/service.ts';
import { publicFigures } from '../src/indicators/public.ts';
import { openDossiers } from '../src/indicators/workload-store.ts';
import { workCalendarFor } from '../src/calendar/store.ts';
import { periodOf } from '../src/indicators/core/periods.ts';
import { buildRollup } from '../src/indicators/rollup-store.ts';
import { refreshFacts } from '../src/indicators/facts.ts';
import { benchCommunes } from './preload.ts';
import { sortedTimings } from './timing.ts';

const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Procedures of several fields (version 1 only), with their flags read from the catalogue.
const CODES = ['1.001193', '1.000656', '1.004873', '2.000815', '2.000884', 'CT.LOCAL.002', 'DD.LOCAL.001', 'XH.LOCAL.001', 'KD.LOCAL.001', 'HT.LOCAL.004'];

const r1 = (n: number) => Math.round(n * 10) / 10;

const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

/** Median and max of `runs` timings (after one warm-up run, unless `warm` is false: the slow full scans). */
async function time(fn: () => Promise<unknown>, runs = RUNS, warm = true) {
  const t = await sortedTimings(fn, runs, warm ? 1 : 0);
  return { medianMs: r1(t[Math.floor(t.length / 2)]!), maxMs: r1(t.at(-1)!) };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-ind-'));
  const emb = await startEmbedded(dir);
  const url = withDatabase(emb.adminUrl, 'xaso_bench');
  try {
    await ensureDatabase(url);
    await migrateUrl(url);
    const pool = appPool(url, 10);
    const db = kyselyFor(pool);
    await loadShippedData(db, { demo: true });
    const communes = await benchCommunes(db, COMMUNES);
    const per = Math.ceil(DOSSIERS / COMMUNES);
    console.log(`loading ${per * COMMUNES} dossiers and their facts over ${COMMUNES} communes…`);
    const t0 = performance.now();
    for (const c of communes) {
      // Dossiers: received on the days of 2026 (150 a day), 5 % still open, 10 % finished after the original due time.
      await sql`
        INSERT INTO dossiers (id, commune_id, code, procedure_code, procedure_version, channel, state, applicant_name, applicant,
          applicant_id_number, receiving_unit_id, competent_authority, current_unit_id, submitted_at, received_at,
          due_at, original_due_at, finished_at, returned_at, projection, event_count, last_hash)
        SELECT gen_random_uuid(), ${c.id}, ${c.agencyCode} || '-' || to_char(r.day, 'YYMMDD') || '-' || lpad(r.seq::text, 4, '0'),
               (${CODES}::text[])[1 + r.j % ${CODES.length}], 1,
               CASE WHEN (${CODES}::text[])[1 + r.j % ${CODES.length}] IN ('2.000815', '2.000884', 'CT.LOCAL.002', 'DD.LOCAL.001') OR r.u1 < 0.5 THEN 'direct' ELSE 'online' END,
               CASE WHEN r.u2 < 0.05 THEN 4 ELSE 10 END, 'Người dân ' || r.j, '{}'::jsonb, lpad((100000000000 + r.j)::text, 12, '0'),
               ${c.receivingUnitId}, 'Ủy ban nhân dân cấp xã', ${c.receivingUnitId},
               r.rec, r.rec, r.rec + interval '3 days', r.rec + interval '3 days',
               CASE WHEN r.u2 < 0.05 THEN NULL WHEN r.u3 < 0.1 THEN r.rec + interval '5 days' ELSE r.rec + interval '1 day' END,
               CASE WHEN r.u2 < 0.05 THEN NULL WHEN r.u3 < 0.1 THEN r.rec + interval '5 days 2 hours' ELSE r.rec + interval '1 day 2 hours' END,
               '{}'::jsonb, 1, md5(r.j::text)
          FROM (SELECT j, random() AS u1, random() AS u2, random() AS u3, (j % 150) + 1 AS seq,
                       (timestamp '2026-01-01 01:00' + ((j / 150) || ' days')::interval + ((j % 150) * 3 || ' minutes')::interval) AT TIME ZONE 'UTC' AS rec,
                       (date '2026-01-01' + (j / 150)) AS day
                  FROM generate_series(0, ${per - 1}) AS j) r`.execute(db);
      // Facts, with countsOf()'s rules written in SQL (online counts only with an e-result where one is returned…).
      await sql`
        INSERT INTO indicator_facts (dossier_id, commune_id, unit_code, field_code, procedure_code, channel, received_at, finished_at,
          returned_at, original_due_at, paused_at, supplement_count, late_by_supplement_rule, counts)
        SELECT x.id, x.commune_id, 'VHXH', x.field_code, x.procedure_code, x.channel, x.received_at, x.finished_at, x.returned_at,
               x.original_due_at, NULL, 0, false,
               array_remove(ARRAY['received',
                 CASE WHEN x.online THEN 'received_online' END,
                 CASE WHEN x.elig THEN 'eligible_full_online' END,
                 CASE WHEN x.elig AND x.online THEN 'full_online' END,
                 CASE WHEN x.fee THEN 'fee_due' END,
                 CASE WHEN x.fee AND x.paid_online THEN 'paid_online' END,
                 CASE WHEN x.paper THEN 'paper_result' END,
                 CASE WHEN x.paper AND x.eres THEN 'e_result' END,
                 CASE WHEN x.dig AND (NOT x.paper OR x.eres) THEN 'digitised' END,
                 CASE WHEN x.reused THEN 'reused' END,
                 CASE WHEN x.eid THEN 'eid' END,
                 CASE WHEN x.complained THEN 'complained' END]::text[], NULL)
          FROM (SELECT y.*, y.channel = 'online' AND (NOT y.paper OR y.eres) AS online
                  FROM (SELECT d.id, d.commune_id, p.field_code, d.procedure_code, d.channel, d.received_at, d.finished_at, d.returned_at,
                               d.original_due_at, (p.data -> 'flags' ->> 'eligibleFullOnline')::boolean AS elig,
                               (p.data -> 'flags' ->> 'returnsPaperResult')::boolean AS paper,
                               (p.data -> 'flags' ->> 'hasFee')::boolean AND random() < 0.7 AS fee,
                               random() < 0.75 AS paid_online, random() < 0.7 AS eres, random() < 0.85 AS dig, random() < 0.2 AS reused,
                               d.channel = 'online' AND random() < 0.7 AS eid, random() < 0.01 AS complained
                          FROM dossiers d JOIN procedures p ON p.code = d.procedure_code AND p.version = d.procedure_version
                         WHERE d.commune_id = ${c.id}) y) x`.execute(db);
    }
    await sql`ANALYZE`.execute(db);
    const loadSeconds = r1((performance.now() - t0) / 1000);
    console.log(`  done in ${loadSeconds} s`);
    // The facts were written by SQL, not by refreshFacts(): build each commune's monthly rollup from them (what the
    // first view after the upgrade to migration 016 does for a commune).
    const t1 = performance.now();
    for (const c of communes) await buildRollup(db, c.id, true);
    await sql`ANALYZE indicator_rollup`.execute(db);
    const rollupBuildSeconds = r1((performance.now() - t1) / 1000);
    const rollupRows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM indicator_rollup`.execute(db)).rows[0]!.n);
    console.log(`  rollup built in ${rollupBuildSeconds} s (${rollupRows} rows)`);
    const loadBefore = load();

    const commune = communes[0]!.id;
    const year = periodOf({ year: 2026 });
    const month = periodOf({ year: 2026, month: 11 });
    const scope = { communeId: commune };
    const now = new Date('2026-12-01T00:00:00+07:00'); // the figures as read at the bench's date
    const at = { now };
    const facts = { via: 'facts' as const, now };
    const views = {
      'index766, one commune, year': await time(() => index766(db, scope, year, at)),
      'index766, one commune, year (before: dossier by dossier)': await time(() => index766(db, scope, year, facts)),
      'index766, one commune, month': await time(() => index766(db, scope, month, at)),
      'index766, one commune, month (before: dossier by dossier)': await time(() => index766(db, scope, month, facts)),
      'period report, one commune, year': await time(() => report(db, scope, year)),
      'period report, one commune, year (before: dossier by dossier)': await time(() => report(db, scope, year, facts)),
      'public page (year + 12 months), one commune': await time(() => publicFigures(db, commune, { year: 2026 }, now)),
      'staff dashboard (month + open dossiers), one commune': await time(() => Promise.all([
        index766(db, scope, month, at), openDossiers(db, commune), workCalendarFor(db, commune),
      ])),
      'staff dashboard (before: dossier by dossier)': await time(() => Promise.all([
        index766(db, scope, month, facts), openDossiers(db, commune), workCalendarFor(db, commune),
      ])),
      'index766, year, every commune one after another': await time(async () => {
        for (const c of communes) await index766(db, { communeId: c.id }, year, at);
      }),
      'index766, year, every commune (before: dossier by dossier)': await time(async () => {
        for (const c of communes) await index766(db, { communeId: c.id }, year, facts);
      }, 1, false),
      // Naive: the year's received / online / on-time counts of one commune recomputed from `dossiers` and the
      // catalogue, without the facts (what every view would cost without them), and the same for all communes.
      'naive recount from dossiers, one commune, year': await time(() => naive(db, year, commune)),
      'naive recount from dossiers, every commune, year': await time(() => naive(db, year, null), 1, false),
    };
    const loadAfter = load();
    // The cost of keeping the rollup: one change = refreshFacts() (facts + rollup delta) of a finished dossier in
    // its own transaction, for 200 random dossiers of the commune.
    const sample = (await sql<{ id: string }>`SELECT id FROM dossiers WHERE commune_id = ${commune} AND finished_at IS NOT NULL
      ORDER BY md5(id::text) LIMIT 200`.execute(db)).rows.map((r) => r.id);
    const refresh: number[] = [];
    for (const id of sample) {
      const s0 = performance.now();
      await db.transaction().execute((trx) => refreshFacts(trx, id));
      refresh.push(performance.now() - s0);
    }
    refresh.sort((a, b) => a - b);
    const change = { medianMs: r1(refresh[refresh.length >> 1]!), maxMs: r1(refresh.at(-1)!) };
    const total = await sql<{ n: string }>`SELECT count(*) AS n FROM dossiers`.execute(db);
    await db.destroy();
    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, node: process.version, postgres: 'embedded 18' },
      dossiersInDatabase: Number(total.rows[0]!.n),
      communes: COMMUNES,
      loadSeconds,
      rollupBuildSeconds,
      rollupRows,
      loadAverage: { before: loadBefore, after: loadAfter },
      runs: RUNS,
      views,
      'one change (refreshFacts + rollup delta, one transaction)': change,
    };
    console.log(JSON.stringify(result, null, 2));
    for (const [k, v] of Object.entries({ ...views, 'one change (refreshFacts + rollup delta)': change })) console.log(`${k.padEnd(64)} median ${String(v.medianMs).padStart(8)} ms   max ${String(v.maxMs).padStart(8)} ms`);
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/indicators.json'), JSON.stringify(result, null, 2));
  } finally {
    await emb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function naive(db: ReturnType<typeof kyselyFor>, p: { start: Date; end: Date }, communeId: string | null) {
  return sql`
    SELECT d.commune_id, count(*) AS received,
           count(*) FILTER (WHERE d.channel = 'online') AS online,
           count(*) FILTER (WHERE (pr.data -> 'flags' ->> 'eligibleFullOnline')::boolean) AS eligible,
           count(*) FILTER (WHERE d.finished_at IS NOT NULL AND d.finished_at <= d.original_due_at) AS on_time,
           count(*) FILTER (WHERE d.finished_at > d.original_due_at OR (d.finished_at IS NULL AND d.original_due_at < ${p.end})) AS late,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id)) AS with_files
      FROM dossiers d JOIN procedures pr ON pr.code = d.procedure_code AND pr.version = d.procedure_version
     WHERE d.received_at >= ${p.start} AND d.received_at < ${p.end} AND (${communeId}::text IS NULL OR d.commune_id = ${communeId})
     GROUP BY d.commune_id`.execute(db);
}

await main();
