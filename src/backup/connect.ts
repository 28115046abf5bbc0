// The owner's connection to the database a backup reads or a restore writes. The backup reads every table, the
// restore creates them: both need the database's owner (or a superuser), never the application's narrower role.
//   DATABASE_URL set    that login (the database owner, as for migrations: docs/architecture.md §4)
//   embedded            the cluster's own login. When the server is running, its PostgreSQL is used as it is
//                       (db/embedded.ts): a backup from cron never stops the running server's database; otherwise the
//                       embedded server is started for the command.
import { startEmbedded } from '../db/embedded.ts';
import { withDatabase } from '../db/connect.ts';

export interface Owner {
  /** The owner's connection string to the application's database. */
  url: string;
  engine: 'embedded' | 'external';
  close(): Promise<void>;
}

export async function openOwner(config: { databaseUrl: string | undefined; dataDir: string }, log: (s: string) => void = () => {}): Promise<Owner> {
  if (config.databaseUrl) return { url: config.databaseUrl, engine: 'external', close: async () => {} };
  // A running server's PostgreSQL is used as it is (startEmbedded attaches to it and its stop is then a no-op).
  const embedded = await startEmbedded(config.dataDir, (m) => log(m));
  return { url: withDatabase(embedded.adminUrl, 'xaso'), engine: 'embedded', close: () => embedded.stop() };
}
