// The evaluation kiosk at the counter (đánh giá tại quầy). Owned by the exports/evaluation helper (issue 5). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function kioskPages(_app: App, _deps: Deps) {}
