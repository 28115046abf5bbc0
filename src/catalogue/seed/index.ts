// The shipped procedure catalogue (seed data). Loaded into the database by the seed step and read directly
// by CLI commands that must work without a database (`xaso deadline --procedure`).
// Commune-level procedures after the July 2025 reform (domain.md §6), one file per group of fields.
import type { ProcedureVersionInput } from '../core/types.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import { chungThucProcedures } from './chung-thuc.ts';
import { cuTruProcedures } from './cu-tru.ts';
import { datDaiXayDungProcedures } from './dat-dai-xay-dung.ts';
import { hoTichNuocNgoaiProcedures } from './ho-tich-nuoc-ngoai.ts';
import { hoTichThayDoiProcedures } from './ho-tich-thay-doi.ts';
import { hoTichProcedures } from './ho-tich.ts';
import { kinhTeVanHoaProcedures } from './kinh-te-van-hoa.ts';
import { xaHoiProcedures } from './xa-hoi.ts';

export const seedProcedures: ProcedureVersionInput[] = [
  ...hoTichProcedures,
  ...hoTichThayDoiProcedures,
  ...hoTichNuocNgoaiProcedures,
  ...chungThucProcedures,
  ...xaHoiProcedures,
  ...datDaiXayDungProcedures,
  ...kinhTeVanHoaProcedures,
  ...cuTruProcedures, // routing entries for Công an xã (handlingUnitCode "CA")
];

/** The version of a procedure in force at the given instant (effectiveFrom ≤ date < effectiveTo). */
export function findSeedProcedure(code: string, at: Date): ProcedureVersionInput | undefined {
  const day = vnDate(at);
  return seedProcedures.find(
    (p) => p.code === code && p.effectiveFrom <= day && (p.effectiveTo === null || day < p.effectiveTo),
  );
}
