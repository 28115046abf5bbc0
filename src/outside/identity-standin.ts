// The stand-in identity provider: a real OpenID Connect issuer (oidc-provider) on 127.0.0.1 with the fictional
// citizens of identity-citizens.ts, started when XASO_OIDC_ISSUER is unset. Its login page is plain HTML (no
// script): choose a test citizen, press "Đăng nhập". It is clearly labelled as a TEST identity provider.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { CLAIMS_BY_SCOPE, OIDC_SCOPE } from '../identity/citizens/core/claims.ts';
import { TEST_CITIZENS, testCitizen } from './identity-citizens.ts';

export const STANDIN_LABEL = 'Nhà cung cấp định danh THỬ NGHIỆM – không phải VNeID';

export interface StandIn {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** oidc-provider's storage, in memory, one per stand-in (it loses its logins on restart; that is fine). */
const memoryAdapter = (store = new Map<string, { payload: Record<string, unknown>; expires: number }>()) => class MemoryAdapter {
  constructor(private readonly name: string) {}
  private key = (id: string) => `${this.name}:${id}`;
  async upsert(id: string, payload: Record<string, unknown>, expiresIn: number) {
    store.set(this.key(id), { payload, expires: Date.now() + (expiresIn || 3600) * 1000 });
  }
  async find(id: string) {
    const e = store.get(this.key(id));
    if (!e || e.expires < Date.now()) return undefined;
    return e.payload;
  }
  async findByUid(uid: string) {
    for (const [k, e] of store) if (k.startsWith(`${this.name}:`) && e.payload.uid === uid) return this.find(k.slice(this.name.length + 1));
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(id: string) {
    const e = store.get(this.key(id));
    if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id: string) {
    store.delete(this.key(id));
  }
  async revokeByGrantId(grantId: string) {
    for (const [k, e] of store) if (e.payload.grantId === grantId) store.delete(k);
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string) {
  const options = TEST_CITIZENS.map((c, i) => `
      <div class="radio"><input type="radio" id="c${i}" name="citizen" value="${esc(c.sub)}"${i === 0 ? ' checked' : ''} />
      <label for="c${i}">${esc(c.name)} – số định danh ${esc(c.idNumber)}, sinh ngày ${esc(c.birthdate.split('-').reverse().join('/'))}, mức ${c.level}</label></div>`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Đăng nhập – ${STANDIN_LABEL}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
.banner{background:#ffdd00;border:3px solid #0b0c0c;padding:.75rem;font-weight:bold}.radio{margin:.5rem 0}
button{font-size:1.1rem;padding:.5rem 1.25rem;margin-right:1rem}.error{color:#d4351c;font-weight:bold}</style></head>
<body><p class="banner" role="note">${STANDIN_LABEL}</p>
<main><h1>Đăng nhập bằng tài khoản định danh điện tử (thử nghiệm)</h1>
<p>Cổng dịch vụ công <strong>Xã Số</strong> yêu cầu xác thực. Đây là máy chủ thử nghiệm với các công dân giả định;
không nhập thông tin thật.</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
  <fieldset><legend>Chọn công dân thử nghiệm</legend>${options}
  </fieldset>
  <p><button type="submit">Đăng nhập</button></p>
</form>
<form method="post" action="/interaction/${esc(uid)}/abort"><p><button type="submit">Hủy</button></p></form>
</main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

const sendHtml = (res: http.ServerResponse, status: number, html: string) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

/** Starts the stand-in issuer on a free port; the portal's redirect URI is registered for its one client. */
export async function startStandIn(o: { redirectUri: string; clientId?: string; clientSecret?: string }): Promise<StandIn> {
  const clientId = o.clientId ?? 'xaso-portal';
  const clientSecret = o.clientSecret ?? crypto.randomBytes(24).toString('base64url');
  let provider: Provider | null = null;

  const server = http.createServer((req, res) => {
    void (async () => {
      const p = provider;
      if (!p) return sendHtml(res, 503, 'starting');
      const m = /^\/interaction\/([\w-]{1,100})(\/login|\/abort)?$/.exec((req.url ?? '').split('?')[0]!);
      if (!m) return p.callback()(req, res);
      try {
        const details = await p.interactionDetails(req, res);
        if (req.method === 'GET' && !m[2]) return sendHtml(res, 200, loginPage(details.uid));
        if (req.method !== 'POST' || !m[2]) return sendHtml(res, 405, 'Method not allowed');
        if (m[2] === '/abort') {
          return await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'Người dùng đã hủy đăng nhập' }, { mergeWithLastSubmission: false });
        }
        const citizen = testCitizen((await readForm(req)).get('citizen') ?? '');
        if (!citizen) return sendHtml(res, 400, loginPage(details.uid, 'Hãy chọn một công dân thử nghiệm.'));
        await p.interactionFinished(req, res, { login: { accountId: citizen.sub } }, { mergeWithLastSubmission: false });
      } catch {
        sendHtml(res, 400, `<!doctype html><html lang="vi"><meta charset="utf-8"><p>${STANDIN_LABEL}</p><h1>Phiên đăng nhập đã hết hạn</h1><p>Hãy quay lại dịch vụ và đăng nhập lại.</p></html>`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
  const config: Configuration = {
    adapter: memoryAdapter(),
    clients: [{
      client_id: clientId, client_secret: clientSecret, client_name: 'Xã Số',
      redirect_uris: [o.redirectUri], grant_types: ['authorization_code'], response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    claims: Object.fromEntries(Object.entries(CLAIMS_BY_SCOPE).map(([k, v]) => [k, [...v]])),
    scopes: OIDC_SCOPE.split(' '),
    conformIdTokenClaims: false, // the portal reads the identity from the ID token itself
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 300, IdToken: 300 },
    pkce: { required: () => true, methods: ['S256'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // First-party portal: no consent screen; the grant is made just in time after login.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope(OIDC_SCOPE);
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub) {
      const c = testCitizen(sub);
      if (!c) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: c.name, birthdate: c.birthdate, so_dinh_danh: c.idNumber, muc_do_dinh_danh: c.level }),
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="vi"><meta charset="utf-8"><p>${STANDIN_LABEL}</p><h1>Lỗi đăng nhập</h1><p>${esc(String(out.error))}: ${esc(String(out.error_description ?? ''))}</p></html>`;
    },
  };
  const { default: OidcProvider } = await import('oidc-provider'); // heavy: loaded when the stand-in starts
  provider = new OidcProvider(issuer, config);
  return {
    issuer, clientId, clientSecret,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
