// Staff KPI pages (NĐ 335/2025, domain.md §8): /can-bo/kpi my period with the explanation of every point and the
// self-assessment; /can-bo/kpi/don-vi the officers I appraise or approve (unit head: my unit; leader: the commune)
// with the quota warning; /can-bo/kpi/can-bo/:id an officer's period with the appraisal and approval forms;
// /can-bo/kpi/xep-hang the per-unit emulation ranking; /can-bo/kpi/trung-tam the centre comments on seconded officers
// (centre.tsx). The service (src/kpi/service.ts, src/kpi/centre.ts) decides; the API does the same.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { centreCommentsForKpi, centreRoleOf } from '../../../kpi/centre.ts';
import { periodParam } from '../../../kpi/period.ts';
import { appraise, approve, kpiOf, rulesFor, selfAssess, setUnitRating, type PeriodKey } from '../../../kpi/service.ts';
import { unitsByName } from '../../../kpi/store.ts';
import { ranking, team } from '../../../kpi/team.ts';
import { ErrorSummary, type FieldError } from '../../components.tsx';
import { Table } from '../../fields.tsx';
import { staffOrLogin } from '../guard.ts';
import { formOf, isFormProblem, onceForm, q1, staffPage, str, type Form } from '../common.tsx';
import { BASE, Nav, OfficerPeriod, PeriodPicker, QuotaNotice, StepForms, UnitRatingForm, pickPeriod } from './views.tsx';
import { CENTRE_BASE, CentrePanel } from './centre-views.tsx';
import { centrePages } from './centre.tsx';

const num = (x: number | null) => (x === null ? '—' : String(x).replace('.', ','));
const lines = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);

const periodOf = (deps: Deps, raw: string) => pickPeriod(raw, deps.now());
/** The KPI pages' links, with the centre comments for their writer and the leaders. */
const navOf = async (deps: Deps, p: Principal, period: string) => <Nav p={p} period={period} centre={!!(await centreRoleOf(deps.db, p))} />;

async function showOfficer(deps: Deps, reply: FastifyReply, p: Principal, staffId: number, period: PeriodKey, errors: FieldError[] = [], status = 200) {
  const v = await kpiOf(deps.db, p, staffId, period, deps.now());
  const ky = periodParam(period);
  const mine = staffId === p.id;
  const title = mine ? `KPI của tôi, ${v.period.label}` : `KPI của ${v.staff.name}, ${v.period.label}`;
  const nav = await navOf(deps, p, ky);
  // The centre's comments on a seconded officer inform the general criteria: shown inside the appraisal form, next to them.
  const centre = await centreCommentsForKpi(deps.db, p, v.staff.id, period, deps.now());
  const panel = centre && <CentrePanel v={centre} scoring={v.can.appraise} />;
  return staffPage(reply, p, title, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {nav}
      <p>{v.staff.title}{v.staff.unitName ? `, ${v.staff.unitName}` : ''}. Người thẩm định: {v.appraiser === 'leader' ? 'lãnh đạo UBND xã' : 'trưởng đơn vị'}; người phê duyệt: lãnh đạo UBND xã.</p>
      <PeriodPicker action={mine ? BASE : `${BASE}/can-bo/${staffId}`} value={ky} now={deps.now()} />
      <StepForms v={v} csrf={csrf} period={ky} centre={panel} />
      {!v.can.appraise && panel}
      {centre?.can.write && <p><a href={`${CENTRE_BASE}/${v.staff.id}?ky=${ky}`}>Viết nhận xét của Trung tâm</a></p>}
      <OfficerPeriod v={v} />
    </>
  ), { status, back: mine ? undefined : { href: `${BASE}/don-vi?ky=${ky}`, label: 'Danh sách cán bộ' } });
}

async function showTeam(deps: Deps, reply: FastifyReply, p: Principal, period: PeriodKey, errors: FieldError[] = [], status = 200) {
  const ky = periodParam(period);
  const t = await team(deps.db, p, period, deps.now());
  const title = `${hasRole(p, 'leader') ? 'Cán bộ của xã' : hasRole(p, 'unit_head') ? 'Cán bộ của đơn vị' : 'Đánh giá KPI'}, ${t.label}`;
  const units = hasRole(p, 'leader') ? await unitsByName(deps.db, p.communeId) : [];
  const nav = await navOf(deps, p, ky);
  return staffPage(reply, p, title, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {nav}
      <PeriodPicker action={`${BASE}/don-vi`} value={ky} now={deps.now()} />
      {t.quota && <QuotaNotice q={t.quota} />}
      {hasRole(p, 'leader') && <UnitRatingForm csrf={csrf} period={ky} year={period.year} units={units.map((u) => ({ id: Number(u.id), name: u.name }))} />}
      <Table caption="Cán bộ và kết quả đánh giá" head={['Cán bộ', 'Đơn vị', 'Hồ sơ giao / xong / đúng hạn', 'Bước', 'Điểm', 'Xếp loại']}>
        {t.rows.map((r) => (
          <tr>
            <td><a href={`${BASE}/can-bo/${r.staffId}?ky=${ky}`}>{r.name}</a></td>
            <td>{r.unitName ?? '—'}</td>
            <td>{r.assigned} / {r.completed} / {r.onTime}</td>
            <td>{r.statusLabel}</td>
            <td>{num(r.total)}</td>
            <td>{r.ratingLabel ?? '—'}</td>
          </tr>
        ))}
      </Table>
    </>
  ), { status });
}

