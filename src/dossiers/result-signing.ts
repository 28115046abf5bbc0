// The signing steps of the dossier service (issue 11): who may be asked to sign ("Trình ký"), and the approval that
// signs the result. The core decides (core/preconditions.ts, core/decide.ts); this file does what the decision
// needs of the outside world, in the caller's transaction: the signer's record, the result PDF (src/results), the
// PAdES signatures (src/signatures), and the signed file kept as the dossier's result. A failure anywhere here
// throws, and the whole action (approval included) rolls back.
// NĐ 45/2020/NĐ-CP Điều 14 (as amended by NĐ 107/2021/NĐ-CP): the e-result carries the digital signatures of the
// competent person and of the agency.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { resultPdfFor } from '../results/service.ts';
import { signDocument, type SigningDeps } from '../signatures/service.ts';
import { formatCode } from '../signatures/core/code.ts';
import { RESULT_COMPONENT, applyEvent, type ActionEvent, type DossierProjection } from './core/index.ts';
import { insertDossierFile } from './files-store.ts';
import { activeStaffMember, type DossierRow } from './store.ts';

type Db = Kysely<Database>;

/** What signing needs besides the transaction: the public address (QR code) and the certificate authority. */
export type ResultSigning = Omit<SigningDeps, 'db' | 'now'>;


/**
 * The signer a proposal is submitted to: an active leader of the commune (lãnh đạo Ủy ban nhân dân), or the head of
 * the unit handling the dossier (NĐ 118/2025: the competent person or the one they authorise). 422 otherwise.
 */
export async function checkSigner(db: Db, row: DossierRow, signerId: string | undefined): Promise<void> {
  const staff = signerId ? await activeStaffMember(db, row.commune_id, Number(signerId)) : undefined;
  const roles = staff?.roles ?? [];
  const fits = roles.includes('leader') || (roles.includes('unit_head') && staff?.unit_id === row.current_unit_id);
  if (!fits) {
    throw new Problem(422, 'UNKNOWN_SIGNER',
      'Người ký phải là lãnh đạo Ủy ban nhân dân xã hoặc trưởng đơn vị đang giải quyết hồ sơ, đang công tác.');
  }
}

/**
 * Signs the dossier's result for an approval `decide` accepted: the PDF from src/results (the attached draft, the
 * generated document, or the written refusal), signed by the approver and the commune, kept as the dossier's result
 * file; the event then records the verification code (signedResultCode), and the projection is rebuilt from it.
 */
export async function signApproval(
  trx: Db, signing: ResultSigning | undefined, who: Principal, row: DossierRow, prev: DossierProjection, event: ActionEvent, now: Date,
): Promise<{ next: DossierProjection; event: ActionEvent }> {
  if (!signing) throw new Problem(503, 'SIGNING_UNAVAILABLE', 'Chưa ký số được lúc này; vui lòng thử lại sau.');
  if (who.kind !== 'staff') throw new Problem(403, 'SIGNER_NOT_A_PERSON', 'Chỉ cán bộ có thẩm quyền mới ký số được kết quả.');
  const { pdf, title } = await resultPdfFor(trx, row.id, now);
  const signed = await signDocument({ ...signing, db: trx, now: () => now }, {
    communeId: row.commune_id, signerStaffId: who.id, pdf, title, dossierId: row.id,
  });
  await insertDossierFile(trx, {
    dossierId: row.id, componentCode: RESULT_COMPONENT, fileName: `ket-qua-da-ky-so-${formatCode(signed.code)}.pdf`,
    sha256: signed.sha256, reused: false, fromStore: false, uploadedBy: who.id,
  });
  const signedEvent: ActionEvent = { ...event, changes: { ...event.changes, signedResultCode: signed.code } };
  return { next: applyEvent(prev, signedEvent), event: signedEvent };
}
