// The declarations (tờ khai: e-form answers, table dossier_answers, migration 018): SQL edge. Revisions are only
// added, never changed; the latest is the declaration in force. The rules are in core/declaration.ts and the service
// in declaration.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierAnswersTable } from './tables.ts';
import type { Declaration } from './core/declaration.ts';

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
