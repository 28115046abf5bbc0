// A real deployment (XASO_TEST_CA=0): nothing is signed before an administrator imports the commune's and the
// signer's certificates from PKCS#12 files; who may import, which files are refused, and that the imported
// certificates then sign (and the keys are kept sealed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type Forge from 'node-forge';
import { newKey, testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { createTestAuthority, issueTestCertificate, type KeyAndCertificate } from '../../src/outside/ca-standin.ts';
import { signDocument } from '../../src/signatures/service.ts';
import { unseal } from '../../src/shared/seal.ts';
import { sealingKeys } from '../../src/shared/secrets-store.ts';
import { PDFSIG, pdfsig, samplePdf, signingDeps } from './support.ts';

const t = await testApp({ env: { XASO_TEST_CA: '0' } });
const deps = signingDeps(t);
const staffId = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const chair = await staffId('chutich');
const forge = ((await import('node-forge')) as unknown as { default: typeof Forge }).default;

// A CA standing for a licensed one, and PKCS#12 files as it would hand them out.
const now = new Date();
const ca = await createTestAuthority(now);
const subject = (commonName: string) => ({ kind: 'person' as const, commonName, organisation: 'Ủy ban nhân dân xã Xuân Dương', province: 'Thái Nguyên' });
function p12Of(c: KeyAndCertificate, passphrase: string, chain: string[] = [ca.certificatePem]): Buffer {
  const key = forge.pki.privateKeyFromPem(crypto.createPrivateKey({ key: c.keyDer, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }) as string);
  const certs = [c.certificatePem, ...chain].map((p) => forge.pki.certificateFromPem(p));
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des' })).getBytes(), 'binary');
}

function form(file: Buffer, passphrase: string) {
  const boundary = '----xasop12' + crypto.randomBytes(6).toString('hex');
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="passphrase"\r\n\r\n${passphrase}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="chung-thu.p12"\r\nContent-Type: application/x-pkcs12\r\n\r\n`),
    file, Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(as: string | null, file: Buffer, passphrase: string, o: { staffId?: number; key?: string } = {}) {
  const f = form(file, passphrase);
  const headers: Record<string, string> = { 'content-type': f.contentType, 'idempotency-key': o.key ?? newKey() };
  if (as) headers.cookie = await t.login(as);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/signatures/credentials${o.staffId ? `?staffId=${o.staffId}` : ''}`, headers, payload: f.payload });
  return { status: res.statusCode, body: res.json() };
}

const commune = p12Of(await issueTestCertificate(ca, { ...subject('Ủy ban nhân dân xã Xuân Dương'), kind: 'organisation' }, now), 'mật khẩu 1');
const person = p12Of(await issueTestCertificate(ca, subject('Hoàng Văn Nam'), now), 'pw-2');

test('with the test CA off, nothing is signed until certificates are imported; /health says there is no stand-in', async () => {
  await assert.rejects(
    signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), title: 'Giấy' }),
    (e: { status: number; code: string; title: string }) => e.status === 409 && e.code === 'NO_SIGNING_CERTIFICATE' && /Quản trị viên cần nhập chứng thư số/.test(e.title),
  );
  assert.equal(await t.db.selectFrom('signing_credentials').select('id').executeTakeFirst(), undefined, 'no test CA was made');
  const health = await call(t, 'GET', '/health');
  assert.deepEqual(health.body.connections.find((c: { name: string }) => c.name === 'ca'), { name: 'ca', url: `${t.base}/api/v1/signatures/credentials`, standIn: false });
  assert.equal((await t.app.inject({ method: 'GET', url: '/xac-thuc/chung-thu-thu-nghiem.crt' })).statusCode, 404);
});

test('only administrators import and list certificates; the role is checked before the body', async () => {
  assert.equal((await upload(null, commune, 'mật khẩu 1')).status, 401);
  const denied = await upload('chutich', Buffer.from('garbage'), '');
  assert.equal(denied.status, 403);
  assert.equal(denied.body.code, 'FORBIDDEN');
  assert.equal((await call(t, 'GET', '/api/v1/signatures/credentials', { as: 'motcua' })).status, 403);
  assert.equal((await call(t, 'GET', '/api/v1/signatures/credentials')).status, 401);
});

