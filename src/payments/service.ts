// The payments service: orders priced by the server, the gateway's notification (IPN) settling an order in the
// ledger and, in the same transaction, in the dossier's history (`fee_paid` for a fee collected before processing,
// `obligation_met` for a dossier waiting for its financial obligation, state 6); the return page (shows, never
// settles); cash at the counter; the daily reconciliation.
import { refreshFacts } from '../indicators/facts.ts';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import type { Principal, StaffRole } from '../identity/core/principal.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { act, actorId } from '../dossiers/service.ts';
import { isAllowedFrom, type StateCode } from '../dossiers/core/index.ts';
import { loadDossier } from '../dossiers/store.ts';
import { vnDate } from '../calendar/core/index.ts';
import { fmtMoney } from '../shared/format.ts';
import { dueNow, feeStatusKind, type Due, type FeeStatusKind, type PaidOrder } from './core/amount.ts';
import { answersOfDeclaration, assessFee, exemptionText, filedOn, type Assessment } from './core/assess.ts';
import { latestAnswers } from '../dossiers/answers-store.ts';
import { settledPayments } from '../dossiers/public-store.ts';
import { answerOf, decideNotification, receiptNumber, reconcile, stateOf, type GatewayRecord, type Mismatch } from './core/ledger.ts';
import {
  asciiInfo, gatewayDate, paramsOf, parseResult, paymentUrl, signed, toQuery, verify, type GatewayResult, type Params,
} from './core/protocol.ts';
import {
  beforeFeesSettled, dossierState, entriesOf, insertEntry, insertOrder, lastObligationRequest, lockOrder, logNotification,
  onlineSettlements, openOrder, orderByRef, refsOfOtherCommunes, toEntry, toOrder, type OrderRow,
} from './store.ts';

type Db = Kysely<Database>;

/** How long a payment link stays valid (the gateway's usual 15 minutes). */
export const ORDER_TTL_MS = 15 * 60_000;

export const newOrderRef = () => 'XS' + crypto.randomBytes(10).toString('hex').toUpperCase();

/**
 * The payment gateway acting on a dossier: a system principal (like an API key's) of the dossier's commune whose
 * first role is 'system', the only one it acts in (the action table allows 'system' on `fee_paid`, `obligation_met`); the
 * receiving-officer role is only there so that the scoped load sees the whole commune. Its log id is `apikey:0`.
 */
const gatewayPrincipal = (communeId: string): Principal => ({
  kind: 'api_key', id: 0, name: 'Cổng thanh toán', communeId, unitId: null, unitCode: null,
  roles: ['system', 'receiving_officer'] as unknown as StaffRole[],
});

// ── What a dossier owes ───────────────────────────────────────────────────────────────────────────────────

export interface FeeOptions { units?: number; copies?: number; exemption?: string }

type DossierRow = NonNullable<Awaited<ReturnType<typeof loadDossier>>>;

/** The dossier's fees from its procedure version (the one in force at receipt) and its declaration in force. */
async function assessRow(db: Db, row: DossierRow, q: FeeOptions, now: Date): Promise<Assessment> {
  const proc = await procedureVersion(db, row.procedure_code, row.procedure_version);
  if (!proc) throw new Problem(500, 'CATALOGUE_MISSING', 'Thiếu phiên bản thủ tục của hồ sơ.');
  const declared = await latestAnswers(db, row.id);
  try {
    return assessFee(proc, declared ? answersOfDeclaration(declared.declaration.forms) : {}, { ...q, filedOn: filedOn(row, now), channel: row.channel });
  } catch (e) {
    if (e instanceof RangeError) throw new Problem(422, 'INVALID_FEE_QUERY', e.message);
    throw e;
  }
}

/** The amount due now for a dossier (server-side, from its procedure version and its answers), or null. */
export async function dueFor(db: Db, dossierId: string, q: FeeOptions, now: Date): Promise<{ due: Due | null; row: DossierRow; assessment: Assessment }> {
  const row = await loadDossier(db, null, dossierId);
  if (!row) throw notFound('hồ sơ');
  const assessment = await assessRow(db, row, q, now);
  let obligation: { amountVnd?: number; description?: string } | null = null;
  if (row.state === 6) obligation = (await lastObligationRequest(db, dossierId)) as typeof obligation;
  const due = dueNow(assessment, { state: row.state, obligation, beforeFeesSettled: await beforeFeesSettled(db, dossierId) });
  return { due, row, assessment };
}

