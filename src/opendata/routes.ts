// Stub (issue 15): filled by the opendata area.
import type { App, Deps } from '../http/deps.ts';

export async function openDataRoutes(_app: App, _deps: Deps): Promise<void> {}
