// Demo data of the reform plan (issue 6), loaded by `npm start` into the demo communes (src/demo/reform.ts): the
// shipped plan imported, and on first start some of this year's tasks given to demo staff, some done, one waiting
// for approval, some overdue (relative to `now`), a sub-task, two reported target values and the reminders due.
// Idempotent: the import adds nothing twice, and the demo activity runs only while no task has been acted on.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { importPlan, readPlanFile, SHIPPED_PLAN } from '../reform/import.ts';
import { defaultYear } from '../reform/progress.ts';
import { findPlan, insertTask, logTaskEvent, planActedOn, recordTargetValue, targetByKey, taskByKey, updateTask } from '../reform/store.ts';
import { remindAndEscalate } from '../reform/reminders.ts';
import type { TaskStatus } from '../reform/core/task-rules.ts';
import { communeStaff } from './staff-store.ts';

type Db = Kysely<Database>;
const at = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

/** `starting` is told, with the number of the plan's tasks, when the demo activity is about to be added (first start). */
export async function seedDemoPlan(db: Db, communeId: string, now: Date, starting?: (tasks: number) => void): Promise<void> {
  const { planId, created, updated, unchanged } = await importPlan(db, communeId, readPlanFile(SHIPPED_PLAN), now);
  if (!(await planActedOn(db, planId))) {
    starting?.(created + updated + unchanged);
    await demoActivity(db, communeId, planId, now);
  }
  await remindAndEscalate(db, now);
}

