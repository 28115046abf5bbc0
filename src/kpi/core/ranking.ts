// The per-unit emulation ranking (pure). THE COMMUNE'S CHOICE, not law: the weights are data (kpi_rule_sets.rules
// .ranking, "rankingBasis"). Score = Σ weight × component over the components a unit has, divided by the sum of
// those weights (a unit without plan tasks, say, is ranked on the other two):
// - KPI average: mean total (0–100) of its officers' appraised or approved assessments of the period;
// - on-time rate: % of its officers' counted dossiers finished on time (the same products as the KPI);
// - plan tasks: % of its plan tasks due in the period that are done (taskFigures of the plan).
import { round2, type KpiRules } from './rules.ts';

/** Vietnamese decimal comma. */
const vi = (x: number) => String(x).replace('.', ',');

export interface UnitInput {
  unitId: number;
  name: string;
  kpiTotals: number[];
  dossiers: number;
  onTime: number;
  planDue: number;
  planDone: number;
}

export interface UnitRank {
  unitId: number;
  name: string;
  rank: number;
  score: number | null;
  kpiAverage: number | null;
  onTimeRate: number | null;
  planRate: number | null;
  explanation: string;
}

export function rankUnits(units: readonly UnitInput[], rules: Pick<KpiRules, 'ranking'>): UnitRank[] {
  const w = rules.ranking;
  const scored = units.map((u) => {
    const kpiAverage = u.kpiTotals.length ? round2(u.kpiTotals.reduce((s, x) => s + x, 0) / u.kpiTotals.length) : null;
    const onTimeRate = u.dossiers ? round2((100 * u.onTime) / u.dossiers) : null;
    const planRate = u.planDue ? round2((100 * u.planDone) / u.planDue) : null;
    const parts = [
      { w: w.kpiAverage, v: kpiAverage, name: 'KPI bình quân' },
      { w: w.onTimeRate, v: onTimeRate, name: 'tỷ lệ hồ sơ đúng hạn' },
      { w: w.planTasks, v: planRate, name: 'tỷ lệ hoàn thành nhiệm vụ kế hoạch' },
    ].filter((p): p is { w: number; v: number; name: string } => p.v !== null && p.w > 0);
    const wsum = parts.reduce((s, p) => s + p.w, 0);
    const score = wsum ? round2(parts.reduce((s, p) => s + p.w * p.v, 0) / wsum) : null;
    const explanation = parts.length
      ? `(${parts.map((p) => `${vi(p.w)} × ${vi(p.v)} (${p.name})`).join(' + ')}) ÷ ${vi(round2(wsum))} = ${vi(score!)}`
      : 'Chưa có số liệu trong kỳ.';
    return { unitId: u.unitId, name: u.name, score, kpiAverage, onTimeRate, planRate, explanation, rank: 0 };
  });
  const ordered = [...scored].sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.name.localeCompare(y.name, 'vi'));
  // Equal scores share a rank (1, 2, 2, 4); a unit without figures has rank 0 (not ranked).
  ordered.forEach((u, i) => {
    const prev = ordered[i - 1];
    u.rank = u.score === null ? 0 : prev && prev.score === u.score ? prev.rank : i + 1;
  });
  return ordered;
}
