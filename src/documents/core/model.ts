// The official documents of the one-stop desk as data: which forms exist, what a document is made of (header
// block, title, paragraphs, numbered lists, tables, signature blocks, QR code) and the facts they are built from.
// Pure: the builders in forms-*.ts and tracking-book.ts turn facts into a DocumentModel, pdf.ts draws it, facts.ts
// reads the facts from the database.
import type { StoredProcedure } from '../../catalogue/core/types.ts';
import type { HandoverResult } from '../../calendar/core/index.ts';
import type { ReturnChannel, StateCode } from '../../dossiers/core/index.ts';
import { BLANK, nfc, placeDate, upper } from './format.ts';
import type { PaymentFacts } from './fees.ts';

// ── The forms ───────────────────────────────────────────────────────────────────────────────────────────────

/** Stable internal keys (also the URL segment). Never renumber: the official numbers below may change. */
export const FORM_IDS = [
  'receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-sheet', 'tracking-book', 'to-khai',
] as const;
export type FormId = (typeof FORM_IDS)[number];

/** The forms printed for one dossier (the tracking book covers many). */
export const DOSSIER_FORM_IDS = FORM_IDS.filter((f): f is Exclude<FormId, 'tracking-book'> => f !== 'tracking-book');
export type DossierFormId = (typeof DOSSIER_FORM_IDS)[number];

export interface FormInfo {
  readonly id: FormId;
  /**
   * Official number. UNCERTAIN (domain.md §2.6, §12): the annex of TT 03/2025/TT-VPCP (Phụ lục I) was not read and
   * two secondary sources disagree. `officialNumber` follows QĐ 3621/QĐ-BYT (BM.01–06, no stop notice: null);
   * `listNumber` is the position in the Hà Nội analysis' list of 7 forms. Check both against the annex.
   */
  readonly officialNumber: string | null;
  readonly listNumber: number;
  readonly title: string;
  /** Middle part of the document number, e.g. "Số: 261125-0001/PBS-TTPVHCC" (UNCERTAIN, like the numbers). */
  readonly numberCode: string;
  /** ASCII stem of the downloaded file's name. */
  readonly fileStem: string;
  /** What the form rests on, as printed (the PDF's subject) and described (OpenAPI): plain Vietnamese, no note. */
  readonly legalBasis: string;
  /**
   * True while the official number (and the document number's code) is not checked against the annex (UNCERTAIN,
   * domain.md §2.6, §12). The number is printed as it stands; the doubt is recorded here, never on the form.
   */
  readonly numberUnchecked?: boolean;
}

const BYT = 'QĐ 3621/QĐ-BYT (theo TT 03/2025/TT-VPCP Phụ lục I)';
const unchecked = { numberUnchecked: true } as const;

export const FORMS: { readonly [K in FormId]: FormInfo & { readonly id: K } } = {
  receipt: {
    id: 'receipt', officialNumber: 'BM.01', listNumber: 1, numberCode: 'GTN', fileStem: 'giay-tiep-nhan',
    title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', legalBasis: `${BYT} BM.01`, ...unchecked,
  },
  'supplement-request': {
    id: 'supplement-request', officialNumber: 'BM.02', listNumber: 2, numberCode: 'PBS', fileStem: 'phieu-yeu-cau-bo-sung',
    title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', legalBasis: `${BYT} BM.02`, ...unchecked,
  },
  refusal: {
    id: 'refusal', officialNumber: 'BM.03', listNumber: 3, numberCode: 'PTC', fileStem: 'phieu-tu-choi',
    title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', legalBasis: `${BYT} BM.03`, ...unchecked,
  },
  apology: {
    // TT 03/2025/TT-VPCP Phụ lục I (reproduced by QĐ 3621/QĐ-BYT BM.04): the form's title since 2025 (the 2018 form
    // said "… và hẹn lại ngày trả kết quả").
    id: 'apology', officialNumber: 'BM.04', listNumber: 4, numberCode: 'PXL', fileStem: 'phieu-xin-loi',
    title: 'Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết', legalBasis: `${BYT} BM.04; NĐ 118/2025 (hẹn lại không quá một lần)`, ...unchecked,
  },
  'stop-notice': {
    // Exact fields not retrieved [M] (domain.md §2.6 item 5): code, applicant, TTHC, date of the request, stage,
    // decision, fees.
    id: 'stop-notice', officialNumber: null, listNumber: 5, numberCode: 'TBD', fileStem: 'thong-bao-dung',
    title: 'Thông báo dừng giải quyết hồ sơ', legalBasis: 'NĐ 118/2025 Đ21; TT 03/2025/TT-VPCP Đ7 (mẫu thông báo)', ...unchecked,
  },
  'control-sheet': {
    id: 'control-sheet', officialNumber: 'BM.05', listNumber: 6, numberCode: 'PKS', fileStem: 'phieu-kiem-soat',
    title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', legalBasis: `${BYT} BM.05`, ...unchecked,
  },
  'tracking-book': {
    id: 'tracking-book', officialNumber: 'BM.06', listNumber: 7, numberCode: 'STD', fileStem: 'so-theo-doi',
    title: 'Sổ theo dõi hồ sơ', legalBasis: `${BYT} BM.06`, ...unchecked,
  },
  'to-khai': {
    // The applicant's own form (tờ khai), filled from the dossier's declaration: its title is the e-form component's
    // name ("Tờ khai đăng ký khai sinh"), its fields the procedure version's as filed. Not a one-stop desk form: no
    // number of its own.
    id: 'to-khai', officialNumber: null, listNumber: 8, numberCode: 'TK', fileStem: 'to-khai',
    title: 'Tờ khai', legalBasis: 'Tờ khai theo biểu mẫu điện tử của thủ tục hành chính (NĐ 45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử)',
  },
};

