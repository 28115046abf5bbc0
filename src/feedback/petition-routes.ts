// Petitions and feedback (phản ánh, kiến nghị) API routes. Owned by the petitions helper (issue 5). Stub.
import type { App, Deps } from '../http/app.ts';

export async function petitionRoutes(_app: App, _deps: Deps) {}
