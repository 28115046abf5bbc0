// A restore (src/backup/restore.ts) copies the partitions of the growing logs table by table, as the backup listed
// them (each monthly partition is a table of its own). The migrations of an empty database create only the months
// around today: the archive's other months are created here, with the same names and bounds (migration 049,
// xaso_partition_for_month), before any row is loaded, so that every row goes back to its own month.
import type pg from 'pg';
import { PARTITIONED, partitionMonth } from './core/months.ts';

/** Creates the monthly partitions named in `tables` that the target lacks; how many were created. */
export async function createListedPartitions(client: pg.ClientBase, tables: readonly string[]): Promise<number> {
  let made = 0;
  for (const name of tables) {
    for (const parent of PARTITIONED) {
      const month = partitionMonth(parent, name);
      if (!month) continue;
      const r = await client.query<{ made: string | null }>('SELECT xaso_partition_for_month($1, $2::date) AS made', [parent, month]);
      if (r.rows[0]?.made) made++;
    }
  }
  return made;
}

/** `tables` and the partitioned tables of schema public (parents hold no rows, but a TRUNCATE of a table they reference
 *  must name them too, and their TRUNCATE triggers are switched off with their partitions'). */
export async function withPartitionedParents(client: pg.ClientBase, tables: readonly string[]): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'p' ORDER BY 1`);
  return [...tables, ...r.rows.map((x) => x.name).filter((n) => !tables.includes(n))];
}
