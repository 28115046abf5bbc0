// What a dossier owes (pure): computed by the server from the dossier's fee assessment (core/assess.ts: the
// procedure version's fee lines applied to its answers) and, for a financial obligation (state 6), from the amount
// the officer notified; never taken from the browser.
import { exemptionText, linesAt, type Assessment } from './assess.ts';

/** Why the citizen pays: fees collected at submission ("thu trước") or the obligation notified in state 6. */
export type Purpose = 'fee_before' | 'obligation';

export interface Due {
  purpose: Purpose;
  /** 0 when every line is exempt (then `exemptReasons` says why, and nothing can be paid online). */
  amountVnd: number;
  /** Vietnamese description for the order, the receipt and the page. */
  description: string;
  /** The fee lines charged (codes), for the receipt. */
  feeCodes: string[];
  /** Exempt persons or cases of those lines (the officer decides; the citizen is told before paying). */
  exemptions: string[];
  /** Why lines of this due cost nothing ("Miễn lệ phí: đăng ký khai sinh đúng hạn (Luật Hộ tịch 2014, …)"). */
  exemptReasons: string[];
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
export const FEE_BEFORE_STATES = [1, 2, 4];

function dueOf(a: Assessment, collect: 'before' | 'after') {
  const { lines, totalVnd } = linesAt(a, collect);
  // Lines that can never cost anything (a "miễn" line of 0 đ) say nothing here.
  const charged = lines.filter((l) => l.fullAmountVnd > 0);
  return {
    lines: charged, totalVnd,
    description: charged.map((l) => l.name).join('; '),
    feeCodes: charged.map((l) => l.code),
    exemptions: [...new Set(charged.flatMap((l) => l.exemptions))],
    exemptReasons: charged.flatMap((l) => exemptionText(l) ?? []),
  };
}

/**
 * What the dossier owes now, or null. In state 6 the officer's notified amount wins (taxes, land fees, …), else
 * the procedure's "thu sau" lines; otherwise the unpaid "thu trước" lines while the dossier is open.
 */
export function dueNow(a: Assessment, d: DossierFacts): Due | null {
  if (d.state === 6) {
    const after = dueOf(a, 'after');
    const notified = d.obligation?.amountVnd;
    return {
      purpose: 'obligation', amountVnd: notified ?? after.totalVnd,
      description: d.obligation?.description ?? (after.description || 'Nghĩa vụ tài chính'),
      feeCodes: after.feeCodes, exemptions: notified === undefined ? after.exemptions : [],
      exemptReasons: notified === undefined ? after.exemptReasons : [],
    };
  }
  if (!FEE_BEFORE_STATES.includes(d.state) || d.beforeFeesSettled) return null;
  const before = dueOf(a, 'before');
  if (!before.lines.length) return null;
  return {
    purpose: 'fee_before', amountVnd: before.totalVnd, description: before.description, feeCodes: before.feeCodes,
    exemptions: before.exemptions, exemptReasons: before.exemptReasons,
  };
}

/** A settled order of the dossier (paid online or in cash, or recorded as exempt at 0 đ). */
export interface PaidOrder { ref: string; amountVnd: number; method: string; description: string; at: Date }

/**
 * Where the dossier's fees stand, for the pages: `due` (something to pay now), `paid` (paid, nothing due now),
 * `exempt` (the charged lines are exempt, or the officer recorded an exemption), `unsettled` (a "thu trước" fee never
 * recorded on a dossier past processing), `later` (charged only with a financial-obligation notice), `free`.
 */
export type FeeStatusKind = 'due' | 'paid' | 'exempt' | 'unsettled' | 'later' | 'free';

export function feeStatusKind(a: Assessment, due: Due | null, paid: readonly PaidOrder[]): FeeStatusKind {
  if (due && (due.amountVnd > 0 || !due.exemptReasons.length)) return 'due';
  if (paid.some((o) => o.amountVnd > 0)) return 'paid';
  const charged = (collect: 'before' | 'after') => a.lines.filter((l) => l.collect === collect && l.fullAmountVnd > 0);
  const before = charged('before');
  if (due || paid.length || (before.length && before.every((l) => l.exemption))) return 'exempt';
  if (before.length) return 'unsettled';
  return charged('after').length ? 'later' : 'free';
}
