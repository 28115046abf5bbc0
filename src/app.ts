// The composition root: one Fastify app with problem+json errors, authentication, the OpenAPI 3.1 document
// (generated from the same TypeBox schemas that validate requests) and every domain's route groups. Nothing in
// src/ imports this file but the server (server.ts), the tests and the benchmarks.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { MAX_UPLOAD_BYTES, type App, type Deps } from './http/deps.ts';
import { MESSAGES_KEYWORD, Problem, sendProblem } from './http/problem.ts';
import { healthRoutes } from './http/health-routes.ts';
import { inputGuardHook, validatedInputHook } from './http/input-guard.ts';
import { boundRequestNumbers } from './http/number-bounds.ts';
import { authHook, guardHook, scopeHook } from './identity/hooks.ts';
import { ALL, KEEP, NONE, enterRequestScope, withScope } from './db/scope.ts';
import { apiKeyRoutes, identityRoutes } from './identity/staff/routes.ts';
import { citizenIdentityRoutes } from './identity/citizens/routes.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import { officeHoursRoutes, orgRoutes } from './org/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { dossierRoutes } from './dossiers/routes.ts';
import { declarationRoutes } from './dossiers/declaration-routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { indicatorRoutes } from './indicators/routes.ts';
import { exportRoutes } from './indicators/export-routes.ts';
import { petitionRoutes } from './petitions/routes.ts';
import { reformRoutes } from './reform/routes.ts';
import { unitReportRoutes } from './reform/reports/routes.ts';
import { parRoutes } from './par/routes.ts';
import { kpiRoutes } from './kpi/routes.ts';
import { signatureRoutes } from './signatures/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { dataStoreRoutes } from './datastore/routes.ts';
import { reuseRoutes } from './datastore/reuse-routes.ts';
import { securityRoutes } from './security/routes.ts';
import { syncRoutes } from './sync/routes.ts';
import { inboundRoutes } from './inbound/routes.ts';
import { registryRoutes } from './registries/routes.ts';
import { openDataRoutes } from './opendata/routes.ts';
import { provinceRoutes } from './province/routes.ts';
import { webPlugin } from './web/routes.tsx';
import type { TrustProxy } from './config.ts';

export type { App, Deps } from './http/deps.ts';

export async function buildApp(deps: Deps, opts: { logLevel?: string; trustProxy?: TrustProxy } = {}): Promise<App> {
  const app = Fastify({
    // Behind a reverse proxy, the client address (login rate limits, audit) comes from X-Forwarded-For.
    trustProxy: opts.trustProxy ?? false,
    logger: {
      level: opts.logLevel ?? 'info',
      // Personal data never reaches the logs: no bodies, no query strings, no cookies or keys.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    bodyLimit: 1024 * 1024,
    // Errors Fastify raises before routing (a URL that does not decode, a bad content type) are problems too.
    frameworkErrors: (err, req, reply) => sendProblem(reply, req, err),
    // `verbose` hands each error its schema, whose own messages (MESSAGES_KEYWORD) the problem then shows.
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', verbose: true, keywords: [MESSAGES_KEYWORD] } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Xã Số API',
        version: '1',
        description: 'API của Xã Số: danh mục thủ tục, lịch làm việc, hồ sơ một cửa. Lỗi theo RFC 9457 (application/problem+json).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'xaso_sid' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Khóa API cho hệ thống (xk_…)' },
        },
      },
    },
  });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cache-Control', reply.getHeader('Cache-Control') ?? 'no-store');
  });
  app.setErrorHandler((err, req, reply) => sendProblem(reply, req, err as Error));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, new Problem(404, 'NOT_FOUND', 'Không tìm thấy địa chỉ yêu cầu.')),
  );
  // Row-level security (migration 048, src/db/scope.ts): each request gets its own scope holder in its first hook,
  // pinned to the caller's commune right after authentication.
  // Authentication by session reads only sessions and the staff directory: it keeps the connection's scope (no switch).
  app.addHook('onRequest', (req, _reply, done) => enterRequestScope(done, req.headers.authorization ? ALL : KEEP));
  app.addHook('onRequest', authHook(deps));
  app.addHook('onRequest', scopeHook);
  app.addHook('preValidation', guardHook);
  // After the authentication guard: no NUL, lone surrogate or hostile depth reaches validation or a handler.
  app.addHook('preValidation', inputGuardHook);
  app.addHook('preHandler', validatedInputHook);
  // Every number a request schema accepts gets bounds PostgreSQL can store (issue 13).
  app.addHook('onRoute', boundRequestNumbers);

  await app.register(async (api) => {
    const a = api as unknown as App;
    await healthRoutes(a, deps);
    await identityRoutes(a, deps);
    await apiKeyRoutes(a, deps);
    await orgRoutes(a, deps);
    await officeHoursRoutes(a, deps);
    await catalogueRoutes(a, deps);
    await calendarRoutes(a, deps);
    await dossierRoutes(a, deps);
    await declarationRoutes(a, deps);
    await documentRoutes(a, deps);
    await citizenIdentityRoutes(a, deps);
    await paymentRoutes(a, deps);
    await notificationRoutes(a, deps);
    await indicatorRoutes(a, deps);
    await exportRoutes(a, deps);
    await petitionRoutes(a, deps);
    await reformRoutes(a, deps);
    await unitReportRoutes(a, deps);
    await parRoutes(a, deps);
    await kpiRoutes(a, deps);
    await signatureRoutes(a, deps);
    await privacyRoutes(a, deps);
    await dataStoreRoutes(a, deps);
    await reuseRoutes(a, deps);
    await securityRoutes(a, deps);
    await syncRoutes(a, deps);
    await inboundRoutes(a, deps);
    await registryRoutes(a, deps);
    await openDataRoutes(a, deps);
    await provinceRoutes(a, deps);
  });
  await app.register(async (web) => webPlugin(web as unknown as App, deps));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  // The server's sockets live in scope NONE: a request callback that lost its own scope sees nothing, never more.
  const listen = app.listen.bind(app);
  app.listen = ((...a: Parameters<typeof listen>) => withScope(NONE, () => listen(...a))) as typeof app.listen;
  return app;
}
