// What a dossier owes (pure): computed by the server from the dossier's procedure version and, for a financial
// obligation (state 6), from the amount the officer notified; never taken from the browser.
import { feeFor, type FeeQuery } from '../../catalogue/core/fees.ts';
import type { ProcedureVersionInput } from '../../catalogue/core/types.ts';

/** Why the citizen pays: fees collected at submission ("thu trước") or the obligation notified in state 6. */
export type Purpose = 'fee_before' | 'obligation';

export interface Due {
  purpose: Purpose;
  amountVnd: number;
  /** Vietnamese description for the order, the receipt and the page. */
  description: string;
  /** The fee lines charged (codes), for the receipt. */
  feeCodes: string[];
  /** Exempt persons or cases of those lines (the officer decides; the citizen is told before paying). */
  exemptions: string[];
}

/** Fee lines collected at the given moment (domain.md §2.8 "Thu trước" / "Thu sau"), priced with `feeFor`. */
export function feesAt(p: ProcedureVersionInput, collect: 'before' | 'after', q: Omit<FeeQuery, 'feeCode'> = {}) {
  const lines = p.fees.filter((f) => f.collect === collect);
  const exemptLine = q.exemption === undefined ? undefined : lines.find((f) => f.exemptions.includes(q.exemption!));
  if (q.exemption !== undefined && !exemptLine) {
    throw new RangeError(`Trường hợp miễn "${q.exemption}" không thuộc danh mục miễn của thủ tục`);
  }
  const exemptions = [...new Set(lines.flatMap((f) => f.exemptions))];
  const priced = lines.map((f) => ({
    code: f.code,
    name: f.name,
    amountVnd: feeFor(p, { ...q, feeCode: f.code, exemption: f === exemptLine ? q.exemption : undefined }),
  }));
  return { lines: priced, total: priced.reduce((s, l) => s + l.amountVnd, 0), exemptions };
}

export interface DossierFacts {
  state: number;
  /** Payload of the last `request_financial_obligation` event, when the dossier is in state 6. */
  obligation: { amountVnd?: number; description?: string } | null;
  /** True once a fee collected at submission has been paid (or exempted) for this dossier. */
  beforeFeesSettled: boolean;
}

/** States in which fees collected at submission may be paid: submitted, received, processing (QĐ 766 3.6 counts
 *  a dossier paid online whatever the moment; NĐ 118/2025 Đ24 for how fees are paid). */
const FEE_BEFORE_STATES = [1, 2, 4];

/**
 * What the dossier owes now, or null. In state 6 the officer's notified amount wins (taxes, land fees, …), else
 * the procedure's "thu sau" lines; otherwise the unpaid "thu trước" lines while the dossier is open.
 */
export function dueNow(p: ProcedureVersionInput, d: DossierFacts, q: Omit<FeeQuery, 'feeCode'> = {}): Due | null {
  if (d.state === 6) {
    const after = feesAt(p, 'after', q);
    const amount = d.obligation?.amountVnd ?? after.total;
    const description = d.obligation?.description ?? after.lines.map((l) => l.name).join('; ');
    return { purpose: 'obligation', amountVnd: amount, description: description || 'Nghĩa vụ tài chính', feeCodes: after.lines.map((l) => l.code), exemptions: d.obligation?.amountVnd === undefined ? after.exemptions : [] };
  }
  if (!FEE_BEFORE_STATES.includes(d.state) || d.beforeFeesSettled) return null;
  const before = feesAt(p, 'before', q);
  if (!before.lines.length) return null;
  return { purpose: 'fee_before', amountVnd: before.total, description: before.lines.map((l) => l.name).join('; '), feeCodes: before.lines.map((l) => l.code), exemptions: before.exemptions };
}
