// The server's secret key kept OUT of the database (issue 13): a dump of the database alone (pg_dump, a copied
// cluster, a read-only SQL account) must not be enough to reverse what the key protects (the applicants' keyed
// references, dossiers/service.ts applicantRef). Unlike server_secrets (secrets-store.ts), which lives in the database
// it protects, this key comes from
//   1. the environment variable XASO_SECRET_KEY (64 hex digits, or base64 of at least 32 bytes): set it, the same on
//      every server, when several servers share one database; or else
//   2. the file `secret.key` (32 random bytes, mode 0600) in the key directory (XASO_KEY_DIR, else `<dataDir>/keys`,
//      next to the embedded database: integrity/key-store.ts keyDirectory), made by the first process that needs it.
// Losing the key loses the link between citizens and the dossiers they filed online (they act at the counter
// instead): back the key directory up, apart from the database dumps. Each use gets its own key derived by HKDF
// (RFC 5869).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_KEY_ENV = 'XASO_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';
const KEY_BYTES = 32;

function fromEnv(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64,}$/.test(v) && v.length % 2 === 0 ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length < KEY_BYTES) throw new Error(`${SECRET_KEY_ENV} must hold at least ${KEY_BYTES} bytes (64 hex digits or base64)`);
  return key;
}

/** Reads the key file, making it first when there is none. Two processes starting together agree: the key is written
 *  to a private temporary file and linked into place (link fails when the file exists), so nobody reads half a key. */
function fromFile(file: string): Buffer {
  try {
    return checked(file, fs.readFileSync(file));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, crypto.randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return checked(file, fs.readFileSync(file));
}

function checked(file: string, key: Buffer): Buffer {
  if (key.length < KEY_BYTES) throw new Error(`${file} holds ${key.length} bytes, a key needs ${KEY_BYTES}: restore it from its backup`);
  return key;
}

const masters = new Map<string, Buffer>();

/** The master key: XASO_SECRET_KEY, else `<keyDir>/secret.key` (read once per process and folder). */
export function masterKey(keyDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnvironment = env[SECRET_KEY_ENV];
  if (fromEnvironment) return fromEnv(fromEnvironment);
  const file = path.resolve(keyDir, SECRET_KEY_FILE);
  let key = masters.get(file);
  if (!key) masters.set(file, (key = fromFile(file)));
  return key;
}

/** The key of one use (`purpose`, e.g. "applicant-ref"), derived from the master key: one use's key tells nothing of
 *  another's. */
export function secretKey(keyDir: string, purpose: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey(keyDir, env), Buffer.alloc(0), `xaso:${purpose}`, KEY_BYTES));
}
