// SQL of the PAR self-assessment. Every assessment query is scoped to one commune (commune_id in the WHERE, on the
// (commune_id, …) indexes); item edits by unit staff are further scoped to their unit in the same statement.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FlatNode, TemplateFile } from './core/template.ts';
import type { AutoFigures, ParLogType, ParSide, ParStatus } from './tables.ts';
import { openRow } from '../vault/store.ts';

type Db = Kysely<Database> | Transaction<Database>;

// ── Templates ─────────────────────────────────────────────────────────────────────────────────────────

export const listTemplates = (db: Db) =>
  db.selectFrom('par_templates').select(['id', 'code', 'name', 'province', 'issued_by', 'legal_basis', 'effective_year', 'uncertain', 'note', 'loaded_at'])
    .orderBy('province').orderBy('effective_year', 'desc').execute();
export type TemplateRow = Awaited<ReturnType<typeof listTemplates>>[number];

export const findTemplate = (db: Db, id: number) =>
  db.selectFrom('par_templates').select(['id', 'code', 'name', 'province', 'issued_by', 'legal_basis', 'effective_year', 'uncertain', 'note', 'loaded_at', 'data'])
    .where('id', '=', id).executeTakeFirst();

export const templateByCode = (db: Db, code: string, year: number) =>
  db.selectFrom('par_templates').select(['id', 'data']).where('code', '=', code).where('effective_year', '=', year).executeTakeFirst();

/** Templates of a province, for choosing the one in force in a year (core/template.ts templateFor). */
export const provinceTemplates = (db: Db, province: string) =>
  db.selectFrom('par_templates').select(['id', 'effective_year as effectiveYear']).where('province', '=', province).execute();

export const templateUsed = async (db: Db, id: number) =>
  !!(await db.selectFrom('par_assessments').select('id').where('template_id', '=', id).limit(1).executeTakeFirst());

export async function writeTemplate(trx: Transaction<Database>, t: TemplateFile, nodes: FlatNode[], existingId?: number): Promise<number> {
  const values = {
    code: t.code, name: t.name, province: t.province, issued_by: t.issuedBy, legal_basis: t.legalBasis, effective_year: t.effectiveYear,
    uncertain: !!t.uncertain, note: t.note ?? null, data: JSON.stringify(t),
  };
  let id = existingId;
  if (id) {
    await trx.updateTable('par_templates').set({ ...values, loaded_at: new Date() }).where('id', '=', id).execute();
    await trx.deleteFrom('par_nodes').where('template_id', '=', id).execute();
  } else {
    id = (await trx.insertInto('par_templates').values(values).returning('id').executeTakeFirstOrThrow()).id;
  }
  await trx.insertInto('par_nodes').values(nodes.map((n) => ({
    template_id: id!, code: n.code, parent_code: n.parentCode, level: n.level, name: n.name, max_points: n.maxPoints,
    rule: n.rule ? JSON.stringify(n.rule) : null, auto: n.auto ? JSON.stringify(n.auto) : null, evidence: n.evidence ?? [],
    owner_unit_code: n.owner ?? null, due: n.due ?? null, uncertain: !!n.uncertain, note: n.note ?? null, sort: n.sort,
  }))).execute();
  return id;
}

export const nodesOf = (db: Db, templateId: number) =>
  db.selectFrom('par_nodes').selectAll().where('template_id', '=', templateId).orderBy('sort').execute();
export type NodeRow = Awaited<ReturnType<typeof nodesOf>>[number];

// ── Assessments ───────────────────────────────────────────────────────────────────────────────────────

const assessmentCols = ['a.id', 'a.commune_id', 'a.year', 'a.template_id', 'a.status', 'a.created_at', 'a.submitted_at', 'a.finalized_at', 't.name as template_name', 't.effective_year', 't.uncertain as template_uncertain'] as const;

export const listAssessments = (db: Db, communeId: string) =>
  db.selectFrom('par_assessments as a').innerJoin('par_templates as t', 't.id', 'a.template_id').select(assessmentCols)
    .where('a.commune_id', '=', communeId).orderBy('a.year', 'desc').execute();
export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>[number];

export async function findAssessment(db: Db, communeId: string, by: { id: string } | { year: number }, lock = false): Promise<AssessmentRow | undefined> {
  let q = db.selectFrom('par_assessments as a').innerJoin('par_templates as t', 't.id', 'a.template_id').select(assessmentCols).where('a.commune_id', '=', communeId);
  q = 'id' in by ? q.where('a.id', '=', by.id) : q.where('a.year', '=', by.year);
  return (lock ? q.forUpdate('a') : q).executeTakeFirst();
}

export async function insertAssessment(trx: Transaction<Database>, communeId: string, year: number, templateId: number, now: Date) {
  return trx.insertInto('par_assessments').values({ commune_id: communeId, year, template_id: templateId, created_at: now })
    .onConflict((oc) => oc.columns(['commune_id', 'year']).doNothing()).returning('id').executeTakeFirst();
}

export const setStatus = (trx: Transaction<Database>, communeId: string, id: string, status: ParStatus, now: Date) =>
  trx.updateTable('par_assessments').set({ status, ...(status === 'submitted' ? { submitted_at: now } : status === 'final' ? { finalized_at: now } : {}) })
    .where('id', '=', id).where('commune_id', '=', communeId).execute();

// ── Items ─────────────────────────────────────────────────────────────────────────────────────────────

