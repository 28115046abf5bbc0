// The result of a dossier (kết quả giải quyết): the PDF the approver signs. The draft an officer attached as the
// dossier's result file (component KET_QUA) when there is one, else the document generated from the procedure's
// result template with the dossier's data and declaration (core/templates.ts, core/build.ts), or the written refusal
// when the proposal is to refuse. Called when the approver signs (src/dossiers/service.ts) and by the staff preview
// (src/web/staff/result-routes.tsx). NĐ 45/2020/NĐ-CP Điều 14 (as amended by NĐ 107/2021/NĐ-CP): the e-result.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../http/problem.ts';
import { hasRole, principalKey, type Principal } from '../identity/core/principal.ts';
import { listUnits } from '../org/store.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { declarationOf } from '../dossiers/declaration.ts';
import { logAccess, loadDossier, type DossierRow } from '../dossiers/store.ts';
import { orgFacts } from '../documents/store.ts';
import { answersOf, buildResult, type ResultDocument, type ResultFacts } from './core/build.ts';
import { renderResult } from './render.ts';
import { draftResultFile, signedResultOf, signedResultsOf } from './store.ts';
import { signedFileOf } from '../signatures/service.ts';
import { formatCode } from '../signatures/core/code.ts';

type Db = Kysely<Database>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The specialist's proposal as the projection stores it (read raw: the projection's reviver lives in the dossier
 *  service, which calls this module). */
function proposalOf(projection: unknown): ResultFacts['proposal'] {
  const p = (projection as { proposal?: { outcome?: unknown; text?: unknown } | null } | null)?.proposal;
  if (!p || (p.outcome !== 'approve' && p.outcome !== 'reject')) return null;
  return { outcome: p.outcome, text: str(p.text) ?? '' };
}

/** Everything the result is built from, for a dossier row. */
export async function resultFacts(db: Db, row: DossierRow, now: Date): Promise<ResultFacts> {
  const [procedure, declaration, { org }] = await Promise.all([
    procedureVersion(db, row.procedure_code, row.procedure_version),
    declarationOf(db, row.id),
    orgFacts(db, row.commune_id, []),
  ]);
  if (!procedure) throw notFound('phiên bản thủ tục của hồ sơ');
  const applicant = (row.applicant ?? {}) as Record<string, unknown>;
  return {
    procedure: { code: procedure.code, name: procedure.name, resultType: procedure.resultType, legalBasis: procedure.legalBasis },
    code: row.code, reference: row.reference,
    applicant: { name: row.applicant_name, address: str(applicant.address) },
    ...answersOf(declaration?.forms ?? []), org, proposal: proposalOf(row.projection), now,
  };
}

/** The generated result document of a dossier (not the attached draft). */
export async function generatedResult(db: Db, dossierId: string, now: Date): Promise<ResultDocument> {
  const row = await loadDossier(db, null, dossierId);
  if (!row) throw notFound('hồ sơ');
  return buildResult(await resultFacts(db, row, now));
}

/**
 * The PDF to sign as the dossier's result and what it is called (the verification page's name for it): the draft
 * result file attached to the dossier (a PDF of component KET_QUA that is not already a signed document), else the
 * document generated from the procedure's template (or the written refusal). `db` may be the caller's transaction.
 */
export async function resultPdfFor(db: Db, dossierId: string, now: Date): Promise<{ pdf: Buffer; title: string }> {
  const doc = await generatedResult(db, dossierId, now);
  const draft = await draftResultFile(db, dossierId);
  if (draft) return { pdf: draft.content, title: doc.title };
  return { pdf: await renderResult(doc), title: doc.title };
}

/** The dossier's signed result in force (code and hash), or undefined. */
export const signedResult = (db: Db, dossierId: string) => signedResultOf(db, dossierId);

/** Who may preview a dossier's draft result: a leader of its commune, or a specialist or unit head of the unit that
 *  handles its procedure (they prepare and check the result). */
export const RESULT_ROLES = ['specialist', 'unit_head', 'leader'] as const;

/**
 * The draft result of a dossier for the staff preview: 404 when the caller may not see the dossier (the dossier
 * store's scope), 403 when they see it but are not of the handling unit. Each preview is in the access log (the
 * result carries personal data).
 */
export async function previewResult(db: Db, p: Principal, dossierId: string, now: Date): Promise<{ pdf: Buffer; title: string; fileName: string }> {
  const row = await loadDossier(db, p, dossierId);
  if (!row) throw notFound('hồ sơ');
  if (!mayPrepareResult(p)) throw forbidden('Chỉ công chức chuyên môn, lãnh đạo đơn vị giải quyết hoặc lãnh đạo Ủy ban nhân dân xã xem được dự thảo kết quả.');
  if (!hasRole(p, 'leader')) {
    const proc = await procedureVersion(db, row.procedure_code, row.procedure_version);
    const unit = (await listUnits(db, p.communeId)).find((u) => u.code === proc?.handlingUnitCode);
    if (!unit || unit.id !== p.unitId) throw forbidden('Hồ sơ không thuộc đơn vị giải quyết của bạn.');
  }
  const r = await resultPdfFor(db, dossierId, now);
  await logAccess(db, principalKey(p), 'preview_result', dossierId);
  return { ...r, fileName: `du-thao-ket-qua-${(row.code ?? row.reference).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf` };
}

export const mayPrepareResult = (p: Principal) => hasRole(p, ...RESULT_ROLES);

/**
 * The draft result sent to the applicant to check (online civil-status registration), for the applicant whose right
 * to it the caller checked (the lookup proof) and who was sent one (the caller checks the draft is waiting). Each
 * read is in the access log under `actor`.
 */
export async function draftForApplicant(db: Db, dossierId: string, now: Date, actor: string): Promise<{ pdf: Buffer; fileName: string }> {
  const row = await loadDossier(db, null, dossierId);
  if (!row) throw notFound('hồ sơ');
  const r = await resultPdfFor(db, dossierId, now);
  await logAccess(db, actor, 'applicant_draft_result', dossierId);
  return { pdf: r.pdf, fileName: `du-thao-ket-qua-${(row.code ?? row.reference).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf` };
}

/** The signed results in force of several dossiers: dossier id → verification code (the citizen's list). */
export const signedResults = (db: Db, dossierIds: readonly string[]) => signedResultsOf(db, dossierIds);

/**
 * The signed result file of a dossier for its applicant, whose right to it the caller checked (the e-identity
 * session of its owner, or the lookup proof), or null when the dossier has none. The download is in the dossier's
 * access log under `actor` (signedFileOf).
 */
export async function resultFileFor(db: Db, dossierId: string, actor: string): Promise<{ pdf: Buffer; code: string; fileName: string } | null> {
  const s = await signedResultOf(db, dossierId);
  if (!s) return null;
  const pdf = await signedFileOf(db, s, actor);
  if (!pdf) return null;
  return { pdf, code: s.code, fileName: `ket-qua-${formatCode(s.code)}.pdf` };
}
