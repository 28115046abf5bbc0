// Payments: SQL edge. Orders and entries are only ever inserted (007_payments.sql); reads are scoped by the caller
// (or by the principal passed in, for the counter's dossier search). Also what payments read of a dossier: its
// state, and the amount its financial-obligation request asked for.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { scoped } from '../dossiers/store.ts';
import type { Selectable } from 'kysely';
import type { PaymentOrdersTable } from './tables.ts';
import type { Entry, LedgerRecord, Order } from './core/ledger.ts';
import type { Outcome } from './core/protocol.ts';

type Db = Kysely<Database>;

const ORDER_COLUMNS = ['ref', 'dossier_id', 'commune_id', 'purpose', 'method', 'amount_vnd', 'description', 'fee_codes', 'created_by', 'created_at', 'expires_at'] as const;

export type OrderRow = Pick<Selectable<PaymentOrdersTable>, (typeof ORDER_COLUMNS)[number]>;

export const toOrder = (r: OrderRow): Order => ({
  ref: r.ref, dossierId: r.dossier_id, amountVnd: Number(r.amount_vnd), method: r.method, createdAt: r.created_at, expiresAt: r.expires_at,
});

export async function orderByRef(db: Db, ref: string): Promise<OrderRow | undefined> {
  return db.selectFrom('payment_orders').select(ORDER_COLUMNS).where('ref', '=', ref).executeTakeFirst();
}

export async function entriesOf(db: Db, refs: readonly string[]) {
  if (!refs.length) return [];
  return db.selectFrom('payment_entries').select(['id', 'order_ref', 'kind', 'amount_vnd', 'at', 'transaction_no', 'actor_id'])
    .where('order_ref', 'in', refs).orderBy('id').execute();
}

export const toEntry = (e: Awaited<ReturnType<typeof entriesOf>>[number]): Entry => ({
  kind: e.kind, amountVnd: Number(e.amount_vnd), at: e.at, transactionNo: e.transaction_no,
});

/** Serialises everything done to one order inside the transaction (orders are never updated, so no row lock). */
export async function lockOrder(trx: Db, ref: string) {
  await sql`select pg_advisory_xact_lock(hashtext(${'payment:' + ref}))`.execute(trx);
}

export async function ordersOfDossier(db: Db, dossierId: string) {
  return db.selectFrom('payment_orders').select(ORDER_COLUMNS).where('dossier_id', '=', dossierId).orderBy('created_at').execute();
}

export interface NewOrder {
  ref: string; dossierId: string; communeId: string; purpose: OrderRow['purpose']; method: OrderRow['method'];
  amountVnd: number; description: string; feeCodes: string[]; createdBy: string; createdAt: Date; expiresAt: Date;
}

export async function insertOrder(trx: Db, o: NewOrder) {
  await trx.insertInto('payment_orders').values({
    ref: o.ref, dossier_id: o.dossierId, commune_id: o.communeId, purpose: o.purpose, method: o.method, amount_vnd: o.amountVnd,
    description: o.description, fee_codes: JSON.stringify(o.feeCodes), created_by: o.createdBy, created_at: o.createdAt, expires_at: o.expiresAt,
  }).execute();
  await insertEntry(trx, o.ref, { kind: 'created', amountVnd: o.amountVnd, at: o.createdAt, transactionNo: null }, o.createdBy);
}

/** Appends an entry; a second settlement of an order is refused by the unique index (returns null). */
export async function insertEntry(trx: Db, ref: string, e: Entry, actorId: string) {
  const r = await trx.insertInto('payment_entries').values({
    order_ref: ref, kind: e.kind, amount_vnd: e.amountVnd, at: e.at, transaction_no: e.transactionNo, actor_id: actorId,
  }).onConflict((oc) => oc.column('order_ref').where(sql<boolean>`kind <> 'created'`).doNothing()).returning('id').executeTakeFirst();
  return r?.id ?? null;
}

export async function logNotification(db: Db, n: { channel: 'ipn' | 'return'; ref: string | null; result: 'recorded' | 'replay' | 'rejected' | 'shown'; reason?: string | null; rspCode?: string | null }) {
  await db.insertInto('payment_notifications').values({
    channel: n.channel, order_ref: n.ref?.slice(0, 64) ?? null, result: n.result, reason: n.reason ?? null, rsp_code: n.rspCode ?? null,
  }).execute();
}

/** Whether a fee collected at submission is settled (paid or exempted) for the dossier. */
export async function beforeFeesSettled(db: Db, dossierId: string): Promise<boolean> {
  const r = await db.selectFrom('payment_orders as o').innerJoin('payment_entries as e', 'e.order_ref', 'o.ref')
    .select('o.ref').where('o.dossier_id', '=', dossierId).where('o.purpose', '=', 'fee_before').where('e.kind', '=', 'paid')
    .executeTakeFirst();
  return r !== undefined;
}

