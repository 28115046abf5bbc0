// Configuration from environment variables (README § Configuration).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig, outsideOptions } from '../../src/config.ts';

test('defaults, and each variable read', () => {
  const d = loadConfig({});
  assert.equal(d.port, 3000);
  assert.equal(d.host, '127.0.0.1');
  assert.equal(d.trustProxy, false);
  assert.equal(d.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(outsideOptions(d).identity.issuer, undefined, 'no issuer: the stand-in starts');
  const c = loadConfig({ PORT: '8080', XASO_TRUST_PROXY: '1', PUBLIC_URL: 'https://dichvucong.xuanduong.vn/', XASO_OIDC_ISSUER: 'https://id.example', SMTP_URL: 'smtp://mail:25' });
  assert.equal(c.port, 8080);
  assert.deepEqual(c.trustProxy, ['loopback']); // '1': one proxy on this machine
  assert.equal(c.publicUrl, 'https://dichvucong.xuanduong.vn');
  assert.equal(outsideOptions(c).identity.issuer, 'https://id.example');
  assert.equal(outsideOptions(c).messaging.smtpUrl, 'smtp://mail:25');
  assert.throws(() => loadConfig({ PORT: 'abc' }), /PORT must be a whole number from 0 to 65535/);
  assert.equal(d.demoDossiers, 900);
  assert.equal(loadConfig({ XASO_DEMO_DOSSIERS: '0' }).demoDossiers, 0);
  assert.throws(() => loadConfig({ XASO_DEMO_DOSSIERS: '-5' }), /XASO_DEMO_DOSSIERS/);
});
