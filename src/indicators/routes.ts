// Indicators as JSON, public (aggregates only, no personal data), for the transparency page, other systems and the
// reconciliation with the national portal: the Decision 766 index, the standard period report, and the digitisation
// and reuse rates by procedure and unit. The dossiers behind a figure are for staff only (/can-bo/chi-so/ho-so).
import { Type, type Static } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { periodName, periodOf } from './core/periods.ts';
import { index766, report } from './service.ts';
import { publicFigures } from './public.ts';
import { communeExists } from '../org/store.ts';
import { digitisationRates } from './digitisation.ts';

const tags = ['chỉ số'];

const Query = Type.Object({
  commune: Type.String({ maxLength: 60, description: 'Mã xã, ví dụ xuan-duong' }),
  year: Type.Integer({ minimum: 2020, maximum: 2100 }),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  unit: Type.Optional(Type.String({ maxLength: 40 })),
  field: Type.Optional(Type.String({ maxLength: 40 })),
  procedure: Type.Optional(Type.String({ maxLength: 60 })),
});
type Query = Static<typeof Query>;

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()]);
const IndicatorSchema = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), maxPoints: Type.Number(), fullAt: Type.Number(),
  status: Type.Union([Type.Literal('ok'), Type.Literal('no_data'), Type.Literal('unavailable')]),
  numerator: Nullable(Type.Number()), denominator: Nullable(Type.Number()), rate: Nullable(Type.Number()), score: Nullable(Type.Number()),
  reason: Type.Optional(Type.String()), source: Type.String(),
});

async function scopeOf(deps: Deps, q: Query) {
  const communeId = (await communeExists(deps.db, q.commune)) ? q.commune : undefined;
  if (!communeId) throw new Problem(404, 'UNKNOWN_COMMUNE', `Không có xã "${q.commune}".`);
  return { communeId, unitCode: q.unit, fieldCode: q.field, procedureCode: q.procedure };
}

