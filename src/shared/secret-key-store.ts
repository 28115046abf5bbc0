// The server's secret key kept OUT of the database (issue 13): a dump of the database alone (pg_dump, a copied
// cluster, a read-only SQL account) must not be enough to reverse what the key protects (the applicants' keyed
// references, dossiers/service.ts applicantRef). Unlike server_secrets (secrets-store.ts), which lives in the database
// it protects, this key comes from
//   1. the environment variable XASO_SECRET_KEY (64 hex digits, or base64 of at least 32 bytes): set it, the same on
//      every server, when several servers share one database; or else
//   2. the file `secret.key` (32 random bytes as hex, mode 0600) in the key directory (shared/key-files-store.ts), made by
//      the first process that needs it.
// Losing the key loses the link between citizens and the dossiers they filed online (they act at the counter
// instead): back the key directory up, apart from the database dumps. Each use gets its own key derived by HKDF
// (RFC 5869).
import crypto from 'node:crypto';
import path from 'node:path';
import { KEY_BYTES, decodeKey, keyDirectory, keyFile } from './key-files-store.ts';

export const SECRET_KEY_ENV = 'XASO_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

const masters = new Map<string, Buffer>();

/** The master key: XASO_SECRET_KEY, else `<keyDir>/secret.key` (read once per process and folder). */
export function masterKey(keyDir = keyDirectory(), env: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnvironment = env[SECRET_KEY_ENV];
  if (fromEnvironment) return decodeKey(fromEnvironment, SECRET_KEY_ENV);
  const file = path.resolve(keyDir, SECRET_KEY_FILE);
  let key = masters.get(file);
  if (!key) masters.set(file, (key = keyFile(file)));
  return key;
}

/** The key of one use (`purpose`, e.g. "applicant-ref"), derived from the master key: one use's key tells nothing of
 *  another's. */
export function secretKey(purpose: string, keyDir = keyDirectory(), env: NodeJS.ProcessEnv = process.env): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', masterKey(keyDir, env), Buffer.alloc(0), `xaso:${purpose}`, KEY_BYTES));
}
