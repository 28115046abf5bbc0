// Key files kept OUTSIDE the database (issue 13): where they live and how they are made and read, for every key the
// platform keeps there (the secret key of shared/secret-key-store.ts; the chain key and the checkpoint signing key of
// integrity/key-store.ts). Back the key directory up apart from the database dumps.
//
//   key dir    XASO_KEY_DIR, else <data dir>/keys (data dir: XASO_DATA_DIR or ./data, as src/config.ts resolves it;
//              this floor cannot import the configuration)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Bytes of a symmetric key (HMAC-SHA256, HKDF output). */
export const KEY_BYTES = 32;

export const dataDirectory = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.XASO_DATA_DIR || './data');
export const keyDirectory = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.XASO_KEY_DIR || path.join(dataDirectory(env), 'keys'));

/** Creates `file` (mode 0600) with `content()` unless it exists, atomically: the content is written to a private
 *  temporary file and linked into place (the link fails when the file exists), so two processes starting together
 *  end up with the same key and nobody reads half of one. */
export function createOnce(file: string, content: () => string | Buffer): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content(), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** A key given as text (an environment variable, a text key file): hex, else base64; at least KEY_BYTES bytes. */
export function decodeKey(text: string, what: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length < KEY_BYTES) throw new Error(`${what} must hold at least ${KEY_BYTES} bytes (64 hex digits or base64): restore it from its backup`);
  return key;
}

/** The symmetric key of `file` in the key directory (hex text), made with random bytes at its first use. */
export function keyFile(file: string): Buffer {
  createOnce(file, () => crypto.randomBytes(KEY_BYTES).toString('hex') + '\n');
  return decodeKey(fs.readFileSync(file, 'utf8'), file);
}
