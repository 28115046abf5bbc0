// Staff plan pages (issue 6): the hub /can-bo/cchc (links to the plan, tasks, progress, the units' reports and the
// PAR index; the tasks due soon or overdue and the reminders sent to the officer), and the pages of plan.tsx,
// tasks.tsx. Registered in src/web/staff/routes.tsx.
import type { App, Deps } from '../../../http/deps.ts';
import { workCalendarFor } from '../../../calendar/store.ts';
import { addDays } from '../../../calendar/core/civil.ts';
import { vnDate } from '../../../calendar/core/vn-time.ts';
import { alertFor } from '../../../reform/core/task-rules.ts';
import { statusOf, taskClock, taskScopeOf } from '../../../reform/service.ts';
import { listTasks, remindersOf } from '../../../reform/store.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { staffOrLogin } from '../guard.ts';
import { staffPage } from '../common.tsx';
import { planPages } from './plan.tsx';
import { HUB, PLAN, PROGRESS, TASKS, StatusTag, currentPlan, fmtDay, short } from './shared.tsx';
import { taskPages } from './tasks.tsx';

export async function reformPages(app: App, deps: Deps): Promise<void> {
  app.get(HUB, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const now = deps.now();
    const plan = await currentPlan(deps.db, p.communeId);
    const cal = await workCalendarFor(deps.db, p.communeId);
    const open = plan
      ? (await listTasks(deps.db, taskScopeOf(p), { planId: plan.id }, 2000)).filter((t) => t.status !== 'done' && t.deadline <= addDays(vnDate(now), 40))
      : [];
    const n = plan?.reminder_working_days ?? 3;
    const alerts = open.filter((t) => alertFor(taskClock(t), now, n, (d) => cal.isWorkingDay(d)) !== null);
    const sent = await remindersOf(deps.db, p.communeId, p.id, 10);
    return staffPage(reply, p, 'Cải cách hành chính', () => (
      <>
        <h1>Cải cách hành chính</h1>
        {plan && <p>{plan.title}</p>}
        <ul>
          <li><a href={PLAN}>Kế hoạch</a>: lĩnh vực, mục tiêu, chỉ tiêu và kết quả đạt được</li>
          <li><a href={TASKS}>Nhiệm vụ</a>: phân công theo nguyên tắc 6 rõ, báo cáo tiến độ, duyệt kết quả</li>
          <li><a href={PROGRESS}>Tiến độ</a>: theo lĩnh vực, đơn vị và năm</li>
          <li><a href={`${HUB}/bao-cao`}>Báo cáo của các đơn vị</a>: kế hoạch CCHC năm, báo cáo quý, năm, đột xuất</li>
          <li><a href={`${HUB}/chi-so`}>Chỉ số CCHC</a>: tự đánh giá, chấm điểm</li>
        </ul>
        <h2>Việc sắp đến hạn / quá hạn</h2>
        {!alerts.length ? <p>Không có nhiệm vụ nào sắp đến hạn (trong {n} ngày làm việc) hoặc quá hạn.</p> : (
          <ul>
            {alerts.map((t) => (
              <li><a href={`${TASKS}/${t.id}`}>{short(t.title, 100)}</a> ({t.unit_name ?? '—'}), hạn {fmtDay(t.deadline)} <StatusTag status={statusOf(t, now)} /></li>
            ))}
          </ul>
        )}
        <h2>Nhắc việc đã gửi cho bạn</h2>
        {!sent.length ? <p>Chưa có nhắc việc nào.</p> : (
          <ul>
            {sent.map((r) => (
              <li>{fmtDateTime(r.sent_at)}: {r.kind === 'reminder' ? 'Nhắc hạn' : 'Cảnh báo quá hạn'}, <a href={`${TASKS}/${r.task_id}`}>{short(r.title, 100)}</a> (hạn {fmtDay(r.deadline)})</li>
            ))}
          </ul>
        )}
      </>
    ));
  });
  await planPages(app, deps);
  await taskPages(app, deps);
}
