// Plan-task figures for other domains (PAR auto-filled criteria, KPI task results, the consolidated report):
// how many plan tasks were due in a period, done, done on time, overdue. Counted in SQL over reform_tasks
// (src/db/migrations/012_reform_plan.sql; the query is countTasks in store.ts), by commune and optionally unit or
// assignee. Without an assignee only the plan's tasks count (not their sub-tasks, which would count a task twice);
// with one, every task given to that person.
// Callers must treat a zero `due` as "no data".
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { countTasks } from './store.ts';

export interface TaskScope {
  communeId: string;
  unitId?: number; // tasks whose responsible unit is this unit
  assigneeId?: number; // tasks assigned to this staff member
  from: Date; // deadline in [from, to)
  to: Date;
  now?: Date; // "overdue" is judged at this time (default: the real clock)
}

export interface TaskFigures {
  due: number; // tasks with a deadline in the period
  done: number; // of those, finished (accepted) by now
  onTime: number; // of those, finished by their deadline
  overdue: number; // not finished and past the deadline
}

export async function taskFigures(db: Kysely<Database>, scope: TaskScope): Promise<TaskFigures> {
  // A deadline is a whole day: a period [from, to) holds the days from vnDate(from) to the day before vnDate(to),
  // when `to` is a Vietnam midnight (src/indicators/core/periods.ts).
  const r = await countTasks(db, {
    communeId: scope.communeId, unitId: scope.unitId, assigneeId: scope.assigneeId,
    fromDay: vnDate(scope.from), toDay: vnDate(scope.to), today: vnDate(scope.now ?? new Date()),
  });
  return { due: r.due, done: r.done, onTime: r.onTime, overdue: r.overdue };
}
