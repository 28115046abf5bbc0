// Stub (issue 15): the national databases (population, civil status) reached through the provincial platform
// (LGSP); filled by the registries area.
import type { Started } from './types.ts';

export interface RegistrySettings {
  url: string;
  standIn: boolean;
}

export interface RegistryOptions {
  /** XASO_LGSP_URL; unset → the stand-in is started. */
  url?: string;
  clientId?: string;
  clientSecret?: string;
}

export async function startRegistries(o: RegistryOptions): Promise<Started<RegistrySettings>> {
  const url = o.url ?? 'http://127.0.0.1:9';
  return { settings: { url, standIn: !o.url }, connection: { name: 'lgsp', url, standIn: !o.url }, stop: async () => {} };
}
