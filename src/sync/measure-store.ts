// Indicator 1.4's counts (SQL edge): the dossiers received in a period in the scope (indicator_facts, as every 766
// measure counts them) and, among them, those the portal acknowledged (dossier_sync.created_acked_at), scoped like the
// other measures (commune, and optionally unit, field or procedure: indicators/store.ts base()).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { base, type Scope } from '../indicators/store.ts';
import type { Period } from '../indicators/core/progress.ts';

export async function receivedAndSynced(db: Kysely<Database>, s: Scope, p: Period): Promise<{ received: number; synced: number }> {
  const r = await base(db, s)
    .leftJoin('dossier_sync as ds', 'ds.dossier_id', 'f.dossier_id')
    .select([
      sql<number>`count(*)::int`.as('received'),
      sql<number>`(count(*) FILTER (WHERE ds.created_acked_at IS NOT NULL))::int`.as('synced'),
    ])
    .where('f.received_at', '>=', p.start)
    .where('f.received_at', '<', p.end)
    .executeTakeFirstOrThrow();
  return { received: r.received, synced: r.synced };
}
