// /can-bo/quan-tri/tinh/xa: the province's communes, for the province's administrator only. The list (units, active
// staff, dossiers of each commune) and two ways to add a commune with no code change: upload the commune file (the
// same JSON as `xaso commune add`, docs/examples/commune.json; an existing commune is updated), or a short form (id,
// name, agency e-identifier, first administrator). Errors are shown in the error summary with the file's JSON path;
// the one-time passwords of new accounts are shown once, on the answer page, never stored. Every change is recorded in
// the admin audit trail (province/onboard.ts). The upload is multipart: its CSRF token travels in the action's URL.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import type { Principal } from '../../../identity/core/principal.ts';
import { notFound } from '../../../http/problem.ts';
import { parseCommuneFile, readCommuneFile, showPath, type FileError } from '../../../province/core/commune-file.ts';
import { onboardCommune, type OnboardResult } from '../../../province/onboard.ts';
import { communeCounts, provinceOf } from '../../../province/store.ts';
import { forgetProvinceFigures } from '../../../province/access.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { Input, Options, Table } from '../../fields.tsx';
import { Notice, formOf, staffPage, str, type Form } from '../common.tsx';
import { rolePageOrLogin } from './guard.ts';

export const COMMUNES_PAGE = '/can-bo/quan-tri/tinh/xa';
const UPLOAD = `${COMMUNES_PAGE}/tep`;
const ADD = `${COMMUNES_PAGE}/them`;
const MAX_FILE = 1024 * 1024;

/** The short form's fields, by the path of the file it makes. */
const FIELD_OF_PATH: Record<string, string> = {
  id: 'id', name: 'name', agencyCode: 'agencyCode', agencyCodeIsDemo: 'agencyCode', 'staff[0].username': 'adminUsername',
  'staff[0].fullName': 'adminFullName', 'staff[0].title': 'adminFullName', staff: 'adminUsername', province: 'id',
};

const provinceAdmin = (req: FastifyRequest, reply: FastifyReply, page?: string) => rolePageOrLogin(req, reply, ['province_admin'], page);

