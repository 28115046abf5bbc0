// Staff workspace (login required). Pages are added by the workspace work; see docs/architecture.md.
import type { App, Deps } from '../../http/app.ts';

export async function staffRoutes(_app: App, _deps: Deps) {}
