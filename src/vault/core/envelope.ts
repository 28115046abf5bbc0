// Envelope encryption of stored files (issue 13; NĐ 356/2025 on the protection of sensitive personal data, e.g. the
// images of ID cards among a dossier's attachments). Pure: the caller brings the keys.
//
//   content      AES-256-GCM under a random data key of its own (32 bytes), a random 12-byte nonce; stored as
//                ciphertext ‖ 16-byte tag. AAD "xaso-file-v1:content:<sha256>" binds it to its row (sha256 of the
//                plaintext, the primary key of table files): content moved to another row does not open.
//   wrapped key  the data key under a key-encryption key (KEK) of version n, AES-256-GCM too; stored as
//                nonce (12) ‖ ciphertext (32) ‖ tag (16). AAD "xaso-file-v1:key:<n>:<sha256>".
// A rotation re-wraps only the 60-byte wrapped key; the content is never re-encrypted. Any change of a byte of content,
// nonce, wrapped key, version or sha256 makes open() throw: never wrong bytes.
import crypto from 'node:crypto';

export const DATA_KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const WRAPPED_KEY_BYTES = NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES;

export interface Kek {
  version: number;
  key: Buffer;
}

/** The envelope as stored on a row of table files. */
export interface Sealed {
  keyVersion: number;
  wrappedKey: Buffer;
  nonce: Buffer;
  content: Buffer;
}

export type VaultErrorCode = 'KEY_MISSING' | 'UNREADABLE';

/** A file that cannot be opened: its KEK is missing (KEY_MISSING) or the envelope does not authenticate (UNREADABLE:
 *  a wrong key file or altered bytes). The message is for the operator's log, in Vietnamese. */
export class VaultError extends Error {
  readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

const contentAad = (sha256: string) => Buffer.from(`xaso-file-v1:content:${sha256}`);
const keyAad = (version: number, sha256: string) => Buffer.from(`xaso-file-v1:key:${version}:${sha256}`);

function gcmSeal(key: Buffer, nonce: Buffer, plain: Buffer, aad: Buffer): Buffer {
  const c = crypto.createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  c.setAAD(aad);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function gcmOpen(key: Buffer, nonce: Buffer, sealed: Buffer, aad: Buffer, what: string): Buffer {
  if (nonce.length !== NONCE_BYTES || sealed.length < TAG_BYTES || key.length !== 32) throw unreadable(what);
  const d = crypto.createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
  } catch {
    throw unreadable(what);
  }
}

const unreadable = (what: string) =>
  new VaultError('UNREADABLE', `Không giải mã được ${what}: sai khóa vault hoặc dữ liệu đã bị sửa đổi`);

/** The first 32 bytes of a KEK (a key file may hold more, decodeKey accepts ≥ 32). */
const kekBytes = (k: Buffer) => k.subarray(0, 32);

export function wrapKey(dataKey: Buffer, sha256: string, kek: Kek): Buffer {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  return Buffer.concat([nonce, gcmSeal(kekBytes(kek.key), nonce, dataKey, keyAad(kek.version, sha256))]);
}

export function unwrapKey(wrapped: Buffer, sha256: string, kek: Kek): Buffer {
  if (wrapped.length !== WRAPPED_KEY_BYTES) throw unreadable(`khóa dữ liệu của tệp ${sha256.slice(0, 12)}`);
  return gcmOpen(kekBytes(kek.key), wrapped.subarray(0, NONCE_BYTES), wrapped.subarray(NONCE_BYTES), keyAad(kek.version, sha256), `khóa dữ liệu của tệp ${sha256.slice(0, 12)}`);
}

/** Encrypts `plain` (whose sha256 is `sha256`) under a fresh data key wrapped by `kek`. */
export function seal(plain: Buffer, sha256: string, kek: Kek): Sealed {
  const dataKey = crypto.randomBytes(DATA_KEY_BYTES);
  const nonce = crypto.randomBytes(NONCE_BYTES);
  return { keyVersion: kek.version, wrappedKey: wrapKey(dataKey, sha256, kek), nonce, content: gcmSeal(dataKey, nonce, plain, contentAad(sha256)) };
}

/** The plaintext of an envelope; `kek` must be the KEK of version `s.keyVersion`. Throws VaultError otherwise. */
export function open(s: Sealed, sha256: string, kek: Kek): Buffer {
  if (kek.version !== s.keyVersion) throw unreadable(`tệp ${sha256.slice(0, 12)}`);
  const dataKey = unwrapKey(s.wrappedKey, sha256, kek);
  return gcmOpen(dataKey, s.nonce, s.content, contentAad(sha256), `tệp ${sha256.slice(0, 12)}`);
}

/** The same data key wrapped by another KEK (a rotation): the content stays as it is. */
export function rewrap(wrapped: Buffer, sha256: string, from: Kek, to: Kek): Buffer {
  return wrapKey(unwrapKey(wrapped, sha256, from), sha256, to);
}

/** sha256 hex of bytes (a legacy plaintext row is checked against its key before it is served or sealed). */
export const sha256Hex = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
