// Public API of the pure dossier lifecycle core (no I/O). The service and HTTP routes import from here only.

export { S, STATES, STATE_CODES, isStateCode, isTerminal, stateName } from './states.ts';
export type { FromState, StateCode, StateInfo, StateKey } from './states.ts';
export { ROLES, UNIT_SCOPED_ROLES, roleName } from './roles.ts';
export type { Actor, Role } from './roles.ts';
export {
  ACTIONS, ACTION_TYPES, actionLabel, actionsFrom, isActionType, isAllowedFrom, isEndpointAction, resolveTarget, ruleOf, targetsOf,
} from './actions.ts';
export type { ActionRule, ActionType, ActionVia, EndpointAction, HandoverKind, Target } from './actions.ts';
export { BASE_TIME_CASE, PAYLOAD_FIELDS, parsePayload } from './payload.ts';
export type { AttachedFile, Payload, PayloadField, PayloadInput, PaymentMethod, ProposalOutcome, ResultPlace, ReturnChannel } from './payload.ts';
export { ERRORS, dossierError } from './errors.ts';
export type { DossierError, DossierErrorCode } from './errors.ts';
export { EventLogError, PROJECTION_DATE_FIELDS, applyEvent, replay, reviveEvent } from './projection.ts';
export type { ActionEvent, DossierProjection, Handover, Outcome, PapersDirection, ProjectionChanges, Proposal } from './projection.ts';
export { availableActions, checkAccess, checkNow, decide } from './decide.ts';
export { RESULT_COMPONENT } from './result.ts';
export { checkPreconditions, requestedSignerOf, signedResultOf } from './preconditions.ts';
export type { Command, DecideContext, DecideResult } from './decide.ts';
export { dossierCodePrefix, formatDossierCode, isDossierCode, SEQUENCE_DIGITS, parseDossierCode, vietnamDate } from './code.ts';
export type { ParsedDossierCode } from './code.ts';
export { canonicalJson, entryHash, hashChain, verifyChain } from './hash-chain.ts';
export type { HashedEntry } from './hash-chain.ts';
export { RECEIPT_TIME } from './receipt.ts';
export { REFERENCE_ALPHABET, REFERENCE_PATTERN, formatReference, isReference, parseReference } from './reference.ts';
export { communeSideCheck, isTransferred, papersDirectionNow, returnedAtReceivingCentre, transferPreconditions } from './transfer.ts';
export type { CommuneSides } from './transfer.ts';
