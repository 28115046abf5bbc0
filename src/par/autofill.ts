// Auto-filled sub-criteria: the rate a sub-criterion's rule scores, taken from the system's own data for the
// assessment year (up to now for the year in progress): Decision 766 indicators and group scores
// (src/indicators/service.ts), the online share of the period report, and plan-task completion
// (src/reform/task-measures.ts). Each value keeps its source figures (numerator, denominator) to show.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { periodName, periodOf } from '../indicators/core/periods.ts';
import { round2 } from '../indicators/core/score.ts';
import { index766, report, type Index766Report } from '../indicators/service.ts';
import type { PeriodReport } from '../indicators/core/period-report.ts';
import { taskFigures } from '../reform/task-measures.ts';
import { pointsFromRate } from './core/rules.ts';
import type { AutoSource, ScoringRule } from './core/template.ts';
import type { NodeRow } from './store.ts';
import type { AutoFigures } from './tables.ts';

const rate4 = (n: number, d: number) => Math.round((n / d) * 10_000) / 10_000;

/** The figures of a year for every auto source, computing each system report once. */
export function yearFigures(db: Kysely<Database>, communeId: string, year: number, now: Date) {
  const full = periodOf({ year });
  const period = { start: full.start, end: new Date(Math.min(+full.end, Math.max(+full.start + 1, +now))) };
  const name = +period.end < +full.end ? `${periodName({ year })} (đến ${new Date(+period.end + 7 * 3600_000).toISOString().slice(0, 10).split('-').reverse().join('/')})` : periodName({ year });
  let idx: Promise<Index766Report> | undefined;
  let rep: Promise<PeriodReport> | undefined;
  const index = () => (idx ??= index766(db, { communeId }, period, { now }));
  const rpt = () => (rep ??= report(db, { communeId }, period));
  const ratio = (numerator: number, denominator: number, source: string, empty: string): AutoFigures =>
    denominator > 0
      ? { numerator: round2(numerator), denominator: round2(denominator), rate: rate4(numerator, denominator), source, period: name }
      : { numerator: 0, denominator: 0, rate: null, source, period: name, unavailable: empty };

  return async (a: AutoSource): Promise<AutoFigures> => {
    switch (a.source) {
      case 'indicator766': {
        const ind = (await index()).index.groups.flatMap((g) => g.indicators).find((i) => i.def.id === a.id);
        const source = `Chỉ số 766 ${a.id}: ${ind?.def.name ?? ''}`.trim();
        if (!ind || ind.status === 'unavailable') return { numerator: null, denominator: null, rate: null, source, period: name, unavailable: ind?.reason ?? 'Không có chỉ số này.' };
        return ratio(ind.numerator ?? 0, ind.denominator ?? 0, source, ind.reason ?? 'Không có số liệu trong kỳ.');
      }
      case 'index766': {
        const r = (await index()).index;
        return ratio(r.score, r.computedMax, 'Điểm Bộ chỉ số 766 trên số điểm tính được', 'Chưa tính được chỉ số 766 nào.');
      }
      case 'index766_group': {
        const g = (await index()).index.groups.find((x) => x.id === a.group);
        return ratio(g?.score ?? 0, g?.computedMax ?? 0, `Nhóm "${g?.name ?? a.group}" của Bộ chỉ số 766 (điểm trên số điểm tính được)`, 'Chưa tính được chỉ số nào của nhóm.');
      }
      case 'online_share': {
        const r = await rpt();
        return ratio(r.receivedOnline, r.receivedOnline + r.receivedDirect + r.receivedPostal, 'Hồ sơ tiếp nhận trực tuyến trên tổng hồ sơ tiếp nhận (báo cáo tình hình giải quyết TTHC)', 'Không có hồ sơ tiếp nhận trong kỳ.');
      }
      case 'plan_tasks': {
        const f = await taskFigures(db, { communeId, from: period.start, to: period.end });
        return ratio(f.onTime, f.due, 'Nhiệm vụ kế hoạch CCHC hoàn thành đúng hạn trên nhiệm vụ đến hạn trong năm', 'Chưa có nhiệm vụ kế hoạch đến hạn trong kỳ.');
      }
    }
  };
}

/** The auto value of one sub-criterion: its figures and the points its rule gives them (null: no data). */
export async function autoValue(figures: (a: AutoSource) => Promise<AutoFigures>, node: Pick<NodeRow, 'auto' | 'rule' | 'max_points'>) {
  const f = await figures(node.auto as AutoSource);
  const points = f.rate === null ? null : pointsFromRate(node.rule as ScoringRule, node.max_points, f.rate);
  return { figures: f, points };
}