/** Creates the rows of the sub-criteria, each with its owner unit of the commune (by the template's unit code). */
export async function insertItems(trx: Transaction<Database>, communeId: string, assessmentId: string, nodes: NodeRow[]) {
  const units = await trx.selectFrom('units').select(['id', 'code']).where('commune_id', '=', communeId).execute();
  const subs = nodes.filter((n) => n.level === 'sub');
  if (!subs.length) return;
  await trx.insertInto('par_items').values(subs.map((n) => ({
    assessment_id: assessmentId, node_code: n.code, commune_id: communeId, unit_id: units.find((u) => u.code === n.owner_unit_code)?.id ?? null,
  }))).onConflict((oc) => oc.columns(['assessment_id', 'node_code']).doNothing()).execute();
}

const itemCols = ['i.node_code', 'i.unit_id', 'i.self_points', 'i.self_note', 'i.override_reason', 'i.auto_points', 'i.auto_figures', 'i.auto_at', 'i.review_points', 'i.review_note', 'i.updated_at', 'u.name as unit_name'] as const;

export const itemsOf = (db: Db, communeId: string, assessmentId: string) =>
  db.selectFrom('par_items as i').leftJoin('units as u', 'u.id', 'i.unit_id').select(itemCols)
    .where('i.commune_id', '=', communeId).where('i.assessment_id', '=', assessmentId).execute();
export type ItemRow = Awaited<ReturnType<typeof itemsOf>>[number];

/** One item the caller may edit: of the commune, and of the unit when `unitId` is given (unit staff). */
export function editableItem(db: Db, scope: { communeId: string; unitId?: number | null }, assessmentId: string, code: string) {
  let q = db.selectFrom('par_items as i').leftJoin('units as u', 'u.id', 'i.unit_id').select(itemCols)
    .where('i.commune_id', '=', scope.communeId).where('i.assessment_id', '=', assessmentId).where('i.node_code', '=', code);
  if (scope.unitId !== undefined) q = q.where('i.unit_id', '=', scope.unitId);
  return q.executeTakeFirst();
}

export type ItemChange = Partial<{
  self_points: number | null; self_note: string | null; override_reason: string | null; review_points: number | null; review_note: string | null;
  auto_points: number | null; auto_figures: AutoFigures | null; auto_at: Date;
}>;

export async function updateItem(trx: Transaction<Database>, communeId: string, assessmentId: string, code: string, change: ItemChange, now: Date) {
  const { auto_figures, ...rest } = change;
  await trx.updateTable('par_items')
    .set({ ...rest, ...(auto_figures !== undefined ? { auto_figures: JSON.stringify(auto_figures) } : {}), updated_at: now })
    .where('commune_id', '=', communeId).where('assessment_id', '=', assessmentId).where('node_code', '=', code).execute();
}

// ── Evidence and log ──────────────────────────────────────────────────────────────────────────────────

export const evidenceOf = (db: Db, communeId: string, assessmentId: string) =>
  db.selectFrom('par_evidence as e').leftJoin('staff as s', 's.id', 'e.added_by').leftJoin('files as f', 'f.sha256', 'e.sha256')
    .select(['e.id', 'e.node_code', 'e.file_name', 'e.note', 'e.added_at', 'e.sha256', 'f.content_type', 'f.size', 's.full_name as added_by_name'])
    .where('e.commune_id', '=', communeId).where('e.assessment_id', '=', assessmentId).orderBy('e.id').execute();
export type EvidenceRow = Awaited<ReturnType<typeof evidenceOf>>[number];

export const addEvidence = (trx: Transaction<Database>, v: { communeId: string; assessmentId: string; code: string; sha256?: string; fileName?: string; note?: string; by: number | null; at: Date }) =>
  trx.insertInto('par_evidence').values({
    commune_id: v.communeId, assessment_id: v.assessmentId, node_code: v.code, sha256: v.sha256 ?? null, file_name: v.fileName ?? null,
    note: v.note ?? null, added_by: v.by, added_at: v.at,
  }).returning('id').executeTakeFirstOrThrow();

/** An evidence file with its content, decrypted (vault/store.ts). */
export const evidenceFile = (db: Db, communeId: string, id: string) =>
  db.selectFrom('par_evidence as e').innerJoin('files as f', 'f.sha256', 'e.sha256')
    .select(['e.file_name', 'f.content_type', 'f.sha256', 'f.content', 'f.key_version', 'f.wrapped_key', 'f.nonce'])
    .where('e.commune_id', '=', communeId).where('e.id', '=', id).executeTakeFirst().then((r) => openRow(r));

export const logEntry = (trx: Transaction<Database>, v: { communeId: string; assessmentId: string; code: string | null; type: ParLogType; side: ParSide; actorId: number | null; points?: number | null; text?: string | null; at: Date }) =>
  trx.insertInto('par_log').values({
    commune_id: v.communeId, assessment_id: v.assessmentId, node_code: v.code, type: v.type, side: v.side, actor_id: v.actorId,
    points: v.points ?? null, text: v.text ?? null, at: v.at,
  }).execute();

export const logOf = (db: Db, communeId: string, assessmentId: string, code?: string) => {
  let q = db.selectFrom('par_log as l').leftJoin('staff as s', 's.id', 'l.actor_id')
    .select(['l.id', 'l.node_code', 'l.type', 'l.side', 'l.points', 'l.text', 'l.at', 's.full_name as actor_name'])
    .where('l.commune_id', '=', communeId).where('l.assessment_id', '=', assessmentId);
  if (code !== undefined) q = q.where('l.node_code', '=', code);
  return q.orderBy('l.id').execute();
};
export type LogRow = Awaited<ReturnType<typeof logOf>>[number];

export const communeProvince = async (db: Db, communeId: string) =>
  (await db.selectFrom('communes').select('province').where('id', '=', communeId).executeTakeFirst())?.province;

export const lockTemplates = (trx: Transaction<Database>) => sql`SELECT pg_advisory_xact_lock(hashtext('par_templates'))`.execute(trx);
