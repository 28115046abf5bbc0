// Shared fast-check generators for the calendar tests: Vietnam-local instants biased towards the edges of
// office periods (07:00, 11:30, 13:30, 17:00) and towards holiday seasons.
import fc from 'fast-check';
import { parseIsoDate } from '../../src/calendar/core/civil.ts';
import { parseVnTime, vnInstant } from '../../src/calendar/core/vn-time.ts';

export const vn = (s: string): Date => parseVnTime(s);

const FIRST_DAY = parseIsoDate('2025-12-01');
const LAST_DAY = parseIsoDate('2028-02-29');
const EDGES = [0, 6 * 60 + 59, 7 * 60, 11 * 60 + 29, 11 * 60 + 30, 12 * 60, 13 * 60 + 30, 14 * 60 + 59, 15 * 60, 16 * 60 + 59, 17 * 60, 17 * 60 + 1, 23 * 60 + 59];

/** A Vietnam-local minute of the day, often on an office-hours edge. */
export const minuteOfDay = fc.oneof(fc.constantFrom(...EDGES), fc.integer({ min: 0, max: 24 * 60 - 1 }));

/** An instant between 2025-12 and 2028-02 (Tết 2026–2028, the 2026 schedule), minute precision, sometimes seconds. */
export const instant = fc
  .tuple(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), minuteOfDay, fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 59_999 })))
  .map(([day, minute, extraMs]) => new Date(vnInstant(day, minute * 60_000 + extraMs)));

/** A duration in whole minutes, expressed in hours (0–120 h). */
export const hoursInMinutes = fc.integer({ min: 0, max: 120 * 60 }).map((m) => m / 60);
