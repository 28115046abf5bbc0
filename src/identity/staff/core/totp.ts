// Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC-SHA1, 30-second steps, 6 digits,
// one step of clock drift either way. Secrets travel as RFC 4648 base32 (what authenticator apps read).
// Pure: the caller passes the time and the last step it accepted (a code is accepted once: no replay).
import crypto from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of drift accepted either side of the current one (RFC 6238 §5.2 recommends at most one). */
export const TOTP_DRIFT_STEPS = 1;
/** 160-bit secrets, the HMAC-SHA1 output size (RFC 4226 §4 R6 asks for at least 128 bits). */
export const TOTP_SECRET_BYTES = 20;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32, ignoring case, spaces, hyphens and padding; null on any other character. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** HOTP (RFC 4226 §5.3): dynamic truncation of HMAC(key, counter), `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = crypto.createHmac(algorithm, key).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The 30-second step of an instant (RFC 6238 §4.2: T = floor((now − T0) / X), T0 = 0). */
export const totpStep = (at: Date) => Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);

export function totp(key: Uint8Array, at: Date, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  return hotp(key, totpStep(at), digits, algorithm);
}

/**
 * The step a code matches, within ±TOTP_DRIFT_STEPS of `at` and after `lastStep` (a code already used, or an
 * older one, is refused), or null. Compared in constant time.
 */
export function verifyTotp(key: Uint8Array, code: string, at: Date, lastStep: number | null): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const now = totpStep(at);
  let match: number | null = null;
  for (let s = now - TOTP_DRIFT_STEPS; s <= now + TOTP_DRIFT_STEPS; s++) {
    const ok = crypto.timingSafeEqual(Buffer.from(hotp(key, s)), Buffer.from(given));
    if (ok && match === null && (lastStep === null || s > lastStep)) match = s;
  }
  return match;
}

export const newTotpSecret = () => crypto.randomBytes(TOTP_SECRET_BYTES);

/** The otpauth:// URI authenticator apps read (Key Uri Format): issuer and account label, base32 secret. */
export function otpauthUri(secret: Uint8Array, issuer: string, account: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const q = `secret=${base32Encode(secret)}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
  return `otpauth://totp/${label}?${q}`;
}

/** A base32 secret in groups of four, easier to type by hand. */
export const groupedSecret = (secret: Uint8Array) => base32Encode(secret).replace(/(.{4})(?=.)/g, '$1 ');
