// The province level's reads (SQL): the communes of a province, their dossiers late now, a commune's late dossiers
// for the drill-down (no applicant data: code, procedure, state, unit, due time), and the onboarding page's counts.
// Every query names its communes explicitly; the province is always the caller's commune's (service.ts).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** States whose statutory clock runs, so that a due time can be missed now (web/staff/common.tsx dueLabel). */
export const RUNNING_STATES = [2, 4, 6] as const;

/** The province of a commune (undefined for an unknown commune). */
export async function provinceOf(db: Db, communeId: string): Promise<string | undefined> {
  return (await db.selectFrom('communes').select('province').where('id', '=', communeId).executeTakeFirst())?.province;
}

/** Every province that has a commune. */
export async function provinceNames(db: Db): Promise<string[]> {
  return (await db.selectFrom('communes').select('province').distinct().orderBy('province').execute()).map((r) => r.province);
}

/** The communes of a province, by name. */
export function communesOf(db: Db, province: string) {
  return db.selectFrom('communes').select(['id', 'name']).where('province', '=', province).orderBy('name').orderBy('id').execute();
}

/** For each commune: its dossiers whose clock runs and whose due time is before `now` (one indexed query:
 *  dossiers_inbox (commune_id, state, due_at)). */
export async function lateNowCounts(db: Db, communeIds: readonly string[], now: Date): Promise<Map<string, number>> {
  if (!communeIds.length) return new Map();
  const rows = await db.selectFrom('dossiers')
    .select(['commune_id', sql<number>`count(*)::int`.as('n')])
    .where('commune_id', 'in', [...communeIds]).where('state', 'in', [...RUNNING_STATES]).where('due_at', '<', now)
    .groupBy('commune_id').execute();
  return new Map(rows.map((r) => [r.commune_id, r.n]));
}

export interface LateCursor { dueAt: Date; id: string }

/** A commune's late dossiers, the longest overdue first, `limit` at a time after `after` (keyset on due_at, id).
 *  Only what the province needs to follow them up: never the applicant's name, ID number or contact. */
export function lateDossiers(db: Db, communeId: string, now: Date, limit: number, after?: LateCursor) {
  let q = db.selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .leftJoin('units as u', 'u.id', 'd.current_unit_id')
    .select(['d.id', 'd.code', 'd.reference', 'd.procedure_code', 'p.name as procedure_name', 'd.state', 'u.name as unit_name', 'd.due_at', 'd.received_at'])
    .where('d.commune_id', '=', communeId).where('d.state', 'in', [...RUNNING_STATES]).where('d.due_at', '<', now);
  if (after) q = q.where(sql<boolean>`(d.due_at, d.id) > (${after.dueAt}, ${after.id}::uuid)`);
  return q.orderBy('d.due_at').orderBy('d.id').limit(limit).execute();
}
export type LateDossier = Awaited<ReturnType<typeof lateDossiers>>[number];

/** The communes of a province with their units, staff and dossiers counted (the province's commune page). */
export function communeCounts(db: Db, province: string) {
  return db.selectFrom('communes as c')
    .select((eb) => [
      'c.id', 'c.name', 'c.agency_code as agencyCode', 'c.agency_code_is_demo as agencyCodeIsDemo',
      eb.selectFrom('units as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.commune_id', '=', 'c.id').as('units'),
      eb.selectFrom('staff as s').select(sql<number>`count(*)::int`.as('n')).whereRef('s.commune_id', '=', 'c.id').where('s.active', '=', true).as('staff'),
      eb.selectFrom('dossiers as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.commune_id', '=', 'c.id').as('dossiers'),
    ])
    .where('c.province', '=', province).orderBy('c.name').orderBy('c.id').execute();
}
