// From the dossier action log to each officer's products and figures (pure). The rules (domain.md §8.2, the
// commune's reading where the decree is silent):
// - Holder of a dossier at an instant: the officer named by the latest hand-over (assign/forward with an assignee)
//   or, after it, the latest officer who took a handling step (request a supplement or a financial obligation,
//   propose, issue or refuse the result); a hand-over to a unit without an assignee leaves no holder, and then the
//   first officer to take it up after that instant holds it.
// - A dossier counts in the period of the instant that settles it: its finish (result issued or refused) if on
//   time, else the moment it fell due (the statutory `originalDueAt`). It counts for its holder at that instant, so a
//   late dossier is attributed to the officer who held it when it went late (the apology is theirs).
// - Not counted: dossiers never received, withdrawn or stopped (the citizen's decision), dossiers waiting for the
//   citizen (clock paused), dossiers not yet finished and not yet due.
// - On time / late: the indicator rule of one dossier, progressOf() (src/indicators/core/progress.ts): against
//   originalDueAt, with the supplement time excluded, a second supplement request making it late.
// - Delays: 1 if late; 1 more if it was also finished after the new date of the apology (BM.04: one extension only).
// - Content errors: each supplement request beyond the first (the first request should have listed everything),
//   plus each code the manager lists as failed for a major content error.
import { progressOf } from '../../indicators/core/progress.ts';
import type { KpiRules } from './rules.ts';
import type { WorkItem } from './score.ts';

export const HANDLING_ACTIONS = ['request_supplement', 'request_financial_obligation', 'propose_result', 'issue_result', 'reject_not_eligible'] as const;
const HANDLING = new Set<string>(HANDLING_ACTIONS);

export interface LogEvent {
  seq: number;
  action: string;
  actorId: string;
  at: Date;
  toAssigneeId: string | null;
}

export interface DossierFacts {
  id: string;
  code: string;
  fieldCode: string;
  state: number;
  receivedAt: Date | null;
  finishedAt: Date | null;
  originalDueAt: Date | null;
  extendedDueAt: Date | null;
  pausedAt: Date | null;
  supplementCount: number;
  lateBySupplementRule: boolean;
  events: LogEvent[];
}

const staffId = (actorId: string) => (/^\d+$/.test(actorId) ? Number(actorId) : null);

/** Who held the dossier at `t` (see the rules above); null if nobody took it up. */
export function holderAt(events: readonly LogEvent[], t: Date): number | null {
  let holder: number | null = null;
  const ordered = [...events].sort((x, y) => x.seq - y.seq);
  for (const e of ordered) {
    if (e.at > t) break;
    if (e.action === 'assign' || e.action === 'forward') holder = e.toAssigneeId ? staffId(e.toAssigneeId) : null;
    else if (HANDLING.has(e.action)) holder = staffId(e.actorId) ?? holder;
  }
  if (holder !== null) return holder;
  const later = ordered.find((e) => e.at > t && (HANDLING.has(e.action) || ((e.action === 'assign' || e.action === 'forward') && e.toAssigneeId)));
  if (!later) return null;
  return HANDLING.has(later.action) ? staffId(later.actorId) : staffId(later.toAssigneeId!);
}

/** The instant that places the dossier in a period, or null when it does not count (yet). */
export function countedAt(d: DossierFacts, now: Date): Date | null {
  if (!d.receivedAt || [1, 3, 7, 8].includes(d.state)) return null;
  if (!d.finishedAt && d.pausedAt) return null;
  const candidates = [d.finishedAt, d.originalDueAt].filter((x): x is Date => !!x && x <= now);
  if (!candidates.length) return null;
  return new Date(Math.min(...candidates.map((x) => x.getTime())));
}

/** Late by the indicator rule of one dossier (progressOf), judged as of `now` (at least the period's first instant). */
export function isLate(d: DossierFacts, period: { start: Date }, now: Date): boolean {
  return progressOf(d, { start: period.start, end: new Date(Math.max(now.getTime(), period.start.getTime() + 1)) }) === 'late';
}

