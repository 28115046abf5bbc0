// The status lookup by code (or reference) + the last 4 digits of the ID number, shared by the JSON endpoint
// (public-routes.ts) and the portal's status pages (src/web/portal). A dossier received at the counter without an ID
// number (with the reason recorded, identity/citizens/core/desk-id.ts) is looked up by the last 4 digits of the
// applicant's phone instead, the number written on its receipt. Queries in public-store.ts.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { LOOKUP_POLICY, clearFailures, recentFailures, recordFailure } from '../shared/attempts-store.ts';
import { lookupRow, type BriefEvent, type DossierRef, type PublicDossier } from './public-store.ts';
import { isDossierCode, parseReference } from './core/index.ts';

export { loadPublicDossier, publicTimeline, type DossierRef, type PublicDossier, type PublicEvent } from './public-store.ts';

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

/** The second factor a dossier expects: the last 4 digits of the applicant's ID number or, only when it has none,
 *  of the applicant's phone (a dossier with neither, or no dossier, expects what no one can type). */
export function secondFactor(row: { applicant_id_number: string | null; applicant_phone: string | null } | undefined): string {
  const digits = row?.applicant_id_number || (row?.applicant_phone ?? '').replace(/\D/g, '');
  return digits.slice(-4).padStart(4, '#');
}

/**
 * The dossier with this code (or reference: online dossiers have no code before receipt; or id) if `idLast4` are the
 * last 4 digits of the applicant's ID number (of the phone for a dossier without one: secondFactor); null otherwise,
 * with the same work and the same answer whether the code or the digits are wrong, so that codes cannot be
 * enumerated. Behind a lockout: 5 wrong answers for one reference lock it for 15 minutes, whoever tries
 * (src/shared/attempts-store.ts), so that the 4 digits cannot be guessed either; 'locked' while locked. The usual right
 * answer costs one query (the failure count is a subquery of it).
 */
export async function guardedLookup(
  db: Kysely<Database>, ref: DossierRef, idLast4: string, now: Date, opts: { events?: boolean } = {},
): Promise<(PublicDossier & { events: BriefEvent[] | null }) | null | 'locked'> {
  const key = 'code' in ref ? ref.code : 'reference' in ref ? ref.reference : ref.id;
  const row = await lookupRow(db, ref, LOOKUP_POLICY, key, now, opts.events ?? false);
  const failures = row ? (row.failures ?? 0) : await recentFailures(db, LOOKUP_POLICY, key, now);
  if (failures >= LOOKUP_POLICY.max) return 'locked';
  const expected = Buffer.from(secondFactor(row));
  const given = Buffer.from(/^[0-9]{4}$/.test(idLast4) ? idLast4 : '????');
  if (!crypto.timingSafeEqual(expected, given) || !row) {
    await recordFailure(db, LOOKUP_POLICY, key, now);
    return null;
  }
  if (failures > 0) await clearFailures(db, LOOKUP_POLICY, key);
  const { applicant_id_number: _secret, applicant_phone: _phone, failures: _count, ...rest } = row;
  return rest;
}
