// Catalogue administration: list the procedures in force, view a version (a commune's administrator and the
// province-level role), publish a new version (the province-level role only: the catalogue is shared by every
// commune, issue 13). For now a new version is edited as JSON (prefilled with the latest version), checked against
// the schema and validateProcedure; every problem is listed with its JSON path.
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { App, Deps } from '../../../http/deps.ts';
import { notFound } from '../../../http/problem.ts';
import { forgetProcedures, listVersions, procedureAt, procedureVersion, searchProcedures } from '../../../catalogue/store.ts';
import { addVersion } from '../../../catalogue/service.ts';
import { editsSharedData } from '../../../identity/core/principal.ts';
import { ProcedureVersionSchema, type ProcedureVersionInput } from '../../../catalogue/core/types.ts';
import { describeProcessingTime, validateProcedure } from '../../../catalogue/core/validate.ts';
import { listUnits } from '../../../org/store.ts';
import type { Principal } from '../../../identity/core/principal.ts';
import type { FastifyReply } from 'fastify';
import { CsrfField, ErrorSummary, SummaryList, type FieldError } from '../../components.tsx';
import { fmtDate } from '../../../shared/format.ts';
import { ADMIN_ROLES, rolePageOrLogin } from './guard.ts';
import { ADMIN_BACK, KeyField, Notice, formOf, isFormProblem, onceForm, q1, staffPage, str } from '../common.tsx';
import { Area, Table } from '../../fields.tsx';

if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));

const CODE = /^[0-9A-Z][0-9A-Z.]{2,40}$/;
const MAX_ISSUES = 50;
const base = (code: string) => `/can-bo/quan-tri/thu-tuc/${encodeURIComponent(code)}`;

/** The problems of a JSON text as a procedure version of `code` (empty: it can be published). */
export function checkVersionJson(text: string, code: string, unitCodes: string[]): { value?: ProcedureVersionInput; issues: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { issues: [`Nội dung không phải JSON hợp lệ: ${(e as Error).message}`] };
  }
  const shape = [...Value.Errors(ProcedureVersionSchema, data)].slice(0, MAX_ISSUES)
    .map((e) => `${e.path || '/'}: ${e.message}`);
  if (shape.length) return { issues: shape };
  const p = data as ProcedureVersionInput;
  const issues: string[] = [];
  if (p.code !== code) issues.push(`/code: mã thủ tục phải là "${code}" (phiên bản mới của cùng thủ tục).`);
  issues.push(...validateProcedure(p, { unitCodes }).slice(0, MAX_ISSUES).map((i) => `${i.path}: ${i.message}`));
  return { value: p, issues };
}

