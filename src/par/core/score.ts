// Totals of a PAR assessment (pure): per sub-criterion the self-score (entered, or the auto-filled value unless
// overridden), the appraised score and the final score; per criterion, area and overall the sums. The final score
// of a sub-criterion is the appraised one, or the self-score the reviewer left as it was. Year-over-year comparison
// per area, matched by area code.
import { round2 } from '../../indicators/core/score.ts';
import type { Level } from './template.ts';

export interface NodeDef {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  maxPoints: number;
}

export interface ItemScores {
  self: number | null; // entered by the owner unit (overrides auto)
  auto: number | null; // computed from system data
  review: number | null; // appraised by the reviewing body
}

export interface ScoredNode {
  code: string;
  name: string;
  level: Level;
  maxPoints: number;
  self: number; // sum of the effective self-scores (unscored = 0)
  review: number | null; // sum of the appraised scores, null while nothing is appraised
  final: number; // sum of appraised scores, self-scores where not appraised
  scored: number; // sub-criteria with a self-score (entered or auto)
  subs: number;
  children: ScoredNode[];
}

export interface AssessmentTotals {
  maxPoints: number;
  self: number;
  review: number | null;
  final: number;
  scored: number;
  subs: number;
  areas: ScoredNode[];
}

const clamp = (x: number, max: number) => round2(Math.min(max, Math.max(0, x)));

/** The self-score that counts: the one entered, else the auto-filled value. */
export const effectiveSelf = (s: ItemScores | undefined): number | null => s?.self ?? s?.auto ?? null;

export function scoreAssessment(nodes: readonly NodeDef[], scores: ReadonlyMap<string, ItemScores>): AssessmentTotals {
  const kids = new Map<string | null, NodeDef[]>();
  for (const n of nodes) kids.set(n.parentCode, [...(kids.get(n.parentCode) ?? []), n]);
  const build = (n: NodeDef): ScoredNode => {
    if (n.level === 'sub') {
      const s = scores.get(n.code);
      const self = effectiveSelf(s);
      const review = s?.review ?? null;
      return {
        code: n.code, name: n.name, level: n.level, maxPoints: n.maxPoints, children: [],
        self: clamp(self ?? 0, n.maxPoints), review: review === null ? null : clamp(review, n.maxPoints),
        final: clamp(review ?? self ?? 0, n.maxPoints), scored: self === null ? 0 : 1, subs: 1,
      };
    }
    const children = (kids.get(n.code) ?? []).map(build);
    const reviewed = children.filter((c) => c.review !== null);
    return {
      code: n.code, name: n.name, level: n.level, maxPoints: n.maxPoints, children,
      self: round2(children.reduce((a, c) => a + c.self, 0)),
      review: reviewed.length ? round2(reviewed.reduce((a, c) => a + c.review!, 0)) : null,
      final: round2(children.reduce((a, c) => a + c.final, 0)),
      scored: children.reduce((a, c) => a + c.scored, 0), subs: children.reduce((a, c) => a + c.subs, 0),
    };
  };
  const areas = (kids.get(null) ?? []).map(build);
  const reviewed = areas.filter((a) => a.review !== null);
  return {
    maxPoints: round2(areas.reduce((a, c) => a + c.maxPoints, 0)),
    self: round2(areas.reduce((a, c) => a + c.self, 0)),
    review: reviewed.length ? round2(reviewed.reduce((a, c) => a + c.review!, 0)) : null,
    final: round2(areas.reduce((a, c) => a + c.final, 0)),
    scored: areas.reduce((a, c) => a + c.scored, 0), subs: areas.reduce((a, c) => a + c.subs, 0),
    areas,
  };
}

/** The score that stands for a year at its stage: final once finalised, else the appraisal where given, else self. */
export type Stage = 'draft' | 'submitted' | 'appraised' | 'final';
export const standingScore = (n: Pick<ScoredNode, 'self' | 'final'>, stage: Stage) => (stage === 'draft' || stage === 'submitted' ? n.self : n.final);

export interface AreaComparison {
  code: string;
  name: string;
  maxPoints: number;
  current: number | null;
  previous: number | null;
  /** current − previous, null when a year has no such area. */
  change: number | null;
  /** As shares of the area's maximum (the maxima may differ between templates), 0–1. */
  currentRate: number | null;
  previousRate: number | null;
}

export interface YearScores { stage: Stage; totals: AssessmentTotals }

/** Per area (by code) and overall: this year against last year, each at its own stage. */
export function compareYears(current: YearScores | null, previous: YearScores | null): { areas: AreaComparison[]; total: AreaComparison } {
  const codes: { code: string; name: string }[] = [];
  for (const y of [current, previous]) for (const a of y?.totals.areas ?? []) if (!codes.some((c) => c.code === a.code)) codes.push({ code: a.code, name: a.name });
  const row = (code: string, name: string, cur: ScoredNode | AssessmentTotals | undefined, prev: ScoredNode | AssessmentTotals | undefined): AreaComparison => {
    const c = cur && current ? standingScore(cur, current.stage) : null;
    const p = prev && previous ? standingScore(prev, previous.stage) : null;
    return {
      code, name, maxPoints: (cur ?? prev)?.maxPoints ?? 0, current: c, previous: p,
      change: c !== null && p !== null ? round2(c - p) : null,
      currentRate: c !== null && cur!.maxPoints > 0 ? Math.round((c / cur!.maxPoints) * 10_000) / 10_000 : null,
      previousRate: p !== null && prev!.maxPoints > 0 ? Math.round((p / prev!.maxPoints) * 10_000) / 10_000 : null,
    };
  };
  return {
    areas: codes.map(({ code, name }) => row(code, name, current?.totals.areas.find((a) => a.code === code), previous?.totals.areas.find((a) => a.code === code))),
    total: row('total', 'Tổng điểm', current?.totals, previous?.totals),
  };
}
