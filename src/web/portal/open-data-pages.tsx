// Stub (issue 15).
import type { App, Deps } from '../../http/deps.ts';

export async function openDataPages(_app: App, _deps: Deps): Promise<void> {}
