// Backup and restore: what the database says about itself (tables, columns, foreign keys, sequences, migrations),
// read through the catalogue on a plain `pg` client (the owner's connection, see connect.ts).
import type pg from 'pg';
import type { TableSpec } from './core/manifest.ts';
import { dependencyOrder } from './core/order.ts';

/** Restored by running the migrations, never copied. */
const NOT_COPIED = new Set(['schema_migrations']);

/** The application's tables (schema public), in dependency order, with the columns a COPY writes and reads. */
export async function listTables(client: pg.ClientBase): Promise<TableSpec[]> {
  const cols = await client.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE n.nspname = 'public' AND c.relkind = 'r'
     ORDER BY c.relname, a.attnum`);
  const fks = await client.query<{ child: string; parent: string }>(`
    SELECT ch.relname AS child, pa.relname AS parent
      FROM pg_constraint k
      JOIN pg_class ch ON ch.oid = k.conrelid
      JOIN pg_class pa ON pa.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`);
  const columns = new Map<string, string[]>();
  for (const r of cols.rows) {
    if (NOT_COPIED.has(r.table)) continue;
    const list = columns.get(r.table);
    if (list) list.push(r.column);
    else columns.set(r.table, [r.column]);
  }
  const order = dependencyOrder([...columns.keys()], fks.rows.map((f) => [f.child, f.parent] as const));
  return order.map((name) => ({ name, columns: columns.get(name)! }));
}

/** The sequences of schema public and their values (null: never used; read outside the snapshot, so maybe ahead). */
export async function listSequences(client: pg.ClientBase): Promise<{ name: string; lastValue: number | null }[]> {
  const r = await client.query<{ name: string; last_value: string | null }>(
    `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
  );
  return r.rows.map((s) => ({ name: s.name, lastValue: s.last_value === null ? null : Number(s.last_value) }));
}

export async function appliedMigrations(client: pg.ClientBase) {
  const r = await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  return r.rows;
}

export async function serverFacts(client: pg.ClientBase): Promise<{ serverVersion: string; database: string }> {
  const r = await client.query<{ v: string; d: string }>(`SELECT current_setting('server_version') AS v, current_database() AS d`);
  return { serverVersion: r.rows[0]!.v, database: r.rows[0]!.d };
}

/** One snapshot for everything the backup reads: REPEATABLE READ, READ ONLY. */
export const beginSnapshot = (client: pg.ClientBase) => client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
export const endTransaction = (client: pg.ClientBase) => client.query('COMMIT');
export const rollback = (client: pg.ClientBase) => client.query('ROLLBACK').then(() => {}, () => {});

/** The file-vault key versions the stored files are sealed with (migration 034: files.key_version), ascending. */
export async function vaultKeyVersions(client: pg.ClientBase, tables: readonly TableSpec[]): Promise<number[]> {
  if (!tables.some((t) => t.name === 'files' && t.columns.includes('key_version'))) return [];
  const r = await client.query<{ v: number }>('SELECT DISTINCT key_version AS v FROM files WHERE key_version IS NOT NULL ORDER BY 1');
  return r.rows.map((x) => Number(x.v));
}
