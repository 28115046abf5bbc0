// The rules of the decision steps that depend on the dossier's history and on who acts, but not on the payload or
// the time: what `decide` checks right after access, and what `availableActions` checks so that an action that would
// fail now is not offered (the specialist does not see "Ban hành kết quả" before the approval).
//
// The signing path (issue 11): the specialist proposes (propose_result), submits the proposal to a signer
// (submit_for_signature, "Trình ký"); the signer approves and signs it digitally (approve) or sends it back with a
// comment (send_back); the signed result is then issued (issue_result, reject_not_eligible) and returned.

import { ACTIONS, type ActionType } from './actions.ts';
import { dossierError, type DossierError } from './errors.ts';
import type { ProposalOutcome } from './payload.ts';
import type { DossierProjection } from './projection.ts';
import type { Actor } from './roles.ts';
import { S } from './states.ts';
import { transferPreconditions } from './transfer.ts';

/** Projections stored before migration 021 lack the signing fields: read them as null. */
export const requestedSignerOf = (p: DossierProjection): string | null => p.signatureRequestedOf ?? null;
export const signedResultOf = (p: DossierProjection): string | null => p.signedResultCode ?? null;

/**
 * The history-dependent refusal of `type` by `actor` on `p`, or null. `p` is an existing dossier in a state the
 * action table allows, and `actor` passed the role and unit checks (checkAccess).
 */
export function checkPreconditions(p: DossierProjection, type: ActionType, actor: Actor): DossierError | null {
  switch (type) {
    case 'propose_result':
      if (p.approvedBy) return dossierError('ALREADY_APPROVED');
      // The signer signs what was submitted: the proposal changes only once it is sent back.
      if (requestedSignerOf(p)) return dossierError('AWAITING_SIGNATURE');
      return null;
    case 'submit_for_signature':
      if (!p.proposal) return dossierError('NO_PROPOSAL');
      if (p.approvedBy) return dossierError('ALREADY_APPROVED');
      // One signer at a time: to ask another, the signer sends the proposal back first.
      if (requestedSignerOf(p)) return dossierError('AWAITING_SIGNATURE');
      // The applicant checks the draft first (the time-dependent half, the one-day window, is decide's).
      if (draftToConfirm(p) && !p.draftSentAt) return dossierError('DRAFT_NOT_SENT');
      return null;
    case 'send_draft':
      if (!draftToConfirm(p)) return dossierError('DRAFT_NOT_REQUIRED');
      if (requestedSignerOf(p)) return dossierError('AWAITING_SIGNATURE');
      return p.draftSentAt ? dossierError('DRAFT_ALREADY_SENT') : null; // at the unit handling it, like the proposal
    case 'confirm_draft':
    case 'request_draft_correction':
      return p.draftSentAt && !p.draftConfirmedAt ? null : dossierError('DRAFT_NOT_SENT');
    case 'send_back':
      if (p.approvedBy) return dossierError('ALREADY_APPROVED');
      return requestedSignerCheck(p, actor);
    case 'approve':
      if (!p.proposal) return dossierError('NO_PROPOSAL');
      if (p.approvedBy) return dossierError('ALREADY_APPROVED');
      // Four eyes: whoever drafted the proposal cannot sign it, even when holding a signing role too.
      if (p.proposal.proposedBy === actor.id) return dossierError('SELF_APPROVAL_NOT_ALLOWED');
      return requestedSignerCheck(p, actor);
    case 'issue_result':
      return resultCheck(p, 'approve');
    case 'reject_not_eligible':
      return resultCheck(p, 'reject');
    case 'apologize_extend':
      // NĐ 118/2025 (restated in Lai Châu QĐ 88/2025 Đ3 k6): a new return date at most once.
      return p.extensionCount >= 1 ? dossierError('EXTENSION_ALREADY_USED') : null;
    case 'correct_declaration':
      return holderCheck(p, actor, ACTIONS.correct_declaration.label);
    case 'update_applicant': // who holds the dossier now, as for the declaration (TT 117/2026/TT-BCA: for the duty)
      return holderCheck(p, actor, ACTIONS.update_applicant.label);
    case 'set_time_case':
      // The apology's new date was promised to the applicant (BM.04): the case is settled before it.
      if (p.extensionCount >= 1) return dossierError('TIME_CASE_AFTER_EXTENSION');
      return holderCheck(p, actor, ACTIONS.set_time_case.label);
    case 'transfer_to_competent':
    case 'send_papers':
    case 'receive_papers':
    case 'return_result':
      return transferPreconditions(p, type);
    default:
      return null;
  }
}

/** The dossier's draft result waits for the applicant's check: an online civil-status registration (set at receipt)
 *  with a proposal to grant (a refusal is a letter, not a civil-status paper). */
export const draftToConfirm = (p: DossierProjection): boolean => (p.draftConfirmation ?? false) && p.proposal?.outcome === 'approve';

/** Only the signer the proposal was submitted to approves or sends it back (NĐ 30/2020: the signer of the text). */
function requestedSignerCheck(p: DossierProjection, actor: Actor): DossierError | null {
  const signer = requestedSignerOf(p);
  if (!signer) return dossierError('NOT_SUBMITTED_FOR_SIGNATURE');
  return signer === actor.id ? null : dossierError('NOT_REQUESTED_SIGNER');
}

/**
 * A result is issued only as approved and signed: the approved proposal must match what is issued (grant or written
 * refusal, NĐ 118/2025), and the e-result carries the competent person's and agency's digital signatures
 * (NĐ 45/2020 Đ14, as amended by NĐ 107/2021).
 */
function resultCheck(p: DossierProjection, expected: ProposalOutcome): DossierError | null {
  if (!p.approvedBy || !p.proposal) return dossierError('RESULT_NOT_APPROVED');
  if (p.proposal.outcome !== expected) return dossierError('PROPOSAL_OUTCOME_MISMATCH');
  if (!signedResultOf(p)) return dossierError('RESULT_NOT_SIGNED');
  return null;
}

/** Whether the dossier is still at the one-stop desk: submitted, received and not yet routed, or sent back for
 *  completion before receipt. */
export const atDesk = (p: Pick<DossierProjection, 'state' | 'receivedAt'>): boolean =>
  p.state === S.SUBMITTED || p.state === S.RECEIVED || (p.state === S.SUPPLEMENT_REQUESTED && p.receivedAt === null);

/**
 * Who corrects the declaration, or sets the case with its own time (the table allows the desk, specialists and unit
 * heads, unit-scoped): the receiving officer checks the dossier at receipt (NĐ 118/2025: completeness and accuracy),
 * so acts while it is at the desk; once routed, the specialist assigned to it or the head of the unit holding it (the
 * unit check is the table's).
 */
function holderCheck(p: DossierProjection, actor: Actor, action: string): DossierError | null {
  const desk = atDesk(p);
  if (actor.role === 'receiving_officer') return desk ? null : dossierError('ONLY_AT_DESK', { action });
  if (desk) return dossierError('NOT_YET_PROCESSING', { action });
  if (actor.role === 'specialist' && p.assigneeId !== actor.id) return dossierError('NOT_ASSIGNED_TO_YOU', { action });
  return null;
}
