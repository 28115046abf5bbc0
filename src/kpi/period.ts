// How a KPI period is written in addresses and forms: "2026-11" (a month) or "2026-Q4" (a quarter); the default is
// the last finished month. Shared by the API (routes.ts) and the KPI pages (src/web/staff/kpi).
import { Problem } from '../http/problem.ts';
import { lastFinishedMonth, type PeriodKey } from './service.ts';

/** "2026-11" → month 11 of 2026; "2026-Q4" → quarter 4; missing → the last finished month. */
export function parsePeriod(s: string | undefined, now: Date): PeriodKey {
  if (!s) return lastFinishedMonth(now);
  const m = /^(\d{4})-(?:Q([1-4])|(\d{2}))$/.exec(s);
  if (!m) throw new Problem(422, 'INVALID_PERIOD', 'Kỳ đánh giá không hợp lệ (ví dụ 2026-11 hoặc 2026-Q4).');
  return m[2] ? { kind: 'quarter', year: Number(m[1]), no: Number(m[2]) } : { kind: 'month', year: Number(m[1]), no: Number(m[3]) };
}

export const periodParam = (p: PeriodKey) => (p.kind === 'month' ? `${p.year}-${String(p.no).padStart(2, '0')}` : `${p.year}-Q${p.no}`);
