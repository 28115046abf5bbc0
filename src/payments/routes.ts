// Payment API routes (orders, the gateway's notification endpoint, ledger, reconciliation). Owned by the payments
// helper (issue 4). Stub.
import type { App, Deps } from '../http/app.ts';

export async function paymentRoutes(_app: App, _deps: Deps) {}
