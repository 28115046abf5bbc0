// The dossier projection: the current state of a dossier, derived from its append-only action log (model: OpenCRVS
// v2, status as a pure projection of actions). Each event records the field values it set, computed by `decide`
// at the time (including deadlines from the calendar of that day), so replaying never recomputes a deadline and an
// edited holiday table cannot rewrite history. `decide` builds its result with `applyEvent`, the same function
// `replay` folds, so the two cannot diverge.

import { ACTION_TYPES, type ActionType } from './actions.ts';
import type { PausingState } from '../../catalogue/core/types.ts';
import type { Payload, ProposalOutcome, ResultPlace, ReturnChannel } from './payload.ts';
import type { Actor } from './roles.ts';
import type { FromState, StateCode } from './states.ts';

export interface Proposal {
  readonly text: string;
  readonly outcome: ProposalOutcome;
  readonly proposedBy: string;
}

export type Outcome = 'granted' | 'rejected';

export interface DossierProjection {
  readonly state: StateCode;
  /** Number of events applied; the store can use it for optimistic concurrency (event `seq` = version). */
  readonly version: number;
  /** Time of the last event; commands may not be dated earlier. */
  readonly lastActionAt: Date;
  /** Account of the applicant, when known; a citizen may act only on their own dossier. */
  readonly applicantId: string | null;
  /** The one-stop desk that received the dossier (domain.md §2.2 `receivingUnit`; sets the code prefix). */
  readonly receivingUnitCode: string | null;
  /**
   * By when an online submission must be received or refused (RECEIPT_TIME, core/receipt.ts): set on submission and
   * again when a supplement asked for before receipt comes back. Kept after receipt, as history.
   */
  readonly receiptDueAt: Date | null;
  /**
   * When a complete online dossier was filed: the submission, or the supplement asked for before receipt. Its
   * statutory time counts from here (the next working time after it), not from the officer's receipt (NĐ 45/2020
   * and NĐ 118/2025: a dossier filed outside office hours is received from the start of the next working time).
   * Null for counter dossiers and for dossiers filed before this field existed.
   */
  readonly filedAt: Date | null;
  readonly receivedAt: Date | null;
  /** When the statutory time starts counting: the filing (online) or the receipt (counter), before the calendar moves
   *  it to the next working time. Null before receipt and for dossiers received before this field existed. */
  readonly clockStartAt: Date | null;
  /** The procedure's case with its own statutory time (catalogue `timeVariants`); null = the default time. */
  readonly timeCase: string | null;
  /** The applicant checks the draft e-certificate before it is signed (online civil-status registration), set at
   *  receipt from the procedure and channel. Absent (false) in projections stored before it existed. */
  readonly draftConfirmation: boolean;
  /** When the draft result was sent to the applicant to check; null when none is waiting (not sent, or cleared by a
   *  correction request or a new proposal). */
  readonly draftSentAt: Date | null;
  /** When the applicant confirmed the draft sent at `draftSentAt`. */
  readonly draftConfirmedAt: Date | null;
  /**
   * Current promised return time (Giấy tiếp nhận, or the apology's new date once extended). Shifted by clock
   * pauses. Use it for alerts and for the citizen.
   */
  readonly dueAt: Date | null;
  /**
   * Statutory return time: computed at receipt, shifted by clock pauses (supplement time is excluded, QĐ 766 chỉ
   * tiêu 2.1), never by the apology/extension. On-time statistics compare against this (domain.md §2.7).
   */
  readonly originalDueAt: Date | null;
  /** New return time set by the apology/extension (BM.04); null if none. Shifted by later clock pauses. */
  readonly extendedDueAt: Date | null;
  /** The statutory clock is paused since this instant (supplement / financial obligation, per procedure). */
  readonly pausedAt: Date | null;
  /** Why the clock is paused; null when it runs. */
  readonly pausedState: PausingState | null;
  /** Supplement requests after receipt (requests before receipt do not count, QĐ 766 chỉ tiêu 2.1). */
  readonly supplementCount: number;
  readonly extensionCount: number;
  readonly currentUnitCode: string | null;
  readonly assigneeId: string | null;
  readonly proposal: Proposal | null;
  /** The signer the proposal was submitted to (Trình ký), as an actor id; cleared by the approval or a send-back. */
  readonly signatureRequestedOf: string | null;
  readonly approvedBy: string | null;
  /** The verification code of the signed result (src/signatures), set by the approval that signed it. */
  readonly signedResultCode: string | null;
  readonly outcome: Outcome | null;
  readonly resultIssuedAt: Date | null;
  readonly returnedAt: Date | null;
  readonly returnChannel: ReturnChannel | null;
  /** A second supplement request was allowed by configuration; QĐ 766 counts the dossier as late. */
  readonly lateBySupplementRule: boolean;
  /**
   * End of processing (NgayKetThucXuLy): set on entering 3, 7, 8 or 9; delivery (10) does not move it. If the clock
   * was paused when the dossier ended (withdrawn or stopped while waiting), `pausedAt` stays set.
   */
  readonly finishedAt: Date | null;
  /** Location-independent receipt (domain.md §2.2): the competent commune the dossier was transferred to by the
   *  commune that received it; null while it stays with its receiving commune. */
  readonly competentCommuneId: string | null;
  /** The competent commune's one-stop desk the dossier was transferred to, where it goes back with its result. */
  readonly competentDeskCode: string | null;
  readonly transferredAt: Date | null;
  /** Where the citizen receives the result of a transferred dossier. */
  readonly resultAt: ResultPlace | null;
  /** Paper on the road between the two communes: the originals to the competent commune, or the paper result back
   *  to the receiving centre; null when none is travelling. */
  readonly papersInTransit: PapersDirection | null;
  /** When the receiving centre received the paper result back (it may then return it to the citizen). */
  readonly resultPapersReceivedAt: Date | null;
}

