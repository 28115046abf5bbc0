// The national databases (population, civil status) reached through the provincial platform (LGSP): its settings
// (XASO_LGSP_URL / _CLIENT_ID / _CLIENT_SECRET), or the local stand-in (lgsp-standin.ts) started on a free loopback
// port with fresh credentials when no URL is configured. The client is lgsp-client.ts.
import crypto from 'node:crypto';
import type { Started } from './types.ts';
import { startLgspStandIn } from './lgsp-standin.ts';

export interface RegistrySettings {
  /** The platform's base address (token endpoint and service paths below it). */
  url: string;
  clientId: string;
  clientSecret: string;
  standIn: boolean;
}

export interface RegistryOptions {
  /** XASO_LGSP_URL; unset → the stand-in is started. */
  url?: string;
  clientId?: string;
  clientSecret?: string;
}

export async function startRegistries(o: RegistryOptions): Promise<Started<RegistrySettings>> {
  if (o.url) {
    // Tests point an unused service at an address where nothing listens, with no credentials: calls then fail as
    // "unavailable", which is what they should.
    const settings = { url: o.url, clientId: o.clientId ?? '', clientSecret: o.clientSecret ?? '', standIn: false };
    return { settings, connection: { name: 'lgsp', url: o.url, standIn: false }, stop: async () => {} };
  }
  const clientId = o.clientId ?? 'xaso';
  const clientSecret = o.clientSecret ?? crypto.randomBytes(24).toString('base64url');
  const s = await startLgspStandIn({ clientId, clientSecret });
  return { settings: { url: s.url, clientId, clientSecret, standIn: true }, connection: { name: 'lgsp', url: s.url, standIn: true }, stop: s.stop };
}