/** Where a dossier's fees stand, for the citizen's and the officer's pages (web/staff/fee-line.tsx `FeeLine`). */
export interface FeeStatus {
  dossierId: string;
  /** The dossier code, or its reference before receipt (what /can-bo/thu-phi is searched by). */
  name: string;
  kind: FeeStatusKind;
  due: Due | null;
  /** The charged lines with what they come to for this dossier; `declared`: exempt by the group the applicant declared,
   *  which the officer confirms against the papers (Luật Hộ tịch 2014 Đ11 k1 điểm a). */
  lines: { name: string; amountVnd: number; fullAmountVnd: number; exemption: string | null; declared: boolean }[];
  paid: PaidOrder[];
}

/** Loads a dossier's fee status (the caller has checked who may see the dossier). */
export async function feeStatusOf(db: Db, dossierId: string, now: Date): Promise<FeeStatus> {
  const { due, row, assessment } = await dueFor(db, dossierId, {}, now);
  const paid = await settledPayments(db, dossierId);
  return {
    dossierId, name: row.code ?? row.reference, kind: feeStatusKind(assessment, due, paid), due, paid,
    lines: assessment.lines.filter((l) => l.fullAmountVnd > 0)
      .map((l) => ({
        name: l.name, amountVnd: l.amountVnd, fullAmountVnd: l.fullAmountVnd, exemption: exemptionText(l), declared: l.exemption?.source === 'declared',
      })),
  };
}

// ── Online payment: the order and the gateway link ──────────────────────────────────────────────────────────

/** Creates (or reuses) the online order for what the dossier owes now and returns the signed gateway URL. */
export async function startOnlinePayment(deps: Deps, dossierId: string, clientIp: string, createdBy: string) {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockOrder(trx, `dossier:${dossierId}`); // two clicks at once make one order, not two payable ones
    const { due, row } = await dueFor(trx, dossierId, {}, now);
    if (due && due.amountVnd <= 0 && due.exemptReasons.length) {
      throw new Problem(409, 'FEE_EXEMPT', `Hồ sơ không phải nộp: ${due.exemptReasons.join('; ')}.`);
    }
    if (!due || due.amountVnd <= 0) throw new Problem(409, 'NOTHING_TO_PAY', 'Hồ sơ hiện không có khoản phí, lệ phí cần thanh toán.');
    const open = await openOrder(trx, dossierId, due.purpose, due.amountVnd, now);
    let ref = open?.ref;
    let expiresAt = open?.expires_at;
    if (!ref) {
      ref = newOrderRef();
      expiresAt = new Date(now.getTime() + ORDER_TTL_MS);
      await insertOrder(trx, {
        ref, dossierId, communeId: row.commune_id, purpose: due.purpose, method: 'online', amountVnd: due.amountVnd,
        description: due.description, feeCodes: due.feeCodes, createdBy, createdAt: now, expiresAt,
      });
    }
    const s = deps.outside.payment;
    const url = paymentUrl(s.url, {
      merchantCode: s.merchantCode, orderRef: ref, amountVnd: due.amountVnd,
      orderInfo: asciiInfo(`Thanh toan ho so ${row.code ?? row.reference}`), returnUrl: s.returnUrl,
      clientIp: /^[0-9a-fA-F.:]{2,45}$/.test(clientIp) ? clientIp : '127.0.0.1', createdAt: now, expiresAt: expiresAt!,
    }, s.secret);
    return { ref, amountVnd: due.amountVnd, description: due.description, purpose: due.purpose, expiresAt: expiresAt!, paymentUrl: url };
  });
}

// ── The gateway's notification (server to server) ──────────────────────────────────────────────────────────

export interface IpnLog { warn(o: object, msg: string): void; info(o: object, msg: string): void }

