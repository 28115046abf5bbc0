// The stand-in mailbox and the notification outbox in the workspace. Owned by the notifications helper (issue 4).
// Stub.
import type { App, Deps } from '../../http/app.ts';

export async function mailboxPages(_app: App, _deps: Deps) {}