// ── What a document is made of ──────────────────────────────────────────────────────────────────────────────

export interface Run {
  readonly text: string;
  readonly bold?: boolean;
  readonly italic?: boolean;
}

export interface ListItem {
  readonly text: string;
  /** Lines printed under the item, smaller (e.g. the attached files of a component). */
  readonly details?: readonly string[];
}

export interface Column {
  readonly header: string;
  /** Header of a group of adjacent columns printed above them ("Nhận và trả kết quả"). */
  readonly group?: string;
  /** Relative width. */
  readonly width: number;
  readonly align?: 'left' | 'center';
  /** Widened so that each cell fits on one line (codes), at the expense of the other columns. */
  readonly noWrap?: boolean;
  /** A column signed by hand (the control sheet's giver and receiver): room to sign, the name at the cell's foot. */
  readonly signature?: boolean;
}

export interface Signer {
  /** Upper-case lines: "NGƯỜI TIẾP NHẬN HỒ SƠ", or "TM. ỦY BAN NHÂN DÂN" + "CHỦ TỊCH". */
  readonly title: readonly string[];
  /** Italic line under the title: "(Ký và ghi rõ họ tên)". */
  readonly note?: string;
  /** Printed under the space left for the signature. */
  readonly name?: string;
}

export type Block =
  | { readonly type: 'paragraph'; readonly runs: readonly Run[]; readonly align?: 'left' | 'justify' | 'center'; readonly indent?: boolean; readonly small?: boolean }
  | { readonly type: 'list'; readonly items: readonly ListItem[] }
  | { readonly type: 'table'; readonly columns: readonly Column[]; readonly rows: readonly (readonly string[])[]; readonly empty: string }
  /** Signature blocks side by side; `recipients` ("Nơi nhận:") fills the left column when it has no signer. */
  | { readonly type: 'signatures'; readonly signers: readonly (Signer | null)[]; readonly recipients?: readonly string[] }
  | { readonly type: 'space'; readonly size: number };

export interface Header {
  /** Left column: the parent body (regular) then the issuing body (bold). */
  readonly agency: readonly Run[];
  /** "Số: 261125-0001/GTN-TTPVHCC". */
  readonly number: string;
  /** "Xuân Dương, ngày 25 tháng 11 năm 2026". */
  readonly placeDate: string;
}

export interface DocumentModel {
  readonly form: FormInfo;
  readonly orientation: 'portrait' | 'landscape';
  readonly header: Header;
  /** Upper-case title and the lines under it (bold "Về việc …", italic period…). */
  readonly title: { readonly text: string; readonly lines: readonly Run[] };
  /** The public status page of the dossier; null when it has no code (not received) or for the book. */
  readonly qr: { readonly url: string; readonly caption: string } | null;
  readonly blocks: readonly Block[];
  /** ASCII file name, e.g. "giay-tiep-nhan-000.DEMO.XD.H55-261125-0001.pdf". */
  readonly fileName: string;
  readonly generatedAt: Date;
}

// ── The facts the documents are built from ──────────────────────────────────────────────────────────────────

export interface Person {
  readonly name: string;
  readonly title: string;
  /** Work phone (staff.phone), when the administrator has entered one. */
  readonly phone?: string | null;
}

