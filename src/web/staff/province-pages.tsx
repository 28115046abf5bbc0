// The province's pages for staff (issue 16): the dashboard comparing communes, onboarding a commune.
import type { App, Deps } from '../../http/deps.ts';

export async function provincePages(_app: App, _deps: Deps) {}
