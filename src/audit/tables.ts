// The admin audit trail (migration 031): one row per administrative change, append-only.
import type { ColumnType, Generated } from 'kysely';

type Json<T = unknown> = ColumnType<T, string | null, never>;

// Type aliases (not interfaces): Kysely's withTables<T>() needs an index-compatible record.
export type AdminAuditTable = {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  scope: 'commune' | 'province' | 'shared';
  scope_id: string;
  actor_kind: 'staff' | 'api_key';
  actor_id: number;
  actor_name: string;
  actor_commune_id: string;
  action: string;
  object_type: string;
  object_id: string;
  object_label: string;
  before: Json<Record<string, unknown> | null>;
  after: Json<Record<string, unknown> | null>;
};

export type AuditTables = {
  admin_audit: AdminAuditTable;
};
