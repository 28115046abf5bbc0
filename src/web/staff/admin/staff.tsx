// Staff administration: list, add (argon2id password), edit name/title/unit/roles/work phone, deactivate or reactivate
// (a deactivated account cannot log in and its sessions end), set a new password. An administrator cannot
// deactivate their own account or remove their own administrator role (no lock-out). A commune's administrator is
// not offered the province-level role and cannot change an account that holds it (org/admin.ts refuses both).
// Every change is recorded in the admin audit trail (org/admin.ts).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { Problem, notFound } from '../../../http/problem.ts';
import { ROLE_NAMES_VI, STAFF_ROLES, grantableRoles, type Principal, type StaffRole } from '../../../identity/core/principal.ts';
import { MIN_PASSWORD, addStaff, resetPassword, setStaffActive, updateStaff, type StaffInput } from '../../../org/admin.ts';
import { getStaff, listStaff, listUnits } from '../../../org/store.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { ADMIN_BACK, KeyField, Notice, adminOrLogin, all, formOf, isFormProblem, onceForm, q1, staffPage, str, type Form } from '../common.tsx';
import { Choice, Input, Options, Table } from '../../fields.tsx';
import { totpState } from '../../../identity/staff/totp-store.ts';
import { TwoFactorAdmin } from '../account.tsx';

const LIST = '/can-bo/quan-tri/can-bo';
/** The roles the administrator may give (the province-level role only by someone who holds it). */
const roleOptions = (p: Principal) => grantableRoles(p).map((r) => ({ value: r, label: ROLE_NAMES_VI[r] }));
const FIELD_OF_CODE: Record<string, string> = {
  USERNAME_INVALID: 'username', USERNAME_TAKEN: 'username', PASSWORD_TOO_SHORT: 'password', FULL_NAME_INVALID: 'fullName',
  TITLE_INVALID: 'title', ROLES_INVALID: 'roles', ROLE_NOT_GRANTABLE: 'roles', UNKNOWN_UNIT: 'unitId', UNIT_REQUIRED: 'unitId', SELF_LOCKOUT: 'roles', PHONE_INVALID: 'phone',
};
const toErrors = (e: { code: string; title: string }, fallback = 'fullName'): FieldError[] => [{ field: FIELD_OF_CODE[e.code] ?? fallback, message: e.title }];
const OK: Record<string, string> = { added: 'Đã thêm cán bộ.', saved: 'Đã lưu thông tin cán bộ.', deactivated: 'Đã ngừng kích hoạt tài khoản.', activated: 'Đã kích hoạt lại tài khoản.', password: 'Đã đặt mật khẩu mới.' };

type Units = Awaited<ReturnType<typeof listUnits>>;

function inputOf(f: Form): StaffInput {
  const unit = str(f, 'unitId');
  return {
    fullName: str(f, 'fullName'), title: str(f, 'title'),
    unitId: /^\d{1,12}$/.test(unit) ? Number(unit) : null,
    roles: all(f, 'roles').filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)),
    phone: str(f, 'phone'),
  };
}

function StaffFields({ values, errors, units, p }: { values: Form; errors: FieldError[]; units: Units; p: Principal }) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return (
    <>
      <Input id="fullName" name="fullName" label="Họ và tên" required value={str(values, 'fullName')} error={err('fullName')} />
      <Input id="title" name="title" label="Chức danh" value={str(values, 'title')} error={err('title')} />
      <Input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="off" label="Số điện thoại công vụ"
        hint="Số điện thoại cơ quan hoặc số di động dùng cho công việc, không nhập số cá nhân: số này được in trên phiếu yêu cầu bổ sung, hoàn thiện hồ sơ gửi người dân. Để trống nếu chưa có."
        value={str(values, 'phone')} error={err('phone')} short />
      <Choice id="unitId" name="unitId" label="Đơn vị" hint="Bắt buộc với chuyên viên, trưởng đơn vị và cán bộ tiếp nhận." value={str(values, 'unitId')} error={err('unitId')}
        options={units.map((u) => ({ value: String(u.id), label: `${u.name} (${u.code})` }))} />
      <Options id="roles" name="roles" legend="Vai trò" type="checkbox" required value={all(values, 'roles')} error={err('roles')} options={roleOptions(p)} />
    </>
  );
}