async function publishPage(deps: Deps, reply: FastifyReply, p: Principal, code: string, text: string, errors: FieldError[] = [], status = 200) {
  return staffPage(reply, p, `Ban hành phiên bản mới: ${code}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Ban hành phiên bản mới của thủ tục {code}</h1>
      <p>Sửa nội dung JSON của phiên bản hiện hành. Ngày hiệu lực (<code>effectiveFrom</code>) phải sau ngày hiệu lực của phiên bản hiện hành; phiên bản cũ hết hiệu lực vào ngày đó. Hồ sơ đã tiếp nhận giữ phiên bản cũ.</p>
      <form method="post" action={`${base(code)}/phien-ban-moi`} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <Area id="json" name="json" label="Nội dung phiên bản (JSON)" required rows={30} spellcheck={false} value={text}
          error={errors.length ? 'Nội dung chưa hợp lệ, xem danh sách lỗi ở đầu trang.' : undefined} />
        <button type="submit" class="button button--primary">Ban hành phiên bản mới</button>
      </form>
    </>
  ), { status, back: { href: base(code), label: `Thủ tục ${code}` } });
}

export async function cataloguePages(app: App, deps: Deps) {
  app.get('/can-bo/quan-tri/thu-tuc', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const q = q1(req, 'q').slice(0, 200);
    const items = await searchProcedures(deps.db, { q: q || undefined, at: deps.now(), limit: 500 });
    return staffPage(reply, p, 'Danh mục thủ tục', () => (
      <>
        <h1>Danh mục thủ tục hành chính</h1>
        {!editsSharedData(p) && <p class="hint">Danh mục dùng chung cho mọi xã trong tỉnh; chỉ quản trị cấp tỉnh được ban hành phiên bản mới.</p>}
        <form method="get" action="/can-bo/quan-tri/thu-tuc" role="search">
          <label for="q">Tìm thủ tục</label>
          <div class="search"><input id="q" name="q" type="search" value={q} /><button type="submit" class="button button--secondary">Tìm</button></div>
        </form>
        <Table caption="Thủ tục đang có hiệu lực" head={['Mã', 'Tên thủ tục', 'Lĩnh vực', 'Phiên bản']}>
          {items.map((x) => (
            <tr><td><a href={base(x.code)}>{x.code}</a></td><td>{x.name}</td><td>{x.fieldName}</td><td>{x.version}</td></tr>
          ))}
        </Table>
      </>
    ), { back: ADMIN_BACK });
  });

  app.get('/can-bo/quan-tri/thu-tuc/:code', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const { code } = req.params as { code: string };
    const versions = CODE.test(code) ? await listVersions(deps.db, code) : [];
    if (!versions.length) throw notFound(`thủ tục ${code}`);
    const wanted = Number(q1(req, 'version'));
    const proc = Number.isInteger(wanted) && wanted > 0
      ? await procedureVersion(deps.db, code, wanted)
      : ((await procedureAt(deps.db, code, deps.now())) ?? (await procedureVersion(deps.db, code, versions.at(-1)!.version)));
    if (!proc) throw notFound(`phiên bản ${wanted} của thủ tục ${code}`);
    const published = q1(req, 'ok') === 'published';
    return staffPage(reply, p, `Thủ tục ${code}`, () => (
      <>
        {published && <Notice>Đã ban hành phiên bản {proc.version} của thủ tục.</Notice>}
        <h1>{proc.name}</h1>
        <p class="lead">Mã {code} · Phiên bản {proc.version}</p>
        <SummaryList rows={[
          { key: 'Lĩnh vực', value: proc.field.name },
          { key: 'Cơ quan có thẩm quyền', value: proc.authority },
          { key: 'Đơn vị xử lý', value: proc.handlingUnitCode },
          { key: 'Thời hạn giải quyết', value: describeProcessingTime(proc.processingTime) },
          { key: 'Hiệu lực', value: `Từ ${fmtDate(`${proc.effectiveFrom}T12:00:00+07:00`)}${proc.effectiveTo ? ` đến trước ${fmtDate(`${proc.effectiveTo}T12:00:00+07:00`)}` : ''}` },
          { key: 'Thành phần hồ sơ', value: <ul>{proc.components.map((c) => <li>{c.name}{c.required ? '' : ' (không bắt buộc)'}</li>)}</ul> },
          { key: 'Kết quả', value: proc.resultType },
        ]} />
        {editsSharedData(p) && <p><a class="button button--primary" href={`${base(code)}/phien-ban-moi`}>Ban hành phiên bản mới</a></p>}
        <h2>Các phiên bản</h2>
        <Table caption="Các phiên bản của thủ tục" head={['Phiên bản', 'Tên', 'Hiệu lực từ', 'Hết hiệu lực']}>
          {versions.map((v) => (
            <tr>
              <td><a href={`${base(code)}?version=${v.version}`} aria-current={v.version === proc.version ? 'page' : undefined}>Phiên bản {v.version}</a></td>
              <td>{v.name}</td><td>{v.effectiveFrom}</td><td>{v.effectiveTo ?? '—'}</td>
            </tr>
          ))}
        </Table>
        <h2>Nội dung đầy đủ (JSON)</h2>
        <pre class="json" tabindex={0} role="region" aria-label="Nội dung đầy đủ (JSON)">{JSON.stringify(proc, null, 2)}</pre>
      </>
    ), { back: { href: '/can-bo/quan-tri/thu-tuc', label: 'Danh mục thủ tục' } });
  });

  app.get('/can-bo/quan-tri/thu-tuc/:code/phien-ban-moi', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ['province_admin']);
    if (!p) return reply;
    const { code } = req.params as { code: string };
    const versions = CODE.test(code) ? await listVersions(deps.db, code) : [];
    const latest = versions.length ? await procedureVersion(deps.db, code, versions.at(-1)!.version) : undefined;
    if (!latest) throw notFound(`thủ tục ${code}`);
    const { version: _v, ...input } = latest;
    return publishPage(deps, reply, p, code, JSON.stringify(input, null, 2));
  });

  app.post('/can-bo/quan-tri/thu-tuc/:code/phien-ban-moi', { schema: { hide: true } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const p = rolePageOrLogin(req, reply, ['province_admin'], CODE.test(code) ? base(code) : '/can-bo/quan-tri/thu-tuc');
    if (!p) return reply;
    if (!CODE.test(code) || !(await listVersions(deps.db, code)).length) throw notFound(`thủ tục ${code}`);
    const f = formOf(req);
    const text = typeof f.json === 'string' ? f.json : '';
    const units = (await listUnits(deps.db, p.communeId)).map((u) => u.code);
    const { value, issues } = checkVersionJson(text, code, units);
    if (!value || issues.length) return publishPage(deps, reply, p, code, text, issues.map((m) => ({ field: 'json', message: m })), 422);
    let version: number;
    try {
      version = (await onceForm(deps, req, reply, p, async (trx) => ({ status: 201, body: { version: await addVersion(trx, p, value) } }), str(f, '_key'))).version;
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return publishPage(deps, reply, p, code, text, [{ field: 'json', message: [e.title, e.detail].filter(Boolean).join(' ') }], e.status);
    }
    forgetProcedures();
    return reply.redirect(`${base(code)}?version=${version}&ok=published`, 303);
  });
}
