// Signing a result with the local test CA and verifying it: poppler's pdfsig judges the PAdES signatures, the
// public page and the JSON API answer by code and by file, revocation and replacement, unknown codes and the
// lockout against guessing, and what the database keeps (sealed keys, append-only records).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { Browser, textOf, errorSummary } from '../web/portal-support.ts';
import { checkCharacter, formatCode } from '../../src/signatures/core/code.ts';
import { replaceDocument, revokeDocument, signDocument, verifyByFile } from '../../src/signatures/service.ts';
import { TEST_CA_NAME } from '../../src/outside/ca-standin.ts';
import { PDFSIG, pdfsig, samplePdf, signingDeps } from './support.ts';

const t = await testApp();
const deps = signingDeps(t);
const staffId = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const chair = await staffId('chutich');
const signed = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), title: 'Giấy chứng nhận kết hôn' });
const code = formatCode(signed.code);
/** A well-formed code (nine characters and their check character) that no document has, most likely. */
const withCheck = (nine: string) => nine + checkCharacter(nine);

test('pdfsig: both signatures (the chair, then the commune) are valid; a byte changed inside the signed range breaks them', { skip: !PDFSIG && 'pdfsig (poppler-utils) is not installed' }, () => {
  const r = pdfsig(signed.pdf);
  assert.equal(r.signatures.length, 2, r.output);
  const [person, agency] = r.signatures;
  assert.equal(person!.name, 'Signature1');
  assert.equal(person!.commonName, 'Hoàng Văn Nam');
  assert.equal(agency!.name, 'Signature2');
  assert.equal(agency!.commonName, 'Ủy ban nhân dân xã Xuân Dương');
  assert.ok(agency!.whole, 'the last signature covers the whole file');
  for (const s of r.signatures) {
    assert.equal(s.validation, 'Signature is Valid.', r.output);
    // The test CA is not in any trust store: the certificate is untrusted, the signature itself valid.
    assert.match(s.certificate, /^(Certificate is Trusted\.|Certificate issuer isn't Trusted\.)$/, r.output);
  }
  assert.match(r.output, /Signature Type: ETSI\.CAdES\.detached/);
  assert.match(r.output, /Signing Hash Algorithm: SHA-256/);

  // One byte of the page's content (inside the first signed range of both signatures) changed.
  const tampered = Buffer.from(signed.pdf);
  const at = tampered.indexOf('stream') + 20;
  tampered[at] = tampered[at]! ^ 0x01;
  const bad = pdfsig(tampered);
  assert.equal(bad.signatures.length, 2, bad.output);
  for (const s of bad.signatures) assert.notEqual(s.validation, 'Signature is Valid.', bad.output);
  assert.match(bad.output, /Digest Mismatch/, bad.output);
});

test('the stamp is inside what is signed: code, signer, agency, time, verification address, test warning', async () => {
  const { PDFDocument, PDFName, PDFDict, PDFArray } = await import('pdf-lib');
  assert.equal(signed.url, `${t.base}/xac-thuc?ma=${code}`);
  assert.ok(signed.testCertificates);
  const doc = await PDFDocument.load(signed.pdf);
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  const names = fields.asArray().map((f) => {
    const v = doc.context.lookup(f, PDFDict).lookup(PDFName.of('V'), PDFDict);
    const text = (k: string) => (v.lookup(PDFName.of(k)) as unknown as { decodeText(): string }).decodeText();
    return [text('Name'), text('Reason'), text('Location')];
  });
  assert.deepEqual(names, [
    ['Hoàng Văn Nam', 'Ký số: Giấy chứng nhận kết hôn', 'Xã Xuân Dương, Thái Nguyên'],
    ['Ủy ban nhân dân xã Xuân Dương', 'Chữ ký số của cơ quan: Giấy chứng nhận kết hôn', 'Xã Xuân Dương, Thái Nguyên'],
  ], 'the signature dictionaries carry Vietnamese text (UTF-16)');
  const { spawnSync } = await import('node:child_process');
  const text = spawnSync('pdftotext', ['-', '-'], { input: signed.pdf, encoding: 'utf8' });
  if (text.error) return; // poppler-utils not installed: the text checks need pdftotext
  const flat = text.stdout.replace(/\s+/g, ' ');
  assert.ok(flat.includes(`Mã xác thực: ${code}`), flat);
  assert.ok(flat.includes('chữ ký số của Hoàng Văn Nam, Chủ tịch UBND xã và của Ủy ban nhân dân xã Xuân Dương'), flat);
  assert.ok(flat.includes(`${t.base}/xac-thuc`), flat);
  assert.ok(flat.includes('THỬ NGHIỆM'), flat);
});

test('the certificates: the test CA says so in its name, issues the commune and the signer, the chain holds', async () => {
  const rows = await t.db.selectFrom('signing_credentials').selectAll().where('retired_at', 'is', null).orderBy('id').execute();
  assert.deepEqual(rows.map((r) => r.kind), ['ca', 'person', 'organisation']);
  const [ca, person, org] = rows.map((r) => new crypto.X509Certificate(r.certificate));
  assert.ok(ca!.subject.includes(`CN=${TEST_CA_NAME}`), ca!.subject);
  assert.ok(ca!.ca);
  for (const c of [person!, org!]) {
    assert.ok(c.checkIssued(ca!) && c.verify(ca!.publicKey), 'issued and signed by the test CA');
    assert.ok(c.subject.includes('OU=CHỨNG THƯ THỬ NGHIỆM — không phải chứng thư số thật'), c.subject);
    assert.ok(!c.ca);
  }
  assert.ok(person!.subject.includes('CN=Hoàng Văn Nam') && person!.subject.includes('title=Chủ tịch UBND xã'), person!.subject);
  assert.ok(org!.subject.includes('CN=Ủy ban nhân dân xã Xuân Dương'), org!.subject);
  // Keys are sealed: the stored bytes are not a private key, and a second signing reuses the same certificates.
  for (const r of rows) {
    assert.throws(() => crypto.createPrivateKey({ key: r.key_sealed, format: 'der', type: 'pkcs8' }));
    assert.equal(r.key_sealed.length > 1000, true);
  }
  const again = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf('Bản thứ hai'), title: 'Trích lục' });
  const rec = await t.db.selectFrom('signed_documents').selectAll().where('code', '=', again.code).executeTakeFirstOrThrow();
  assert.equal(rec.signer_credential_id, rows[1]!.id);
  assert.equal(rec.agency_credential_id, rows[2]!.id);
  // The test CA's certificate can be downloaded (to trust it in a reader while testing); /health lists the stand-in.
  const crt = await t.app.inject({ method: 'GET', url: '/xac-thuc/chung-thu-thu-nghiem.crt' });
  assert.equal(crt.statusCode, 200);
  assert.equal(crt.headers['content-type'], 'application/pkix-cert');
  assert.equal(new crypto.X509Certificate(crt.rawPayload).fingerprint256, ca!.fingerprint256);
  const health = await call(t, 'GET', '/health');
  assert.deepEqual(health.body.connections.find((c: { name: string }) => c.name === 'ca'), { name: 'ca', url: `${t.base}/xac-thuc/chung-thu-thu-nghiem.crt`, standIn: true });
});

