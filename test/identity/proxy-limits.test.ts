// Issue 13, finding 9: behind a reverse proxy, only the configured hops of X-Forwarded-For are trusted, so the client
// address (the per-address login limit, the audit) is the right-most untrusted one and a forged left-most entry
// changes nothing. XASO_TRUST_PROXY lists the proxies' addresses (src/config.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { loadConfig, trustProxyFrom } from '../../src/config.ts';

async function clientIp(env: NodeJS.ProcessEnv, peer: string, forwardedFor?: string): Promise<string> {
  const app = Fastify({ trustProxy: loadConfig(env).trustProxy });
  app.get('/', async (req) => ({ ip: req.ip }));
  const res = await app.inject({ method: 'GET', url: '/', remoteAddress: peer, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  await app.close();
  return res.json().ip;
}

test('one proxy on this machine (XASO_TRUST_PROXY=1): a forged left-most X-Forwarded-For entry is not the client', async () => {
  // The proxy (127.0.0.1) appends the address it saw (203.0.113.7) to what the client sent ("1.2.3.4").
  assert.equal(await clientIp({ XASO_TRUST_PROXY: '1' }, '127.0.0.1', '1.2.3.4, 203.0.113.7'), '203.0.113.7');
  assert.equal(await clientIp({ XASO_TRUST_PROXY: '1' }, '127.0.0.1', '203.0.113.7'), '203.0.113.7');
  // Sent straight to the server, not through the proxy: the header is the sender's word, not trusted.
  assert.equal(await clientIp({ XASO_TRUST_PROXY: '1' }, '198.51.100.9', '1.2.3.4'), '198.51.100.9');
});

test('listed proxies: the right-most address not in the list is the client', async () => {
  const env = { XASO_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' };
  assert.equal(await clientIp(env, '10.0.0.2', '1.2.3.4, 203.0.113.7, 10.0.0.9'), '203.0.113.7');
  // A request that reaches the server directly (not through a listed proxy) is its socket address, whatever it says.
  assert.equal(await clientIp(env, '198.51.100.9', '1.2.3.4'), '198.51.100.9');
});

test('no proxy configured: X-Forwarded-For is ignored', async () => {
  assert.equal(await clientIp({}, '198.51.100.9', '1.2.3.4'), '198.51.100.9');
  assert.equal(await clientIp({ XASO_TRUST_PROXY: '0' }, '198.51.100.9', '1.2.3.4'), '198.51.100.9');
});

test('XASO_TRUST_PROXY values', () => {
  assert.equal(trustProxyFrom(undefined), false);
  assert.deepEqual(trustProxyFrom('1'), ['loopback']);
  assert.throws(() => trustProxyFrom('2'), /XASO_TRUST_PROXY/);
  assert.deepEqual(trustProxyFrom('loopback, 10.0.0.0/8, ::1'), ['loopback', '10.0.0.0/8', '::1']);
  assert.throws(() => trustProxyFrom('true'), /XASO_TRUST_PROXY/);
  assert.throws(() => trustProxyFrom('*'), /XASO_TRUST_PROXY/);
});
