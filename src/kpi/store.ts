// SQL edge of the KPI: the rule set in force, the dossiers and their action log behind the figures, the staff, the
// assessments and their append-only step log, the units and their own yearly ratings. Every query is scoped to one
// commune (and, where given, to a unit or an officer) in SQL.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { parseRules, type KpiRules } from './core/rules.ts';
import type { DossierFacts } from './core/figures.ts';
import type { AssessmentStatus, KpiStep, PeriodKind } from './tables.ts';

type Db = Kysely<Database>;

export interface RuleSet { rules: KpiRules; legalBasis: string; effectiveFrom: string }

/** The rule set in force on `day` (YYYY-MM-DD, Vietnam date): the commune's own, else the default. */
export async function ruleSetAt(db: Db, communeId: string, day: string): Promise<RuleSet | null> {
  const row = await db.selectFrom('kpi_rule_sets').select(['rules', 'legal_basis', 'effective_from', 'commune_id'])
    .where((eb) => eb.or([eb('commune_id', '=', communeId), eb('commune_id', 'is', null)]))
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)]))
    .orderBy(sql`commune_id IS NULL`).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
  return row ? { rules: parseRules(row.rules), legalBasis: row.legal_basis, effectiveFrom: row.effective_from } : null;
}

export interface FactsScope { communeId: string; unitId?: number; staffId?: number }

/** Dossiers of the commune settled (finished or fallen due) in [from, to), with their action log; narrowed to those
 *  that were at a unit (dossier_units) or that an officer acted on or was assigned (the log). */
export async function dossierFacts(db: Db, s: FactsScope, from: Date, to: Date): Promise<DossierFacts[]> {
  let q = db.selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .select(['d.id', 'd.code', 'p.field_code', 'd.state', 'd.received_at', 'd.finished_at', 'd.original_due_at', 'd.projection'])
    .where('d.commune_id', '=', s.communeId)
    .where(sql<Date>`LEAST(d.finished_at, d.original_due_at)`, '>=', from)
    .where(sql<Date>`LEAST(d.finished_at, d.original_due_at)`, '<', to);
  if (s.unitId !== undefined) {
    const unitId = s.unitId;
    q = q.where((eb) => eb.exists(eb.selectFrom('dossier_units as du').select('du.dossier_id').whereRef('du.dossier_id', '=', 'd.id').where('du.unit_id', '=', unitId)));
  }
  if (s.staffId !== undefined) {
    const me = String(s.staffId);
    q = q.where((eb) => eb.exists(eb.selectFrom('dossier_events as e').select('e.id').whereRef('e.dossier_id', '=', 'd.id').whereRef('e.dossier_month', '=', 'd.dossier_month')
      .where((w) => w.or([w('e.actor_id', '=', me), w(sql`e.handover ->> 'toAssigneeId'`, '=', me)]))));
  }
  const rows = await q.limit(20_000).execute();
  if (!rows.length) return [];
  const events = await db.selectFrom('dossier_events').select(['dossier_id', 'seq', 'action', 'actor_id', 'at', sql<string | null>`handover ->> 'toAssigneeId'`.as('to_assignee')])
    .where('dossier_id', 'in', rows.map((r) => r.id)).orderBy('dossier_id').orderBy('seq').execute();
  const byDossier = new Map<string, DossierFacts['events']>();
  for (const e of events) {
    const list = byDossier.get(e.dossier_id) ?? [];
    list.push({ seq: e.seq, action: e.action, actorId: e.actor_id, at: e.at, toAssigneeId: e.to_assignee });
    byDossier.set(e.dossier_id, list);
  }
  const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  return rows.map((r) => {
    const pj = (r.projection ?? {}) as { pausedAt?: string | null; extendedDueAt?: string | null; supplementCount?: number; lateBySupplementRule?: boolean };
    return {
      id: r.id, code: r.code ?? r.id, fieldCode: r.field_code, state: r.state, receivedAt: r.received_at, finishedAt: r.finished_at,
      originalDueAt: r.original_due_at, extendedDueAt: date(pj.extendedDueAt), pausedAt: date(pj.pausedAt),
      supplementCount: pj.supplementCount ?? 0, lateBySupplementRule: !!pj.lateBySupplementRule, events: byDossier.get(r.id) ?? [],
    };
  });
}

export interface StaffRow { id: number; full_name: string; title: string; unit_id: number | null; unit_name: string | null; roles: string[] }

/** Active staff of the commune (of one unit, or one officer). */
export async function staffOf(db: Db, communeId: string, f: { unitId?: number; staffId?: number } = {}): Promise<StaffRow[]> {
  let q = db.selectFrom('staff as s').leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.full_name', 's.title', 's.unit_id', 'u.name as unit_name', 's.roles'])
    .where('s.commune_id', '=', communeId).where('s.active', '=', true);
  if (f.unitId !== undefined) q = q.where('s.unit_id', '=', f.unitId);
  if (f.staffId !== undefined) q = q.where('s.id', '=', f.staffId);
  return q.orderBy('u.name').orderBy('s.full_name').execute();
}

export interface PeriodKey { kind: PeriodKind; year: number; no: number }


export async function findAssessment(db: Db, communeId: string, staffId: number, p: PeriodKey, lock = false) {
  const q = db.selectFrom('kpi_assessments').selectAll().where('commune_id', '=', communeId).where('staff_id', '=', staffId)
    .where('period_kind', '=', p.kind).where('year', '=', p.year).where('period_no', '=', p.no);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}
