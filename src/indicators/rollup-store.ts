// The monthly rollup in the database (migration 016; the entries are core/rollup.ts's): kept in step with the facts
// in the transaction of every facts refresh, built for a commune from its facts the first time a view needs it, and
// read together with the commune's unfinished dossiers, which are never stored and always read live. Its sums over
// unit, procedure and channel, by field and over every field (indicator_rollup_commune, migrations 052 and 055: what
// the province's figures read) are written by the same statements, so the two never differ.
//
// Concurrency: a refresh adds (new entries − old entries) with INSERT … ON CONFLICT DO UPDATE n = n + delta, rows in
// key order; increments commute, so concurrent refreshes need no more than the row locks. A build takes
// indicator_facts in SHARE ROW EXCLUSIVE mode (waits for the facts writers in flight, holds new ones, excludes a
// second build); a refresh writes its facts row BEFORE it reads whether the commune is built, so either the build
// sees the new facts or the refresh sees the built mark and adds its delta — never both, never neither.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { IndicatorFactsTable } from './tables.ts';
import { entriesOf, type Month, type RollupFacts, type WeightedEntry } from './core/rollup.ts';
import { base, type Scope } from './store.ts';

/** A row of indicator_facts as the rollup reads it. */
export type FactsRow = Omit<IndicatorFactsTable, 'dossier_id' | 'updated_at'>;

export const FACTS_COLUMNS = [
  'commune_id', 'unit_code', 'field_code', 'procedure_code', 'channel', 'received_at', 'finished_at', 'returned_at', 'original_due_at',
  'paused_at', 'supplement_count', 'late_by_supplement_rule', 'counts',
] as const;

export const rollupFacts = (r: FactsRow): RollupFacts => ({
  channel: r.channel, receivedAt: r.received_at, originalDueAt: r.original_due_at, finishedAt: r.finished_at, pausedAt: r.paused_at,
  returnedAt: r.returned_at, supplementCount: r.supplement_count, lateBySupplementRule: r.late_by_supplement_rule, counts: r.counts,
});

type Key = [commune: string, unit: string, field: string, procedure: string, kind: string, month: string, receivedMonth: string, channel: string, label: string, complained: boolean];

/** Adds sign × the stored entries of a facts row to the buckets. */
function addEntries(into: Map<string, { key: Key; n: number }>, r: FactsRow | null, sign: number) {
  if (!r) return;
  for (const e of entriesOf(rollupFacts(r))) {
    const key: Key = [r.commune_id, r.unit_code ?? '', r.field_code, r.procedure_code, e.kind, e.month, e.receivedMonth, e.channel, e.label, e.complained];
    const k = key.join('\u0001');
    const b = into.get(k);
    if (b) b.n += sign;
    else into.set(k, { key, n: sign });
  }
}

/** Adds the buckets to the rollup, in key order, only for communes already built (`onlyBuilt`) — and, in the SAME
 *  statement (a data-modifying CTE: no extra round trip), their sums over unit, procedure and channel to the coarse
 *  rollup `indicator_rollup_commune` (migration 052), with their sums over every field too (field_code '*', migration
 *  055), so that it stays exactly the fine rollup grouped by its key and by its key without the field (the coarse
 *  key of every fine row written is written too, even when the chunk's sum for it is 0). */
async function upsert(db: Kysely<Database>, buckets: Map<string, { key: Key; n: number }>, onlyBuilt: boolean) {
  const rows = [...buckets.entries()].filter(([, b]) => b.n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, b]) => b);
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const col = (j: number) => part.map((r) => r.key[j]);
    // Both sets of rows in key order, by the same statement shape: concurrent refreshes take their row locks in one
    // order (PostgreSQL runs an unreferenced data-modifying CTE after the main statement).
    await sql`
      WITH x AS MATERIALIZED (
        SELECT x.* FROM unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[], ${col(4)}::text[], ${col(5)}::text[],
                               ${col(6)}::text[], ${col(7)}::text[], ${col(8)}::text[], ${col(9)}::boolean[], ${part.map((r) => r.n)}::int[])
                 AS x(commune_id, unit_code, field_code, procedure_code, kind, month, received_month, channel, label, complained, n)
         WHERE ${!onlyBuilt} OR EXISTS (SELECT 1 FROM indicator_rollup_built b WHERE b.commune_id = x.commune_id)
      ), coarse AS (
        INSERT INTO indicator_rollup_commune AS c (commune_id, month, kind, field_code, received_month, label, complained, n)
        SELECT commune_id, month, kind, CASE WHEN GROUPING(field_code) = 1 THEN '*' ELSE field_code END, received_month, label, complained, sum(n)::int
          FROM x
         GROUP BY GROUPING SETS ((commune_id, month, kind, field_code, received_month, label, complained),
                                 (commune_id, month, kind, received_month, label, complained))
         ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (commune_id, month, kind, field_code, received_month, label, complained)
        DO UPDATE SET n = c.n + excluded.n
      )
      INSERT INTO indicator_rollup (commune_id, unit_code, field_code, procedure_code, kind, month, received_month, channel, label, complained, n)
      SELECT commune_id, unit_code, field_code, procedure_code, kind, month, received_month, channel, label, complained, n FROM x
      ON CONFLICT (commune_id, month, kind, unit_code, field_code, procedure_code, received_month, channel, label, complained)
      DO UPDATE SET n = indicator_rollup.n + excluded.n`.execute(db);
  }
}

