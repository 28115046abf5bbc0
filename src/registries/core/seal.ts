// Keyed digests (pure, node:crypto): how the lookup log names a subject without keeping the ID number in clear, and
// how a record shown to an officer is carried back, unaltered, when they choose to use it.
import crypto from 'node:crypto';

/**
 * The subject as the log stores it: HMAC-SHA256 under a server key. Not a plain hash: a 12-digit ID number has only
 * 10^12 values, which a plain sha256 gives back by trying them all; without the key the digest says nothing. With the
 * key (the server's), an auditor can still ask "who looked up this person?" (the same digest). The log also keeps the
 * last 4 digits and the name the registry returned, so the administrator sees WHICH person was looked up.
 */
export function subjectDigest(key: Buffer, registry: string, subject: string): string {
  return crypto.createHmac('sha256', key).update(`${registry}\n${subject}`).digest('base64url');
}

/** A seal over a record shown for a lookup: the officer's "Dùng thông tin này" posts it back with the record, and
 *  only a record the platform returned for that lookup is accepted (no copy of it kept on our side meanwhile). */
export function recordSeal(key: Buffer, lookupId: number, record: unknown): string {
  return crypto.createHmac('sha256', key).update(`${lookupId}\n${JSON.stringify(record)}`).digest('base64url');
}

export function sealHolds(key: Buffer, lookupId: number, record: unknown, seal: string): boolean {
  const want = Buffer.from(recordSeal(key, lookupId, record));
  const got = Buffer.from(seal);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
