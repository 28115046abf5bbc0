// The log of staff logins (table login_events, append-only by grant): appending an event as the service made it
// (login-audit.ts: hashed username, truncated address) and reading a commune's events, newest first.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

export interface LoginEventRow {
  at: Date;
  outcome: string;
  staffId: number | null;
  communeId: string | null;
  usernameHash: string | null;
  client: string | null;
  userAgent: string | null;
}

export async function insertLoginEvent(db: Db, e: LoginEventRow): Promise<void> {
  await db
    .insertInto('login_events')
    .values({
      at: e.at, outcome: e.outcome, staff_id: e.staffId, commune_id: e.communeId,
      username_hash: e.usernameHash, client: e.client, user_agent: e.userAgent,
    })
    .execute();
}

/** A commune's events with the staff member's username and name, newest first; `before` an event id, optionally
 *  one staff member's. */
export function loginEventRows(db: Db, communeId: string, opts: { limit: number; before?: number; staffId?: number }) {
  let q = db
    .selectFrom('login_events as e')
    .leftJoin('staff as s', 's.id', 'e.staff_id')
    .select(['e.id', 'e.at', 'e.outcome', 'e.staff_id', 's.username', 's.full_name', 'e.client', 'e.user_agent'])
    .where('e.commune_id', '=', communeId);
  if (opts.before !== undefined) q = q.where('e.id', '<', opts.before);
  if (opts.staffId !== undefined) q = q.where('e.staff_id', '=', opts.staffId);
  return q.orderBy('e.id', 'desc').limit(opts.limit).execute();
}