test('verify by code: the JSON API and the page (the QR link) say who signed what, when, for which agency', async () => {
  const api = await call(t, 'GET', `/api/v1/public/verify?code=${encodeURIComponent(` ${code.toLowerCase()} `)}`);
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.deepEqual({ ...api.body, signedAt: undefined }, {
    code, title: 'Giấy chứng nhận kết hôn', agency: 'Ủy ban nhân dân xã Xuân Dương', signer: { name: 'Hoàng Văn Nam', title: 'Chủ tịch UBND xã' },
    signedAt: undefined, status: 'valid', statusText: 'Còn hiệu lực', statusAt: null, reason: null, replacedBy: null, replaces: null,
    sha256: signed.sha256, size: signed.pdf.length, testCertificates: true, url: signed.url, fileUrl: `${t.base}/xac-thuc/tai-ve?ma=${code}`,
  });
  assert.equal(api.body.signedAt, signed.signedAt.toISOString());

  const b = new Browser(t);
  const p = await b.get(`/xac-thuc?ma=${code}`);
  assert.equal(p.status, 200);
  const text = textOf(p.body);
  for (const s of ['Văn bản hợp lệ', 'Giấy chứng nhận kết hôn', 'Ủy ban nhân dân xã Xuân Dương', 'Hoàng Văn Nam, Chủ tịch UBND xã', 'Còn hiệu lực', 'chứng thư số thử nghiệm', code]) {
    assert.ok(text.includes(s), s);
  }
  assert.ok(!/<script/i.test(p.body), 'no script needed');
  const dl = await t.app.inject({ method: 'GET', url: `/xac-thuc/tai-ve?ma=${code}` });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal(dl.headers['content-disposition'], `attachment; filename="van-ban-${code}.pdf"`);
  assert.ok(dl.rawPayload.equals(signed.pdf), 'the download is the signed file, byte for byte');
});

