// The retention job's deletes: one per kind of record whose period is over, each returning how many rows it removed;
// where the owning code already expires a kind (sessions, logins, drafts, attempt counters), its own delete is used. Only the kinds listed here can be removed; the legal records (dossiers, their history, answers and files,
// payment ledgers, access_log, admin_audit, petitions, privacy requests, staff login log) have no statement here.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RecordKind } from './core/retention.ts';
import { deleteExpiredCitizenSessions, deleteExpiredLogins } from '../identity/citizens/store.ts';
import { deleteExpiredPending, deleteExpiredSessions } from '../identity/staff/sessions-store.ts';
import { deleteStaleDrafts } from '../dossiers/drafts-store.ts';
import { deleteEndedCounters } from '../shared/attempts-store.ts';

type Db = Kysely<Database>;
const n = (r: { numDeletedRows?: bigint; numAffectedRows?: bigint }) => Number(r.numDeletedRows ?? r.numAffectedRows ?? 0);

type Purger = (db: Db, cutoff: Date) => Promise<number>;

export const PURGERS: Partial<Record<RecordKind, Purger>> = {
  // The expiries the login code already applies, one SQL each (identity stores).
  citizen_sessions: deleteExpiredCitizenSessions,
  citizen_logins: deleteExpiredLogins,
  staff_sessions: (db, cutoff) => deleteExpiredSessions(db, null, cutoff),
  staff_login_pending: deleteExpiredPending,
  // Unsubmitted only: a submitted draft is part of its dossier. draft_files and citizen_drafts go with it (ON DELETE CASCADE).
  drafts: deleteStaleDrafts,
  // idempotency_keys: its own expiry (http/idempotency.ts purgeExpiredOutcomes), added by purge.ts.
  attempt_counters: deleteEndedCounters,
  failed_attempts: async (db, cutoff) => n(await db.deleteFrom('failed_attempts').where('at', '<', cutoff).executeTakeFirst()),
  // Delivered (from delivery) or given up (from creation); a pending notice is never removed.
  notifications: async (db, cutoff) =>
    n(await db.deleteFrom('notifications').where((eb) => eb.or([
      eb.and([eb('status', '=', 'delivered'), eb('delivered_at', '<', cutoff)]),
      eb.and([eb('status', '=', 'failed'), eb('created_at', '<', cutoff)]),
    ])).executeTakeFirst()),
  // Delivered to the national portal (from delivery); a pending or failed message is never removed (it has still to go).
  sync_messages: async (db, cutoff) =>
    n(await db.deleteFrom('sync_messages').where('status', '=', 'delivered').where('delivered_at', '<', cutoff).executeTakeFirst()),
  // A portal account that names no dossier (as applicant or filer), sent no request, and was not used since the
  // cutoff. Its links to drafts and its sessions go first.
  citizen_accounts: async (db, cutoff) => {
    const stale = sql`SELECT c.id FROM citizens c
      WHERE c.last_login_at < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM eid_filings f WHERE f.citizen_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM privacy_requests r WHERE r.citizen_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM dossiers x WHERE x.applicant_id_number = c.id_number)`;
    await sql`DELETE FROM citizen_drafts WHERE citizen_id IN (${stale})`.execute(db);
    await sql`DELETE FROM citizen_sessions WHERE citizen_id IN (${stale})`.execute(db);
    const r = await sql`DELETE FROM citizens WHERE id IN (${stale})`.execute(db);
    return Number(r.numAffectedRows ?? 0);
  },
};
