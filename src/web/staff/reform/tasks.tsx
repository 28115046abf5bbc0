// Plan tasks: the list (/can-bo/cchc/nhiem-vu, filters year, area, unit, status; the caller's scope) and one task
// (/can-bo/cchc/nhiem-vu/:id) with its 6 rõ, sub-tasks, history and the forms of what the officer may do now
// (src/reform/service.ts decides; the API does the same).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { SHOWN_STATUSES, STATUS_LABEL, type ShownStatus } from '../../../reform/core/task-rules.ts';
import { defaultYear } from '../../../reform/progress.ts';
import { AUTHORITY_LABEL, addSubtask, addTaskFile, allowedActions, assignTask, coordinatingOf, decide, reportProgress, statusOf, taskScopeOf } from '../../../reform/service.ts';
import { activeStaff, communeUnits, findTask, listTasks, planAreas, taskEvents, taskFiles } from '../../../reform/store.ts';
import { Problem } from '../../../http/problem.ts';
import type { AuthorityRole } from '../../../reform/tables.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../../components.tsx';
import { Area, Choice, Input, Options } from '../../fields.tsx';
import { fmtDateTime } from '../../../shared/format.ts';
import { staffOrLogin } from '../guard.ts';
import { KeyField, formOf, isFormProblem, newFormKey, onceForm, q1, staffPage, str } from '../common.tsx';
import { HUB_BACK, PlanSource, StatusTag, TASKS, currentPlan, fmtDay, short } from './shared.tsx';
import { readUpload, refused } from '../upload-form.tsx';

const EVENT_LABEL: Record<string, string> = {
  imported: 'Nhập từ kế hoạch', reimported: 'Cập nhật theo kế hoạch', created: 'Tạo nhiệm vụ con', assigned: 'Giao, điều chỉnh nhiệm vụ',
  progress: 'Báo cáo tiến độ', file_added: 'Đính kèm tài liệu kiểm chứng', submitted: 'Trình duyệt kết quả', approved: 'Duyệt kết quả', returned: 'Trả lại kết quả',
};
const CHANGE_LABEL: Record<string, string> = { unit: 'đơn vị chủ trì', assignee: 'người thực hiện', deadline: 'hạn', authority: 'người duyệt', expectedResult: 'kết quả cần đạt', progress: 'tiến độ (%)', title: 'nội dung', ref: 'mục', subtask: 'nhiệm vụ con', parent: 'nhiệm vụ cha', coordinating_unit_ids: 'đơn vị phối hợp', area_id: 'lĩnh vực' };
const ACTIONS = { giao: 'assign', 'nhiem-vu-con': 'subtask', 'tien-do': 'progress', duyet: 'decide' } as const;
type Slug = keyof typeof ACTIONS;