/** A stored hand-over (dossier_events.handover): a row of the control sheet. */
export interface HandoverFacts {
  readonly fromUnit: string | null;
  readonly toUnit: string;
  readonly fromAssigneeId: string | null;
  readonly toAssigneeId: string | null;
  readonly stepCode: string | null;
  readonly stepDueAt: Date | null;
  readonly result: HandoverResult | null;
}

export interface EventFacts {
  readonly seq: number;
  readonly action: string;
  readonly fromState: number | null;
  readonly toState: number;
  readonly at: Date;
  readonly actorId: string;
  readonly actorRole: string;
  readonly actorUnit: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly changes: Readonly<Record<string, unknown>>;
  readonly handover: HandoverFacts | null;
}

export interface OrgFacts {
  readonly communeName: string;
  /** Unit code → name. */
  readonly units: ReadonlyMap<string, string>;
  /** Staff id (as in the log) → name and title. */
  readonly staff: ReadonlyMap<string, Person>;
  /** Unit code → the unit's phone (units.phone), for the units that have one. */
  readonly unitPhones?: ReadonlyMap<string, string>;
  /** The commune's (People's Committee's) phone (communes.phone), when known. */
  readonly communePhone?: string | null;
}

export interface DossierFacts {
  readonly id: string;
  readonly code: string | null;
  /** The reference (mã tra cứu, src/dossiers/core/reference.ts), the dossier's name until the code exists. */
  readonly reference?: string;
  readonly state: StateCode;
  readonly channel: 'direct' | 'online' | 'postal';
  readonly applicant: {
    readonly name: string;
    /** The number, or null when there is none; `idHidden` when the reader may not see it. */
    readonly idNumber: string | null;
    readonly idHidden: boolean;
    readonly address: string | null;
    readonly phone: string | null;
    readonly email: string | null;
  };
  readonly procedure: StoredProcedure;
  readonly competentAuthority: string;
  readonly receivingUnitCode: string | null;
  readonly currentUnitCode: string | null;
  readonly receivedAt: Date | null;
  readonly dueAt: Date | null;
  readonly originalDueAt: Date | null;
  readonly returnedAt: Date | null;
  readonly returnChannel: ReturnChannel | null;
  readonly events: readonly EventFacts[];
  readonly files: readonly { readonly componentCode: string; readonly fileName: string }[];
  /** The components ticked as received at the counter, with their copies (absent or empty: no checklist). */
  readonly received?: readonly { readonly componentCode: string; readonly copies: number }[];
  /** The settled payments (paid ledger entries, exemptions at 0 đ), oldest first; absent or empty: none. */
  readonly payments?: readonly PaymentFacts[];
  readonly org: OrgFacts;
}

// ── Shared pieces of the builders ───────────────────────────────────────────────────────────────────────────

export const p = (...runs: (Run | string)[]): Block => ({
  type: 'paragraph', runs: runs.map((r) => (typeof r === 'string' ? { text: nfc(r) } : { ...r, text: nfc(r.text) })),
});

/** "Label: value" with the value in bold; a blank to fill in by hand when there is no value. */
export const field = (label: string, value: string | null | undefined, bold = false): Block =>
  p(`${label}: `, { text: value && value.trim() ? value : BLANK, bold });

export const b = (text: string): Run => ({ text, bold: true });
export const i = (text: string): Run => ({ text, italic: true });

export const unitName = (org: OrgFacts, code: string | null | undefined) =>
  (code ? org.units.get(code) : undefined) ?? code ?? '';

/** The parent body of every commune document: "ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG". */
export const communeAuthority = (org: OrgFacts) => `ỦY BAN NHÂN DÂN ${upper(org.communeName.replace(/\s*\(.*\)\s*$/, ''))}`;

/**
 * The header block: the commune's People's Committee and, below it, the issuing unit; `issuingUnit` null = the
 * Committee itself (a leader signs in its name: one line). The number is the dossier code's date and sequence
 * (`YYMMDD-NNNN`, unique per receiving unit) with the form's code and the unit's code; without a dossier code it
 * stays a blank for the register (the system keeps no outgoing-document register yet).
 */
export function header(org: OrgFacts, form: FormInfo, issuingUnit: string | null, code: string | null, at: Date): Header {
  const unit = issuingUnit ? org.units.get(issuingUnit) : undefined;
  const agency: Run[] = unit
    ? [{ text: communeAuthority(org) }, { text: upper(unit), bold: true }]
    : [{ text: communeAuthority(org), bold: true }];
  const tail = code ? /-(\d{6}-\d+)$/.exec(code)?.[1] : undefined;
  const suffix = `${form.numberCode}-${unit && issuingUnit ? issuingUnit : 'UBND'}`;
  return { agency, number: `Số: ${tail ?? '……'}/${suffix}`, placeDate: placeDate(org.communeName, at) };
}

