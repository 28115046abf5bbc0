// Read-only PAR pages: the index template in force (areas, criteria, sub-criteria with maxima, scoring rules,
// evidence, owner units, due dates, auto sources) and the year-over-year comparison per area.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Value } from '@sinclair/typebox/value';
import type { Deps } from '../../../http/deps.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { ruleText } from '../../../par/core/rules.ts';
import type { AutoSource, ScoringRule, TemplateFile } from '../../../par/core/template.ts';
import { TemplateBody } from '../../../par/schemas.ts';
import { importTemplate } from '../../../par/templates.ts';
import { findTemplate, listTemplates, nodesOf } from '../../../par/store.ts';
import { comparison } from '../../../par/view.ts';
import { STATUS_LABEL } from '../../../par/service.ts';
import { BarChart } from '../../charts.tsx';
import { Button, CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { Area, Table } from '../../fields.tsx';
import { KeyField, formOf, isFormProblem, onceForm, staffPage, str } from '../common.tsx';
import { BASE, pts } from './views.tsx';

const BACK = { href: BASE, label: 'Chỉ số CCHC' };

const AUTO_LABEL = (a: AutoSource) =>
  a.source === 'indicator766' ? `chỉ số 766 ${a.id}` : a.source === 'index766' ? 'điểm Bộ chỉ số 766' : a.source === 'index766_group' ? `nhóm ${a.group} của Bộ chỉ số 766`
  : a.source === 'online_share' ? 'tỷ lệ hồ sơ nộp trực tuyến' : 'tỷ lệ nhiệm vụ kế hoạch hoàn thành đúng hạn';

/** The template page; an administrator also gets the import form (a template data file pasted as JSON). */
export async function templatePage(deps: Deps, reply: FastifyReply, p: Principal, id?: number, errors: FieldError[] = [], status = 200, json = '') {
  const all = await listTemplates(deps.db);
  const t = id ? await findTemplate(deps.db, id) : all[0] ? await findTemplate(deps.db, all[0].id) : undefined;
  const nodes = t ? await nodesOf(deps.db, t.id) : [];
  return staffPage(reply, p, 'Bộ chỉ số CCHC', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Bộ chỉ số cải cách hành chính cấp xã</h1>
      {all.length > 1 && <ul>{all.map((x) => <li><a href={`${BASE}/bo-chi-so?id=${x.id}`}>{x.name} ({x.province}, từ năm {x.effective_year})</a></li>)}</ul>}
      {!t ? <p>Chưa có bộ chỉ số.</p> : (
        <>
          <h2>{t.name}</h2>
          <p>{t.issued_by}; áp dụng từ năm {t.effective_year}. {t.legal_basis}</p>
          {t.uncertain && <p><strong class="tag tag--yellow">Chưa đối chiếu quyết định của tỉnh</strong> Các giá trị đánh dấu cần kiểm tra trước khi dùng chính thức.</p>}
          {t.note && <p>{t.note}</p>}
          <Table caption={t.name} head={['Mã', 'Nội dung', 'Tối đa', 'Cách chấm, tài liệu kiểm chứng, đơn vị, hạn']}>
            {nodes.map((n) => (
              <tr>
                <td>{n.code}</td>
                <td>{n.level === 'sub' ? n.name : <strong>{n.name}</strong>}{n.uncertain && n.level === 'area' ? ' (chưa đối chiếu)' : ''}</td>
                <td>{pts(n.max_points)}</td>
                <td>{n.level === 'sub' ? (
                  <>
                    {ruleText(n.rule as ScoringRule, n.max_points)}{n.auto ? `; tự động: ${AUTO_LABEL(n.auto as AutoSource)}` : ''}.
                    {n.evidence.length > 0 && <> Tài liệu: {n.evidence.join('; ')}.</>}
                    {n.owner_unit_code && <> Đơn vị: {n.owner_unit_code}.</>}
                    {n.due && <> Hạn: {n.due.split('-').reverse().join('/')}.</>}
                  </>
                ) : ''}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {hasRole(p, 'admin') && (
        <form method="post" action={`${BASE}/bo-chi-so`} class="action-form" id="form-import">
          <CsrfField token={csrf} /><KeyField />
          <h2>Nạp bộ chỉ số do tỉnh ban hành</h2>
          <Area id="template-json" name="json" label="Nội dung tệp dữ liệu (JSON)" hint="Cùng cấu trúc với tệp mẫu src/par/seed/chi-so-cchc-xa-2025.json. Nạp lại cùng tệp không tạo bản trùng; bộ chỉ số đã dùng để chấm điểm không sửa được (ban hành bản có năm áp dụng mới)." value={json} rows={8} required />
          <Button variant="secondary">Nạp bộ chỉ số</Button>
        </form>
      )}
    </>
  ), { back: BACK, status });
}

/** Parses, checks and imports a pasted template file; the errors name what is wrong. */
export async function importFromForm(deps: Deps, req: FastifyRequest, reply: FastifyReply, p: Principal) {
  const json = str(formOf(req), 'json');
  const fail = (messages: string[], status: number) => templatePage(deps, reply, p, undefined, messages.slice(0, 10).map((message) => ({ field: 'template-json', message })), status, json);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return fail(['Nội dung không phải JSON hợp lệ.'], 422);
  }
  if (!Value.Check(TemplateBody, data)) return fail([...Value.Errors(TemplateBody, data)].map((e) => `Sai cấu trúc tại ${e.path || '/'}: ${e.message}`), 422);
  let id = 0;
  try {
    await onceForm(deps, req, reply, p, async (trx) => {
      id = (await importTemplate(trx, data as TemplateFile)).id;
      return { status: 200, body: { id } };
    }, str(formOf(req), '_key'));
  } catch (e) {
    if (!isFormProblem(e)) throw e;
    return fail(e.errors?.map((x) => x.message) ?? [e.title], e.status);
  }
  return reply.redirect(`${BASE}/bo-chi-so${id ? `?id=${id}` : ''}`, 303);
}

export async function comparisonPage(deps: Deps, reply: FastifyReply, p: Principal, year: number) {
  const c = await comparison(deps.db, p.communeId, year);
  const delta = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${pts(x)}`);
  const stage = (s: string | null) => (s ? STATUS_LABEL[s as keyof typeof STATUS_LABEL].toLowerCase() : 'chưa có');
  return staffPage(reply, p, `So sánh chỉ số CCHC ${year} và ${year - 1}`, () => (
    <>
      <h1>So sánh chỉ số CCHC năm {year} với năm {year - 1}</h1>
      <p>Năm {year}: {stage(c.currentStatus)}; năm {year - 1}: {stage(c.previousStatus)}. Năm đã có kết quả thẩm định dùng điểm cuối cùng, năm đang chấm dùng điểm tự chấm.</p>
      <form method="get" action={`${BASE}/so-sanh`} class="period-form">
        <div class="field"><label for="nam">Năm</label><input id="nam" name="nam" class="input--short" value={String(year)} inputMode="numeric" /></div>
        <button type="submit" class="button button--secondary">Xem</button>
      </form>
      <Table caption={`Điểm theo lĩnh vực, năm ${year} và năm ${year - 1}`} head={['Lĩnh vực', 'Tối đa', `Năm ${year}`, `Năm ${year - 1}`, 'Tăng, giảm']}>
        {[...c.areas, c.total].map((r) => (
          <tr>
            <td>{r.code === 'total' ? <strong>{r.name}</strong> : `${r.code}. ${r.name}`}</td>
            <td>{pts(r.maxPoints)}</td>
            <td>{pts(r.current)}</td>
            <td>{pts(r.previous)}</td>
            <td>{delta(r.change)}</td>
          </tr>
        ))}
      </Table>
      <BarChart title={`Tỷ lệ điểm đạt theo lĩnh vực năm ${year} (vạch: năm ${year - 1})`} bars={c.areas.map((r) => ({ label: `${r.code}. ${r.name}`, value: r.currentRate, ...(r.previousRate !== null ? { target: r.previousRate } : {}) }))} />
    </>
  ), { back: BACK });
}
