// The counter's lookups in the national databases for a dossier (/can-bo/ho-so/:id/co-so-du-lieu), linked from the
// dossier page: "Tra cứu CSDL dân cư" by an ID number (the applicant's, pre-filled) shows name, date of birth and
// residence next to what the dossier says, differences marked, and "Dùng thông tin này" records the use of the
// record in the dossier (registries/use.ts); "Kiểm tra hộ tịch" verifies a birth or marriage record. Each lookup needs a
// purpose from the fixed list and is logged (TT 117/2026/TT-BCA); the rules are the API's (registries/service.ts).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { idNumberOf, loadDossier, type DossierRow } from '../../dossiers/store.ts';
import { STAFF_PURPOSES, type PopulationRecord } from '../../registries/core/registry.ts';
import { COMPARE_LABEL, type Line } from '../../registries/core/compare.ts';
import { outcomeLabel, registryLabel } from '../../registries/core/log.ts';
import { lookupPopulation, verifyCivilStatus, type PopulationResult, type VerifyResult } from '../../registries/service.ts';
import { useLookup } from '../../registries/use.ts';
import { lookupsOfDossier } from '../../registries/store.ts';
import { Button, CsrfField, ErrorSummary, Radios, Select, SummaryList, TextField, type FieldError } from '../components.tsx';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { UUID, formOf, staffOrLoginTo, staffPage, str } from './common.tsx';
import { staffOrLogin } from './guard.ts';

export const registryPath = (id: string) => `/can-bo/ho-so/${id}/co-so-du-lieu`;

/** The dossier page's link (one line there). */
export function RegistryLink({ dossierId }: { dossierId: string }) {
  return (
    <p><a href={registryPath(dossierId)}>Tra cứu CSDL dân cư, kiểm tra hộ tịch</a> <span class="hint">(đối chiếu thông tin người nộp với cơ sở dữ liệu quốc gia)</span></p>
  );
}

type Values = Record<string, string>;
interface View {
  row: DossierRow;
  values: Values;
  errors?: FieldError[];
  population?: PopulationResult;
  verify?: VerifyResult;
  past: Awaited<ReturnType<typeof lookupsOfDossier>>;
}

const PURPOSE_OPTIONS = [{ value: '', label: 'Chọn mục đích' }, ...STAFF_PURPOSES.map((p) => ({ value: p, label: p }))];
const VERDICT: Record<Line['verdict'], { label: string; cls: string }> = {
  same: { label: 'Khớp', cls: 'tag tag--green' },
  marks: { label: 'Khác dấu, chữ hoa hoặc cách viết', cls: 'tag tag--yellow' },
  different: { label: 'Khác', cls: 'tag tag--red' },
  missing: { label: 'Hồ sơ chưa ghi', cls: 'tag tag--grey' },
};
const MISMATCH: Record<string, string> = {
  not_found: 'Không có trích lục nào mang số đăng ký (và quyển số) này', number: 'số đăng ký', book: 'quyển số', name: 'họ tên', otherName: 'họ tên người vợ', date: 'ngày',
};

const enc = (r: PopulationRecord) => Buffer.from(JSON.stringify(r)).toString('base64url');

