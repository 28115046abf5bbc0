// Citizen pages of the e-identity login: "Đăng nhập bằng VNeID", callback, "Hồ sơ của tôi". Owned by the identity
// helper (issue 4). Stub.
import type { App, Deps } from '../../http/app.ts';

export async function accountPages(_app: App, _deps: Deps) {}
