// Every mutating request carries an Idempotency-Key header. The first response is stored in the same
// transaction as the change it made; repeating the key returns that response, and reusing a key with a
// different request is refused. A failed request stores nothing (its transaction rolls back).
// Stored outcomes expire after IDEMPOTENCY_TTL_HOURS (issue 13: a response may show ID numbers, kept in clear): after
// that the key is a new request (as the IETF draft on the Idempotency-Key header lets a server expire keys, and as
// payment APIs do after 24 h), and the rows are deleted by purgeExpiredOutcomes, which the first request after a start
// runs, and again at most hourly. A replay logs again, in access_log, the showings of personal data the stored
// response holds (the entries the first request's transaction wrote, dossiers/view.ts).
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, idempotencyKeyRequired } from './problem.ts';
import { openTail, withCodes } from '../db/commit-tail.ts';
import { claimKey, logShownAgain, priorRequest, purgeExpired, storeOutcome } from './idempotency-store.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a stored outcome answers a repeated key. */
export const IDEMPOTENCY_TTL_HOURS = 24;
const PURGE_EVERY_MS = 3_600_000;

/** Deletes the stored outcomes older than IDEMPOTENCY_TTL_HOURS (or, for the retention job, created before its
 *  cutoff: the same period counted from the job's `now`); returns how many. */
export const purgeExpiredOutcomes = (db: Kysely<Database>, cutoff?: Date) =>
  purgeExpired(db, cutoff ? { cutoff } : { ttlHours: IDEMPOTENCY_TTL_HOURS });

const lastPurge = new WeakMap<object, number>();

/** Starts purgeExpiredOutcomes in the background when this database handle has not run it for an hour (a failure is
 *  retried at the next request after an hour: the expiry itself never depends on it, claimKey checks the age). */
function purgeNowAndThen(db: Kysely<Database>): void {
  const last = lastPurge.get(db);
  if (last !== undefined && Date.now() - last < PURGE_EVERY_MS) return;
  lastPurge.set(db, Date.now());
  // What the request's scope sees (row security, migration 054): a commune's requests purge that commune's keys, the
  // portal's the keys of no commune; the daily purge of the workers (privacy/purge.ts, scope '*') all of them.
  purgeExpiredOutcomes(db).catch(() => {}); // the next purge deletes what this one could not
}

export function idempotencyKeyOf(req: FastifyRequest): string {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (typeof key !== 'string' || !/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw idempotencyKeyRequired();
  }
  return key;
}

const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  );

export interface Outcome<T> {
  status: number;
  body: T;
}

/** The change a request makes, in the transaction that also stores its outcome. */
export type Work<T> = (trx: Transaction<Database>) => Promise<Outcome<T>>;

/** Runs `work` once per (principal, key) inside one transaction and replies with its (stored) outcome. */
export async function idempotent<T>(
  db: Kysely<Database>,
  req: FastifyRequest,
  reply: FastifyReply,
  principal: string,
  work: Work<T>,
  /** What identifies the request's content when it is not a JSON body (e.g. an uploaded file's hash). */
  content: unknown = req.body ?? null,
): Promise<T> {
  const key = idempotencyKeyOf(req);
  const requestHash = crypto
    .createHash('sha256')
    .update(canonical({ m: req.method, u: req.url, b: content }))
    .digest('hex');
  purgeNowAndThen(db);
  const result = await db.transaction().execute(async (trx) => {
    if (!(await claimKey(trx, principal, key, requestHash, IDEMPOTENCY_TTL_HOURS))) {
      const prior = await priorRequest(trx, principal, key);
      if (prior.request_hash !== requestHash) {
        throw new Problem(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          'Khóa chống trùng lặp này đã được dùng cho một yêu cầu khác.',
        );
      }
      await logShownAgain(trx, principal, key);
      return { status: prior.status, body: prior.response as T, replayed: true };
    }
    // What the work puts off to the last statement (db/commit-tail.ts): a new dossier's code, the showings logged.
    const tail = openTail(trx);
    const outcome = await work(trx);
    const drawn = await storeOutcome(trx, principal, key, outcome.status, outcome.body, tail);
    return { status: outcome.status, body: withCodes(outcome.body, drawn), replayed: false };
  });
  if (result.replayed) reply.header('Idempotency-Replayed', 'true');
  reply.code(result.status);
  return result.body;
}
