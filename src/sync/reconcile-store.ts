// The reconciliation's SQL edge (migration 041 sync_reconciliations): our counts per day of receipt and status, the
// daily run's claim (one per commune and day, whoever inserts first runs it: a restart or a second server does not),
// a run asked for on the screen, its result, the latest one of a commune. Scoped to one commune, on
// dossiers_commune_received (commune_id, received_at) and sync_reconciliations_latest.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CountDifference, DayCount } from './tables.ts';

type Db = Kysely<Database>;

/** Our dossiers received on days `from`…`to` (yyyy-MM-dd, Vietnam time), per day and current status. */
export async function ourCounts(db: Db, communeId: string, from: string, to: string): Promise<DayCount[]> {
  const r = await sql<{ day: string; status: number; n: number }>`
    SELECT to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, state AS status, count(*)::int AS n
    FROM dossiers
    WHERE commune_id = ${communeId}
      AND received_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
      AND received_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
    GROUP BY 1, 2`.execute(db);
  return r.rows;
}

export async function communeIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('communes').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** Claims the commune's daily run for `runDay`: a new row, or one whose run failed or stalled before `retryBefore`.
 *  Undefined when another run has it. */
export async function claimDaily(db: Db, r: { communeId: string; runDay: string; from: string; to: string; now: Date; retryBefore: Date }) {
  const row = await sql<{ id: string }>`
    INSERT INTO sync_reconciliations AS s (commune_id, kind, run_day, from_day, to_day, ran_at)
    VALUES (${r.communeId}, 'daily', ${r.runDay}, ${r.from}, ${r.to}, ${r.now})
    ON CONFLICT (commune_id, run_day) WHERE kind = 'daily' DO UPDATE SET status = 'running', ran_at = EXCLUDED.ran_at, error = NULL
      WHERE s.status IN ('error', 'running') AND s.ran_at < ${r.retryBefore}
    RETURNING id::text`.execute(db);
  return row.rows[0]?.id;
}

export async function insertManual(db: Db, r: { communeId: string; runDay: string; from: string; to: string; now: Date; staffId: number | null }) {
  const row = await db.insertInto('sync_reconciliations')
    .values({ commune_id: r.communeId, kind: 'manual', run_day: r.runDay, from_day: r.from, to_day: r.to, ran_at: r.now, ran_by: r.staffId })
    .returning(sql<string>`id::text`.as('id')).executeTakeFirstOrThrow();
  return row.id;
}

export async function finishReconciliation(db: Db, id: string, r: { ours: number; portal: number; portalCounts: DayCount[]; differences: CountDifference[] }) {
  await db.updateTable('sync_reconciliations')
    .set({ status: 'done', ours_total: r.ours, portal_total: r.portal, portal_counts: JSON.stringify(r.portalCounts), differences: JSON.stringify(r.differences), error: null })
    .where('id', '=', id).execute();
}

export async function failReconciliation(db: Db, id: string, error: string) {
  await db.updateTable('sync_reconciliations').set({ status: 'error', error: error.slice(0, 500) }).where('id', '=', id).execute();
}

/** The commune's latest reconciliation (done or not), and its latest completed one. */
export async function latestReconciliation(db: Db, communeId: string, onlyDone = false) {
  let q = db.selectFrom('sync_reconciliations').selectAll().where('commune_id', '=', communeId);
  if (onlyDone) q = q.where('status', '=', 'done');
  return q.orderBy('id', 'desc').limit(1).executeTakeFirst();
}
export type ReconciliationRow = NonNullable<Awaited<ReturnType<typeof latestReconciliation>>>;
