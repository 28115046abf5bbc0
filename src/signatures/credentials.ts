// The certificates a document is signed with: the commune's (organisation) and the signer's (person). A real
// deployment imports each from a licensed CA's PKCS#12 file (importCredential, administrators); with the test CA on
// (XASO_TEST_CA, default) a missing or expired one is issued by the local test CA (src/outside/ca-standin.ts), whose
// own key is kept here too. With the test CA off, a certificate the test CA issued never signs.
// Keys are sealed in the database (credentials-store.ts) and opened once per credential and process
// (signing-keys.ts); certificates are read with node:crypto's X509Certificate, PKCS#12 files with node-forge (loaded
// at the first import).
import crypto from 'node:crypto';
import type Forge from 'node-forge';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { fmtDateTime } from '../shared/format.ts';
import type { CaSettings } from '../outside/ca.ts';
import type { KeyAndCertificate } from '../outside/ca-standin.ts';
import { signingKey } from './signing-keys.ts';
import {
  credentialKey, credentialStored, currentCredential, insertCredential, retireCurrent, type Credential, type Holder, type NewCredential,
} from './credentials-store.ts';

type Db = Kysely<Database>;

/** A credential with its opened key, ready to sign. */
export type UsableCredential = Credential & { key: crypto.KeyObject };

/** What the stored columns say of a certificate (PEM). */
export function describeCertificate(pem: string) {
  const x = new crypto.X509Certificate(pem);
  return {
    subject: x.subject.split('\n').reverse().join(', '),
    issuer: x.issuer.split('\n').reverse().join(', '),
    serial: x.serialNumber.toLowerCase(),
    fingerprint: x.fingerprint256.replace(/:/g, '').toLowerCase(),
    notBefore: new Date(x.validFrom),
    notAfter: new Date(x.validTo),
  };
}

const stored = (holder: Holder, source: Credential['source'], c: KeyAndCertificate, chainPem: string, createdBy: number | null): NewCredential => ({
  holder, source, ...describeCertificate(c.certificatePem), certificatePem: c.certificatePem, chainPem, keyDer: c.keyDer, createdBy,
});

async function withKey(db: Db, c: Credential): Promise<UsableCredential> {
  return { ...c, key: await signingKey(c, () => credentialKey(db, c)) };
}

/** Stores a newly issued credential, or takes the one another process stored first. */
async function keep(db: Db, c: NewCredential): Promise<Credential> {
  return (await insertCredential(db, c)) ?? (await currentCredential(db, c.holder))!;
}

/** The test CA's own credential, made on first use. */
async function authority(db: Db, ca: CaSettings, now: Date): Promise<Credential> {
  if (!ca.testCa) throw new Error('the test CA is off');
  let c = await currentCredential(db, { kind: 'ca' });
  if (c && c.notAfter.getTime() < now.getTime() + 366 * 86_400_000) {
    await retireCurrent(db, { kind: 'ca' }, now); // a year before it ends, a new root (the old one stays for its documents)
    c = undefined;
  }
  c ??= await keep(db, stored({ kind: 'ca' }, 'test_ca', await ca.testCa.createAuthority(now), '', null));
  return c;
}

/** The test CA's certificate (PEM), for readers to trust while testing; null when the test CA is off. */
export async function testAuthorityCertificate(db: Db, ca: CaSettings, now: Date): Promise<string | null> {
  return ca.testCa ? (await authority(db, ca, now)).certificatePem : null;
}

export interface Subject {
  commune: { id: string; name: string; province: string };
  agency: string;
  signer: { id: number; fullName: string; title: string };
}

const MISSING: Record<'organisation' | 'person', string> = {
  organisation: 'Chưa có chứng thư số của cơ quan. Quản trị viên cần nhập chứng thư số (tệp PKCS#12 do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp) trước khi ký.',
  person: 'Người ký chưa có chứng thư số. Quản trị viên cần nhập chứng thư số của người ký (tệp PKCS#12) trước khi ký.',
};

/** The holder's credential to sign with now: current, usable under the configuration, valid; issued if missing. */
async function credentialFor(db: Db, ca: CaSettings, holder: Holder & { kind: 'organisation' | 'person' }, s: Subject, now: Date) {
  let c = await currentCredential(db, holder);
  if (c && c.source === 'test_ca' && !ca.testCa) c = undefined;
  if (c && (c.notAfter <= now || c.notBefore > now)) {
    if (c.source === 'imported') {
      throw new Problem(409, 'SIGNING_CERTIFICATE_NOT_VALID', `Chứng thư số ${holder.kind === 'person' ? 'của người ký' : 'của cơ quan'} đã hết hạn hoặc chưa có hiệu lực. Quản trị viên cần nhập chứng thư số mới.`);
    }
    await retireCurrent(db, holder, now);
    c = undefined;
  }
  if (!c) {
    if (!ca.testCa) throw new Problem(409, 'NO_SIGNING_CERTIFICATE', MISSING[holder.kind]);
    const root = await authority(db, ca, now);
    const issued = await ca.testCa.issue({ certificatePem: root.certificatePem, keyDer: await credentialKey(db, root) }, {
      kind: holder.kind,
      commonName: holder.kind === 'person' ? s.signer.fullName : s.agency,
      organisation: s.agency,
      province: s.commune.province,
      ...(holder.kind === 'person' && s.signer.title ? { title: s.signer.title } : {}),
    }, now);
    c = await keep(db, stored(holder, 'test_ca', issued, root.certificatePem, null));
  }
  return withKey(db, c);
}

