// The staff member's own account (/can-bo/tai-khoan): turning on the TOTP second factor (QR code + secret as
// text, confirmed by a first code) and their recent logins; for administrators, the commune's login log
// (/can-bo/quan-tri/nhat-ky-dang-nhap) and the reset of a staff member's second factor (recovery), shown on the
// staff edit page by <TwoFactorAdmin> and recorded in the admin audit trail.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { OUTCOME_NAMES_VI, loginEvents, type LoginEventView } from '../../identity/staff/login-audit.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { TOTP_ISSUER, adminResetTotp, beginEnrolment, finishEnrolment } from '../../identity/staff/enrolment.ts';
import { pendingSecret, totpState } from '../../identity/staff/totp-store.ts';
import { staffUsername } from '../../identity/staff/accounts-store.ts';
import { groupedSecret, otpauthUri } from '../../identity/staff/core/totp.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { Input, Table } from '../fields.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { ADMIN_BACK, KeyField, Notice, adminOrLogin, formOf, onceForm, q1, staffOrLoginTo, staffPage, str } from './common.tsx';
import { staffOrLogin } from './guard.ts';

const ACCOUNT = '/can-bo/tai-khoan';
const ENROL = `${ACCOUNT}/xac-thuc-hai-lop`;
const LOG = '/can-bo/quan-tri/nhat-ky-dang-nhap';