async function listPage(deps: Deps, reply: FastifyReply, p: Principal, values: Form = {}, errors: FieldError[] = [], status = 200, ok = '') {
  const [staff, units] = await Promise.all([listStaff(deps.db, p.communeId), listUnits(deps.db, p.communeId)]);
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return staffPage(reply, p, 'Cán bộ', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {OK[ok] && <Notice>{OK[ok]}</Notice>}
      <h1>Cán bộ của xã</h1>
      <Table caption="Tài khoản cán bộ" head={['Họ và tên', 'Tên đăng nhập', 'Đơn vị', 'Số điện thoại công vụ', 'Vai trò', 'Trạng thái', '']}>
        {staff.map((s) => (
          <tr>
            <td>{s.fullName}{s.title ? <><br /><span class="muted">{s.title}</span></> : null}</td>
            <td>{s.username}</td>
            <td>{s.unitCode ?? '—'}</td>
            <td>{s.phone ?? '—'}</td>
            <td>{s.roles.map((r) => ROLE_NAMES_VI[r as StaffRole] ?? r).join('; ')}</td>
            <td>{s.active ? 'Đang hoạt động' : <strong>Đã ngừng kích hoạt</strong>}</td>
            <td><a href={`${LIST}/${s.id}`}>Sửa<span class="visually-hidden"> {s.fullName}</span></a></td>
          </tr>
        ))}
      </Table>
      <h2 id="add">Thêm cán bộ</h2>
      <form method="post" action={LIST} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <Input id="username" name="username" label="Tên đăng nhập" hint="3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang." required value={str(values, 'username')} error={err('username')} autocomplete="off" />
        <Input id="password" name="password" type="password" label="Mật khẩu ban đầu" hint={`Ít nhất ${MIN_PASSWORD} ký tự. Trao cho cán bộ trực tiếp.`} required error={err('password')} autocomplete="new-password" />
        <StaffFields values={values} errors={errors} units={units} p={p} />
        <button type="submit" class="button button--primary">Thêm cán bộ</button>
      </form>
    </>
  ), { status, back: ADMIN_BACK });
}

type Member = NonNullable<Awaited<ReturnType<typeof getStaff>>>;

