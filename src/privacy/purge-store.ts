// SQL of the retention job: one DELETE per kind of record whose period is over, each returning how many rows it
// removed. Only the kinds listed here can be removed; the legal records (dossiers, their history, answers and files,
// payment ledgers, access_log, admin_audit, petitions, privacy requests, staff login log) have no statement here.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RecordKind } from './core/retention.ts';

type Db = Kysely<Database>;
const n = (r: { numDeletedRows?: bigint; numAffectedRows?: bigint }) => Number(r.numDeletedRows ?? r.numAffectedRows ?? 0);

type Purger = (db: Db, cutoff: Date) => Promise<number>;

export const PURGERS: Partial<Record<RecordKind, Purger>> = {
  citizen_sessions: async (db, cutoff) => n(await db.deleteFrom('citizen_sessions').where('expires_at', '<', cutoff).executeTakeFirst()),
  citizen_logins: async (db, cutoff) => n(await db.deleteFrom('citizen_logins').where('expires_at', '<', cutoff).executeTakeFirst()),
  staff_sessions: async (db, cutoff) => n(await db.deleteFrom('sessions').where('expires_at', '<', cutoff).executeTakeFirst()),
  staff_login_pending: async (db, cutoff) => n(await db.deleteFrom('login_pending').where('expires_at', '<', cutoff).executeTakeFirst()),
  // Unsubmitted only: a submitted draft is part of its dossier. draft_files and citizen_drafts go with it (ON DELETE CASCADE).
  drafts: async (db, cutoff) =>
    n(await db.deleteFrom('drafts').where('submitted_dossier_id', 'is', null).where('updated_at', '<', cutoff).executeTakeFirst()),
  idempotency_keys: async (db, cutoff) => n(await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst()),
  // attempt_counters has no Kysely type (shared/attempts-store.ts writes it in SQL).
  attempt_counters: async (db, cutoff) => n(await sql`DELETE FROM attempt_counters WHERE window_ends_at < ${cutoff}::timestamptz`.execute(db)),
  failed_attempts: async (db, cutoff) => n(await db.deleteFrom('failed_attempts').where('at', '<', cutoff).executeTakeFirst()),
  // Delivered (from delivery) or given up (from creation); a pending notice is never removed.
  notifications: async (db, cutoff) =>
    n(await db.deleteFrom('notifications').where((eb) => eb.or([
      eb.and([eb('status', '=', 'delivered'), eb('delivered_at', '<', cutoff)]),
      eb.and([eb('status', '=', 'failed'), eb('created_at', '<', cutoff)]),
    ])).executeTakeFirst()),
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
