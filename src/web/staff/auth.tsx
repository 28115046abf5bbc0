// Staff login and logout pages: the same flow as the JSON login (identity/login-flow.ts: lockouts, TOTP, audit)
// and the same session cookie (xaso_sid). A failed login re-renders the form with an error summary and the typed
// username; a staff member with a second factor is sent on to the code page (the short-lived pending cookie
// xaso_login, not a session).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { SESSION_COOKIE } from '../../identity/staff/auth.ts';
import {
  PENDING_COOKIE, codeStep, endRequestSession, loginContext, loginProblem, passwordStep, retryAfter, setPendingCookie, setSessionCookie,
  type LoginResult,
} from '../../identity/staff/login-flow.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { formOf, q1, safeNext, str } from './common.tsx';
import { Input } from '../fields.tsx';

const CODE_PAGE = '/can-bo/dang-nhap/ma-xac-thuc';

function LoginPage({ csrf, next, username, errors }: { csrf: string; next: string; username?: string; errors?: FieldError[] }) {
  const err = (f: string) => errors?.find((e) => e.field === f)?.message;
  return (
    <Layout title="Đăng nhập cán bộ">
      <ErrorSummary errors={errors ?? []} />
      <h1>Đăng nhập cán bộ</h1>
      <p>Dành cho cán bộ, công chức của xã. Công dân không cần đăng nhập để nộp hoặc tra cứu hồ sơ.</p>
      <form method="post" action="/can-bo/dang-nhap" novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="next" value={next} />
        <Input id="username" name="username" label="Tên đăng nhập" value={username} required autocomplete="username" error={err('username')} />
        <Input id="password" name="password" type="password" label="Mật khẩu" required autocomplete="current-password" error={err('password')} />
        <button type="submit" class="button button--primary">Đăng nhập</button>
      </form>
    </Layout>
  );
}

function CodePage({ csrf, next, errors }: { csrf: string; next: string; errors?: FieldError[] }) {
  return (
    <Layout title="Nhập mã xác thực">
      <ErrorSummary errors={errors ?? []} />
      <h1>Nhập mã xác thực</h1>
      <p>Tài khoản của bạn đã bật xác thực hai lớp. Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiện.</p>
      <form method="post" action={CODE_PAGE} novalidate>
        <CsrfField token={csrf} />
        <input type="hidden" name="next" value={next} />
        <Input id="code" name="code" label="Mã xác thực" hint="6 chữ số, đổi sau mỗi 30 giây." required autocomplete="one-time-code" inputmode="numeric" short
          error={errors?.find((e) => e.field === 'code')?.message} />
        <button type="submit" class="button button--primary">Xác nhận</button>
      </form>
      <p>Mất điện thoại hoặc ứng dụng xác thực? Liên hệ quản trị hệ thống của xã để đặt lại.</p>
    </Layout>
  );
}

const show = (reply: FastifyReply, props: Omit<Parameters<typeof LoginPage>[0], 'csrf'>, status = 200) =>
  sendPage(reply, <LoginPage csrf={csrfToken(reply)} {...props} />, status);
const showCode = (reply: FastifyReply, props: Omit<Parameters<typeof CodePage>[0], 'csrf'>, status = 200) =>
  sendPage(reply, <CodePage csrf={csrfToken(reply)} {...props} />, status);

/** Where a login result leads: the page asked for, the code page, or the form again with the reason. */
function follow(req: FastifyRequest, reply: FastifyReply, r: LoginResult, next: string, username: string) {
  if (r.kind === 'session') {
    setSessionCookie(req, reply, r.token);
    return reply.redirect(next, 303);
  }
  if (r.kind === 'totp') {
    setPendingCookie(req, reply, r.pendingToken);
    return reply.redirect(`${CODE_PAGE}?next=${encodeURIComponent(next)}`, 303);
  }
  const p = loginProblem(r.kind);
  retryAfter(reply, p);
  if (r.kind === 'totp_failed') return showCode(reply, { next, errors: [{ field: 'code', message: p.title }] }, p.status);
  if (r.kind !== 'pending_expired') reply.clearCookie(PENDING_COOKIE, { path: '/' });
  return show(reply, { next, username, errors: [{ field: 'username', message: p.title }] }, p.status);
}

export async function authPages(app: App, deps: Deps) {
  app.get('/can-bo/dang-nhap', { schema: { hide: true } }, async (req: FastifyRequest, reply) => {
    const next = safeNext(q1(req, 'next'));
    if (req.principal?.kind === 'staff') return reply.redirect(next, 303);
    return show(reply, { next });
  });

  app.post('/can-bo/dang-nhap', { schema: { hide: true } }, async (req, reply) => {
    const f = formOf(req);
    const username = str(f, 'username');
    const password = typeof f.password === 'string' ? f.password : '';
    const next = safeNext(str(f, 'next'));
    const errors: FieldError[] = [];
    if (!username) errors.push({ field: 'username', message: 'Nhập tên đăng nhập.' });
    if (!password) errors.push({ field: 'password', message: 'Nhập mật khẩu.' });
    if (errors.length) return show(reply, { next, username, errors }, 422);
    if (username.length > 100 || password.length > 200) return follow(req, reply, { kind: 'failed' }, next, username);
    return follow(req, reply, await passwordStep(deps.db, username, password, loginContext(req, deps)), next, username);
  });

  app.get(CODE_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const next = safeNext(q1(req, 'next'));
    if (!req.cookies[PENDING_COOKIE]) return reply.redirect(`/can-bo/dang-nhap?next=${encodeURIComponent(next)}`, 303);
    return showCode(reply, { next });
  });

  app.post(CODE_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const f = formOf(req);
    const next = safeNext(str(f, 'next'));
    const code = str(f, 'code');
    if (!code) return showCode(reply, { next, errors: [{ field: 'code', message: 'Nhập mã xác thực 6 chữ số.' }] }, 422);
    const token = req.cookies[PENDING_COOKIE];
    const r = token && code.length <= 20 ? await codeStep(deps.db, token, code, loginContext(req, deps)) : ({ kind: token ? 'totp_failed' : 'pending_expired' } as const);
    return follow(req, reply, r, next, '');
  });

  app.post('/can-bo/dang-xuat', { schema: { hide: true } }, async (req, reply) => {
    await endRequestSession(deps, req);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/can-bo/dang-nhap', 303);
  });

  app.get('/can-bo', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/can-bo/ho-so', 303));
}
