// Statutory processing time → working-hour budget (pure). Used to check that the internal process
// (quy trình nội bộ) fits inside the legal time (domain.md §6 design notes) — not a deadline calculator.
import type { ProcessingTime } from './types.ts';

/** Working hours in one working day: 07:00–11:30 + 13:30–17:00 (domain.md §2.7; QĐ 188/1999/QĐ-TTg). */
export const HOURS_PER_WORKING_DAY = 8;

/**
 * The working hours a statutory time guarantees, whatever the day of receipt:
 * - same_day → 8 (one working day; after 15:00 the result moves to the next working day: Luật Hộ tịch Đ5 k3,
 *   NĐ 23/2015 Đ7), plus 8 per working day of extension (value n: NĐ 23/2015 Đ21);
 * - working_days n → 8n; working_hours n → n;
 * - calendar_days n → 8 × ⌊5n/7⌋: only about five days in seven are working days (BLLĐ 2019 Đ105, 5-day week),
 *   so a budget counted on every calendar day would overrun the legal time.
 */
export function legalWorkingHours(t: ProcessingTime): number {
  switch (t.unit) {
    case 'same_day':
      return HOURS_PER_WORKING_DAY * (1 + t.value);
    case 'working_days':
      return HOURS_PER_WORKING_DAY * t.value;
    case 'working_hours':
      return t.value;
    case 'calendar_days':
      return HOURS_PER_WORKING_DAY * Math.floor((t.value * 5) / 7);
    default: {
      const never: never = t.unit;
      throw new RangeError(`Đơn vị thời gian không hợp lệ: ${String(never)}`);
    }
  }
}

/** Vietnamese wording of a statutory time, for publication ("03 ngày làm việc", "Trong ngày"). */
export function describeProcessingTime(t: ProcessingTime): string {
  const n = String(t.value).padStart(2, '0');
  switch (t.unit) {
    case 'same_day':
      return t.value > 0
        ? `Trong ngày, kéo dài không quá ${n} ngày làm việc`
        : 'Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)';
    case 'working_days':
      return `${n} ngày làm việc`;
    case 'working_hours':
      return `${n} giờ làm việc`;
    case 'calendar_days':
      return `${n} ngày`;
    default: {
      const never: never = t.unit;
      throw new RangeError(`Đơn vị thời gian không hợp lệ: ${String(never)}`);
    }
  }
}
