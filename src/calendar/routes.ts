import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { IdempotencyHeader, STAFF_SECURITY } from '../http/openapi.ts';
import { notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { calendarDays, communeScopes, forgetCalendars, setDay } from './store.ts';
import { idempotent } from '../http/idempotency.ts';
import { editableCalendarScopes, principalKey } from '../identity/core/principal.ts';
import { communeAdminOnly, provinceAdminOnly } from '../org/admin.ts';

const DayTypeSchema = Type.Union(
  (['WORKDAY', 'WEEKEND', 'HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_WORKDAY'] as const).map((t) => Type.Literal(t)),
);
const DaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  type: DayTypeSchema,
  name: Type.String(),
  source: Type.String(),
  scope: Type.Union([Type.Literal('national'), Type.Literal('province'), Type.Literal('commune')]),
});

export async function calendarRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/calendar/:year',
    {
      schema: {
        tags: ['lịch làm việc'],
        summary: 'Các ngày nghỉ, nghỉ bù và ngày làm bù của một năm áp dụng cho một xã (cuối tuần thường không liệt kê)',
        params: Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 2100 }) }),
        querystring: Type.Object({ commune: Type.String({ default: 'xuan-duong', maxLength: 60 }) }),
        response: { 200: Type.Array(DaySchema) },
      },
    },
    async (req) => {
      const commune = await communeScopes(deps.db, req.query.commune);
      if (!commune) throw notFound(`xã ${req.query.commune}`);
      const y = req.params.year;
      return calendarDays(deps.db, commune.id, `${y}-01-01`, `${y}-12-31`);
    },
  );

  app.put(
    '/api/v1/calendar/days/:date',
    {
      config: { roles: ['admin', 'province_admin'] },
      schema: {
        tags: ['lịch làm việc'],
        summary: 'Quản trị: đặt loại một ngày (nghỉ lễ, nghỉ bù, làm bù, ngày làm việc) kèm văn bản căn cứ: ngày của xã (quản trị của xã), của tỉnh hoặc toàn quốc (quản trị cấp tỉnh)',
        security: STAFF_SECURITY,
        params: Type.Object({ date: Type.String({ format: 'date' }) }),
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            type: DayTypeSchema,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            source: Type.String({ minLength: 1, maxLength: 500 }),
            // The national calendar comes from the shipped rules and schedules; the province-level role corrects it
            // and sets the province's days; a commune's administrator overrides them for the commune only.
            scope: Type.Union([Type.Literal('national'), Type.Literal('province'), Type.Literal('commune')], { default: 'commune' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: DaySchema },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const { scope } = req.body;
      if (!editableCalendarScopes(p).includes(scope)) {
        throw scope === 'commune' ? communeAdminOnly() : provinceAdminOnly(scope === 'province' ? 'lịch làm việc của tỉnh' : 'lịch làm việc toàn quốc');
      }
      const commune = await communeScopes(deps.db, p.communeId);
      if (!commune) throw new Error(`The staff member's commune ${p.communeId} is missing.`);
      const scopeId = scope === 'commune' ? commune.id : scope === 'province' ? commune.province : '';
      const day = await idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        await setDay(trx, p, { ...req.body, scopeId, date: req.params.date });
        return { status: 200, body: { date: req.params.date, ...req.body } };
      });
      forgetCalendars();
      return day;
    },
  );
}
