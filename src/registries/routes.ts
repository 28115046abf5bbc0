// Stub (issue 15): filled by the registries area.
import type { App, Deps } from '../http/deps.ts';

export async function registryRoutes(_app: App, _deps: Deps): Promise<void> {}
