// The payment-gateway protocol, VNPAY-style (pure, no I/O): the merchant builds a payment URL whose query is signed
// with HMAC-SHA512 over the sorted, URL-encoded parameters; the gateway redirects the citizen back to the return URL
// and calls the merchant's IPN URL server-to-server with a query signed the same way; the merchant answers the IPN
// with a JSON {RspCode, Message}. The local stand-in gateway (src/outside/payment-standin.ts) speaks the same
// protocol, with the same functions, so a real gateway can replace it by configuration only.
import crypto from 'node:crypto';

export type Params = Record<string, string>;

/** Parameters that carry the signature and are never signed themselves. */
const SIGNATURE_KEYS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/** application/x-www-form-urlencoded encoding as the gateway computes it (space → '+'). */
const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');

/** The signed text: `k=v&k=v…` over the non-empty `vnp_*` parameters, keys in ascending code-unit order. */
export function signedData(params: Params): string {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !SIGNATURE_KEYS.has(k) && params[k] !== '' && params[k] !== undefined)
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k]!)}`)
    .join('&');
}

export const sign = (params: Params, secret: string): string =>
  crypto.createHmac('sha512', secret).update(signedData(params), 'utf8').digest('hex');

/** True when `vnp_SecureHash` is the HMAC of the other parameters (constant-time comparison). */
export function verify(params: Params, secret: string): boolean {
  const given = params.vnp_SecureHash;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{128}$/.test(given)) return false;
  const expected = Buffer.from(sign(params, secret), 'hex');
  return crypto.timingSafeEqual(expected, Buffer.from(given.toLowerCase(), 'hex'));
}

/** The parameters with their signature added. */
export const signed = (params: Params, secret: string): Params => ({ ...params, vnp_SecureHash: sign(params, secret) });

export const toQuery = (params: Params): string =>
  Object.keys(params).sort().map((k) => `${enc(k)}=${enc(params[k]!)}`).join('&');

/** Only string-valued `vnp_*` keys of a parsed query (arrays, i.e. repeated keys, make it unusable). */
export function paramsOf(query: unknown): Params | null {
  if (!query || typeof query !== 'object') return null;
  const out: Params = {};
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (!k.startsWith('vnp_')) continue;
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

// ── Dates: the gateway's yyyyMMddHHmmss in Vietnam time (UTC+7) ─────────────────────────────────────────────

const VN_OFFSET_MS = 7 * 3600_000;

export function gatewayDate(d: Date): string {
  const v = new Date(d.getTime() + VN_OFFSET_MS).toISOString(); // 2026-12-01T13:05:09.000Z in VN wall time
  return v.slice(0, 19).replace(/[-T:]/g, '');
}

export function parseGatewayDate(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m.map(Number) as number[];
  const t = Date.UTC(y!, mo! - 1, d!, h!, mi!, se!) - VN_OFFSET_MS;
  const date = new Date(t);
  return gatewayDate(date) === s ? date : null;
}

// ── Building the payment request ─────────────────────────────────────────────────────────────────────────

export interface PaymentRequest {
  merchantCode: string;
  /** Our order reference (vnp_TxnRef): unique per order, [A-Za-z0-9] only. */
  orderRef: string;
  amountVnd: number;
  /** Shown by the gateway; ASCII without diacritics, as gateways require. */
  orderInfo: string;
  returnUrl: string;
  clientIp: string;
  createdAt: Date;
  expiresAt: Date;
}

export const MAX_AMOUNT_VND = 1_000_000_000_000;

export function paymentParams(r: PaymentRequest): Params {
  if (!Number.isSafeInteger(r.amountVnd) || r.amountVnd <= 0 || r.amountVnd > MAX_AMOUNT_VND) {
    throw new RangeError(`amount must be a positive whole number of VND, got ${r.amountVnd}`);
  }
  return {
    vnp_Version: '2.1.0',
    vnp_Command: 'pay',
    vnp_TmnCode: r.merchantCode,
    vnp_Amount: String(r.amountVnd * 100), // the gateway counts hundredths of a đồng
    vnp_CurrCode: 'VND',
    vnp_TxnRef: r.orderRef,
    vnp_OrderInfo: r.orderInfo,
    vnp_OrderType: 'other',
    vnp_Locale: 'vn',
    vnp_ReturnUrl: r.returnUrl,
    vnp_IpAddr: r.clientIp,
    vnp_CreateDate: gatewayDate(r.createdAt),
    vnp_ExpireDate: gatewayDate(r.expiresAt),
  };
}

export function paymentUrl(gatewayUrl: string, r: PaymentRequest, secret: string): string {
  return `${gatewayUrl}?${toQuery(signed(paymentParams(r), secret))}`;
}

/** Letters and digits only, without Vietnamese diacritics (đ → d), at most 255 characters. */
export const asciiInfo = (s: string): string =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9 .,:_-]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255);

// ── The gateway's answer (return URL and IPN carry the same fields) ─────────────────────────────────────────

/** vnp_ResponseCode / vnp_TransactionStatus '00' = success; '24' = the customer cancelled; others = failure. */
export type Outcome = 'paid' | 'cancelled' | 'failed';

export interface GatewayResult {
  merchantCode: string;
  orderRef: string;
  amountVnd: number;
  outcome: Outcome;
  responseCode: string;
  /** The gateway's transaction number (vnp_TransactionNo). */
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
}

export function outcomeOf(responseCode: string, transactionStatus: string | undefined): Outcome {
  if (responseCode === '00' && (transactionStatus === undefined || transactionStatus === '00')) return 'paid';
  if (responseCode === '24') return 'cancelled';
  return 'failed';
}

/** Reads a gateway result whose signature has been verified; null when a required field is missing or malformed. */
export function parseResult(p: Params): GatewayResult | null {
  const { vnp_TmnCode, vnp_TxnRef, vnp_Amount, vnp_ResponseCode } = p;
  if (!vnp_TmnCode || !vnp_TxnRef || !vnp_Amount || !vnp_ResponseCode) return null;
  if (!/^\d{1,17}$/.test(vnp_Amount) || !/^\d{2}$/.test(vnp_ResponseCode)) return null;
  const hundredths = Number(vnp_Amount);
  if (!Number.isSafeInteger(hundredths) || hundredths % 100 !== 0) return null;
  return {
    merchantCode: vnp_TmnCode,
    orderRef: vnp_TxnRef,
    amountVnd: hundredths / 100,
    outcome: outcomeOf(vnp_ResponseCode, p.vnp_TransactionStatus),
    responseCode: vnp_ResponseCode,
    transactionNo: p.vnp_TransactionNo ?? '',
    bankCode: p.vnp_BankCode ?? '',
    payDate: p.vnp_PayDate ? parseGatewayDate(p.vnp_PayDate) : null,
  };
}

/** The gateway-side parameters of a result (used by the stand-in gateway, and by tests to forge or replay). */
export function resultParams(r: GatewayResult): Params {
  const code = r.outcome === 'paid' ? '00' : r.outcome === 'cancelled' ? '24' : r.responseCode === '00' ? '99' : r.responseCode;
  return {
    vnp_TmnCode: r.merchantCode,
    vnp_TxnRef: r.orderRef,
    vnp_Amount: String(r.amountVnd * 100),
    vnp_ResponseCode: code,
    vnp_TransactionStatus: r.outcome === 'paid' ? '00' : '02',
    vnp_TransactionNo: r.transactionNo,
    vnp_BankCode: r.bankCode,
    vnp_OrderInfo: `Thanh toan ${r.orderRef}`,
    ...(r.payDate ? { vnp_PayDate: gatewayDate(r.payDate) } : {}),
  };
}

// ── The IPN answer: the gateway's response codes ────────────────────────────────────────────────────────────

export const IPN_ANSWERS = {
  confirmed: { RspCode: '00', Message: 'Confirm Success' },
  unknownOrder: { RspCode: '01', Message: 'Order not found' },
  alreadyConfirmed: { RspCode: '02', Message: 'Order already confirmed' },
  wrongAmount: { RspCode: '04', Message: 'Invalid amount' },
  badSignature: { RspCode: '97', Message: 'Invalid signature' },
  other: { RspCode: '99', Message: 'Unknown error' },
} as const;
export type IpnAnswerKind = keyof typeof IPN_ANSWERS;
