// SQL edge of the plan import (import.ts): the plan, its areas, goals and targets upserted by their stable keys, the
// plan's tasks as imported, and the new tasks written in batches with their "imported" history entry.
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ReformAreasTable, ReformGoalsTable, ReformPlansTable, ReformTargetsTable, ReformTasksTable } from './tables.ts';

type Db = Kysely<Database>;
type PlanFields = Omit<Insertable<ReformPlansTable>, 'id' | 'commune_id' | 'key' | 'imported_at'>;

/** The plan of the commune with this key, created or refreshed; returns its id. */
export async function upsertPlan(db: Db, communeId: string, key: string, fields: PlanFields, now: Date): Promise<number> {
  const r = await db.insertInto('reform_plans').values({ commune_id: communeId, key, imported_at: now, ...fields })
    .onConflict((oc) => oc.columns(['commune_id', 'key']).doUpdateSet({ ...fields, imported_at: now })).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function upsertArea(db: Db, planId: number, key: string, v: Omit<Insertable<ReformAreasTable>, 'id' | 'plan_id' | 'key'>): Promise<number> {
  const r = await db.insertInto('reform_areas').values({ plan_id: planId, key, ...v })
    .onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet(v)).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function upsertGoal(db: Db, planId: number, key: string, v: Omit<Insertable<ReformGoalsTable>, 'id' | 'plan_id' | 'key'>): Promise<void> {
  await db.insertInto('reform_goals').values({ plan_id: planId, key, ...v }).onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet(v)).execute();
}

export async function upsertTarget(db: Db, planId: number, key: string, v: Omit<Insertable<ReformTargetsTable>, 'id' | 'plan_id' | 'key'>): Promise<void> {
  await db.insertInto('reform_targets').values({ plan_id: planId, key, ...v }).onConflict((oc) => oc.columns(['plan_id', 'key']).doUpdateSet(v)).execute();
}

/** The plan's tasks that came from the file (they have a key), with what a re-import may refresh. */
export const importedTasks = (db: Db, planId: number) =>
  db.selectFrom('reform_tasks').select(['id', 'key', 'title', 'ref', 'area_id', 'coordinating_unit_ids'])
    .where('plan_id', '=', planId).where('key', 'is not', null).execute();

/** New tasks, each with its "imported" history entry (one statement for each); returns their ids. */
export async function insertImportedTasks(db: Db, rows: Insertable<ReformTasksTable>[], at: Date, note: string): Promise<number[]> {
  const ids = await db.insertInto('reform_tasks').values(rows).returning('id').execute();
  await db.insertInto('reform_task_events').values(ids.map(({ id }) => ({ task_id: id, type: 'imported' as const, at, actor_id: null, note, evidence: null, changes: null }))).execute();
  return ids.map(({ id }) => id);
}

/** The ids of every commune (`xaso plan import` without --commune). */
export const communeIds = async (db: Db) => (await db.selectFrom('communes').select('id').execute()).map((c) => c.id);
