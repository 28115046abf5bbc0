// Request authentication: a session cookie (people) or a bearer API key (systems) sets request.principal.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../http/deps.ts';
import { unauthenticated, forbidden } from '../http/problem.ts';
import { SESSION_COOKIE, principalFromApiKey, principalFromSession } from './staff/auth.ts';
import { hasRole, type Principal, type StaffRole } from './core/principal.ts';

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