test('verify by file: the same bytes are the genuine file; one byte changed is not', async () => {
  const b = new Browser(t);
  await b.get(`/xac-thuc?ma=${code}`);
  const same = await b.upload('/xac-thuc/so-sanh', { field: 'tep', name: 'ket-hon.pdf', content: signed.pdf, type: 'application/pdf' }, { ma: code });
  assert.equal(same.status, 200, textOf(same.body));
  assert.ok(textOf(same.body).includes('Tệp “ket-hon.pdf” là văn bản gốc'), textOf(same.body));
  const changed = Buffer.from(signed.pdf);
  changed[changed.length - 10] = 0x20;
  const other = await b.upload('/xac-thuc/so-sanh', { field: 'tep', name: 'ket-hon.pdf', content: changed, type: 'application/pdf' }, { ma: code });
  assert.equal(other.status, 200);
  assert.ok(textOf(other.body).includes('Tệp “ket-hon.pdf” không phải văn bản gốc'), textOf(other.body));
  const png = await b.upload('/xac-thuc/so-sanh', { field: 'tep', name: 'anh.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]) }, { ma: code });
  assert.equal(png.status, 400);
  assert.deepEqual(errorSummary(png.body).map(([href]) => href), ['#tep']);

  // Without the code: a byte-identical file finds its document, a changed one nothing.
  await b.get('/xac-thuc');
  const found = await b.upload('/xac-thuc/tep', { field: 'tep', name: 'nhan-duoc.pdf', content: signed.pdf, type: 'application/pdf' });
  assert.equal(found.status, 200);
  assert.ok(textOf(found.body).includes('Tệp “nhan-duoc.pdf” là văn bản gốc') && textOf(found.body).includes(code));
  const none = await b.upload('/xac-thuc/tep', { field: 'tep', name: 'nhan-duoc.pdf', content: changed, type: 'application/pdf' });
  assert.equal(none.status, 404);
  assert.match(errorSummary(none.body)[0]![1], /không phải văn bản gốc/);
  assert.equal((await verifyByFile(t.db, signed.pdf))?.code, signed.code);
  assert.equal(await verifyByFile(t.db, changed), null);
});

test('revoked: the page and the API say so with the reason; once only, and only by the commune that signed', async () => {
  const s = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf('Thu hồi'), title: 'Giấy xác nhận' });
  await assert.rejects(revokeDocument(deps, { code: s.code, communeId: 'tan-lap', byStaffId: chair, reason: 'Nhầm' }), { code: 'SIGNED_DOCUMENT_NOT_FOUND' });
  await assert.rejects(revokeDocument(deps, { code: s.code, communeId: 'xuan-duong', byStaffId: chair, reason: '  ' }), { code: 'REASON_REQUIRED' });
  await revokeDocument(deps, { code: s.code, communeId: 'xuan-duong', byStaffId: chair, reason: 'Cấp nhầm người' });
  await assert.rejects(revokeDocument(deps, { code: s.code, communeId: 'xuan-duong', byStaffId: chair, reason: 'Lần hai' }), { code: 'SIGNED_DOCUMENT_ENDED' });
  const api = await call(t, 'GET', `/api/v1/public/verify?code=${formatCode(s.code)}`);
  assert.equal(api.body.status, 'revoked');
  assert.equal(api.body.statusText, 'Đã bị thu hồi');
  assert.equal(api.body.reason, 'Cấp nhầm người');
  const page = textOf((await new Browser(t).get(`/xac-thuc?ma=${formatCode(s.code)}`)).body);
  assert.ok(page.includes('Văn bản đã bị thu hồi') && page.includes('Lý do: Cấp nhầm người') && page.includes('không còn hiệu lực'), page);
  assert.ok(!page.includes('Văn bản hợp lệ'));
});

