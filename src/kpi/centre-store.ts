// SQL edge of the secondments and the centre comments (migration 024): the centre's units, the secondments, the desk
// steps of officers, the ratings and petitions about the dossiers an officer received or returned, and the comments
// with their append-only step log.
// Every query is scoped to one commune in SQL.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DESK_ACTIONS, RECEIPT_ACTIONS, type Secondment, type CentreContent, type CentreStatus, type CentreStep, type DeskEvent, type DeskPetition, type DeskRating } from './core/centre.ts';
import type { PeriodKey } from './store.ts';

type Db = Kysely<Database>;

/** The units of the commune that receive dossiers: the centre (Trung tâm Phục vụ hành chính công) and its points. */
export async function centreUnits(db: Db, communeId: string) {
  return db.selectFrom('units').select(['id', 'name']).where('commune_id', '=', communeId).where('receives_dossiers', '=', true).orderBy('name').execute();
}

export interface SecondmentRow extends Secondment { id: number; decision: string | null; staffName: string; homeUnitName: string }

/** The commune's secondments overlapping the days [firstDay, endDay) (all of them without days), optionally of one
 *  officer or from one home unit. */
export async function secondments(db: Db, communeId: string, f: { firstDay?: string; endDay?: string; staffId?: number; homeUnitId?: number } = {}): Promise<SecondmentRow[]> {
  let q = db.selectFrom('kpi_secondments as k').innerJoin('staff as s', 's.id', 'k.staff_id').innerJoin('units as u', 'u.id', 'k.home_unit_id')
    .select(['k.id', 'k.staff_id', 'k.home_unit_id', 'k.starts_on', 'k.ends_on', 'k.decision', 's.full_name', 'u.name as unit_name'])
    .where('k.commune_id', '=', communeId);
  if (f.endDay !== undefined) q = q.where('k.starts_on', '<', f.endDay);
  if (f.firstDay !== undefined) { const d = f.firstDay; q = q.where((eb) => eb.or([eb('k.ends_on', 'is', null), eb('k.ends_on', '>=', d)])); }
  if (f.staffId !== undefined) q = q.where('k.staff_id', '=', f.staffId);
  if (f.homeUnitId !== undefined) q = q.where('k.home_unit_id', '=', f.homeUnitId);
  const rows = await q.orderBy('s.full_name').orderBy('k.starts_on', 'desc').execute();
  return rows.map((r) => ({
    id: r.id, staffId: r.staff_id, homeUnitId: r.home_unit_id, startsOn: r.starts_on, endsOn: r.ends_on, decision: r.decision, staffName: r.full_name, homeUnitName: r.unit_name,
  }));
}

/** Records a secondment; the same officer and first day again changes its home unit, last day and decision. */
export async function saveSecondment(db: Db, v: { communeId: string; staffId: number; homeUnitId: number; startsOn: string; endsOn: string | null; decision: string | null; by: number; at: Date }) {
  await db.insertInto('kpi_secondments').values({
    commune_id: v.communeId, staff_id: v.staffId, home_unit_id: v.homeUnitId, starts_on: v.startsOn, ends_on: v.endsOn, decision: v.decision, recorded_by: v.by, recorded_at: v.at,
  }).onConflict((oc) => oc.columns(['staff_id', 'starts_on']).doUpdateSet({
    home_unit_id: v.homeUnitId, ends_on: v.endsOn, decision: v.decision, recorded_by: v.by, recorded_at: v.at,
  })).execute();
}

/** The desk steps (DESK_ACTIONS) of the given officers in [from, to), on dossiers of the commune. */
export async function deskSteps(db: Db, communeId: string, staffIds: readonly number[], from: Date, to: Date): Promise<(DeskEvent & { staffId: number })[]> {
  if (!staffIds.length) return [];
  const rows = await db.selectFrom('dossier_events as e').innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
    .select(['e.actor_id', 'e.dossier_id', 'e.action', 'e.at'])
    // A dossier the desk received and transferred to the competent commune still counts the desk's own steps
    // (location-independent receipt: the officer's KPI follows the officer's actions, not where the dossier went).
    .where((eb) => eb.or([eb('d.commune_id', '=', communeId), eb('d.receiving_commune_id', '=', communeId)]))
    .where('e.actor_id', 'in', staffIds.map(String))
    .where('e.action', 'in', [...DESK_ACTIONS])
    .where('e.at', '>=', from).where('e.at', '<', to)
    .orderBy('e.at').execute();
  return rows.map((r) => ({ staffId: Number(r.actor_id), dossierId: r.dossier_id, action: r.action, at: r.at }));
}

/** Whether the officer received or returned the dossier `d` (correlated condition on `d.id`). */
const handledAtDesk = (staffId: number) => sql<boolean>`EXISTS (SELECT 1 FROM dossier_events x WHERE x.dossier_id = d.id
  AND x.dossier_month = d.dossier_month AND x.actor_id = ${String(staffId)} AND x.action IN (${sql.join([...RECEIPT_ACTIONS, 'return_result'])}))`;

