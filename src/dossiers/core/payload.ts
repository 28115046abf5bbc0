// Command payload fields: one definition gives each field its type, its Vietnamese label (for error messages) and
// its validator. The action table lists which fields an action requires; any other known field is optional and is
// validated when present; unknown fields are dropped.

import { dossierError, type DossierError } from './errors.ts';

export type ProposalOutcome = 'approve' | 'reject';
export type ReturnChannel = 'counter' | 'post' | 'online';
/** How a fee was paid: online through the payment gateway, or in cash at the counter. */
export type PaymentMethod = 'online' | 'cash';

/** A validated payload, as stored on the event. */
export interface Payload {
  /** Lý do: refusal, supplement, stop, withdrawal, extension, not-eligible refusal. */
  reason?: string;
  /** Items the citizen must add (Phiếu yêu cầu bổ sung, BM.02). */
  items?: string[];
  /** Target unit of a hand-over, or the receiving unit chosen at online filing. */
  unitCode?: string;
  /** Target officer of a hand-over. */
  assigneeId?: string;
  /** Amount of the financial obligation, in VND. */
  amountVnd?: number;
  /** What the financial obligation is (fee, tax, …). */
  description?: string;
  proposalText?: string;
  proposalOutcome?: ProposalOutcome;
  channel?: ReturnChannel;
  /** New return time set by the apology/extension (BM.04). */
  newDueAt?: Date;
  /** The applicant's account, when known (counter intake for a citizen with an account). */
  applicantId?: string;
  /** The signer a proposal is submitted to (Trình ký): their actor id (a staff id; the service checks the staff). */
  signerId?: string;
  note?: string;
  /** The declaration's revision an officer's correction wrote (dossier_answers; the values stay there, not in the log). */
  revision?: number;
  /** The labels of the declaration's answers a correction changed. */
  fields?: string[];
  /** How a fee was paid (fee_paid). */
  paymentMethod?: PaymentMethod;
  /** The number of the fee's e-receipt (biên lai). */
  receiptNo?: string;
  /** The payment order the fee was settled by (its e-receipt is read by it). */
  orderRef?: string;
  /** The payment gateway's transaction number (online payments). */
  transactionNo?: string;
  /** The procedure's case with its own statutory time (catalogue `timeVariants`), or BASE_TIME_CASE for the default. */
  timeCase?: string;
}

/** The code of a procedure's default case (its `processingTime`), as chosen at receipt or by the specialist. */
export const BASE_TIME_CASE = 'THONG_THUONG';

export type PayloadField = keyof Payload;

const MAX_TEXT = 4000;

function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length > 0 && t.length <= MAX_TEXT ? t : undefined;
}

function oneOf<T extends string>(values: readonly T[]) {
  return (v: unknown): T | undefined => (values as readonly unknown[]).includes(v) ? (v as T) : undefined;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(v: unknown): Date | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v;
  if (typeof v !== 'string' || !ISO_INSTANT.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

interface FieldSpec<K extends PayloadField> {
  readonly label: string;
  /** Returns the normalised value, or undefined when the raw value is invalid. */
  readonly parse: (raw: unknown) => Payload[K] | undefined;
}

export const PAYLOAD_FIELDS: { readonly [K in PayloadField]-?: FieldSpec<K> } = {
  reason: { label: 'Lý do', parse: text },
  items: {
    label: 'Danh mục giấy tờ, nội dung cần bổ sung',
    parse: (v) => {
      if (!Array.isArray(v) || v.length === 0) return undefined;
      const items = v.map(text);
      return items.every((i) => i !== undefined) ? (items as string[]) : undefined;
    },
  },
  unitCode: { label: 'Đơn vị nhận', parse: text },
  assigneeId: { label: 'Cán bộ được phân công', parse: text },
  amountVnd: {
    label: 'Số tiền (đồng)',
    parse: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined),
  },
  description: { label: 'Nội dung nghĩa vụ tài chính', parse: text },
  proposalText: { label: 'Nội dung đề xuất', parse: text },
  proposalOutcome: { label: 'Hướng giải quyết đề xuất', parse: oneOf<ProposalOutcome>(['approve', 'reject']) },
  channel: { label: 'Hình thức trả kết quả', parse: oneOf<ReturnChannel>(['counter', 'post', 'online']) },
  newDueAt: { label: 'Ngày hẹn trả mới', parse: instant },
  applicantId: { label: 'Tài khoản người nộp hồ sơ', parse: text },
  signerId: { label: 'Người ký', parse: text },
  note: { label: 'Ghi chú', parse: text },
  revision: {
    label: 'Lần sửa tờ khai',
    parse: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : undefined),
  },
  fields: {
    label: 'Các mục đã sửa',
    parse: (v) => {
      if (!Array.isArray(v) || v.length === 0 || v.length > 200) return undefined;
      const fields = v.map(text);
      return fields.every((f) => f !== undefined) ? (fields as string[]) : undefined;
    },
  },
  paymentMethod: { label: 'Hình thức nộp', parse: oneOf<PaymentMethod>(['online', 'cash']) },
  receiptNo: { label: 'Số biên lai', parse: text },
  orderRef: { label: 'Mã đơn thanh toán', parse: text },
  transactionNo: { label: 'Mã giao dịch', parse: text },
  timeCase: { label: 'Trường hợp giải quyết', parse: (v) => (typeof v === 'string' && /^[A-Z0-9_]{1,40}$/.test(v) ? v : undefined) },
};

const FIELD_NAMES = Object.keys(PAYLOAD_FIELDS) as PayloadField[];

/** Raw payload as received from the API (untrusted). */
export type PayloadInput = Readonly<Record<string, unknown>>;

export type PayloadResult = { ok: true; value: Payload } | { ok: false; error: DossierError };

/** Validates `raw` against the required fields of an action; keeps only known fields, normalised. */
export function parsePayload(required: readonly PayloadField[], raw: PayloadInput | undefined): PayloadResult {
  const input = raw ?? {};
  for (const field of required) {
    if (input[field] === undefined || input[field] === null) {
      return { ok: false, error: dossierError('MISSING_FIELD', { field, label: PAYLOAD_FIELDS[field].label }) };
    }
  }
  const value: Record<string, unknown> = {};
  for (const field of FIELD_NAMES) {
    const rawValue = input[field];
    if (rawValue === undefined || rawValue === null) continue;
    const parsed = PAYLOAD_FIELDS[field].parse(rawValue);
    if (parsed === undefined) {
      return { ok: false, error: dossierError('INVALID_FIELD', { field, label: PAYLOAD_FIELDS[field].label }) };
    }
    value[field] = parsed;
  }
  return { ok: true, value: value as Payload };
}