async function editPage(deps: Deps, reply: FastifyReply, p: Principal, s: Member, values: Form, errors: FieldError[] = [], status = 200) {
  const units = await listUnits(deps.db, p.communeId);
  const twoFactor = (await totpState(deps.db, s.id)).enabled;
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const self = s.id === p.id;
  return staffPage(reply, p, `Cán bộ ${s.fullName}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{s.fullName}</h1>
      <p class="lead">Tên đăng nhập: {s.username} · {s.active ? 'Đang hoạt động' : 'Đã ngừng kích hoạt'}</p>
      <form method="post" action={`${LIST}/${s.id}`} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <StaffFields values={values} errors={errors} units={units} p={p} />
        <button type="submit" class="button button--primary">Lưu thông tin</button>
      </form>
      <h2>Đặt mật khẩu mới</h2>
      <form method="post" action={`${LIST}/${s.id}/mat-khau`} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <Input id="password" name="password" type="password" label="Mật khẩu mới" hint={`Ít nhất ${MIN_PASSWORD} ký tự. Các phiên đăng nhập đang mở sẽ kết thúc.`} required error={err('password')} autocomplete="new-password" />
        <button type="submit" class="button button--secondary">Đặt mật khẩu</button>
      </form>
      <TwoFactorAdmin csrf={csrf} staffId={s.id} enabled={twoFactor} />
      <h2>Trạng thái tài khoản</h2>
      {self ? <p>Bạn không thể ngừng kích hoạt tài khoản của chính mình.</p> : (
        <form method="post" action={`${LIST}/${s.id}/trang-thai`}>
          <CsrfField token={csrf} />
          <KeyField />
          <input type="hidden" name="active" value={s.active ? '0' : '1'} />
          {s.active && <p>Cán bộ bị ngừng kích hoạt không đăng nhập được; hồ sơ và nhật ký của họ được giữ nguyên.</p>}
          <button type="submit" class={`button button--${s.active ? 'warning' : 'secondary'}`}>{s.active ? 'Ngừng kích hoạt tài khoản' : 'Kích hoạt lại tài khoản'}</button>
        </form>
      )}
    </>
  ), { status, back: { href: LIST, label: 'Cán bộ' } });
}

async function member(deps: Deps, p: Principal, raw: string): Promise<Member> {
  const s = /^\d{1,12}$/.test(raw) ? await getStaff(deps.db, p.communeId, Number(raw)) : undefined;
  if (!s) throw notFound('cán bộ');
  return s;
}

const valuesOf = (s: Member): Form => ({
  fullName: s.fullName, title: s.title, unitId: s.unitId === null ? '' : String(s.unitId), roles: s.roles, phone: s.phone ?? '',
});

export async function staffAdminPages(app: App, deps: Deps) {
  app.get(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    return listPage(deps, reply, p, {}, [], 200, q1(req, 'ok'));
  });

  app.post(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const f = formOf(req);
    const password = typeof f.password === 'string' ? f.password : '';
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({
        status: 201, body: { id: await addStaff(trx, p, { ...inputOf(f), username: str(f, 'username'), password }) },
      }), str(f, '_key'), { ...f, password: undefined, _csrf: undefined });
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return listPage(deps, reply, p, f, toErrors(e, 'username'), e.status);
    }
    return reply.redirect(`${LIST}?ok=added`, 303);
  });

  app.get(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    const s = await member(deps, p, (req.params as { id: string }).id);
    return editPage(deps, reply, p, s, valuesOf(s));
  });

  app.post(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const s = await member(deps, p, (req.params as { id: string }).id);
    const f = formOf(req);
    const input = inputOf(f);
    try {
      if (s.id === p.id && !input.roles.includes('admin')) {
        throw new Problem(422, 'SELF_LOCKOUT', 'Bạn không thể bỏ vai trò quản trị hệ thống của chính mình.');
      }
      await onceForm(deps, req, reply, p, async (trx) => {
        await updateStaff(trx, p, s.id, input);
        return { status: 200, body: { id: s.id } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return editPage(deps, reply, p, s, f, toErrors(e), e.status);
    }
    return reply.redirect(`${LIST}?ok=saved`, 303);
  });

  app.post(`${LIST}/:id/trang-thai`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const s = await member(deps, p, (req.params as { id: string }).id);
    const f = formOf(req);
    const active = str(f, 'active') === '1';
    if (s.id === p.id) throw new Problem(422, 'SELF_LOCKOUT', 'Bạn không thể ngừng kích hoạt tài khoản của chính mình.');
    await onceForm(deps, req, reply, p, async (trx) => {
      await setStaffActive(trx, p, s.id, active);
      return { status: 200, body: { id: s.id, active } };
    }, str(f, '_key'));
    return reply.redirect(`${LIST}?ok=${active ? 'activated' : 'deactivated'}`, 303);
  });

  app.post(`${LIST}/:id/mat-khau`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, LIST);
    if (!p) return reply;
    const s = await member(deps, p, (req.params as { id: string }).id);
    const f = formOf(req);
    const password = typeof f.password === 'string' ? f.password : '';
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await resetPassword(trx, p, s.id, password);
        return { status: 200, body: { id: s.id } };
      }, str(f, '_key'), { key: str(f, '_key') });
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return editPage(deps, reply, p, s, valuesOf(s), toErrors(e, 'password'), e.status);
    }
    return reply.redirect(`${LIST}?ok=password`, 303);
  });
}
