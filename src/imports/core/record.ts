// What an imported dossier becomes (pure): its projection, the one history entry "Nhập từ hệ thống cũ" that creates
// it (the chain's first link, hashed by the service like every entry), and the indicator counts it contributes.
// The projection is built by the dossier core's own applyEvent, so that replaying the entry gives it back.
import { applyEvent, type ActionEvent, type DossierProjection, type ProjectionChanges } from '../../dossiers/core/projection.ts';
import type { Actor } from '../../dossiers/core/roles.ts';
import type { StateCode } from '../../dossiers/core/states.ts';
import { countsOf, type Count } from '../../indicators/core/contributions.ts';
import type { Step, ValidRow } from './validate.ts';

/** The logged action of an import (a history entry, not a command: no endpoint, no form). */
export const IMPORT_ACTION = 'import_legacy';
/** Its Vietnamese name, shown in the dossier's history. */
export const IMPORT_LABEL = 'Nhập từ hệ thống cũ';
/** The system actor that writes it. */
export const IMPORT_ACTOR: Actor = { id: 'system:nhap-du-lieu', role: 'system', unitCode: null };

export interface ImportedEntry {
  projection: DossierProjection;
  event: ActionEvent;
}

/** The history entry's payload: where the dossier came from and the earlier system's process history (TienTrinh). */
export interface ImportPayload {
  note: string;
  originalCode: string;
  file: string;
  row: number;
  history?: Step[];
}

export function importedEntry(r: ValidRow, o: { applicantId: string | null; receivingUnitCode: string; at: Date; file: string; row: number }): ImportedEntry {
  const received = r.receivedAt !== null;
  const paused = r.state === 5 ? 'supplement' : r.state === 6 ? 'financial_obligation' : null;
  const changes: ProjectionChanges = {
    applicantId: o.applicantId,
    receivingUnitCode: received || r.state === 3 ? o.receivingUnitCode : null,
    filedAt: r.channel === 'online' ? r.submittedAt : null,
    receivedAt: r.receivedAt,
    clockStartAt: r.receivedAt,
    dueAt: r.dueAt,
    originalDueAt: r.dueAt,
    currentUnitCode: r.unitCode,
    // A dossier waiting for a supplement or a payment: its clock is paused from the import on (the earlier system's
    // pause time is not in the contract), so the time left is not counted while it waits.
    pausedAt: paused ? o.at : null,
    pausedState: paused,
    resultIssuedAt: r.state === 9 || r.state === 10 ? r.finishedAt : null,
    finishedAt: r.finishedAt,
    returnedAt: r.returnedAt,
  };
  const payload: ImportPayload = { note: IMPORT_LABEL, originalCode: r.sourceCode, file: o.file, row: o.row, ...(r.steps.length ? { history: r.steps } : {}) };
  const event = {
    type: IMPORT_ACTION, seq: 1, at: o.at, actor: IMPORT_ACTOR, fromState: null, toState: r.state as StateCode,
    payload, changes, handover: null,
  } as unknown as ActionEvent;
  return { projection: applyEvent(null, event), event };
}

/** The Decision 766 counts of an imported dossier (indicators/core/contributions.ts): it has no file in Xã Số, so no
 *  e-result, reuse or store link; digitisation and VNeID are what the earlier system declared. */
export function importedCounts(r: ValidRow): Count[] {
  const f = r.procedure.flags;
  return countsOf({
    channel: r.channel,
    received: r.receivedAt !== null,
    eligibleFullOnline: f.eligibleFullOnline,
    returnsPaperResult: f.returnsPaperResult,
    // 3.6: a fee-bearing procedure's dossier for which the earlier system said how it was paid.
    feeDue: f.hasFee && r.paidOnline !== null,
    paidOnline: r.paidOnline === true,
    eResult: false,
    allComponentsDigitised: r.digitised,
    reusedComponent: false,
    linkedToStore: false,
    eid: r.eid,
    complained: false,
  });
}
