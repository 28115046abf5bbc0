// Restore: the SQL that writes. Everything happens in ONE transaction on the owner's connection (restore.ts): the
// schema (migrations up to the archive's version), the rows, the sequences; a failure anywhere leaves the target as
// it was. Triggers of the application (append-only, projections) are disabled for the load (ALTER TABLE … DISABLE
// TRIGGER USER: the table's owner may, no superuser needed) and enabled again before the commit; the foreign-key
// checks stay on, which is why tables load parents first (core/order.ts).
import type pg from 'pg';
import type { Migration } from '../db/migrate.ts';

const ident = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/** Whether the database has no table of its own yet (schema public empty): the only database a restore writes into. */
export async function isEmptyDatabase(client: pg.ClientBase): Promise<boolean> {
  const r = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')`,
  );
  return r.rows[0]!.n === 0;
}

export const begin = (client: pg.ClientBase) => client.query('BEGIN');
export const commit = (client: pg.ClientBase) => client.query('COMMIT');

/** Runs the migrations (as src/db/migrate.ts records them) inside the caller's transaction. */
export async function applyMigrations(client: pg.ClientBase, migrations: readonly Migration[]): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  for (const m of migrations) {
    await client.query(m.sql);
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
  }
}

/** Disables (or enables again) the application's triggers of every table. */
export async function setUserTriggers(client: pg.ClientBase, tables: readonly string[], enabled: boolean): Promise<void> {
  for (const t of tables) await client.query(`ALTER TABLE ${ident(t)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER USER`);
}

/** Empties the tables the migrations may have filled (defaults, shipped rows): the archive has them as they were. */
export async function emptyTables(client: pg.ClientBase, tables: readonly string[]): Promise<void> {
  if (tables.length) await client.query(`TRUNCATE ${tables.map(ident).join(', ')}`);
}

/** Sets each sequence to its value at the backup (unused ones stay as they are). */
export async function setSequences(client: pg.ClientBase, sequences: readonly { name: string; lastValue: number | null }[]): Promise<void> {
  for (const s of sequences) {
    if (s.lastValue !== null) await client.query('SELECT setval($1::regclass, $2::bigint, true)', [ident(s.name), s.lastValue]);
  }
}

export async function countRows(client: pg.ClientBase, table: string): Promise<number> {
  const r = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`);
  return Number(r.rows[0]!.n);
}

/** A scratch database for a drill (the login needs CREATEDB, or to be a superuser). */
export async function createDatabase(client: pg.ClientBase, name: string): Promise<void> {
  await client.query(`CREATE DATABASE ${ident(name)}`);
}

export async function dropDatabase(client: pg.ClientBase, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
}
