// An officer's correction of a dossier's declaration (tờ khai): who may (the action table's `correct_declaration`,
// asked through core/declaration.ts correctionCheck), the same checks as the citizen's answers (declarationIssues: each
// answer's rules, then plausibility), a new revision in dossier_answers (source 'correction', who, when, why; the
// previous revisions kept) and the action in the dossier's hash-chained log through the dossier service's `act()`, in
// the caller's transaction. Separate from declaration.ts, which service.ts imports, because it builds on the dossier
// service.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { vnDate } from '../calendar/core/index.ts';
import {
  MAX_CORRECTION_REASON, changedFields, correctedAnswers, correctionCheck, type DeclaredForm, type FormAnswers, type FormComponent,
} from './core/declaration.ts';
import { act, actorId, reviveProjection } from './service.ts';
import { loadDossier, type DossierRow } from './store.ts';
import { insertAnswers, latestAnswers } from './answers-store.ts';
import { checkedDeclaration, declarationOf, type DeclarationView } from './declaration.ts';

type Db = Kysely<Database>;

export interface Correction {
  /** Per form component, its answers (a form not given keeps its answers). */
  answers: FormAnswers;
  reason: string;
}

/** Whether the principal may correct this dossier's declaration now (the staff page's "Sửa tờ khai" link). */
export function mayCorrect(p: Principal, row: DossierRow): boolean {
  return correctionCheck(reviveProjection(row.projection), { id: actorId(p), roles: p.roles, unitCode: p.unitCode }).ok;
}

/** The forms an officer corrects: the declaration's as filed, or for a dossier filed without one, its version's. */
export async function formsToCorrect(db: Db, row: DossierRow): Promise<{ revision: number; version: number; forms: DeclaredForm[] }> {
  const current = await latestAnswers(db, row.id);
  if (current) return { revision: current.revision, version: current.declaration.procedureVersion, forms: current.declaration.forms };
  const proc = await procedureVersion(db, row.procedure_code, row.procedure_version);
  const forms = (proc?.components ?? []).flatMap((c) => (c.form
    ? [{ componentCode: c.code, componentName: c.name, templateId: c.form.templateId, fields: c.form.fields, answers: {} }]
    : []));
  if (!forms.length) throw new Problem(409, 'NO_DECLARATION', 'Thủ tục của hồ sơ không có tờ khai điện tử.');
  return { revision: 0, version: row.procedure_version, forms };
}

/** Corrects the declaration (403/409 when the principal may not now, 422 ANSWERS_INVALID or NOTHING_CHANGED). */
export async function correctDeclaration(trx: Db, p: Principal, dossierId: string, c: Correction, now: Date): Promise<DeclarationView> {
  const row = await loadDossier(trx, p, dossierId, true);
  if (!row) throw notFound('hồ sơ');
  const who = actorId(p);
  const check = correctionCheck(reviveProjection(row.projection), { id: who, roles: p.roles, unitCode: p.unitCode });
  if (!check.ok) throw new Problem(check.status, check.code, check.message);
  const reason = c.reason.normalize('NFC').trim();
  if (!reason || reason.length > MAX_CORRECTION_REASON) {
    throw new Problem(422, 'REASON_REQUIRED', `Nhập lý do sửa tờ khai (tối đa ${MAX_CORRECTION_REASON} ký tự).`, undefined,
      [{ path: '/body/reason', message: 'Nhập lý do sửa tờ khai' }]);
  }
  const current = await formsToCorrect(trx, row);
  const components: FormComponent[] = current.forms.map((f) => ({
    code: f.componentCode, name: f.componentName, form: { templateId: f.templateId, fields: f.fields },
  }));
  const declaration = checkedDeclaration({ version: current.version, components }, correctedAnswers(current.forms, c.answers), vnDate(now));
  const changed = changedFields(current.forms, declaration.forms);
  if (!changed.length) throw new Problem(422, 'NOTHING_CHANGED', 'Tờ khai không có thay đổi nào so với bản hiện tại.');
  const revision = current.revision + 1;
  await insertAnswers(trx, { dossierId: row.id, revision, source: 'correction', declaration, recordedAt: now, recordedBy: who, reason });
  // The log entry: which answers changed (labels only: the values stay in dossier_answers, out of the log).
  await act(trx, p, row.id, 'correct_declaration', { reason, revision, fields: changed, note: `Các mục đã sửa: ${changed.join('; ')}` }, now);
  return (await declarationOf(trx, row.id))!;
}