test('files that cannot sign are refused, each with its reason', async () => {
  const cases: [Buffer, string, number | undefined, number, string][] = [
    [Buffer.from('không phải PKCS#12'), '', undefined, 422, 'P12_UNREADABLE'],
    [commune, 'sai mật khẩu', undefined, 422, 'P12_WRONG_PASSPHRASE'],
    [p12Of(await issueTestCertificate(ca, subject('Hết Hạn'), new Date(now.getTime() - 3 * 365 * 86_400_000)), 'x'), 'x', undefined, 422, 'CERTIFICATE_NOT_VALID_NOW'],
    [p12Of(ca, 'x', []), 'x', undefined, 422, 'CERTIFICATE_NOT_FOR_SIGNING'],
    [person, 'pw-2', await staffId('tl.chutich'), 422, 'UNKNOWN_STAFF'],
  ];
  for (const [file, pass, staff, status, code] of cases) {
    const r = await upload('admin', file, pass, { staffId: staff });
    assert.equal(r.status, status, `${code}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.code, code);
    assert.match(r.body.title, /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỷỹ]/u, 'a Vietnamese message');
  }
  assert.equal(await t.db.selectFrom('signing_credentials').select('id').executeTakeFirst(), undefined, 'nothing stored');
});

test('imported certificates sign; the key is sealed to its row; importing again is refused; a newer one retires the old', async () => {
  const key = newKey();
  const org = await upload('admin', commune, 'mật khẩu 1', { key });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  assert.equal(org.body.kind, 'organisation');
  assert.equal(org.body.source, 'imported');
  assert.match(org.body.subject, /CN=Ủy ban nhân dân xã Xuân Dương/);
  assert.match(org.body.issuer, /CN=Xã Số CA THỬ NGHIỆM/);
  assert.equal(JSON.stringify(org.body).includes('PRIVATE'), false, 'no key in the answer');
  assert.deepEqual((await upload('admin', commune, 'mật khẩu 1', { key })).body, org.body, 'the same request replays');
  const pers = await upload('admin', person, 'pw-2', { staffId: chair });
  assert.equal(pers.status, 201, JSON.stringify(pers.body));
  assert.equal(pers.body.staffName, 'Hoàng Văn Nam');
  const list = await call(t, 'GET', '/api/v1/signatures/credentials', { as: 'admin' });
  assert.equal(list.body.testCa, false);
  assert.deepEqual(list.body.credentials.map((c: { id: number }) => c.id), [org.body.id, pers.body.id]);

  const s = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), title: 'Giấy chứng nhận' });
  assert.equal(s.testCertificates, false);
  const rec = await t.db.selectFrom('signed_documents').selectAll().where('code', '=', s.code).executeTakeFirstOrThrow();
  assert.deepEqual([rec.signer_credential_id, rec.agency_credential_id, rec.test_certificates], [pers.body.id, org.body.id, false]);
  if (PDFSIG) {
    const r = pdfsig(s.pdf);
    assert.deepEqual(r.signatures.map((x) => [x.commonName, x.validation]), [['Hoàng Văn Nam', 'Signature is Valid.'], ['Ủy ban nhân dân xã Xuân Dương', 'Signature is Valid.']], r.output);
  }

  // Sealed: not the key's bytes, and bound to its row (it does not open as another certificate's key).
  const rows = await t.db.selectFrom('signing_credentials').select(['id', 'fingerprint', 'key_sealed']).orderBy('id').execute();
  const inDatabase = (await t.db.selectFrom('server_secrets').select('value').where('name', '=', 'signing-key').executeTakeFirstOrThrow()).value;
  assert.throws(() => unseal(inDatabase, rows[0]!.key_sealed, `signing-credential:${rows[0]!.fingerprint}`), 'the database alone does not open it');
  const secret = (await sealingKeys(t.db, 'signing-key')).current; // derived from the key kept outside the database
  const opened = unseal(secret, rows[0]!.key_sealed, `signing-credential:${rows[0]!.fingerprint}`);
  assert.equal(crypto.createPrivateKey({ key: opened, format: 'der', type: 'pkcs8' }).asymmetricKeyType, 'rsa');
  assert.equal(rows[0]!.key_sealed.includes(opened.subarray(40, 80)), false);
  assert.throws(() => unseal(secret, rows[0]!.key_sealed, `signing-credential:${rows[1]!.fingerprint}`));

  const again = await upload('admin', commune, 'mật khẩu 1');
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'CREDENTIAL_ALREADY_IMPORTED');
  const newer = await upload('admin', p12Of(await issueTestCertificate(ca, { ...subject('Ủy ban nhân dân xã Xuân Dương'), kind: 'organisation' }, now), 'p'), 'p');
  assert.equal(newer.status, 201);
  const old = await t.db.selectFrom('signing_credentials').select('retired_at').where('id', '=', org.body.id).executeTakeFirstOrThrow();
  assert.ok(old.retired_at, 'the previous certificate is retired (kept for what it signed)');
  const after = await call(t, 'GET', '/api/v1/signatures/credentials', { as: 'admin' });
  assert.deepEqual(after.body.credentials.map((c: { id: number }) => c.id).sort(), [pers.body.id, newer.body.id].sort());
});
