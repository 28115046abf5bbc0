// While the database is away (src/db/availability.ts), every request but /health and the static assets is answered
// at once with 503 and Retry-After: problem+json (code DATABASE_UNAVAILABLE) for the API, a Vietnamese error page for
// the pages, instead of waiting on a connection that cannot come. A request already running when the database goes
// away fails with a connection error, which the error handler turns into the same 503 (isDatabaseUnavailable).
//
// The guard sits in front of the app's own request handler on the HTTP server, so that it runs before every hook
// (the session lookup needs the database) and can be put on an app that is already built and ready.
import type http from 'node:http';
import { databaseAvailability, RETRY_AFTER_SECONDS } from '../db/availability.ts';
import { Problem, problemBody } from './problem.ts';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

export const databaseUnavailable = () =>
  new Problem(503, DATABASE_UNAVAILABLE, 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu, vui lòng thử lại sau ít phút.',
    'Dữ liệu đã tiếp nhận không bị mất; hệ thống đang tự kết nối lại.');

const isApi = (path: string) => path.startsWith('/api/') || path === '/openapi.json';
const exempt = (path: string) => path === '/health' || path.startsWith('/assets/') || path === '/favicon.ico';

/** The guard's answer: problem+json for the API, `page(problem)` (HTML) for anything else. */
function answer(req: http.IncomingMessage, res: http.ServerResponse, path: string, page: (p: Problem) => string) {
  const p = databaseUnavailable();
  res.statusCode = 503;
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  res.setHeader('Cache-Control', 'no-store');
  if (isApi(path)) {
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.end(JSON.stringify(problemBody(p, path)));
  } else {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(page(p));
  }
  req.resume(); // a body nobody reads must not hold the connection
}

/** Puts the guard in front of the server's request handlers (those Fastify registered). */
export function guardDatabase(server: http.Server, page: (p: Problem) => string): void {
  const handlers = server.listeners('request') as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!databaseAvailability.isAvailable() && !exempt(path)) return answer(req, res, path, page);
    for (const h of handlers) h.call(server, req, res);
  });
}