const points = (f: Form, codes: string[]) => Object.fromEntries(codes.filter((c) => str(f, `g_${c}`) !== '').map((c) => [c, Number(str(f, `g_${c}`).replace(',', '.'))]));

export async function kpiPages(app: App, deps: Deps) {
  await centrePages(app, deps);

  app.get(BASE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showOfficer(deps, reply, p, p.id, periodOf(deps, q1(req, 'ky')));
  });

  app.get(`${BASE}/can-bo/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const id = Number((req.params as { id: string }).id);
    return showOfficer(deps, reply, p, Number.isSafeInteger(id) && id > 0 ? id : 0, periodOf(deps, q1(req, 'ky')));
  });

  /** Runs a step from a form; a refusal (403/409/422) re-shows the page with the message. */
  async function step(req: FastifyRequest, reply: FastifyReply, staffId: number | 'me', formId: string, run: (p: Principal, period: PeriodKey, f: Form) => Parameters<typeof onceForm>[4]) {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const f = formOf(req);
    const period = periodOf(deps, str(f, 'ky'));
    const id = staffId === 'me' ? p.id : staffId;
    try {
      await onceForm(deps, req, reply, p, run(p, period, f), str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showOfficer(deps, reply, p, id, period, [{ field: formId, message: e.detail ? `${e.title} ${e.detail}` : e.title }], e.status);
    }
    return reply.redirect(staffId === 'me' ? `${BASE}?ky=${periodParam(period)}` : `${BASE}/can-bo/${id}?ky=${periodParam(period)}`, 303);
  }

  // Read in the form's own transaction: a second connection from the pool inside it could wait on the pool forever.
  const criteria = async (db: Deps['db'], p: Principal, period: PeriodKey) => (await rulesFor(db, p.communeId, period)).rules.general.map((g) => g.code);

  app.post(`${BASE}/tu-danh-gia`, { schema: { hide: true } }, async (req, reply) =>
    step(req, reply, 'me', 'form-self', (p, period, f) => async (trx) => {
      await selfAssess(trx, p, period, { note: str(f, 'note'), general: points(f, await criteria(trx, p, period)) }, deps.now());
      return { status: 200, body: null };
    }));

  app.post(`${BASE}/can-bo/:id/tham-dinh`, { schema: { hide: true } }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id) || 0;
    return step(req, reply, id, 'form-appraise', (p, period, f) => async (trx) => {
      const manual = ['a', 'b', 'c'].every((k) => str(f, k) !== '') ? { a: Number(str(f, 'a')), b: Number(str(f, 'b')), c: Number(str(f, 'c')) } : null;
      await appraise(trx, p, id, period, {
        general: points(f, await criteria(trx, p, period)), note: str(f, 'note'), qualityErrors: lines(str(f, 'qualityErrors')),
        excused: lines(str(f, 'excused')), manual, disqualified: str(f, 'disqualified') || null,
      }, deps.now());
      return { status: 200, body: null };
    });
  });

  app.post(`${BASE}/can-bo/:id/phe-duyet`, { schema: { hide: true } }, async (req, reply) => {
    const id = Number((req.params as { id: string }).id) || 0;
    return step(req, reply, id, 'form-approve', (p, period, f) => async (trx) => {
      await approve(trx, p, id, period, str(f, 'note'), deps.now());
      return { status: 200, body: null };
    });
  });

  app.post(`${BASE}/xep-loai-don-vi`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const f = formOf(req);
    const period = periodOf(deps, str(f, 'ky'));
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({
        status: 200,
        body: await setUnitRating(trx, p, { unitId: str(f, 'unitId') === 'ubnd' ? null : Number(str(f, 'unitId')) || -1, year: period.year, excellent: str(f, 'excellent') === 'yes' }, deps.now()),
      }), str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showTeam(deps, reply, p, period, [{ field: 'form-unit-rating', message: e.title }], e.status);
    }
    return reply.redirect(`${BASE}/don-vi?ky=${periodParam(period)}`, 303);
  });

  app.get(`${BASE}/don-vi`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return showTeam(deps, reply, p, periodOf(deps, q1(req, 'ky')));
  });

  app.get(`${BASE}/xep-hang`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const period = periodOf(deps, q1(req, 'ky'));
    const ky = periodParam(period);
    const r = await ranking(deps.db, p, period, deps.now());
    const title = `Xếp hạng thi đua đơn vị, ${r.label}`;
    const nav = await navOf(deps, p, ky);
    return staffPage(reply, p, title, () => (
      <>
        <h1>{title}</h1>
        {nav}
        <PeriodPicker action={`${BASE}/xep-hang`} value={ky} now={deps.now()} />
        <div class="notice" role="status"><p>{r.basis}. Thành phần chưa có số liệu không được tính, trọng số còn lại được chia lại.</p></div>
        <Table caption="Xếp hạng thi đua đơn vị" head={['Hạng', 'Đơn vị', 'Điểm thi đua', 'KPI bình quân', 'Hồ sơ đúng hạn (%)', 'Nhiệm vụ kế hoạch (%)', 'Cách tính']}>
          {r.units.map((u) => (
            <tr>
              <td>{u.rank || '—'}</td><td>{u.name}</td><td>{num(u.score)}</td><td>{num(u.kpiAverage)}</td>
              <td>{num(u.onTimeRate)}</td><td>{num(u.planRate)}</td><td>{u.explanation}</td>
            </tr>
          ))}
        </Table>
      </>
    ));
  });
}