/** The signer's and the agency's credentials, in the order they sign. */
export async function signingCredentials(db: Db, ca: CaSettings, s: Subject, now: Date) {
  const person = await credentialFor(db, ca, { kind: 'person', communeId: s.commune.id, staffId: s.signer.id }, s, now);
  const organisation = await credentialFor(db, ca, { kind: 'organisation', communeId: s.commune.id }, s, now);
  return { person, organisation, test: person.source === 'test_ca' || organisation.source === 'test_ca' };
}

type ForgeModule = typeof Forge;
const loadForge = async () => ((await import('node-forge')) as unknown as { default: ForgeModule }).default;

const p12Problem = (code: string, title: string) => new Problem(422, code, title);

/** The key and certificates of a PKCS#12 file: the certificate of the key, then its issuers, nearest first. */
export async function readPkcs12(p12: Buffer, passphrase: string, now: Date): Promise<KeyAndCertificate & { chainPem: string }> {
  const forge = await loadForge();
  let pfx: Forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), false, passphrase);
  } catch (e) {
    if (/password|MAC/i.test((e as Error).message)) throw p12Problem('P12_WRONG_PASSPHRASE', 'Mật khẩu của tệp PKCS#12 không đúng.');
    if (/OID is not RSA|public key/i.test((e as Error).message)) throw p12Problem('P12_KEY_NOT_SUPPORTED', 'Chỉ nhận chứng thư số dùng khóa RSA.');
    throw p12Problem('P12_UNREADABLE', 'Tệp không phải tệp PKCS#12 (.p12, .pfx) đọc được.');
  }
  const bagsOf = (type: string | undefined): Forge.pkcs12.Bag[] => (type ? (pfx.getBags({ bagType: type })[type] ?? []) : []);
  const bags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)];
  const key = bags.find((b) => b.key)?.key as Forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw p12Problem('P12_NO_KEY', 'Tệp PKCS#12 không có khóa bí mật (RSA) để ký.');
  const certs = bagsOf(forge.pki.oids.certBag).flatMap((b) => (b.cert ? [b.cert] : []));
  const own = certs.find((c) => {
    const pub = c.publicKey as Forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!own) throw p12Problem('P12_NO_CERTIFICATE', 'Tệp PKCS#12 không có chứng thư số của khóa bí mật.');
  const pems = certs.map((c) => forge.pki.certificateToPem(c));
  const ownPem = forge.pki.certificateToPem(own);
  // The chain, nearest issuer first, from the certificates the file carries.
  const chain: string[] = [];
  const x = new crypto.X509Certificate(ownPem);
  let at = x;
  while (!at.checkIssued(at)) { // up to a self-signed root, if the file has it
    const next = pems.find((p) => p !== ownPem && !chain.includes(p) && at.checkIssued(new crypto.X509Certificate(p)));
    if (!next) break;
    chain.push(next);
    at = new crypto.X509Certificate(next);
  }
  const [from, to] = [new Date(x.validFrom), new Date(x.validTo)];
  if (from > now || to <= now) {
    throw p12Problem('CERTIFICATE_NOT_VALID_NOW', `Chứng thư số chỉ có hiệu lực từ ${fmtDateTime(from)} đến ${fmtDateTime(to)}.`);
  }
  if (x.ca) throw p12Problem('CERTIFICATE_NOT_FOR_SIGNING', 'Đây là chứng thư số của tổ chức chứng thực (CA), không dùng để ký văn bản.');
  const usage = own.getExtension('keyUsage') as { digitalSignature?: boolean; nonRepudiation?: boolean } | undefined;
  if (usage && !usage.digitalSignature && !usage.nonRepudiation) {
    throw p12Problem('CERTIFICATE_NOT_FOR_SIGNING', 'Chứng thư số này không được cấp để ký số (thiếu mục đích sử dụng chữ ký số).');
  }
  const keyDer = crypto.createPrivateKey(forge.pki.privateKeyToPem(key)).export({ type: 'pkcs8', format: 'der' });
  return { keyDer, certificatePem: ownPem, chainPem: chain.join('\n') };
}

/**
 * Imports a certificate with its key from a PKCS#12 file as the holder's current one (the previous one is retired
 * and stays for the documents it signed). In the caller's transaction.
 */
export async function importCredential(
  db: Db, i: { holder: Holder & { kind: 'organisation' | 'person' }; p12: Buffer; passphrase: string; byStaffId: number | null; now: Date },
): Promise<Credential> {
  const c = await readPkcs12(i.p12, i.passphrase, i.now);
  const row = stored(i.holder, 'imported', c, c.chainPem, i.byStaffId);
  if (await credentialStored(db, row.fingerprint)) {
    throw new Problem(409, 'CREDENTIAL_ALREADY_IMPORTED', 'Chứng thư số này đã được nhập trước đó.');
  }
  await retireCurrent(db, i.holder, i.now);
  const saved = await insertCredential(db, row);
  if (!saved) throw new Problem(409, 'CONCURRENT_CHANGE', 'Chứng thư số vừa được thay đổi bởi người khác. Vui lòng thử lại.');
  return saved;
}
