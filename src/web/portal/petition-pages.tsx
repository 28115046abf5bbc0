// Citizen pages of petitions and feedback (gửi phản ánh, kiến nghị; published answers; like/dislike). Owned by the
// petitions helper (issue 5). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function petitionPages(_app: App, _deps: Deps) {}
