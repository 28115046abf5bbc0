// Payment orders and their ledger (pure): an order's state is the fold of its append-only entries; what an IPN
// notification does to an order; and the daily reconciliation of the ledger with the gateway's records.
import { IPN_ANSWERS, type GatewayResult, type IpnAnswerKind, type Outcome } from './protocol.ts';

export type Method = 'online' | 'cash' | 'exempt';
export type EntryKind = 'created' | Outcome;
export type OrderState = 'pending' | 'expired' | Outcome;

export interface Order {
  ref: string;
  dossierId: string;
  amountVnd: number;
  method: Method;
  createdAt: Date;
  expiresAt: Date;
}

export interface Entry {
  kind: EntryKind;
  amountVnd: number;
  at: Date;
  transactionNo: string | null;
}

/** The number of an order's e-receipt (biên lai): its settling ledger entry's id, "0000012/BL". */
export const receiptNumber = (entryId: string | number): string => `${String(entryId).padStart(7, '0')}/BL`;

/** The terminal entry (paid / failed / cancelled) of an order, if any: at most one, by a unique index. */
export const terminalOf = (entries: readonly Entry[]): Entry | undefined => entries.find((e) => e.kind !== 'created');

export function stateOf(order: Order, entries: readonly Entry[], now: Date): OrderState {
  const t = terminalOf(entries);
  if (t) return t.kind as Outcome;
  return now.getTime() > order.expiresAt.getTime() ? 'expired' : 'pending';
}

/** Why a notification is refused (logged with the order reference, never with personal data). */
export type Rejection = 'BAD_SIGNATURE' | 'MALFORMED' | 'UNKNOWN_ORDER' | 'WRONG_MERCHANT' | 'WRONG_AMOUNT'
  | 'NOT_ONLINE' | 'ORDER_EXPIRED' | 'ALREADY_SETTLED' | 'CONFLICTS_WITH_SETTLEMENT';

export type IpnDecision =
  | { kind: 'record'; entry: Entry; answer: IpnAnswerKind }
  | { kind: 'replay'; answer: IpnAnswerKind }
  | { kind: 'reject'; reason: Rejection; answer: IpnAnswerKind };

export const answerOf = (k: IpnAnswerKind) => IPN_ANSWERS[k];

/**
 * What a verified notification does. The gateway's rules: answer 00 when recorded, 01 for an unknown order,
 * 04 for an amount that is not the order's, 02 when the order was already settled (a repeated notification is
 * answered 02 and changes nothing, so the ledger holds exactly one settlement); an order past its expiry or
 * settled the other way is not changed (out of order), and the daily reconciliation lists the gateway's record.
 */
export function decideNotification(
  order: Order | null, entries: readonly Entry[], r: GatewayResult, merchantCode: string, now: Date,
): IpnDecision {
  if (r.merchantCode !== merchantCode) return { kind: 'reject', reason: 'WRONG_MERCHANT', answer: 'unknownOrder' };
  if (!order) return { kind: 'reject', reason: 'UNKNOWN_ORDER', answer: 'unknownOrder' };
  if (order.method !== 'online') return { kind: 'reject', reason: 'NOT_ONLINE', answer: 'unknownOrder' };
  if (r.amountVnd !== order.amountVnd) return { kind: 'reject', reason: 'WRONG_AMOUNT', answer: 'wrongAmount' };
  const done = terminalOf(entries);
  if (done) {
    const same = done.kind === r.outcome && (done.transactionNo ?? '') === r.transactionNo;
    return same ? { kind: 'replay', answer: 'alreadyConfirmed' }
      : { kind: 'reject', reason: 'CONFLICTS_WITH_SETTLEMENT', answer: 'alreadyConfirmed' };
  }
  if (stateOf(order, entries, now) === 'expired') return { kind: 'reject', reason: 'ORDER_EXPIRED', answer: 'alreadyConfirmed' };
  return {
    kind: 'record',
    entry: { kind: r.outcome, amountVnd: r.amountVnd, at: now, transactionNo: r.transactionNo || null },
    answer: 'confirmed',
  };
}

// ── Daily reconciliation ─────────────────────────────────────────────────────────────────────────────────

export interface LedgerRecord { ref: string; amountVnd: number; outcome: Outcome; transactionNo: string | null }
export interface GatewayRecord { ref: string; amountVnd: number; outcome: Outcome; transactionNo: string }

export type MismatchKind = 'missing_in_ledger' | 'missing_at_gateway' | 'amount_differs' | 'outcome_differs';

export interface Mismatch {
  ref: string;
  kind: MismatchKind;
  ledger: LedgerRecord | null;
  gateway: GatewayRecord | null;
}

export const MISMATCH_LABELS: Record<MismatchKind, string> = {
  missing_in_ledger: 'Cổng thanh toán có giao dịch nhưng sổ thu không ghi nhận',
  missing_at_gateway: 'Sổ thu ghi nhận nhưng cổng thanh toán không có giao dịch',
  amount_differs: 'Số tiền khác nhau',
  outcome_differs: 'Kết quả giao dịch khác nhau',
};

/**
 * Compares the online settlements the ledger recorded on a day with the gateway's records of that day. Only
 * successful payments must match both ways; a failure or cancellation known to one side only is not money.
 */
export function reconcile(ledger: readonly LedgerRecord[], gateway: readonly GatewayRecord[]): Mismatch[] {
  const out: Mismatch[] = [];
  const byRef = new Map(gateway.map((g) => [g.ref, g]));
  const seen = new Set<string>();
  for (const l of ledger) {
    const g = byRef.get(l.ref) ?? null;
    seen.add(l.ref);
    if (!g) {
      if (l.outcome === 'paid') out.push({ ref: l.ref, kind: 'missing_at_gateway', ledger: l, gateway: null });
    } else if (g.outcome !== l.outcome && (g.outcome === 'paid' || l.outcome === 'paid')) {
      out.push({ ref: l.ref, kind: 'outcome_differs', ledger: l, gateway: g });
    } else if (g.amountVnd !== l.amountVnd && l.outcome === 'paid') {
      out.push({ ref: l.ref, kind: 'amount_differs', ledger: l, gateway: g });
    }
  }
  for (const g of gateway) {
    if (!seen.has(g.ref) && g.outcome === 'paid') out.push({ ref: g.ref, kind: 'missing_in_ledger', ledger: null, gateway: g });
  }
  return out.sort((a, b) => a.ref.localeCompare(b.ref));
}
