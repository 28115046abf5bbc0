// E-identity (VNeID-style OpenID Connect): the issuer's settings, or the local stand-in identity provider.
// OWNED BY THE IDENTITY HELPER (issue 4). Stub until then.
import type { Connection, Started } from './types.ts';

export interface IdentitySettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface IdentityOptions {
  /** XASO_OIDC_ISSUER; unset → the stand-in is started. */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
  /** The portal's public address (redirect URIs are built from it). */
  publicUrl: string;
}

export async function startIdentity(o: IdentityOptions): Promise<Started<IdentitySettings>> {
  const connection: Connection = { name: 'identity', url: o.issuer ?? '', standIn: !o.issuer };
  return { settings: { issuer: o.issuer ?? '', clientId: o.clientId ?? '', clientSecret: o.clientSecret ?? '' }, connection, stop: async () => {} };
}