async function showTask(deps: Deps, reply: FastifyReply, p: Principal, id: number, errors: FieldError[] = [], status = 200) {
  const t = Number.isSafeInteger(id) && id > 0 ? await findTask(deps.db, taskScopeOf(p), id) : undefined;
  if (!t) return staffPage(reply, p, 'Không tìm thấy', () => <><h1>Không tìm thấy nhiệm vụ</h1><p><a href={TASKS}>Danh sách nhiệm vụ</a></p></>, { status: 404 });
  const now = deps.now();
  const [subs, events, units, staff, files] = await Promise.all([
    listTasks(deps.db, { communeId: p.communeId }, { parentId: t.id }), taskEvents(deps.db, t.id), communeUnits(deps.db, p.communeId),
    activeStaff(deps.db, p.communeId, t.responsible_unit_id), taskFiles(deps.db, t.id),
  ]);
  const actions = allowedActions(p, t, now);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const staffOptions = staff.map((s) => ({ value: String(s.id), label: `${s.full_name} (${s.title})` }));
  const coordinating = coordinatingOf(t);
  const parent = t.parent_id ? await findTask(deps.db, { communeId: p.communeId }, t.parent_id) : undefined;
  return staffPage(reply, p, `Nhiệm vụ: ${short(t.title, 60)}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Nhiệm vụ năm {t.year}: {short(t.title, 100)}</h1>
      <p><StatusTag status={statusOf(t, now)} /> Tiến độ: {t.progress} %</p>
      {parent && <p>Nhiệm vụ con của <a href={`${TASKS}/${parent.id}`}>{short(parent.title, 80)}</a></p>}
      <SummaryList rows={[
        { key: 'Rõ việc', value: t.title },
        { key: 'Rõ người', value: t.assignee_name ?? 'Chưa giao cho cán bộ' },
        { key: 'Rõ thời gian', value: `Hạn ${fmtDay(t.deadline)}${t.recurrence === 'yearly' ? ' (nhiệm vụ hằng năm)' : ''}` },
        { key: 'Rõ trách nhiệm', value: `Chủ trì: ${t.unit_name ?? '—'}${coordinating.length ? `; phối hợp: ${coordinating.map((u) => unitName.get(u) ?? u).join(', ')}` : ''}` },
        { key: 'Rõ thẩm quyền (người duyệt)', value: t.authority_staff_name ?? (t.authority_role ? AUTHORITY_LABEL[t.authority_role] : '—') },
        { key: 'Rõ kết quả', value: t.expected_result },
        { key: 'Lĩnh vực', value: t.area_title ? `${t.area_ref}. ${t.area_title}` : 'IV. Tổ chức thực hiện' },
        ...(t.completed_at ? [{ key: 'Trình kết quả lúc', value: fmtDateTime(t.completed_at) }] : []),
      ]} />
      <PlanSource refs={[`mục ${t.ref}`]} />
      <h2>Nhiệm vụ con</h2>
      {!subs.length ? <p>Không có nhiệm vụ con.</p> : (
        <ul>{subs.map((s) => <li><a href={`${TASKS}/${s.id}`}>{s.title}</a>: {s.assignee_name ?? 'chưa giao'}, hạn {fmtDay(s.deadline)} <StatusTag status={statusOf(s, now)} /></li>)}</ul>
      )}
      <h2>Tài liệu kiểm chứng</h2>
      {!files.length ? <p>Chưa có tệp nào.</p> : (
        <ul>{files.map((f) => <li><a href={`/api/v1/reform/tasks/${t.id}/files/${f.id}`}>{f.file_name}</a> ({Math.ceil(f.size / 1024)} KB, {fmtDateTime(f.uploaded_at)}{f.uploaded_by_name ? `, ${f.uploaded_by_name}` : ''})</li>)}</ul>
      )}
      {actions.includes('file') && (
        <form method="post" action={`${TASKS}/${t.id}/tep?${new URLSearchParams({ key: newFormKey(), _csrf: csrf }).toString()}`} enctype="multipart/form-data" class="upload-form" id="form-file">
          <Input id="evidence-file" name="file" type="file" label="Tệp kiểm chứng" hint="PDF, JPEG hoặc PNG, tối đa 10 MB." accept="application/pdf,image/jpeg,image/png" required />
          <Button variant="secondary">Đính kèm tệp</Button>
        </form>
      )}
      {actions.includes('progress') && (
        <form method="post" action={`${TASKS}/${t.id}/tien-do`} id="form-progress">
          <CsrfField token={csrf} /><KeyField />
          <h2>Báo cáo tiến độ</h2>
          <Input id="progress-value" name="progress" label="Tiến độ (%)" type="number" value={t.progress} short required />
          <Area id="progress-note" name="note" label="Nội dung đã thực hiện" rows={3} required />
          <Input id="progress-evidence" name="evidence" label="Tài liệu kiểm chứng (số văn bản, đường dẫn, tệp)" hint="Bắt buộc khi trình duyệt kết quả." />
          <Options id="progress-submit" name="submit" type="checkbox" legend="Hoàn thành" options={[{ value: '1', label: 'Đã hoàn thành, trình duyệt kết quả' }]} />
          <Button>Gửi báo cáo</Button>
        </form>
      )}
      {actions.includes('decide') && (
        <form method="post" action={`${TASKS}/${t.id}/duyet`} id="form-decide">
          <CsrfField token={csrf} /><KeyField />
          <h2>Duyệt kết quả</h2>
          <Area id="decide-note" name="note" label="Ý kiến (bắt buộc khi trả lại)" rows={2} />
          <Button name="approve" value="1">Duyệt, hoàn thành</Button> <Button variant="warning" name="approve" value="0">Trả lại</Button>
        </form>
      )}
      {actions.includes('assign') && (
        <form method="post" action={`${TASKS}/${t.id}/giao`} id="form-assign">
          <CsrfField token={csrf} /><KeyField />
          <h2>Giao, điều chỉnh nhiệm vụ</h2>
          {hasRole(p, 'cchc_coordinator') && <Choice id="assign-unit" name="unitId" label="Đơn vị chủ trì" value={t.responsible_unit_id} options={units.map((u) => ({ value: String(u.id), label: u.name }))} required />}
          <Choice id="assign-person" name="assigneeId" label="Cán bộ thực hiện (của đơn vị chủ trì)" value={t.assignee_id} options={staffOptions} empty="— Chưa giao —" />
          <Input id="assign-deadline" name="deadline" label="Hạn hoàn thành" type="date" value={t.deadline} required />
          <Choice id="assign-authority" name="authorityRole" label="Người duyệt kết quả" value={t.authority_role} required
            options={(Object.keys(AUTHORITY_LABEL) as AuthorityRole[]).map((r) => ({ value: r, label: AUTHORITY_LABEL[r] }))} />
          <Area id="assign-result" name="expectedResult" label="Kết quả cần đạt" value={t.expected_result} rows={2} required />
          <Area id="assign-note" name="note" label="Ghi chú" rows={2} />
          <Button>Lưu phân công</Button>
        </form>
      )}
      {actions.includes('subtask') && (
        <form method="post" action={`${TASKS}/${t.id}/nhiem-vu-con`} id="form-subtask">
          <CsrfField token={csrf} /><KeyField />
          <h2>Thêm nhiệm vụ con</h2>
          <Area id="sub-title" name="title" label="Nội dung" rows={2} required />
          <Choice id="sub-person" name="assigneeId" label="Cán bộ thực hiện" options={staffOptions} empty="— Chưa giao —" />
          <Input id="sub-deadline" name="deadline" label="Hạn hoàn thành" type="date" required />
          <Area id="sub-result" name="expectedResult" label="Kết quả cần đạt" rows={2} required />
          <Button variant="secondary">Thêm nhiệm vụ con</Button>
        </form>
      )}
      <h2>Lịch sử</h2>
      <ol>
        {events.map((e) => (
          <li>
            {fmtDateTime(e.at)}: {EVENT_LABEL[e.type] ?? e.type}{e.actor_name ? ` (${e.actor_name})` : ''}{e.note ? `: ${e.note}` : ''}
            {e.evidence ? `. Tài liệu kiểm chứng: ${e.evidence}` : ''}
            {e.changes && Object.keys(e.changes).length > 0 && e.type !== 'created' ? `. Thay đổi: ${Object.entries(e.changes).map(([k, v]) => `${CHANGE_LABEL[k] ?? k}: ${Array.isArray(v) ? v.map((u) => unitName.get(Number(u)) ?? u).join(', ') : k === 'deadline' ? fmtDay(String(v)) : String(v)}`).join('; ')}` : ''}
          </li>
        ))}
      </ol>
    </>
  ), { status, back: { href: TASKS, label: 'Danh sách nhiệm vụ' } });
}

export async function taskPages(app: App, deps: Deps) {
  app.get(TASKS, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const plan = await currentPlan(deps.db, p.communeId);
    if (!plan) return reply.redirect('/can-bo/cchc/ke-hoach', 303);
    const now = deps.now();
    const rawYear = q1(req, 'nam');
    const year = rawYear === 'tat-ca' ? undefined : Number(rawYear) >= plan.start_year && Number(rawYear) <= plan.end_year ? Number(rawYear) : defaultYear(plan, now);
    const [areas, units] = await Promise.all([planAreas(deps.db, plan.id), communeUnits(deps.db, p.communeId)]);
    const area = q1(req, 'linh-vuc');
    const areaId = area === 'iv' ? 'none' as const : areas.find((a) => String(a.id) === area)?.id;
    const unitId = units.find((u) => String(u.id) === q1(req, 'don-vi'))?.id;
    const st = q1(req, 'trang-thai');
    const status = (SHOWN_STATUSES as readonly string[]).includes(st) ? st as ShownStatus : undefined;
    const rows = (await listTasks(deps.db, taskScopeOf(p), { planId: plan.id, year, areaId, unitId, parentId: null }))
      .filter((t) => !status || statusOf(t, now) === status);
    return staffPage(reply, p, 'Nhiệm vụ CCHC', () => (
      <>
        <h1>Nhiệm vụ cải cách hành chính</h1>
        <form method="get" action={TASKS} class="filters">
          <Choice id="loc-nam" name="nam" label="Năm" value={year ? String(year) : 'tat-ca'} required
            options={[{ value: 'tat-ca', label: 'Cả giai đoạn' }, ...Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, i) => ({ value: String(plan.start_year + i), label: String(plan.start_year + i) }))]} />
          <Choice id="loc-linh-vuc" name="linh-vuc" label="Lĩnh vực" value={area} empty="Tất cả" options={[...areas.map((a) => ({ value: String(a.id), label: `${a.ref}. ${a.title}` })), { value: 'iv', label: 'IV. Tổ chức thực hiện' }]} />
          <Choice id="loc-don-vi" name="don-vi" label="Đơn vị chủ trì" value={unitId ?? ''} empty="Tất cả" options={units.map((u) => ({ value: String(u.id), label: u.name }))} />
          <Choice id="loc-trang-thai" name="trang-thai" label="Trạng thái" value={status ?? ''} empty="Tất cả" options={SHOWN_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} />
          <Button variant="secondary">Lọc</Button>
        </form>
        <p>{rows.length} nhiệm vụ{taskScopeOf(p).unitId !== undefined ? ' của đơn vị bạn và được giao cho bạn' : ''}.</p>
        {rows.length > 0 && (
          <ul class="task-list">
            {rows.map((t) => (
              <li>
                <p><a href={`${TASKS}/${t.id}`}>{short(t.title, 140)}</a>{t.subtasks ? ` (${t.subtasks} nhiệm vụ con)` : ''}</p>
                <p class="hint">
                  Chủ trì: {t.unit_name ?? '—'} · Người thực hiện: {t.assignee_name ?? 'chưa giao'} · Hạn {fmtDay(t.deadline)}{' '}
                  <StatusTag status={statusOf(t, now)} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </>
    ), { back: HUB_BACK });
  });

  app.get(`${TASKS}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showTask(deps, reply, p, Number((req.params as { id: string }).id));
  });

  app.post(`${TASKS}/:id/tep`, {
    schema: { hide: true },
    // The multipart body is read by the handler, after the CSRF check: the form puts its token in the URL.
    preValidation: async (req: FastifyRequest) => {
      const token = q1(req, '_csrf');
      if (token && !req.headers['x-csrf-token']) req.headers['x-csrf-token'] = token;
    },
  }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id);
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!Number.isSafeInteger(id) || id < 1 || !(await findTask(deps.db, taskScopeOf(p), id))) return showTask(deps, reply, p, 0);
    const fail = (message: string, status: number) => showTask(deps, reply, p, id, [{ field: 'evidence-file', message }], status);
    const upload = await readUpload(req);
    if (refused(upload)) return fail(upload.message, upload.status);
    const { content, fileName, sha256 } = upload;
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({ status: 201, body: await addTaskFile(trx, p, id, { fileName, content }, deps.now()) }),
        q1(req, 'key'), { fileName, sha256 });
    } catch (e) {
      if (!(e instanceof Problem) || ![403, 409, 415, 422].includes(e.status)) throw e;
      return fail(e.title, e.status);
    }
    return reply.redirect(`${TASKS}/${id}`, 303);
  });

  app.post(`${TASKS}/:id/:action`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const { id: raw, action } = req.params as { id: string; action: string };
    const id = Number(raw);
    if (!Number.isSafeInteger(id) || id < 1 || !(action in ACTIONS)) return showTask(deps, reply, p, 0);
    const f = formOf(req);
    const num = (name: string) => (str(f, name) ? Number(str(f, name)) : undefined);
    const kind = ACTIONS[action as Slug];
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const now = deps.now();
        if (kind === 'assign') {
          const t = await findTask(trx, taskScopeOf(p), id);
          const unitId = num('unitId');
          const moved = unitId !== undefined && t !== undefined && unitId !== t.responsible_unit_id;
          await assignTask(trx, p, id, {
            ...(unitId !== undefined ? { unitId } : {}), ...(moved ? {} : { assigneeId: num('assigneeId') ?? null }), deadline: str(f, 'deadline') || undefined,
            authorityRole: (str(f, 'authorityRole') || undefined) as AuthorityRole | undefined, expectedResult: str(f, 'expectedResult'), note: str(f, 'note'),
          }, now);
        } else if (kind === 'subtask') {
          await addSubtask(trx, p, id, { title: str(f, 'title'), deadline: str(f, 'deadline'), assigneeId: num('assigneeId'), expectedResult: str(f, 'expectedResult') }, now);
        } else if (kind === 'progress') {
          const progress = Number(str(f, 'progress'));
          await reportProgress(trx, p, id, { progress, note: str(f, 'note'), evidence: str(f, 'evidence'), submit: str(f, 'submit') === '1' }, now);
        } else {
          await decide(trx, p, id, { approve: str(f, 'approve') === '1', note: str(f, 'note') }, now);
        }
        return { status: 200, body: null };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showTask(deps, reply, p, id, [{ field: `form-${kind}`, message: e.detail ?? e.title }], e.status);
    }
    return reply.redirect(`${TASKS}/${id}`, 303);
  });
}
