// The declarations (tờ khai: e-form answers, table dossier_answers, migration 018): SQL edge. Revisions are only
// added, never changed; the latest is the declaration in force. The rules are in core/declaration.ts and the service
// in declaration.ts.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierAnswersTable } from './tables.ts';
import type { Declaration, ReceivedPaper } from './core/declaration.ts';

type Db = Kysely<Database>;

export interface AnswersRevision {
  dossierId: string;
  revision: number;
  source: DossierAnswersTable['source'];
  declaration: Declaration;
  recordedAt: Date;
  recordedBy: string | null;
  reason: string | null;
}

export async function insertAnswers(trx: Db, r: AnswersRevision): Promise<void> {
  await trx.insertInto('dossier_answers').values({
    dossier_id: r.dossierId, revision: r.revision, source: r.source, procedure_version: r.declaration.procedureVersion,
    forms: JSON.stringify(r.declaration.forms), recorded_at: r.recordedAt, recorded_by: r.recordedBy, reason: r.reason,
  }).execute();
}

export interface RevisionInfo {
  revision: number;
  source: DossierAnswersTable['source'];
  recordedAt: Date;
  recordedBy: string | null;
  /** The name of the officer who recorded a correction. */
  recordedByName: string | null;
  reason: string | null;
}

/** Every revision of a dossier's declaration, oldest first, without the answers. */
export async function revisionsOf(db: Db, dossierId: string): Promise<RevisionInfo[]> {
  const rows = await db.selectFrom('dossier_answers as a')
    .leftJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = a.recorded_by`))
    .select(['a.revision', 'a.source', 'a.recorded_at', 'a.recorded_by', 'a.reason', 's.full_name'])
    .where('a.dossier_id', '=', dossierId).orderBy('a.revision').execute();
  return rows.map((r) => ({
    revision: r.revision, source: r.source, recordedAt: r.recorded_at, recordedBy: r.recorded_by, recordedByName: r.full_name, reason: r.reason,
  }));
}

/** The latest revision of a dossier's declaration, or undefined (a dossier filed without an e-form). */
export async function latestAnswers(db: Db, dossierId: string): Promise<AnswersRevision | undefined> {
  const r = await db.selectFrom('dossier_answers').selectAll().where('dossier_id', '=', dossierId)
    .orderBy('revision', 'desc').limit(1).executeTakeFirst();
  return r && {
    dossierId: r.dossier_id, revision: r.revision, source: r.source,
    declaration: { procedureVersion: r.procedure_version, forms: r.forms }, recordedAt: r.recorded_at,
    recordedBy: r.recorded_by, reason: r.reason,
  };
}

// ── The counter's checklist (dossier_received_papers, migration 022) ─────────────────────────────────────────────

export async function insertReceivedPapers(trx: Db, dossierId: string, papers: readonly ReceivedPaper[], by: string, at: Date): Promise<void> {
  if (!papers.length) return;
  await trx.insertInto('dossier_received_papers')
    .values(papers.map((p) => ({ dossier_id: dossierId, component_code: p.componentCode, copies: p.copies, recorded_at: at, recorded_by: by })))
    .execute();
}

/** The components received at the counter (empty for an online dossier or one received without the checklist). */
export async function receivedPapersOf(db: Db, dossierId: string): Promise<ReceivedPaper[]> {
  const rows = await db.selectFrom('dossier_received_papers').select(['component_code', 'copies']).where('dossier_id', '=', dossierId).execute();
  return rows.map((r) => ({ componentCode: r.component_code, copies: r.copies }));
}
