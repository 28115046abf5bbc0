// The OpenID Connect client of the citizen e-identity login (openid-client@6): authorization code flow with PKCE
// (S256), state and nonce; the ID token's signature is checked against the issuer's JWKS (non-repudiation checks,
// which openid-client skips by default for the token endpoint), and its iss, aud, exp, iat and nonce by
// openid-client. The claims are read in core/claims.ts. No I/O here besides the calls to the issuer. openid-client is
// loaded at the first login: a process that never logs a citizen in does not pay for it.
import type * as Client from 'openid-client';
import type { IdentitySettings } from '../../outside/identity.ts';
import { OIDC_SCOPE, identityFromClaims, type CitizenIdentity } from './core/claims.ts';

/** What must be remembered between sending the citizen to the issuer and their return. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a login failed, for the log (never the claims) and the page. */
export type LoginFailure = 'issuer_unreachable' | 'denied' | 'rejected';

export class LoginError extends Error {
  constructor(readonly failure: LoginFailure, readonly reason: string) {
    super(`e-identity login failed: ${failure} (${reason})`);
  }
}

const library = () => import('openid-client');
const configs = new Map<string, Promise<Client.Configuration>>();

/** Plain http only for the local stand-in or an issuer on this machine (tests); a real issuer is https. */
const insecureAllowed = (s: IdentitySettings) =>
  s.standIn || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(s.issuer);

/** The issuer's discovered configuration (cached per issuer and client; a failed discovery is retried next time). */
export function issuerConfig(s: IdentitySettings): Promise<Client.Configuration> {
  const key = `${s.issuer} ${s.clientId}`;
  let c = configs.get(key);
  if (!c) {
    c = library().then((client) => client
      .discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, insecureAllowed(s) ? { execute: [client.allowInsecureRequests] } : undefined)
      .then((config) => {
        client.enableNonRepudiationChecks(config);
        return config;
      }));
    configs.set(key, c);
    c.catch(() => configs.delete(key));
  }
  return c;
}

/** The issuer's authorization URL for a new login, and the secrets to keep until the callback. */
export async function beginLogin(s: IdentitySettings): Promise<{ url: string; pending: PendingLogin }> {
  const client = await library();
  let config: Client.Configuration;
  try {
    config = await issuerConfig(s);
  } catch (e) {
    throw new LoginError('issuer_unreachable', (e as Error).name);
  }
  const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: s.redirectUri,
    scope: OIDC_SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
  });
  return { url: url.href, pending };
}

/**
 * Completes a login from the callback's query string: checks state, exchanges the code (with the PKCE verifier),
 * verifies the ID token (signature, issuer, audience, expiry, nonce) and reads the citizen's identity from it.
 * Throws LoginError on any failure.
 */
export async function finishLogin(s: IdentitySettings, pending: PendingLogin, callbackQuery: string): Promise<CitizenIdentity> {
  const config = await issuerConfig(s).catch((e: Error) => {
    throw new LoginError('issuer_unreachable', e.name);
  });
  const client = await library();
  const current = new URL(s.redirectUri);
  current.search = callbackQuery;
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await client.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims() as Record<string, unknown> | undefined;
  } catch (e) {
    const err = e as { name?: string; code?: string; error?: string };
    if (err.error === 'access_denied') throw new LoginError('denied', 'access_denied');
    throw new LoginError('rejected', [err.name, err.code, err.error].filter(Boolean).join(' '));
  }
  if (!claims) throw new LoginError('rejected', 'no ID token claims');
  try {
    return identityFromClaims(claims);
  } catch (e) {
    throw new LoginError('rejected', (e as Error).message);
  }
}