export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof findAssessment>>>;

/** Assessments of a period in the commune (or one unit). */
export async function listAssessments(db: Db, communeId: string, p: PeriodKey, unitId?: number) {
  let q = db.selectFrom('kpi_assessments').selectAll().where('commune_id', '=', communeId)
    .where('period_kind', '=', p.kind).where('year', '=', p.year).where('period_no', '=', p.no);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.execute();
}

/** Starts the officer's assessment of a period, unless one exists (a simultaneous first self-assessment may have
 *  just added it: INSERT … ON CONFLICT DO NOTHING on the unique key, issue 13). The caller then locks and reads it. */
export async function createAssessment(db: Db, v: { communeId: string; staffId: number; unitId: number | null; period: PeriodKey; at: Date }) {
  await db.insertInto('kpi_assessments').values({
    commune_id: v.communeId, staff_id: v.staffId, unit_id: v.unitId, period_kind: v.period.kind, year: v.period.year, period_no: v.period.no,
    status: 'self_assessed', updated_at: v.at, appraisal_general: JSON.stringify(null), manual_task: JSON.stringify(null), snapshot: JSON.stringify(null),
  }).onConflict((oc) => oc.columns(['staff_id', 'period_kind', 'year', 'period_no']).doNothing()).execute();
}

export async function updateAssessment(db: Db, id: string, set: {
  status?: AssessmentStatus; self_note?: string | null; self_general?: Record<string, number>; appraisal_note?: string | null;
  appraisal_general?: Record<string, number>; quality_errors?: string[]; excused?: string[]; manual_task?: { a: number; b: number; c: number } | null;
  disqualified?: string | null; snapshot?: unknown; total?: number | null; rating?: string | null; at: Date;
}) {
  const { at, self_general, appraisal_general, manual_task, snapshot, ...rest } = set;
  await db.updateTable('kpi_assessments').set({
    ...rest, updated_at: at,
    ...(self_general !== undefined ? { self_general: JSON.stringify(self_general) } : {}),
    ...(appraisal_general !== undefined ? { appraisal_general: JSON.stringify(appraisal_general) } : {}),
    ...(manual_task !== undefined ? { manual_task: JSON.stringify(manual_task) } : {}),
    ...(snapshot !== undefined ? { snapshot: JSON.stringify(snapshot) } : {}),
  }).where('id', '=', id).execute();
}

export async function logStep(db: Db, assessmentId: string, step: KpiStep, actorId: number, at: Date, note: string | null, data: unknown = {}) {
  await db.insertInto('kpi_steps').values({ assessment_id: assessmentId, step, actor_id: actorId, at, note, data: JSON.stringify(data) }).execute();
}

export async function stepsOf(db: Db, assessmentId: string) {
  return db.selectFrom('kpi_steps as k').innerJoin('staff as s', 's.id', 'k.actor_id')
    .select(['k.step', 'k.at', 'k.note', 's.full_name as actor_name']).where('k.assessment_id', '=', assessmentId).orderBy('k.id').execute();
}

/** Whether the commune has any assessment for the period. */
export async function hasAssessments(db: Db, communeId: string, p: PeriodKey): Promise<boolean> {
  return !!(await db.selectFrom('kpi_assessments').select('id').where('commune_id', '=', communeId)
    .where('period_kind', '=', p.kind).where('year', '=', p.year).where('period_no', '=', p.no).limit(1).executeTakeFirst());
}

/** The commune's units, by name. */
export async function unitsByName(db: Db, communeId: string) {
  return db.selectFrom('units').select(['id', 'name']).where('commune_id', '=', communeId).orderBy('name').execute();
}

export async function unitOfCommune(db: Db, communeId: string, unitId: number) {
  return db.selectFrom('units').select('id').where('id', '=', unitId).where('commune_id', '=', communeId).executeTakeFirst();
}

// ── Units' own ratings (the 25 % quota) ─────────────────────────────────────────────────────────────────

/** The units (null: the People's Committee itself) rated excellent for the year. */
export async function excellentUnitIds(db: Db, communeId: string, year: number): Promise<(number | null)[]> {
  const rows = await db.selectFrom('kpi_unit_ratings').select('unit_id').where('commune_id', '=', communeId).where('year', '=', year).where('excellent', '=', true).execute();
  return rows.map((r) => (r.unit_id === null ? null : Number(r.unit_id)));
}

/** Records a unit's (unitId null: the People's Committee's) rating for a year: added, or updated if there is one.
 *  One statement (an upsert on the unique key kpi_unit_ratings_key), so that simultaneous first decisions leave one
 *  row and no duplicate-key error (issue 13). */
export async function setUnitRatingRow(db: Db, v: { communeId: string; unitId: number | null; year: number; excellent: boolean; setBy: number; at: Date }) {
  await db.insertInto('kpi_unit_ratings')
    .values({ commune_id: v.communeId, unit_id: v.unitId, year: v.year, excellent: v.excellent, set_by: v.setBy, set_at: v.at })
    .onConflict((oc) => oc.expression(sql`commune_id, year, (COALESCE(unit_id, 0))`)
      .doUpdateSet({ excellent: v.excellent, set_by: v.setBy, set_at: v.at }))
    .execute();
}