test('replaced: the old document links to the new one, which says what it replaces', async () => {
  const old = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf('Bản cũ'), title: 'Giấy chứng nhận' });
  const neu = await replaceDocument(deps, { code: old.code, communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf('Bản đã sửa'), reason: 'Sửa sai ngày sinh' });
  const a = await call(t, 'GET', `/api/v1/public/verify?code=${formatCode(old.code)}`);
  assert.equal(a.body.status, 'replaced');
  assert.equal(a.body.replacedBy, formatCode(neu.code));
  assert.equal(a.body.reason, 'Sửa sai ngày sinh');
  const n = await call(t, 'GET', `/api/v1/public/verify?code=${formatCode(neu.code)}`);
  assert.equal(n.body.status, 'valid');
  assert.equal(n.body.replaces, formatCode(old.code));
  assert.equal(n.body.title, 'Giấy chứng nhận');
  const page = await new Browser(t).get(`/xac-thuc?ma=${formatCode(old.code)}`);
  assert.ok(textOf(page.body).includes('Văn bản đã được thay thế'));
  assert.ok(page.body.includes(`href="/xac-thuc?ma=${formatCode(neu.code)}"`), 'a link to the new document');
  await assert.rejects(replaceDocument(deps, { code: old.code, communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), reason: 'Lại' }), { code: 'SIGNED_DOCUMENT_ENDED' });
});

test('unknown and malformed codes: problem+json in Vietnamese, the page with its error summary', async () => {
  const nf = await call(t, 'GET', `/api/v1/public/verify?code=${formatCode(withCheck('222222222'))}`);
  assert.equal(nf.status, 404);
  assert.equal(nf.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(nf.body.code, 'SIGNED_DOCUMENT_NOT_FOUND');
  assert.match(nf.body.title, /Không tìm thấy văn bản có mã xác thực này/);
  const bad = await call(t, 'GET', '/api/v1/public/verify?code=XD7K-4Q2M-93');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.code, 'VERIFY_CODE_INVALID');
  assert.match(bad.body.title, /Mã xác thực không đúng/);
  const p = await new Browser(t).get('/xac-thuc?ma=XD7K-4Q2M');
  assert.equal(p.status, 400);
  assert.deepEqual(errorSummary(p.body), [['#ma', 'Mã xác thực gồm 10 ký tự, ví dụ XD7K-4Q2M-92']]);
  assert.match(p.body, /<title>Lỗi: /);
  const empty = await new Browser(t).get('/xac-thuc?ma=');
  assert.equal(empty.status, 400);
  const form = await new Browser(t).get('/xac-thuc');
  assert.equal(form.status, 200);
  assert.deepEqual(errorSummary(form.body), []);
});

