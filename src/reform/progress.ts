// Progress of the plan: each target's current value (computed by the indicator engine where the plan target maps to a
// measure, PLAN_TARGETS in src/indicators/core/targets.ts, through the same figures as the public page; otherwise the
// value its owner reported with evidence), and the tasks counted by area, unit and year.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { PLAN_TARGETS, measureName } from '../indicators/core/targets.ts';
import { publicFigures } from '../indicators/public.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { deliveredOnTime, shownStatus, type ShownStatus } from './core/task-rules.ts';
import { findTarget, listTasks, recordTargetValue, type TargetRow, type TaskScope } from './store.ts';

type Db = Kysely<Database>;

export interface TargetProgress {
  id: number; key: string; ref: string; areaId: number; text: string; target: number; unit: string; kind: 'at_least' | 'reduce_by';
  baseline: string | null; year: number; ownerUnitId: number | null; ownerUnitName: string | null;
  source: 'computed' | 'reported';
  /** The measure's key (data, never shown) and its name as people read it. */
  measure: string | null;
  measureName: string | null;
  /** In the target's unit (e.g. 93.5 for 93,5 %); null: not known yet. */
  current: number | null;
  /** current ÷ target, capped at 1. */
  ratio: number | null;
  met: boolean | null;
  note: string | null; evidence: string | null; updatedAt: string | null; updatedBy: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Targets with their current value for a year (computed ones from the indicator engine over that year). */
export async function targetProgress(db: Db, communeId: string, rows: TargetRow[], year: number, now: Date): Promise<TargetProgress[]> {
  const defs = new Map(PLAN_TARGETS.map((t) => [t.id, t]));
  const needs = rows.some((r) => r.indicator_target && defs.get(r.indicator_target)?.measure);
  const computed = needs ? new Map((await publicFigures(db, communeId, { year }, now)).targets.map((s) => [s.target.id, s])) : new Map();
  return rows.map((r) => {
    const def = r.indicator_target ? defs.get(r.indicator_target) : undefined;
    const target = Number(r.value);
    const base = {
      id: r.id, key: r.key, ref: r.ref, areaId: r.area_id, text: r.text, target, unit: r.unit, kind: r.kind, baseline: r.baseline, year: r.year,
      ownerUnitId: r.owner_unit_id, ownerUnitName: r.owner_unit_name,
    };
    if (def?.measure) {
      const s = computed.get(def.id);
      const current = s && s.value !== null ? round2(s.value * 100) : null;
      return {
        ...base, source: 'computed' as const, measure: def.measure, measureName: measureName(def.measure), current, ratio: current === null ? null : Math.min(1, current / target),
        met: s?.met ?? null, note: current === null ? (s ? 'Chưa có dữ liệu trong kỳ.' : 'Chưa tính được từ dữ liệu hiện có.') : def.definition,
        evidence: null, updatedAt: null, updatedBy: null,
      };
    }
    const current = r.current_value === null ? null : Number(r.current_value);
    return {
      ...base, source: 'reported' as const, measure: null, measureName: null, current, ratio: current === null ? null : Math.min(1, target ? current / target : 1),
      met: current === null ? null : current >= target, note: r.current_note ?? (def ? def.definition : null), evidence: r.current_evidence,
      updatedAt: r.current_at ? r.current_at.toISOString() : null, updatedBy: r.current_by_name,
    };
  });
}

/** The owner of a target without a measure (head of the area's lead unit) or the coordinator reports its value. */
export async function reportTargetValue(trx: Transaction<Database>, p: Principal, id: number, input: { value: number; note: string; evidence?: string }, now: Date) {
  const t = await findTarget(trx, p.communeId, id, true);
  if (!t) throw notFound('chỉ tiêu');
  if (!(hasRole(p, 'cchc_coordinator') || (hasRole(p, 'unit_head') && p.unitId === t.owner_unit_id))) throw forbidden('Chỉ đơn vị phụ trách chỉ tiêu và cơ quan thường trực CCHC được cập nhật.');
  if (t.indicator_target && PLAN_TARGETS.find((d) => d.id === t.indicator_target)?.measure) {
    throw new Problem(409, 'TARGET_COMPUTED', 'Chỉ tiêu này được tính tự động từ dữ liệu hồ sơ, không nhập tay.');
  }
  const note = input.note.trim();
  const evidence = input.evidence?.trim() || null;
  if (!note || !evidence) throw new Problem(422, 'EVIDENCE_REQUIRED', 'Cần ghi chú cách tính và tài liệu kiểm chứng.');
  if (!Number.isFinite(input.value) || input.value < 0 || input.value > 1_000_000) throw new Problem(422, 'INVALID_VALUE', 'Giá trị không hợp lệ.');
  const actor = p.kind === 'staff' ? p.id : null;
  await recordTargetValue(trx, id, { value: input.value, note, evidence, at: now, actorId: actor });
}

export interface Tally { total: number; notStarted: number; inProgress: number; awaiting: number; overdue: number; done: number; onTime: number }
const emptyTally = (): Tally => ({ total: 0, notStarted: 0, inProgress: 0, awaiting: 0, overdue: 0, done: 0, onTime: 0 });
const KEY_OF: Record<ShownStatus, keyof Tally> = { not_started: 'notStarted', in_progress: 'inProgress', awaiting_approval: 'awaiting', overdue: 'overdue', done: 'done' };

export interface ProgressRow { id: string; label: string; tally: Tally }
export interface Progress { byArea: ProgressRow[]; byUnit: ProgressRow[]; byYear: ProgressRow[]; total: Tally }

/** The plan's tasks (not sub-tasks) in the caller's scope, counted by area, unit and year (optionally one year). */
export async function planProgress(db: Db, scope: TaskScope, planId: number, now: Date, year?: number): Promise<Progress> {
  const tasks = await listTasks(db, scope, { planId, parentId: null, ...(year ? { year } : {}) }, 100_000);
  const groups = { byArea: new Map<string, ProgressRow>(), byUnit: new Map<string, ProgressRow>(), byYear: new Map<string, ProgressRow>() };
  const total = emptyTally();
  const add = (m: Map<string, ProgressRow>, id: string, label: string, s: ShownStatus, onTime: boolean) => {
    const row = m.get(id) ?? { id, label, tally: emptyTally() };
    m.set(id, row);
    for (const t of [row.tally]) {
      t.total++;
      t[KEY_OF[s]]++;
      if (s === 'done' && onTime) t.onTime++;
    }
  };
  for (const t of tasks) {
    const clock = { status: t.status, deadline: t.deadline, completedAt: t.completed_at };
    const s = shownStatus(clock, now);
    const ok = deliveredOnTime(clock);
    add(groups.byArea, t.area_ref ?? 'IV', t.area_title ? `${t.area_ref}. ${t.area_title}` : 'IV. Tổ chức thực hiện', s, ok);
    add(groups.byUnit, String(t.responsible_unit_id ?? 0), t.unit_name ?? '—', s, ok);
    add(groups.byYear, String(t.year), `Năm ${t.year}`, s, ok);
    total.total++;
    total[KEY_OF[s]]++;
    if (s === 'done' && ok) total.onTime++;
  }
  const sorted = (m: Map<string, ProgressRow>) => [...m.values()].sort((a, b) => a.id.localeCompare(b.id, 'vi', { numeric: true }));
  return { byArea: sorted(groups.byArea), byUnit: sorted(groups.byUnit), byYear: sorted(groups.byYear), total };
}

/** The year to show by default: this year, within the plan's years. */
export const defaultYear = (plan: { start_year: number; end_year: number }, now: Date) =>
  Math.min(plan.end_year, Math.max(plan.start_year, Number(vnDate(now).slice(0, 4))));
