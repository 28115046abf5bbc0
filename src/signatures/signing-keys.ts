// The opened private keys of signing credentials, kept in this process's memory: unsealing a key and parsing it
// (credentials-store.ts) is done once per credential, not once per signature (the demo signs ~800 results at its
// first start). Keyed by the credential's id and checked against its certificate's fingerprint, to which the sealed
// key is bound: a credential row never changes its key, and a different credential under the same id (another
// database in the same process) opens its own. Node's KeyObject keeps the key material outside the JavaScript heap;
// nothing here is logged or returned by the API.
import crypto from 'node:crypto';

/** Credentials whose keys stay open at once (a commune's agency and its signers; several communes per server). */
const MAX_OPEN = 256;

const open = new Map<number, { fingerprint: string; key: Promise<crypto.KeyObject> }>();

/**
 * The credential's private key as a Node KeyObject, opened by `unseal` (PKCS#8 DER) at the first use and kept for
 * the process. A failed opening is not kept.
 */
export function signingKey(c: { id: number; fingerprint: string }, unseal: () => Buffer | Promise<Buffer>): Promise<crypto.KeyObject> {
  const hit = open.get(c.id);
  if (hit && hit.fingerprint === c.fingerprint) {
    // Most recently used last: the first entry is the one to drop when the map is full.
    open.delete(c.id);
    open.set(c.id, hit);
    return hit.key;
  }
  const key = (async () => crypto.createPrivateKey({ key: await unseal(), format: 'der', type: 'pkcs8' }))();
  open.delete(c.id);
  open.set(c.id, { fingerprint: c.fingerprint, key });
  key.catch(() => {
    if (open.get(c.id)?.key === key) open.delete(c.id);
  });
  while (open.size > MAX_OPEN) open.delete(open.keys().next().value!);
  return key;
}

/** Forgets every opened key (tests). */
export function forgetSigningKeys(): void {
  open.clear();
}