export async function indicatorRoutes(app: App, deps: Deps) {
  app.get('/api/v1/indicators/766', {
    schema: {
      tags, summary: 'Bộ chỉ số 766 của một xã (theo đơn vị, lĩnh vực, thủ tục) trong tháng, quý hoặc năm; chỉ số chưa tính được ghi rõ lý do',
      querystring: Query,
      response: {
        200: Type.Object({
          commune: Type.String(), period: Type.String(), start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }),
          effectiveFrom: Type.String(), score: Type.Number(), computedMax: Type.Number(), maxPoints: Type.Number(),
          groups: Type.Array(Type.Object({
            id: Type.String(), name: Type.String(), maxPoints: Type.Number(), score: Type.Number(), computedMax: Type.Number(),
            indicators: Type.Array(IndicatorSchema),
          })),
        }),
      },
    },
  }, async (req) => {
    const scope = await scopeOf(deps, req.query);
    const r = await index766(deps.db, scope, periodOf(req.query), { now: deps.now() });
    return {
      commune: scope.communeId, period: periodName(req.query), start: r.period.start, end: r.period.end,
      effectiveFrom: r.index.effectiveFrom, score: r.index.score, computedMax: r.index.computedMax, maxPoints: r.index.maxPoints,
      groups: r.index.groups.map((g) => ({
        id: g.id, name: g.name, maxPoints: g.maxPoints, score: g.score, computedMax: g.computedMax,
        indicators: g.indicators.map((i) => ({
          id: i.def.id, code: i.def.code, name: i.def.name, maxPoints: i.def.maxPoints, fullAt: i.def.fullAt, status: i.status,
          numerator: i.numerator, denominator: i.denominator, rate: i.rate, score: i.score, reason: i.reason, source: i.def.source,
        })),
      })),
    };
  });

  const Counts = {
    carriedOver: Type.Integer(), receivedOnline: Type.Integer(), receivedDirect: Type.Integer(), receivedPostal: Type.Integer(),
    total: Type.Integer(), processedEarly: Type.Integer(), processedOnTime: Type.Integer(), processedLate: Type.Integer(),
    inProgressOnTime: Type.Integer(), inProgressLate: Type.Integer(), returned: Type.Integer(),
  };
  app.get('/api/v1/indicators/report', {
    schema: {
      tags, summary: 'Báo cáo tình hình giải quyết hồ sơ trong kỳ: kỳ trước chuyển qua, tiếp nhận theo kênh, đã giải quyết trước hạn/đúng hạn/quá hạn, đang giải quyết, đã trả; theo lĩnh vực và thủ tục',
      querystring: Query,
      response: {
        200: Type.Object({
          commune: Type.String(), period: Type.String(), ...Counts,
          fields: Type.Array(Type.Object({
            fieldCode: Type.String(), fieldName: Type.String(), ...Counts,
            procedures: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...Counts })),
          })),
        }),
      },
    },
  }, async (req) => {
    const scope = await scopeOf(deps, req.query);
    return { commune: scope.communeId, period: periodName(req.query), ...(await report(deps.db, scope, periodOf(req.query))) };
  });

  app.get('/api/v1/indicators/public', {
    schema: {
      tags, summary: 'Số liệu trang công khai của xã: chỉ tiêu kế hoạch 2030 (giá trị hiện tại, đạt hay chưa), xu hướng đúng hạn theo tháng, kết quả đánh giá hài lòng',
      querystring: Type.Pick(Query, ['commune', 'year', 'quarter', 'month']),
      response: {
        200: Type.Object({
          commune: Type.String(), period: Type.String(), score766: Type.Number(),
          targets: Type.Array(Type.Object({
            id: Type.String(), text: Type.String(), target: Type.Number(), measure: Type.Union([Type.String(), Type.Null()]),
            definition: Type.String(), value: Nullable(Type.Number()), met: Type.Union([Type.Boolean(), Type.Null()]),
          })),
          trend: Type.Array(Type.Object({ month: Type.Integer(), onTimeRate: Nullable(Type.Number()) })),
          ratings: Type.Object({ very_satisfied: Type.Integer(), satisfied: Type.Integer(), dissatisfied: Type.Integer(), total: Type.Integer() }),
        }),
      },
    },
  }, async (req) => {
    const scope = await scopeOf(deps, req.query);
    const f = await publicFigures(deps.readDb, scope.communeId, req.query, deps.now());
    return {
      commune: scope.communeId, period: periodName(req.query), score766: f.index.score,
      targets: f.targets.map((t) => ({ id: t.target.id, text: t.target.text, target: t.target.target, measure: t.target.measure, definition: t.target.definition, value: t.value, met: t.met })),
      trend: f.trend.map((p) => ({ month: p.month, onTimeRate: p.value })),
      ratings: f.ratings,
    };
  });

  const Rate = Type.Object({
    code: Type.String({ description: 'Mã thủ tục hoặc mã đơn vị; rỗng: toàn xã, hoặc hồ sơ chưa chuyển đơn vị' }), name: Type.String(),
    received: Type.Integer(), digitised: Type.Integer(), reused: Type.Integer(),
    digitisedRate: Nullable(Type.Number()), reusedRate: Nullable(Type.Number()),
  });
  app.get('/api/v1/indicators/digitisation', {
    schema: {
      tags, summary: 'Tỷ lệ hồ sơ được số hóa (chỉ số 766 4.2) và tái sử dụng dữ liệu số hóa (4.3) của xã trong kỳ: toàn xã, theo thủ tục, theo đơn vị, so với chỉ tiêu kế hoạch (số liệu tổng hợp, không có thông tin cá nhân)',
      querystring: Query,
      response: {
        200: Type.Object({
          commune: Type.String(), period: Type.String(),
          targets: Type.Object({ digitised: Type.Number(), reused: Type.Number() }),
          overall: Rate, byProcedure: Type.Array(Rate), byUnit: Type.Array(Rate),
        }),
      },
    },
  }, async (req) => {
    const scope = await scopeOf(deps, req.query);
    const r = await digitisationRates(deps.db, scope, periodOf(req.query));
    const row = ({ key, ...x }: typeof r.overall) => ({ code: key, ...x });
    return {
      commune: scope.communeId, period: periodName(req.query), targets: r.targets,
      overall: row(r.overall), byProcedure: r.byProcedure.map(row), byUnit: r.byUnit.map(row),
    };
  });
}
