// The plan page (/can-bo/cchc/ke-hoach): each area with its goals and targets, the targets' current values (computed
// by the indicator engine, or reported by their owner with evidence: a form for them), and the progress page
// (/can-bo/cchc/tien-do) by area, unit and year. The coordinator (re)imports the plan file shipped with Xã Số.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { importPlan, readPlanFile, SHIPPED_PLAN } from '../../../reform/import.ts';
import { defaultYear, planProgress, reportTargetValue, targetProgress, type ProgressRow, type TargetProgress } from '../../../reform/progress.ts';
import { taskScopeOf } from '../../../reform/service.ts';
import { planAreas, planGoals, planTargets } from '../../../reform/store.ts';
import { BarChart } from '../../charts.tsx';
import { Button, CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { Area, Choice, Input, Table } from '../../fields.tsx';
import { fmtDateTime } from '../../../shared/format.ts';
import { staffOrLogin } from '../guard.ts';
import { KeyField, Notice, formOf, isFormProblem, onceForm, q1, staffPage, str } from '../common.tsx';
import { HUB_BACK, PLAN, PROGRESS, PlanSource, TASKS, currentPlan, pct } from './shared.tsx';

const years = (plan: { start_year: number; end_year: number }) => Array.from({ length: plan.end_year - plan.start_year + 1 }, (_, i) => plan.start_year + i);
const yearOf = (raw: string, plan: { start_year: number; end_year: number }, now: Date) => {
  const y = Number(raw);
  return Number.isInteger(y) && y >= plan.start_year && y <= plan.end_year ? y : defaultYear(plan, now);
};

function YearForm({ action, plan, year }: { action: string; plan: { start_year: number; end_year: number }; year: number }) {
  return (
    <form method="get" action={action} class="filters">
      <Choice id="nam" name="nam" label="Năm" value={String(year)} options={years(plan).map((y) => ({ value: String(y), label: String(y) }))} required />
      <Button variant="secondary">Xem</Button>
    </form>
  );
}

const mayReport = (p: Principal, t: TargetProgress) => t.source === 'reported' && (hasRole(p, 'cchc_coordinator') || (hasRole(p, 'unit_head') && p.unitId === t.ownerUnitId));

function Target({ t, p, csrf, errors }: { t: TargetProgress; p: Principal; csrf: string; errors: FieldError[] }) {
  const id = `target-${t.id}`;
  return (
    <li id={id}>
      <p>{t.text}</p>
      <p>
        Mục tiêu: {t.kind === 'reduce_by' ? 'giảm ' : ''}{pct(t.target)} {t.unit}{t.baseline ? ` so với ${t.baseline}` : ''}, đến năm {t.year}.{' '}
        Hiện tại: <strong>{t.current === null ? 'chưa có số liệu' : `${pct(t.current)} ${t.unit}`}</strong>{' '}
        {t.met === true && <strong class="tag tag--green">Đạt</strong>}{t.met === false && <strong class="tag tag--yellow">Chưa đạt</strong>}
      </p>
      <p class="hint">
        {t.source === 'computed' ? `Tính tự động từ dữ liệu hồ sơ: ${t.measureName}. ` : `Đơn vị phụ trách: ${t.ownerUnitName ?? '—'}. `}
        {t.note}{t.evidence ? ` Tài liệu kiểm chứng: ${t.evidence}.` : ''}{t.updatedAt ? ` Cập nhật ${fmtDateTime(t.updatedAt)}${t.updatedBy ? ` bởi ${t.updatedBy}` : ''}.` : ''}
      </p>
      <PlanSource refs={[`mục ${t.ref}`]} />
      {mayReport(p, t) && (
        <details open={errors.some((e) => e.field === `${id}-form`)}>
          <summary>Cập nhật kết quả<span class="visually-hidden">: {t.text.slice(0, 60)}</span></summary>
          <form method="post" action={`${PLAN}/chi-tieu/${t.id}`} id={`${id}-form`}>
            <CsrfField token={csrf} />
            <KeyField />
            <Input id={`${id}-value`} name="value" label={`Giá trị đạt được (${t.unit})`} inputmode="text" short required />
            <Area id={`${id}-note`} name="note" label="Cách tính, ghi chú" rows={2} required />
            <Input id={`${id}-evidence`} name="evidence" label="Tài liệu kiểm chứng (số văn bản, đường dẫn, tệp)" required />
            <Button>Lưu kết quả</Button>
          </form>
        </details>
      )}
    </li>
  );
}

async function showPlan(deps: Deps, reply: FastifyReply, p: Principal, rawYear: string, errors: FieldError[] = [], status = 200, notice?: string) {
  const plan = await currentPlan(deps.db, p.communeId);
  if (!plan) {
    return staffPage(reply, p, 'Kế hoạch CCHC', (csrf) => (
      <>
        <h1>Kế hoạch cải cách hành chính</h1>
        <p>Xã chưa có kế hoạch nào trong hệ thống.</p>
        {hasRole(p, 'cchc_coordinator') && <ImportForm csrf={csrf} />}
      </>
    ), { back: HUB_BACK });
  }
  const year = yearOf(rawYear, plan, deps.now());
  const [areas, goals, rows] = await Promise.all([planAreas(deps.db, plan.id), planGoals(deps.db, plan.id), planTargets(deps.db, plan.id)]);
  const targets = await targetProgress(deps.db, p.communeId, rows, year, deps.now());
  return staffPage(reply, p, 'Kế hoạch CCHC', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {notice && <Notice>{notice}</Notice>}
      <h1>{plan.title}</h1>
      <p>{plan.basis}</p>
      <YearForm action={PLAN} plan={plan} year={year} />
      <p>Kết quả các chỉ tiêu tính tự động lấy theo số liệu năm {year}.</p>
      {areas.map((a) => (
        <section aria-labelledby={`area-${a.id}`}>
          <h2 id={`area-${a.id}`}>{a.ref}. {a.title}</h2>
          <p>Đơn vị chủ trì: {a.lead_unit_name ?? '—'}. <a href={`${TASKS}?nam=${year}&linh-vuc=${a.id}`}>Nhiệm vụ năm {year}<span class="visually-hidden"> của lĩnh vực {a.title}</span></a></p>
          {goals.some((g) => g.area_id === a.id) && (
            <>
              <h3>Mục tiêu</h3>
              <ul>{goals.filter((g) => g.area_id === a.id).map((g) => <li>{g.text}</li>)}</ul>
            </>
          )}
          {targets.some((t) => t.areaId === a.id) && (
            <>
              <h3>Chỉ tiêu đến năm 2030</h3>
              <ul>{targets.filter((t) => t.areaId === a.id).map((t) => <Target t={t} p={p} csrf={csrf} errors={errors} />)}</ul>
            </>
          )}
          <PlanSource refs={[`đơn vị chủ trì: mục ${a.lead_ref}`,
            ...(goals.some((g) => g.area_id === a.id) ? [`mục tiêu: mục ${goals.filter((g) => g.area_id === a.id).map((g) => g.ref).join(', ')}`] : [])]} />
        </section>
      ))}
      {hasRole(p, 'cchc_coordinator') && <ImportForm csrf={csrf} />}
      <p class="hint">Nguồn: {plan.source}. Nhập lúc {fmtDateTime(plan.imported_at)}. {plan.notes}</p>
    </>
  ), { status, back: HUB_BACK });
}

