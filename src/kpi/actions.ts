// The KPI figures from the dossier action log (dossier_events) and the plan's tasks: each officer's products in a
// period, by the attribution rules of core/figures.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { taskFigures } from '../reform/task-measures.ts';
import { dossierItems, figuresOf, planTaskItems, type DossierItem, type Figures, type PlanTaskFigures } from './core/figures.ts';
import type { KpiRules } from './core/rules.ts';
import type { WorkItem } from './core/score.ts';
import { dossierFacts, type FactsScope } from './store.ts';

export interface OfficerWork {
  dossiers: DossierItem[];
  plan: PlanTaskFigures;
  items: WorkItem[];
  figures: Figures;
}

/** The products of the officers in `staffIds` for the period, read within `scope` (commune, unit or officer). */
export async function workOf(db: Kysely<Database>, scope: FactsScope, staffIds: readonly number[], period: { start: Date; end: Date }, now: Date, rules: KpiRules): Promise<Map<number, OfficerWork>> {
  const facts = await dossierFacts(db, scope, period.start, period.end);
  const items = dossierItems(facts, period, now, rules);
  const out = new Map<number, OfficerWork>();
  for (const id of staffIds) {
    const plan = await taskFigures(db, { communeId: scope.communeId, assigneeId: id, from: period.start, to: period.end });
    const mine = items.filter((i) => i.holderId === id);
    out.set(id, { dossiers: mine, plan, items: [...mine, ...planTaskItems(plan, rules)], figures: figuresOf(mine, plan, rules) });
  }
  return out;
}
