// Staff payment pages (cash at the counter, daily reconciliation). Owned by the payments helper (issue 4). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function staffPaymentPages(_app: App, _deps: Deps) {}
