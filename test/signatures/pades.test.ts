// The PAdES signatures checked without a database and without pdfsig: each signature's CMS names the SHA-256 of
// exactly the bytes its byte range covers, and its RSA signature over the signed attributes verifies with the
// signer's certificate (Node's crypto judges what forge built on Node's arithmetic). The stamp's fonts are parsed
// once and shared by the documents, and a pdfkit whose internals changed falls back to registering them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type Forge from 'node-forge';
import { createTestAuthority, issueTestCertificate } from '../../src/outside/ca-standin.ts';
import { loadLibs, signPdf, type PdfSigner } from '../../src/signatures/pades.ts';
import { sharedFonts } from '../../src/signatures/pdfkit-fonts.ts';
import { stampFonts, stampLastPage } from '../../src/signatures/stamp.ts';
import { samplePdf } from './support.ts';

const forge = ((await import('node-forge')) as unknown as { default: typeof Forge }).default;
const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const ca = await createTestAuthority(now);
const subject = { organisation: 'Ủy ban nhân dân xã Xuân Dương', province: 'Thái Nguyên' };
const person = await issueTestCertificate(ca, { kind: 'person', commonName: 'Hoàng Văn Nam', ...subject }, now);
const agency = await issueTestCertificate(ca, { kind: 'organisation', commonName: subject.organisation, ...subject }, now);
const signer = (c: typeof person, name: string): PdfSigner => ({
  key: crypto.createPrivateKey({ key: c.keyDer, format: 'der', type: 'pkcs8' }), certificatePem: c.certificatePem, chainPem: ca.certificatePem,
  name, reason: 'Ký số: Giấy chứng nhận kết hôn', location: 'Xã Xuân Dương, Thái Nguyên',
});

async function signed(text: string): Promise<Buffer> {
  const { pdfLib } = await loadLibs();
  const doc = await pdfLib.PDFDocument.load(await samplePdf(text), { updateMetadata: false });
  await stampLastPage(doc, { url: 'http://127.0.0.1/xac-thuc?ma=ABCD-EFGH-JK', heading: 'Mã xác thực: ABCD-EFGH-JK', lines: [`Văn bản ${text}.`] });
  return signPdf(doc, [signer(person, 'Hoàng Văn Nam'), signer(agency, subject.organisation)], now);
}

/** Each signature of the file: the bytes it covers and its CMS. */
function signaturesOf(pdf: Buffer) {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]/g)].map((m) => {
    const [a, b, c, d] = m.slice(1).map(Number) as [number, number, number, number];
    const covered = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    // The placeholder's hex, the CMS then zeros (the DER reader stops at the CMS's end).
    return { covered, cms: Buffer.from(text.slice(a + b + 1, c - 1), 'hex') };
  });
}

