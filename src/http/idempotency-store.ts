// The idempotency keys' queries (the rule is in idempotency.ts): a key is claimed by inserting its row, the stored
// outcome of an earlier request is read back, and the outcome of the first request is written in its transaction.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Claims (principal, key) for a request; false when the key was already used (by this request or another). */
export async function claimKey(trx: Db, principal: string, key: string, requestHash: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ principal, key, request_hash: requestHash, status: 0, response: 'null' })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  return inserted !== undefined;
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

/** Stores the first request's outcome under its key. */
export async function storeOutcome(trx: Db, principal: string, key: string, status: number, body: unknown): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ status, response: sql`${JSON.stringify(body)}::jsonb` })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}
