// Stub wired by the lead; the helper building this area replaces it.
import type { App, Deps } from '../../http/deps.ts';

export async function privacyStaffPages(_app: App, _deps: Deps) {}
