// The OpenID Connect client (src/identity/citizens/oidc.ts) against a fake issuer whose token endpoint returns whatever ID
// token the test makes: a good one is accepted; a bad signature, an expired token, a wrong nonce, a wrong audience
// or issuer, and a missing ID number are rejected; a wrong state is rejected before the code is exchanged; the
// PKCE verifier is sent with the code.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoginError, beginLogin, finishLogin, type PendingLogin } from '../../src/identity/citizens/oidc.ts';
import type { IdentitySettings } from '../../src/outside/identity.ts';

const good = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const evil = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const KID = 'k1';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const sign = (claims: Record<string, unknown>, key = good.privateKey) => {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid: KID })}.${b64(claims)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
};

let idToken = '';
const tokenRequests: URLSearchParams[] = [];
const server = http.createServer((req, res) => {
  const json = (o: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(o));
  };
  if (req.url === '/.well-known/openid-configuration') {
    return json({
      issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, jwks_uri: `${ISSUER}/jwks`,
      response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    });
  }
  if (req.url === '/jwks') return json({ keys: [{ ...good.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' }] });
  if (req.url === '/token' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      tokenRequests.push(new URLSearchParams(body));
      json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: idToken });
    });
    return;
  }
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
after(() => new Promise<void>((r) => server.close(() => r())));
const ISSUER = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const settings: IdentitySettings = { issuer: ISSUER, clientId: 'xaso-portal', clientSecret: 's3cret', redirectUri: 'http://xaso.test/dang-nhap/vneid/callback', standIn: false };

const now = () => Math.floor(Date.now() / 1000);
async function attempt(claims: (p: PendingLogin) => Record<string, unknown>, o: { key?: crypto.KeyObject; state?: string } = {}) {
  const { pending } = await beginLogin(settings);
  idToken = sign(claims(pending), o.key);
  return finishLogin(settings, pending, `?code=the-code&state=${encodeURIComponent(o.state ?? pending.state)}`);
}
const valid = (p: PendingLogin, over: Record<string, unknown> = {}) => ({
  iss: ISSUER, sub: 'abc', aud: 'xaso-portal', iat: now(), exp: now() + 300, nonce: p.nonce,
  name: 'Lê Thị Hồng', birthdate: '1990-03-14', so_dinh_danh: '001190004567', muc_do_dinh_danh: 2, ...over,
});
const rejected = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  assert.ok(e instanceof LoginError, `rejected with a LoginError, got ${String(e)}`);
  assert.equal(e.failure, 'rejected');
  assert.doesNotMatch(e.reason, /001190004567|Lê Thị Hồng/, 'no personal data in the reason (it is logged)');
};

test('the authorization request carries PKCE (S256), state and nonce; a good ID token gives the identity', async () => {
  const { url, pending } = await beginLogin(settings);
  const u = new URL(url);
  assert.equal(u.searchParams.get('code_challenge'), crypto.createHash('sha256').update(pending.codeVerifier).digest('base64url'));
  assert.deepEqual([u.searchParams.get('code_challenge_method'), u.searchParams.get('state'), u.searchParams.get('nonce')], ['S256', pending.state, pending.nonce]);
  assert.equal(u.searchParams.get('scope'), 'openid profile vneid');
  idToken = sign(valid(pending));
  const who = await finishLogin(settings, pending, `?code=c1&state=${pending.state}`);
  assert.deepEqual(who, { issuer: ISSUER, subject: 'abc', idNumber: '001190004567', name: 'Lê Thị Hồng', birthdate: '1990-03-14', level: 2 });
  const sent = tokenRequests.at(-1)!;
  assert.deepEqual([sent.get('code'), sent.get('code_verifier'), sent.get('redirect_uri')], ['c1', pending.codeVerifier, settings.redirectUri]);
});

test('an ID token signed with another key is rejected', async () => {
  await rejected(attempt((p) => valid(p), { key: evil.privateKey }));
});

test('an ID token altered after signing is rejected', async () => {
  const { pending } = await beginLogin(settings);
  const [h, , s] = sign(valid(pending)).split('.');
  idToken = `${h}.${b64(valid(pending, { so_dinh_danh: '019085012345' }))}.${s}`;
  await rejected(finishLogin(settings, pending, `?code=c&state=${pending.state}`));
});

test('an expired ID token is rejected', async () => {
  await rejected(attempt((p) => valid(p, { iat: now() - 3600, exp: now() - 600 })));
});

test('a nonce mismatch is rejected', async () => {
  await rejected(attempt((p) => valid(p, { nonce: 'someone-elses-nonce' })));
  await rejected(attempt((p) => { const v: Record<string, unknown> = valid(p); delete v.nonce; return v; }));
});

test('a token for another client or from another issuer is rejected', async () => {
  await rejected(attempt((p) => valid(p, { aud: 'another-client' })));
  await rejected(attempt((p) => valid(p, { iss: 'https://not-the-issuer.example' })));
});

test('a token without a 12-digit ID number is rejected', async () => {
  await rejected(attempt((p) => valid(p, { so_dinh_danh: '12345' })));
  await rejected(attempt((p) => { const v: Record<string, unknown> = valid(p); delete v.so_dinh_danh; return v; }));
});

test('a wrong state is rejected before the code is exchanged', async () => {
  const before = tokenRequests.length;
  await rejected(attempt((p) => valid(p), { state: 'forged-state' }));
  assert.equal(tokenRequests.length, before, 'no token request');
});

test('an error answer from the issuer (the citizen cancelled) is "denied"', async () => {
  const { pending } = await beginLogin(settings);
  const e = await finishLogin(settings, pending, `?error=access_denied&state=${pending.state}`).catch((x: unknown) => x);
  assert.ok(e instanceof LoginError);
  assert.equal(e.failure, 'denied');
});

test('an unreachable issuer is reported as such', async () => {
  const e = await beginLogin({ ...settings, issuer: 'http://127.0.0.1:9' }).catch((x: unknown) => x);
  assert.ok(e instanceof LoginError);
  assert.equal(e.failure, 'issuer_unreachable');
});
