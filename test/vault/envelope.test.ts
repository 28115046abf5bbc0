// The file envelope (src/vault/core/envelope.ts): what goes in comes out, under the right key and row only; any
// altered byte of content, nonce, wrapped key, key version or row key (AAD) is refused, never answered with wrong bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fc from 'fast-check';
import { VaultError, open, rewrap, seal, sha256Hex, type Kek, type Sealed } from '../../src/vault/core/envelope.ts';

const kekOf = (version: number): Kek => ({ version, key: crypto.randomBytes(32) });
const k1 = kekOf(1);
const k2 = kekOf(2);
const refused = (f: () => unknown) => assert.throws(f, (e: unknown) => e instanceof VaultError && e.code === 'UNREADABLE');
const flip = (b: Buffer, i: number, bit: number) => {
  const c = Buffer.from(b);
  c[i % c.length]! ^= 1 << bit;
  return c;
};

test('round trip: open(seal(x)) = x, the stored bytes are not the plaintext, and each seal is fresh', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (a) => {
    const plain = Buffer.from(a);
    const sha = sha256Hex(plain);
    const s = seal(plain, sha, k1);
    assert.equal(s.keyVersion, 1);
    assert.equal(s.content.length, plain.length + 16);
    if (plain.length >= 16) assert.equal(s.content.includes(plain.subarray(0, 16)), false);
    assert.deepEqual(open(s, sha, k1), plain);
    assert.notDeepEqual(seal(plain, sha, k1).wrappedKey, s.wrappedKey);
  }), { numRuns: 200 });
});

test('a flipped bit anywhere in the content, nonce or wrapped key is refused', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.constantFrom('content', 'nonce', 'wrappedKey'), fc.nat(), fc.integer({ min: 0, max: 7 }), (a, field, i, bit) => {
    const plain = Buffer.from(a);
    const sha = sha256Hex(plain);
    const s = seal(plain, sha, k1);
    const bad: Sealed = { ...s, [field]: flip(s[field as 'content'], i, bit) };
    refused(() => open(bad, sha, k1));
  }), { numRuns: 300 });
});

test('the AAD binds the row: another sha256, another version or another KEK does not open', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), fc.nat(63), (a, i) => {
    const plain = Buffer.from(a);
    const sha = sha256Hex(plain);
    const s = seal(plain, sha, k1);
    const otherSha = sha.slice(0, i) + (sha[i] === '0' ? '1' : '0') + sha.slice(i + 1);
    refused(() => open(s, otherSha, k1));
    refused(() => open({ ...s, keyVersion: 2 }, sha, { version: 2, key: k1.key })); // version is in the key's AAD
    refused(() => open(s, sha, { version: 1, key: k2.key }));
    refused(() => open({ ...s, content: s.content.subarray(0, s.content.length - 1) }, sha, k1)); // truncated
  }), { numRuns: 200 });
});

test('rewrap moves the data key to another KEK: the content is unchanged, the new version opens it, the old key does not', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 1024 }), (a) => {
    const plain = Buffer.from(a);
    const sha = sha256Hex(plain);
    const s = seal(plain, sha, k1);
    const moved: Sealed = { ...s, keyVersion: 2, wrappedKey: rewrap(s.wrappedKey, sha, k1, k2) };
    assert.deepEqual(open(moved, sha, k2), plain);
    refused(() => open(moved, sha, { version: 2, key: k1.key }));
    refused(() => rewrap(s.wrappedKey, sha, k2, k1)); // the wrong source KEK
  }), { numRuns: 100 });
});
