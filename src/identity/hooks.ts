// Request authentication: a session cookie (people) or a bearer API key (systems) sets request.principal.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../http/deps.ts';
import { unauthenticated, forbidden } from '../http/problem.ts';
import { SESSION_COOKIE, principalFromApiKey, principalFromSession } from './staff/auth.ts';
import { PROVINCE_ROLES, hasRole, type Principal, type StaffRole } from './core/principal.ts';
import { ALL, pinScope } from '../db/scope.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Staff roles allowed on the route (any of them); routes whose schema declares `security` need a login. */
    roles?: StaffRole[];
    /** The route checks a partner system's own bearer key itself (the national portal forwarding a dossier,
     *  src/inbound/routes.ts): a Bearer header there is not one of our API keys. */
    ownBearer?: boolean;
  }
}

export function authHook(deps: Deps) {
  return async (req: FastifyRequest) => {
    req.principal = null;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      if (req.routeOptions.config?.ownBearer) return;
      req.principal = await principalFromApiKey(deps.db, auth.slice(7).trim());
      if (!req.principal) throw unauthenticated();
      return;
    }
    const sid = req.cookies?.[SESSION_COOKIE];
    if (sid) req.principal = await principalFromSession(deps.db, sid);
  };
}

/**
 * The commune scope of the database work a request does (row-level security, migration 048; src/db/scope.ts). A
 * staff member or API key of one commune, on a staff route, works in their commune. Everything else works across
 * communes: the province roles; citizens and anonymous visitors; and anyone on a public route (the citizen portal,
 * public figures of any commune, open data, look-ups), where a logged-in officer has no more rights than an
 * anonymous visitor, whose own queries are scoped by owner or publication. A staff route is one whose OpenAPI schema
 * declares `security` (guardHook's single source) or a page of the staff area (/can-bo/).
 */
export function scopeOf(p: Principal | null, staffRoute: boolean): string {
  return !p || !staffRoute || hasRole(p, ...PROVINCE_ROLES) ? ALL : p.communeId;
}

/** Whether the request's route is a staff route (see scopeOf). */
export function isStaffRoute(req: FastifyRequest): boolean {
  const security = (req.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  return Boolean(security?.length) || /^\/can-bo(\/|$)/.test(req.routeOptions.url ?? req.url);
}

/** Runs right after authHook: pins the request's scope (the hook that entered it, src/app.ts, holds it). */
export async function scopeHook(req: FastifyRequest) {
  if (!pinScope(scopeOf(req.principal, isStaffRoute(req))) && req.principal) {
    // Not inside the request's scope: never let a staff request run in whatever its connection last had.
    throw new Error('request scope lost before authentication: staff request refused');
  }
}

/** The authenticated staff member or system; 401 otherwise, 403 without one of the roles (if given). */
export function requireStaff(req: FastifyRequest, ...roles: StaffRole[]): Principal {
  const p = req.principal;
  if (!p) throw unauthenticated();
  if (roles.length && !hasRole(p, ...roles)) throw forbidden();
  return p;
}

/**
 * Runs before validation: a route whose OpenAPI schema declares `security` requires an authenticated caller
 * (401), with one of `config.roles` when given (403), so that anonymous or unauthorised callers learn
 * nothing from validation errors. The OpenAPI declaration is the single source of this rule.
 */
export async function guardHook(req: FastifyRequest) {
  const security = (req.routeOptions.schema as { security?: unknown[] } | undefined)?.security;
  if (security?.length) requireStaff(req, ...(req.routeOptions.config.roles ?? []));
}
