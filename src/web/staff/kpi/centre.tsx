// The centre comments pages (Hải Phòng QĐ 212/2025 Đ3 k7; NĐ 118/2025 Đ11, Đ12 k8): /can-bo/kpi/trung-tam the
// officers seconded to the one-stop centre in a period with the state of their comments, the secondments and the form
// recording one (POST /can-bo/kpi/trung-tam/cu-den) (the centre's head, the leaders); /can-bo/kpi/trung-tam/:id one officer's comments: the centre head's form (save the draft, send it to the
// home unit, final), or the comments as the officer and their home unit's head read them. Registered by kpiPages
// (routes.tsx). The service (src/kpi/centre.ts) decides; the API does the same.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import type { Principal } from '../../../identity/core/principal.ts';
import { centreCommentsOf, centreList, centreRoleOf, recordSecondment, secondmentChoices, secondmentList, writeCentreComments } from '../../../kpi/centre.ts';
import { periodParam } from '../../../kpi/period.ts';
import type { PeriodKey } from '../../../kpi/service.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { ErrorSummary, type FieldError } from '../../components.tsx';
import { Table } from '../../fields.tsx';
import { staffOrLogin } from '../guard.ts';
import { formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str } from '../common.tsx';
import {
  CENTRE_BASE, CENTRE_FIELD_ID, CentreFiguresList, CentreForm, CentreHistory, CentrePanel, SECONDMENT_FIELD_ID, SecondmentForm, type CentreValues, type SecondmentValues,
} from './centre-views.tsx';
import { BASE, Nav, PeriodPicker, pickPeriod } from './views.tsx';

const fmtDay = (d: string) => d.split('-').reverse().join('/');
const idOf = (raw: string) => {
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
};

async function showOne(deps: Deps, reply: FastifyReply, p: Principal, staffId: number, period: PeriodKey, errors: FieldError[] = [], values?: CentreValues, status = 200) {
  const v = await centreCommentsOf(deps.db, p, staffId, period, deps.now());
  const role = await centreRoleOf(deps.db, p);
  const ky = periodParam(period);
  const title = `Nhận xét của Trung tâm về ${v.staff.name}, ${v.period.label}`;
  return staffPage(reply, p, title, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <Nav p={p} period={ky} centre={!!role} />
      <p>{v.staff.title}. Đơn vị chủ quản: {v.homeUnit.name ?? 'UBND xã'}. Làm việc tại: {v.centreName}{v.secondment ? ` (cử đến từ ${fmtDay(v.secondment.startsOn)}${v.secondment.endsOn ? ` đến ${fmtDay(v.secondment.endsOn)}` : ''}${v.secondment.decision ? `, ${v.secondment.decision}` : ''})` : ''}.</p>
      <PeriodPicker action={`${CENTRE_BASE}/${staffId}`} value={ky} now={deps.now()} />
      {!v.secondment && v.status === 'not_started' && (
        <div class="notice notice--warn" role="status"><p>{v.staff.name} chưa được ghi nhận là công chức được cử đến làm việc tại Trung tâm trong kỳ này. Ghi nhận việc cử đến ở trang danh sách trước khi viết nhận xét.</p></div>
      )}
      {v.can.write ? (
        <>
          <p><strong class={`tag ${v.status === 'draft' ? 'tag--blue' : 'tag--grey'}`}>{v.statusLabel}</strong></p>
          <h2>Số liệu tại Trung tâm, {v.period.label}</h2>
          <p class="hint">Tính tự động từ nhật ký xử lý hồ sơ, đánh giá của người dân và phản ánh, kiến nghị; được chốt khi gửi.</p>
          <CentreFiguresList f={v.figures} />
          <CentreForm v={v} csrf={csrf} period={ky} values={values ?? v.content ?? {}} errors={errors} />
        </>
      ) : <CentrePanel v={v} />}
      <CentreHistory v={v} />
    </>
  ), { status, back: role ? { href: `${CENTRE_BASE}?ky=${ky}`, label: 'Danh sách công chức được cử đến' } : { href: `${BASE}?ky=${ky}`, label: 'KPI của tôi' } });
}

