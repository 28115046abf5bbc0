// What the API and pages show of an assessment: the tree with maxima, rules, owner units, auto values with their
// source figures, self / appraised / final scores, evidence and totals (core/score.ts), what the caller may do, and
// the year-over-year comparison per area.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { ruleText } from './core/rules.ts';
import { compareYears, effectiveSelf, scoreAssessment, type AssessmentTotals, type ItemScores, type ScoredNode } from './core/score.ts';
import type { ScoringRule } from './core/template.ts';
import { isCoordinator, isReviewer, selfScoreScope } from './service.ts';
import { evidenceOf, findAssessment, itemsOf, nodesOf, type AssessmentRow, type EvidenceRow, type ItemRow, type NodeRow } from './store.ts';
import type { AutoFigures } from './tables.ts';

export interface ItemView {
  code: string;
  name: string;
  maxPoints: number;
  uncertain: boolean;
  rule: ScoringRule;
  ruleText: string;
  evidenceExpected: string[];
  ownerUnit: string | null;
  unitId: number | null;
  due: string | null; // YYYY-MM-DD
  auto: { points: number | null; figures: AutoFigures | null; at: string | null } | null;
  selfPoints: number | null;
  selfNote: string | null;
  overrideReason: string | null;
  effectiveSelf: number | null;
  reviewPoints: number | null;
  reviewNote: string | null;
  finalPoints: number | null;
  canSelfScore: boolean;
  evidence: { id: string; fileName: string | null; note: string | null; addedAt: string; addedBy: string | null; url: string | null }[];
}

export interface NodeView { code: string; name: string; maxPoints: number; uncertain: boolean; self: number; review: number | null; final: number; scored: number; subs: number }
export interface CriterionView extends NodeView { items: ItemView[] }
export interface AreaView extends NodeView { criteria: CriterionView[] }

export interface AssessmentView {
  assessment: AssessmentRow;
  totals: Omit<AssessmentTotals, 'areas'>;
  areas: AreaView[];
  can: { submit: boolean; refresh: boolean; appraise: boolean; finalize: boolean };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function itemView(a: AssessmentRow, n: NodeRow, i: ItemRow | undefined, ev: EvidenceRow[], p: Principal): ItemView {
  const scores: ItemScores = { self: i?.self_points ?? null, auto: i?.auto_points ?? null, review: i?.review_points ?? null };
  const scope = selfScoreScope(p);
  const self = effectiveSelf(scores);
  return {
    code: n.code, name: n.name, maxPoints: n.max_points, uncertain: n.uncertain, rule: n.rule as ScoringRule, ruleText: ruleText(n.rule as ScoringRule, n.max_points),
    evidenceExpected: n.evidence, ownerUnit: i?.unit_name ?? n.owner_unit_code, unitId: i?.unit_id ?? null, due: n.due ? `${a.year}-${n.due}` : null,
    auto: n.auto ? { points: i?.auto_points ?? null, figures: (i?.auto_figures as AutoFigures | null) ?? null, at: iso(i?.auto_at ?? null) } : null,
    selfPoints: scores.self, selfNote: i?.self_note ?? null, overrideReason: i?.override_reason ?? null, effectiveSelf: self,
    reviewPoints: scores.review, reviewNote: i?.review_note ?? null,
    finalPoints: a.status === 'final' ? (scores.review ?? self ?? 0) : null,
    canSelfScore: a.status === 'draft' && !!scope && (scope.unitId === undefined || scope.unitId === i?.unit_id),
    evidence: ev.filter((e) => e.node_code === n.code).map((e) => ({
      id: e.id, fileName: e.file_name, note: e.note, addedAt: e.added_at.toISOString(), addedBy: e.added_by_name,
      url: e.sha256 ? `/api/v1/par/assessments/${a.id}/evidence/${e.id}` : null,
    })),
  };
}

const nodeView = (s: ScoredNode, n: NodeRow | undefined): NodeView => ({
  code: s.code, name: s.name, maxPoints: s.maxPoints, uncertain: !!n?.uncertain, self: s.self, review: s.review, final: s.final, scored: s.scored, subs: s.subs,
});

export async function totalsOf(db: Kysely<Database>, a: AssessmentRow) {
  const [nodes, items] = await Promise.all([nodesOf(db, a.template_id), itemsOf(db, a.commune_id, a.id)]);
  const scores = new Map(items.map((i) => [i.node_code, { self: i.self_points, auto: i.auto_points, review: i.review_points }]));
  const totals = scoreAssessment(nodes.map((n) => ({ code: n.code, name: n.name, level: n.level, parentCode: n.parent_code, maxPoints: n.max_points })), scores);
  return { nodes, items, totals };
}

/** The assessment of the caller's commune (by id or year), or undefined. */
export async function assessmentView(db: Kysely<Database>, p: Principal, by: { id: string } | { year: number }): Promise<AssessmentView | undefined> {
  const a = await findAssessment(db, p.communeId, by);
  if (!a) return undefined;
  const [{ nodes, items, totals }, evidence] = await Promise.all([totalsOf(db, a), evidenceOf(db, a.commune_id, a.id)]);
  const node = (code: string) => nodes.find((n) => n.code === code);
  const { areas, ...rest } = totals;
  return {
    assessment: a,
    totals: rest,
    areas: areas.map((ar) => ({
      ...nodeView(ar, node(ar.code)),
      criteria: ar.children.map((c) => ({
        ...nodeView(c, node(c.code)),
        items: c.children.map((s) => itemView(a, node(s.code)!, items.find((i) => i.node_code === s.code), evidence, p)),
      })),
    })),
    can: {
      submit: a.status === 'draft' && isCoordinator(p), refresh: a.status === 'draft' && isCoordinator(p),
      appraise: a.status === 'submitted' && isReviewer(p), finalize: a.status === 'submitted' && isReviewer(p),
    },
  };
}

/** This year against last year, per area (by area code) and overall, each year at its own stage. */
export async function comparison(db: Kysely<Database>, communeId: string, year: number) {
  const load = async (y: number) => {
    const a = await findAssessment(db, communeId, { year: y });
    return a ? { stage: a.status, totals: (await totalsOf(db, a)).totals, status: a.status } : null;
  };
  const [current, previous] = await Promise.all([load(year), load(year - 1)]);
  return { year, previousYear: year - 1, currentStatus: current?.status ?? null, previousStatus: previous?.status ?? null, ...compareYears(current, previous) };
}

export const findItemView = (v: AssessmentView, code: string) => {
  for (const ar of v.areas) for (const c of ar.criteria) for (const i of c.items) if (i.code === code) return { area: ar, criterion: c, item: i };
  return undefined;
};
