// The province level's API (issue 16): the province dashboard's figures for its staff (every commune of the caller's
// province, ranked by the Decision 766 index, with the plan's targets, late dossiers and satisfaction) and the
// public comparison of the communes (aggregates only, no login). Both read through the read pool (deps.readDb).
import { Type, type Static } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { periodName, periodOf } from '../indicators/core/periods.ts';
import { PORTAL_COMMUNE_ID } from '../web/portal/common.ts';
import { provinceSpec } from './core/period.ts';
import { cachedProvinceFigures, mayViewProvince, provinceForbidden, publicProvinceFigures } from './access.ts';
import { callerProvince } from './service.ts';

const tags = ['cấp tỉnh'];
const Query = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2020, maximum: 2100, description: 'Năm; bỏ trống cùng tháng: tháng hiện tại' })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'Tháng; bỏ trống khi có năm: cả năm' })),
});
type Query = Static<typeof Query>;
const Rate = Type.Union([Type.Number(), Type.Null()]);
const Group = Type.Object({ id: Type.String(), name: Type.String(), maxPoints: Type.Number(), score: Type.Number(), computedMax: Type.Number() });

export async function provinceRoutes(app: App, deps: Deps) {
  app.get('/api/v1/province/indicators', {
    schema: {
      tags, security: STAFF_SECURITY, querystring: Query,
      summary: 'Chỉ số của mọi xã trong tỉnh (cán bộ cấp tỉnh): điểm Bộ chỉ số 766 và sáu nhóm, chỉ tiêu kế hoạch 2030 đạt, hồ sơ quá hạn hiện nay, tỷ lệ đúng hạn, trực tuyến, hài lòng; xếp hạng theo tổng điểm',
      response: {
        200: Type.Object({
          province: Type.String(), period: Type.String(), start: Type.String({ format: 'date-time' }), end: Type.String({ format: 'date-time' }),
          communes: Type.Array(Type.Object({
            rank: Type.Integer(), id: Type.String(), name: Type.String(), score: Type.Number(), computedMax: Type.Number(), maxPoints: Type.Number(),
            groups: Type.Array(Group),
            targetsMet: Type.Integer(), targetsMeasured: Type.Integer(),
            targets: Type.Array(Type.Object({ id: Type.String(), target: Type.Number(), value: Rate, met: Type.Union([Type.Boolean(), Type.Null()]) })),
            lateNow: Type.Integer(), received: Type.Integer(), onTimeRate: Rate, onlineShare: Rate, satisfaction: Rate, ratings: Type.Integer(),
          })),
          average: Type.Object({
            score: Rate, groups: Type.Array(Type.Object({ id: Type.String(), score: Rate })), targetsMet: Rate, lateNow: Rate, received: Rate,
            onTimeRate: Rate, onlineShare: Rate, satisfaction: Rate,
          }),
        }),
      },
    },
  }, async (req) => {
    const p = requireStaff(req);
    if (!mayViewProvince(p)) throw provinceForbidden();
    const province = await callerProvince(deps.readDb, p.communeId);
    if (!province) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy xã của bạn.');
    const spec = provinceSpec(req.query, deps.now());
    const f = await cachedProvinceFigures(deps.readDb, province, spec, deps.now());
    const period = periodOf(spec);
    return {
      province, period: periodName(spec), start: period.start.toISOString(), end: period.end.toISOString(),
      communes: f.rows.map((r) => ({
        rank: r.rank, id: r.communeId, name: r.name, score: r.score, computedMax: r.computedMax, maxPoints: r.maxPoints, groups: r.groups,
        targetsMet: r.targetsMet, targetsMeasured: r.targetsMeasured,
        targets: (f.targets.get(r.communeId) ?? []).map((t) => ({ id: t.target.id, target: t.target.target, value: t.value, met: t.met })),
        lateNow: r.lateNow, received: r.received, onTimeRate: r.onTime, onlineShare: r.onlineShare, satisfaction: r.satisfaction, ratings: r.ratings,
      })),
      average: {
        score: f.average.score, groups: f.average.groups, targetsMet: f.average.targetsMet, lateNow: f.average.lateNow, received: f.average.received,
        onTimeRate: f.average.onTime, onlineShare: f.average.onlineShare, satisfaction: f.average.satisfaction,
      },
    };
  });

  app.get('/api/v1/province/public', {
    schema: {
      tags, querystring: Type.Intersect([Query, Type.Object({ province: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Tên tỉnh; mặc định tỉnh của xã trên cổng này' })) })]),
      summary: 'Công khai so sánh các xã trong tỉnh (không cần đăng nhập, số liệu tổng hợp, không có thông tin cá nhân): điểm Bộ chỉ số 766, tỷ lệ đúng hạn, tỷ lệ hồ sơ trực tuyến, mức độ hài lòng; xếp hạng',
      response: {
        200: Type.Object({
          province: Type.String(), period: Type.String(),
          communes: Type.Array(Type.Object({
            rank: Type.Integer(), id: Type.String(), name: Type.String(), score: Type.Number(), computedMax: Type.Number(),
            received: Type.Integer(), onTimeRate: Rate, onlineShare: Rate, satisfaction: Rate, ratings: Type.Integer(),
          })),
        }),
      },
    },
  }, async (req) => {
    const spec = provinceSpec(req.query, deps.now());
    const f = await publicProvinceFigures(deps.readDb, req.query.province ?? null, PORTAL_COMMUNE_ID, spec, deps.now());
    if (!f) throw new Problem(404, 'UNKNOWN_PROVINCE', 'Không có xã nào thuộc tỉnh này trên hệ thống.');
    return {
      province: f.province, period: periodName(spec),
      communes: f.rows.map((r) => ({
        rank: r.rank, id: r.communeId, name: r.name, score: r.score, computedMax: r.computedMax, received: r.received,
        onTimeRate: r.onTime, onlineShare: r.onlineShare, satisfaction: r.satisfaction, ratings: r.ratings,
      })),
    };
  });
}
