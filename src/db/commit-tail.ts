// What a transaction leaves for its last statement (issue 16, the lean intake). An idempotent request
// (src/http/idempotency.ts) stores its response in the statement just before COMMIT; a transaction that opened a tail
// lets the work it ran put two things off to that statement:
//   - the dossier code: the receiving unit's daily counter row (domain.md §2.4) is the one row every intake of a unit
//     waits on, so it is locked in the last statement, not four round trips before the commit. Until then the
//     dossier, its response and its notices carry a placeholder (`codeToken`) the last statement replaces;
//   - the access-log entries of the personal data the response shows (they go in with the stored response, which
//     keeps them for a replay to log again), and the notices to the applicant (which show the code).
// Without a tail (any other transaction) nothing is put off: the code is drawn and the entries written at once.
// Data only; the statement is built by src/http/idempotency-store.ts.

/** A dossier code drawn at the end: the counter of `unitId` for `day`, formatted as `prefix` + the padded number. */
export interface DeferredCode {
  dossierId: string;
  token: string;
  unitId: number;
  /** The day of receipt (Vietnam), the counter's key. */
  day: string;
  /** `<agency e-identifier>-<YYMMDD>-` (core/code.ts dossierCodePrefix). */
  prefix: string;
}

export interface AccessEntry {
  actor: string;
  action: string;
  dossierId: string | null;
  detail: object;
}

export interface CommitTail {
  codes: DeferredCode[];
  access: AccessEntry[];
  /** Notices to the applicant (notifications rows, as columns), written with the code in place. */
  notices: object[];
}

const tails = new WeakMap<object, CommitTail>();

/** Opens the tail of a transaction (its Kysely handle). */
export function openTail(trx: object): CommitTail {
  const t: CommitTail = { codes: [], access: [], notices: [] };
  tails.set(trx, t);
  return t;
}

/** The tail of this transaction handle, if one was opened. */
export const tailOf = (db: object): CommitTail | undefined => tails.get(db);

/** The placeholder of a dossier's code until the last statement: letters and digits only, so that it survives JSON
 *  and URL encoding unchanged and is replaced wherever the response or a notice shows it. */
export const codeToken = (dossierId: string): string => `XASOPENDINGCODE${dossierId.replaceAll('-', '')}`;

/** Replaces the placeholders of `codes` in a value (the response sent to the caller) by the drawn codes. */
export function withCodes<T>(value: T, drawn: ReadonlyMap<string, string>): T {
  if (!drawn.size || value === undefined) return value;
  let text = JSON.stringify(value);
  for (const [token, code] of drawn) text = text.replaceAll(token, code);
  return JSON.parse(text) as T;
}
