// Stub (issue 15): the national public-service portal (DVCQG) the sync sends to; filled by the sync area.
import type { Started } from './types.ts';

export interface PortalSettings {
  /** The portal's base address. */
  url: string;
  standIn: boolean;
}

export interface PortalOptions {
  /** XASO_PORTAL_URL; unset → the stand-in is started. */
  url?: string;
  token?: string;
}

export async function startPortal(o: PortalOptions): Promise<Started<PortalSettings>> {
  const url = o.url ?? 'http://127.0.0.1:9';
  return { settings: { url, standIn: !o.url }, connection: { name: 'portal', url, standIn: !o.url }, stop: async () => {} };
}