export interface DossierItem extends WorkItem {
  dossierId: string;
  holderId: number;
  late: boolean;
}

/** The products of a period: each counted dossier with its holder, completion, delays and errors. */
export function dossierItems(dossiers: readonly DossierFacts[], period: { start: Date; end: Date }, now: Date, rules: Pick<KpiRules, 'conversion'>): DossierItem[] {
  const out: DossierItem[] = [];
  for (const d of dossiers) {
    const at = countedAt(d, now);
    if (!at || at < period.start || at >= period.end) continue;
    const holder = holderAt(d.events, at);
    if (holder === null) continue;
    const completed = !!d.finishedAt && d.finishedAt <= now;
    const late = isLate(d, period, now);
    const missedExtension = !!d.extendedDueAt && (!d.finishedAt || d.finishedAt > d.extendedDueAt) && d.extendedDueAt <= now;
    out.push({
      ref: d.code, kind: 'dossier', dossierId: d.id, holderId: holder,
      weight: rules.conversion.dossierByField[d.fieldCode] ?? rules.conversion.dossier,
      completed, late, delays: late ? 1 + (missedExtension ? 1 : 0) : 0,
      qualityErrors: Math.max(0, d.supplementCount - 1),
    });
  }
  return out;
}

export interface PlanTaskFigures { due: number; done: number; onTime: number; overdue: number }

/** Plan tasks as products: done on time (full points), done late (one delay), not done. */
export function planTaskItems(f: PlanTaskFigures, rules: Pick<KpiRules, 'conversion'>): WorkItem[] {
  const w = rules.conversion.planTask;
  const onTime = Math.min(f.onTime, f.done);
  const item = (completed: boolean, delays: number): WorkItem => ({ ref: 'Nhiệm vụ kế hoạch CCHC', kind: 'plan_task', weight: w, completed, delays, qualityErrors: 0 });
  return [
    ...Array.from({ length: onTime }, () => item(true, 0)),
    ...Array.from({ length: Math.max(0, f.done - onTime) }, () => item(true, 1)),
    ...Array.from({ length: Math.max(0, f.due - f.done) }, () => item(false, 1)),
  ];
}

/** Applies the manager's findings: listed codes add one content error each; excused codes lose their delays. */
export function withFindings<T extends WorkItem>(items: readonly T[], qualityErrors: readonly string[], excused: readonly string[]): T[] {
  const errors = new Map<string, number>();
  for (const c of qualityErrors) errors.set(c, (errors.get(c) ?? 0) + 1);
  const ex = new Set(excused);
  return items.map((i) => (i.kind === 'dossier' ? { ...i, qualityErrors: i.qualityErrors + (errors.get(i.ref) ?? 0), excused: ex.has(i.ref) } : i));
}

export interface Figures {
  assigned: number;
  completed: number;
  onTime: number;
  late: number;
  /** Late dossiers attributed to the officer: they held it when it went late (one apology each). */
  apologies: number;
  supplementErrors: number;
  planDue: number;
  planDone: number;
  planOnTime: number;
  convertedAssigned: number;
}

export function figuresOf(items: readonly DossierItem[], plan: PlanTaskFigures, rules: Pick<KpiRules, 'conversion'>): Figures {
  return {
    assigned: items.length,
    completed: items.filter((i) => i.completed).length,
    onTime: items.filter((i) => i.completed && !i.late).length,
    late: items.filter((i) => i.late).length,
    apologies: items.filter((i) => i.late).length,
    supplementErrors: items.reduce((s, i) => s + i.qualityErrors, 0),
    planDue: plan.due, planDone: plan.done, planOnTime: plan.onTime,
    convertedAssigned: items.reduce((s, i) => s + i.weight, 0) + plan.due * rules.conversion.planTask,
  };
}
