// Integrity: SQL edge. The dossiers' heads page by page with their log entries, read in one snapshot (verify.ts);
// for the incremental checkpoint (incremental.ts) the entries appended since the previous one, by id range, and the
// heads the signed checkpoints last vouched for (integrity_heads, migration 050).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ChainEventRow } from '../dossiers/store.ts';

type Db = Kysely<Database>;

/** Whether the dossier's log is in a month detached for the archive (src/archive/, migration 049): its entries are no
 *  longer in dossier_events. */
const ARCHIVED = sql<boolean>`dossier_month IN (SELECT month FROM archived_partitions WHERE parent = 'dossier_events')`.as('archived');

/** The next page of dossiers after `afterId` (by id): the head each keeps and a name to report it by. */
export async function dossierHeads(db: Db, afterId: string | null, limit: number) {
  let q = db.selectFrom('dossiers').select(['id', 'code', 'reference', 'event_count', 'last_hash', ARCHIVED]).orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.execute();
}

/** The same for some dossiers (those with new entries). */
export function dossierHeadsOf(db: Db, ids: readonly string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('dossiers').select(['id', 'code', 'reference', 'event_count', 'last_hash']).where('id', 'in', [...ids]).execute();
}

/** Runs `fn` in one read-only snapshot (REPEATABLE READ): a head and its entries are read as of the same moment,
 *  so actions committing meanwhile never look like a broken head. */
export async function inSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}

/** The snapshot's transaction horizon (xid8 as text): every transaction below xmin has ended; none from xmax on is
 *  seen. */
export async function snapshotHorizon(db: Db): Promise<{ xmin: string; xmax: string }> {
  const r = await sql<{ xmin: string; xmax: string }>`
    SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`.execute(db);
  return r.rows[0]!;
}

export interface EntryRef { id: string; dossier_id: string; seq: number }

/** The log entries with id > `afterId`, `limit` at a time in id order (the primary key's range). */
export async function entriesAfter(db: Db, afterId: string, limit: number): Promise<EntryRef[]> {
  const r = await sql<EntryRef>`SELECT id::text AS id, dossier_id, seq FROM dossier_events WHERE id > ${afterId}::bigint ORDER BY id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/** The log entries whose ids lie in the ranges (the ids that were pending at the previous checkpoint). */
export async function entriesIn(db: Db, ranges: readonly { lo: string; hi: string }[]): Promise<EntryRef[]> {
  if (!ranges.length) return [];
  const r = await sql<EntryRef>`
    SELECT e.id::text AS id, e.dossier_id, e.seq
      FROM unnest(${ranges.map((x) => x.lo)}::bigint[], ${ranges.map((x) => x.hi)}::bigint[]) AS g(lo, hi)
      JOIN dossier_events e ON e.id BETWEEN g.lo AND g.hi
     ORDER BY e.id`.execute(db);
  return r.rows;
}

/** The greatest log entry id, and the ids missing below it within the last `window` ids (taken by transactions not
 *  committed yet, or rolled back), as ranges: where a full checkpoint leaves the incremental ones to go on. */
export async function logEnd(db: Db, window: number): Promise<{ max: string | null; gaps: { lo: string; hi: string }[] }> {
  const max = (await sql<{ m: string | null }>`SELECT max(id)::text AS m FROM dossier_events`.execute(db)).rows[0]?.m ?? null;
  if (max === null) return { max: null, gaps: [] };
  const r = await sql<{ lo: string; hi: string }>`
    SELECT (id + 1)::text AS lo, (nxt - 1)::text AS hi
      FROM (SELECT id, lead(id) OVER (ORDER BY id) AS nxt FROM dossier_events WHERE id >= ${max}::bigint - ${window}) x
     WHERE nxt > id + 1`.execute(db);
  return { max, gaps: r.rows };
}

/** The heads the signed checkpoints last recorded for these dossiers. */
export async function signedHeads(db: Db, ids: readonly string[]): Promise<Map<string, { count: number; hash: string | null }>> {
  if (!ids.length) return new Map();
  const r = await sql<{ chain_id: string; count: number; hash: string | null }>`
    SELECT chain_id, count, hash FROM integrity_heads WHERE chain_id = ANY(${[...ids]}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.chain_id, { count: x.count, hash: x.hash }]));
}

/** Records the heads a signed checkpoint (its file name) just vouched for. */
export async function recordSignedHeads(db: Db, heads: readonly { id: string; count: number; hash: string | null }[], file: string, at: Date): Promise<void> {
  for (let i = 0; i < heads.length; i += 5000) {
    const part = heads.slice(i, i + 5000);
    await sql`
      INSERT INTO integrity_heads (chain_id, count, hash, checkpoint, signed_at)
      SELECT x.id, x.count, x.hash, ${file}, ${at}
        FROM unnest(${part.map((h) => h.id)}::uuid[], ${part.map((h) => h.count)}::int[], ${part.map((h) => h.hash)}::text[]) AS x(id, count, hash)
      ON CONFLICT (chain_id) DO UPDATE SET count = excluded.count, hash = excluded.hash, checkpoint = excluded.checkpoint, signed_at = excluded.signed_at`.execute(db);
  }
}

/** The entries of each dossier numbered after `after` (its signed count), in order, as the chain check reads them
 *  (the same columns as dossiers/store.ts chainEvents). */
export async function entriesAfterSeq(db: Db, after: ReadonlyMap<string, number>): Promise<ChainEventRow[]> {
  if (!after.size) return [];
  const ids = [...after.keys()];
  const rows = await db.selectFrom('dossier_events as e')
    .leftJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
    .select([
      'e.seq', 'e.action', 'e.from_state', 'e.to_state', 'e.actor_id', 'e.actor_role', 'e.actor_unit',
      sql<string | null>`coalesce(e.actor_name, s.full_name)`.as('actor_name'),
      'e.at', 'e.payload', 'e.changes', 'e.handover', 'e.prev_hash', 'e.hash',
      'e.dossier_id', 'e.actor_name as stored_actor_name', 'e.actor_title', 'e.chain_version',
    ])
    .where('e.dossier_id', 'in', ids)
    .where(sql<boolean>`e.seq > (SELECT t.after FROM unnest(${ids}::uuid[], ${ids.map((i) => after.get(i)!)}::int[]) AS t(id, after) WHERE t.id = e.dossier_id)`)
    .orderBy('e.dossier_id').orderBy('e.seq')
    .execute();
  return rows as ChainEventRow[];
}
