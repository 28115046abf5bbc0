// The province's figures, province-wide (SQL edge; issue 16, scale): one statement per kind of figure for every
// commune at once, grouped by commune, instead of the same small queries per commune (docs/benchmarks-province.md).
// Each reads what the per-commune reads read (indicators/rollup-store.ts, ratings/store.ts, petitions/store.ts,
// indicators/store.ts, sync/measure-store.ts, sync/reconcile-store.ts), with `commune_id = ANY(…)`; service.ts turns
// the rows into the same figures (test/province/set-based.db.test.ts compares both ways).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { FACTS_COLUMNS, type FactsRow } from '../indicators/rollup-store.ts';
import type { Month } from '../indicators/core/rollup.ts';
import type { Period } from '../indicators/core/progress.ts';

type Db = Kysely<Database>;

/** The communes among `ids` whose rollup is built. */
export async function builtRollups(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('indicator_rollup_built').select('commune_id').where('commune_id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.commune_id));
}

export interface RollupSum {
  commune_id: string;
  /** null: every field; else one of the fields asked. */
  field_code: string | null;
  kind: string;
  label: string;
  complained: boolean;
  n: number;
}

/**
 * The stored rollup entries that count for the months first…last without the report (rollup.ts sumEntries: the
 * counts of the months, the 'final' entries of the months received by the end, the 'open' entries of the last
 * month), summed by commune — and, for `fields`, by commune and field. Read from the rollup already summed over unit,
 * procedure and channel (indicator_rollup_commune, migration 052; kept equal to the fine rollup by
 * indicators/rollup-store.ts): the commune's own totals from its rows over every field (field_code '*', migration
 * 055), the fields asked from theirs, so a year reads a fifth of the rows (docs/benchmarks-province.md).
 */
export async function rollupSums(db: Db, ids: readonly string[], first: Month, last: Month, fields: readonly string[]): Promise<RollupSum[]> {
  if (!ids.length) return [];
  const r = await sql<RollupSum>`
    SELECT r.commune_id, nullif(r.field_code, '*') AS field_code, r.kind, r.label, r.complained, sum(r.n)::int AS n
      FROM indicator_rollup_commune r
     WHERE r.commune_id = ANY(${[...ids]}::text[]) AND r.month >= ${first} AND r.month <= ${last}
       AND r.field_code = ANY(${['*', ...fields]}::text[])
       AND (r.kind = 'count' OR (r.kind = 'final' AND r.received_month <= ${last}) OR (r.kind = 'open' AND r.month = ${last}))
     GROUP BY r.commune_id, r.field_code, r.kind, r.label, r.complained`.execute(db);
  return r.rows;
}

/** The communes' dossiers not finished yet and received before `end` (read live, as rollup-store.ts liveEntries). */
export async function unfinishedFacts(db: Db, ids: readonly string[], end: Date): Promise<FactsRow[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('indicator_facts as f').select(FACTS_COLUMNS.map((c) => `f.${c}` as const))
    .where('f.commune_id', 'in', [...ids]).where('f.finished_at', 'is', null).where('f.received_at', '<', end)
    .execute();
  return rows as FactsRow[];
}

/** The ratings given in [start, end), by commune and overall answer (ratings.commune_id, migration 050). */
export async function ratingsByCommune(db: Db, ids: readonly string[], start: Date, end: Date) {
  if (!ids.length) return [];
  return db.selectFrom('ratings as r')
    .select(['r.commune_id', 'r.overall', sql<number>`count(*)::int`.as('n')])
    .where('r.commune_id', 'in', [...ids]).where('r.created_at', '>=', start).where('r.created_at', '<', end)
    .groupBy(['r.commune_id', 'r.overall']).execute();
}

/** The procedures with an online payment settled in the period, by commune (indicators/store.ts proceduresPaidOnline). */
export async function paidOnlineByCommune(db: Db, ids: readonly string[], p: Period) {
  if (!ids.length) return [];
  return db.selectFrom('payment_orders as o')
    .innerJoin('payment_entries as e', (j) => j.onRef('e.order_ref', '=', 'o.ref').on('e.kind', '=', 'paid'))
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select(['o.commune_id', 'd.procedure_code']).distinct()
    .where('o.commune_id', 'in', [...ids]).where('o.method', '=', 'online')
    .where('e.at', '>=', p.start).where('e.at', '<', p.end)
    .execute();
}

/** The procedures with a finished dossier received in the months whose facts hold `count`, by commune, from the
 *  rollup's 'count' entries (the unfinished ones are read live: unfinishedFacts). */
export async function proceduresCountedByCommune(db: Db, ids: readonly string[], first: Month, last: Month, count: string) {
  if (!ids.length) return [];
  const r = await sql<{ commune_id: string; procedure_code: string }>`
    SELECT DISTINCT commune_id, procedure_code FROM indicator_rollup
     WHERE commune_id = ANY(${[...ids]}::text[]) AND month >= ${first} AND month <= ${last} AND kind = 'count' AND label = ${count}`.execute(db);
  return r.rows;
}

/** The dossiers received in the period that the national portal acknowledged, by commune (sync/measure-store.ts). */
export async function syncedByCommune(db: Db, ids: readonly string[], p: Period) {
  if (!ids.length) return [];
  return db.selectFrom('dossier_sync as ds').innerJoin('indicator_facts as f', 'f.dossier_id', 'ds.dossier_id')
    .select(['f.commune_id', sql<number>`count(*)::int`.as('n')])
    .where('ds.created_acked_at', 'is not', null)
    .where('f.commune_id', 'in', [...ids]).where('f.received_at', '>=', p.start).where('f.received_at', '<', p.end)
    .groupBy('f.commune_id').execute();
}

/** Each commune's latest completed reconciliation with the portal (sync/reconcile-store.ts latestReconciliation). */
export function latestReconciliations(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('sync_reconciliations').selectAll().where('commune_id', 'in', [...ids]).where('status', '=', 'done')
    .distinctOn('commune_id').orderBy('commune_id').orderBy('id', 'desc').execute();
}

/** The petitions in scope of the period, by commune (petitions/store.ts petitionFactsOf: received in the period, or
 *  before it and still open at its start), with their reactions up to `asOf`. */
export async function petitionFactsByCommune(db: Db, ids: readonly string[], start: Date, end: Date, asOf: Date) {
  if (!ids.length) return [];
  return db.selectFrom('petitions as p')
    .select(['p.commune_id', 'p.received_at', 'p.refused_at', 'p.asked_more_at', 'p.answered_at', 'p.published_at', 'p.repeated_dissatisfied',
      sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'like' AND r.at <= ${asOf})`.as('likes'),
      sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'dislike' AND r.at <= ${asOf})`.as('dislikes')])
    .where('p.commune_id', 'in', [...ids])
    .where('p.received_at', '<', end)
    .where((eb) => eb.or([
      eb('p.received_at', '>=', start),
      eb.and([eb.or([eb('p.refused_at', 'is', null), eb('p.refused_at', '>=', start)]), eb.or([eb('p.published_at', 'is', null), eb('p.published_at', '>=', start)])]),
    ]))
    .execute();
}
