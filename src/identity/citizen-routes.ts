// Citizen e-identity login (OpenID Connect client) API routes. Owned by the identity helper (issue 4). Stub.
import type { App, Deps } from '../http/app.ts';

export async function citizenIdentityRoutes(_app: App, _deps: Deps) {}
