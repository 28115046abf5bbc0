// What every route group receives: the app type (Fastify with the TypeBox type provider) and the dependencies the
// composition root (src/app.ts) builds once. A leaf: it imports types only, so any floor above http/ can use it.
import type { FastifyInstance, FastifyBaseLogger, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Engine } from '../db/connect.ts';
import type { Outside } from '../outside/index.ts';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface Deps {
  db: Kysely<Database>;
  /** Where read-only traffic that need not read its own writes goes (public pages, status lookups, dashboards): a
   *  streaming replica when DATABASE_REPLICA_URL is set, otherwise the same pool as `db`. */
  readDb: Kysely<Database>;
  engine: Engine;
  migrationVersion(): Promise<number>;
  /** The server clock; tests replace it to act at chosen instants. */
  now(): Date;
  /** Public address of the portal, for links in QR codes and notices. */
  publicUrl: string;
  /** The outside services (real or local stand-ins), src/outside/. */
  outside: Outside;
}

/** The largest uploaded file (a scanned component, an evidence file, a result). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
