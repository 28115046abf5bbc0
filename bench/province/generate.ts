// The province's five years of dossiers, written set-based: one month at a time, a staging table filled by one
// INSERT … SELECT over generate_series (every random choice of the month's dossiers), then one INSERT … SELECT per
// table from it: dossiers, their log entries (dossier_events), the units they were at (dossier_units), their indicator
// facts (indicator_facts, counts by countsOf()'s rules written in SQL as bench/indicators.ts does) and the ratings of a
// share of the returned ones. Never row by row, never through the service.
//
// Not valid on purpose: the hash chains (hash = md5(id, seq), prev_hash the previous one's; `xaso verify` would
// report every benchmark dossier), the projections (a few keys), payloads (empty). The views measured read columns,
// facts and the rollup, not those.
//
// The mix: 92 % finished on time, 8 % late; dossiers whose finishing time has not come yet are open (state 2 until
// assigned, then 4); 0.2 % never finish (open and late now); a finished dossier is returned within two days (state 10)
// or waits (state 9). 10 % of the dossiers of procedures receivable anywhere (about 3 % of all) were received by
// another commune of the province and transferred (receiving_commune_id ≠ commune_id). Codes: the receiving centre's
// prefix and the receipt day, sequence 5000 + the dossier's rank in its commune's month (the live counter starts at 1,
// so intakes today never collide), or 100000 + 5000 × the holding commune + rank for a transferred one. Online for
// about half of the dossiers of procedures eligible for it.
import type pg from 'pg';
import type { Organisation } from './organisation.ts';

export interface Procedure { code: string; field: string; elig: boolean; paper: boolean; fee: boolean; anywhere: boolean }

export async function procedures(c: pg.Client): Promise<Procedure[]> {
  const rows = (await c.query<{ code: string; field_code: string; flags: Record<string, boolean> }>(
    `SELECT code, field_code, data -> 'flags' AS flags FROM procedures WHERE version = 1 ORDER BY code`)).rows;
  return rows.map((r) => ({
    code: r.code, field: r.field_code, elig: !!r.flags.eligibleFullOnline, paper: !!r.flags.returnsPaperResult,
    fee: !!r.flags.hasFee, anywhere: !!r.flags.receivableAnywhereInProvince,
  }));
}

const BIG_TABLES = ['dossiers', 'dossier_events', 'dossier_units', 'indicator_facts', 'ratings'];

/** The plain (not constraint-backed) indexes of the big tables, dropped for the load and built again after it. */
export async function dropLoadIndexes(c: pg.Client): Promise<{ name: string; def: string }[]> {
  const defs = (await c.query<{ name: string; def: string }>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i WHERE i.indrelid = ANY ($1::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, [BIG_TABLES])).rows;
  for (const d of defs) await c.query(`DROP INDEX ${d.name}`);
  return defs;
}

