// The partitions of the growing logs (migration 049): SQL edge. Creating the months ahead (the application role may,
// through the SECURITY DEFINER function xaso_ensure_partitions), and, on the owner's connection only, listing and
// detaching months for the archive (DDL: `xaso archive`, archive.ts).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Partitioned } from './core/months.ts';

type Db = Kysely<Database>;

/** Creates the partitions of this month and `ahead` months after it (and `back` before it) that are missing; the
 *  names created. A month whose rows already sit in DEFAULT is skipped with a warning (nothing moves silently). */
export async function ensurePartitions(db: Db, ahead: number, back = 0): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT xaso_ensure_partitions(${ahead}::int, ${back}::int) AS name`.execute(db);
  return r.rows.map((x) => x.name);
}

export interface PartitionRow {
  parent: Partitioned;
  name: string;
  isDefault: boolean;
  /** The planner's estimate of its rows (exact counts of big months cost a scan), and its size with indexes. */
  estimate: number;
  bytes: number;
}

/** The partitions attached to the two tables now. */
export async function attachedPartitions(db: Db): Promise<PartitionRow[]> {
  const r = await sql<{ parent: Partitioned; name: string; is_default: boolean; estimate: string; bytes: string }>`
    SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT' AS is_default,
           greatest(c.reltuples, 0)::bigint::text AS estimate, pg_total_relation_size(c.oid)::text AS bytes
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
     WHERE p.relnamespace = 'public'::regnamespace AND p.relname IN ('dossier_events', 'access_log')
     ORDER BY p.relname, c.relname`.execute(db);
  return r.rows.map((x) => ({ parent: x.parent, name: x.name, isDefault: x.is_default, estimate: Number(x.estimate), bytes: Number(x.bytes) }));
}

/** The rows the DEFAULT partitions hold, by table and month (should be none: each is a month nobody created). */
export async function defaultRows(db: Db): Promise<{ parent: Partitioned; month: string; rows: number }[]> {
  const r = await sql<{ parent: Partitioned; month: string; rows: string }>`
    SELECT 'dossier_events' AS parent, dossier_month::text AS month, count(*)::text AS rows FROM dossier_events_default GROUP BY 2
    UNION ALL
    SELECT 'access_log', xaso_month(at)::text, count(*)::text FROM access_log_default GROUP BY 2
    ORDER BY 1, 2`.execute(db);
  return r.rows.map((x) => ({ parent: x.parent, month: x.month, rows: Number(x.rows) }));
}

/** A month's cohort of dossiers: how many, and how many are not in one of `closed` states (with a few codes). */
export async function cohort(db: Db, month: string, closed: readonly number[]): Promise<{ dossiers: number; open: number; openNames: string[] }> {
  const r = await sql<{ dossiers: string; open: string; names: string[] | null }>`
    SELECT count(*)::text AS dossiers, count(*) FILTER (WHERE state <> ALL(${[...closed]}::smallint[]))::text AS open,
           (array_agg(coalesce(code, reference) ORDER BY coalesce(code, reference)) FILTER (WHERE state <> ALL(${[...closed]}::smallint[])))[1:5] AS names
      FROM dossiers WHERE dossier_month = ${month}::date`.execute(db);
  const x = r.rows[0]!;
  return { dossiers: Number(x.dossiers), open: Number(x.open), openNames: x.names ?? [] };
}

export interface ArchivedRow {
  name: string; parent: Partitioned; month: string; rows: number; dossiers: number | null; detachedAt: Date;
  /** Whether the table is still in schema xaso_archive (not yet dropped after its dump). */
  present: boolean;
}

export async function archived(db: Db): Promise<ArchivedRow[]> {
  const r = await sql<{ name: string; parent: Partitioned; month: string; rows: string; dossiers: number | null; detached_at: Date; present: boolean }>`
    SELECT name, parent, month::text AS month, rows::text AS rows, dossiers, detached_at,
           to_regclass(format('xaso_archive.%I', name)) IS NOT NULL AS present
      FROM archived_partitions ORDER BY parent, month`.execute(db);
  return r.rows.map((x) => ({ name: x.name, parent: x.parent, month: x.month, rows: Number(x.rows), dossiers: x.dossiers, detachedAt: x.detached_at, present: x.present }));
}

const ident = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/**
 * Detaches one monthly partition for the archive, in one transaction on the owner's connection: DETACH (not
 * CONCURRENTLY: PostgreSQL refuses it while a DEFAULT partition exists; a plain DETACH changes the catalogue only,
 * under a lock of at most `lockTimeout`), then the table moves to schema xaso_archive (out of the live tables and of
 * `xaso backup`), loses its foreign keys (it stands alone in the archive), gets back the append-only row triggers a
 * detach drops, and is recorded in archived_partitions. For dossier_events, the DEFAULT partition then refuses any
 * entry of the archived months (no dossier of a closed cohort gets a new entry outside its archived log).
 */
export async function detachPartition(db: Db, p: { parent: Partitioned; name: string; month: string; dossiers: number | null }, lockTimeout = '5s'): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('lock_timeout', ${lockTimeout}, true)`.execute(trx);
    const rows = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM ${sql.raw(`public.${ident(p.name)}`)}`.execute(trx)).rows[0]!.n);
    await sql.raw(`ALTER TABLE public.${ident(p.parent)} DETACH PARTITION public.${ident(p.name)}`).execute(trx);
    await sql.raw(`ALTER TABLE public.${ident(p.name)} SET SCHEMA xaso_archive`).execute(trx);
    const table = `xaso_archive.${ident(p.name)}`;
    const fks = await sql<{ conname: string }>`
      SELECT conname FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'f'`.execute(trx);
    for (const k of fks.rows) await sql.raw(`ALTER TABLE ${table} DROP CONSTRAINT ${ident(k.conname)}`).execute(trx);
    // The parent's row triggers (append-only), which a detached partition no longer inherits.
    const triggers = await sql<{ tgname: string; def: string }>`
      SELECT t.tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
       WHERE t.tgrelid = ${`public.${p.parent}`}::regclass AND NOT t.tgisinternal AND (t.tgtype & 1) = 1
         AND NOT EXISTS (SELECT 1 FROM pg_trigger x WHERE x.tgrelid = ${table}::regclass AND x.tgname = t.tgname)`.execute(trx);
    for (const t of triggers.rows) {
      await sql.raw(t.def.replace(new RegExp(` ON (public\\.)?${p.parent} `), ` ON ${table} `)).execute(trx);
    }
    await sql`INSERT INTO archived_partitions (name, parent, month, rows, dossiers)
              VALUES (${p.name}, ${p.parent}, ${p.month}::date, ${rows}, ${p.dossiers})`.execute(trx);
    if (p.parent === 'dossier_events') await guardDefault(trx);
    return rows;
  });
}

/** The DEFAULT partition of dossier_events refuses the archived months (a CHECK rebuilt from archived_partitions). */
async function guardDefault(trx: Db): Promise<void> {
  const months = (await sql<{ m: string }>`SELECT month::text AS m FROM archived_partitions WHERE parent = 'dossier_events' ORDER BY 1`.execute(trx)).rows.map((r) => r.m);
  await sql`ALTER TABLE dossier_events_default DROP CONSTRAINT IF EXISTS dossier_events_default_not_archived`.execute(trx);
  if (!months.length) return;
  const list = months.map((m) => `'${m}'`).join(', ');
  await sql.raw(`ALTER TABLE dossier_events_default ADD CONSTRAINT dossier_events_default_not_archived
                 CHECK (dossier_month <> ALL (ARRAY[${list}]::date[]))`).execute(trx);
}

const MONTH_OF: Record<Partitioned, string> = { dossier_events: 'dossier_month', access_log: 'xaso_month(at)' };
const NO_UPDATE: Record<Partitioned, string> = { dossier_events: 'dossier_events_no_update', access_log: 'access_log_no_update' };

/**
 * Moves the rows of one month out of a DEFAULT partition into that month's own partition, in one transaction on the
 * owner's connection: the table is locked against writes (reads go on; at most `lockTimeout` waiting), the rows are
 * held in a temporary table, deleted from DEFAULT (its append-only trigger is disabled for this delete only, under the
 * lock, and enabled again in the same transaction), the month's partition is created as the maintenance creates it
 * (xaso_partition_for_month), and the rows go back through the parent, unchanged (same ids, hashes, times). Refused
 * by PostgreSQL (the transaction rolls back whole) if the counts differ. The rows moved.
 */
export async function moveFromDefault(db: Db, parent: Partitioned, month: string, lockTimeout = '5s'): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('lock_timeout', ${lockTimeout}, true)`.execute(trx);
    await sql.raw(`LOCK TABLE public.${parent} IN EXCLUSIVE MODE`).execute(trx);
    const def = `public.${parent}_default`;
    const inMonth = `${MONTH_OF[parent]} = '${month}'::date`;
    // The parent's columns by name (a partition's own order may differ), generated ones left to PostgreSQL.
    const cols = (await sql<{ c: string }>`
      SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS c FROM pg_attribute
       WHERE attrelid = ${`public.${parent}`}::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = ''`.execute(trx)).rows[0]!.c;
    await sql.raw(`CREATE TEMP TABLE xaso_moving ON COMMIT DROP AS SELECT ${cols} FROM ${def} WHERE ${inMonth}`).execute(trx);
    const held = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM xaso_moving`.execute(trx)).rows[0]!.n);
    await sql.raw(`ALTER TABLE ${def} DISABLE TRIGGER ${NO_UPDATE[parent]}`).execute(trx);
    const deleted = await sql.raw(`DELETE FROM ${def} WHERE ${inMonth}`).execute(trx);
    await sql.raw(`ALTER TABLE ${def} ENABLE TRIGGER ${NO_UPDATE[parent]}`).execute(trx);
    await sql`SELECT xaso_partition_for_month(${parent}, ${month}::date)`.execute(trx);
    const back = await sql.raw(`INSERT INTO public.${parent} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM xaso_moving`).execute(trx);
    if (Number(deleted.numAffectedRows) !== held || Number(back.numAffectedRows) !== held) {
      throw new Error(`moveFromDefault ${parent} ${month}: ${held} held, ${deleted.numAffectedRows} deleted, ${back.numAffectedRows} moved`);
    }
    return held;
  });
}

/** The database's current month (Vietnam time), as the partitions count it. */
export async function currentMonth(db: Db): Promise<string> {
  return (await sql<{ m: string }>`SELECT xaso_month(now())::text AS m`.execute(db)).rows[0]!.m;
}