/** Verifies and applies one IPN call; returns the gateway's answer. Every call is logged (no personal data). */
export async function handleIpn(deps: Deps, query: unknown, log: IpnLog): Promise<{ RspCode: string; Message: string }> {
  const s = deps.outside.payment;
  const params = paramsOf(query);
  const ref = params?.vnp_TxnRef ?? null;
  const refuse = async (reason: string, answer: { RspCode: string; Message: string }) => {
    log.warn({ orderRef: ref?.slice(0, 64), reason, rspCode: answer.RspCode }, 'payment notification refused');
    await logNotification(deps.db, { channel: 'ipn', ref, result: 'rejected', reason, rspCode: answer.RspCode });
    return answer;
  };
  if (!params || !verify(params, s.secret)) return refuse('BAD_SIGNATURE', answerOf('badSignature'));
  const result = parseResult(params);
  if (!result) return refuse('MALFORMED', answerOf('other'));
  const now = deps.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockOrder(trx, result.orderRef);
    const row = await orderByRef(trx, result.orderRef);
    const entries = row ? (await entriesOf(trx, [row.ref])).map(toEntry) : [];
    const d = decideNotification(row ? toOrder(row) : null, entries, result, s.merchantCode, now);
    if (d.kind !== 'record') return d;
    const id = await insertEntry(trx, result.orderRef, d.entry, 'gateway');
    if (id === null) return { kind: 'replay' as const, answer: 'alreadyConfirmed' as const };
    if (d.entry.kind === 'paid') await settleDossier(trx, row!, id, now, gatewayPrincipal(row!.commune_id), result);
    await logNotification(trx, { channel: 'ipn', ref: result.orderRef, result: 'recorded', reason: d.entry.kind, rspCode: '00' });
    return d;
  });
  if (outcome.kind === 'reject') return refuse(outcome.reason, answerOf(outcome.answer));
  if (outcome.kind === 'replay') {
    await logNotification(deps.db, { channel: 'ipn', ref: result.orderRef, result: 'replay', rspCode: answerOf(outcome.answer).RspCode });
  }
  log.info({ orderRef: result.orderRef, outcome: outcome.kind }, 'payment notification');
  return answerOf(outcome.answer);
}

/**
 * After a settlement, in the same transaction as the ledger entry (a repeated notification settles nothing, so it
 * appends nothing): a fee collected before processing is logged as `fee_paid` (amount, how, the receipt), by the
 * gateway (`system`) or the officer who took the cash, while the dossier is open (a payment for a dossier already
 * closed, e.g. withdrawn, stays in the ledger only); a dossier waiting for its financial obligation (state 6) goes back
 * to processing with `obligation_met` (NĐ 118/2025 Đ24). An exemption recorded at 0 đ is no payment: it stays in the
 * ledger and on the fee line, not in the history. A payment for a dossier no longer in state 6 (e.g. paid twice, or
 * withdrawn) is still recorded: the money was received.
 */
async function settleDossier(trx: Db, order: OrderRow, entryId: string, now: Date, who: Principal, r: GatewayResult | null) {
  await refreshFacts(trx, order.dossier_id); // "paid online" counts in 766 3.6 (fees paid before processing too)
  const amountVnd = Number(order.amount_vnd);
  const state = await dossierState(trx, order.dossier_id);
  if (order.purpose === 'fee_before') {
    if (amountVnd <= 0 || state === undefined || !isAllowedFrom('fee_paid', state as StateCode)) return;
    const receiptNo = receiptNumber(entryId);
    const how = !r ? 'bằng tiền mặt tại Bộ phận Một cửa' : r.transactionNo ? `trực tuyến, mã giao dịch ${r.transactionNo}` : 'trực tuyến';
    await act(trx, who, order.dossier_id, 'fee_paid', {
      amountVnd, paymentMethod: r ? 'online' : 'cash', receiptNo, orderRef: order.ref, ...(r?.transactionNo ? { transactionNo: r.transactionNo } : {}),
      // What the officer's history shows: the amount, how, the receipt, and what was paid.
      note: `Đã nộp ${fmtMoney(amountVnd)} ${how}; biên lai số ${receiptNo}; ${order.description}.`,
    }, now);
    return;
  }
  if (state !== 6) return;
  const note = r ? `Đã thanh toán trực tuyến ${amountVnd} đồng, mã giao dịch ${r.transactionNo}` : `Đã nộp ${amountVnd} đồng tại quầy`;
  await act(trx, who, order.dossier_id, 'obligation_met', { note: `${note} (đơn ${order.ref}).` }, now);
}

// ── The return URL: shows the result, never settles ───────────────────────────────────────────────────────────

export type ReturnView =
  | { valid: false }
  | { valid: true; ref: string; result: GatewayResult; order: OrderRow | null; state: ReturnType<typeof stateOf> | null };

export async function readReturn(deps: Deps, query: unknown): Promise<ReturnView> {
  const params = paramsOf(query);
  const result = params && verify(params, deps.outside.payment.secret) ? parseResult(params) : null;
  await logNotification(deps.db, { channel: 'return', ref: params?.vnp_TxnRef ?? null, result: result ? 'shown' : 'rejected', reason: result ? null : 'BAD_SIGNATURE' });
  if (!result) return { valid: false };
  const order = (await orderByRef(deps.db, result.orderRef)) ?? null;
  const state = order ? stateOf(toOrder(order), (await entriesOf(deps.db, [order.ref])).map(toEntry), deps.now()) : null;
  return { valid: true, ref: result.orderRef, result, order, state };
}

