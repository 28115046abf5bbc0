// Units administration: list, add, rename, mark as a receiving unit with its own agency e-identifier, set a unit's
// work phone. The dossier commands cache the commune's units: the cache is cleared after each committed change.
// There is no page for the commune's own settings, so the People's Committee's phone (the last one BM.02 falls back
// to) is edited on the page of a receiving unit, the one-stop desk.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { notFound } from '../../../http/problem.ts';
import type { Principal } from '../../../identity/core/principal.ts';
import { addUnit, updateCommunePhone, updateUnit } from '../../../org/admin.ts';
import { forgetCommuneUnits, getCommune, getUnit, listUnits } from '../../../org/store.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { ADMIN_BACK, KeyField, Notice, adminOrLogin, formOf, isFormProblem, onceForm, q1, staffPage, str, type Form } from '../common.tsx';
import { Input, Options, Table } from '../../fields.tsx';

const LIST = '/can-bo/quan-tri/don-vi';
const FIELD_OF_CODE: Record<string, string> = {
  UNIT_CODE_INVALID: 'code', UNIT_CODE_TAKEN: 'code', UNIT_NAME_INVALID: 'name', AGENCY_CODE_INVALID: 'agencyCode', AGENCY_CODE_NOT_RECEIVING: 'agencyCode',
  PHONE_INVALID: 'phone',
};
const PHONE_HINT = 'Số điện thoại cơ quan, ví dụ 0208 3855 123; in trên phiếu yêu cầu bổ sung, hoàn thiện hồ sơ để người dân gọi khi cần hướng dẫn. Để trống nếu chưa có.';

function UnitFields({ values, errors, withCode }: { values: Form; errors: FieldError[]; withCode: boolean }) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return (
    <>
      {withCode && <Input id="code" name="code" label="Mã đơn vị" hint="Chữ in hoa, số, dấu gạch dưới; ví dụ TP. Không đổi được sau khi tạo." required value={str(values, 'code')} error={err('code')} short />}
      <Input id="name" name="name" label="Tên đơn vị" required value={str(values, 'name')} error={err('name')} />
      <Options id="receives" name="receives" legend="Tiếp nhận hồ sơ" type="checkbox" value={str(values, 'receives') ? '1' : undefined}
        options={[{ value: '1', label: 'Đơn vị tiếp nhận và trả kết quả (Bộ phận Một cửa)' }]} />
      <Input id="agencyCode" name="agencyCode" label="Mã định danh điện tử riêng" hint="Chỉ cho đơn vị tiếp nhận; để trống để dùng mã của xã. Dùng làm tiền tố mã hồ sơ."
        value={str(values, 'agencyCode')} error={err('agencyCode')} />
      <Input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="off" label="Số điện thoại" hint={PHONE_HINT}
        value={str(values, 'phone')} error={err('phone')} short />
    </>
  );
}

const inputOf = (f: Form) => ({
  name: str(f, 'name'), receivesDossiers: str(f, 'receives') === '1', agencyCode: str(f, 'agencyCode') || null, phone: str(f, 'phone'),
});
/** The field in error: a wrong phone names its field (the unit's or the commune's), the other codes are mapped. */
const toErrors = (e: { code: string; title: string; errors?: { path: string }[] }): FieldError[] => {
  const named = e.code === 'PHONE_INVALID' ? e.errors?.[0]?.path.slice(1) : undefined;
  return [{ field: named ?? FIELD_OF_CODE[e.code] ?? 'name', message: e.title }];
};

