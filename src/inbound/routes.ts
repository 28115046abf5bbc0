// Stub (issue 15): filled by the inbound area.
import type { App, Deps } from '../http/deps.ts';

export async function inboundRoutes(_app: App, _deps: Deps): Promise<void> {}
