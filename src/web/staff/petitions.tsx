// Staff pages of petitions (list, assign, refuse, ask for more, answer, publish). Owned by the petitions helper
// (issue 5). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function staffPetitionPages(_app: App, _deps: Deps) {}
