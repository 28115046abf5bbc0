// The speed-ups of signing change nothing that is signed: the RSA signature made by Node's crypto is byte for byte
// node-forge's own (PKCS#1 v1.5 over the SHA-256 DigestInfo), and each credential's key is opened once, again when
// the credential under that id changes, and not kept when opening fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type Forge from 'node-forge';
import { nodeRsaKey } from '../../src/signatures/forge-node.ts';
import { forgetSigningKeys, signingKey } from '../../src/signatures/signing-keys.ts';

const forge = ((await import('node-forge')) as unknown as { default: typeof Forge }).default;
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const der = privateKey.export({ type: 'pkcs8', format: 'der' });

test("the signature by Node's crypto is forge's key.sign(md), and verifies as RSA-SHA256", () => {
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) as Forge.pki.rsa.PrivateKey;
  for (const message of ['', 'signed attributes', crypto.randomBytes(1000).toString('binary')]) {
    const md = () => forge.md.sha256.create().update(message);
    const ours = nodeRsaKey(privateKey).sign(md(), 'RSASSA-PKCS1-V1_5');
    assert.equal(ours, forgeKey.sign(md()));
    assert.ok(crypto.verify('sha256', Buffer.from(message, 'binary'), publicKey, Buffer.from(ours, 'binary')));
  }
});

test('only SHA-256 with PKCS#1 v1.5 is signed', () => {
  assert.throws(() => nodeRsaKey(privateKey).sign(forge.md.sha1.create().update('x')), /unsupported/);
  assert.throws(() => nodeRsaKey(privateKey).sign(forge.md.sha256.create().update('x'), 'RSA-PSS'), /unsupported/);
});

test('a credential key is opened once, again when the credential under its id changes, and not kept when opening fails', async () => {
  forgetSigningKeys();
  let opened = 0;
  const open = () => {
    opened++;
    return Promise.resolve(der);
  };
  const a = await signingKey({ id: 7, fingerprint: 'aa' }, open);
  assert.equal(a.asymmetricKeyType, 'rsa');
  assert.equal(await signingKey({ id: 7, fingerprint: 'aa' }, open), a);
  assert.equal(opened, 1);
  // Another certificate under the same id (another database in this process, say): opened anew.
  assert.notEqual(await signingKey({ id: 7, fingerprint: 'bb' }, open), a);
  assert.equal(opened, 2);
  // Concurrent first uses open it once.
  const [x, y] = await Promise.all([signingKey({ id: 8, fingerprint: 'cc' }, open), signingKey({ id: 8, fingerprint: 'cc' }, open)]);
  assert.equal(x, y);
  assert.equal(opened, 3);
  await assert.rejects(signingKey({ id: 9, fingerprint: 'dd' }, () => Promise.reject(new Error('sealed under another secret'))));
  await new Promise((r) => setImmediate(r));
  assert.equal((await signingKey({ id: 9, fingerprint: 'dd' }, open)).asymmetricKeyType, 'rsa');
  await assert.rejects(signingKey({ id: 10, fingerprint: 'ee' }, () => Buffer.from('not a key')));
  forgetSigningKeys();
});