async function demoActivity(db: Db, communeId: string, planId: number, now: Date) {
  const prefix = DEMO_COMMUNES.find((c) => c.id === communeId)?.usernamePrefix ?? '';
  const staff = new Map((await communeStaff(db, communeId)).map((s) => [s.username.slice(prefix.length), s.id]));
  const who = (u: string) => staff.get(u) ?? null;
  const today = vnDate(now);
  const plan = await findPlan(db, communeId, planId);
  if (!plan) throw new Error(`plan ${planId} not found`);
  const y = defaultYear(plan, now);
  const task = (key: string) => taskByKey(db, planId, key);
  const past = (day: string) => day < today;

  /** Assigns, reports and (optionally) finishes a task, as the people concerned would have, at past times. */
  async function play(key: string, o: { assignee?: string; progress?: number; note?: string; deliver?: string; approve?: boolean; by?: string; head: string; approver?: string }) {
    const t = await task(key);
    if (!t) return;
    const start = at(`${y}-01-05`) < now ? at(`${y}-01-05`) : now;
    if (o.assignee && who(o.assignee)) {
      await updateTask(db, t.id, { assignee_id: who(o.assignee) });
      await logTaskEvent(db, t.id, 'assigned', start, who(o.head), { changes: { assignee: o.assignee } });
    }
    let status: TaskStatus = 'not_started';
    if (o.progress !== undefined) {
      status = 'in_progress';
      await logTaskEvent(db, t.id, 'progress', new Date(Math.min(+now, +start + 20 * 86_400_000)), who(o.by ?? o.assignee ?? o.head), { note: o.note ?? 'Đang triển khai theo kế hoạch.', changes: { progress: o.progress } });
    }
    let completed: Date | null = null;
    if (o.deliver && past(o.deliver)) {
      completed = at(o.deliver, 10);
      status = 'awaiting_approval';
      await logTaskEvent(db, t.id, 'submitted', completed, who(o.by ?? o.assignee ?? o.head), { note: 'Hoàn thành, trình duyệt kết quả.', evidence: 'Văn bản số …/BC-UBND kèm danh sách tài liệu kiểm chứng', changes: { progress: 100 } });
      if (o.approve) {
        status = 'done';
        await logTaskEvent(db, t.id, 'approved', new Date(+completed + 86_400_000), who(o.approver ?? 'truongvhxh'), { note: 'Đạt yêu cầu.' });
      }
    }
    await updateTask(db, t.id, { status, progress: status === 'in_progress' ? o.progress ?? 0 : status === 'not_started' ? 0 : 100, completed_at: completed });
  }

  // Mục IV.1: units' five-year plans by 15/01/2026 (one late, one missing: overdue).
  for (const [unit, day, head] of [['vp', '2026-01-12', 'chutich'], ['vhxh', '2026-01-09', 'truongvhxh'], ['kt', '2026-01-14', 'truongkt'], ['ttpvhcc', '2026-01-13', 'giamdoc'], ['ca', '2026-01-21', 'truongvhxh']] as const) {
    await play(`to-chuc.ke-hoach-don-vi:${unit}@2026`, { head, by: head, deliver: day, approve: true, approver: 'truongvhxh' });
  }
  await play(`to-chuc.ke-hoach-nam@${y}`, { head: 'truongvhxh', assignee: 'truongvhxh', deliver: `${y}-01-20`, approve: true, approver: 'chutich' });
  await play(`thu-tuc-hanh-chinh.nhiem-vu-6@${y}`, { head: 'giamdoc', assignee: 'motcua', progress: 100, deliver: `${y}-06-30`, approve: true, approver: 'giamdoc' });
  await play(`to-chuc.tuyen-truyen@${y}`, { head: 'truongvhxh', assignee: 'hotich', progress: 60, note: 'Đã đăng 7 tin, bài về CCHC trên Trang thông tin điện tử xã.' });
  await play(`che-do-cong-vu.nhiem-vu-3@${y}`, { head: 'truongvhxh', assignee: 'hotich', progress: 80, deliver: `${y}-11-20` });
  await play(`tai-chinh-cong.nhiem-vu-1@${y}`, { head: 'truongkt', assignee: 'diachinh', progress: 50, note: 'Đã rà soát tiến độ giải ngân vốn đầu tư công 9 tháng.' });
  await play(`tai-chinh-cong.nhiem-vu-7@${y}`, { head: 'truongkt', assignee: 'diachinh', progress: 30 });
  await play(`to-chuc.kinh-phi@${y}`, { head: 'truongkt', assignee: 'truongkt', progress: 40 }); // 30/11: overdue once past

  const parent = await task(`to-chuc.tuyen-truyen@${y}`);
  if (parent && who('hotich')) {
    const id = await insertTask(db, {
      commune_id: communeId, plan_id: planId, key: null, item_key: 'to-chuc.tuyen-truyen', parent_id: parent.id, area_id: null, ref: 'IV.2.11', year: y,
      recurrence: 'once', title: 'Đăng 12 tin, bài về cải cách hành chính trên Trang thông tin điện tử xã', responsible_unit_id: parent.responsible_unit_id,
      coordinating_unit_ids: [], assignee_id: who('hotich'), deadline: `${y}-12-10`, authority_role: 'unit_head', authority_staff_id: null,
      expected_result: '12 tin, bài được đăng (đường dẫn từng bài).', created_at: at(`${y}-02-01`) < now ? at(`${y}-02-01`) : now,
    });
    await logTaskEvent(db, id, 'created', at(`${y}-02-01`) < now ? at(`${y}-02-01`) : now, who('truongvhxh'), { changes: { parent: parent.id } });
  }

  // Two targets without a measure, reported by their owner with evidence.
  for (const [key, value, note, evidence] of [
    ['che-do-cong-vu.chi-tieu-5', 92, 'Tỷ lệ cán bộ, công chức xã có trình độ đại học trở lên: 23/25.', 'Báo cáo chất lượng đội ngũ cán bộ, công chức năm (Phòng Văn hóa - Xã hội)'],
    ['chinh-quyen-so.chi-tieu-4', 85, 'Đã bồi dưỡng kỹ năng số căn bản cho 34/40 cán bộ, công chức.', 'Danh sách học viên lớp bồi dưỡng kỹ năng số'],
  ] as const) {
    const t = await targetByKey(db, planId, key);
    if (!t) continue;
    await recordTargetValue(db, t.id, { value, note, evidence, at: now, actorId: who('truongvhxh') });
  }
}
