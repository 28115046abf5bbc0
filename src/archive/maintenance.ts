// The months ahead of the growing logs (migration 049): created at server start and then every 6 hours, so that the
// next months' partitions exist long before their first row (the DEFAULT partition only catches what slips through).
// Run by the application role through xaso_ensure_partitions (SECURITY DEFINER). A month whose rows already sit in
// DEFAULT is not created and not moved: PostgreSQL warns, `xaso archive list` shows it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ensurePartitions } from './store.ts';

/** How many months ahead exist at any time. */
export const MONTHS_AHEAD = 3;
const EVERY_MS = 6 * 3_600_000;

/** Starts the maintenance: a run now, then every `everyMs`; `stop()` ends it, `done()` waits for a run under way. */
export function startPartitionMaintenance(
  db: Kysely<Database>, log: { error(o: object, m: string): void; info(o: object, m: string): void }, o: { everyMs?: number } = {},
): { stop(): void; done(): Promise<void> } {
  let running: Promise<void> | null = null;
  const run = () => (running ??= ensurePartitions(db, MONTHS_AHEAD).then(
    (made) => void (made.length && log.info({ partitions: made }, 'log partitions created ahead')),
    (e: unknown) => log.error({ err: e }, 'log partitions: creating the months ahead failed'),
  ).finally(() => (running = null)));
  void run();
  const timer = setInterval(run, o.everyMs ?? EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), done: () => running ?? Promise.resolve() };
}
