// Stub (issue 15): the national public-service portal (DVCQG): where the sync sends (src/sync/) and who forwards the
// dossiers filed there (src/inbound/); filled by the sync area.
import crypto from 'node:crypto';
import type { Started } from './types.ts';

export interface PortalSettings {
  /** The portal's base address. */
  url: string;
  /** The key the portal presents (Authorization: Bearer) when it forwards a dossier filed there to us. */
  inboundKey: string;
  standIn: boolean;
}

export interface PortalOptions {
  /** XASO_PORTAL_URL; unset → the stand-in is started. */
  url?: string;
  token?: string;
  /** XASO_PORTAL_INBOUND_KEY; unset with the stand-in → a fresh key shared with it. */
  inboundKey?: string;
  /** Our public address (the stand-in forwards dossiers filed on it to our inbound endpoint there). */
  publicUrl: string;
}

export async function startPortal(o: PortalOptions): Promise<Started<PortalSettings>> {
  const url = o.url ?? 'http://127.0.0.1:9';
  const inboundKey = o.inboundKey ?? crypto.randomBytes(24).toString('base64url');
  return { settings: { url, inboundKey, standIn: !o.url }, connection: { name: 'portal', url, standIn: !o.url }, stop: async () => {} };
}
