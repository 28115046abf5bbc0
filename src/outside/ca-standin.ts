// The local test certificate authority: it stands for a licensed CA (Luật Giao dịch điện tử 2023; NĐ 130/2018/NĐ-CP
// on certification services) so that signing works on a fresh machine and in tests. It makes its own root (a
// self-signed CA certificate) and issues X.509 certificates for document signing: one per commune (the
// organisation, "chữ ký số của cơ quan") and one per signer (the competent person). Every name it writes says it is
// a test: no reader trusts it, and a document signed with it has no legal value.
// It keeps nothing itself: the caller (src/signatures/credentials.ts) stores the keys it returns, sealed, in the
// database. node-forge (X.509) is loaded at the first issue; keys are made by node:crypto.
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type Forge from 'node-forge';

/** The test CA's name, as every certificate it issues shows it (the issuer). */
export const TEST_CA_NAME = 'Xã Số CA THỬ NGHIỆM — không phải chứng thư số thật';
/** The organisational unit of every certificate it issues. */
export const TEST_CERTIFICATE_MARK = 'CHỨNG THƯ THỬ NGHIỆM — không phải chứng thư số thật';

const CA_YEARS = 10;
const CERTIFICATE_YEARS = 2;

/** A private key (PKCS#8, DER) and its certificate (PEM). */
export interface KeyAndCertificate {
  keyDer: Buffer;
  certificatePem: string;
}

export interface SubjectRequest {
  kind: 'organisation' | 'person';
  /** The person's full name, or the agency's name for an organisation. */
  commonName: string;
  /** The agency (for a person: where they work). */
  organisation: string;
  province: string;
  /** The person's position (chức danh). */
  title?: string;
}

/** What the default set-up hands the signing service when the test CA is on (src/outside/ca.ts). */
export interface TestCa {
  createAuthority(now: Date): Promise<KeyAndCertificate>;
  issue(authority: KeyAndCertificate, subject: SubjectRequest, now: Date): Promise<KeyAndCertificate>;
}

type ForgeModule = typeof Forge;
let forgeModule: Promise<ForgeModule> | null = null;
const loadForge = () => (forgeModule ??= import('node-forge').then((m) => (m as unknown as { default: ForgeModule }).default));

const generateKeyPair = promisify(crypto.generateKeyPair);

async function newKey(forge: ForgeModule) {
  const { privateKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  const keyDer = privateKey.export({ type: 'pkcs8', format: 'der' });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string) as Forge.pki.rsa.PrivateKey;
  return { keyDer, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

/** A positive serial of 16 random bytes (RFC 5280 §4.1.2.2: at most 20 octets, unpredictable). */
function serial(): string {
  const b = crypto.randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x01;
  return b.toString('hex');
}

function name(forge: ForgeModule, parts: [string, string][]): Forge.pki.CertificateField[] {
  const UTF8 = forge.asn1.Type.UTF8;
  // countryName is a PrintableString (RFC 5280); every other value is UTF-8, for the Vietnamese names.
  return parts.map(([n, value]) => (n === 'countryName' ? { name: n, value } : { name: n, value, valueTagClass: UTF8 as unknown as Forge.asn1.Class }));
}

/** A parsed name as forge must be given it to write it again: forge keeps parsed UTF-8 values encoded and would
 *  encode them a second time. */
const decodedName = (forge: ForgeModule, attrs: Forge.pki.CertificateField[]) =>
  attrs.map((a) => (a.valueTagClass === (forge.asn1.Type.UTF8 as unknown) ? { ...a, value: forge.util.decodeUtf8(String(a.value)) } : a));

const years = (from: Date, n: number) => new Date(Date.UTC(from.getUTCFullYear() + n, from.getUTCMonth(), from.getUTCDate()));

export async function createTestAuthority(now: Date): Promise<KeyAndCertificate> {
  const forge = await loadForge();
  const k = await newKey(forge);
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  cert.validity.notAfter = years(now, CA_YEARS);
  const subject = name(forge, [['countryName', 'VN'], ['organizationName', 'Xã Số (phần mềm nguồn mở)'], ['organizationalUnitName', 'THỬ NGHIỆM'], ['commonName', TEST_CA_NAME]]);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(k.key, forge.md.sha256.create());
  return { keyDer: k.keyDer, certificatePem: forge.pki.certificateToPem(cert) };
}

export async function issueTestCertificate(authority: KeyAndCertificate, s: SubjectRequest, now: Date): Promise<KeyAndCertificate> {
  const forge = await loadForge();
  const caCert = forge.pki.certificateFromPem(authority.certificatePem);
  const caKey = forge.pki.privateKeyFromPem(crypto.createPrivateKey({ key: authority.keyDer, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string);
  const k = await newKey(forge);
  const cert = forge.pki.createCertificate();
  cert.publicKey = k.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
  const end = years(now, CERTIFICATE_YEARS);
  cert.validity.notAfter = end < caCert.validity.notAfter ? end : caCert.validity.notAfter;
  cert.setSubject(name(forge, [
    ['countryName', 'VN'],
    ['stateOrProvinceName', s.province],
    ['organizationName', s.organisation],
    ['organizationalUnitName', TEST_CERTIFICATE_MARK],
    ...(s.title ? [['title', s.title] as [string, string]] : []),
    ['commonName', s.commonName],
  ]));
  cert.setIssuer(decodedName(forge, caCert.subject.attributes));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyDer: k.keyDer, certificatePem: forge.pki.certificateToPem(cert) };
}

export const testCa: TestCa = { createAuthority: createTestAuthority, issue: issueTestCertificate };
