// Kysely table types of this area, joined into Database (src/db/schema.ts); see src/db/migrations/007_payments.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, never>;
/** bigint: PostgreSQL returns it as a string; parse deliberately (Number(...)). */
type BigInt = ColumnType<string, number, never>;

export interface PaymentOrdersTable {
  ref: string;
  dossier_id: string;
  commune_id: string;
  purpose: 'fee_before' | 'obligation';
  method: 'online' | 'cash' | 'exempt';
  amount_vnd: BigInt;
  description: string;
  fee_codes: ColumnType<string[], string, never>;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface PaymentEntriesTable {
  id: Generated<string>;
  order_ref: string;
  kind: 'created' | 'paid' | 'failed' | 'cancelled';
  amount_vnd: BigInt;
  at: Timestamp;
  transaction_no: string | null;
  actor_id: string;
  recorded_at: DefaultTimestamp;
}

export interface PaymentNotificationsTable {
  id: Generated<string>;
  received_at: DefaultTimestamp;
  channel: 'ipn' | 'return';
  order_ref: string | null;
  result: 'recorded' | 'replay' | 'rejected' | 'shown';
  reason: string | null;
  rsp_code: string | null;
}

export interface DossierPaymentsView {
  dossier_id: string;
  paid_online: boolean;
  paid_vnd: string;
  last_paid_at: Date;
}

export interface PaymentTables {
  payment_orders: PaymentOrdersTable;
  payment_entries: PaymentEntriesTable;
  payment_notifications: PaymentNotificationsTable;
  dossier_payments: DossierPaymentsView;
}
