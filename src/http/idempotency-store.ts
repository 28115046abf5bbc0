// The idempotency keys' queries (the rule is in idempotency.ts): a key is claimed by inserting its row (or taking over
// an expired one), the stored outcome of an earlier request is read back and its showings of personal data logged
// again, the outcome of the first request is written in its transaction, and expired outcomes are deleted.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** `created_at` older than this many hours: expired. */
const expired = (ttlHours: number) => sql<boolean>`idempotency_keys.created_at < now() - make_interval(hours => ${ttlHours})`;

/** Claims (principal, key) for a request; false when the key is in use (by this request or another). A key whose
 *  outcome has expired is taken over as new, in the same statement (a concurrent claim waits on the row and then
 *  finds it fresh). */
export async function claimKey(trx: Db, principal: string, key: string, requestHash: string, ttlHours: number): Promise<boolean> {
  const r = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (principal, key, request_hash, status, response) VALUES (${principal}, ${key}, ${requestHash}, 0, 'null')
    ON CONFLICT (principal, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = 0, response = 'null', shown = '[]', created_at = now()
      WHERE ${expired(ttlHours)}
    RETURNING key`.execute(trx);
  return r.rows.length > 0;
}

/** What an earlier request with this key was, and its stored outcome. */
export async function priorRequest(trx: Db, principal: string, key: string) {
  return trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response'])
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

/** Stores the first request's outcome under its key, with the access_log entries its transaction wrote (the showings
 *  of personal data its response holds, dossiers/view.ts), for a replay to log again. */
export async function storeOutcome(trx: Db, principal: string, key: string, status: number, body: unknown): Promise<void> {
  await sql`
    UPDATE idempotency_keys SET status = ${status}, response = ${JSON.stringify(body)}::jsonb,
      shown = (SELECT coalesce(jsonb_agg(jsonb_build_object('actor', a.actor, 'action', a.action, 'dossierId', a.dossier_id, 'detail', a.detail) ORDER BY a.id), '[]')
               FROM access_log a WHERE a.xact = pg_current_xact_id())
    WHERE principal = ${principal} AND key = ${key}`.execute(trx);
}

/** A replay shows the stored response again: its showings are logged again, marked as a replay of the key. */
export async function logShownAgain(trx: Db, principal: string, key: string): Promise<void> {
  await sql`
    INSERT INTO access_log (actor, action, dossier_id, detail)
    SELECT s->>'actor', s->>'action', (s->>'dossierId')::uuid, coalesce(s->'detail', '{}') || jsonb_build_object('replay', true)
    FROM idempotency_keys k CROSS JOIN LATERAL jsonb_array_elements(k.shown) WITH ORDINALITY AS e(s, n)
    WHERE k.principal = ${principal} AND k.key = ${key}
    ORDER BY e.n`.execute(trx);
}

/** Deletes the expired outcomes (and with them the personal data their responses hold); returns how many. */
export async function purgeExpired(db: Db, ttlHours: number): Promise<number> {
  const r = await sql`DELETE FROM idempotency_keys WHERE ${expired(ttlHours)}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}