/** In the transaction of a facts refresh, AFTER the facts row was written: the rollup moves by (after − before). */
export async function applyRollupDelta(db: Kysely<Database>, before: FactsRow | null, after: FactsRow): Promise<void> {
  const buckets = new Map<string, { key: Key; n: number }>();
  addEntries(buckets, before, -1);
  addEntries(buckets, after, 1);
  if ([...buckets.values()].some((b) => b.n !== 0)) await upsert(db, buckets, true);
}

/** (Re)builds the rollup of a commune from its facts (`force`: even if already built). */
export async function buildRollup(db: Kysely<Database>, communeId: string, force = false): Promise<void> {
  // Inside a caller's transaction (a view computed while writing, e.g. a report filed with its figures) the build
  // joins it; otherwise it has its own.
  const inOne = <T>(work: (trx: Kysely<Database>) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  await inOne(async (trx) => {
    await sql`LOCK TABLE indicator_facts IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const built = await trx.selectFrom('indicator_rollup_built').select('commune_id').where('commune_id', '=', communeId).executeTakeFirst();
    if (built && !force) return;
    await trx.deleteFrom('indicator_rollup').where('commune_id', '=', communeId).execute();
    await sql`DELETE FROM indicator_rollup_commune WHERE commune_id = ${communeId}`.execute(trx);
    await trx.deleteFrom('indicator_rollup_built').where('commune_id', '=', communeId).execute();
    const buckets = new Map<string, { key: Key; n: number }>();
    // Only finished dossiers have stored entries; read them a year of receipt at a time to bound memory.
    const read = async (from: Date | null, to: Date | null) => {
      let q = trx.selectFrom('indicator_facts as f').select(FACTS_COLUMNS.map((c) => `f.${c}` as const))
        .where('f.commune_id', '=', communeId).where('f.finished_at', 'is not', null);
      q = from && to ? q.where('f.received_at', '>=', from).where('f.received_at', '<', to) : q.where('f.received_at', 'is', null);
      for (const r of (await q.execute()) as FactsRow[]) addEntries(buckets, r, 1);
    };
    const range = await trx.selectFrom('indicator_facts').where('commune_id', '=', communeId).where('finished_at', 'is not', null)
      .select([sql<Date | null>`min(received_at)`.as('lo'), sql<Date | null>`max(received_at)`.as('hi')]).executeTakeFirstOrThrow();
    await read(null, null); // finished without ever being received (refused at receipt): returned entries only
    if (range.lo && range.hi) {
      for (let y = range.lo.getUTCFullYear() - 1; y <= range.hi.getUTCFullYear() + 1; y++) {
        await read(new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y + 1, 0, 1)));
      }
    }
    await upsert(trx, buckets, false);
    await trx.insertInto('indicator_rollup_built').values({ commune_id: communeId }).execute();
  });
}

/** Builds the commune's rollup if it has not been built yet (the first view after the upgrade to migration 016). */
export async function ensureRollup(db: Kysely<Database>, communeId: string): Promise<void> {
  const built = await db.selectFrom('indicator_rollup_built').select('commune_id').where('commune_id', '=', communeId).executeTakeFirst();
  if (!built) await buildRollup(db, communeId);
}

/** The stored entries of the scope for the months first…last, summed by what the sums need (by procedure: for the
 *  report). Only months in the span are read. */
export async function storedEntries(db: Kysely<Database>, s: Scope, first: Month, last: Month, byProcedure: boolean): Promise<WeightedEntry[]> {
  let q = db.selectFrom('indicator_rollup as r')
    .select(['r.kind', 'r.month', 'r.received_month', 'r.channel', 'r.label', 'r.complained', sql<number>`sum(r.n)::int`.as('n')])
    .where('r.commune_id', '=', s.communeId).where('r.month', '>=', first).where('r.month', '<=', last)
    .groupBy(['r.kind', 'r.month', 'r.received_month', 'r.channel', 'r.label', 'r.complained']);
  if (s.unitCode) q = q.where('r.unit_code', '=', s.unitCode);
  if (s.fieldCode) q = q.where('r.field_code', '=', s.fieldCode);
  if (s.procedureCode) q = q.where('r.procedure_code', '=', s.procedureCode);
  const rows = byProcedure
    ? await q.select(['r.field_code', 'r.procedure_code']).groupBy(['r.field_code', 'r.procedure_code']).execute()
    : await q.execute();
  return rows.map((r) => ({
    kind: r.kind as WeightedEntry['kind'], month: r.month, receivedMonth: r.received_month, channel: r.channel, label: r.label,
    complained: r.complained, n: r.n,
    fieldCode: 'field_code' in r ? (r.field_code as string) : '', procedureCode: 'procedure_code' in r ? (r.procedure_code as string) : '',
  }));
}

/** The scope's dossiers not finished yet, read live, with their entries for the months asked. */
export async function liveEntries(db: Kysely<Database>, s: Scope, months: readonly Month[]): Promise<WeightedEntry[]> {
  const rows = (await base(db, s).select(FACTS_COLUMNS.map((c) => `f.${c}` as const)).where('f.finished_at', 'is', null).execute()) as FactsRow[];
  const out: WeightedEntry[] = [];
  for (const r of rows) {
    for (const e of entriesOf(rollupFacts(r), months) as WeightedEntry[]) {
      e.n = 1;
      e.fieldCode = r.field_code;
      e.procedureCode = r.procedure_code;
      out.push(e);
    }
  }
  return out;
}
