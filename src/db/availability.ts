// Whether the database answers, as the server sees it: set by connection errors (a pool's, a client's, a query's)
// and cleared by a light probe (`SELECT 1`) retried with backoff. While it is down the HTTP edge answers 503
// (src/http/db-guard.ts) and /health says so; the pg pool replaces dead connections by itself.

/** SQLSTATEs and driver errors that mean "the database is away", not "this statement is wrong". */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
  '53300', // too_many_connections
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to administrator command|the database system is (starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect/i;

/** True when `err` (or its cause) says the database cannot be reached, as opposed to a faulty statement. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    // The Unix socket gone while PostgreSQL restarts; not any missing file (a handler's fs error is no outage).
    if (code === 'ENOENT' && (e as { syscall?: unknown }).syscall === 'connect') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    const errors = (e as { errors?: unknown }).errors; // AggregateError: one per address tried
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** Seconds a client is told to wait (Retry-After) while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

export interface DatabaseState {
  available: boolean;
  /** When it was last seen going down (ISO), while it is down. */
  since?: string;
}

type Probe = () => Promise<unknown>;
/** A logger: progress at 'info', outages and recoveries at 'warn'. */
export type Log = (message: string, level?: 'info' | 'warn') => void;

const BACKOFF_MS = [100, 200, 500, 1000, 2000, 5000];

/**
 * The state of one process's database. One server process has one database; the state is a singleton so that the
 * pools (connect.ts), the HTTP edge and /health share it without being handed it.
 */
class Availability {
  private down: Date | undefined;
  private probe: Probe | undefined;
  private probing = false;
  private log: Log = () => {};

  /** The probe used to find out whether the database answers again (a query on the app's pool). */
  watch(probe: Probe, log: Log = () => {}): void {
    this.probe = probe;
    this.log = log;
  }

  state(): DatabaseState {
    return this.down ? { available: false, since: this.down.toISOString() } : { available: true };
  }

  isAvailable(): boolean {
    return !this.down;
  }

  /**
   * An error was seen. A connection error may concern one connection only (pg_terminate_backend of it): probe at
   * once; the database counts as down only when the probe fails too.
   */
  report(err: unknown): void {
    if (!isDatabaseUnavailable(err) || !this.probe) return; // no probe: no server watching (tests, commands)
    void this.runProbes(err);
  }

  /** Known down (the embedded PostgreSQL exited): probes until it answers again. */
  lost(err: unknown): void {
    this.markDown(err);
    void this.runProbes(err);
  }

  markDown(err?: unknown): void {
    if (this.down) return;
    this.down = new Date();
    this.log(`Cơ sở dữ liệu không trả lời, đang thử kết nối lại / database unavailable, reconnecting: ${describe(err)}`, 'warn');
  }

  markUp(): void {
    if (!this.down) return;
    const s = ((Date.now() - +this.down) / 1000).toFixed(1);
    this.down = undefined;
    this.log(`Cơ sở dữ liệu đã kết nối lại sau ${s} s / database available again after ${s} s`, 'warn');
  }

  private async runProbes(err: unknown): Promise<void> {
    if (this.probing || !this.probe) return;
    this.probing = true;
    try {
      for (let i = 0; ; i++) {
        try {
          await this.probe();
          this.markUp();
          return;
        } catch (e) {
          if (!isDatabaseUnavailable(e)) {
            this.markUp(); // it answered, with an error of another kind: it is there
            return;
          }
          this.markDown(i === 0 ? err : e);
        }
        const wait = BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]!;
        await new Promise((r) => setTimeout(r, wait).unref());
      }
    } finally {
      this.probing = false;
    }
  }

  /** Tests: back to "available", no probe. */
  reset(): void {
    this.down = undefined;
    this.probe = undefined;
  }
}

function describe(err: unknown): string {
  if (!err || typeof err !== 'object') return String(err ?? '');
  const { code, message } = err as { code?: unknown; message?: unknown };
  return [code, message].filter((x) => typeof x === 'string' && x).join(' ');
}

export const databaseAvailability = new Availability();
