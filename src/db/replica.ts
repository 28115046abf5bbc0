// The read replica (DATABASE_REPLICA_URL): a hot standby fed by PostgreSQL's streaming replication. `readDb` (Deps)
// sends the read-only traffic that need not read its own writes there; everything else stays on the primary.
//
// Routing is per connection, decided at its first statement (routedPool below):
// - a transaction (`begin` / `start transaction`) always runs on the primary: the only writes a read path makes (the
//   indicator rollup built on its first view, src/indicators/rollup-store.ts) are transactions, and a standby refuses
//   writes;
// - otherwise the replica, unless it is known to be down: then the primary, while a probe retries the replica with
//   backoff. A statement that fails on the replica because it went away is run again on the primary at once (reads
//   only: nothing is done twice), so a replica outage costs the public pages nothing but load on the primary.
// The replica's state and lag are shown by /health (src/http/health-routes.ts).
import type pg from 'pg';
import { isDatabaseUnavailable, type Log } from './availability.ts';

export interface ReplicaHealth {
  available: boolean;
  /** When it was last seen going down (ISO), while it is down. */
  since?: string;
  /** false: the URL reached a node that is not a standby (e.g. a failover left one node: it serves reads too). */
  standby?: boolean;
  /** WAL the replica has not replayed yet, in bytes (primary's current LSN − replica's replay LSN). */
  lagBytes?: number | null;
  /** Seconds since the last transaction the replica replayed was committed on the primary (grows while idle). */
  replayDelaySeconds?: number | null;
}

const BACKOFF_MS = [200, 500, 1000, 2000, 5000, 10000];

/** A statement that opens a transaction (kyselyFor sends it as a named statement: `{ name, text }`). */
const isBegin = (q: unknown) => {
  const text = typeof q === 'string' ? q : (q as { text?: unknown } | null)?.text;
  return typeof text === 'string' && /^\s*(begin|start\s+transaction)\b/i.test(text);
};

type Query = (text: unknown, values?: unknown) => Promise<unknown>;

export class ReplicaRoute {
  private down: Date | undefined;
  private probing = false;
  private closed = false;

  constructor(private readonly replica: pg.Pool, private readonly primary: pg.Pool, private readonly log: Log = () => {}) {}

  isAvailable(): boolean {
    return !this.down;
  }

  /** A connection error seen on the replica: it counts as down until a probe answers. */
  report(err: unknown): void {
    if (!isDatabaseUnavailable(err) || this.closed) return;
    if (!this.down) {
      this.down = new Date();
      this.log(`Máy chủ đọc (bản sao) không trả lời, các truy vấn đọc chuyển về máy chủ chính / read replica unavailable, reads go to the primary: ${describe(err)}`, 'warn');
    }
    void this.probe();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      for (let i = 0; !this.closed; i++) {
        await new Promise((r) => setTimeout(r, BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]).unref());
        try {
          await this.replica.query('SELECT 1');
          const s = ((Date.now() - +this.down!) / 1000).toFixed(1);
          this.down = undefined;
          this.log(`Máy chủ đọc (bản sao) đã kết nối lại sau ${s} s / read replica available again after ${s} s`, 'warn');
          return;
        } catch (e) {
          if (!isDatabaseUnavailable(e)) { this.down = undefined; return; }
        }
      }
    } finally {
      this.probing = false;
    }
  }

  /** A pg.Pool look-alike for kyselyFor(): each connection picks replica or primary at its first statement. */
  pool(): pg.Pool {
    const route = { replica: this.replica, primary: this.primary, isAvailable: () => this.isAvailable(), report: (e: unknown) => this.report(e) };
    const connect = async () => {
      let client: pg.PoolClient | undefined;
      let onReplica = false;
      let inTransaction = false;
      const bind = async (text: unknown) => {
        inTransaction = isBegin(text);
        if (!inTransaction && route.isAvailable()) {
          try {
            client = await route.replica.connect();
            onReplica = true;
            return;
          } catch (e) {
            route.report(e);
            if (!isDatabaseUnavailable(e)) throw e;
          }
        }
        client = await route.primary.connect();
        onReplica = false;
      };
      const query: Query = async (text, values) => {
        if (!client) await bind(text);
        try {
          return await (client!.query as unknown as Query)(text, values);
        } catch (e) {
          if (!onReplica || inTransaction || !isDatabaseUnavailable(e)) throw e;
          route.report(e); // the replica went away under this read: run it on the primary
          client!.release(e as Error);
          client = await route.primary.connect();
          onReplica = false;
          return (client.query as unknown as Query)(text, values);
        }
      };
      return { query, release: (e?: Error | boolean) => client?.release(e) };
    };
    return { connect, end: async () => { this.closed = true; await this.replica.end(); } } as unknown as pg.Pool;
  }

  /** The replica's state for /health: reachable, a standby, and how far behind the primary it is. */
  async health(): Promise<ReplicaHealth> {
    if (this.down) return { available: false, since: this.down.toISOString() };
    try {
      const r = await this.replica.query<{ standby: boolean; lsn: string | null; delay: number | null }>(
        'SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn, ' +
        'extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS delay',
      );
      const row = r.rows[0]!;
      if (!row.standby) return { available: true, standby: false, lagBytes: 0, replayDelaySeconds: 0 };
      const p = await this.primary.query<{ lag: string | null }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS lag', [row.lsn]);
      const lag = p.rows[0]!.lag;
      return { available: true, standby: true, lagBytes: lag === null ? null : Math.max(0, Number(lag)), replayDelaySeconds: row.delay === null ? null : Math.round(row.delay * 10) / 10 };
    } catch (e) {
      this.report(e);
      if (isDatabaseUnavailable(e)) return { available: false, since: (this.down ?? new Date()).toISOString() };
      throw e;
    }
  }
}

function describe(err: unknown): string {
  if (!err || typeof err !== 'object') return String(err ?? '');
  const { code, message } = err as { code?: unknown; message?: unknown };
  return [code, message].filter((x) => typeof x === 'string' && x).join(' ');
}

/** The server's replica route, if one is configured (one server process has one database: a singleton, like the
 *  availability watch, so /health can read it without being handed it). */
let current: ReplicaRoute | undefined;

export function setReplicaRoute(r: ReplicaRoute | undefined): void {
  current = r;
}

/** The replica's health for /health; null when no replica is configured. */
export function replicaHealth(): Promise<ReplicaHealth> | null {
  return current ? current.health() : null;
}
