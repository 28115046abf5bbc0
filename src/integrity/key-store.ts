// The integrity keys, kept OUTSIDE the database (a dump or a database writer gets neither): the chain key (HMAC-SHA256
// of the action log, src/dossiers/core/hash-chain.ts) and the checkpoint signing key (Ed25519, checkpoints.ts).
//
//   XASO_CHAIN_KEY        the chain key itself (≥ 32 bytes, hex or base64), e.g. from a secrets manager; else
//   <key dir>/chain.key   made (32 random bytes, mode 0600) by the first process that needs it (shared/key-files-store.ts)
//   <key dir>/checkpoint-ed25519.pem / .pub.pem   the signing key pair, made likewise
//   key dir               XASO_KEY_DIR, else <data dir>/keys (data dir: XASO_DATA_DIR or ./data, as src/config.ts)
//
// Back the key directory up apart from the database: without the chain key, keyed entries can no longer be checked.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createOnce, decodeKey, keyDirectory, keyFile } from '../shared/key-files-store.ts';

export { dataDirectory, keyDirectory } from '../shared/key-files-store.ts';

const chainKeys = new Map<string, Buffer>();

/** The chain key (read once per process and key directory; made at the first use when there is none). */
export function chainKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.XASO_CHAIN_KEY) return decodeKey(env.XASO_CHAIN_KEY, 'XASO_CHAIN_KEY');
  const dir = keyDirectory(env);
  let key = chainKeys.get(dir);
  if (!key) chainKeys.set(dir, (key = keyFile(path.join(dir, 'chain.key'))));
  return key;
}

/** A short public name of a chain key (it reveals nothing of the key): checkpoints record which key made the chain. */
export const chainKeyId = (key: Uint8Array) => crypto.createHash('sha256').update('xaso-chain-key-id:').update(key).digest('hex').slice(0, 16);

export interface SigningKeys {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  /** sha256 of the public key (DER), first 16 hex digits. */
  id: string;
}

const publicKeyId = (k: crypto.KeyObject) => crypto.createHash('sha256').update(k.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

/** The checkpoint signing key pair of the key directory (made at the first use when there is none). */
export function signingKeys(env: NodeJS.ProcessEnv = process.env): SigningKeys {
  const dir = keyDirectory(env);
  const file = path.join(dir, 'checkpoint-ed25519.pem');
  createOnce(file, () => crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const privateKey = crypto.createPrivateKey(fs.readFileSync(file));
  const publicKey = crypto.createPublicKey(privateKey);
  const pub = path.join(dir, 'checkpoint-ed25519.pub.pem');
  createOnce(pub, () => publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKey, id: publicKeyId(publicKey) };
}

/** The public key that checks checkpoints: XASO_CHECKPOINT_PUBLIC_KEY (a PEM file kept elsewhere, e.g. by the
 *  provincial auditor), else the key directory's. */
export function checkpointPublicKey(env: NodeJS.ProcessEnv = process.env): { key: crypto.KeyObject; id: string } {
  const file = env.XASO_CHECKPOINT_PUBLIC_KEY;
  const key = file ? crypto.createPublicKey(fs.readFileSync(file)) : signingKeys(env).publicKey;
  return { key, id: publicKeyId(key) };
}
