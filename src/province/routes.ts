// The province level (issue 16): the API of the province dashboard and commune onboarding.
import type { App, Deps } from '../http/deps.ts';

export async function provinceRoutes(_app: App, _deps: Deps) {}
