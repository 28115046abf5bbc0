// The shipped procedure catalogue (seed data). Loaded into the database by the seed step and read directly
// by CLI commands that must work without a database (`xaso deadline --procedure`).
import type { ProcedureVersionInput } from '../types.ts';

export const seedProcedures: ProcedureVersionInput[] = [];

/** The version of a procedure in force at the given instant (effectiveFrom ≤ date < effectiveTo). */
export function findSeedProcedure(code: string, at: Date): ProcedureVersionInput | undefined {
  const day = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10); // Vietnam local date (UTC+7)
  return seedProcedures.find(
    (p) => p.code === code && p.effectiveFrom <= day && (p.effectiveTo === null || day < p.effectiveTo),
  );
}
