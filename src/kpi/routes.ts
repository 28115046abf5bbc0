// JSON API of the civil-servant KPI under NĐ 335/2025 (domain.md §8): an officer's period with the explanation of
// every point, the self-assessment, the manager's appraisal, the leader's approval (each POST with an
// Idempotency-Key), the team list, the quota of "excellent" ratings and the per-unit emulation ranking.
// Periods are written "2026-11" (a month) or "2026-Q4" (a quarter); the default is the last finished month. The
// centre comments on officers seconded to the one-stop centre are in centre-routes.ts, registered from here.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey, type Principal } from '../identity/core/principal.ts';
import { appraise, approve, kpiOf, quotaFor, selfAssess, setUnitRating, type PeriodKey } from './service.ts';
import { parsePeriod } from './period.ts';
import { ranking, team } from './team.ts';
import { centreCommentsForKpi } from './centre.ts';
import { centreRoutes } from './centre-routes.ts';
import { PeriodField, PeriodQuery, StaffParam, tags } from './schemas.ts';

const Points = Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 100 }));
const Codes = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 500 });
const Pct = Type.Number({ minimum: 0, maximum: 100 });

const KpiViewSchema = Type.Object({
  staff: Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String(), unitId: Type.Union([Type.Integer(), Type.Null()]), unitName: Type.Union([Type.String(), Type.Null()]) }),
  period: Type.Object({ kind: Type.String(), year: Type.Integer(), no: Type.Integer(), label: Type.String(), start: Type.String(), end: Type.String() }),
  status: Type.String(), statusLabel: Type.String(), frozen: Type.Boolean(),
  figures: Type.Unknown({ description: 'Số liệu: được giao, hoàn thành, đúng hạn, trễ hạn (xin lỗi), lỗi bổ sung, nhiệm vụ kế hoạch' }),
  plan: Type.Unknown(), products: Type.Unknown({ description: 'Từng hồ sơ được tính: hệ số quy đổi, hoàn thành, trễ, số lần chậm, lỗi' }),
  generalSource: Type.String(), general: Type.Unknown(), selfGeneral: Type.Unknown(), selfNote: Type.Union([Type.String(), Type.Null()]),
  appraisalNote: Type.Union([Type.String(), Type.Null()]), qualityErrors: Type.Array(Type.String()), excused: Type.Array(Type.String()),
  manualTask: Type.Unknown(), disqualified: Type.Union([Type.String(), Type.Null()]),
  result: Type.Unknown({ description: 'a, b, c, điểm tiêu chí chung, điểm nhiệm vụ, tổng, xếp loại và giải thích từng dòng (lines)' }),
  rules: Type.Unknown(), appraiser: Type.String(),
  secondedFrom: Type.Optional(Type.Union([Type.Object({ unitId: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()], { description: 'Được cử đến Trung tâm Phục vụ hành chính công trong kỳ: đơn vị chủ quản thẩm định' })),
  steps: Type.Array(Type.Object({ step: Type.String(), at: Type.String(), note: Type.Union([Type.String(), Type.Null()]), actorName: Type.String() })),
  can: Type.Object({ selfAssess: Type.Boolean(), appraise: Type.Boolean(), approve: Type.Boolean() }),
  centreComments: Type.Optional(Type.Unknown({ description: 'Nhận xét của Trung tâm Phục vụ hành chính công (cán bộ được cử đến làm việc tại Trung tâm), để tham khảo khi chấm tiêu chí chung; null nếu không có' })),
});

