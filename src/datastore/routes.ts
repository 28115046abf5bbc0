// The data store's API (/api/v1/store/…). STUB: built by the data-store work.
import type { App, Deps } from '../http/deps.ts';

export async function dataStoreRoutes(_app: App, _deps: Deps): Promise<void> {}
