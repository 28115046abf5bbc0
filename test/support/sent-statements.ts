// The statements the app's connections send to PostgreSQL (pg.Client.prototype.query wrapped, as bench/capture-hook.ts
// does), for tests that count round trips. Call `watchStatements()` at the top of the file, before the app opens any
// connection: a connection's scope wrapper (db/scope.ts) keeps the method it found at its creation.
import pg from 'pg';

let sent: string[] | null = null;
let installed = false;

/** Wraps the client once; returns `during(work)`: the statements sent while `work` ran. */
export function watchStatements(): (work: () => Promise<unknown>) => Promise<string[]> {
  if (!installed) {
    installed = true;
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0];
      sent?.push(typeof q === 'string' ? q : ((q as { text?: string }).text ?? ''));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  }
  return async (work) => {
    sent = [];
    try {
      await work();
      return sent;
    } finally {
      sent = null;
    }
  };
}
