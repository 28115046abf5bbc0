// Location-independent receipt (phi địa giới; NĐ 118/2025, NĐ 120/2025 for civil status; domain.md §2.2): the rules of
// a dossier received by one commune's centre for another commune's authority. Pure: the service gives it the two
// communes and the caller's.
//
// The dossier is held by one commune at a time (`commune_id`): the receiving commune until the transfer, then the
// competent one, which processes it. The receiving commune keeps following it, and does only the steps that are its
// own: sending the originals, receiving the paper result back, and returning it when the citizen asked to collect it
// where they filed.

import type { ActionType } from './actions.ts';
import { dossierError, type DossierError } from './errors.ts';
import type { DossierProjection, PapersDirection } from './projection.ts';
import { S } from './states.ts';

/** Whether the dossier was transferred to a competent commune. */
export const isTransferred = (p: Pick<DossierProjection, 'competentCommuneId'>): boolean => (p.competentCommuneId ?? null) !== null;

/** Which way paper would travel if sent now: the paper result once processed, the originals before. */
export const papersDirectionNow = (p: Pick<DossierProjection, 'state'>): PapersDirection =>
  p.state === S.PROCESSED ? 'to_receiving' : 'to_competent';

/** Whether the receiving centre returns the result (the citizen collects it where they filed). */
export const returnedAtReceivingCentre = (p: Pick<DossierProjection, 'competentCommuneId' | 'resultAt'>): boolean =>
  isTransferred(p) && p.resultAt === 'receiving_centre';

/** The history rules of the transfer actions and of the return of a transferred dossier's result (after access). */
export function transferPreconditions(p: DossierProjection, type: ActionType): DossierError | null {
  switch (type) {
    case 'transfer_to_competent':
      return isTransferred(p) ? dossierError('ALREADY_TRANSFERRED') : null;
    case 'send_papers':
      if (!isTransferred(p)) return dossierError('NOT_TRANSFERRED');
      if (p.papersInTransit) return dossierError('PAPERS_IN_TRANSIT');
      if (papersDirectionNow(p) === 'to_receiving') {
        if (p.resultAt !== 'receiving_centre') return dossierError('RESULT_NOT_AT_RECEIVING_CENTRE');
        if (p.resultPapersReceivedAt) return dossierError('RESULT_PAPERS_ALREADY_BACK');
      }
      return null;
    case 'receive_papers':
      if (!isTransferred(p)) return dossierError('NOT_TRANSFERRED');
      return p.papersInTransit ? null : dossierError('NO_PAPERS_IN_TRANSIT');
    case 'return_result':
      return returnedAtReceivingCentre(p) && !p.resultPapersReceivedAt ? dossierError('RESULT_PAPERS_NOT_RECEIVED') : null;
    default:
      return null;
  }
}

/** The two communes of a dossier, and the caller's. */
export interface CommuneSides {
  /** The commune holding the dossier (`commune_id`). */
  readonly holding: string;
  /** The commune whose centre received it (`receiving_commune_id`). */
  readonly receiving: string;
  /** The caller's commune. */
  readonly caller: string;
}

/** The steps the receiving commune still takes on a dossier it transferred. */
const RECEIVING_SIDE_STEPS: ReadonlySet<ActionType> = new Set(['send_papers', 'receive_papers', 'return_result']);

/**
 * Whether the caller's commune may take `type` on the dossier, by which side it is: the holding commune does all but
 * the receiving side's paper steps; the receiving commune, once the dossier left it, only its own paper steps and the
 * return at its centre. A caller of neither commune never reaches here (the dossier is not found).
 */
export function communeSideCheck(p: DossierProjection, type: ActionType, sides: CommuneSides): DossierError | null {
  const holding = sides.caller === sides.holding;
  const receivingSide = !holding && sides.caller === sides.receiving;
  if (!holding && !receivingSide) return dossierError('DOSSIER_NOT_FOUND');
  if (!holding && !RECEIVING_SIDE_STEPS.has(type)) return dossierError('RECEIVING_COMMUNE_ONLY_FOLLOWS');
  if (!isTransferred(p) || sides.holding === sides.receiving) return null;
  switch (type) {
    case 'send_papers': // the originals leave the receiving centre; the paper result leaves the competent commune
      return (papersDirectionNow(p) === 'to_competent') === receivingSide ? null : dossierError('NOT_PAPERS_SENDER');
    case 'receive_papers':
      return p.papersInTransit === null || (p.papersInTransit === 'to_receiving') === receivingSide
        ? null : dossierError('NOT_PAPERS_RECIPIENT');
    case 'return_result': // NĐ 118/2025: the result is returned where the citizen asked
      if (returnedAtReceivingCentre(p)) return receivingSide ? null : dossierError('RESULT_RETURNED_AT_RECEIVING_CENTRE');
      return receivingSide ? dossierError('RECEIVING_COMMUNE_ONLY_FOLLOWS') : null;
    default:
      return null;
  }
}
