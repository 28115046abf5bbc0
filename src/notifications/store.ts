// Reading the outbox (SQL edge). Staff see the notices of the dossiers they may see: per dossier through the
// dossiers' scoped load, per commune for the workspace's mailbox page.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

const COLUMNS = [
  'n.message_id', 'n.dossier_id', 'n.event_seq', 'n.kind', 'n.channel', 'n.recipient', 'n.facts', 'n.status', 'n.attempts',
  'n.next_attempt_at', 'n.last_error', 'n.created_at', 'n.delivered_at',
] as const;

/** The notices of one dossier (the caller has already loaded the dossier through its scoped load). */
export function dossierNotices(db: Kysely<Database>, dossierId: string) {
  return db.selectFrom('notifications as n').select(COLUMNS).where('n.dossier_id', '=', dossierId).orderBy('n.id').execute();
}

export type NoticeRow = Awaited<ReturnType<typeof dossierNotices>>[number];

/** How staff name the notice's dossier today: its code, or before receipt its reference (never the id). */
const DOSSIER_NAME = ['d.code as dossier_code', 'd.reference as dossier_reference'] as const;

/** The latest notices of a commune, newest first (keyset by id), with their dossier's code and reference. */
export function communeNotices(db: Kysely<Database>, communeId: string, limit: number, beforeId?: string) {
  let q = db.selectFrom('notifications as n').innerJoin('dossiers as d', 'd.id', 'n.dossier_id')
    .select(['n.id', ...COLUMNS, ...DOSSIER_NAME]).where('n.commune_id', '=', communeId);
  if (beforeId) q = q.where('n.id', '<', beforeId);
  return q.orderBy('n.id', 'desc').limit(limit).execute();
}

/** One notice of a commune by its message id, with its dossier's code and reference, or undefined. */
export function communeNotice(db: Kysely<Database>, communeId: string, messageId: string) {
  return db.selectFrom('notifications as n').innerJoin('dossiers as d', 'd.id', 'n.dossier_id').select([...COLUMNS, ...DOSSIER_NAME])
    .where('n.commune_id', '=', communeId).where('n.message_id', '=', messageId).executeTakeFirst();
}
