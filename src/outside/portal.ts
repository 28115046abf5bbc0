// The national public-service portal (DVCQG): where the sync sends (src/sync/) and who forwards the dossiers filed
// there (src/inbound/). Either the real one (XASO_PORTAL_URL + XASO_PORTAL_TOKEN) or, when no URL is configured, the
// local stand-in (src/outside/portal-standin.ts) on a free loopback port, speaking the same contract (domain.md §10.2).
import crypto from 'node:crypto';
import path from 'node:path';
import type { Started } from './types.ts';
import { startStandInPortal, type PortalStandIn } from './portal-standin.ts';

/** The header carrying a message's stable id: the portal keeps one copy per id. */
export const MESSAGE_ID_HEADER = 'x-message-id';

/** Our inbound endpoint, where the portal forwards a dossier filed there (implemented by src/inbound). */
export const INBOUND_PATH = '/api/v1/lien-thong/dvcqg/ho-so';

export interface PortalSettings {
  /** The portal's base address. */
  url: string;
  /** The bearer token we present to the portal (XASO_PORTAL_TOKEN). */
  token: string;
  /** The key the portal presents (Authorization: Bearer) when it forwards a dossier filed there to us. */
  inboundKey: string;
  standIn: boolean;
  /** Our public address: signed results are downloaded from it (DuongDanTepTinKetQua). */
  publicUrl: string;
  /** The stand-in itself (tests take it down, plant differences, read what it received); absent for the real one. */
  control?: PortalStandIn;
}

export interface PortalOptions {
  /** XASO_PORTAL_URL; unset → the stand-in is started. */
  url?: string;
  token?: string;
  /** XASO_PORTAL_INBOUND_KEY; unset with the stand-in → a fresh key shared with it. */
  inboundKey?: string;
  /** Our public address (the stand-in forwards dossiers filed on it to our inbound endpoint there). */
  publicUrl: string;
  /** Where the stand-in keeps what it accepted across restarts (`<dir>/cong-dvcqg-gia-lap.jsonl`); unset: memory only. */
  dataDir?: string;
}

export async function startPortal(o: PortalOptions): Promise<Started<PortalSettings>> {
  const inboundKey = o.inboundKey ?? crypto.randomBytes(24).toString('base64url');
  if (o.url) {
    const settings: PortalSettings = { url: o.url.replace(/\/$/, ''), token: o.token ?? '', inboundKey, standIn: false, publicUrl: o.publicUrl };
    return { settings, connection: { name: 'portal', url: settings.url, standIn: false }, stop: async () => {} };
  }
  const token = o.token ?? crypto.randomBytes(24).toString('base64url');
  const standIn = await startStandInPortal({
    token, inboundKey, inboundUrl: `${o.publicUrl}${INBOUND_PATH}`,
    journal: o.dataDir ? path.join(o.dataDir, 'cong-dvcqg-gia-lap.jsonl') : undefined,
  });
  return {
    settings: { url: standIn.url, token, inboundKey, standIn: true, publicUrl: o.publicUrl, control: standIn },
    connection: { name: 'portal', url: standIn.url, standIn: true },
    stop: () => standIn.stop(),
  };
}
