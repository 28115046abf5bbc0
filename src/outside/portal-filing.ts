// Stub (issue 15): the national portal's side that forwards dossiers filed there to us (inbound); filled by the
// inbound area.
import type { Started } from './types.ts';

export interface PortalFilingSettings {
  standIn: boolean;
}

export interface PortalFilingOptions {
  /** Our public address (where the inbound endpoint is). */
  publicUrl: string;
}

export async function startPortalFiling(_o: PortalFilingOptions): Promise<Started<PortalFilingSettings> | null> {
  return null;
}
