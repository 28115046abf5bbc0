// The web edge: server-rendered pages for citizens (portal) and staff (workspace). Forms post urlencoded
// bodies (or multipart for uploads) and carry a CSRF token; security headers on every response.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import type { App, Deps } from '../http/deps.ts';
import { setHtmlErrorRenderer } from '../http/problem.ts';
import { ErrorPage } from './layout.tsx';
import { sendPage } from './render.tsx';
import { portalRoutes } from './portal/routes.tsx';
import { staffRoutes } from './staff/routes.tsx';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const css = fs.readFileSync(path.join(assets, 'site.css'));
/** The site's icon (a house: the one-stop shop), which browsers ask for on every page. */
const favicon = fs.readFileSync(path.join(assets, 'favicon.ico'));

export const isApiPath = (url: string) => url.startsWith('/api/') || url === '/health' || url === '/openapi.json';

export async function webPlugin(app: App, deps: Deps) {
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: false },
    // Urlencoded forms send `_csrf` in the body; multipart forms (uploads) in the action URL's query.
    getToken: (req: FastifyRequest) =>
      (req.body as { _csrf?: string } | undefined)?._csrf ?? (req.query as { _csrf?: string } | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'"],
        'script-src': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': null,
      },
    },
    hsts: false, // set by the TLS-terminating proxy in production
  });

  // Every state-changing form post carries the CSRF token (API calls are protected by the JSON content type
  // and the Idempotency-Key header instead, which a cross-site form cannot send).
  const protect = (app as unknown as { csrfProtection: (r: FastifyRequest, s: FastifyReply, done: (e?: Error) => void) => void }).csrfProtection;
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || isApiPath(req.url)) return done();
    protect(req, reply, done);
  });

  setHtmlErrorRenderer((reply, status, title, detail) => sendPage(reply, <ErrorPage status={status} title={title} detail={detail} />, status));

  app.get('/assets/site.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(css),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('image/x-icon').header('Cache-Control', 'public, max-age=86400').send(favicon),
  );
  await portalRoutes(app, deps);
  await staffRoutes(app, deps);
}
