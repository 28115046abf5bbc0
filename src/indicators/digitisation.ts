// The digitisation and reuse rates of a scope and period (766 4.2, 4.3), overall, by procedure and by unit, against
// the plan's targets: one query for the counts (breakdown-store.ts), the names read once. Shown on the staff dashboard
// (each figure links to the dossiers behind it), on the public page and at /api/v1/indicators/digitisation.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ratesOf, type DigitisationRates } from './core/breakdown.ts';
import type { Period } from './core/progress.ts';
import { digitisationBreakdown, unitNames } from './breakdown-store.ts';
import { procedureNames, type Scope } from './store.ts';

export async function digitisationRates(db: Kysely<Database>, scope: Scope, period: Period): Promise<DigitisationRates> {
  const [rows, procedures, units] = await Promise.all([
    digitisationBreakdown(db, scope, period), procedureNames(db), unitNames(db, scope.communeId),
  ]);
  return ratesOf(rows, { procedures: new Map([...procedures].map(([code, p]) => [code, p.name])), units });
}