/** The QR code's target: the public status page with the code only (the citizen enters the second factor there). */
export const statusUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;

export function fileName(form: FormInfo, key: string): string {
  return `${form.fileStem}-${key.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`;
}

/** A staff member's signature block: their title in capitals (a leader signs for the Committee, "TM."). */
export function staffSigner(org: OrgFacts, actorId: string, role: string, fallback: string): Signer {
  const who = org.staff.get(actorId);
  const title = who?.title ? upper(who.title) : fallback;
  return {
    title: role === 'leader' ? ['TM. ỦY BAN NHÂN DÂN', title] : [title],
    note: '(Ký, ghi rõ họ tên)',
    ...(who ? { name: who.name } : {}),
  };
}

export const staffName = (org: OrgFacts, id: string | null | undefined) => (id ? org.staff.get(id)?.name ?? null : null);

/**
 * The phone a citizen calls for guidance (BM.02: "liên hệ với … số điện thoại …"): the officer's own, else the first
 * of `units` that has one (the officer's unit, then the desk), else the commune's; null when none is known (the form
 * then leaves the blank to fill in by hand, never an invented number).
 */
export function contactPhone(org: OrgFacts, staffId: string | null | undefined, units: readonly (string | null | undefined)[]): string | null {
  const own = staffId ? text(org.staff.get(staffId)?.phone) : null;
  if (own) return own;
  for (const u of units) {
    const phone = u ? text(org.unitPhones?.get(u)) : null;
    if (phone) return phone;
  }
  return text(org.communePhone);
}

// ── Reading event payloads (stored as JSON) ─────────────────────────────────────────────────────────────────

export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? nfc(v.trim()) : null);
export const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(text).filter((s): s is string => s !== null) : []);
export function instant(v: unknown): Date | null {
  if (v instanceof Date) return v;
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The event of one of `actions` a document is about: the one numbered `seq` if given, else the latest. */
export function pickEvent(d: DossierFacts, actions: readonly string[], seq?: number): EventFacts | null {
  const matching = d.events.filter((e) => actions.includes(e.action));
  if (seq !== undefined) return matching.find((e) => e.seq === seq) ?? null;
  return matching.at(-1) ?? null;
}

// ── Pieces shared by several forms ──────────────────────────────────────────────────────────────────────────

/** "xã Xuân Dương", for running text ("Trung tâm Phục vụ hành chính công xã Xuân Dương"). */
export function communeRef(org: OrgFacts): string {
  const name = nfc(org.communeName).replace(/\s*\(.*\)\s*$/, '');
  return name.charAt(0).toLocaleLowerCase('vi') + name.slice(1);
}

/** A unit named in running text: "Trung tâm Phục vụ hành chính công xã Xuân Dương". */
export const unitInCommune = (org: OrgFacts, code: string | null | undefined) =>
  code && org.units.has(code) ? `${unitName(org, code)} ${communeRef(org)}` : `Ủy ban nhân dân ${communeRef(org)}`;

/** The procedure as "nội dung yêu cầu giải quyết": "Đăng ký khai sinh (mã thủ tục 1.001193)". */
export const requestText = (d: DossierFacts) => `${d.procedure.name} (mã thủ tục ${d.procedure.code})`;

/** The applicant's lines: name, ID number (staff-only documents), address, phone and e-mail. */
export function applicantBlocks(d: DossierFacts, o: { label?: string; idNumber: boolean }): Block[] {
  const a = d.applicant;
  const id = a.idHidden ? '(không hiển thị: người in không có quyền xem số định danh)' : a.idNumber;
  return [
    field(o.label ?? 'Ông/Bà', a.name, true),
    ...(o.idNumber ? [field('Số định danh cá nhân/tổ chức', id)] : []),
    field('Địa chỉ', a.address),
    p('Số điện thoại: ', a.phone ?? BLANK, '          Thư điện tử: ', a.email ?? BLANK),
  ];
}

/** What a builder needs besides the facts. */
export interface BuildContext {
  readonly publicUrl: string;
  readonly now: Date;
  /** The event the document is about (its `seq`); the latest matching one when absent. */
  readonly seq?: number;
}

export const qrFor = (d: DossierFacts, ctx: BuildContext): DocumentModel['qr'] =>
  d.code ? { url: statusUrl(ctx.publicUrl, d.code), caption: 'Quét mã để tra cứu' } : null;

/** The dossier's name in a file name: its code, or before receipt its reference; never the internal id. */
export const keyOf = (d: DossierFacts) => d.code ?? d.reference ?? 'chua-co-ma';
