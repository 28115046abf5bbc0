// Loading a plan file into a commune (`xaso plan import <file>`, the demo seeder, tests): idempotent by the items'
// stable keys. A re-import refreshes what the document says (titles, sections, goals, targets, coordinating units,
// reminder days) and adds new items; what the commune decided since (assignee, responsible unit, deadline, authority,
// expected result, status, reported values) is never overwritten, and nothing is duplicated or deleted.
import fs from 'node:fs';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { checkPlanFile, deriveTasks, PlanFileError } from './core/plan-file.ts';
import { communeIds, importedTasks, insertImportedTasks, upsertArea, upsertGoal, upsertPlan, upsertTarget } from './import-store.ts';
import { communeUnits, logTaskEvent, updateTask } from './store.ts';

type Db = Kysely<Database>;

export interface ImportResult { planId: number; created: number; updated: number; unchanged: number }

// bigint[] comes back as strings (src/db/connect.ts parses only scalar int8).
const sameIds = (a: readonly (number | string)[], b: readonly number[]) => a.length === b.length && a.every((x, i) => Number(x) === b[i]);

export async function importPlan(db: Db, communeId: string, data: unknown, now: Date): Promise<ImportResult> {
  return db.transaction().execute((trx) => importIn(trx, communeId, data, now));
}

async function importIn(trx: Transaction<Database>, communeId: string, data: unknown, now: Date): Promise<ImportResult> {
  const units = await communeUnits(trx, communeId);
  if (!units.length) throw new PlanFileError(`Xã "${communeId}" chưa có đơn vị nào.`);
  const plan = checkPlanFile(data, units.map((u) => u.code));
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const uid = (code: string) => unitId.get(code)!;
  const fields = {
    title: plan.title, basis: plan.basis, source: plan.source, start_year: plan.startYear, end_year: plan.endYear,
    coordinator_unit_id: uid(plan.coordinatorUnit), reminder_working_days: plan.reminderWorkingDays, notes: plan.notes,
  };
  const planId = await upsertPlan(trx, communeId, plan.key, fields, now);

  const areaId = new Map<string, number>();
  for (const [i, a] of plan.areas.entries()) {
    const id = await upsertArea(trx, planId, a.key, { ref: a.ref, position: i + 1, title: a.title, lead_unit_id: uid(a.leadUnit), lead_ref: a.leadRef });
    areaId.set(a.key, id);
    for (const [j, g] of a.goals.entries()) {
      await upsertGoal(trx, planId, g.key, { area_id: id, ref: g.ref, position: j + 1, text: g.text });
    }
    for (const [j, t] of a.targets.entries()) {
      await upsertTarget(trx, planId, t.key, {
        area_id: id, ref: t.ref, position: j + 1, text: t.text, value: t.value, unit: t.unit, kind: t.kind, baseline: t.baseline ?? null,
        year: t.year, indicator_target: t.indicatorTarget ?? null, owner_unit_id: uid(a.leadUnit),
      });
    }
  }

  const existing = new Map((await importedTasks(trx, planId)).map((t) => [t.key!, t]));
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const fresh = [];
  for (const t of deriveTasks(plan, units.map((u) => u.code))) {
    const doc = { title: t.title, ref: t.ref, area_id: t.areaKey ? areaId.get(t.areaKey)! : null, coordinating_unit_ids: t.coordinating.map(uid) };
    const old = existing.get(t.key);
    if (!old) {
      fresh.push({
        commune_id: communeId, plan_id: planId, key: t.key, item_key: t.itemKey, year: t.year, recurrence: t.recurrence,
        responsible_unit_id: uid(t.responsible), deadline: t.deadline, authority_role: t.authority, expected_result: t.expectedResult, created_at: now, ...doc,
      });
      continue;
    }
    const changes: Record<string, unknown> = {};
    if (old.title !== doc.title) changes.title = doc.title;
    if (old.ref !== doc.ref) changes.ref = doc.ref;
    if (old.area_id !== doc.area_id) changes.area_id = doc.area_id;
    if (!sameIds(old.coordinating_unit_ids, doc.coordinating_unit_ids)) changes.coordinating_unit_ids = doc.coordinating_unit_ids;
    if (!Object.keys(changes).length) {
      unchanged++;
      continue;
    }
    await updateTask(trx, old.id, doc);
    await logTaskEvent(trx, old.id, 'reimported', now, null, { note: 'Cập nhật theo tệp kế hoạch', changes });
    updated++;
  }
  for (let i = 0; i < fresh.length; i += 200) {
    created += (await insertImportedTasks(trx, fresh.slice(i, i + 200), now, 'Nhập từ kế hoạch')).length;
  }
  return { planId, created, updated, unchanged };
}

/** The plan file shipped with Xã Số (Kế hoạch CCHC xã Xuân Dương 2026–2030). */
export const SHIPPED_PLAN = new URL('./seed/xuan-duong-2026-2030.json', import.meta.url);
export const readPlanFile = (file: string | URL): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** `xaso plan import <file> [--commune <id>]`: the commune may be omitted when the database holds only one. */
export async function runPlanCli(args: string[], out: (s: string) => void, open: () => Promise<{ db: Db; close(): Promise<void> }>): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'import' || !file) {
    out('Cách dùng: xaso plan import <tệp.json> [--commune <mã xã>]');
    return 2;
  }
  const flag = rest.indexOf('--commune');
  let data: unknown;
  try {
    data = readPlanFile(file);
  } catch (e) {
    out(`Không đọc được tệp ${file}: ${(e as Error).message}`);
    return 1;
  }
  const database = await open();
  try {
    let commune = flag >= 0 ? rest[flag + 1] : undefined;
    if (!commune) {
      const all = await communeIds(database.db);
      if (all.length !== 1) {
        out(`Cần chỉ rõ xã: --commune <${all.join(' | ')}>`);
        return 2;
      }
      commune = all[0]!;
    }
    const r = await importPlan(database.db, commune, data, new Date());
    out(`Đã nhập kế hoạch vào xã ${commune}: ${r.created} nhiệm vụ mới, ${r.updated} cập nhật, ${r.unchanged} không đổi.`);
    return 0;
  } catch (e) {
    if (e instanceof PlanFileError) {
      out(e.message);
      return 1;
    }
    throw e;
  } finally {
    await database.close();
  }
}
