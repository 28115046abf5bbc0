// The monthly rollup of the indicator facts (pure): what one dossier adds to the month buckets that the 766 counts,
// indicators 2.1 and 5.4 and the period report add up for any period made of whole months (issue 5 § Speed;
// docs/benchmarks.md explains the scheme).
//
// Why whole months suffice: progressOf() (progress.ts) depends on the period only through
// - its scope: received before the end, not finished before the start — for a period of whole months S…M that is
//   "received in a month ≤ M, finished in a month ≥ S or not at all";
// - its end instant, for a dossier not finished by then — the end of month M.
// So a dossier FINISHED in month F has one status for every period ending at or after F ('final' entry in F), and
// for each month m from its receipt to F − 1 the status it had at the end of m ('open' entry in m). A dossier not
// finished yet is never stored: it is read live (they are few, they end) and judged for the months asked
// (liveMonths). Every status here is progressOf()'s own answer: this file adds up, it never re-derives a rule.
import { vnDate } from '../../calendar/core/vn-time.ts';
import type { Count } from './contributions.ts';
import { countsOfClass, type ReportCounts } from './period-report.ts';
import { periodOf } from './periods.ts';
import { progressOf, type Period, type Progress, type ProgressFacts } from './progress.ts';
import { tallyAdd, type Tally } from './satisfaction.ts';

/** A month in Vietnam time, 'YYYY-MM'. */
export type Month = string;

export const monthOf = (t: Date): Month => vnDate(t).slice(0, 7);
const index = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const fromIndex = (i: number): Month => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
export const nextMonth = (m: Month): Month => fromIndex(index(m) + 1);
const periods = new Map<Month, Period>();
/** The period of a month (memoised: the views judge thousands of open dossiers at a few month ends). */
export function monthPeriod(m: Month): Period {
  let p = periods.get(m);
  if (!p) periods.set(m, (p = periodOf({ year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) })));
  return p;
}

/** The months first…last of a period made of whole Vietnam months (month, quarter, year), else null. */
export function monthSpan(p: Period): { first: Month; last: Month } | null {
  if (!(p.end > p.start)) return null;
  const first = monthOf(p.start);
  const last = monthOf(new Date(p.end.getTime() - 1));
  const aligned = monthPeriod(first).start.getTime() === p.start.getTime() && monthPeriod(last).end.getTime() === p.end.getTime();
  return aligned ? { first, last } : null;
}

/** The months of [first, last] in order. */
export function monthsBetween(first: Month, last: Month): Month[] {
  const out: Month[] = [];
  for (let i = index(first); i <= index(last); i++) out.push(fromIndex(i));
  return out;
}

export interface RollupFacts extends ProgressFacts {
  channel: string;
  returnedAt: Date | null;
  /** countsOf() of the dossier (contributions.ts). */
  counts: readonly string[];
}

export type EntryKind = 'count' | 'final' | 'open' | 'returned';

export interface RollupEntry {
  kind: EntryKind;
  /** 'count': month of receipt; 'final': month finished; 'open': the month at whose end it was still open; 'returned'. */
  month: Month;
  /** Month of receipt ('final', 'open': carried over or not); equal to `month` for the other kinds. */
  receivedMonth: Month;
  /** Channel of receipt ('final', 'open'), '' otherwise. */
  channel: string;
  /** 'count': the Count; 'final', 'open': the 2.1 status; 'returned': ''. */
  label: string;
  /** 'final', 'open': an overall "không hài lòng" or a petition (5.4). */
  complained: boolean;
}

/**
 * The entries of one dossier. Without liveMonths: what the rollup table stores — nothing for a dossier not finished.
 * With liveMonths: a dossier read live (not finished), with its 'open' status at the end of each of those months.
 */
export function entriesOf(d: RollupFacts, liveMonths?: readonly Month[]): RollupEntry[] {
  const out: RollupEntry[] = [];
  if (!d.finishedAt && !liveMonths) return out;
  if (d.returnedAt) {
    const m = monthOf(d.returnedAt);
    out.push({ kind: 'returned', month: m, receivedMonth: m, channel: '', label: '', complained: false });
  }
  if (!d.receivedAt) return out; // never received: in no count and never in 2.1's scope
  const rm = monthOf(d.receivedAt);
  for (const c of d.counts) out.push({ kind: 'count', month: rm, receivedMonth: rm, channel: '', label: c, complained: false });
  const complained = d.counts.includes('complained');
  const push = (kind: EntryKind, month: Month, status: Progress | null) => {
    if (status) out.push({ kind, month, receivedMonth: rm, channel: d.channel, label: status, complained });
  };
  if (d.finishedAt) {
    const fm = monthOf(d.finishedAt);
    // Any period with fm inside judges it at its finishing time: the month of fm (up to the receipt, if later) will do.
    push('final', fm, progressOf(d, { start: monthPeriod(fm).start, end: monthPeriod(index(rm) > index(fm) ? rm : fm).end }));
    for (let m = rm; index(m) < index(fm); m = nextMonth(m)) push('open', m, progressOf(d, monthPeriod(m)));
  } else {
    for (const m of liveMonths!) if (index(m) >= index(rm)) push('open', m, progressOf(d, monthPeriod(m)));
  }
  return out;
}

/** An entry counted n times, with the field and procedure it belongs to (for the report). */
export interface WeightedEntry extends RollupEntry {
  n: number;
  fieldCode: string;
  procedureCode: string;
}

export interface SpanFigures {
  /** The counts of the dossiers received in the span (receivedCounts). */
  counts: Partial<Record<Count, number>>;
  /** 2.1 and 5.4 over the dossiers in scope. */
  tally: Tally;
  /** The period report's counts by "fieldCode procedureCode" (space-separated). */
  report: Map<string, ReportCounts & { fieldCode: string; procedureCode: string }>;
}

const ZERO_REPORT = countsOfClass({ status: null, finished: false, carriedOver: false, channel: '', returned: false });

/** Adds up the entries for the period of months first…last (the report's counts only `withReport`). */
export function sumEntries(entries: Iterable<WeightedEntry>, first: Month, last: Month, withReport = true): SpanFigures {
  const out: SpanFigures = { counts: {}, tally: { onTime: 0, late: 0, complained: 0 }, report: new Map() };
  const into = (e: WeightedEntry, c: () => ReportCounts) => {
    if (!withReport) return;
    const k = `${e.fieldCode} ${e.procedureCode}`;
    let r = out.report.get(k);
    if (!r) out.report.set(k, (r = { ...ZERO_REPORT, fieldCode: e.fieldCode, procedureCode: e.procedureCode }));
    const counts = c();
    for (const key of Object.keys(counts) as (keyof ReportCounts)[]) r[key] += counts[key];
  };
  for (const e of entries) {
    if (!e.n) continue;
    const inSpan = e.month >= first && e.month <= last;
    if (e.kind === 'count') {
      if (inSpan) out.counts[e.label as Count] = (out.counts[e.label as Count] ?? 0) + e.n;
    } else if (e.kind === 'returned') {
      if (inSpan) into(e, () => countsOfClass({ status: null, finished: false, carriedOver: false, channel: '', returned: true }, e.n));
    } else if (e.kind === 'final' ? inSpan && e.receivedMonth <= last : e.month === last) {
      const status = e.label as Progress;
      tallyAdd(out.tally, status, e.complained, e.n);
      into(e, () => countsOfClass({ status, finished: e.kind === 'final', carriedOver: e.receivedMonth < first, channel: e.channel, returned: false }, e.n));
    }
  }
  return out;
}