function ImportForm({ csrf }: { csrf: string }) {
  return (
    <form method="post" action={`${PLAN}/nhap`} id="form-import">
      <CsrfField token={csrf} />
      <KeyField />
      <h2>Nhập kế hoạch</h2>
      <p>Nhập (hoặc cập nhật) kế hoạch từ tệp dữ liệu của xã. Nhập lại không tạo trùng và không thay đổi phân công đã có.</p>
      <Button variant="secondary">Nhập kế hoạch từ tệp dữ liệu</Button>
    </form>
  );
}

function TallyTable({ caption, first, rows }: { caption: string; first: string; rows: ProgressRow[] }) {
  return (
    <Table caption={caption} head={[first, 'Tổng số', 'Hoàn thành (đúng hạn)', 'Đang thực hiện', 'Chờ duyệt', 'Chưa bắt đầu', 'Quá hạn']}>
      {rows.map((r) => (
        <tr>
          <th scope="row">{r.label}</th><td>{r.tally.total}</td><td>{r.tally.done} ({r.tally.onTime})</td><td>{r.tally.inProgress}</td>
          <td>{r.tally.awaiting}</td><td>{r.tally.notStarted}</td><td>{r.tally.overdue}</td>
        </tr>
      ))}
    </Table>
  );
}

export async function planPages(app: App, deps: Deps) {
  app.get(PLAN, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showPlan(deps, reply, p, q1(req, 'nam'));
  });

  app.post(`${PLAN}/nhap`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!hasRole(p, 'cchc_coordinator')) return showPlan(deps, reply, p, '', [{ field: 'form-import', message: 'Chỉ cơ quan thường trực CCHC được nhập kế hoạch.' }], 403);
    const r = await onceForm(deps, req, reply, p, async () => ({ status: 200, body: await importPlan(deps.db, p.communeId, readPlanFile(SHIPPED_PLAN), deps.now()) }), str(formOf(req), '_key'));
    return showPlan(deps, reply, p, '', [], 200, `Đã nhập kế hoạch: ${r.created} nhiệm vụ mới, ${r.updated} cập nhật, ${r.unchanged} không đổi.`);
  });

  app.post(`${PLAN}/chi-tieu/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const id = Number((req.params as { id: string }).id);
    const f = formOf(req);
    const value = Number(str(f, 'value').replace(',', '.'));
    try {
      if (!Number.isInteger(id) || id < 1) throw new Error('bad id');
      await onceForm(deps, req, reply, p, async (trx) => {
        await reportTargetValue(trx, p, id, { value: str(f, 'value') === '' ? Number.NaN : value, note: str(f, 'note'), evidence: str(f, 'evidence') }, deps.now());
        return { status: 200, body: null };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showPlan(deps, reply, p, '', [{ field: `target-${id}-form`, message: e.title }], e.status);
    }
    return reply.redirect(`${PLAN}#target-${id}`, 303);
  });

  app.get(PROGRESS, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const plan = await currentPlan(deps.db, p.communeId);
    if (!plan) return reply.redirect(PLAN, 303);
    const raw = q1(req, 'nam');
    const year = raw === 'tat-ca' ? undefined : yearOf(raw, plan, deps.now());
    const pr = await planProgress(deps.db, taskScopeOf(p), plan.id, deps.now(), year);
    const ratio = (r: ProgressRow) => (r.tally.total ? r.tally.done / r.tally.total : null);
    return staffPage(reply, p, 'Tiến độ thực hiện kế hoạch CCHC', () => (
      <>
        <h1>Tiến độ thực hiện kế hoạch</h1>
        <form method="get" action={PROGRESS} class="filters">
          <Choice id="nam" name="nam" label="Năm" value={year ? String(year) : 'tat-ca'} required
            options={[{ value: 'tat-ca', label: 'Cả giai đoạn' }, ...years(plan).map((y) => ({ value: String(y), label: String(y) }))]} />
          <Button variant="secondary">Xem</Button>
        </form>
        <p>
          {year ? `Năm ${year}` : `Giai đoạn ${plan.start_year} - ${plan.end_year}`}: {pr.total.total} nhiệm vụ, {pr.total.done} hoàn thành ({pr.total.onTime} đúng hạn),{' '}
          {pr.total.overdue} quá hạn. {taskScopeOf(p).unitId !== undefined ? 'Chỉ tính nhiệm vụ của đơn vị bạn và nhiệm vụ được giao cho bạn.' : ''}
        </p>
        {pr.byArea.length > 0 && <BarChart title="Tỷ lệ nhiệm vụ hoàn thành theo lĩnh vực" bars={pr.byArea.map((r) => ({ label: r.label, value: ratio(r) }))} />}
        <h2>Theo lĩnh vực</h2>
        <TallyTable caption="Tiến độ theo lĩnh vực" first="Lĩnh vực" rows={pr.byArea} />
        <h2>Theo đơn vị</h2>
        <TallyTable caption="Tiến độ theo đơn vị chủ trì" first="Đơn vị" rows={pr.byUnit} />
        <h2>Theo năm</h2>
        <TallyTable caption="Tiến độ theo năm" first="Năm" rows={pr.byYear} />
        <p><a href={`${TASKS}?trang-thai=overdue${year ? `&nam=${year}` : ''}`}>Danh sách nhiệm vụ quá hạn</a></p>
      </>
    ), { back: HUB_BACK });
  });
}
