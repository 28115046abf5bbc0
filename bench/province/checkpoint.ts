// The server's start-up work on a big database: at start (then hourly) it writes the signed checkpoint of the
// dossiers' log heads (src/integrity/checkpoints.ts): the first one reads every dossier and every log entry in one
// read-only snapshot and checks each chain; later ones (incremental) only the entries appended since. The
// measurements wait for it to end (they would otherwise share the cores with it),
// and report how long it took and the server process's peak memory.
import fs from 'node:fs';
import pg from 'pg';

const busy = `SELECT count(*)::int AS n FROM pg_stat_activity
  WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')
    AND (query LIKE '%"event_count", "last_hash"%' OR query LIKE '%from "dossier_events"%' OR query LIKE '%integrity_heads%'
      OR query LIKE '%FROM dossier_events WHERE id >%')`;

/** Waits until no checkpoint query has run for three polls in a row (1 s apart); returns the seconds waited. */
export async function waitForCheckpoint(url: string, limitSeconds = 7200): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = performance.now();
  try {
    for (let quiet = 0; quiet < 3;) {
      const n = (await c.query<{ n: number }>(busy)).rows[0]!.n;
      quiet = n ? 0 : quiet + 1;
      if ((performance.now() - t0) / 1000 > limitSeconds) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await c.end();
  }
  return Math.round((performance.now() - t0) / 1000) - 3;
}

/** A process's peak resident memory (VmHWM), in MB; null where /proc is not there. */
export function peakMemoryMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}