export async function kpiRoutes(app: App, deps: Deps) {
  /** An officer's KPI with the centre comments the caller may read next to it (they inform the general criteria). */
  const withCentre = async (p: Principal, staffId: number, period: PeriodKey) => {
    const view = await kpiOf(deps.db, p, staffId, period, deps.now());
    return { ...view, centreComments: await centreCommentsForKpi(deps.db, p, staffId, period, deps.now()) };
  };

  app.get('/api/v1/kpi/me', {
    schema: { tags, summary: 'KPI của tôi trong một kỳ, với cách tính từng điểm', security, querystring: PeriodQuery, response: { 200: KpiViewSchema } },
  }, async (req) => {
    const p = requireStaff(req);
    return withCentre(p, p.id, parsePeriod(req.query.period, deps.now()));
  });

  app.get('/api/v1/kpi/officers/:staffId', {
    schema: { tags, summary: 'KPI của một cán bộ (chính mình; trưởng đơn vị: cán bộ của đơn vị; lãnh đạo: cả xã)', security, params: StaffParam, querystring: PeriodQuery, response: { 200: KpiViewSchema } },
  }, async (req) => {
    const p = requireStaff(req);
    return withCentre(p, req.params.staffId, parsePeriod(req.query.period, deps.now()));
  });

  app.post('/api/v1/kpi/self-assessment', {
    schema: { tags, summary: 'Cán bộ tự đánh giá (ghi chú, tự chấm tiêu chí chung)', security, headers: IdempotencyHeader,
      body: Type.Object({ period: PeriodField, note: Type.Optional(Type.String({ maxLength: 4000 })), general: Type.Optional(Points) }, { additionalProperties: false }),
      response: { 200: KpiViewSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 200, body: await selfAssess(trx, p, parsePeriod(req.body.period, deps.now()), req.body, deps.now()),
    }));
  });

  app.post('/api/v1/kpi/officers/:staffId/appraisal', {
    schema: { tags, summary: 'Thẩm định của người quản lý (trưởng đơn vị; lãnh đạo thẩm định trưởng đơn vị): chấm tiêu chí chung, lỗi nội dung, chậm do khách quan', security, headers: IdempotencyHeader, params: StaffParam,
      body: Type.Object({
        period: PeriodField, general: Points, note: Type.Optional(Type.String({ maxLength: 4000 })),
        qualityErrors: Type.Optional(Codes), excused: Type.Optional(Codes),
        manual: Type.Optional(Type.Union([Type.Object({ a: Pct, b: Pct, c: Pct }, { additionalProperties: false }), Type.Null()])),
        disqualified: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: KpiViewSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 200, body: await appraise(trx, p, req.params.staffId, parsePeriod(req.body.period, deps.now()), req.body, deps.now()),
    }));
  });

  const QuotaSchema = Type.Object({ commune: Type.Unknown(), communeExcellent: Type.Boolean(), units: Type.Unknown(), basis: Type.String() });
  app.post('/api/v1/kpi/officers/:staffId/approval', {
    schema: { tags, summary: 'Lãnh đạo UBND xã phê duyệt: chốt số liệu và kết quả; trả kèm kiểm tra tỷ lệ xuất sắc', security, headers: IdempotencyHeader, params: StaffParam,
      body: Type.Object({ period: PeriodField, note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ view: KpiViewSchema, quota: QuotaSchema }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 200, body: await approve(trx, p, req.params.staffId, parsePeriod(req.body.period, deps.now()), req.body.note, deps.now()),
    }));
  });

  app.get('/api/v1/kpi/team', {
    schema: { tags, summary: 'Cán bộ trong phạm vi (đơn vị hoặc cả xã) với số liệu, bước đánh giá và kiểm tra tỷ lệ xuất sắc', security, querystring: PeriodQuery,
      response: { 200: Type.Object({ label: Type.String(), rows: Type.Unknown(), quota: Type.Unknown() }) } },
  }, async (req) => team(deps.db, requireStaff(req), parsePeriod(req.query.period, deps.now()), deps.now()));

  app.get('/api/v1/kpi/quota', {
    schema: { tags, summary: 'Tỷ lệ “Hoàn thành xuất sắc nhiệm vụ” so với giới hạn, trong xã và từng đơn vị', security, querystring: PeriodQuery, response: { 200: QuotaSchema } },
    config: { roles: ['leader', 'unit_head'] },
  }, async (req) => quotaFor(deps.db, requireStaff(req, 'leader', 'unit_head'), parsePeriod(req.query.period, deps.now())));

  app.post('/api/v1/kpi/unit-ratings', {
    schema: { tags, summary: 'Lãnh đạo UBND xã ghi nhận kết quả xếp loại trong năm của một đơn vị (unitId null: của UBND xã); "hoàn thành xuất sắc" nâng tỷ lệ xuất sắc của cán bộ lên 25 %', security, headers: IdempotencyHeader,
      body: Type.Object({ unitId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]), year: Type.Integer({ minimum: 2020, maximum: 2100 }), excellent: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: Type.Object({ unitId: Type.Union([Type.Integer(), Type.Null()]), year: Type.Integer(), excellent: Type.Boolean() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({ status: 200, body: await setUnitRating(trx, p, req.body, deps.now()) }));
  });

  await centreRoutes(app, deps);

  app.get('/api/v1/kpi/ranking', {
    schema: { tags, summary: 'Xếp hạng thi đua các đơn vị theo kết quả CCHC (công thức do xã lựa chọn)', security, querystring: PeriodQuery,
      response: { 200: Type.Object({ label: Type.String(), units: Type.Unknown(), basis: Type.String(), weights: Type.Unknown() }) } },
  }, async (req) => ranking(deps.db, requireStaff(req), parsePeriod(req.query.period, deps.now()), deps.now()));
}
