// Notification API routes (outbox status). Owned by the notifications helper (issue 4). Stub.
import type { App, Deps } from '../http/app.ts';

export async function notificationRoutes(_app: App, _deps: Deps) {}
