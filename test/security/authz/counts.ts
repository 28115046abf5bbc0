// Row counts of every table, to prove that refused writes changed nothing. Left out: what a refused request may
// record by design (sessions touched, idempotency keys, the access and login logs, failure counters).
import { sql } from 'kysely';
import type { TestApp } from '../../support/app.ts';

const NOISE = new Set(['sessions', 'idempotency_keys', 'access_log', 'failed_attempts', 'login_events', 'citizen_sessions', 'schema_migrations']);

export async function tableCounts(db: TestApp['db']): Promise<Record<string, number>> {
  // Tables and partitioned tables, not their partitions (migration 049: the logs by month; a parent counts them all).
  const tables = (await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`.execute(db)).rows
    .map((r) => r.name).filter((n) => !NOISE.has(n));
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}