export async function rebuildIndexes(c: pg.Client, defs: { name: string; def: string }[], log: (s: string) => void) {
  for (const d of defs) {
    const t0 = performance.now();
    await c.query(d.def);
    log(`  index ${d.name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
}

const stage = (t: string) => `CREATE UNLOGGED TABLE IF NOT EXISTS ${t} (
  g bigint, id uuid, c int, rc int, commune text, receiving text, code text, ref text, proc text, field text, unit_code text,
  proc_unit bigint, specialist bigint, channel text, state smallint, rec timestamptz, due timestamptz, assign_at timestamptz,
  finish timestamptz, returned timestamptz, reached int, online int, elig boolean, paper boolean, fee boolean, eid boolean,
  u1 float8, u2 float8, u3 float8)`;

/** Fills the staging table with `n` dossiers received between `from` and `to` (global numbers g0 … g0+n−1). */
function fill(c: pg.Client, t: string, org: Organisation, procs: Procedure[], from: Date, to: Date, n: number, g0: number, now: Date) {
  const C = org.ids.length;
  return c.query(`
    INSERT INTO ${t}
    WITH s AS (
      SELECT i, (i % $4::int) + 1 AS c, i / $4::int AS k, random() AS ua, random() AS ub, random() AS uc, random() AS ud,
             random() AS ue, random() AS uf, random() AS ug, 1 + floor(random() * array_length($10::text[], 1))::int AS p
        FROM generate_series(0, $3::int - 1) AS i
    ), t AS (
      SELECT s.*, $5::bigint + s.i AS g,
             $1::timestamptz + ((s.k + s.ua) / ceil($3::numeric / $4)) * ($2::timestamptz - $1::timestamptz) AS rec,
             ($10::text[])[s.p] AS proc, ($11::text[])[s.p] AS field, ($12::boolean[])[s.p] AS elig,
             ($13::boolean[])[s.p] AS paper, ($14::boolean[])[s.p] AS fee,
             CASE WHEN ($15::boolean[])[s.p] AND s.uf < 0.1 THEN ((s.c - 1 + 1 + floor(s.ug * ($4 - 1))::int) % $4) + 1 ELSE s.c END AS rc
        FROM s
    ), d AS (
      SELECT t.*, CASE t.field WHEN 'CHUNGTHUC' THEN interval '1 day' WHEN 'HOTICH' THEN interval '3 days'
                              WHEN 'DATDAI' THEN interval '15 days' WHEN 'XAYDUNG' THEN interval '12 days' ELSE interval '5 days' END AS dur,
             t.field IN ('DATDAI', 'XAYDUNG', 'DKKD') AS kt,
             CASE WHEN t.elig AND t.ub < 0.5 THEN 'online' WHEN t.ub > 0.98 THEN 'postal' ELSE 'direct' END AS channel
        FROM t
    ), e AS (
      SELECT d.*, d.rec + d.dur AS due, d.rec + d.dur * 0.05 AS assign_at,
             CASE WHEN d.ud < 0.002 THEN NULL
                  WHEN d.uc < 0.92 THEN d.rec + d.dur * (0.15 + 0.8 * d.ue)
                  ELSE d.rec + d.dur * (1.05 + 1.5 * d.ue) END AS fin
        FROM d
    ), f AS (
      SELECT e.*, CASE WHEN e.fin IS NULL OR e.fin > $6 THEN NULL ELSE e.fin END AS finish,
             CASE WHEN e.fin IS NULL OR e.fin > $6 THEN NULL ELSE e.fin + interval '2 days' * e.ua END AS ret
        FROM e
    )
    SELECT f.g, gen_random_uuid(), f.c, f.rc, ($7::text[])[f.c], ($7::text[])[f.rc],
           ($8::text[])[f.rc] || '-' || to_char(f.rec AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || CASE WHEN f.rc = f.c THEN lpad((5000 + f.k)::text, 4, '0') ELSE (100000 + f.c * 5000 + f.k)::text END,
           'HS-' || (SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + ((f.g >> (5 * b)) & 31)::int, 1), '' ORDER BY b DESC)
                       FROM generate_series(0, 7) b WHERE b >= 4)
                 || '-' ||
                 (SELECT string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 1 + ((f.g >> (5 * b)) & 31)::int, 1), '' ORDER BY b DESC)
                       FROM generate_series(0, 3) b),
           f.proc, f.field, CASE WHEN f.kt THEN 'KT' ELSE 'VHXH' END,
           CASE WHEN f.kt THEN ($9::bigint[])[f.c * 2] ELSE ($9::bigint[])[f.c * 2 - 1] END,
           CASE WHEN f.kt THEN ($16::bigint[])[f.c * 2] ELSE ($16::bigint[])[f.c * 2 - 1] END,
           f.channel,
           CASE WHEN f.finish IS NULL THEN (CASE WHEN f.assign_at > $6 THEN 2 ELSE 4 END)
                WHEN f.ret > $6 THEN 9 ELSE 10 END,
           f.rec, f.due, f.assign_at, f.finish, CASE WHEN f.ret > $6 THEN NULL ELSE f.ret END,
           CASE WHEN f.finish IS NULL THEN (CASE WHEN f.assign_at > $6 THEN 1 ELSE 2 END) WHEN f.ret > $6 THEN 6 ELSE 7 END,
           (f.channel = 'online')::int, f.elig, f.paper, f.fee, f.channel = 'online' AND f.ue < 0.7, f.ua, f.ub, f.ug
      FROM f`,
  [from, to, n, C, g0, now, org.ids, org.agencies,
    org.vhxh.flatMap((v, i) => [v, org.kt[i]!]),
    procs.map((p) => p.code), procs.map((p) => p.field), procs.map((p) => p.elig), procs.map((p) => p.paper), procs.map((p) => p.fee),
    procs.map((p) => p.anywhere),
    org.hotich.flatMap((v, i) => [v, org.diachinh[i]!])]);
}

/** The partition of a staged dossier's log (migration 049): the month of its first entry, the online submission an hour
 *  before the receipt, else the receipt. The same expression on the dossier and on each entry. */
const FIRST_MONTH = `xaso_month(CASE WHEN s.online = 1 THEN s.rec - interval '1 hour' ELSE s.rec END)`;

/** Moves the staging table's dossiers into the real tables. */
async function store(c: pg.Client, t: string, org: Organisation, now: Date) {
  await c.query(`
    INSERT INTO dossiers (id, commune_id, receiving_commune_id, code, reference, procedure_code, procedure_version, channel, state,
      applicant_name, applicant, applicant_id_number, receiving_unit_id, competent_authority, current_unit_id, assignee_id,
      submitted_at, received_at, due_at, original_due_at, finished_at, returned_at, authenticated_with_eid, projection,
      event_count, last_hash, support_point_id, created_at, updated_at, dossier_month)
    SELECT s.id, s.commune, s.receiving, s.code, s.ref, s.proc, 1, s.channel, s.state,
           'Người dân ' || s.g, '{}'::jsonb, lpad((100000000000 + s.g)::text, 12, '0'), ($1::bigint[])[s.rc],
           'Ủy ban nhân dân cấp xã', CASE WHEN s.state = 4 THEN s.proc_unit ELSE ($1::bigint[])[s.c] END,
           CASE WHEN s.state = 4 THEN s.specialist END,
           CASE WHEN s.online = 1 THEN s.rec - interval '1 hour' ELSE s.rec END, s.rec, s.due, s.due, s.finish, s.returned, s.eid,
           jsonb_build_object('state', s.state, 'version', s.reached + s.online, 'receivingUnitCode', 'TTPVHCC',
             'currentUnitCode', CASE WHEN s.state = 4 THEN s.unit_code ELSE 'TTPVHCC' END),
           s.reached + s.online, md5(s.id::text || (s.reached + s.online)), ($2::bigint[])[s.rc],
           s.rec, coalesce(s.returned, s.finish, s.rec), ${FIRST_MONTH}
      FROM ${t} s`, [org.desk, org.point]);
  // The log: submit_online (online only), receipt, assignment, proposal, submission for signature, approval, issue,
  // return — as far as the dossier got (`reached`); seq counts from 1 without gaps.
  await c.query(`
    INSERT INTO dossier_events (dossier_id, seq, action, from_state, to_state, actor_id, actor_role, actor_unit, at, payload, changes,
      prev_hash, hash, recorded_at, dossier_month)
    SELECT s.id, v.step + s.online, v.action, v.from_state, v.to_state, v.actor, v.role, v.unit, v.at, '{}'::jsonb, '{}'::jsonb,
           CASE WHEN v.step + s.online > 1 THEN md5(s.id::text || (v.step + s.online - 1)) END, md5(s.id::text || (v.step + s.online)), v.at,
           ${FIRST_MONTH}
      FROM ${t} s CROSS JOIN LATERAL (VALUES
        (0, 'submit_online', NULL::smallint, 1::smallint, 'citizen', 'citizen', NULL::text, s.rec - interval '1 hour'),
        (1, CASE WHEN s.online = 1 THEN 'receive_online' ELSE 'receive_counter' END, CASE WHEN s.online = 1 THEN 1::smallint END, 2::smallint,
            (($1::bigint[])[s.rc])::text, 'receiving_officer', 'TTPVHCC', s.rec),
        (2, 'assign', 2::smallint, 4::smallint, (($1::bigint[])[s.c])::text, 'receiving_officer', 'TTPVHCC', s.assign_at),
        (3, 'propose_result', 4::smallint, 4::smallint, s.specialist::text, 'specialist', s.unit_code, s.rec + (s.finish - s.rec) * 0.6),
        (4, 'submit_for_signature', 4::smallint, 4::smallint, s.specialist::text, 'specialist', s.unit_code, s.rec + (s.finish - s.rec) * 0.7),
        (5, 'approve', 4::smallint, 4::smallint, (($2::bigint[])[s.c])::text, 'leader', 'VP', s.rec + (s.finish - s.rec) * 0.9),
        (6, 'issue_result', 4::smallint, 9::smallint, s.specialist::text, 'specialist', s.unit_code, s.finish),
        (7, 'return_result', 9::smallint, 10::smallint, (($1::bigint[])[s.c])::text, 'receiving_officer', 'TTPVHCC', s.returned)
      ) AS v(step, action, from_state, to_state, actor, role, unit, at)
     WHERE v.step <= s.reached AND (v.step > 0 OR s.online = 1)`, [org.motcua, org.chutich]);
  await c.query(`
    INSERT INTO dossier_units (unit_id, dossier_id)
    SELECT ($1::bigint[])[s.rc], s.id FROM ${t} s
    UNION ALL SELECT s.proc_unit, s.id FROM ${t} s WHERE s.reached >= 2`, [org.desk]);
  // Facts: countsOf()'s rules in SQL (src/indicators/core/contributions.ts), as bench/indicators.ts writes them.
  await c.query(`
    INSERT INTO indicator_facts (dossier_id, commune_id, unit_code, field_code, procedure_code, channel, received_at, finished_at,
      returned_at, original_due_at, paused_at, supplement_count, late_by_supplement_rule, counts)
    SELECT x.id, x.commune, x.unit_code, x.field, x.proc, x.channel, x.rec, x.finish, x.returned, x.due, NULL, 0, false,
           array_remove(ARRAY['received',
             CASE WHEN x.on_line THEN 'received_online' END,
             CASE WHEN x.elig THEN 'eligible_full_online' END,
             CASE WHEN x.elig AND x.on_line THEN 'full_online' END,
             CASE WHEN x.fee_due THEN 'fee_due' END,
             CASE WHEN x.fee_due AND x.u2 < 0.75 THEN 'paid_online' END,
             CASE WHEN x.paper THEN 'paper_result' END,
             CASE WHEN x.paper AND x.eres THEN 'e_result' END,
             CASE WHEN x.u3 < 0.85 AND (NOT x.paper OR x.eres) THEN 'digitised' END,
             CASE WHEN x.u1 < 0.2 THEN 'reused' END,
             CASE WHEN x.eid THEN 'eid' END,
             CASE WHEN x.u3 > 0.99 THEN 'complained' END]::text[], NULL)
      FROM (SELECT s.*, s.channel = 'online' AND (NOT s.paper OR s.u1 < 0.7) AS on_line, s.fee AND s.u2 < 0.7 AS fee_due,
                   s.u1 < 0.7 AS eres
              FROM ${t} s) x`);
  // Ratings: 30 % of the returned dossiers, given the day after the return (or at it, when that is still to come).
  await c.query(`
    INSERT INTO ratings (dossier_id, overall, criteria, channel, created_at, updated_at)
    SELECT s.id, CASE WHEN s.u2 < 0.6 THEN 'very_satisfied' WHEN s.u2 < 0.95 THEN 'satisfied' ELSE 'dissatisfied' END, '{}'::jsonb,
           CASE WHEN s.u1 < 0.5 THEN 'portal' WHEN s.u1 < 0.8 THEN 'kiosk' ELSE 'qr' END,
           least(s.returned + interval '1 day', $1), least(s.returned + interval '1 day', $1)
      FROM ${t} s WHERE s.state = 10 AND s.u3 < 0.3`, [now]);
}

export interface GenerateResult { dossiers: number; seconds: number; perSecond: number }

/**
 * `total` dossiers received over the `months` months ending `now` (the last month ends at `now`), one month a batch,
 * each client (its own connection and staging table) taking the next month, with a progress line per batch.
 */
export async function generateDossiers(
  clients: pg.Client[], org: Organisation, procs: Procedure[], total: number, months: number, now: Date, log: (s: string) => void,
): Promise<GenerateResult> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1));
  const span = now.getTime() - start.getTime();
  const plan: { from: Date; to: Date; n: number; g0: number }[] = [];
  let planned = 0;
  for (let m = 0; m < months; m++) {
    const from = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
    const to = m === months - 1 ? now : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m + 1, 1));
    const n = m === months - 1 ? total - planned : Math.round((total * (to.getTime() - from.getTime())) / span);
    if (n > 0) plan.push({ from, to, n, g0: planned });
    planned += Math.max(n, 0);
  }
  // Every month's partition of the logs, before the load (each batch then writes its own month's partitions; none
  // lands in DEFAULT). Indexes of the partitioned tables are dropped and rebuilt on the parent (dropLoadIndexes).
  await clients[0]!.query('SELECT xaso_ensure_partitions(3, $1)', [Math.min(120, months + 1)]);
  const t0 = performance.now();
  let done = 0;
  let next = 0;
  await Promise.all(clients.map(async (c, w) => {
    const t = `bench_stage_${w}`;
    await c.query(stage(t));
    for (let i = next++; i < plan.length; i = next++) {
      const b = plan[i]!;
      await c.query(`TRUNCATE ${t}`);
      await c.query('BEGIN');
      await fill(c, t, org, procs, b.from, b.to, b.n, b.g0, now);
      await store(c, t, org, now);
      await c.query('COMMIT');
      done += b.n;
      const secs = (performance.now() - t0) / 1000;
      log(`  ${b.from.toISOString().slice(0, 7)}: ${b.n.toLocaleString('en')} dossiers · ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ` +
        `${Math.round(done / secs).toLocaleString('en')} dossiers/s · ${secs.toFixed(0)} s`);
    }
    await c.query(`DROP TABLE ${t}`);
  }));
  const seconds = (performance.now() - t0) / 1000;
  return { dossiers: done, seconds: Math.round(seconds), perSecond: Math.round(done / seconds) };
}
