// The pure parts of staff authentication: TOTP (RFC 6238 and RFC 4226 test vectors), base32 (RFC 4648 §10),
// the lockout decision, address truncation for the audit, and the argon2id rehash rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSync } from '@node-rs/argon2';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, totpStep, verifyTotp } from '../../src/identity/staff/core/totp.ts';
import { gateOf } from '../../src/identity/staff/lockout.ts';
import { truncateAddress } from '../../src/identity/staff/login-audit.ts';
import { ARGON2_OPTIONS, needsRehash } from '../../src/identity/staff/auth.ts';

const SEED1 = Buffer.from('12345678901234567890');
const SEED256 = Buffer.from('12345678901234567890123456789012');
const SEED512 = Buffer.from('1234567890'.repeat(6) + '1234');

test('HOTP: RFC 4226 Appendix D values', () => {
  const want = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  want.forEach((code, counter) => assert.equal(hotp(SEED1, counter), code));
});

test('TOTP: RFC 6238 Appendix B values (8 digits; SHA-1, SHA-256, SHA-512)', () => {
  const rows: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [t, sha1, sha256, sha512] of rows) {
    const at = new Date(t * 1000);
    assert.equal(totp(SEED1, at, 8), sha1, `SHA-1 at ${t}`);
    assert.equal(totp(SEED256, at, 8, 'sha256'), sha256, `SHA-256 at ${t}`);
    assert.equal(totp(SEED512, at, 8, 'sha512'), sha512, `SHA-512 at ${t}`);
  }
  // The 6-digit codes we use are the last 6 digits of the same value.
  assert.equal(totp(SEED1, new Date(59_000)), '287082');
});

test('base32: RFC 4648 §10 vectors, decoding tolerates case, spaces, padding; rejects other characters', () => {
  const v: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
  for (const [plain, enc] of v) {
    assert.equal(base32Encode(Buffer.from(plain)), enc);
    assert.equal(base32Decode(enc)!.toString(), plain);
  }
  assert.equal(base32Decode('mzxw 6ytb oi======')!.toString(), 'foobar');
  assert.equal(base32Decode('MZXW1'), null);
  assert.equal(base32Encode(SEED1), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
});

test('verifyTotp: ±1 step of drift, not 2; a used step (or older) is refused; only 6 digits', () => {
  const at = new Date('2026-12-01T08:00:10Z');
  const step = totpStep(at);
  const code = (s: number) => hotp(SEED1, s);
  assert.equal(verifyTotp(SEED1, code(step), at, null), step);
  assert.equal(verifyTotp(SEED1, code(step - 1), at, null), step - 1);
  assert.equal(verifyTotp(SEED1, code(step + 1), at, null), step + 1);
  assert.equal(verifyTotp(SEED1, code(step - 2), at, null), null);
  assert.equal(verifyTotp(SEED1, code(step + 2), at, null), null);
  assert.equal(verifyTotp(SEED1, code(step), at, step), null, 'replay of the same step');
  assert.equal(verifyTotp(SEED1, code(step - 1), at, step), null, 'an older code after a newer one');
  assert.equal(verifyTotp(SEED1, code(step + 1), at, step), step + 1);
  assert.equal(verifyTotp(SEED1, ` ${code(step).slice(0, 3)} ${code(step).slice(3)} `, at, null), step, 'spaces are ignored');
  assert.equal(verifyTotp(SEED1, 'abcdef', at, null), null);
  assert.equal(verifyTotp(SEED1, code(step) + '0', at, null), null);
});

test('otpauth URI: label, issuer and parameters authenticator apps read', () => {
  const uri = otpauthUri(SEED1, 'Xã Số', 'motcua');
  assert.equal(uri, 'otpauth://totp/X%C3%A3%20S%E1%BB%91%3Amotcua?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=X%C3%A3%20S%E1%BB%91&algorithm=SHA1&digits=6&period=30');
});

test('lockout decision: the address limit first, then the username lock', () => {
  assert.equal(gateOf(0, 0), 'open');
  assert.equal(gateOf(4, 19), 'open');
  assert.equal(gateOf(5, 0), 'locked');
  assert.equal(gateOf(0, 20), 'rate_limited');
  assert.equal(gateOf(9, 20), 'rate_limited');
});

test('audit addresses are truncated to /24 (IPv4) and /48 (IPv6)', () => {
  assert.equal(truncateAddress('10.1.2.3'), '10.1.2.0');
  assert.equal(truncateAddress('::ffff:192.168.7.9'), '192.168.7.0');
  assert.equal(truncateAddress('2001:db8:abcd:12::1'), '2001:db8:abcd::');
  assert.equal(truncateAddress('2001:0db8::1'), '2001:db8:0::');
  assert.equal(truncateAddress('::1'), '0:0:0::');
  assert.equal(truncateAddress('garbage'), 'unknown');
});

test('argon2id parameters: OWASP minimum; weaker or other-algorithm hashes need a rehash', () => {
  assert.deepEqual([ARGON2_OPTIONS.memoryCost, ARGON2_OPTIONS.timeCost, ARGON2_OPTIONS.parallelism], [19456, 2, 1]);
  const current = hashSync('x', ARGON2_OPTIONS);
  assert.match(current, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(needsRehash(current), false);
  assert.equal(needsRehash(hashSync('x', { ...ARGON2_OPTIONS, memoryCost: 65536 })), false, 'stronger is kept');
  assert.equal(needsRehash(hashSync('x', { memoryCost: 4096, timeCost: 1 })), true);
  assert.equal(needsRehash(hashSync('x', { ...ARGON2_OPTIONS, timeCost: 1 })), true);
  assert.equal(needsRehash(hashSync('x', { ...ARGON2_OPTIONS, algorithm: 1 as never })), true, 'argon2i');
  assert.equal(needsRehash('$2b$10$notargon'), true);
});