test('lockout: 20 unknown codes from one address block it for 15 minutes, even for a right code; others are not blocked', async () => {
  const wrong = (i: number) => withCheck(`3${String(i + 22).padStart(8, '4')}`.replace(/[01]/g, '9'));
  const from = (ip: string, c: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/verify?code=${c}`, remoteAddress: ip });
  for (let i = 0; i < 20; i++) assert.equal((await from('10.9.8.7', wrong(i))).statusCode, 404);
  const locked = await from('10.9.8.7', code);
  assert.equal(locked.statusCode, 429);
  assert.equal(locked.json().code, 'VERIFY_RATE_LIMITED');
  assert.equal(locked.headers['retry-after'], '900');
  const page = await t.app.inject({ method: 'GET', url: `/xac-thuc?ma=${code}`, remoteAddress: '10.9.8.7' });
  assert.equal(page.statusCode, 429);
  assert.match(page.body, /Đã nhập sai mã xác thực quá nhiều lần/);
  const download = await t.app.inject({ method: 'GET', url: `/xac-thuc/tai-ve?ma=${code}`, remoteAddress: '10.9.8.7' });
  assert.equal(download.statusCode, 429);
  assert.equal((await from('10.9.8.8', code)).statusCode, 200, 'another address');
  // A malformed code is told at once and does not count.
  for (let i = 0; i < 25; i++) assert.equal((await from('10.9.8.9', 'XD7K-4Q2M-93')).statusCode, 400);
  assert.equal((await from('10.9.8.9', code)).statusCode, 200);
});

test('signing refuses what it cannot sign, and the records cannot be changed', async () => {
  const other = await staffId('tl.chutich');
  const base = { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), title: 'Giấy' };
  await assert.rejects(signDocument(deps, { ...base, signerStaffId: other }), { code: 'UNKNOWN_SIGNER' });
  await assert.rejects(signDocument(deps, { ...base, pdf: Buffer.from('not a pdf') }), { code: 'NOT_A_PDF' });
  await assert.rejects(signDocument(deps, { ...base, pdf: Buffer.from('%PDF-1.7\nbroken') }), { code: 'PDF_UNREADABLE' });
  await assert.rejects(signDocument(deps, { ...base, title: ' ' }), { code: 'TITLE_INVALID' });
  await assert.rejects(signDocument(deps, { ...base, dossierId: crypto.randomUUID() }), { code: 'UNKNOWN_DOSSIER' });
  // In the caller's transaction (as the result step will call it): rolled back, nothing was signed.
  let inside = '';
  await assert.rejects(t.db.transaction().execute(async (trx) => {
    inside = (await signDocument({ ...deps, db: trx }, base)).code;
    throw new Error('the result step failed');
  }), /the result step failed/);
  assert.match(inside, /^[2-9A-Z]{10}$/);
  assert.equal((await call(t, 'GET', `/api/v1/public/verify?code=${inside}`)).status, 404);
  // The application role may not rewrite a signed document nor its end (grants and triggers, migration 017).
  await assert.rejects(t.db.updateTable('signed_documents').set({ title: 'Sửa' }).where('code', '=', signed.code).execute(), /permission denied|append-only/);
  await assert.rejects(t.db.deleteFrom('signed_document_status').execute(), /permission denied|append-only/);
  await assert.rejects(t.db.updateTable('signing_credentials').set({ certificate: 'x' }).execute(), /permission denied/);
});

test("a dossier's signed result downloaded from /xac-thuc is in the dossier's access log (never the address)", async () => {
  const filed = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: { name: 'Hà Thị Lan', idNumber: '001190007777' } } });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const doc = await signDocument(deps, { communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf(), title: 'Trích lục khai sinh', dossierId: filed.body.id });
  const dl = await t.app.inject({ method: 'GET', url: `/xac-thuc/tai-ve?ma=${formatCode(doc.code)}`, remoteAddress: '10.1.2.3' });
  assert.equal(dl.statusCode, 200);
  const log = await t.db.selectFrom('access_log').select(['actor', 'action', 'detail']).where('dossier_id', '=', filed.body.id)
    .where('action', '=', 'download_signed_document').execute();
  assert.deepEqual(log.map((l) => [l.actor, l.action, (l.detail as { code: string }).code]), [['public', 'download_signed_document', doc.code]]);
  assert.ok(!JSON.stringify(log).includes('10.1.2.3'), 'no address in the log');
});
