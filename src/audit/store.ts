// The admin audit trail: SQL edge (table admin_audit, migration 031; append-only, a trigger refuses UPDATE and
// DELETE). Every administrative change calls recordAdminChange() with the transaction that makes the change, so the
// two commit or roll back together.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { auditEntry, type AdminChange } from './core/audit.ts';
import type { AuditTables } from './tables.ts';

type Db = Kysely<Database>;

// The Database composition (src/db/schema.ts) does not list AuditTables yet: this view adds them.
const withAudit = (db: Db) => db.withTables<AuditTables>();

/** Records an administrative change made by `actor`, in `db` (the change's own transaction). */
export async function recordAdminChange(db: Db, actor: Principal, c: AdminChange): Promise<void> {
  const e = auditEntry({ kind: actor.kind, id: actor.id, name: actor.name, communeId: actor.communeId }, c);
  await withAudit(db)
    .insertInto('admin_audit')
    .values({
      scope: e.scope, scope_id: e.scopeId, actor_kind: e.actorKind, actor_id: e.actorId, actor_name: e.actorName,
      actor_commune_id: e.actorCommuneId, action: e.action, object_type: e.objectType, object_id: e.objectId,
      object_label: e.objectLabel, before: e.before && JSON.stringify(e.before), after: e.after && JSON.stringify(e.after),
    })
    .execute();
}

/**
 * The entries a commune's reader sees, newest first: the commune's own, its province's and the shared ones
 * (catalogue, national calendar), `limit` at a time, before the entry `before` (keyset on id).
 */
export function adminAuditEntries(db: Db, communeId: string, o: { limit: number; before?: number }) {
  let q = withAudit(db)
    .selectFrom('admin_audit as a')
    .select([
      'a.id', 'a.at', 'a.scope', 'a.scope_id as scopeId', 'a.actor_kind as actorKind', 'a.actor_id as actorId', 'a.actor_name as actorName',
      'a.action', 'a.object_type as objectType', 'a.object_id as objectId', 'a.object_label as objectLabel', 'a.before', 'a.after',
    ])
    .where((eb) => eb.or([
      eb.and([eb('a.scope', '=', 'commune'), eb('a.scope_id', '=', communeId)]),
      eb.and([eb('a.scope', '=', 'province'), eb('a.scope_id', '=', eb.selectFrom('communes').select('province').where('id', '=', communeId))]),
      eb('a.scope', '=', 'shared'),
    ]));
  if (o.before !== undefined) q = q.where('a.id', '<', o.before);
  return q.orderBy('a.id', 'desc').limit(o.limit).execute();
}
export type AdminAuditRow = Awaited<ReturnType<typeof adminAuditEntries>>[number];
