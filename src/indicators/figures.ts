// The figures of a scope and period that the 766 index and the period report are made of: the counts of the
// dossiers received, the 2.1 / 5.4 tally, and the report's counts by procedure. Two paths give the same figures
// (the tests check it on generated histories, test/indicators/rollup*.test.ts and test/demo/activity.db.test.ts):
// - by the monthly rollup (periods of whole months: every month, quarter and year view): the stored entries of the
//   finished dossiers plus the unfinished dossiers read live — a few thousand rows whatever the period's size;
// - dossier by dossier from the facts (any other period, and the reference): every dossier active in the period.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { monthSpan, monthsBetween, sumEntries, type Month, type SpanFigures, type WeightedEntry } from './core/rollup.ts';
import { reportCounts, type ReportDossier } from './core/period-report.ts';
import { progressOf, type Period } from './core/progress.ts';
import { tallyAdd, type Tally } from './core/satisfaction.ts';
import { ensureRollup, liveEntries, storedEntries } from './rollup-store.ts';
import { activeDossiers, receivedCounts, type ActiveDossier, type Scope } from './store.ts';

export type Path = 'rollup' | 'facts';

export const toReport = (d: ActiveDossier): ReportDossier => ({
  fieldCode: d.field_code, fieldName: d.field_name, procedureCode: d.procedure_code, procedureName: d.procedure_name,
  channel: d.channel as ReportDossier['channel'], receivedAt: d.received_at, originalDueAt: d.original_due_at,
  finishedAt: d.finished_at, pausedAt: d.paused_at, returnedAt: d.returned_at, supplementCount: d.supplement_count,
  lateBySupplementRule: d.late_by_supplement_rule,
});

/** Dossier by dossier: the reference path. */
export async function figuresFromFacts(db: Kysely<Database>, scope: Scope, period: Period): Promise<SpanFigures> {
  const [counts, active] = await Promise.all([receivedCounts(db, scope, period), activeDossiers(db, scope, period)]);
  const out: SpanFigures = { counts, tally: { onTime: 0, late: 0, complained: 0 }, report: new Map() };
  for (const d of active) {
    const r = toReport(d);
    tallyAdd(out.tally, progressOf(r, period), d.counts.includes('complained'));
    const k = `${d.field_code} ${d.procedure_code}`;
    const c = reportCounts(r, period);
    const into = out.report.get(k);
    if (!into) out.report.set(k, { ...c, fieldCode: d.field_code, procedureCode: d.procedure_code });
    else for (const key of Object.keys(c) as (keyof typeof c)[]) into[key] += c[key];
  }
  return out;
}

/** By the monthly rollup: the entries of the months first…last, the unfinished dossiers judged at the end of each
 *  of `liveMonths`. */
async function rollupEntries(db: Kysely<Database>, scope: Scope, first: Month, last: Month, byProcedure: boolean, liveMonths: Month[]) {
  await ensureRollup(db, scope.communeId);
  const [stored, live] = await Promise.all([storedEntries(db, scope, first, last, byProcedure), liveEntries(db, scope, liveMonths)]);
  return stored.concat(live);
}

/** The figures of the period: by the rollup when it is made of whole months (unless `via: 'facts'`). */
export async function figures(db: Kysely<Database>, scope: Scope, period: Period, opts: { byProcedure?: boolean; via?: Path } = {}): Promise<SpanFigures> {
  const span = opts.via === 'facts' ? null : monthSpan(period);
  if (!span) return figuresFromFacts(db, scope, period);
  return sumEntries(await rollupEntries(db, scope, span.first, span.last, !!opts.byProcedure, [span.last]), span.first, span.last, !!opts.byProcedure);
}

/** From ONE read of the rollup (the public page): the figures of the months first…last as one period, and the
 *  2.1 / 5.4 tally of each of those months on its own (the trend). */
export async function spanAndMonths(db: Kysely<Database>, scope: Scope, first: Month, last: Month): Promise<{ span: SpanFigures; months: Tally[] }> {
  const months = monthsBetween(first, last);
  const entries = await rollupEntries(db, scope, first, last, false, months);
  const byMonth = new Map<Month, WeightedEntry[]>(months.map((m) => [m, []]));
  for (const e of entries) byMonth.get(e.month)?.push(e);
  return { span: sumEntries(entries, first, last, false), months: months.map((m) => sumEntries(byMonth.get(m)!, m, m, false).tally) };
}