function PopulationResults({ v, csrf }: { v: View; csrf: string }) {
  const r = v.population!;
  if (!r.found) {
    return <section aria-labelledby="kq-dan-cu"><h2 id="kq-dan-cu">Kết quả tra cứu CSDL dân cư</h2>
      <p>Không tìm thấy công dân có số định danh này. Lần tra cứu đã được ghi nhật ký.</p></section>;
  }
  const rec = r.record;
  return (
    <section aria-labelledby="kq-dan-cu">
      <h2 id="kq-dan-cu">Kết quả tra cứu CSDL dân cư</h2>
      {r.isApplicant ? (
        <div class="table-wrap"><table>
          <caption class="visually-hidden">Thông tin trong hồ sơ và trong Cơ sở dữ liệu quốc gia về dân cư</caption>
          <thead><tr><th scope="col">Mục</th><th scope="col">Trong hồ sơ</th><th scope="col">Trong CSDL dân cư</th><th scope="col">Đối chiếu</th></tr></thead>
          <tbody>{r.comparison.map((l) => (
            <tr><th scope="row">{COMPARE_LABEL[l.field]}</th><td>{l.typed || '—'}</td><td>{l.verdict === 'same' ? l.held : <strong>{l.held}</strong>}</td>
              <td><span class={VERDICT[l.verdict].cls}>{VERDICT[l.verdict].label}</span></td></tr>
          ))}</tbody>
        </table></div>
      ) : <p>Người được tra cứu không phải người nộp hồ sơ này.</p>}
      <SummaryList rows={[
        { key: 'Họ, chữ đệm và tên', value: rec.fullName }, { key: 'Ngày sinh', value: fmtDate(rec.dateOfBirth) }, { key: 'Giới tính', value: rec.sex },
        { key: 'Nơi thường trú', value: rec.permanentResidence || '—' }, { key: 'Nơi ở hiện tại', value: rec.currentResidence || '—' },
        { key: 'Dân tộc', value: rec.ethnicity || '—' }, { key: 'Quốc tịch', value: rec.nationality || '—' },
      ]} />
      <form method="post" action={`${registryPath(v.row.id)}/dung`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="lookupId" value={String(r.lookupId)} />
        {r.isApplicant && <><input type="hidden" name="record" value={enc(rec)} /><input type="hidden" name="seal" value={r.seal} /></>}
        <Button>{r.isApplicant ? 'Dùng thông tin này' : 'Xác nhận đã dùng thông tin này cho hồ sơ'}</Button>
        <p class="hint">{r.isApplicant
          ? 'Họ tên và nơi cư trú của người nộp trong hồ sơ được cập nhật theo Cơ sở dữ liệu quốc gia về dân cư (ghi vào lịch sử hồ sơ); hồ sơ được ghi nhận có sử dụng dữ liệu dân cư.'
          : 'Ghi nhận hồ sơ có sử dụng dữ liệu của Cơ sở dữ liệu quốc gia về dân cư.'}</p>
      </form>
    </section>
  );
}

function VerifyResults({ v, csrf }: { v: View; csrf: string }) {
  const r = v.verify!;
  return (
    <section aria-labelledby="kq-ho-tich">
      <h2 id="kq-ho-tich">Kết quả kiểm tra hộ tịch</h2>
      {r.match && r.record ? (
        <>
          <p><span class="tag tag--green">Khớp</span> với Cơ sở dữ liệu hộ tịch điện tử.</p>
          <SummaryList rows={[
            { key: 'Số đăng ký', value: `${r.record.number}${r.record.book ? `, quyển số ${r.record.book}` : ''}` },
            { key: 'Ngày đăng ký', value: fmtDate(r.record.registeredOn) }, { key: 'Nơi đăng ký', value: r.record.registeredBy || '—' },
            { key: r.record.kind === 'birth' ? 'Người được khai sinh' : 'Người chồng', value: r.record.name },
            ...(r.record.otherName ? [{ key: 'Người vợ', value: r.record.otherName }] : []),
            ...(r.record.dateOfBirth ? [{ key: 'Ngày sinh', value: fmtDate(r.record.dateOfBirth) }] : []),
            ...(r.record.mother ? [{ key: 'Mẹ', value: r.record.mother }] : []),
            ...(r.record.father ? [{ key: 'Cha', value: r.record.father }] : []),
          ]} />
          <form method="post" action={`${registryPath(v.row.id)}/dung`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="lookupId" value={String(r.lookupId)} />
            <Button>Xác nhận dùng kết quả kiểm tra cho hồ sơ</Button>
          </form>
        </>
      ) : (
        <p><span class="tag tag--red">Không khớp</span> {r.mismatches.map((m) => MISMATCH[m] ?? m).join(', ')}{r.mismatches[0] === 'not_found' ? '.' : ' khác với bản ghi.'} Lần kiểm tra đã được ghi nhật ký.</p>
      )}
    </section>
  );
}

function RegistryPage({ v, csrf }: { v: View; csrf: string }) {
  const e = (f: string) => v.errors?.find((x) => x.field === f)?.message;
  const name = v.row.code ?? v.row.reference;
  return (
    <>
      <ErrorSummary errors={v.errors ?? []} />
      <p class="muted">Hồ sơ {name} · {v.row.applicant_name}</p>
      <h1>Tra cứu cơ sở dữ liệu quốc gia</h1>
      <p>Chỉ tra cứu để giải quyết hồ sơ này, đúng người, đúng mục đích. Mỗi lần tra cứu được ghi lại người tra cứu, thời điểm, hồ sơ và mục đích (Thông tư 117/2026/TT-BCA).</p>
      {v.population && <PopulationResults v={v} csrf={csrf} />}
      {v.verify && <VerifyResults v={v} csrf={csrf} />}
      <section aria-labelledby="dan-cu">
        <h2 id="dan-cu">Tra cứu CSDL dân cư</h2>
        <form method="post" action={`${registryPath(v.row.id)}/dan-cu`} novalidate>
          <CsrfField token={csrf} />
          <TextField name="idNumber" label="Số định danh cá nhân" required value={v.values.idNumber} error={e('idNumber')} inputmode="numeric" autocomplete="off" width="short"
            hint="12 chữ số, lấy theo hồ sơ." />
          <Select name="purpose" label="Mục đích tra cứu" required value={v.values.purpose} error={e('purpose')} options={PURPOSE_OPTIONS} />
          <Button>Tra cứu CSDL dân cư</Button>
        </form>
      </section>
      <section aria-labelledby="ho-tich">
        <h2 id="ho-tich">Kiểm tra hộ tịch</h2>
        <form method="post" action={`${registryPath(v.row.id)}/ho-tich`} novalidate>
          <CsrfField token={csrf} />
          <Radios name="kind" legend="Loại giấy tờ" value={v.values.kind || 'birth'} error={e('kind')}
            options={[{ value: 'birth', label: 'Giấy khai sinh, trích lục khai sinh' }, { value: 'marriage', label: 'Giấy chứng nhận kết hôn, trích lục kết hôn' }]} />
          <TextField name="number" label="Số đăng ký" required value={v.values.number} error={e('number')} width="short" />
          <TextField name="book" label="Quyển số" value={v.values.book} error={e('book')} width="short" hint="Nếu giấy tờ có ghi." />
          <TextField name="name" label="Họ, chữ đệm, tên người được khai sinh hoặc người chồng" required value={v.values.name} error={e('name')} />
          <TextField name="otherName" label="Họ, chữ đệm, tên người vợ" value={v.values.otherName} error={e('otherName')} hint="Chỉ với giấy chứng nhận kết hôn." />
          <TextField name="date" label="Ngày sinh (khai sinh) hoặc ngày đăng ký (kết hôn)" required value={v.values.date} error={e('date')} width="short" hint="Ví dụ 15/01/2026." />
          <Select name="purpose" label="Mục đích kiểm tra" required value={v.values.purposeCs} error={e('purposeCs')} options={PURPOSE_OPTIONS} />
          <Button>Kiểm tra hộ tịch</Button>
        </form>
      </section>
      {v.past.length > 0 && (
        <section aria-labelledby="da-tra-cuu">
          <h2 id="da-tra-cuu">Các lần tra cứu cho hồ sơ này</h2>
          <ul>{v.past.map((l) => (
            <li>{fmtDateTime(l.at)} · {l.staff_name ?? 'Công dân'} · {registryLabel(l.registry)} · {l.purpose} · {l.subject_name ?? ''} {l.subject_masked} · {outcomeLabel(l.outcome)}</li>
          ))}</ul>
        </section>
      )}
    </>
  );
}

async function context(deps: Deps, p: Principal, id: string) {
  const row = UUID.test(id) ? await loadDossier(deps.db, p, id) : undefined;
  if (!row) throw notFound('hồ sơ');
  return row;
}

async function render(deps: Deps, reply: FastifyReply, p: Principal, v: Omit<View, 'past'>, status = 200) {
  const past = await lookupsOfDossier(deps.db, v.row.id);
  return staffPage(reply, p, `Tra cứu cơ sở dữ liệu quốc gia – hồ sơ ${v.row.code ?? v.row.reference}`, (csrf) => <RegistryPage v={{ ...v, past }} csrf={csrf} />,
    { status, back: { href: `/can-bo/ho-so/${v.row.id}`, label: `Hồ sơ ${v.row.code ?? v.row.reference}` } });
}

/** A refusal or failure shown on the form (the field it concerns, else the form). */
function asError(e: unknown, purposeField: string): FieldError[] | null {
  if (!(e instanceof Problem) || (e.status >= 500 && e.status !== 502 && e.status !== 503)) return null;
  if (e.code === 'NOT_FOUND') return null;
  const field = e.code === 'PURPOSE_REQUIRED' ? purposeField : e.code === 'ID_NUMBER_INVALID' ? 'idNumber' : e.code === 'VERIFY_INVALID' ? 'number' : 'idNumber';
  return [{ field, message: e.title }];
}

export async function registryLookupPages(app: App, deps: Deps): Promise<void> {
  app.get('/can-bo/ho-so/:id/co-so-du-lieu', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const row = await context(deps, p, (req.params as { id: string }).id);
    return render(deps, reply, p, { row, values: { idNumber: (await idNumberOf(deps.db, row.id)) ?? '', purpose: '' } });
  });

  app.post('/can-bo/ho-so/:id/co-so-du-lieu/dan-cu', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? registryPath(id) : '/can-bo/ho-so');
    if (!p) return reply;
    const row = await context(deps, p, id);
    const form = formOf(req);
    const values = { idNumber: str(form, 'idNumber').replace(/\s+/g, ''), purpose: str(form, 'purpose') };
    try {
      const population = await lookupPopulation(deps, p, { dossierId: row.id, purpose: values.purpose, idNumber: values.idNumber });
      return render(deps, reply, p, { row, values, population });
    } catch (e) {
      const errors = asError(e, 'purpose');
      if (!errors) throw e;
      return render(deps, reply, p, { row, values, errors }, (e as Problem).status);
    }
  });

  app.post('/can-bo/ho-so/:id/co-so-du-lieu/ho-tich', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? registryPath(id) : '/can-bo/ho-so');
    if (!p) return reply;
    const row = await context(deps, p, id);
    const form = formOf(req);
    const values: Values = { idNumber: (await idNumberOf(deps.db, row.id)) ?? '', purpose: '', purposeCs: str(form, 'purpose') };
    for (const k of ['kind', 'number', 'book', 'name', 'otherName', 'date']) values[k] = str(form, k);
    try {
      const verify = await verifyCivilStatus(deps, p, { dossierId: row.id, purpose: values.purposeCs, subject: values });
      return render(deps, reply, p, { row, values, verify });
    } catch (e) {
      const errors = asError(e, 'purposeCs');
      if (!errors) throw e;
      return render(deps, reply, p, { row, values, errors }, (e as Problem).status);
    }
  });

  app.post('/can-bo/ho-so/:id/co-so-du-lieu/dung', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? registryPath(id) : '/can-bo/ho-so');
    if (!p) return reply;
    const row = await context(deps, p, id);
    const form = formOf(req);
    const lookupId = Number(str(form, 'lookupId'));
    if (!Number.isSafeInteger(lookupId) || lookupId < 1) throw notFound('lần tra cứu');
    let record: PopulationRecord | undefined;
    if (str(form, 'record')) {
      try {
        record = JSON.parse(Buffer.from(str(form, 'record'), 'base64url').toString()) as PopulationRecord;
      } catch {
        throw new Problem(422, 'RECORD_ALTERED', 'Thông tin gửi lại không đúng với kết quả tra cứu. Hãy tra cứu lại.');
      }
    }
    let changed: string[];
    try {
      ({ changed } = await deps.db.transaction().execute((trx) => useLookup(trx, p, { dossierId: row.id, lookupId, ...(record ? { record, seal: str(form, 'seal') } : {}) }, deps.now())));
    } catch (e) {
      if (!(e instanceof Problem) || e.status >= 500) throw e;
      return render(deps, reply, p, { row, values: { idNumber: (await idNumberOf(deps.db, row.id)) ?? '', purpose: '' }, errors: [{ field: 'idNumber', message: e.title }] }, e.status);
    }
    // The dossier page says what was done: the applicant's update (the action's label), or the use recorded.
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=${changed.length ? 'update_applicant' : 'registry'}`, 303);
  });
}