async function listPage(
  deps: Deps, reply: FastifyReply, p: Principal, province: string,
  o: { values?: Form; errors?: FieldError[]; fileErrors?: FileError[]; status?: number } = {},
) {
  const communes = await communeCounts(deps.db, province);
  const values = o.values ?? {};
  const errors = [...(o.errors ?? []), ...(o.fileErrors ?? []).map((e) => ({ field: 'commune-file', message: `${showPath(e.path)}: ${e.message}` }))];
  const err = (f: string) => o.errors?.find((e) => e.field === f)?.message;
  return staffPage(reply, p, 'Các xã trong tỉnh', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Các xã trong tỉnh {province}</h1>
      <Table caption="Các xã trong tỉnh" head={['Mã xã', 'Tên xã', 'Mã định danh điện tử', 'Đơn vị', 'Cán bộ', 'Hồ sơ']}>
        {communes.map((c) => (
          <tr>
            <td><code>{c.id}</code></td><td>{c.name}</td><td>{c.agencyCode}{c.agencyCodeIsDemo ? ' (giá trị mẫu)' : ''}</td>
            <td>{c.units ?? 0}</td><td>{c.staff ?? 0}</td><td>{c.dossiers ?? 0}</td>
          </tr>
        ))}
      </Table>
      <h2 id="tep">Thêm hoặc cập nhật xã bằng tệp</h2>
      <p>Tệp JSON mô tả xã: mã, tên, tỉnh, mã định danh điện tử, giờ làm việc, các đơn vị, cán bộ, ngày nghỉ riêng của xã và các thủ
        tục xã không tiếp nhận (cùng tệp với lệnh <code>xaso commune add</code>; xem mẫu <code>docs/examples/commune.json</code>). Cả tệp được
        kiểm tra trước, rồi ghi một lần; gửi lại cùng tệp không tạo thêm gì.</p>
      <form method="post" action={`${UPLOAD}?${new URLSearchParams({ _csrf: csrf }).toString()}`} enctype="multipart/form-data" class="upload-form" id="form-file">
        <Input id="commune-file" name="file" type="file" label="Tệp mô tả xã (.json)" hint="Tối đa 1 MB." accept="application/json,.json" required
          error={o.fileErrors?.length ? `Tệp có ${o.fileErrors.length} lỗi, chưa ghi gì.` : undefined} />
        <Options id="dryRun" name="dryRun" legend="Chạy thử" type="checkbox" value={undefined}
          options={[{ value: '1', label: 'Chỉ kiểm tra và cho biết sẽ thay đổi gì, chưa ghi' }]} />
        <button type="submit" class="button button--primary">Gửi tệp</button>
      </form>
      <h2 id="them">Thêm nhanh một xã</h2>
      <p>Tạo xã với Bộ phận Một cửa (Trung tâm Phục vụ hành chính công), Văn phòng HĐND và UBND và tài khoản quản trị đầu tiên; quản trị của
        xã thêm các đơn vị, cán bộ còn lại.</p>
      <form method="post" action={ADD} novalidate>
        <CsrfField token={csrf} />
        <Input id="id" name="id" label="Mã xã" hint="Chữ thường không dấu và số, các tiếng nối bằng dấu gạch ngang, như mã các xã trong bảng trên. Không đổi được sau khi tạo." required value={str(values, 'id')} error={err('id')} short />
        <Input id="name" name="name" label="Tên xã" hint="Ví dụ: Xã Phú Xuyên" required value={str(values, 'name')} error={err('name')} />
        <Input id="agencyCode" name="agencyCode" label="Mã định danh điện tử của xã" hint="Theo danh mục của tỉnh (QĐ 20/2020/QĐ-TTg), ví dụ 000.00.12.H55; dùng làm tiền tố mã hồ sơ." required value={str(values, 'agencyCode')} error={err('agencyCode')} />
        <Options id="agencyCodeIsDemo" name="agencyCodeIsDemo" legend="Mã định danh" type="checkbox" value={str(values, 'agencyCodeIsDemo') ? '1' : undefined}
          options={[{ value: '1', label: 'Đây là giá trị mẫu, chưa phải mã được cấp' }]} />
        <Input id="adminUsername" name="adminUsername" label="Tên đăng nhập của quản trị xã" hint="3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang; ví dụ px.admin." required value={str(values, 'adminUsername')} error={err('adminUsername')} short />
        <Input id="adminFullName" name="adminFullName" label="Họ và tên quản trị xã" required value={str(values, 'adminFullName')} error={err('adminFullName')} />
        <button type="submit" class="button button--primary">Thêm xã</button>
      </form>
    </>
  ), { status: o.status, back: { href: '/can-bo/tinh', label: 'Chỉ số các xã' } });
}

/** The answer: what changed and, once, the one-time passwords (the page is not stored by the browser or a proxy). */
function donePage(reply: FastifyReply, p: Principal, r: Extract<OnboardResult, { ok: true }>) {
  void reply.header('Cache-Control', 'no-store');
  const title = r.dryRun ? `Chạy thử: xã ${r.communeId}` : r.created ? `Đã thêm xã ${r.communeId}` : `Đã cập nhật xã ${r.communeId}`;
  return staffPage(reply, p, title, () => (
    <>
      <h1>{title}</h1>
      {r.dryRun && <Notice warn>Chạy thử: chưa ghi gì. Gửi lại tệp, bỏ chọn "Chạy thử", để ghi.</Notice>}
      {r.changes.length === 0 ? <p>Không có gì thay đổi: dữ liệu đã đúng như tệp.</p> : (
        <>
          <p>{r.dryRun ? 'Sẽ có' : 'Đã ghi'} {r.changes.length} thay đổi:</p>
          <ul>{r.changes.map((c) => <li>{c}</li>)}</ul>
        </>
      )}
      {r.passwords.length > 0 && (
        <>
          <h2>Mật khẩu dùng một lần</h2>
          <Notice warn>Chỉ hiện lần này, hệ thống không lưu lại. Giao tận tay từng người, giữ kín; quản trị của xã đặt lại mật khẩu tại Quản trị › Cán bộ khi cần.</Notice>
          <Table caption="Mật khẩu dùng một lần của tài khoản mới" head={['Tên đăng nhập', 'Mật khẩu']}>
            {r.passwords.map((x) => <tr><td>{x.username}</td><td><code>{x.password}</code></td></tr>)}
          </Table>
        </>
      )}
      <p><a href={COMMUNES_PAGE}>Về danh sách các xã</a></p>
    </>
  ), { back: { href: COMMUNES_PAGE, label: 'Các xã trong tỉnh' } });
}