async function listPage(deps: Deps, reply: FastifyReply, p: Principal, values: Form = {}, errors: FieldError[] = [], status = 200, ok = '') {
  const [units, commune] = await Promise.all([listUnits(deps.db, p.communeId), getCommune(deps.db, p.communeId)]);
  const desk = units.find((u) => u.receivesDossiers);
  return staffPage(reply, p, 'Đơn vị', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {ok && <Notice>Đã lưu đơn vị {ok}.</Notice>}
      <h1>Đơn vị của xã</h1>
      <p>
        Số điện thoại của Ủy ban nhân dân xã: {commune?.phone ?? 'chưa có'}.
        {desk && <> Sửa tại trang của <a href={`${LIST}/${desk.id}`}>{desk.name}</a>.</>}
      </p>
      <Table caption="Các đơn vị của xã" head={['Mã', 'Tên đơn vị', 'Tiếp nhận hồ sơ', 'Mã định danh điện tử', 'Số điện thoại', '']}>
        {units.map((u) => (
          <tr>
            <td>{u.code}</td><td>{u.name}</td><td>{u.receivesDossiers ? 'Có' : 'Không'}</td><td>{u.agencyCode ?? '—'}</td><td>{u.phone ?? '—'}</td>
            <td><a href={`${LIST}/${u.id}`}>Sửa<span class="visually-hidden"> {u.name}</span></a></td>
          </tr>
        ))}
      </Table>
      <h2 id="add">Thêm đơn vị</h2>
      <form method="post" action={LIST} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <UnitFields values={values} errors={errors} withCode />
        <button type="submit" class="button button--primary">Thêm đơn vị</button>
      </form>
    </>
  ), { status, back: ADMIN_BACK });
}

type Unit = NonNullable<Awaited<ReturnType<typeof getUnit>>>;

/** The edit form; a receiving unit's also holds the commune's phone (`communePhone`). */
async function editPage(reply: FastifyReply, p: Principal, u: Unit, values: Form, errors: FieldError[] = [], status = 200) {
  const { id, code } = u;
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return staffPage(reply, p, `Sửa đơn vị ${code}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Sửa đơn vị {code}</h1>
      <form method="post" action={`${LIST}/${id}`} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <UnitFields values={values} errors={errors} withCode={false} />
        {u.receivesDossiers && (
          <Input id="communePhone" name="communePhone" type="tel" inputmode="tel" autocomplete="off" label="Số điện thoại của Ủy ban nhân dân xã"
            hint="Dùng chung cho cả xã; in trên phiếu gửi người dân khi cán bộ và đơn vị chưa có số điện thoại. Để trống nếu chưa có."
            value={str(values, 'communePhone')} error={err('communePhone')} short />
        )}
        <button type="submit" class="button button--primary">Lưu</button>
      </form>
    </>
  ), { status, back: { href: LIST, label: 'Đơn vị' } });
}

const idOf = (s: string) => (/^\d{1,12}$/.test(s) ? Number(s) : null);

export async function unitPages(app: App, deps: Deps) {
  app.get(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    return listPage(deps, reply, p, {}, [], 200, q1(req, 'ok').slice(0, 20));
  });

  app.post(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const f = formOf(req);
    const code = str(f, 'code').toUpperCase();
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({ status: 201, body: { id: await addUnit(trx, p, { code, ...inputOf(f) }) } }), str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return listPage(deps, reply, p, f, toErrors(e), e.status);
    }
    forgetCommuneUnits();
    return reply.redirect(`${LIST}?ok=${encodeURIComponent(code)}`, 303);
  });

  app.get(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    const id = idOf((req.params as { id: string }).id);
    const [u, commune] = await Promise.all([id === null ? undefined : getUnit(deps.db, p.communeId, id), getCommune(deps.db, p.communeId)]);
    if (!u) throw notFound('đơn vị');
    return editPage(reply, p, u, {
      name: u.name, receives: u.receivesDossiers ? '1' : undefined, agencyCode: u.agencyCode ?? '', phone: u.phone ?? '', communePhone: commune?.phone ?? '',
    });
  });

  app.post(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const id = idOf((req.params as { id: string }).id);
    const u = id === null ? undefined : await getUnit(deps.db, p.communeId, id);
    if (!u) throw notFound('đơn vị');
    const f = formOf(req);
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await updateUnit(trx, p, u.id, inputOf(f));
        if (u.receivesDossiers) await updateCommunePhone(trx, p, str(f, 'communePhone'), 'communePhone');
        return { status: 200, body: { id: u.id } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return editPage(reply, p, u, f, toErrors(e), e.status);
    }
    forgetCommuneUnits();
    return reply.redirect(`${LIST}?ok=${encodeURIComponent(u.code)}`, 303);
  });
}
