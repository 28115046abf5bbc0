// Staff login and logout pages: the same session cookie (xaso_sid, token hashed in the sessions table) as
// the JSON login. A failed login re-renders the form with an error summary and the typed username.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/app.ts';
import { SESSION_COOKIE, login, logout } from '../../identity/auth.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { formOf, q1, safeNext, str } from './common.tsx';
import { Input } from '../fields.tsx';

const SESSION_HOURS = 12;

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

const show = (reply: FastifyReply, props: Omit<Parameters<typeof LoginPage>[0], 'csrf'>, status = 200) =>
  sendPage(reply, <LoginPage csrf={csrfToken(reply)} {...props} />, status);

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
    const r = username.length <= 100 && password.length <= 200 ? await login(deps.db, username, password) : null;
    if (!r) {
      return show(reply, { next, username, errors: [{ field: 'username', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' }] }, 401);
    }
    reply.setCookie(SESSION_COOKIE, r.token, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: SESSION_HOURS * 3600,
    });
    return reply.redirect(next, 303);
  });

  app.post('/can-bo/dang-xuat', { schema: { hide: true } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await logout(deps.db, sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/can-bo/dang-nhap', 303);
  });

  app.get('/can-bo', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/can-bo/ho-so', 303));
}
