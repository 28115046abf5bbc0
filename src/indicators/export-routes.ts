// Exports of the period report and the tracking book as .xlsx and PDF. Owned by the exports helper (issue 5). Stub.
import type { App, Deps } from '../http/app.ts';

export async function exportRoutes(_app: App, _deps: Deps) {}
