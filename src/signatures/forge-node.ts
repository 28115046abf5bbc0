// node-forge builds the CMS SignedData of each PAdES signature (pades.ts); the arithmetic under it is Node's crypto
// (OpenSSL) instead of forge's JavaScript, which took most of the time of a signature: the RSA operation (~20 ms a
// signature with forge's big integers, well under 1 ms with OpenSSL) and the SHA-256 of the signed bytes (the whole
// PDF but the signature). What is computed is the same, byte for byte: PKCS#1 v1.5 signatures are deterministic and
// a digest is a digest; forge still writes every structure.
import crypto from 'node:crypto';
import type Forge from 'node-forge';

type ForgeModule = typeof Forge;
/** What forge's CMS signer calls of a message digest. */
interface ForgeDigest {
  algorithm: string;
  digest(): { getBytes(): string };
}

/** The DER prefix of a SHA-256 DigestInfo, the digest's 32 bytes following (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A private key as forge's CMS signer uses it: `sign(md)` returns the RSASSA-PKCS1-v1_5 signature of the message
 * digest `md` (RFC 8017 §8.2.1: the DigestInfo of the digest, padded as EMSA-PKCS1-v1_5 and raised to the private
 * exponent), what forge's own key.sign(md) returns: RSA_PKCS1_PADDING on a private-key operation is exactly that
 * padding (block type 1).
 */
export function nodeRsaKey(key: crypto.KeyObject) {
  return {
    sign(md: ForgeDigest, scheme?: string): string {
      if (md.algorithm !== 'sha256' || (scheme !== undefined && scheme !== 'RSASSA-PKCS1-V1_5')) {
        throw new Error(`unsupported signature: ${md.algorithm} ${scheme ?? ''}`);
      }
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return crypto.privateEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
}

/** forge's message-digest interface (start, update with binary strings, digest as a forge buffer) over Node's SHA-256. */
function nodeSha256(forge: ForgeModule) {
  let hash = crypto.createHash('sha256');
  const md = {
    algorithm: 'sha256', blockLength: 64, digestLength: 32,
    start() {
      hash = crypto.createHash('sha256');
      return md;
    },
    update(msg: string, encoding?: string) {
      hash.update(Buffer.from(msg, encoding === 'utf8' ? 'utf8' : 'latin1'));
      return md;
    },
    digest() {
      return forge.util.createBuffer(hash.copy().digest().toString('latin1'));
    },
  };
  return md;
}

/**
 * Runs `work` (synchronous: forge's p7.sign()) with forge's SHA-256 computed by Node: forge makes its digests by
 * `forge.md.sha256.create()`, which is Node's for the length of the call and forge's own again after it (nothing
 * else runs in between).
 */
export function withNodeSha256<T>(forge: ForgeModule, work: () => T): T {
  const sha256 = forge.md.sha256 as unknown as { create: () => unknown };
  const own = sha256.create;
  sha256.create = () => nodeSha256(forge);
  try {
    return work();
  } finally {
    sha256.create = own;
  }
}

/** Certificates parsed by forge, by PEM: every document of a commune carries the same ones, and forge only reads a
 *  parsed certificate when it writes a signature. */
const parsedCertificates = new Map<string, Forge.pki.Certificate>();
export function certificateOf(forge: ForgeModule, pem: string): Forge.pki.Certificate {
  let c = parsedCertificates.get(pem);
  if (!c) {
    if (parsedCertificates.size >= 256) parsedCertificates.delete(parsedCertificates.keys().next().value!);
    c = forge.pki.certificateFromPem(pem);
    parsedCertificates.set(pem, c);
  }
  return c;
}
