// The public province page (issue 16): every commune's figures, compared.
import type { App, Deps } from '../../http/deps.ts';

export async function provincePublicPages(_app: App, _deps: Deps) {}
