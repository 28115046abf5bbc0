// The counter's lookup in an applicant's data store (/can-bo/ho-so/:id/kho-du-lieu?component=<CODE>), linked from
// the dossier page: the applicant's personal ID number (pre-filled from the dossier) and a required reason; each
// lookup is logged with who, when and why in the same transaction as the read, also when nothing is found
// (TT 117/2026/TT-BCA). The items that stand for the component come first, the other valid items below; "Dùng giấy tờ
// này cho thành phần …" attaches one (source 'store': the reuse flags, 766 spec 4.3). Who and when: datastore/reuse.ts
// checkStoreUse, the same rules as the API (datastore/reuse-routes.ts).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import type { Principal } from '../../identity/core/principal.ts';
import type { Component } from '../../catalogue/core/types.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { idNumberOf, loadDossier, type DossierRow } from '../../dossiers/store.ts';
import { vnDate } from '../../calendar/core/index.ts';
import { attachLookedUp, checkStoreUse, itemJson, lookupErrors, lookupStore, type ItemJson } from '../../datastore/reuse.ts';
import { Button, CsrfField, ErrorSummary, TextArea, TextField, errorFor, type FieldError } from '../components.tsx';
import { fmtDate } from '../../shared/format.ts';
import { KeyField, UUID, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str } from './common.tsx';
import { staffOrLogin } from './guard.ts';

interface Found { forComponent: ItemJson[]; others: ItemJson[] }

interface View {
  row: DossierRow;
  name: string;
  components: Component[];
  component: Component | null;
  values: { idNumber: string; reason: string };
  errors?: FieldError[];
  found?: Found;
}

const pathOf = (id: string) => `/can-bo/ho-so/${id}/kho-du-lieu`;
const suggestedReason = (name: string, c: Component | null) =>
  `Tiếp nhận, giải quyết hồ sơ ${name}: kiểm tra ${c ? `thành phần “${c.name}”` : 'giấy tờ của người nộp'} đã có trong kho dữ liệu, không yêu cầu nộp lại.`;

function ItemLine({ i }: { i: ItemJson }) {
  return (
    <>
      <strong>{i.typeName}</strong>{i.numberSymbol && <> số {i.numberSymbol}</>}, do {i.issuer} cấp ngày {fmtDate(i.validFrom)}
      {i.validTo && <> (có giá trị đến hết ngày {fmtDate(i.validTo)})</>}
    </>
  );
}

/** The "use it" buttons of an item: one per component of the procedure that accepts its type. */
function UseButtons({ v, i, csrf }: { v: View; i: ItemJson; csrf: string }) {
  const targets = v.components.filter((c) => c.accepts?.includes(i.typeCode));
  if (!targets.length) return <p class="hint">Không thành phần nào của thủ tục này nhận loại giấy tờ này.</p>;
  return (
    <>
      {targets.map((c) => (
        <form method="post" action={`${pathOf(v.row.id)}/dung`}>
          <CsrfField token={csrf} />
          <KeyField />
          <input type="hidden" name="component" value={c.code} />
          <input type="hidden" name="giay_to" value={String(i.id)} />
          <Button variant="secondary">Dùng giấy tờ này cho thành phần “{c.name}”</Button>
        </form>
      ))}
    </>
  );
}

function Results({ v, csrf }: { v: View; csrf: string }) {
  const f = v.found!;
  const none = !f.forComponent.length && !f.others.length;
  return (
    <section aria-labelledby="ket-qua">
      <h2 id="ket-qua">Kết quả tra cứu</h2>
      {none && <p>Kho dữ liệu của người có số định danh {v.values.idNumber} không có giấy tờ nào còn giá trị. Lần tra cứu này đã được ghi nhật ký.</p>}
      {v.component && (
        <>
          <h3>Giấy tờ dùng được cho thành phần “{v.component.name}”</h3>
          {f.forComponent.length ? (
            <ul>{f.forComponent.map((i) => <li><ItemLine i={i} /><UseButtons v={v} i={i} csrf={csrf} /></li>)}</ul>
          ) : <p>Không có giấy tờ còn giá trị thuộc loại mà thành phần này chấp nhận.</p>}
        </>
      )}
      {f.others.length > 0 && (
        <>
          <h3>{v.component ? 'Các giấy tờ khác còn giá trị' : 'Giấy tờ còn giá trị'}</h3>
          <ul>{f.others.map((i) => <li><ItemLine i={i} /><UseButtons v={v} i={i} csrf={csrf} /></li>)}</ul>
        </>
      )}
    </section>
  );
}

