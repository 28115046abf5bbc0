// Fee schedules → VND amounts (pure). Used by validation (`flags.hasFee`) and later by payments.
import type { Channel, Fee, ProcedureVersionInput } from './types.ts';

/** Whether a fee line is charged for a dossier filed through `channel` (a line without `channels`: always). */
export const chargedOn = (fee: Pick<Fee, 'channels'>, channel: Channel): boolean => fee.channels === undefined || fee.channels.includes(channel);

/** The answer of an exempt-group field (`Fee.exemptionField`) saying the applicant belongs to none of the groups:
 *  a choice of its own, so that a citizen who picked a group by mistake can take it back. */
export const NO_EXEMPTION_ANSWER = 'Không thuộc đối tượng được miễn lệ phí';

/** True when a fee line can cost something: a positive flat amount or per-unit pricing (domain.md §2.8). */
export const isChargeable = (fee: Fee): boolean => fee.amountVnd > 0 || fee.perUnit !== undefined;

/** What `flags.hasFee` must say for a list of fee lines. */
export const chargesFee = (fees: readonly Fee[]): boolean => fees.some(isChargeable);

export interface FeeQuery {
  /**
   * Per-unit fees (e.g. certified copies): units in ONE copy, i.e. pages. Flat fees: number of charged
   * units (copies, cases, contracts). Positive integer; default 1.
   */
  units?: number;
  /**
   * Number of copies; default 1. Per-unit fees: each copy is priced and capped separately (TT 226/2016/TT-BTC
   * Đ4). Flat fees: multiplies like `units` (pass one or the other).
   */
  copies?: number;
  /**
   * An exemption the officer selected; it must be one of the fee line's `exemptions` (exact text), otherwise
   * a RangeError is thrown rather than silently waiving or charging. An exempt case costs 0.
   */
  exemption?: string;
  /** Which fee line; default the procedure's first line (the main fee). */
  feeCode?: string;
}

const positiveInt = (v: number | undefined, what: string): number => {
  const n = v ?? 1;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${what} phải là số nguyên dương (nhận được ${n})`);
  return n;
};

/**
 * Price of `units` units under a tier table: unit k costs the amount of the last tier whose `fromUnit` ≤ k
 * (TT 226/2016/TT-BTC Đ4: bản sao 2.000 đ/trang for pages 1–2, 1.000 đ/trang from page 3), then capped.
 * Tiers are taken in ascending `fromUnit` order; units below the first tier cost nothing.
 */
export function tieredAmount(tiers: NonNullable<Fee['perUnit']>, units: number): number {
  const sorted = [...tiers.tiers].sort((a, b) => a.fromUnit - b.fromUnit);
  let total = 0;
  sorted.forEach((tier, i) => {
    const last = Math.min(units, (sorted[i + 1]?.fromUnit ?? Infinity) - 1);
    const count = Math.max(0, last - tier.fromUnit + 1);
    total += count * tier.amountVnd;
  });
  return tiers.maxPerCopyVnd === undefined ? total : Math.min(total, tiers.maxPerCopyVnd);
}

/** The VND amount one fee line of a procedure gives for a request; 0 when the procedure has no fee. */
export function feeFor(p: ProcedureVersionInput, q: FeeQuery = {}): number {
  const fee = q.feeCode === undefined ? p.fees[0] : p.fees.find((f) => f.code === q.feeCode);
  if (fee === undefined) {
    if (q.feeCode !== undefined) throw new RangeError(`Thủ tục ${p.code} không có khoản phí mã "${q.feeCode}"`);
    return 0;
  }
  const units = positiveInt(q.units, 'Số đơn vị tính phí');
  const copies = positiveInt(q.copies, 'Số bản');
  if (q.exemption !== undefined) {
    if (!fee.exemptions.includes(q.exemption)) {
      throw new RangeError(`Trường hợp miễn "${q.exemption}" không thuộc danh mục miễn của khoản "${fee.name}"`);
    }
    return 0; // e.g. Luật Hộ tịch 2014 Đ11 k1: đăng ký khai sinh đúng hạn được miễn lệ phí
  }
  if (fee.perUnit !== undefined) return tieredAmount(fee.perUnit, units) * copies;
  return fee.amountVnd * units * copies;
}
