// The dossier's declaration (tờ khai: the e-form answers) as dossier data: checked (each answer by its field's rules,
// then the plausibility rules across answers) and stored with the dossier in the transaction that creates it, read
// back by sections for the API and the staff page. The rules are in core/declaration.ts and core/plausibility.ts,
// the SQL in answers-store.ts.
//
// An officer's correction is a new revision (source 'correction', recordedBy, reason) written after the same checks
// (declaration-correction.ts); counter intake with the e-form passes `answers` to createDossier like the portal does
// (source 'counter').
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { procedureVersion } from '../catalogue/store.ts';
import type { ApplicantAnswers } from './core/applicant.ts';
import {
  checklistIssues, declare, viewForms, type AnswerIssue, type Declaration, type FormAnswers, type FormView, type ReceivedPaper,
} from './core/declaration.ts';
import { plausibilityIssues } from './core/plausibility.ts';
import { insertAnswers, insertReceivedPapers, latestAnswers, revisionsOf, type AnswersRevision } from './answers-store.ts';

type Db = Kysely<Database>;

/** Every issue of these answers to the version's e-forms: their own rules first, then plausibility. */
export function declarationIssues(
  proc: Parameters<typeof declare>[0], answers: FormAnswers, today: string, applicant?: Partial<ApplicantAnswers>,
): { declaration: Declaration; issues: AnswerIssue[] } {
  const { declaration, issues } = declare(proc, answers, applicant);
  const wrong = new Set(issues.map((i) => `${i.component}/${i.field}`));
  const plausible = plausibilityIssues(declaration.forms, today).filter((i) => !wrong.has(`${i.component}/${i.field}`));
  return { declaration, issues: [...issues, ...plausible] };
}

/** The declaration to store, or 422 ANSWERS_INVALID naming each wrong answer (`/body/answers/<component>/<field>`). */
export function checkedDeclaration(
  proc: Parameters<typeof declare>[0], answers: FormAnswers, today: string, applicant?: Partial<ApplicantAnswers>,
): Declaration {
  const { declaration, issues } = declarationIssues(proc, answers, today, applicant);
  if (issues.length) {
    throw new Problem(422, 'ANSWERS_INVALID', 'Thông tin khai trong tờ khai chưa đúng.', undefined,
      issues.map((i) => ({ path: `/body/answers/${i.component}${i.field ? `/${i.field}` : ''}`, message: i.message })));
  }
  return declaration;
}

/** Stores the applicant's declaration (revision 1) of a new dossier, in the caller's transaction. */
export async function recordDeclaration(trx: Db, dossierId: string, declaration: Declaration, source: 'online' | 'counter', at: Date) {
  await insertAnswers(trx, { dossierId, revision: 1, source, declaration, recordedAt: at, recordedBy: null, reason: null });
}

export interface DeclarationView {
  revision: number;
  source: AnswersRevision['source'];
  procedureVersion: number;
  recordedAt: string;
  forms: FormView[];
  /** The latest correction by an officer (the revision in force or an earlier one), null when never corrected. */
  corrected: { revision: number; at: string; by: string | null; byName: string | null; reason: string | null } | null;
  /** Every revision, oldest first: revision 1 is the applicant's (or the counter's), later ones corrections. */
  revisions: { revision: number; source: AnswersRevision['source']; recordedAt: string; byName: string | null; reason: string | null }[];
}

/** The declaration in force, by sections (null for a dossier without one). */
export async function declarationOf(db: Db, dossierId: string): Promise<DeclarationView | null> {
  const [r, all] = await Promise.all([latestAnswers(db, dossierId), revisionsOf(db, dossierId)]);
  if (!r) return null;
  const last = all.filter((x) => x.source === 'correction').at(-1);
  return {
    revision: r.revision, source: r.source, procedureVersion: r.declaration.procedureVersion,
    recordedAt: r.recordedAt.toISOString(), forms: viewForms(r.declaration),
    corrected: last
      ? { revision: last.revision, at: last.recordedAt.toISOString(), by: last.recordedBy, byName: last.recordedByName, reason: last.reason }
      : null,
    revisions: all.map((x) => ({ revision: x.revision, source: x.source, recordedAt: x.recordedAt.toISOString(), byName: x.recordedByName, reason: x.reason })),
  };
}

/** The counter's checklist of the components received, or 422 CHECKLIST_INCOMPLETE naming each missing one
 *  (`/body/received/<component>`); stored with the new dossier by `recordReceivedPapers`. */
export function checkedChecklist(components: Parameters<typeof checklistIssues>[0], received: readonly ReceivedPaper[]): ReceivedPaper[] {
  const issues = checklistIssues(components, received);
  if (issues.length) {
    throw new Problem(422, 'CHECKLIST_INCOMPLETE', issues[0]!.message, undefined,
      issues.map((i) => ({ path: `/body/received/${i.component}`, message: i.message })));
  }
  return [...received];
}

/** The counter API's checklist (POST /api/v1/dossiers `received`): checked against the new dossier's procedure
 *  version (422 CHECKLIST_INCOMPLETE) and stored, in the caller's transaction. */
export async function recordCounterChecklist(
  trx: Db, row: { id: string; procedure_code: string; procedure_version: number }, received: readonly ReceivedPaper[], by: string, at: Date,
) {
  const proc = await procedureVersion(trx, row.procedure_code, row.procedure_version);
  await insertReceivedPapers(trx, row.id, checkedChecklist(proc?.components ?? [], received), by, at);
}

/** Stores the components received at the counter with a new dossier, in the caller's transaction. */
export async function recordReceivedPapers(trx: Db, dossierId: string, papers: readonly ReceivedPaper[], by: string, at: Date) {
  await insertReceivedPapers(trx, dossierId, papers, by, at);
}