function LookupPage({ v, csrf }: { v: View; csrf: string }) {
  const e = (f: string) => errorFor(v.errors, f);
  return (
    <>
      <ErrorSummary errors={v.errors ?? []} />
      <p class="muted">Hồ sơ {v.name}</p>
      <h1>Tra cứu kho dữ liệu của người nộp</h1>
      <p>Mỗi lần tra cứu được ghi lại người tra cứu, thời điểm và lý do (Thông tư 117/2026/TT-BCA); người có giấy tờ xem được nhật ký này trong tài khoản của mình.</p>
      <form method="post" action={pathOf(v.row.id)} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        {v.component && <input type="hidden" name="component" value={v.component.code} />}
        <TextField name="idNumber" label="Số định danh cá nhân của người có giấy tờ" required value={v.values.idNumber} error={e('idNumber')}
          inputmode="numeric" autocomplete="off" width="short" hint="12 chữ số, lấy theo hồ sơ; sửa nếu giấy tờ là của người khác (ví dụ con của người nộp)." />
        <TextArea name="reason" label="Lý do tra cứu" required value={v.values.reason} error={e('reason')} hint="Bắt buộc. Ghi rõ tra cứu để làm gì." />
        <Button>Tra cứu kho dữ liệu</Button>
      </form>
      {v.found && <Results v={v} csrf={csrf} />}
    </>
  );
}

async function render(reply: FastifyReply, p: Principal, v: View, status = 200) {
  return staffPage(reply, p, `Tra cứu kho dữ liệu – hồ sơ ${v.name}`, (csrf) => <LookupPage v={v} csrf={csrf} />,
    { status, back: { href: `/can-bo/ho-so/${v.row.id}${v.component ? `#tp-${v.component.code}` : ''}`, label: `Hồ sơ ${v.name}` } });
}

/** The dossier (scoped to what the officer sees, else 404), checked for the store's use, with its components. */
async function context(deps: Deps, p: Principal, id: string, componentCode: string) {
  const row = UUID.test(id) ? await loadDossier(deps.db, p, id) : undefined;
  if (!row) throw notFound('hồ sơ');
  checkStoreUse(p, row);
  const components = (await procedureVersion(deps.db, row.procedure_code, row.procedure_version))?.components ?? [];
  const component = componentCode ? components.find((c) => c.code === componentCode) : null;
  if (component === undefined) throw notFound('thành phần hồ sơ');
  return { row, components, component, name: row.code ?? row.reference };
}

export async function storeLookupPages(app: App, deps: Deps): Promise<void> {
  app.get('/can-bo/ho-so/:id/kho-du-lieu', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const c = await context(deps, p, (req.params as { id: string }).id, q1(req, 'component'));
    const idNumber = (await idNumberOf(deps.db, c.row.id)) ?? '';
    return render(reply, p, { ...c, values: { idNumber, reason: suggestedReason(c.name, c.component) } });
  });

  app.post('/can-bo/ho-so/:id/kho-du-lieu', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? pathOf(id) : '/can-bo/ho-so');
    if (!p) return reply;
    const form = formOf(req);
    const c = await context(deps, p, id, str(form, 'component'));
    const values = { idNumber: str(form, 'idNumber').replace(/\s+/g, ''), reason: str(form, 'reason') };
    const errors = lookupErrors(values);
    if (errors.length) return render(reply, p, { ...c, values, errors }, 422);
    const found = await onceForm(deps, req, reply, p, async (trx) => {
      const now = deps.now();
      const r = await lookupStore(trx, { staffId: p.id, communeId: p.communeId }, c.row.id, { ownerIdNumber: values.idNumber, reason: values.reason, component: c.component }, vnDate(now), now);
      return { status: 200, body: { forComponent: r.forComponent.map(itemJson), others: r.others.map(itemJson) } };
    }, str(form, '_key'));
    return render(reply, p, { ...c, values, found });
  });

  app.post('/can-bo/ho-so/:id/kho-du-lieu/dung', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? pathOf(id) : '/can-bo/ho-so');
    if (!p) return reply;
    const form = formOf(req);
    const c = await context(deps, p, id, str(form, 'component'));
    const itemId = str(form, 'giay_to');
    if (!c.component || !/^\d{1,15}$/.test(itemId)) throw notFound('giấy tờ');
    const component = c.component;
    const values = { idNumber: (await idNumberOf(deps.db, c.row.id)) ?? '', reason: suggestedReason(c.name, component) };
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const { file } = await attachLookedUp(trx, c.row.id, component, Number(itemId), p.id, deps.now());
        return { status: 201, body: { id: file.id } };
      }, str(form, '_key'));
    } catch (e) {
      // Not found (no longer in what was looked up for this dossier), no longer valid, not accepted: said on the form.
      if (!isFormProblem(e) && !(e instanceof Problem && e.status === 404)) throw e;
      return render(reply, p, { ...c, values, errors: [{ field: 'idNumber', message: e.title }] }, e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${c.row.id}?ok=upload#tp-${component.code}`, 303);
  });
}
