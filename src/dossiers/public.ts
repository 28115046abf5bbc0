// The status lookup by code (or reference) + the last 4 digits of the ID number, shared by the JSON endpoint
// (public-routes.ts) and the portal's status pages (src/web/portal). A dossier received at the counter without an ID
// number (with the reason recorded, identity/citizens/core/desk-id.ts) is looked up by the last 4 digits of the
// applicant's phone instead, the number written on its receipt. Queries in public-store.ts.
import type { FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { LOOKUP_POLICY, attemptSubject, claimAttempts, purgeEndedAttempts, type Claims } from '../shared/attempts-store.ts';
import { RATE_LIMITED, rateLimitedMessage, writeAttempts, type WriteKind } from '../shared/rate-limits.ts';
import { guardedLookupRow, type DossierRef, type LookedUpDossier } from './public-store.ts';
import { isDossierCode, parseReference } from './core/index.ts';

export { archivedLog } from './store.ts';
export { loadPublicDossier, publicTimeline, type DossierRef, type LookedUpDossier, type PublicDossier, type PublicEvent } from './public-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a typed name of a dossier is: its reference (in any case and spacing: core/reference.ts), its id (the
 *  links of the first online submissions), or else taken as a code (upper case). */
export function dossierRef(typed: string): DossierRef {
  const t = typed.trim();
  if (UUID.test(t)) return { id: t.toLowerCase() };
  const code = t.replace(/\s+/g, '').toUpperCase();
  const reference = isDossierCode(code) ? null : parseReference(t);
  return reference ? { reference } : { code };
}

/**
 * The dossier with this code (or reference: online dossiers have no code before receipt; or id) if `idLast4` are the
 * last 4 digits of the applicant's ID number (of the phone for a dossier without one); null otherwise, with the same
 * work and the same answer whether the code or the digits are wrong, so that codes cannot be enumerated. Behind a
 * lock: 5 wrong answers for one code lock it for 15 minutes, whoever tries; 'locked' while locked. The attempt is
 * counted and decided in the same statement as the dossier is read (public-store.ts guardedLookupRow), under the
 * counter's row lock, so that however many guesses arrive at once, at most 5 are compared per window; a right answer
 * clears the count. One statement on the primary: the count is a write, so the lookup is not served by the replica.
 */
export async function guardedLookup(
  db: Kysely<Database>, ref: DossierRef, idLast4: string, now: Date, opts: { events?: boolean } = {},
): Promise<LookedUpDossier | null | 'locked'> {
  const key = 'code' in ref ? ref.code : 'reference' in ref ? ref.reference : ref.id;
  const given = /^[0-9]{4}$/.test(idLast4) ? idLast4 : '????';
  const guard = { ...attemptSubject(LOOKUP_POLICY, key), max: LOOKUP_POLICY.max, windowEndsAt: new Date(now.getTime() + LOOKUP_POLICY.windowMinutes * 60_000) };
  const row = await guardedLookupRow(db, ref, given, guard, now, opts.events ?? false);
  if (row !== 'locked' && Math.random() < 0.01) await purgeEndedAttempts(db, now);
  return row;
}

/**
 * Counts one anonymous write against its client address and its target (shared/rate-limits.ts) before it is done, in
 * one statement; refused (ok false, with when to retry) past either limit.
 */
export const limitWrite = (db: Kysely<Database>, kind: WriteKind, address: string, target: string, now: Date): Promise<Claims> =>
  claimAttempts(db, writeAttempts(kind, address, target), now);

/** The 429 problem of a refused write (RFC 9457, code RATE_LIMITED), with its Retry-After header. */
export function rateLimited(reply: FastifyReply, c: Claims): Problem {
  void reply.header('Retry-After', String(c.retryAfterSeconds));
  return new Problem(429, RATE_LIMITED, rateLimitedMessage(c.retryAfterSeconds));
}

/** An anonymous write's limit, for an API route: throws the 429 problem when refused. */
export async function requireWriteAllowed(
  db: Kysely<Database>, reply: FastifyReply, kind: WriteKind, address: string, target: string, now: Date,
): Promise<void> {
  const c = await limitWrite(db, kind, address, target, now);
  if (!c.ok) throw rateLimited(reply, c);
}
