// Stub: the sync outbox worker (filled by the sync area).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PortalSettings } from '../outside/portal.ts';

export interface SyncWorkerDeps {
  db: Kysely<Database>;
  now(): Date;
  portal: PortalSettings;
}

export function startSyncWorker(_deps: SyncWorkerDeps, _log: { warn(o: object, m: string): void; error(o: object, m: string): void }) {
  return { async stop() {} };
}