function EventsTable({ caption, events, who }: { caption: string; events: LoginEventView[]; who?: boolean }) {
  if (!events.length) return <p>Chưa có sự kiện nào.</p>;
  return (
    <Table caption={caption} head={['Thời điểm', ...(who ? ['Cán bộ'] : []), 'Sự kiện', 'Địa chỉ (rút gọn)', 'Trình duyệt']}>
      {events.map((e) => (
        <tr>
          <td>{fmtDateTime(e.at)}</td>
          {who && <td>{e.fullName ? `${e.fullName} (${e.username})` : '—'}</td>}
          <td>{OUTCOME_NAMES_VI[e.outcome]}</td>
          <td>{e.client ?? '—'}</td>
          <td class="muted">{e.userAgent ? e.userAgent.slice(0, 60) : '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

async function accountPage(deps: Deps, reply: FastifyReply, p: Principal, ok = '', errors: FieldError[] = [], status = 200) {
  const [totp, events] = await Promise.all([
    totpState(deps.db, p.id), loginEvents(deps.db, p.communeId, { limit: 10, staffId: p.id }),
  ]);
  return staffPage(reply, p, 'Tài khoản của tôi', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {ok === 'totp' && <Notice>Đã bật xác thực hai lớp. Từ lần đăng nhập sau, hệ thống sẽ hỏi mã xác thực sau mật khẩu.</Notice>}
      <h1>Tài khoản của tôi</h1>
      <h2 id="totp">Xác thực hai lớp</h2>
      {totp.enabled ? (
        <p><strong class="tag tag--green">Đã bật xác thực hai lớp</strong> từ {fmtDateTime(totp.confirmedAt)}. Mất điện thoại hoặc ứng dụng xác thực? Liên hệ quản trị hệ thống để đặt lại.</p>
      ) : (
        <>
          <p>Xác thực hai lớp bảo vệ tài khoản khi mật khẩu bị lộ: sau mật khẩu, bạn nhập mã 6 chữ số từ một ứng dụng xác thực
            (Google Authenticator, Microsoft Authenticator, FreeOTP…) trên điện thoại.</p>
          <form method="post" action={ENROL}>
            <CsrfField token={csrf} />
            <button type="submit" id="start" class="button button--secondary">Bật xác thực hai lớp</button>
          </form>
        </>
      )}
      <h2>Lần đăng nhập gần đây</h2>
      <EventsTable caption="Lần đăng nhập gần đây của tôi" events={events} />
    </>
  ), { status });
}

async function enrolPage(reply: FastifyReply, p: Principal, secret: Buffer, username: string, errors: FieldError[] = [], status = 200) {
  const uri = otpauthUri(secret, TOTP_ISSUER, username);
  const { default: QRCode } = await import('qrcode');
  const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
  return staffPage(reply, p, 'Bật xác thực hai lớp', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Bật xác thực hai lớp</h1>
      <ol>
        <li>Mở ứng dụng xác thực trên điện thoại và quét mã QR dưới đây.</li>
        <li>Nếu không quét được, chọn nhập khóa thủ công và gõ khóa bí mật bên dưới (loại: theo thời gian).</li>
        <li>Nhập mã 6 chữ số ứng dụng hiện ra để xác nhận.</li>
      </ol>
      <img src={qr} width={240} height={240} alt="Mã QR để thêm tài khoản Xã Số vào ứng dụng xác thực" />
      <p>Khóa bí mật: <code id="secret">{groupedSecret(secret)}</code></p>
      <p class="hint">Địa chỉ otpauth: <code id="otpauth">{breakable(uri)}</code></p>
      <p>Không chia sẻ khóa này với ai. Trang này không được lưu lại sau khi bạn xác nhận.</p>
      <form method="post" action={`${ENROL}/xac-nhan`} novalidate>
        <CsrfField token={csrf} />
        <Input id="code" name="code" label="Mã xác thực" hint="6 chữ số, đổi sau mỗi 30 giây." required autocomplete="one-time-code" inputmode="numeric" short
          error={errors.find((e) => e.field === 'code')?.message} />
        <button type="submit" class="button button--primary">Xác nhận và bật</button>
      </form>
    </>
  ), { status, back: { href: ACCOUNT, label: 'Tài khoản của tôi' } });
}

/** A long unbroken text (the otpauth URI) that may wrap on a 360 px screen. */
const breakable = (text: string) => (text.match(/.{1,16}/g) ?? []).map((c, i) => <>{i > 0 && <wbr />}{c}</>);

const usernameOf = (deps: Deps, id: number) => staffUsername(deps.db, id);

/** The staff edit page's section: whether the member has a second factor, and the reset (recovery) form. */
export function TwoFactorAdmin({ csrf, staffId, enabled }: { csrf: string; staffId: number; enabled: boolean }) {
  return (
    <>
      <h2>Xác thực hai lớp</h2>
      {enabled ? (
        <form method="post" action={`/can-bo/quan-tri/can-bo/${staffId}/xac-thuc-hai-lop`}>
          <CsrfField token={csrf} />
          <KeyField />
          <p><strong class="tag tag--green">Đã bật xác thực hai lớp</strong>. Đặt lại khi cán bộ mất điện thoại: họ đăng nhập bằng mật khẩu và có thể đăng ký lại; các phiên đang mở kết thúc.</p>
          <button type="submit" class="button button--warning">Đặt lại xác thực hai lớp</button>
        </form>
      ) : <p>Chưa bật xác thực hai lớp.</p>}
    </>
  );
}

export async function accountPages(app: App, deps: Deps) {
  app.get(ACCOUNT, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return accountPage(deps, reply, p, q1(req, 'ok'));
  });

  app.post(ENROL, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, ACCOUNT);
    if (!p) return reply;
    try {
      await beginEnrolment(deps, p);
    } catch (e) {
      if (!(e instanceof Problem) || e.status !== 409) throw e;
      return accountPage(deps, reply, p, '', [{ field: 'totp', message: e.title }], 409);
    }
    return reply.redirect(ENROL, 303);
  });

  app.get(ENROL, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const secret = await pendingSecret(deps.db, p.id);
    if (!secret) return reply.redirect(ACCOUNT, 303);
    return enrolPage(reply, p, secret, await usernameOf(deps, p.id));
  });

  app.post(`${ENROL}/xac-nhan`, { schema: { hide: true } }, async (req: FastifyRequest, reply) => {
    const p = staffOrLoginTo(req, reply, ENROL);
    if (!p) return reply;
    try {
      await finishEnrolment(deps, req, p, str(formOf(req), 'code'));
    } catch (e) {
      if (!(e instanceof Problem) || (e.status !== 409 && e.status !== 422)) throw e;
      const secret = await pendingSecret(deps.db, p.id);
      if (!secret) return accountPage(deps, reply, p, '', [{ field: 'totp', message: e.title }], e.status);
      return enrolPage(reply, p, secret, await usernameOf(deps, p.id), [{ field: 'code', message: e.title }], e.status);
    }
    return reply.redirect(`${ACCOUNT}?ok=totp`, 303);
  });

  app.post('/can-bo/quan-tri/can-bo/:id/xac-thuc-hai-lop', { schema: { hide: true } }, async (req, reply) => {
    const list = '/can-bo/quan-tri/can-bo';
    const p = adminOrLogin(req, reply, list);
    if (!p) return reply;
    const raw = (req.params as { id: string }).id;
    if (!/^\d{1,12}$/.test(raw)) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
    const id = Number(raw);
    await onceForm(deps, req, reply, p, async (trx) => {
      // As the API does: 404 for another commune's staff, 403 for a province-level account, audited with the change.
      const reset = await adminResetTotp({ ...deps, db: trx }, req, p, id);
      return { status: 200, body: { staffId: id, reset } };
    }, str(formOf(req), '_key'));
    return reply.redirect(`${list}/${id}`, 303);
  });

  app.get(LOG, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    const before = /^\d{1,12}$/.test(q1(req, 'before')) ? Number(q1(req, 'before')) : undefined;
    const events = await loginEvents(deps.db, p.communeId, { limit: 100, before });
    const last = events.length === 100 ? events[events.length - 1] : undefined;
    return staffPage(reply, p, 'Nhật ký đăng nhập', () => (
      <>
        <h1>Nhật ký đăng nhập</h1>
        <p>Đăng nhập, đăng nhập sai, tạm khóa, xác thực hai lớp và đăng xuất của cán bộ trong xã, mới nhất trước. Không lưu mật khẩu;
          địa chỉ máy được rút gọn.</p>
        <EventsTable caption="Nhật ký đăng nhập" events={events} who />
        {last && <p><a href={`${LOG}?before=${last.id}`}>Trang sau</a></p>}
      </>
    ), { back: ADMIN_BACK });
  });
}
