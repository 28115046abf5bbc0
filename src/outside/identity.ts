// E-identity (VNeID-style OpenID Connect): the issuer's settings, or the local stand-in identity provider
// (identity-standin.ts, fictional citizens in identity-citizens.ts) when XASO_OIDC_ISSUER is unset.
import type { Connection, Started } from './types.ts';
import { startStandIn } from './identity-standin.ts';

export interface IdentitySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the issuer sends the citizen back (registered with the issuer). */
  redirectUri: string;
  /** True for the local stand-in (plain http on 127.0.0.1 is then allowed). */
  standIn: boolean;
}

export interface IdentityOptions {
  /** XASO_OIDC_ISSUER; unset → the stand-in is started. */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** The portal's public address (redirect URIs are built from it). */
  publicUrl: string;
}

/** The portal's callback path; the redirect URI to register with a real issuer is `${PUBLIC_URL}` + this. */
export const CALLBACK_PATH = '/dang-nhap/vneid/callback';

export async function startIdentity(o: IdentityOptions): Promise<Started<IdentitySettings>> {
  const redirectUri = `${o.publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
  if (o.issuer) {
    const settings = { issuer: o.issuer, clientId: o.clientId ?? '', clientSecret: o.clientSecret ?? '', redirectUri, standIn: false };
    return { settings, connection: { name: 'identity', url: o.issuer, standIn: false }, stop: async () => {} };
  }
  const s = await startStandIn({ redirectUri });
  const connection: Connection = { name: 'identity', url: s.issuer, standIn: true };
  return { settings: { issuer: s.issuer, clientId: s.clientId, clientSecret: s.clientSecret, redirectUri, standIn: true }, connection, stop: s.stop };
}
