// The national databases' staff pages: the lookups for a dossier (registry-lookup.tsx) and the administrator's log
// (registry-log.tsx).
import type { App, Deps } from '../../http/deps.ts';
import { registryLookupPages } from './registry-lookup.tsx';
import { registryLogPages } from './registry-log.tsx';

export async function registryPages(app: App, deps: Deps): Promise<void> {
  await registryLookupPages(app, deps);
  await registryLogPages(app, deps);
}
