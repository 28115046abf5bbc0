// "Kho dữ liệu của tôi" (/ho-so-cua-toi/kho-du-lieu). STUB: built by the data-store work.
import type { App, Deps } from '../../http/deps.ts';

export async function storePages(_app: App, _deps: Deps): Promise<void> {}