// ── Cash (or exemption) at the counter ───────────────────────────────────────────────────────────────────────

/** Records what the officer collected at the counter for the dossier's current due (amount from the server). */
export async function recordCash(trx: Db, p: Principal, dossierId: string, q: FeeOptions, now: Date) {
  const row = await loadDossier(trx, p, dossierId);
  if (!row) throw notFound('hồ sơ');
  const { due } = await dueFor(trx, dossierId, q, now);
  if (!due) throw new Problem(409, 'NOTHING_TO_PAY', 'Hồ sơ hiện không có khoản phí, lệ phí cần thu.');
  if (due.amountVnd === 0 && !due.exemptReasons.length) {
    throw new Problem(409, 'AMOUNT_UNKNOWN', 'Chưa xác định được số tiền phải nộp (thông báo nghĩa vụ tài chính chưa ghi số tiền).');
  }
  const ref = newOrderRef();
  const method = due.amountVnd === 0 ? 'exempt' : 'cash';
  const by = actorId(p);
  await insertOrder(trx, {
    ref, dossierId, communeId: row.commune_id, purpose: due.purpose, method, amountVnd: due.amountVnd,
    description: due.exemptReasons.length ? `${due.description} (${due.exemptReasons.join('; ')})` : due.description, feeCodes: due.feeCodes,
    createdBy: by, createdAt: now, expiresAt: now,
  });
  const entryId = await insertEntry(trx, ref, { kind: 'paid', amountVnd: due.amountVnd, at: now, transactionNo: null }, by);
  const order = (await orderByRef(trx, ref))!;
  await settleDossier(trx, order, entryId!, now, p, null);
  return { ref, entryId: entryId!, amountVnd: due.amountVnd, method, purpose: due.purpose, description: order.description };
}

// ── Daily reconciliation ──────────────────────────────────────────────────────────────────────────────────────

export const dayBounds = (day: string) => {
  const from = new Date(`${day}T00:00:00+07:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
};

/** The gateway's records of a day, by its signed query (the stand-in's; see README for a real gateway). */
export async function gatewayRecords(deps: Deps, day: string): Promise<GatewayRecord[]> {
  const s = deps.outside.payment;
  const params: Params = signed({
    vnp_Command: 'transactions', vnp_TmnCode: s.merchantCode, vnp_TransDate: day.replaceAll('-', ''),
    vnp_CreateDate: gatewayDate(deps.now()), vnp_RequestId: crypto.randomUUID().replaceAll('-', ''),
  }, s.secret);
  let body: { RspCode?: string; transactions?: unknown[] };
  try {
    const res = await fetch(`${s.queryUrl}?${toQuery(params)}`, { signal: AbortSignal.timeout(10_000) });
    body = (await res.json()) as typeof body;
  } catch {
    throw new Problem(502, 'GATEWAY_UNAVAILABLE', 'Không kết nối được cổng thanh toán để đối soát.');
  }
  if (body.RspCode !== '00' || !Array.isArray(body.transactions)) {
    throw new Problem(502, 'GATEWAY_REFUSED', 'Cổng thanh toán từ chối yêu cầu đối soát.');
  }
  return body.transactions.flatMap((t) => {
    const r = parseResult(paramsOf(t) ?? {});
    return r ? [{ ref: r.orderRef, amountVnd: r.amountVnd, outcome: r.outcome, transactionNo: r.transactionNo }] : [];
  });
}

export interface Reconciliation {
  day: string;
  ledgerCount: number;
  gatewayCount: number;
  ledgerPaidVnd: number;
  gatewayPaidVnd: number;
  mismatches: Mismatch[];
}

export async function reconcileDay(deps: Deps, p: Principal, day: string): Promise<Reconciliation> {
  const { from, to } = dayBounds(day);
  const ledger = await onlineSettlements(deps.db, p.communeId, from, to);
  const all = await gatewayRecords(deps, day);
  const others = await refsOfOtherCommunes(deps.db, p.communeId, all.map((g) => g.ref));
  const gateway = all.filter((g) => !others.has(g.ref));
  const paid = (xs: { outcome: string; amountVnd: number }[]) => xs.filter((x) => x.outcome === 'paid').reduce((s, x) => s + x.amountVnd, 0);
  return {
    day, ledgerCount: ledger.length, gatewayCount: gateway.length, ledgerPaidVnd: paid(ledger), gatewayPaidVnd: paid(gateway),
    mismatches: reconcile(ledger, gateway),
  };
}

export const today = (now: Date) => vnDate(now);