test('each signature: the CMS digest is the SHA-256 of its byte range, and the RSA signature over the signed attributes verifies', async () => {
  const ownSha256 = forge.md.sha256.create;
  const pdf = await signed('thử nghiệm');
  const sigs = signaturesOf(pdf);
  assert.equal(sigs.length, 2);
  assert.ok(sigs[1]!.covered.length > sigs[0]!.covered.length, 'the second signature covers more (the update)');
  for (const [i, s] of sigs.entries()) {
    const fromDer = forge.asn1.fromDer as unknown as (b: Forge.util.ByteStringBuffer, o: object) => Forge.asn1.Asn1;
    const asn1 = fromDer(forge.util.createBuffer(s.cms.toString('binary')), { parseAllBytes: false });
    const msg = forge.pkcs7.messageFromAsn1(asn1) as unknown as { rawCapture: { authenticatedAttributes: Forge.asn1.Asn1[]; signature: string } };
    const attrs = msg.rawCapture.authenticatedAttributes;
    const digestAttr = attrs.find((a) => forge.asn1.derToOid((a.value as Forge.asn1.Asn1[])[0]!.value as string) === forge.pki.oids.messageDigest)!;
    const digest = ((digestAttr.value as Forge.asn1.Asn1[])[1]!.value as Forge.asn1.Asn1[])[0]!.value as string;
    assert.equal(Buffer.from(digest, 'binary').toString('hex'), crypto.createHash('sha256').update(s.covered).digest('hex'), `signature ${i + 1}`);
    const set = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs);
    const signedBytes = Buffer.from(forge.asn1.toDer(set).getBytes(), 'binary');
    const cert = new crypto.X509Certificate((i === 0 ? person : agency).certificatePem);
    assert.ok(crypto.verify('sha256', signedBytes, cert.publicKey, Buffer.from(msg.rawCapture.signature, 'binary')), `signature ${i + 1} verifies`);
  }
  // A byte changed inside the first range: its digest no longer matches.
  const tampered = Buffer.from(pdf);
  const at = tampered.indexOf('stream') + 20;
  tampered[at] = tampered[at]! ^ 0x01;
  const again = signaturesOf(tampered)[0]!;
  assert.notEqual(crypto.createHash('sha256').update(again.covered).digest('hex'), crypto.createHash('sha256').update(sigs[0]!.covered).digest('hex'));
  assert.equal(forge.md.sha256.create, ownSha256, "forge's own SHA-256 is back after signing");
  assert.equal(forge.md.sha256.create().update('abc').digest().toHex(), crypto.createHash('sha256').update('abc').digest('hex'));
});

test("the stamp's fonts are parsed once and shared; each document still embeds its own subset", async () => {
  const [a, b] = [await signed('một'), await signed('hai')];
  assert.equal(stampFonts.shared, true, "pdfkit's internals changed: every stamp parses its fonts again (pdfkit-fonts.ts)");
  for (const pdf of [a, b]) assert.equal(pdf.toString('latin1').match(/\/FontFile2/g)?.length, 3, 'the page font and the stamp\'s two');
});

test('documents share the parsed font, which decodes each glyph once; each document has its own font object and subset', async () => {
  const { default: PDFDocument } = await import('pdfkit');
  const fonts = sharedFonts({ regular: new URL('../../assets/fonts/LiberationSerif-Regular.ttf', import.meta.url).pathname });
  type Internals = { _fontFamilies: Record<string, { font: { getGlyph(id: number): { _decode(): unknown } }; subset: unknown }> };
  const [a, b] = [new PDFDocument({ font: null as unknown as string }), new PDFDocument({ font: null as unknown as string })];
  fonts.use(a, PDFDocument);
  fonts.use(b, PDFDocument);
  assert.equal(fonts.shared, true);
  const [fa, fb] = [(a as unknown as Internals)._fontFamilies.regular!, (b as unknown as Internals)._fontFamilies.regular!];
  assert.notEqual(fa, fb);
  assert.notEqual(fa.subset, fb.subset);
  assert.equal(fa.font, fb.font);
  const glyph = fa.font.getGlyph(36);
  assert.equal(glyph._decode(), glyph._decode());
  a.font('regular').text('Xã Số');
  b.font('regular').text('Xã Số');
});

test('a pdfkit without the expected internals: the fonts are registered from their bytes, as pdfkit documents them', async () => {
  const { default: PDFDocument } = await import('pdfkit');
  const registered: string[] = [];
  class Other extends PDFDocument {
    constructor(o?: PDFKit.PDFDocumentOptions) {
      super(o);
      (this as unknown as { _fontCount?: unknown })._fontCount = undefined;
    }
    override registerFont(name: string, src?: PDFKit.Mixins.PDFFontSource, family?: string) {
      registered.push(name);
      return super.registerFont(name, src, family);
    }
  }
  const fonts = sharedFonts({ regular: new URL('../../assets/fonts/LiberationSerif-Regular.ttf', import.meta.url).pathname });
  const doc = new Other({ font: null as unknown as string });
  fonts.use(doc, Other as unknown as typeof PDFDocument);
  assert.equal(fonts.shared, false);
  assert.deepEqual(registered, ['regular']);
});
