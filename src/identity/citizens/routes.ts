// Citizen e-identity login (OpenID Connect client) API routes. Owned by the identity helper (issue 4).
// Decision: none for now. The login is a browser flow (redirects and a cookie), served as pages by
// src/web/portal/account-routes.tsx; the core is src/identity/citizens/oidc.ts and src/identity/citizens/accounts.ts.
import type { App, Deps } from '../../http/deps.ts';

export async function citizenIdentityRoutes(_app: App, _deps: Deps) {}
