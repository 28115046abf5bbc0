// The lists above one officer: the officers a unit head (their unit) or the leader (the commune) appraises, with
// their figures and step, and the per-unit emulation ranking (the commune's choice of formula, core/ranking.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { taskFigures } from '../reform/task-measures.ts';
import { workOf } from './actions.ts';
import { rankUnits, type UnitRank } from './core/ranking.ts';
import { RATING_LABEL, type Rating } from './core/rules.ts';
import { STATUS_LABEL, periodLabel, periodRange, quotaFor, rulesFor, validPeriod, visibleOfficers, type PeriodKey, type QuotaReport } from './service.ts';
import { listAssessments, staffOf, unitsByName } from './store.ts';

type Db = Kysely<Database>;

export interface TeamRow {
  staffId: number; name: string; title: string; unitName: string | null; status: string; statusLabel: string;
  assigned: number; completed: number; onTime: number; late: number; total: number | null; rating: string | null; ratingLabel: string | null;
}

/** Officers in the caller's scope with their period's figures and step (a specialist sees only themself). */
export async function team(db: Db, who: Principal, p: PeriodKey, now: Date): Promise<{ label: string; rows: TeamRow[]; quota: QuotaReport | null }> {
  validPeriod(p);
  const officers = await visibleOfficers(db, who, p);
  const rs = await rulesFor(db, who.communeId, p);
  const leader = hasRole(who, 'leader');
  const scope = leader ? { communeId: who.communeId } : hasRole(who, 'unit_head') && who.unitId !== null ? { communeId: who.communeId, unitId: who.unitId } : { communeId: who.communeId, staffId: who.id };
  const work = await workOf(db, scope, officers.map((o) => o.id), periodRange(p), now, rs.rules);
  const assessments = await listAssessments(db, who.communeId, p, leader ? undefined : (who.unitId ?? -1));
  const rows = officers.map((o) => {
    const a = assessments.find((x) => x.staff_id === o.id);
    const f = work.get(o.id)!.figures;
    const status = a?.status ?? 'not_started';
    const rated = a && a.status !== 'self_assessed' ? a : null;
    return {
      staffId: o.id, name: o.full_name, title: o.title, unitName: o.unit_name, status, statusLabel: STATUS_LABEL[status],
      assigned: f.assigned, completed: f.completed, onTime: f.onTime, late: f.late,
      total: rated?.total ?? null, rating: rated?.rating ?? null, ratingLabel: rated?.rating ? RATING_LABEL[rated.rating as Rating] : null,
    };
  });
  return { label: periodLabel(p), rows, quota: leader || hasRole(who, 'unit_head') ? await quotaFor(db, who, p) : null };
}

/** The per-unit emulation ranking of the commune for the period (every officer of the commune may read it). */
export async function ranking(db: Db, who: Principal, p: PeriodKey, now: Date): Promise<{ label: string; units: UnitRank[]; basis: string; weights: { kpiAverage: number; onTimeRate: number; planTasks: number } }> {
  validPeriod(p);
  const rs = await rulesFor(db, who.communeId, p);
  const range = periodRange(p);
  const officers = await staffOf(db, who.communeId);
  const work = await workOf(db, { communeId: who.communeId }, officers.map((o) => o.id), range, now, rs.rules);
  const assessments = (await listAssessments(db, who.communeId, p)).filter((a) => a.status !== 'self_assessed' && a.total !== null);
  const units = await unitsByName(db, who.communeId);
  const inputs = await Promise.all(units.map(async (u) => {
    const mine = officers.filter((o) => o.unit_id === u.id);
    const items = mine.flatMap((o) => work.get(o.id)!.dossiers);
    const plan = await taskFigures(db, { communeId: who.communeId, unitId: u.id, from: range.start, to: range.end });
    return {
      unitId: u.id, name: u.name, kpiTotals: assessments.filter((a) => a.unit_id === u.id).map((a) => a.total!),
      dossiers: items.length, onTime: items.filter((i) => i.completed && !i.late).length, planDue: plan.due, planDone: plan.done,
    };
  }));
  return { label: periodLabel(p), units: rankUnits(inputs, rs.rules), basis: rs.rules.rankingBasis, weights: rs.rules.ranking };
}
