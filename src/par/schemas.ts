// TypeBox schemas (validation and OpenAPI) and JSON shapes of the PAR self-assessment API.
import { Type } from '@sinclair/typebox';
import type { LogRow, TemplateRow } from './store.ts';
import type { AssessmentView } from './view.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);
const Any = Type.Unknown();

export const TemplateSchema = Type.Object({
  id: Type.Integer(), code: Str, name: Str, province: Str, issuedBy: Str, legalBasis: Str, effectiveYear: Type.Integer(), uncertain: Type.Boolean(), note: NStr,
});
export const templateJson = (t: Omit<TemplateRow, 'loaded_at'> & { loaded_at?: Date }) => ({
  id: t.id, code: t.code, name: t.name, province: t.province, issuedBy: t.issued_by, legalBasis: t.legal_basis, effectiveYear: t.effective_year, uncertain: t.uncertain, note: t.note,
});

export const TemplateTreeSchema = Type.Object({
  ...TemplateSchema.properties,
  nodes: Type.Array(Type.Object({
    code: Str, parentCode: NStr, level: Str, name: Str, maxPoints: Type.Number(), rule: Any, auto: Any, evidence: Type.Array(Str), owner: NStr, due: NStr, uncertain: Type.Boolean(), note: NStr,
  })),
});

const Rule = Type.Union([
  Type.Object({ type: Type.Literal('manual') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('full_or_none') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('proportional'), fullAt: Type.Number({ exclusiveMinimum: 0, maximum: 1 }), zeroBelow: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('banded'), bands: Type.Array(Type.Object({ atLeast: Type.Number({ minimum: 0, maximum: 1 }), share: Type.Number({ minimum: 0, maximum: 1 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 10 }) }, { additionalProperties: false }),
]);
const Auto = Type.Union([
  Type.Object({ source: Type.Literal('indicator766'), id: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
  Type.Object({ source: Type.Literal('index766') }, { additionalProperties: false }),
  Type.Object({ source: Type.Literal('index766_group'), group: Type.String({ maxLength: 30 }) }, { additionalProperties: false }),
  Type.Object({ source: Type.Literal('online_share') }, { additionalProperties: false }),
  Type.Object({ source: Type.Literal('plan_tasks') }, { additionalProperties: false }),
]);
const nodeProps = {
  code: Type.String({ pattern: '^[0-9A-Za-z.]{1,20}$' }), name: Type.String({ minLength: 1, maxLength: 500 }), maxPoints: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
  uncertain: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 2000 })),
};
const Sub = Type.Object({
  ...nodeProps, rule: Rule, auto: Type.Optional(Auto), evidence: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  owner: Type.Optional(Type.String({ maxLength: 20 })), due: Type.Optional(Type.String({ pattern: '^\\d{2}-\\d{2}$' })),
}, { additionalProperties: false });
const Criterion = Type.Object({ ...nodeProps, children: Type.Array(Sub, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
const Area = Type.Object({ ...nodeProps, children: Type.Array(Criterion, { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });

/** A template data file (as src/par/seed/*.json). */
export const TemplateBody = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60 }), name: Type.String({ minLength: 1, maxLength: 300 }), province: Type.String({ minLength: 1, maxLength: 100 }),
  issuedBy: Type.String({ maxLength: 300 }), legalBasis: Type.String({ maxLength: 2000 }), effectiveYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  uncertain: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 2000 })), areas: Type.Array(Area, { minItems: 1, maxItems: 20 }),
}, { additionalProperties: false });

const Figures = Type.Union([Type.Object({ numerator: NNum, denominator: NNum, rate: NNum, source: Str, period: Str, unavailable: Type.Optional(Str) }), Type.Null()]);
const ItemSchema = Type.Object({
  code: Str, name: Str, maxPoints: Type.Number(), uncertain: Type.Boolean(), rule: Any, ruleText: Str, evidenceExpected: Type.Array(Str), ownerUnit: NStr,
  unitId: Type.Union([Type.Integer(), Type.Null()]), due: NStr,
  auto: Type.Union([Type.Object({ points: NNum, figures: Figures, at: NStr }), Type.Null()]),
  selfPoints: NNum, selfNote: NStr, overrideReason: NStr, effectiveSelf: NNum, reviewPoints: NNum, reviewNote: NStr, finalPoints: NNum, canSelfScore: Type.Boolean(),
  evidence: Type.Array(Type.Object({ id: Str, fileName: NStr, note: NStr, addedAt: Str, addedBy: NStr, url: NStr })),
});
const sums = { code: Str, name: Str, maxPoints: Type.Number(), uncertain: Type.Boolean(), self: Type.Number(), review: NNum, final: Type.Number(), scored: Type.Integer(), subs: Type.Integer() };

export const AssessmentSchema = Type.Object({
  id: Str, year: Type.Integer(), status: Str, templateName: Str, templateEffectiveYear: Type.Integer(), templateUncertain: Type.Boolean(),
  submittedAt: NStr, finalizedAt: NStr,
  totals: Type.Object({ maxPoints: Type.Number(), self: Type.Number(), review: NNum, final: Type.Number(), scored: Type.Integer(), subs: Type.Integer() }),
  can: Type.Object({ submit: Type.Boolean(), refresh: Type.Boolean(), appraise: Type.Boolean(), finalize: Type.Boolean() }),
  areas: Type.Array(Type.Object({ ...sums, criteria: Type.Array(Type.Object({ ...sums, items: Type.Array(ItemSchema) })) })),
});

export const assessmentJson = (v: AssessmentView) => ({
  id: v.assessment.id, year: v.assessment.year, status: v.assessment.status, templateName: v.assessment.template_name,
  templateEffectiveYear: v.assessment.effective_year, templateUncertain: v.assessment.template_uncertain,
  submittedAt: v.assessment.submitted_at?.toISOString() ?? null, finalizedAt: v.assessment.finalized_at?.toISOString() ?? null,
  totals: v.totals, can: v.can, areas: v.areas,
});

export const LogSchema = Type.Object({ id: Str, type: Str, side: Str, points: NNum, text: NStr, at: Str, actorName: NStr });
export const logJson = (l: LogRow) => ({ id: l.id, type: l.type, side: l.side, points: l.points, text: l.text, at: l.at.toISOString(), actorName: l.actor_name });

const Row = Type.Object({ code: Str, name: Str, maxPoints: Type.Number(), current: NNum, previous: NNum, change: NNum, currentRate: NNum, previousRate: NNum });
export const ComparisonSchema = Type.Object({
  year: Type.Integer(), previousYear: Type.Integer(), currentStatus: NStr, previousStatus: NStr, areas: Type.Array(Row), total: Row,
});
