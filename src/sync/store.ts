// The sync outbox and per-dossier sync state (SQL edge, migration 041): the enqueue of a dossier change's message (one
// statement, in the change's transaction), the worker's claims (FOR UPDATE SKIP LOCKED + lease, only the first
// undelivered message of each dossier: in order per dossier) and its records, the administrator's resend, the screen's
// list and counts. Every read for a person is scoped to their commune, on (commune_id, …) indexes.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AfterFailure } from './core/retry.ts';
import type { DossierSyncStatus } from './tables.ts';
import type { AlongsideWrite } from '../db/alongside.ts';

type Db = Kysely<Database>;

/**
 * Writes the message of one change: creates the dossier's sync state on its first message (kind `create`) or moves
 * it on (`update`), with the steps since the previous message (`first_step` = the previous message's entry + 1).
 * One statement (a data-modifying CTE): the upsert's row lock orders concurrent changes of one dossier, which the
 * dossier's own row lock already serialises.
 */
/** A new dossier's first sync message (what insertMessage writes when the dossier has no sync state yet: message 1,
 *  'create', from its first entry), as writes of the dossier's own statement (dossiers/store.ts writeLogged). */
export function firstMessageInserts(m: { dossierId: string; communeId: string; eventSeq: number; at: Date }): AlongsideWrite[] {
  return [
    { table: 'dossier_sync', values: {
      dossier_id: m.dossierId, commune_id: m.communeId, next_seq: 2, last_event_seq: m.eventSeq, prev_event_seq: 0, status: 'pending', updated_at: m.at,
    } },
    { table: 'sync_messages', values: {
      dossier_id: m.dossierId, commune_id: m.communeId, seq: 1, kind: 'create', event_seq: m.eventSeq, first_step: 1, next_attempt_at: m.at, created_at: m.at,
    } },
  ];
}

export async function insertMessage(trx: Db, m: { dossierId: string; communeId: string; eventSeq: number; at: Date }): Promise<void> {
  await sql`
    WITH s AS (
      INSERT INTO dossier_sync AS ds (dossier_id, commune_id, next_seq, last_event_seq, prev_event_seq, status, updated_at)
      VALUES (${m.dossierId}, ${m.communeId}, 2, ${m.eventSeq}, 0, 'pending', ${m.at})
      ON CONFLICT (dossier_id) DO UPDATE SET
        -- a dossier transferred to its competent commune (location-independent receipt) is that commune's to sync
        commune_id = EXCLUDED.commune_id,
        next_seq = ds.next_seq + 1, prev_event_seq = ds.last_event_seq, last_event_seq = EXCLUDED.last_event_seq,
        status = CASE WHEN ds.status = 'failed' THEN 'failed' ELSE 'pending' END, updated_at = EXCLUDED.updated_at
      RETURNING next_seq - 1 AS seq, prev_event_seq
    )
    INSERT INTO sync_messages (dossier_id, commune_id, seq, kind, event_seq, first_step, next_attempt_at, created_at)
    SELECT ${m.dossierId}, ${m.communeId}, s.seq, CASE WHEN s.seq = 1 THEN 'create' ELSE 'update' END, ${m.eventSeq},
           s.prev_event_seq + 1, ${m.at}, ${m.at}
    FROM s`.execute(trx);
}

export interface Claimed {
  id: string;
  message_id: string;
  dossier_id: string;
  commune_id: string;
  seq: number;
  kind: 'create' | 'update';
  event_seq: number;
  first_step: number;
  attempts: number;
  payload: unknown;
}

/** Claims up to `limit` due messages, each the first undelivered one of its dossier: counts the attempt and hides it
 *  until `leaseUntil`. */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<Claimed[]> {
  const r = await sql<Claimed>`
    UPDATE sync_messages SET attempts = attempts + 1, next_attempt_at = ${leaseUntil}
    WHERE id IN (
      SELECT m.id FROM sync_messages m
      WHERE m.status = 'pending' AND m.next_attempt_at <= ${now}
        AND NOT EXISTS (SELECT 1 FROM sync_messages p WHERE p.dossier_id = m.dossier_id AND p.seq < m.seq AND p.status <> 'delivered')
      ORDER BY m.next_attempt_at, m.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id::text, message_id::text, dossier_id::text, commune_id, seq, kind, event_seq, first_step, attempts, payload`.execute(db);
  return r.rows;
}

/** Freezes the payload at the first attempt: every attempt then sends the same bytes under the same id. */
export async function freezePayload(db: Db, id: string, payload: unknown): Promise<void> {
  await db.updateTable('sync_messages').set({ payload: JSON.stringify(payload) }).where('id', '=', id).where('payload', 'is', null).execute();
}

