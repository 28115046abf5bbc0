// Ratings: one per dossier (PK dossier_id), given only once the dossier has a result, changeable for
// EDIT_WINDOW_DAYS after it was first given. SQL edge; the rules' constants are in criteria.ts; saving a rating
// (with the indicator facts it moves, in one transaction) is service.ts's.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { EDIT_WINDOW_DAYS, RATABLE_STATES, parseCriteria, isOverall, type Criteria, type Overall, type RatingInput } from './core/criteria.ts';

type Db = Kysely<Database>;
export type RatingChannel = 'portal' | 'qr' | 'kiosk' | 'sms';

export interface StoredRating {
  overall: Overall;
  criteria: Criteria;
  comment: string | null;
  channel: RatingChannel;
  createdAt: Date;
  updatedAt: Date;
  /** Until when it can still be changed. */
  editableUntil: Date;
}

const DAY_MS = 86_400_000;
export const editableUntil = (createdAt: Date) => new Date(createdAt.getTime() + EDIT_WINDOW_DAYS * DAY_MS);

export async function ratingOf(db: Db, dossierId: string): Promise<StoredRating | null> {
  const r = await db.selectFrom('ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
  if (!r) return null;
  return {
    overall: isOverall(r.overall) ? r.overall : 'satisfied',
    criteria: parseCriteria(r.criteria ?? {}),
    comment: r.comment,
    channel: r.channel,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    editableUntil: editableUntil(r.created_at),
  };
}

export type SaveResult =
  | { ok: true; created: boolean }
  | { ok: false; reason: 'no_dossier' | 'not_ratable' | 'locked' };

/**
 * Records or changes the rating of a dossier, inside the caller's transaction (service.ts's saveRating, which also
 * refreshes the dossier's indicator facts). One statement decides between insert and update, so two concurrent
 * first ratings cannot both insert; a change after the window updates nothing ('locked').
 */
export async function writeRating(trx: Db, dossierId: string, input: RatingInput, now: Date, channel: RatingChannel): Promise<SaveResult> {
  const d = await trx.selectFrom('dossiers').select('state').where('id', '=', dossierId).forShare().executeTakeFirst();
  if (!d) return { ok: false, reason: 'no_dossier' } as const;
  if (!RATABLE_STATES.includes(d.state)) return { ok: false, reason: 'not_ratable' } as const;
  const cutoff = new Date(now.getTime() - EDIT_WINDOW_DAYS * DAY_MS);
  const values = {
    overall: input.overall,
    criteria: JSON.stringify(input.criteria),
    comment: input.comment,
    channel,
    updated_at: now,
  };
  const r = await trx
    .insertInto('ratings')
    .values({ dossier_id: dossierId, ...values, created_at: now })
    .onConflict((oc) => oc.column('dossier_id').doUpdateSet(values).where('ratings.created_at', '>', cutoff))
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirst();
  if (!r) return { ok: false, reason: 'locked' } as const;
  return { ok: true, created: r.inserted } as const;
}

export interface RatingSummary {
  very_satisfied: number;
  satisfied: number;
  dissatisfied: number;
  total: number;
}

/** The ratings given in [start, end) to the commune's dossiers, counted by overall answer (the public page). */
export async function ratingSummary(db: Db, communeId: string, start: Date, end: Date): Promise<RatingSummary> {
  // The commune's ratings of the period: one range of ratings_commune_created (migration 050), index-only.
  const rows = await db
    .selectFrom('ratings as r')
    .select(['r.overall', sql<number>`count(*)::int`.as('n')])
    .where('r.commune_id', '=', communeId).where('r.created_at', '>=', start).where('r.created_at', '<', end)
    .groupBy('r.overall').execute();
  const s: RatingSummary = { very_satisfied: 0, satisfied: 0, dissatisfied: 0, total: 0 };
  for (const r of rows) {
    s[r.overall as keyof Omit<RatingSummary, 'total'>] = r.n;
    s.total += r.n;
  }
  return s;
}

/** A rating given in the period, with the units its dossier was at (dossier_units: receiving and processing). */
export interface RatingOfUnits {
  criteria: Criteria;
  units: { code: string; name: string }[];
}

/** The ratings given in [start, end) to the commune's dossiers, each with the units of the commune its dossier was at
 *  (the quarterly evaluation per unit, core/scores.ts). */
export async function ratingsWithUnits(db: Db, communeId: string, start: Date, end: Date): Promise<RatingOfUnits[]> {
  const rows = await db
    .selectFrom('ratings as r')
    .leftJoin('dossier_units as du', 'du.dossier_id', 'r.dossier_id')
    .leftJoin('units as u', (j) => j.onRef('u.id', '=', 'du.unit_id').on('u.commune_id', '=', communeId))
    .select([
      'r.dossier_id', 'r.criteria',
      sql<{ code: string; name: string }[]>`coalesce(json_agg(json_build_object('code', u.code, 'name', u.name) ORDER BY u.code) FILTER (WHERE u.id IS NOT NULL), '[]')`.as('units'),
    ])
    .where('r.commune_id', '=', communeId).where('r.created_at', '>=', start).where('r.created_at', '<', end)
    .groupBy(['r.dossier_id', 'r.criteria'])
    .execute();
  return rows.map((r) => ({ criteria: parseCriteria((r.criteria ?? {}) as Record<string, unknown>), units: r.units }));
}
