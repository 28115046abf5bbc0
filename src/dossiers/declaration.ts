// The dossier's declaration (tờ khai: the e-form answers) as dossier data: checked (each answer by its field's rules,
// then the plausibility rules across answers) and stored with the dossier in the transaction that creates it, read
// back by sections for the API and the staff page. The rules are in core/declaration.ts and core/plausibility.ts,
// the SQL in answers-store.ts.
//
// Hooks for what comes later: an officer's correction is a new revision (source 'correction', recordedBy, reason)
// written with insertAnswers after the same checks (declare + plausibilityIssues); counter intake with the e-form
// passes `answers` to createDossier like the portal does (source 'counter').
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { ApplicantAnswers } from './core/applicant.ts';
import { declare, viewForms, type AnswerIssue, type Declaration, type FormAnswers, type FormView } from './core/declaration.ts';
import { plausibilityIssues } from './core/plausibility.ts';
import { insertAnswers, latestAnswers, type AnswersRevision } from './answers-store.ts';

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
}

/** The declaration in force, by sections (null for a dossier without one). */
export async function declarationOf(db: Db, dossierId: string): Promise<DeclarationView | null> {
  const r = await latestAnswers(db, dossierId);
  if (!r) return null;
  return {
    revision: r.revision, source: r.source, procedureVersion: r.declaration.procedureVersion,
    recordedAt: r.recordedAt.toISOString(), forms: viewForms(r.declaration),
  };
}
