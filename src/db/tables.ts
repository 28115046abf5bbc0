// The platform's own tables: migrations applied, idempotency keys, the access log of personal data, server secrets
// and the shared counter of failed attempts at a guessed secret.
import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json<unknown>;
  created_at: DefaultTimestamp;
  /** The commune the request worked for: the connection's scope when the key was claimed (migration 054). */
  commune_id: Generated<string | null>;
}

export interface AccessLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor: string;
  action: string;
  dossier_id: string | null;
  detail: Json<object>;
}

export interface ServerSecretsTable {
  name: string;
  value: Buffer;
  created_at: DefaultTimestamp;
}

export interface FailedAttemptsTable {
  subject: string;
  at: DefaultTimestamp;
}

/** Backups, restore drills and key rotations (migration 033), read by the administrator's security self-check. */
export interface OpsEventsTable {
  id: Generated<number>;
  kind: OpsEventKind;
  at: DefaultTimestamp;
  ok: boolean;
  detail: Json<Record<string, unknown>>;
}
export type OpsEventKind = 'backup' | 'restore_drill' | 'key_rotation';

export interface PlatformTables {
  schema_migrations: SchemaMigrationsTable;
  idempotency_keys: IdempotencyKeysTable;
  access_log: AccessLogTable;
  server_secrets: ServerSecretsTable;
  failed_attempts: FailedAttemptsTable;
  ops_events: OpsEventsTable;
}