/** The commune file of the multipart post, as text; or why not. */
async function fileText(req: FastifyRequest): Promise<{ text: string; dryRun: boolean } | { error: string; status: number }> {
  if (!req.isMultipart()) return { error: 'Cần gửi tệp bằng biểu mẫu tải tệp.', status: 415 };
  let text: string | undefined;
  let dryRun = false;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (content.length > MAX_FILE) return { error: 'Tệp quá lớn: tối đa 1 MB.', status: 413 };
        if (part.filename) text = content.toString('utf8');
      } else if (part.fieldname === 'dryRun') dryRun = part.value === '1';
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { error: 'Tệp quá lớn: tối đa 1 MB.', status: 413 };
    throw e;
  }
  if (!text?.trim()) return { error: 'Chưa chọn tệp, hoặc tệp rỗng.', status: 422 };
  return { text, dryRun };
}

export async function communeAdminPages(app: App, deps: Deps) {
  const provinceOrThrow = async (p: Principal) => {
    const province = await provinceOf(deps.db, p.communeId);
    if (!province) throw notFound('tỉnh của bạn');
    return province;
  };

  app.get(COMMUNES_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = provinceAdmin(req, reply);
    if (!p) return reply;
    return listPage(deps, reply, p, await provinceOrThrow(p));
  });

  app.post(UPLOAD, { schema: { hide: true } }, async (req, reply) => {
    const p = provinceAdmin(req, reply, COMMUNES_PAGE);
    if (!p) return reply;
    const province = await provinceOrThrow(p);
    const got = await fileText(req);
    if ('error' in got) return listPage(deps, reply, p, province, { fileErrors: [{ path: '', message: got.error }], status: got.status });
    const read = parseCommuneFile(got.text);
    if (!read.ok) return listPage(deps, reply, p, province, { fileErrors: read.errors, status: 422 });
    const r = await onboardCommune(deps.db, read.file, { actor: p, province, dryRun: got.dryRun });
    if (!r.ok) return listPage(deps, reply, p, province, { fileErrors: r.errors, status: 422 });
    if (!r.dryRun) forgetProvinceFigures();
    return donePage(reply, p, r);
  });

  app.post(ADD, { schema: { hide: true } }, async (req, reply) => {
    const p = provinceAdmin(req, reply, COMMUNES_PAGE);
    if (!p) return reply;
    const province = await provinceOrThrow(p);
    const f = formOf(req);
    const read = readCommuneFile({
      id: str(f, 'id'), name: str(f, 'name'), province, agencyCode: str(f, 'agencyCode'), agencyCodeIsDemo: str(f, 'agencyCodeIsDemo') === '1',
      units: [
        { code: 'VP', name: 'Văn phòng HĐND và UBND', receivesDossiers: false },
        { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', receivesDossiers: true },
      ],
      staff: [{ username: str(f, 'adminUsername'), fullName: str(f, 'adminFullName'), title: 'Quản trị hệ thống', unit: 'VP', roles: ['admin'] }],
    });
    const toFields = (errors: FileError[]): FieldError[] => errors.map((e) => ({ field: FIELD_OF_PATH[e.path] ?? 'id', message: e.message }));
    if (!read.ok) return listPage(deps, reply, p, province, { values: f, errors: toFields(read.errors), status: 422 });
    const r = await onboardCommune(deps.db, read.file, { actor: p, province, newOnly: true });
    if (!r.ok) return listPage(deps, reply, p, province, { values: f, errors: toFields(r.errors), status: 422 });
    forgetProvinceFigures();
    return donePage(reply, p, r);
  });

  // The forms' addresses typed or reloaded as a link: back to the list.
  for (const url of [UPLOAD, ADD]) app.get(url, { schema: { hide: true } }, async (_req, reply) => reply.redirect(COMMUNES_PAGE, 303));
}
