// Shared bits of the citizen portal: which commune it serves, cookies, request bodies, small guards.
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The commune this portal serves. One portal per commune (the layout already names Xuân Dương); the lead may
 * move this into Config/Deps later. XASO_PORTAL_COMMUNE overrides it.
 */
export const PORTAL_COMMUNE_ID = process.env.XASO_PORTAL_COMMUNE || 'xuan-duong';

export const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** HttpOnly, same-site cookie; Secure when the request came over HTTPS. */
export function setCookie(req: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number) {
  reply.setCookie(name, value, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', maxAge: maxAgeSeconds,
  });
}

/** The urlencoded body as a plain record (empty for other bodies). */
export const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  req.body && typeof req.body === 'object' && !Buffer.isBuffer(req.body) ? (req.body as Record<string, unknown>) : {};

export const queryOf = (req: FastifyRequest): Record<string, unknown> =>
  req.query && typeof req.query === 'object' ? (req.query as Record<string, unknown>) : {};

export const str = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** Page title for a form page: GOV.UK prefixes "Lỗi: " when the page shows errors, so screen readers hear it first. */
export const titled = (title: string, errors: readonly unknown[] | undefined) => (errors?.length ? `Lỗi: ${title}` : title);

/** Routes are hidden from the OpenAPI document (pages, not API). */
export const page = { schema: { hide: true } } as const;
