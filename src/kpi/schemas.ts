// The request schemas shared by the KPI's API routes (routes.ts, centre-routes.ts): the period, the officer.
import { Type } from '@sinclair/typebox';

export const tags = ['đánh giá KPI cán bộ'];
const PERIOD = '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$';
export const PeriodField = Type.String({ pattern: PERIOD, description: 'Kỳ đánh giá: tháng "2026-11" hoặc quý "2026-Q4"' });
export const PeriodQuery = Type.Object({ period: Type.Optional(PeriodField) });
export const StaffParam = Type.Object({ staffId: Type.Integer({ minimum: 1 }) });
