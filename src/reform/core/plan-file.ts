// The structured plan file (src/reform/seed/*.json: the commune's CCHC plan document as data) and the annual plans
// derived from it: a one-off task belongs to the year of its deadline, a yearly task is instantiated once per year of
// the plan, and a task given to "*" (every unit, e.g. mục IV.1 "Các cơ quan, đơn vị") once per unit. Pure.
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isValidCivil, type IsoDate } from '../../calendar/core/civil.ts';
import { PLAN_TARGETS } from '../../indicators/core/targets.ts';

const Key = Type.String({ pattern: '^[a-z0-9][a-z0-9.:-]{0,99}$' });
const Ref = Type.String({ minLength: 1, maxLength: 30 });
const Unit = Type.String({ minLength: 1, maxLength: 20 });
export const AUTHORITIES = ['unit_head', 'leader', 'cchc_coordinator'] as const;

const PlanTask = Type.Object({
  key: Key, ref: Ref, title: Type.String({ minLength: 1 }),
  responsible: Unit, // a unit code, or "*": every unit of the commune
  responsibleRef: Type.Optional(Ref),
  coordinating: Type.Array(Unit),
  schedule: Type.Union([Type.Object({ once: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) }), Type.Object({ yearly: Type.String({ pattern: '^\\d{2}-\\d{2}$' }) })]),
  authority: Type.Union(AUTHORITIES.map((a) => Type.Literal(a))),
  expectedResult: Type.String(),
});
const PlanTarget = Type.Object({
  key: Key, ref: Ref, text: Type.String({ minLength: 1 }), value: Type.Number(), unit: Type.String(), year: Type.Integer(),
  kind: Type.Union([Type.Literal('at_least'), Type.Literal('reduce_by')]), baseline: Type.Optional(Type.String()),
  indicatorTarget: Type.Optional(Type.String()), // an id of PLAN_TARGETS (src/indicators/core/targets.ts)
});
const PlanArea = Type.Object({
  key: Key, ref: Ref, title: Type.String(), leadUnit: Unit, leadRef: Type.String(),
  goals: Type.Array(Type.Object({ key: Key, ref: Ref, text: Type.String({ minLength: 1 }) })),
  targets: Type.Array(PlanTarget),
  tasks: Type.Array(PlanTask),
});
export const PlanFileSchema = Type.Object({
  key: Key, title: Type.String({ minLength: 1 }), source: Type.String(), basis: Type.String(),
  startYear: Type.Integer({ minimum: 2000, maximum: 2100 }), endYear: Type.Integer({ minimum: 2000, maximum: 2100 }),
  coordinatorUnit: Unit, coordinatorRef: Type.String(), reminderWorkingDays: Type.Integer({ minimum: 0, maximum: 30 }),
  notes: Type.String(),
  areas: Type.Array(PlanArea),
  tasks: Type.Array(PlanTask), // section IV: organisation of the implementation (no area)
});
export type PlanFile = Static<typeof PlanFileSchema>;
export type PlanTaskItem = Static<typeof PlanTask>;

export class PlanFileError extends Error {}