/** Citizens' ratings given in [from, to) of the dossiers of the commune the officer received or returned. */
export async function deskRatings(db: Db, communeId: string, staffId: number, from: Date, to: Date): Promise<DeskRating[]> {
  const rows = await db.selectFrom('ratings as r').innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .select(['r.dossier_id', 'r.overall', 'r.created_at', sql<string | null>`r.criteria ->> 'attitude'`.as('attitude')])
    .where((eb) => eb.or([eb('d.commune_id', '=', communeId), eb('d.receiving_commune_id', '=', communeId)]))
    .where('r.created_at', '>=', from).where('r.created_at', '<', to)
    .where(handledAtDesk(staffId)).execute();
  return rows.map((r) => ({ dossierId: r.dossier_id, overall: r.overall, attitude: r.attitude === null ? null : Number(r.attitude), at: r.created_at }));
}

/** Petitions received in [from, to) about dossiers of the commune the officer received or returned. */
export async function deskPetitions(db: Db, communeId: string, staffId: number, from: Date, to: Date): Promise<DeskPetition[]> {
  const rows = await db.selectFrom('petitions as p').innerJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .select(['p.dossier_id', 'p.received_at'])
    .where('p.commune_id', '=', communeId).where('d.commune_id', '=', communeId)
    .where('p.received_at', '>=', from).where('p.received_at', '<', to)
    .where(handledAtDesk(staffId)).execute();
  return rows.map((r) => ({ dossierId: r.dossier_id!, at: r.received_at }));
}

// ── The comments ─────────────────────────────────────────────────────────────────────────────────────────

const ofPeriod = (communeId: string, p: PeriodKey) => (db: Db) => db.selectFrom('kpi_centre_comments').selectAll()
  .where('commune_id', '=', communeId).where('period_kind', '=', p.kind).where('year', '=', p.year).where('period_no', '=', p.no);

export async function findCentreComment(db: Db, communeId: string, staffId: number, p: PeriodKey, lock = false) {
  const q = ofPeriod(communeId, p)(db).where('staff_id', '=', staffId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}
export type CentreCommentRow = NonNullable<Awaited<ReturnType<typeof findCentreComment>>>;

/** The comments of a period in the commune. */
export async function listCentreComments(db: Db, communeId: string, p: PeriodKey) {
  return ofPeriod(communeId, p)(db).execute();
}

/** Starts the comment on an officer for a period; its id. If a simultaneous first save just started it, that one's id
 *  (ON CONFLICT on the unique key: a no-op update that locks the row and returns it; no duplicate-key error, issue 13). */
export async function createCentreComment(db: Db, v: { communeId: string; staffId: number; homeUnitId: number | null; period: PeriodKey; at: Date }) {
  return db.insertInto('kpi_centre_comments').values({
    commune_id: v.communeId, staff_id: v.staffId, home_unit_id: v.homeUnitId, period_kind: v.period.kind, year: v.period.year, period_no: v.period.no,
    status: 'draft', updated_at: v.at,
  }).onConflict((oc) => oc.columns(['staff_id', 'period_kind', 'year', 'period_no']).doUpdateSet((eb) => ({ updated_at: eb.ref('kpi_centre_comments.updated_at') })))
    .returning('id').executeTakeFirstOrThrow();
}

export async function updateCentreComment(db: Db, id: string, set: {
  content: CentreContent; status: CentreStatus; homeUnitId: number | null; at: Date;
  sent?: { figures: unknown; recipient: string; by: number };
}) {
  const c = set.content;
  await db.updateTable('kpi_centre_comments').set({
    status: set.status, home_unit_id: set.homeUnitId, attitude: c.attitude, discipline: c.discipline, other: c.other, proposed_rating: c.proposedRating,
    updated_at: set.at,
    ...(set.sent ? { figures: JSON.stringify(set.sent.figures), recipient: set.sent.recipient, sent_by: set.sent.by, sent_at: set.at } : {}),
  }).where('id', '=', id).execute();
}

export async function logCentreStep(db: Db, commentId: string, step: CentreStep, actorId: number, at: Date, data: unknown) {
  await db.insertInto('kpi_centre_comment_steps').values({ comment_id: commentId, step, actor_id: actorId, at, data: JSON.stringify(data) }).execute();
}

export async function centreStepsOf(db: Db, commentId: string) {
  return db.selectFrom('kpi_centre_comment_steps as k').innerJoin('staff as s', 's.id', 'k.actor_id')
    .select(['k.step', 'k.at', 's.full_name as actor_name']).where('k.comment_id', '=', commentId).orderBy('k.id').execute();
}
