// What a dossier's fees come to (pure): the procedure version's fee lines (catalogue/core/fees.ts prices one line)
// applied to the dossier's answers — copies and pages where the e-form asks them, exemptions the law attaches to the
// answers (on-time birth or death registration: Luật Hộ tịch 2014 Đ11 k1 điểm b with Đ15 k1 / Đ33 k1), an exempt
// group the applicant declared (Đ11 k1 điểm a; the officer confirms it against the papers) or one the officer
// chose at the counter — and the lines of the dossier's channel only, where the rate depends on it (residence
// registration filed online: Thông tư 75/2022/TT-BTC). The server computes it; a browser never sends an amount.
import { chargedOn, feeFor } from '../../catalogue/core/fees.ts';
import type { Channel, Fee, ProcedureVersionInput } from '../../catalogue/core/types.ts';
import { vnDate } from '../../calendar/core/index.ts';

/** Answers per e-form component code, field name → answer (as stored in the declaration or a draft). */
export type Answers = Readonly<Record<string, Readonly<Record<string, string>> | undefined>>;

/** The e-form answers of a stored declaration, per component code (assessFee reads them by field name). */
export const answersOfDeclaration = (forms: readonly { componentCode: string; answers: Record<string, string> }[]): Answers =>
  Object.fromEntries(forms.map((f) => [f.componentCode, f.answers]));

/** The day a dossier was filed, Vietnam time (`AssessOptions.filedOn`): submitted online, else received at the
 *  counter, else `now` (a draft). */
export const filedOn = (d: { submitted_at: Date | null; received_at: Date | null }, now: Date): string =>
  vnDate(d.submitted_at ?? d.received_at ?? now);

export interface AssessOptions {
  /** The day the dossier was filed (submitted online, or received at the counter), YYYY-MM-DD Vietnam time; a draft
   *  is assessed as if filed today. Time limits for exemptions count to this day. */
  filedOn: string;
  /** How the dossier was (or is being) filed: a line charged per channel (`Fee.channels`) counts only on its own. */
  channel: Channel;
  /** An exemption the officer selected (one of a line's `exemptions`, exact text); RangeError otherwise. */
  exemption?: string;
  /** Units (pages) and copies the officer counted at the counter; they win over the answers. */
  units?: number;
  copies?: number;
}

/** Why a line costs nothing. `law`: follows from the answers; `declared`: the applicant's declared group, to be
 *  confirmed by the officer; `officer`: chosen by the officer. */
export interface Exemption {
  case: string;
  reason: string;
  legalBasis: string | null;
  source: 'law' | 'declared' | 'officer';
}

export interface AssessedLine {
  code: string;
  name: string;
  kind: Fee['kind'];
  collect: Fee['collect'];
  units: number;
  copies: number;
  /** The cases the catalogue exempts (the officer's choices at the counter). */
  exemptions: readonly string[];
  /** What the line would cost without the exemption. */
  fullAmountVnd: number;
  amountVnd: number;
  exemption: Exemption | null;
}

export interface Assessment {
  lines: AssessedLine[];
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso ? null : Math.round(t / DAY_MS);
};

/** Calendar days from `from` to `to` (both YYYY-MM-DD), or null when either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/** An answer by field name, whichever e-form component holds it ('' when absent). */
export function answerOf(answers: Answers, field: string): string {
  for (const form of Object.values(answers)) {
    const v = form?.[field];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

/** A count answered in the e-form ("2"), or undefined when absent or not a positive whole number. */
function countOf(answers: Answers, field: string | undefined): number | undefined {
  if (field === undefined) return undefined;
  const v = answerOf(answers, field).trim();
  if (!/^\d{1,5}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}

/** "Người thuộc hộ nghèo" → "người thuộc hộ nghèo" (it follows "Miễn lệ phí: "). */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The exemption a line gets: the officer's choice first, then the law's (from the answers), then the declared group. */
function exemptionOf(fee: Fee, answers: Answers, o: AssessOptions): Exemption | null {
  if (o.exemption !== undefined && fee.exemptions.includes(o.exemption)) {
    const rule = fee.exemptWhen?.find((w) => w.exemption === o.exemption);
    return { case: o.exemption, reason: rule?.reason ?? lowerFirst(o.exemption), legalBasis: rule?.legalBasis ?? fee.exemptionsBasis ?? null, source: 'officer' };
  }
  for (const w of fee.exemptWhen ?? []) {
    const days = daysBetween(answerOf(answers, w.dateField), o.filedOn);
    // Day 0 is the event itself; a date after the filing is not plausible and exempts nothing.
    if (days !== null && days >= 0 && days <= w.withinDays && fee.exemptions.includes(w.exemption)) {
      return { case: w.exemption, reason: w.reason, legalBasis: w.legalBasis, source: 'law' };
    }
  }
  const declared = fee.exemptionField === undefined ? '' : answerOf(answers, fee.exemptionField);
  if (declared && fee.exemptions.includes(declared)) {
    return { case: declared, reason: lowerFirst(declared), legalBasis: fee.exemptionsBasis ?? null, source: 'declared' };
  }
  return null;
}

/** Every fee line of the version, priced for this dossier. */
export function assessFee(p: Pick<ProcedureVersionInput, 'code' | 'fees'>, answers: Answers, o: AssessOptions): Assessment {
  if (o.exemption !== undefined && !p.fees.some((f) => f.exemptions.includes(o.exemption!))) {
    throw new RangeError(`Trường hợp miễn "${o.exemption}" không thuộc danh mục miễn của thủ tục`);
  }
  const proc = p as ProcedureVersionInput; // feeFor reads only code and fees
  const lines = p.fees.filter((fee) => chargedOn(fee, o.channel)).map((fee): AssessedLine => {
    const units = o.units ?? countOf(answers, fee.unitsField) ?? 1;
    const copies = o.copies ?? countOf(answers, fee.copiesField) ?? 1;
    const fullAmountVnd = feeFor(proc, { feeCode: fee.code, units, copies });
    const exemption = fullAmountVnd > 0 ? exemptionOf(fee, answers, o) : null;
    return {
      code: fee.code, name: fee.name, kind: fee.kind, collect: fee.collect, units, copies, exemptions: fee.exemptions, fullAmountVnd,
      amountVnd: exemption ? 0 : fullAmountVnd, exemption,
    };
  });
  return { lines };
}

/** The lines collected at a moment (domain.md §2.8 "Thu trước" / "Thu sau") and their total. */
export function linesAt(a: Assessment, collect: Fee['collect']) {
  const lines = a.lines.filter((l) => l.collect === collect);
  return { lines, totalVnd: lines.reduce((s, l) => s + l.amountVnd, 0) };
}

/** "Miễn lệ phí: đăng ký khai sinh đúng hạn (Luật Hộ tịch 2014, Điều 11 …)" — what the citizen and the officer read. */
export function exemptionText(l: Pick<AssessedLine, 'kind' | 'exemption'>): string | null {
  const x = l.exemption;
  if (!x) return null;
  const notes = [x.legalBasis, x.source === 'declared' ? 'cán bộ kiểm tra giấy tờ chứng minh khi tiếp nhận' : null].filter(Boolean);
  return `${l.kind === 'fee' ? 'Miễn phí' : 'Miễn lệ phí'}: ${x.reason}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}
