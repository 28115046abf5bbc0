// The counter's lookup in an applicant's data store. STUB: built by the data-store lookup work.
import type { App, Deps } from '../../http/deps.ts';

export async function storeLookupPages(_app: App, _deps: Deps): Promise<void> {}