/** Checks a parsed plan file: its shape, unique keys, valid dates, known indicator targets and unit codes. */
export function checkPlanFile(data: unknown, unitCodes: readonly string[]): PlanFile {
  if (!Value.Check(PlanFileSchema, data)) {
    const e = [...Value.Errors(PlanFileSchema, data)].slice(0, 3).map((x) => `${x.path || '/'}: ${x.message}`);
    throw new PlanFileError(`Tệp kế hoạch không đúng cấu trúc: ${e.join('; ')}`);
  }
  const plan = data;
  if (plan.endYear < plan.startYear) throw new PlanFileError('Năm kết thúc trước năm bắt đầu.');
  const keys = new Set<string>();
  const units = new Set(unitCodes);
  const unique = (k: string) => {
    if (keys.has(k)) throw new PlanFileError(`Khóa "${k}" bị trùng.`);
    keys.add(k);
  };
  const unit = (u: string, where: string, star = false) => {
    if (!(units.has(u) || (star && u === '*'))) throw new PlanFileError(`${where}: không có đơn vị "${u}".`);
  };
  unit(plan.coordinatorUnit, 'Cơ quan thường trực');
  const task = (t: PlanTaskItem) => {
    unique(t.key);
    unit(t.responsible, t.ref, true);
    t.coordinating.forEach((c) => unit(c, t.ref));
    if ('once' in t.schedule) {
      const [y, m, d] = t.schedule.once.split('-').map(Number) as [number, number, number];
      if (!isValidCivil(y, m, d)) throw new PlanFileError(`${t.ref}: ngày "${t.schedule.once}" không hợp lệ.`);
    } else {
      const [m, d] = t.schedule.yearly.split('-').map(Number) as [number, number];
      if (!isValidCivil(2027, m, d)) throw new PlanFileError(`${t.ref}: ngày hằng năm "${t.schedule.yearly}" không hợp lệ.`); // 29/02 refused
    }
  };
  for (const a of plan.areas) {
    unique(a.key);
    unit(a.leadUnit, a.ref);
    a.goals.forEach((g) => unique(g.key));
    for (const t of a.targets) {
      unique(t.key);
      if (t.indicatorTarget && !PLAN_TARGETS.some((p) => p.id === t.indicatorTarget)) throw new PlanFileError(`${t.ref}: chỉ tiêu "${t.indicatorTarget}" không có trong PLAN_TARGETS.`);
    }
    a.tasks.forEach(task);
  }
  plan.tasks.forEach(task);
  return plan;
}

export interface TaskInstance {
  key: string; // stable: item key [":" unit] "@" year
  itemKey: string;
  areaKey: string | null;
  ref: string;
  year: number;
  recurrence: 'once' | 'yearly';
  title: string;
  responsible: string; // unit code
  coordinating: string[];
  deadline: IsoDate;
  authority: (typeof AUTHORITIES)[number];
  expectedResult: string;
}

const fill = (text: string, year: number) => text.replaceAll('{year}', String(year)).replaceAll('{nextYear}', String(year + 1));

/** Every task of the plan, per year and per unit (the five annual plans together). */
export function deriveTasks(plan: PlanFile, unitCodes: readonly string[]): TaskInstance[] {
  const out: TaskInstance[] = [];
  const items: [string | null, PlanTaskItem][] = [...plan.areas.flatMap((a) => a.tasks.map((t) => [a.key, t] as [string, PlanTaskItem])), ...plan.tasks.map((t) => [null, t] as [null, PlanTaskItem])];
  for (const [areaKey, t] of items) {
    const units = t.responsible === '*' ? [...unitCodes] : [t.responsible];
    const dates: [number, IsoDate][] = 'once' in t.schedule
      ? [[Number(t.schedule.once.slice(0, 4)), t.schedule.once]]
      : Array.from({ length: plan.endYear - plan.startYear + 1 }, (_, i) => [plan.startYear + i, `${plan.startYear + i}-${(t.schedule as { yearly: string }).yearly}`]);
    for (const u of units) {
      for (const [year, deadline] of dates) {
        out.push({
          key: `${t.key}${t.responsible === '*' ? `:${u.toLowerCase()}` : ''}@${year}`, itemKey: t.key, areaKey, ref: t.ref, year,
          recurrence: 'once' in t.schedule ? 'once' : 'yearly', title: t.title, responsible: u,
          coordinating: t.coordinating.filter((c) => c !== u), deadline, authority: t.authority, expectedResult: fill(t.expectedResult, year),
        });
      }
    }
  }
  return out;
}

/** The annual plan of one year: the tasks whose deadline falls in it. */
export const annualPlan = (plan: PlanFile, unitCodes: readonly string[], year: number) => deriveTasks(plan, unitCodes).filter((t) => t.year === year);
