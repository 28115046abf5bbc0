// SQL edge of the units' plans and reports: calls, one submission per unit and call, the append-only step log and
// the evidence files. Every read takes a Scope: the commune always, and the unit for unit staff (service.ts decides).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { openRow } from '../../vault/store.ts';
import type { ReportContent, ReportEventType } from './core/status.ts';
import type { ReportCallsTable, UnitReportsTable } from './tables.ts';

type Db = Kysely<Database>;

/** The commune, and the one unit whose submissions the caller may see (undefined: every unit; null: none). */
export interface Scope { communeId: string; unitId?: number | null }

export type CallRow = Selectable<ReportCallsTable>;
export type ReportRow = Selectable<UnitReportsTable> & { unit_code: string; unit_name: string };

/**
 * Opens a call with one draft submission per unit, or returns undefined when the commune already has a call of that
 * kind and period (the unique index report_calls_one_per_period, ad hoc calls excepted): INSERT … ON CONFLICT DO
 * NOTHING, so that simultaneous first openings leave one call and no duplicate-key error (issue 13).
 */
export async function insertCallOnce(db: Db, v: Omit<CallRow, 'id'>, unitIds: number[]): Promise<CallRow | undefined> {
  const call = await db.insertInto('report_calls').values(v).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
  if (!call) return undefined;
  if (unitIds.length) {
    await db.insertInto('unit_reports')
      .values(unitIds.map((unit_id) => ({ call_id: call.id, commune_id: v.commune_id, unit_id, updated_at: v.created_at })))
      .execute();
  }
  return call;
}

/** insertCallOnce for a caller that checked the period is free in its transaction (the demo's generator). */
export async function insertCall(db: Db, v: Omit<CallRow, 'id'>, unitIds: number[]): Promise<CallRow> {
  const call = await insertCallOnce(db, v, unitIds);
  if (!call) throw new Error(`A report call of ${v.kind} ${v.period_year} already exists in ${v.commune_id}`);
  return call;
}

/** A call of the commune (every staff member of the commune may know a call exists). */
export async function findCall(db: Db, communeId: string, id: string): Promise<CallRow | undefined> {
  return db.selectFrom('report_calls').selectAll().where('id', '=', id).where('commune_id', '=', communeId).executeTakeFirst();
}

export async function findCallByPeriod(db: Db, communeId: string, kind: CallRow['kind'], year: number, quarter: number | null, month: number | null) {
  return db.selectFrom('report_calls').selectAll().where('commune_id', '=', communeId).where('kind', '=', kind)
    .where('period_year', '=', year)
    .where(sql<boolean>`coalesce(period_quarter, 0) = ${quarter ?? 0} AND coalesce(period_month, 0) = ${month ?? 0}`)
    .executeTakeFirst();
}

/** The calls the scope takes part in (unit staff: the calls addressed to their unit), newest due date first. */
export async function listCalls(db: Db, s: Scope, limit = 100): Promise<CallRow[]> {
  let q = db.selectFrom('report_calls as c').selectAll('c').where('c.commune_id', '=', s.communeId);
  if (s.unitId !== undefined) {
    const unitId = s.unitId ?? -1;
    q = q.where((eb) => eb.exists(eb.selectFrom('unit_reports as r').select('r.id')
      .whereRef('r.call_id', '=', 'c.id').where('r.commune_id', '=', s.communeId).where('r.unit_id', '=', unitId)));
  }
  return q.orderBy('c.due_date', 'desc').orderBy('c.created_at', 'desc').limit(limit).execute();
}

const reports = (db: Db, s: Scope) => {
  let q = db.selectFrom('unit_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id')
    .selectAll('r').select(['u.code as unit_code', 'u.name as unit_name'])
    .where('r.commune_id', '=', s.communeId);
  if (s.unitId !== undefined) q = q.where('r.unit_id', '=', s.unitId ?? -1);
  return q;
};

export async function listReports(db: Db, s: Scope, callIds: string[]): Promise<ReportRow[]> {
  if (!callIds.length) return [];
  return reports(db, s).where('r.call_id', 'in', callIds).orderBy('u.code').execute();
}

export async function findReport(db: Db, s: Scope, id: string, lock = false): Promise<ReportRow | undefined> {
  const q = reports(db, s).where('r.id', '=', id);
  return (lock ? q.forUpdate('r') : q).executeTakeFirst();
}

export async function updateReport(db: Db, id: string, set: {
  status?: ReportRow['status']; content?: ReportContent; first_submitted_at?: Date; last_submitted_at?: Date;
  late_working_days?: number; accepted_at?: Date; updated_at: Date;
}) {
  const { content, ...rest } = set;
  await db.updateTable('unit_reports').set({ ...rest, ...(content ? { content: JSON.stringify(content) } : {}) }).where('id', '=', id).execute();
}

export async function logEvent(db: Db, reportId: string, type: ReportEventType, at: Date, actorId: number | null, note: string | null = null) {
  await db.insertInto('unit_report_events').values({ report_id: reportId, type, at, actor_id: actorId, note }).execute();
}

export async function eventsOf(db: Db, reportId: string) {
  return db.selectFrom('unit_report_events as e').leftJoin('staff as s', 's.id', 'e.actor_id')
    .select(['e.type', 'e.at', 'e.note', 's.full_name as actorName']).where('e.report_id', '=', reportId).orderBy('e.id').execute();
}

export async function addFile(db: Db, v: { report_id: string; file_name: string; sha256: string; uploaded_by: number | null; uploaded_at: Date }) {
  return db.insertInto('unit_report_files').values(v).returning(['id', 'uploaded_at']).executeTakeFirstOrThrow();
}

export async function filesOf(db: Db, reportIds: string[]) {
  if (!reportIds.length) return [];
  return db.selectFrom('unit_report_files as f').innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.report_id', 'f.file_name', 'f.sha256', 'f.uploaded_at', 'b.content_type', 'b.size'])
    .where('f.report_id', 'in', reportIds).orderBy('f.id').execute();
}

/** A file of a report the caller has already found in their scope. */
export async function fileContent(db: Db, reportId: string, fileId: number) {
  return db.selectFrom('unit_report_files as f').innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.file_name', 'b.content_type', 'b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce']).where('f.id', '=', fileId).where('f.report_id', '=', reportId)
    .executeTakeFirst().then((r) => openRow(r)); // decrypted (vault/store.ts)
}

export async function communeUnits(db: Db, communeId: string) {
  return db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', '=', communeId).orderBy('code').execute();
}

/** The first active leader of the commune (who signs the consolidated report). */
export async function firstLeader(db: Db, communeId: string) {
  return db.selectFrom('staff').select('full_name').where('commune_id', '=', communeId).where('active', '=', true)
    .where(sql<boolean>`'leader' = ANY(roles)`).orderBy('id').executeTakeFirst();
}

/** The submissions of a call, one per unit asked. */
export async function reportsOfCall(db: Db, callId: string) {
  return db.selectFrom('unit_reports').select(['id', 'unit_id']).where('call_id', '=', callId).execute();
}

/** The commune's active staff with their unit and roles. */
export async function activeStaffOf(db: Db, communeId: string) {
  return db.selectFrom('staff').select(['id', 'unit_id', 'roles']).where('commune_id', '=', communeId).where('active', '=', true).execute();
}
