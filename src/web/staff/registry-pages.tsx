// Stub (issue 15).
import type { App, Deps } from '../../http/deps.ts';

export async function registryPages(_app: App, _deps: Deps): Promise<void> {}