/** Which way paper travels: to the competent commune (the originals) or back to the receiving centre (the result). */
export type PapersDirection = 'to_competent' | 'to_receiving';

/** Fields an event may set; `state`, `version` and `lastActionAt` come from the event itself. */
export type ProjectionChanges = Partial<Omit<DossierProjection, 'state' | 'version' | 'lastActionAt'>>;

/** A hand-over of the dossier (one row of the Phiếu kiểm soát, BM.05). The service classifies it as early,
 * on time or late with the calendar's handoverResult. */
export interface Handover {
  readonly fromUnit: string | null;
  readonly toUnit: string;
  readonly fromAssigneeId: string | null;
  readonly toAssigneeId: string | null;
  readonly at: Date;
  /** The commune the dossier moved to, when the hand-over crosses communes (transfer to the competent commune). */
  readonly toCommune?: string;
}

export interface ActionEvent {
  readonly type: ActionType;
  /** 1-based position in the dossier's log (= projection version after applying it). */
  readonly seq: number;
  readonly at: Date;
  readonly actor: Actor;
  readonly fromState: FromState;
  readonly toState: StateCode;
  /** The validated command payload (reason, items, …): what the forms print. */
  readonly payload: Payload;
  /** The projection fields this event set. */
  readonly changes: ProjectionChanges;
  readonly handover: Handover | null;
}

const EMPTY: Omit<DossierProjection, 'state' | 'version' | 'lastActionAt'> = {
  applicantId: null,
  receivingUnitCode: null,
  receiptDueAt: null,
  filedAt: null,
  receivedAt: null,
  clockStartAt: null,
  timeCase: null,
  draftConfirmation: false,
  draftSentAt: null,
  draftConfirmedAt: null,
  dueAt: null,
  originalDueAt: null,
  extendedDueAt: null,
  pausedAt: null,
  pausedState: null,
  supplementCount: 0,
  extensionCount: 0,
  currentUnitCode: null,
  assigneeId: null,
  proposal: null,
  signatureRequestedOf: null,
  approvedBy: null,
  signedResultCode: null,
  outcome: null,
  resultIssuedAt: null,
  returnedAt: null,
  returnChannel: null,
  lateBySupplementRule: false,
  finishedAt: null,
  competentCommuneId: null,
  competentDeskCode: null,
  transferredAt: null,
  resultAt: null,
  papersInTransit: null,
  resultPapersReceivedAt: null,
};

/** Thrown when an event log is not a valid sequence (corruption, missing or reordered events). */
export class EventLogError extends Error {
  override name = 'EventLogError';
}

/** Applies one event. Throws EventLogError if the event does not follow `prev`. */
export function applyEvent(prev: DossierProjection | null, event: ActionEvent): DossierProjection {
  const state = prev?.state ?? null;
  const version = prev?.version ?? 0;
  if (event.fromState !== state) {
    throw new EventLogError(`Event ${event.seq} (${event.type}) starts from ${event.fromState}, dossier is in ${state}`);
  }
  if (event.seq !== version + 1) {
    throw new EventLogError(`Event ${event.seq} (${event.type}) follows version ${version}`);
  }
  return { ...EMPTY, ...prev, ...event.changes, state: event.toState, version: event.seq, lastActionAt: event.at };
}

/** Rebuilds the projection from the dossier's ordered event log. */
export function replay(events: readonly ActionEvent[]): DossierProjection {
  const result = events.reduce<DossierProjection | null>(applyEvent, null);
  if (result === null) throw new EventLogError('An event log needs at least one event');
  return result;
}

/** The date-valued projection fields; the compile-time check below keeps the list complete. */
export const PROJECTION_DATE_FIELDS = [
  'lastActionAt', 'receiptDueAt', 'filedAt', 'receivedAt', 'clockStartAt', 'draftSentAt', 'draftConfirmedAt', 'dueAt', 'originalDueAt',
  'extendedDueAt', 'pausedAt', 'resultIssuedAt', 'returnedAt', 'finishedAt', 'transferredAt', 'resultPapersReceivedAt',
] as const;

type DateField = { [K in keyof DossierProjection]-?: Date extends DossierProjection[K] ? K : never }[keyof DossierProjection];
type Missing = Exclude<DateField, (typeof PROJECTION_DATE_FIELDS)[number]>;
const allDateFieldsListed: [Missing] extends [never] ? true : Missing = true;
void allDateFieldsListed;

type Json = Record<string, unknown>;

function reviveDates(obj: Json, fields: readonly string[]): Json {
  const out: Json = { ...obj };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = new Date(v);
  }
  return out;
}

/** Turns an event read back from JSON storage (dates as ISO strings) into an ActionEvent. */
export function reviveEvent(json: Json): ActionEvent {
  if (!ACTION_TYPES.includes(json.type as ActionType)) throw new EventLogError(`Unknown event type ${String(json.type)}`);
  const handover = json.handover as Json | null;
  return {
    ...json,
    at: new Date(json.at as string),
    payload: reviveDates((json.payload ?? {}) as Json, ['newDueAt']),
    changes: reviveDates((json.changes ?? {}) as Json, PROJECTION_DATE_FIELDS),
    handover: handover ? reviveDates(handover, ['at']) : null,
  } as unknown as ActionEvent;
}
