// Lockout after repeated failures at a guessed secret (e.g. the status lookup's second factor): after `max`
// failures for one subject within `windowMinutes`, further tries are refused until the window has passed,
// whoever makes them (a per-subject lock stops guessing from many addresses).
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AttemptPolicy {
  kind: string;
  max: number;
  windowMinutes: number;
}

/** Status lookups: 5 wrong second factors for one dossier code lock it for 15 minutes. */
export const LOOKUP_POLICY: AttemptPolicy = { kind: 'lookup', max: 5, windowMinutes: 15 };

/** What the caller is told while a subject is locked. */
export const lockedMessage = (p: AttemptPolicy) => `Đã nhập sai quá nhiều lần. Vui lòng thử lại sau ${p.windowMinutes} phút.`;

const subjectOf = (p: AttemptPolicy, value: string) => crypto.createHash('sha256').update(`${p.kind}:${value}`).digest('hex');

/** The count of failures for this subject within the window, as a query (to embed as a scalar subquery). */
export const failuresQuery = (db: Kysely<Database>, p: AttemptPolicy, value: string, now: Date) =>
  db
    .selectFrom('failed_attempts')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('subject', '=', subjectOf(p, value))
    .where('at', '>', new Date(now.getTime() - p.windowMinutes * 60_000));

/** Failures recorded for this subject within the window (locked when ≥ p.max). */
export async function recentFailures(db: Kysely<Database>, p: AttemptPolicy, value: string, now: Date): Promise<number> {
  return (await failuresQuery(db, p, value, now).executeTakeFirstOrThrow()).n;
}

/** The failure counts of two subjects within their windows, in one query (e.g. a username and an address). */
export async function failuresOfBoth(
  db: Kysely<Database>, a: { policy: AttemptPolicy; value: string }, b: { policy: AttemptPolicy; value: string }, now: Date,
): Promise<[number, number]> {
  const r = await db
    .selectNoFrom([failuresQuery(db, a.policy, a.value, now).as('a'), failuresQuery(db, b.policy, b.value, now).as('b')])
    .executeTakeFirstOrThrow();
  return [r.a ?? 0, r.b ?? 0];
}

export async function recordFailure(db: Kysely<Database>, p: AttemptPolicy, value: string, now: Date): Promise<void> {
  await db.insertInto('failed_attempts').values({ subject: subjectOf(p, value), at: now }).execute();
}

export async function clearFailures(db: Kysely<Database>, p: AttemptPolicy, value: string): Promise<void> {
  await db.deleteFrom('failed_attempts').where('subject', '=', subjectOf(p, value)).execute();
}
