// Reminders before a plan task's deadline and escalation of overdue tasks (issue 6). The assignee (or, while nobody
// is assigned, the responsible unit's head) is reminded N working days before the deadline, N being the plan's
// `reminder_working_days` (data of the plan file, 3 by default); an overdue task is escalated to the head of the
// responsible unit and to the CCHC coordinator (Phòng Văn hóa - Xã hội, mục IV.2 of the plan). Each is recorded
// once per task, recipient and deadline (reform_reminders) and shown in the staff hub (/can-bo/cchc): staff have
// no e-mail address in Xã Số and the notification outbox serves applicants of dossiers.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addDays } from '../calendar/core/civil.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { workCalendarFor } from '../calendar/store.ts';
import { alertFor } from './core/task-rules.ts';
import { allPlans, insertReminders, openTasksDueBy, staffWithRole } from './store.ts';

export interface ReminderRound { reminders: number; escalations: number }

export async function remindAndEscalate(db: Kysely<Database>, now: Date): Promise<ReminderRound> {
  const out: ReminderRound = { reminders: 0, escalations: 0 };
  const today = vnDate(now);
  const plans = await allPlans(db);
  for (const plan of plans) {
    const cal = await workCalendarFor(db, plan.commune_id);
    const isWorkingDay = (d: string) => cal.isWorkingDay(d);
    // Open tasks due within the reminder window (N working days fit in 2N + 20 calendar days, Tết included) or overdue.
    const tasks = await openTasksDueBy(db, plan.id, addDays(today, 2 * plan.reminder_working_days + 20));
    const coordinators = (await staffWithRole(db, plan.commune_id, 'cchc_coordinator')).map((s) => s.id);
    const heads = new Map<number, number[]>();
    const headsOf = async (unitId: number | null) => {
      if (unitId === null) return [];
      if (!heads.has(unitId)) heads.set(unitId, (await staffWithRole(db, plan.commune_id, 'unit_head', unitId)).map((s) => s.id));
      return heads.get(unitId)!;
    };
    for (const t of tasks) {
      const alert = alertFor({ status: t.status, deadline: t.deadline, completedAt: t.completed_at }, now, plan.reminder_working_days, isWorkingDay);
      if (!alert) continue;
      const to = alert === 'reminder'
        ? (t.assignee_id !== null ? [t.assignee_id] : await headsOf(t.responsible_unit_id))
        : [...new Set([...(await headsOf(t.responsible_unit_id)), ...coordinators])];
      if (!to.length) continue;
      const sent = await insertReminders(db, to.map((recipient_id) => ({ task_id: t.id, kind: alert, recipient_id, deadline: t.deadline, sent_at: now })));
      if (alert === 'reminder') out.reminders += sent.length;
      else out.escalations += sent.length;
    }
  }
  return out;
}