async function showList(deps: Deps, reply: FastifyReply, p: Principal, period: PeriodKey, errors: FieldError[] = [], values: SecondmentValues = {}, status = 200) {
  if (!(await centreRoleOf(deps.db, p))) {
    return staffPage(reply, p, 'Không có quyền', () => <h1>Bạn không có quyền xem nhận xét của Trung tâm Phục vụ hành chính công</h1>, { status: 403 });
  }
  const l = await centreList(deps.db, p, period, deps.now());
  const secs = await secondmentList(deps.db, p);
  const choices = await secondmentChoices(deps.db, p);
  const ky = periodParam(period);
  const title = `Nhận xét công chức được cử đến Trung tâm, ${l.label}`;
  return staffPage(reply, p, title, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <Nav p={p} period={ky} centre />
      <PeriodPicker action={CENTRE_BASE} value={ky} now={deps.now()} />
      <div class="notice" role="status">
        <p>Công chức được cử đến làm việc tại {l.centreName} do đơn vị chủ quản đánh giá, xếp loại; {l.writer === 'leader' ? 'Trung tâm chưa có người đứng đầu nên lãnh đạo UBND xã' : 'người đứng đầu Trung tâm'} gửi nhận xét về từng người đến đơn vị chủ quản (Quyết định 212/2025/QĐ-UBND Hải Phòng, Điều 3 khoản 7; Nghị định 118/2025/NĐ-CP, Điều 11, Điều 12 khoản 8).</p>
      </div>
      {l.rows.length === 0 ? <p>Không có công chức được cử đến Trung tâm trong kỳ.</p> : (
        <Table caption="Công chức được cử đến Trung tâm" head={['Công chức', 'Đơn vị chủ quản', 'Tiếp nhận / trả kết quả', 'Trễ hạn', 'Không hài lòng', 'Nhận xét']}>
          {l.rows.map((r) => (
            <tr>
              <td><a href={`${CENTRE_BASE}/${r.staffId}?ky=${ky}`}>{r.name}</a></td>
              <td>{r.homeUnitName ?? 'UBND xã'}</td>
              <td>{r.received} / {r.returned}</td>
              <td>{r.late}</td>
              <td>{r.dissatisfied}</td>
              <td>{r.statusLabel}{r.sentAt ? ` (${fmtDateTime(r.sentAt)})` : ''}</td>
            </tr>
          ))}
        </Table>
      )}
      <h2>Công chức được cử đến</h2>
      {secs.length === 0 ? <p>Chưa ghi nhận việc cử đến nào.</p> : (
        <Table caption="Việc cử đến Trung tâm" head={['Công chức', 'Đơn vị chủ quản', 'Từ ngày', 'Đến ngày', 'Quyết định']}>
          {secs.map((x) => <tr><td>{x.staffName}</td><td>{x.homeUnitName}</td><td>{fmtDay(x.startsOn)}</td><td>{x.endsOn ? fmtDay(x.endsOn) : 'Chưa xác định'}</td><td>{x.decision ?? '—'}</td></tr>)}
        </Table>
      )}
      <SecondmentForm csrf={csrf} period={ky} officers={choices.officers} units={choices.units} values={values} errors={errors} />
    </>
  ), { status });
}

export async function centrePages(app: App, deps: Deps) {
  app.get(CENTRE_BASE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showList(deps, reply, p, pickPeriod(q1(req, 'ky'), deps.now()));
  });

  app.post(`${CENTRE_BASE}/cu-den`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, CENTRE_BASE);
    if (!p) return reply;
    const f = formOf(req);
    const period = pickPeriod(str(f, 'ky'), deps.now());
    const values = { staffId: str(f, 'staffId'), homeUnitId: str(f, 'homeUnitId'), startsOn: str(f, 'startsOn'), endsOn: str(f, 'endsOn'), decision: str(f, 'decision') } satisfies SecondmentValues;
    const missing = ([['staffId', 'Chọn công chức.'], ['homeUnitId', 'Chọn đơn vị chủ quản.'], ['startsOn', 'Nhập ngày bắt đầu.']] as const)
      .filter(([k]) => !values[k]).map(([k, message]) => ({ field: SECONDMENT_FIELD_ID[k], message }));
    if (missing.length) return showList(deps, reply, p, period, missing, values, 422);
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({
        status: 200,
        body: await recordSecondment(trx, p, { staffId: idOf(values.staffId), homeUnitId: idOf(values.homeUnitId), startsOn: values.startsOn, endsOn: values.endsOn || null, decision: values.decision || null }, deps.now()),
      }), str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const field = e.code === 'INVALID_DATES' ? SECONDMENT_FIELD_ID.startsOn : e.code === 'UNKNOWN_STAFF' ? SECONDMENT_FIELD_ID.staffId : SECONDMENT_FIELD_ID.homeUnitId;
      return showList(deps, reply, p, period, [{ field, message: e.title }], values, e.status);
    }
    return reply.redirect(`${CENTRE_BASE}?ky=${periodParam(period)}`, 303);
  });

  app.get(`${CENTRE_BASE}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showOne(deps, reply, p, idOf((req.params as { id: string }).id), pickPeriod(q1(req, 'ky'), deps.now()));
  });

  app.post(`${CENTRE_BASE}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const id = idOf((req.params as { id: string }).id);
    const p = staffOrLoginTo(req, reply, `${CENTRE_BASE}/${id}`);
    if (!p) return reply;
    const f = formOf(req);
    const period = pickPeriod(str(f, 'ky'), deps.now());
    const step = str(f, 'action') === 'send' ? 'send' : 'save';
    const values = { attitude: str(f, 'attitude'), discipline: str(f, 'discipline'), other: str(f, 'other'), proposedRating: str(f, 'proposedRating') || null };
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await writeCentreComments(trx, p, id, period, values, step, deps.now());
        return { status: 200, body: null };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const errors = e.errors?.length
        ? e.errors.map((x) => ({ field: CENTRE_FIELD_ID[x.path.slice(1) as keyof typeof CENTRE_FIELD_ID] ?? 'form-centre', message: x.message }))
        : [{ field: 'form-centre', message: e.detail ? `${e.title} ${e.detail}` : e.title }];
      return showOne(deps, reply, p, id, period, errors, values, e.status);
    }
    return reply.redirect(`${CENTRE_BASE}/${id}?ky=${periodParam(period)}`, 303);
  });
}
