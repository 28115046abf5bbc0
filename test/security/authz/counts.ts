// Row counts of every table, to prove that refused writes changed nothing. Left out: what a refused request may
// record by design (sessions touched, idempotency keys, the access and login logs, failure counters).
import { sql } from 'kysely';
import type { TestApp } from '../../support/app.ts';

const NOISE = new Set(['sessions', 'idempotency_keys', 'access_log', 'failed_attempts', 'login_events', 'citizen_sessions', 'schema_migrations']);

export async function tableCounts(db: TestApp['db']): Promise<Record<string, number>> {
  const tables = (await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db)).rows
    .map((r) => r.name).filter((n) => !NOISE.has(n));
  const counts: Record<string, number> = {};
  for (const name of tables) {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0]!.n);
  }
  return counts;
}
