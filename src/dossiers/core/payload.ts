// Command payload fields: one definition gives each field its type, its Vietnamese label (for error messages) and
// its validator. The action table lists which fields an action requires; any other known field is optional and is
// validated when present; unknown fields are dropped.

import { dossierError, type DossierError } from './errors.ts';

export type ProposalOutcome = 'approve' | 'reject';
export type ReturnChannel = 'counter' | 'post' | 'online';
/** Where the citizen receives the result of a dossier transferred to another commune (location-independent receipt):
 *  at the centre that received it, by post, or online. */
export type ResultPlace = 'receiving_centre' | 'post' | 'online';
/** How a fee was paid: online through the payment gateway, or in cash at the counter. */
export type PaymentMethod = 'online' | 'cash';

/** A file attached to a dossier component, as the history records it (attach_file): its sha256 is what the chain vouches for. */
export interface AttachedFile {
  /** The component (thành phần hồ sơ) of the procedure version, or KET_QUA for the draft result. */
  component: string;
  /** The file's name, as shown. */
  fileName: string;
  /** sha256 (hex) of the file's content. */
  sha256: string;
  /** The digitisation version of the component (V1 the first scan, V2 the first re-scan…). */
  version?: number;
  /** The scanner's page images a counter scan was assembled from, in order: each one's sha256, with `@90`, `@180` or
   *  `@270` when the officer turned it (degrees clockwise). */
  pages?: string[];
  /** The storage copy made of it (PDF/A-2 with its OCR text layer), named by the digitisation guide's rule. */
  storageCopy?: { sha256: string; fileName: string };
}

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
  /** A file attached to a component, or the storage copy made of it (attach_file). */
  file?: AttachedFile;
  /** The population-database lookup (registry_lookups.id) whose record updated the applicant (update_applicant). */
  lookupId?: number;
  /** The competent commune a dossier received for another authority is transferred to (transfer_to_competent). */
  communeId?: string;
  /** Where the citizen receives the result of a transferred dossier. */
  resultAt?: ResultPlace;
  /** The paper sent between the two communes (send_papers): which papers. */
  papers?: string;
  /** How they travel: by post with its tracking number, or carried by a named officer. */
  carrier?: string;
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

const SHA256 = /^[0-9a-f]{64}$/;
const sha = (v: unknown) => (typeof v === 'string' && SHA256.test(v) ? v : undefined);
const name = (v: unknown) => { const t = text(v); return t && t.length <= 200 ? t : undefined; };

function attachedFile(v: unknown): AttachedFile | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const component = typeof o.component === 'string' && /^[A-Z0-9_]{1,40}$/.test(o.component) ? o.component : undefined;
  const fileName = name(o.fileName), sha256 = sha(o.sha256);
  if (!component || !fileName || !sha256) return undefined;
  const out: AttachedFile = { component, fileName, sha256 };
  if (o.version !== undefined) {
    if (!(typeof o.version === 'number' && Number.isSafeInteger(o.version) && o.version >= 1)) return undefined;
    out.version = o.version;
  }
  if (o.pages !== undefined) {
    if (!Array.isArray(o.pages) || o.pages.length === 0 || o.pages.length > 200) return undefined;
    if (!o.pages.every((x) => typeof x === 'string' && /^[0-9a-f]{64}(@(90|180|270))?$/.test(x))) return undefined;
    out.pages = o.pages as string[];
  }
  if (o.storageCopy !== undefined) {
    const c = o.storageCopy as Record<string, unknown> | null;
    const copy = c && typeof c === 'object' ? { sha256: sha(c.sha256), fileName: name(c.fileName) } : null;
    if (!copy?.sha256 || !copy.fileName) return undefined;
    out.storageCopy = { sha256: copy.sha256, fileName: copy.fileName };
  }
  return out;
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
  file: { label: 'Tệp đính kèm', parse: attachedFile },
  lookupId: {
    label: 'Mã lần tra cứu',
    parse: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? v : undefined),
  },
  communeId: { label: 'Xã có thẩm quyền giải quyết', parse: (v) => (typeof v === 'string' && /^[a-z0-9-]{1,40}$/.test(v) ? v : undefined) },
  resultAt: { label: 'Nơi nhận kết quả', parse: oneOf<ResultPlace>(['receiving_centre', 'post', 'online']) },
  papers: { label: 'Giấy tờ gửi', parse: (v) => { const t = text(v); return t && t.length <= 2000 ? t : undefined; } },
  carrier: { label: 'Hình thức chuyển', parse: (v) => { const t = text(v); return t && t.length <= 500 ? t : undefined; } },
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
