// Citizen payment pages (pay a fee online, return from the gateway, e-receipt). Owned by the payments helper
// (issue 4). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function paymentPages(_app: App, _deps: Deps) {}
