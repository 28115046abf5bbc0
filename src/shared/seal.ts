// Sealing a secret for storage (AES-256-GCM): iv (12 bytes) ‖ tag (16) ‖ ciphertext, optionally bound by the
// additional data to the row it belongs to (a signing key to its certificate's fingerprint), so that a sealed value
// moved to another row does not open. Used for TOTP secrets (key "totp-key") and signing keys ("signing-key"); the
// keys come from the secret key outside the database (secrets-store.ts sealingKeys()). An empty additional data is the same as none (GCM).
import crypto from 'node:crypto';

export function seal(key: Buffer, plain: Buffer, aad = ''): Buffer {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

/** Opens with the current key, else the legacy one (values sealed by an earlier release); `legacy` tells which. */
export function unsealEither(keys: { current: Buffer; legacy: Buffer }, sealed: Buffer, aad = ''): { plain: Buffer; legacy: boolean } {
  try {
    return { plain: unseal(keys.current, sealed, aad), legacy: false };
  } catch {
    return { plain: unseal(keys.legacy, sealed, aad), legacy: true };
  }
}

/** Throws when the sealed bytes, the key or the additional data do not match. */
export function unseal(key: Buffer, sealed: Buffer, aad = ''): Buffer {
  const d = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
}
