// Attempt limits that hold under concurrency (issue 13, finding 1): guesses at a secret (the status lookup's second
// factor, staff passwords and TOTP codes) and anonymous writes (shared/rate-limits.ts) are counted per subject in
// one row of attempt_counters (migration 028) with a fixed window. An attempt is decided and recorded in ONE
// statement: an UPSERT that increments the subject's counter under its row lock and returns the new count, so that
// of any number of simultaneous attempts at most `max` see a count within the limit and are evaluated; the others
// are refused before any work. A caller whose attempt turned out not to count (a right password, a refused sibling
// subject) gives it back (`releaseAttempts`); a success that ends the guessing clears the subject (`clearAttempts`).
// Subjects are hashed: no dossier code, username or address is stored in clear.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Attempt, AttemptPolicy } from './attempts.ts';

export { LOOKUP_POLICY, lockedMessage, type Attempt, type AttemptPolicy } from './attempts.ts';

const subjectOf = (p: AttemptPolicy, value: string) => crypto.createHash('sha256').update(`${p.kind}:${value}`).digest('hex');

/** The counter row of one value under a policy, for a statement that counts its attempt itself (the status lookup:
 *  dossiers/public-store.ts guardedLookupRow, same rules as claimAttempts). */
export const attemptSubject = (p: AttemptPolicy, value: string) => ({ subject: subjectOf(p, value) });

/** One subject's attempt as recorded: `ok` when it is within the limit (and may be evaluated). */
export interface Claim {
  policy: AttemptPolicy;
  subject: string;
  count: number;
  windowEndsAt: Date;
  ok: boolean;
}

/** The outcome of one attempt over several subjects: `ok` only when every subject is within its limit. */
export interface Claims {
  ok: boolean;
  claims: Claim[];
  /** When refused: seconds until the first refusing subject's window ends (at least 1); 0 when ok. */
  retryAfterSeconds: number;
}

/**
 * Records one attempt against each subject and says whether it is within every limit, in one statement. Subjects are
 * locked in a fixed order (their hashes), so two attempts naming the same subjects never deadlock. When one subject
 * refuses, the attempt is given back to the others (a refused request is not evaluated, so it does not count).
 */
export async function claimAttempts(db: Kysely<Database>, attempts: Attempt[], now: Date): Promise<Claims> {
  const bySubject = new Map<string, AttemptPolicy>();
  for (const a of attempts) bySubject.set(subjectOf(a.policy, a.value), a.policy);
  const subjects = [...bySubject.keys()].sort();
  const rows = sql.join(subjects.map((s) => {
    const ends = new Date(now.getTime() + bySubject.get(s)!.windowMinutes * 60_000);
    return sql`(${s}, ${ends}::timestamptz, 1)`;
  }));
  // The window restarts when it has ended; otherwise the count goes up by one. ON CONFLICT DO UPDATE takes the row
  // lock and works on the latest committed row, so simultaneous attempts are counted one after the other.
  const r = await sql<{ subject: string; count: number; window_ends_at: Date }>`
    INSERT INTO attempt_counters AS c (subject, window_ends_at, count) VALUES ${rows}
    ON CONFLICT (subject) DO UPDATE SET
      window_ends_at = CASE WHEN c.window_ends_at <= ${now}::timestamptz THEN excluded.window_ends_at ELSE c.window_ends_at END,
      count = CASE WHEN c.window_ends_at <= ${now}::timestamptz THEN 1 ELSE c.count + 1 END
    RETURNING subject, count, window_ends_at`.execute(db);
  const claims = r.rows.map((row) => {
    const policy = bySubject.get(row.subject)!;
    return { policy, subject: row.subject, count: row.count, windowEndsAt: new Date(row.window_ends_at), ok: row.count <= policy.max };
  });
  const refused = claims.filter((c) => !c.ok);
  if (refused.length === 0) {
    if (Math.random() < 0.01) await purgeEndedAttempts(db, now);
    return { ok: true, claims, retryAfterSeconds: 0 };
  }
  await releaseAttempts(db, claims);
  const wait = Math.min(...refused.map((c) => c.windowEndsAt.getTime() - now.getTime()));
  return { ok: false, claims, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
}

/** One attempt against one subject (claimAttempts). */
export const claimAttempt = (db: Kysely<Database>, policy: AttemptPolicy, value: string, now: Date) =>
  claimAttempts(db, [{ policy, value }], now);

/**
 * Gives back attempts that were within their limit and turned out not to count (a right password before its code, a
 * sibling subject that refused). Only in the same window; a counter that went past the limit by refused attempts
 * holds exactly `max` accepted ones, hence LEAST.
 */
export async function releaseAttempts(db: Kysely<Database>, claims: Claim[]): Promise<void> {
  const back = claims.filter((c) => c.ok);
  if (back.length === 0) return;
  const rows = sql.join(back.map((c) => sql`(${c.subject}, ${c.windowEndsAt}::timestamptz, ${c.policy.max}::int)`));
  await sql`
    UPDATE attempt_counters AS c SET count = GREATEST(LEAST(c.count, v.max) - 1, 0)
    FROM (VALUES ${rows}) AS v(subject, ends, max)
    WHERE c.subject = v.subject AND c.window_ends_at = v.ends`.execute(db);
}

/** Ends the count of a subject (a right answer: the guessing is over). */
export async function clearAttempts(db: Kysely<Database>, policy: AttemptPolicy, value: string): Promise<void> {
  await sql`DELETE FROM attempt_counters WHERE subject = ${subjectOf(policy, value)}`.execute(db);
}

/** Deletes the counters whose window ended before `before` (nothing reads an ended window); returns how many. */
export async function deleteEndedCounters(db: Kysely<Database>, before: Date): Promise<number> {
  const r = await sql`DELETE FROM attempt_counters WHERE window_ends_at < ${before}::timestamptz`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Counters whose window ended a day ago or more. */
export const purgeEndedAttempts = (db: Kysely<Database>, now: Date) => deleteEndedCounters(db, new Date(now.getTime() - 86_400_000));

/** The attempts counted for this subject within its current window (0 when it has ended). */
export async function recentFailures(db: Kysely<Database>, p: AttemptPolicy, value: string, now: Date): Promise<number> {
  const r = await sql<{ count: number }>`
    SELECT count FROM attempt_counters WHERE subject = ${subjectOf(p, value)} AND window_ends_at > ${now}::timestamptz`.execute(db);
  return r.rows[0]?.count ?? 0;
}

/**
 * Counts one failure after the fact. Check-then-record (recentFailures, then this) does not hold under concurrency:
 * new limits use claimAttempts before the work. Kept for the signature verification page (signatures/service.ts).
 */
export async function recordFailure(db: Kysely<Database>, p: AttemptPolicy, value: string, now: Date): Promise<void> {
  await claimAttempts(db, [{ policy: { ...p, max: Number.MAX_SAFE_INTEGER }, value }], now);
}

/** @deprecated the name of clearAttempts before issue 13. */
export const clearFailures = clearAttempts;
