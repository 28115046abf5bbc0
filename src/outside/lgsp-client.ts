// The client of the provincial platform (LGSP, domain.md §10.1: the province's gateway to NDXP and the national
// databases). One client for every registry behind it: an OAuth2 client-credentials token (RFC 6749 §4.4, client id
// and secret in HTTP Basic), kept until shortly before it expires and fetched again once when a service says it is
// no longer valid; then JSON POSTs to the service paths with the bearer token, a request id (X-Request-ID) and the
// caller (unit, officer, purpose, dossier) in the body, because the platform logs each call too (TT 117/2026/TT-BCA).
import type { Caller } from '../registries/core/registry.ts';
import { LGSP_PATHS } from '../registries/core/wire.ts';
import type { RegistrySettings } from './registries.ts';

/** Why a call gave no answer: the platform cannot be reached or answered garbage ('unavailable'), it refused our
 *  credentials ('auth'), or it refused the request itself ('refused': scope or purpose not granted). */
export class LgspError extends Error {
  constructor(readonly kind: 'unavailable' | 'auth' | 'refused', message: string) {
    super(message);
  }
}

export interface LgspAnswer {
  /** 200: an answer; 404: the service found nothing. */
  status: 200 | 404;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = 8000;

export class LgspClient {
  private token: { value: string; until: number } | null = null;

  constructor(private readonly s: Pick<RegistrySettings, 'url' | 'clientId' | 'clientSecret'>, private readonly clock: () => number = Date.now) {}

  private async fetchToken(): Promise<string> {
    let res: Response;
    try {
      res = await fetch(new URL(LGSP_PATHS.token, this.s.url), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(this.s.clientId)}:${encodeURIComponent(this.s.clientSecret)}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch {
      throw new LgspError('unavailable', 'token endpoint unreachable');
    }
    const body = (await res.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown } | null;
    if (res.status === 400 || res.status === 401) throw new LgspError('auth', 'client credentials refused');
    if (!res.ok || !body || typeof body.access_token !== 'string') throw new LgspError('unavailable', `token endpoint answered ${res.status}`);
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 300;
    // Renewed 30 s before it expires (or at half its life when short), so a call never carries a dying token.
    this.token = { value: body.access_token, until: this.clock() + Math.max(ttl / 2, ttl - 30) * 1000 };
    return body.access_token;
  }

  private async bearer(): Promise<string> {
    return this.token && this.token.until > this.clock() ? this.token.value : this.fetchToken();
  }

  /** POSTs to a service path with the caller; retries once with a new token when the token was refused. */
  async call(path: string, fields: Record<string, unknown>, caller: Caller): Promise<LgspAnswer> {
    const body = JSON.stringify({
      ...fields,
      nguoiYeuCau: { maDonVi: caller.agencyCode, taiKhoan: caller.actor, hoTen: caller.actorName },
      mucDich: caller.purpose,
      maHoSo: caller.caseRef,
    });
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.bearer();
      let res: Response;
      try {
        res = await fetch(new URL(path, this.s.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'x-request-id': caller.requestId },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch {
        throw new LgspError('unavailable', `${path} unreachable`);
      }
      const answer = (await res.json().catch(() => null)) as Record<string, unknown> | null;
      if (res.status === 401) {
        this.token = null;
        if (attempt === 0) continue;
        throw new LgspError('auth', 'token refused');
      }
      if (res.status === 403) throw new LgspError('refused', typeof answer?.thongBao === 'string' ? answer.thongBao : 'refused');
      if ((res.status === 200 || res.status === 404) && answer) return { status: res.status, body: answer };
      throw new LgspError('unavailable', `${path} answered ${res.status}`);
    }
    throw new LgspError('auth', 'token refused');
  }
}
