// Writing the outbox (SQL edge): the notices of a dossier change, inserted in the change's transaction with the names
// they show (enqueue.ts), and the worker's claims and records of each delivery attempt (worker.ts explains the claim
// and its lease).
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { tailOf } from '../db/commit-tail.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import type { AfterFailure } from './core/retry.ts';
import type { NotificationsTable } from './tables.ts';

type Db = Kysely<Database>;

/** The names a notice shows: the commune, the unit handling the dossier, the acting officer (and their unit). */
/** The names a notice shows, read once a minute per (commune, unit, officer) like the other reference data: an intake
 *  that tells the applicant sends one statement fewer (issue 16). A renamed unit or officer shows within a minute. */
const names = new TtlCache<Awaited<ReturnType<typeof readNames>>>(60_000);
export function noticeNamesRow(db: Db, q: { communeId: string; currentUnitId: number | null; actorUnit: string | null; staffId: number }) {
  return names.get(JSON.stringify(q), () => readNames(db, q));
}

/** Inserts notices into the outbox; in a request that stores its response, by the statement that stores it, where the
 *  dossier's code is drawn (db/commit-tail.ts). */
export async function insertNotices(trx: Db, rows: Insertable<NotificationsTable>[]): Promise<void> {
  const tail = tailOf(trx);
  if (tail) {
    tail.notices.push(...rows.map((r) => ({ ...r, facts: typeof r.facts === 'string' ? JSON.parse(r.facts) as unknown : r.facts })));
    return;
  }
  await trx.insertInto('notifications').values(rows).execute();
}

function readNames(db: Db, q: { communeId: string; currentUnitId: number | null; actorUnit: string | null; staffId: number }) {
  return db
    .selectFrom('communes as c')
    .leftJoin('units as cu', (j) => j.onRef('cu.commune_id', '=', 'c.id').on('cu.id', '=', q.currentUnitId ?? -1))
    .leftJoin('units as au', (j) => j.onRef('au.commune_id', '=', 'c.id').on('au.code', '=', q.actorUnit ?? ''))
    .leftJoin('staff as s', (j) => j.onRef('s.commune_id', '=', 'c.id').on('s.id', '=', q.staffId))
    .select(['c.name as communeName', 'cu.name as currentUnit', 'au.name as actorUnit', 's.full_name as officerName', 's.title as officerTitle'])
    .where('c.id', '=', q.communeId)
    .executeTakeFirstOrThrow();
}


/** Claims up to `limit` due messages: counts the attempt and pushes `next_attempt_at` to `leaseUntil`. */
export function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number) {
  return db
    .updateTable('notifications')
    .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil })
    .where('id', 'in', (eb) => eb
      .selectFrom('notifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked())
    .returning(['id', 'message_id', 'channel', 'recipient', 'facts', 'attempts'])
    .execute();
}

/** Records a failed attempt (number `attempts`): failed for good, or to retry at `next.nextAttemptAt`. */
export async function recordFailure(db: Db, id: string, attempts: number, error: string, next: AfterFailure) {
  await db
    .updateTable('notifications')
    .set(next.status === 'failed' ? { status: 'failed', last_error: error } : { last_error: error, next_attempt_at: next.nextAttemptAt })
    .where('id', '=', id)
    // Not if delivered meanwhile, nor if another worker claimed it again after our lease ran out.
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .execute();
}

/** Marks a pending message delivered. */
export async function markDelivered(db: Db, id: string, at: Date) {
  await db
    .updateTable('notifications')
    .set({ status: 'delivered', delivered_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