/** Marks a message delivered (its payload cleared) and moves the dossier's state on, in one transaction. */
export async function markDelivered(db: Db, m: Claimed, at: Date, answer: { code: string; message: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('sync_messages')
      .set({ status: 'delivered', delivered_at: at, payload: null, last_code: answer.code, last_error: null })
      .where('id', '=', m.id).where('status', '=', 'pending').executeTakeFirst();
    if (!r.numUpdatedRows) return;
    await trx.updateTable('dossier_sync')
      .set({
        acked_seq: m.seq,
        created_acked_at: sql`coalesce(created_acked_at, ${at})`,
        status: sql`CASE WHEN next_seq - 1 = ${m.seq} THEN 'done' ELSE status END`,
        last_code: answer.code, last_message: answer.message, updated_at: at,
      })
      .where('dossier_id', '=', m.dossier_id)
      .where('acked_seq', '<', m.seq)
      .execute();
  });
}

/** Records a failed attempt (number `attempts`): failed for good (the dossier shows as failed with the portal's
 *  answer), or to retry at `next.nextAttemptAt`. */
export async function recordFailure(db: Db, m: Claimed, answer: { code: string; message: string }, next: AfterFailure, at: Date) {
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('sync_messages')
      .set(next.status === 'failed'
        ? { status: 'failed', last_code: answer.code, last_error: answer.message }
        : { last_code: answer.code, last_error: answer.message, next_attempt_at: next.nextAttemptAt })
      .where('id', '=', m.id)
      // Not if delivered meanwhile, nor if another worker claimed it again after our lease ran out.
      .where('status', '=', 'pending').where('attempts', '=', m.attempts)
      .executeTakeFirst();
    if (!r.numUpdatedRows) return;
    await trx.updateTable('dossier_sync')
      .set({ last_code: answer.code, last_message: answer.message, updated_at: at, ...(next.status === 'failed' ? { status: 'failed' as const } : {}) })
      .where('dossier_id', '=', m.dossier_id)
      .execute();
  });
}

/** A failed dossier's messages back to pending (the administrator's resend). False when it is not failed or not in
 *  the commune. */
export async function resendFailed(trx: Db, communeId: string, dossierId: string, now: Date): Promise<boolean> {
  const r = await trx.updateTable('dossier_sync').set({ status: 'pending', updated_at: now })
    .where('dossier_id', '=', dossierId).where('commune_id', '=', communeId).where('status', '=', 'failed')
    .executeTakeFirst();
  if (!r.numUpdatedRows) return false;
  await trx.updateTable('sync_messages').set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('dossier_id', '=', dossierId).where('status', '=', 'failed').execute();
  return true;
}

/** The number of dossiers per sync status in the commune. */
export async function statusCounts(db: Db, communeId: string): Promise<Record<DossierSyncStatus, number>> {
  const rows = await db.selectFrom('dossier_sync').select(['status', sql<number>`count(*)::int`.as('n')])
    .where('commune_id', '=', communeId).groupBy('status').execute();
  const out: Record<DossierSyncStatus, number> = { pending: 0, failed: 0, done: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export interface SyncListCursor {
  updatedAt: string;
  dossierId: string;
}

/** One page of the commune's dossiers in sync, newest change first (keyset on (updated_at, dossier_id)). */
export async function syncList(db: Db, communeId: string, o: { status?: DossierSyncStatus; limit: number; after?: SyncListCursor }) {
  let q = db.selectFrom('dossier_sync as s')
    .innerJoin('dossiers as d', 'd.id', 's.dossier_id')
    .leftJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .select([
      's.dossier_id', 'd.code', 'd.external_code', 'd.state', 'd.procedure_code', 'p.name as procedure_name', 's.status',
      's.acked_seq', sql<number>`s.next_seq - 1`.as('messages'), 's.last_code', 's.last_message', 's.updated_at', 's.created_acked_at',
      sql<number | null>`(SELECT m.attempts FROM sync_messages m WHERE m.dossier_id = s.dossier_id AND m.status <> 'delivered' ORDER BY m.seq LIMIT 1)`.as('head_attempts'),
      sql<Date | null>`(SELECT max(m.delivered_at) FROM sync_messages m WHERE m.dossier_id = s.dossier_id AND m.status = 'delivered')`.as('last_delivered_at'),
    ])
    .where('s.commune_id', '=', communeId);
  if (o.status) q = q.where('s.status', '=', o.status);
  if (o.after) {
    q = q.where(sql<boolean>`(s.updated_at, s.dossier_id) < (${new Date(o.after.updatedAt)}, ${o.after.dossierId}::uuid)`);
  }
  return q.orderBy('s.updated_at', 'desc').orderBy('s.dossier_id', 'desc').limit(o.limit).execute();
}
export type SyncListRow = Awaited<ReturnType<typeof syncList>>[number];

/** The sync state of one dossier of the commune (the API's detail). */
export async function dossierSyncState(db: Db, communeId: string, dossierId: string) {
  return db.selectFrom('dossier_sync').selectAll().where('dossier_id', '=', dossierId).where('commune_id', '=', communeId).executeTakeFirst();
}

/** A dossier's code (for the audit's label), if it is in the commune. */
export async function dossierLabel(db: Db, communeId: string, dossierId: string): Promise<string | undefined> {
  const r = await db.selectFrom('dossiers').select(['code', 'reference']).where('id', '=', dossierId).where('commune_id', '=', communeId).executeTakeFirst();
  return r ? (r.code ?? r.reference) : undefined;
}