/** A pending online order that can be reused (same purpose and amount, not expired, not settled). */
export async function openOrder(db: Db, dossierId: string, purpose: OrderRow['purpose'], amountVnd: number, now: Date) {
  return db.selectFrom('payment_orders as o').select(ORDER_COLUMNS.map((c) => `o.${c}` as const))
    .where('o.dossier_id', '=', dossierId).where('o.purpose', '=', purpose).where('o.method', '=', 'online')
    .where('o.amount_vnd', '=', sql<string>`${amountVnd}`).where('o.expires_at', '>', now)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('payment_entries as e').select('e.id').whereRef('e.order_ref', '=', 'o.ref').where('e.kind', '<>', 'created'),
    )))
    .orderBy('o.created_at', 'desc').executeTakeFirst();
}

/** The online settlements the ledger recorded for the commune between two instants (a Vietnam-local day). */
export async function onlineSettlements(db: Db, communeId: string, from: Date, to: Date): Promise<LedgerRecord[]> {
  const rows = await db.selectFrom('payment_entries as e').innerJoin('payment_orders as o', 'o.ref', 'e.order_ref')
    .select(['o.ref', 'e.amount_vnd', 'e.kind', 'e.transaction_no'])
    .where('o.commune_id', '=', communeId).where('o.method', '=', 'online').where('e.kind', '<>', 'created')
    .where('e.at', '>=', from).where('e.at', '<', to).orderBy('o.ref').execute();
  return rows.map((r) => ({ ref: r.ref, amountVnd: Number(r.amount_vnd), outcome: r.kind as Outcome, transactionNo: r.transaction_no }));
}

/** Which of these refs belong to another commune (excluded from this commune's reconciliation). */
export async function refsOfOtherCommunes(db: Db, communeId: string, refs: readonly string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const rows = await db.selectFrom('payment_orders').select('ref').where('ref', 'in', refs).where('commune_id', '<>', communeId).execute();
  return new Set(rows.map((r) => r.ref));
}

/** Settled payments of the commune in a period, for the staff list (newest first). */
export async function paymentsOfCommune(db: Db, communeId: string, from: Date, to: Date) {
  return db.selectFrom('payment_entries as e').innerJoin('payment_orders as o', 'o.ref', 'e.order_ref')
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select(['e.id', 'o.ref', 'o.dossier_id', 'd.code', 'd.reference', 'd.applicant_name', 'o.method', 'o.purpose', 'o.description', 'e.amount_vnd', 'e.kind', 'e.at', 'e.transaction_no'])
    .where('o.commune_id', '=', communeId).where('e.kind', '<>', 'created').where('e.at', '>=', from).where('e.at', '<', to)
    .orderBy('e.at', 'desc').limit(500).execute();
}

/** The settled (or failed, or cancelled) entry of the dossier's order `ref`, with what its e-receipt shows. */
export async function receiptFacts(db: Db, dossierId: string, ref: string) {
  return db.selectFrom('payment_orders as o')
    .innerJoin('payment_entries as e', 'e.order_ref', 'o.ref')
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select(['e.id', 'e.kind', 'e.amount_vnd', 'e.at', 'e.transaction_no', 'e.actor_id', 'o.ref', 'o.method', 'o.description',
      'o.commune_id', 'd.code', 'd.applicant_name', 'd.procedure_code', 'd.procedure_version'])
    .where('o.ref', '=', ref).where('o.dossier_id', '=', dossierId).where('e.kind', '<>', 'created').executeTakeFirst();
}

/** The payload of the dossier's latest financial-obligation request (amount, description), or null. */
export async function lastObligationRequest(db: Db, dossierId: string): Promise<unknown> {
  const ev = await db.selectFrom('dossier_events').select('payload').where('dossier_id', '=', dossierId)
    .where('dossier_month', '=', (eb) => eb.selectFrom('dossiers as dm').select('dm.dossier_month').where('dm.id', '=', dossierId)) // one partition (049)
    .where('action', '=', 'request_financial_obligation').orderBy('seq', 'desc').executeTakeFirst();
  return ev?.payload ?? null;
}

/** The dossier's state, if it exists. */
export async function dossierState(db: Db, dossierId: string): Promise<number | undefined> {
  return (await db.selectFrom('dossiers').select('state').where('id', '=', dossierId).executeTakeFirst())?.state;
}

/** A dossier the principal may see, by its code (upper-cased by the caller) or its reference, for the counter's
 *  payment page. */
export async function dossierByName(db: Db, p: Principal, name: { code: string } | { reference: string }) {
  const q = scoped(db.selectFrom('dossiers as d')
    .select(['d.id', 'd.code', 'd.reference', 'd.applicant_name', 'd.procedure_code', 'd.procedure_version', 'd.state']), p);
  return ('code' in name ? q.where('d.code', '=', name.code) : q.where('d.reference', '=', name.reference)).executeTakeFirst();
}
