// Stub (issue 15): filled by the sync area.
import type { App, Deps } from '../http/deps.ts';

export async function syncRoutes(_app: App, _deps: Deps): Promise<void> {}
