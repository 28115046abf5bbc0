// PAdES signatures (ETSI.CAdES.detached, SHA-256, RSA) on a PDF, with @signpdf (placeholder by pdf-lib, the byte
// range and the signature written into it) and node-forge (the CMS SignedData): no cryptography of our own. The
// first signature is added before a full save; each next one as an incremental update that leaves the bytes signed
// before it untouched, so that every signature stays valid (the person signs first, then the agency, as on paper:
// NĐ 30/2020/NĐ-CP Phụ lục I on the digital signatures of the competent person and of the agency).
// The libraries load at the first signature; the RSA and SHA-256 arithmetic under forge is Node's (forge-node.ts).
import type crypto from 'node:crypto';
import type Forge from 'node-forge';
import type * as PdfLib from 'pdf-lib';
import { certificateOf, nodeRsaKey, withNodeSha256 } from './forge-node.ts';

export interface PdfSigner {
  /** The private key (RSA), opened once per credential (signing-keys.ts). */
  key: crypto.KeyObject;
  certificatePem: string;
  /** The issuers' certificates (PEM), nearest first; embedded so that a reader can build the chain. */
  chainPem: string;
  /** Shown by readers in the signature panel (the certificate says who signed). */
  name: string;
  reason: string;
  location: string;
}

type ForgeModule = typeof Forge;
type Libs = {
  forge: ForgeModule;
  pdfLib: typeof PdfLib;
  signpdf: { sign(pdf: Buffer, signer: unknown, signingTime?: Date): Promise<Buffer> };
  utils: typeof import('@signpdf/utils');
  placeholder: typeof import('@signpdf/placeholder-pdf-lib');
};

let libs: Promise<Libs> | null = null;
/** The CommonJS default of a module, whichever way the loader wraps it. */
const cjsDefault = <T>(m: unknown): T => {
  const d = (m as { default?: unknown }).default ?? m;
  return ((d as { default?: unknown }).default ?? d) as T;
};
export const loadLibs = (): Promise<Libs> =>
  (libs ??= (async () => {
    const [forge, pdfLib, signpdf, utils, placeholder] = await Promise.all([
      import('node-forge'), import('pdf-lib'), import('@signpdf/signpdf'), import('@signpdf/utils'), import('@signpdf/placeholder-pdf-lib'),
    ]);
    return {
      forge: (forge as unknown as { default: ForgeModule }).default,
      pdfLib, signpdf: cjsDefault<Libs['signpdf']>(signpdf), utils, placeholder,
    };
  })());

/**
 * A PDF text string for pdf-lib's literal strings, which it writes byte for byte: UTF-16BE with its byte order mark
 * (PDF 32000-1 §7.9.2.2), with the bytes that end or escape a literal string escaped.
 */
export function pdfText(s: string): string {
  const be = Buffer.from(`\ufeff${s.normalize('NFC')}`, 'utf16le').swap16();
  let out = '';
  for (const b of be) {
    out += b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b);
  }
  return out;
}

const pemBlocks = (pem: string): string[] => pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** The CMS SignedData of the byte ranges, by the signer's key, with its certificate and chain (node-forge). */
function cmsSigner(l: Libs, s: PdfSigner) {
  const { forge } = l;
  const UTF8 = forge.asn1.Type.UTF8 as unknown;
  return new (class extends l.utils.Signer {
    override async sign(content: Buffer, signingTime?: Date): Promise<Buffer> {
      const certs = [s.certificatePem, ...pemBlocks(s.chainPem)].map((p) => certificateOf(forge, p));
      const cert = certs[0]!;
      const p7 = forge.pkcs7.createSignedData();
      p7.content = forge.util.createBuffer(content.toString('binary'));
      for (const c of certs) p7.addCertificate(c);
      p7.addSigner({
        key: nodeRsaKey(s.key),
        // The issuer and serial name the signer's certificate. Given as decoded values: forge keeps parsed UTF-8
        // names encoded and would encode them twice (a reader would then not find the certificate).
        issuer: cert.issuer.attributes.map((a) => (a.valueTagClass === UTF8 ? { ...a, value: forge.util.decodeUtf8(String(a.value)) } : a)),
        serialNumber: cert.serialNumber,
        digestAlgorithm: forge.pki.oids.sha256,
        authenticatedAttributes: [
          { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
          { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
          { type: forge.pki.oids.messageDigest },
        ],
      } as unknown as Parameters<typeof p7.addSigner>[0]);
      withNodeSha256(forge, () => p7.sign({ detached: true }));
      return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
    }
  })();
}

/** Room for the signature: the certificates it carries, the RSA signature and the signed attributes, with margin. */
const signatureLength = (s: PdfSigner) =>
  4096 + 2 * [s.certificatePem, ...pemBlocks(s.chainPem)].reduce((n, p) => n + Buffer.from(p.replace(/-----[^-]+-----|\s/g, ''), 'base64').length, 0);

function addPlaceholder(l: Libs, doc: PdfLib.PDFDocument, s: PdfSigner, field: string, at: Date) {
  const { PDFName, PDFDict, PDFArray, PDFString } = l.pdfLib;
  l.placeholder.pdflibAddPlaceholder({
    pdfDoc: doc, pdfPage: doc.getPages().at(-1)!, reason: pdfText(s.reason), contactInfo: '', name: pdfText(s.name),
    location: pdfText(s.location), signingTime: at, signatureLength: signatureLength(s), subFilter: l.utils.SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'XaSo',
  });
  // The library names every field "Signature1"; each signature gets its own field name.
  const fields = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict).lookup(PDFName.of('Fields'), PDFArray);
  doc.context.lookup(fields.get(fields.size() - 1), PDFDict)?.set(PDFName.of('T'), PDFString.of(field));
}

const bytesOf = (o: { sizeInBytes(): number; copyBytesInto(b: Uint8Array, at: number): number }) => {
  const b = new Uint8Array(o.sizeInBytes());
  o.copyBytesInto(b, 0);
  return Buffer.from(b);
};

/**
 * Adds a signature placeholder to a signed PDF as an incremental update (PDF 32000-1 §7.5.6): the new objects (the
 * signature, its widget) and the changed ones (the page, the form) are appended with their own cross-reference
 * section, whose trailer points back to the previous one. pdf-lib builds and serialises the objects. `doc` is the
 * document `pdf` was saved from: its objects are the file's (the signatures written into the file since are in
 * objects this update does not rewrite), so the file is not parsed again.
 */
function appendPlaceholder(l: Libs, doc: PdfLib.PDFDocument, pdf: Buffer, s: PdfSigner, field: string, at: Date): Buffer {
  const { PDFName, PDFRef, PDFDict } = l.pdfLib;
  const before = doc.context.largestObjectNumber;
  const page = doc.getPages().at(-1)!;
  const formRef = doc.catalog.get(PDFName.of('AcroForm'));
  addPlaceholder(l, doc, s, field, at);
  const changed = new Map<number, [PdfLib.PDFRef, { sizeInBytes(): number; copyBytesInto(b: Uint8Array, at: number): number }]>();
  for (const [ref, obj] of doc.context.enumerateIndirectObjects()) if (ref.objectNumber > before) changed.set(ref.objectNumber, [ref, obj]);
  changed.set(page.ref.objectNumber, [page.ref, page.node]);
  const root = doc.context.trailerInfo.Root as PdfLib.PDFRef;
  if (formRef instanceof PDFRef) changed.set(formRef.objectNumber, [formRef, doc.context.lookup(formRef, PDFDict)]);
  else changed.set(root.objectNumber, [root, doc.catalog]);
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.subarray(-64).toString('latin1'));
  if (!prev) throw new Error('the signed PDF does not end with its cross-reference offset');
  const parts: Buffer[] = [pdf, Buffer.from(pdf.at(-1) === 0x0a ? '' : '\n')];
  let offset = pdf.length + parts[1]!.length;
  let xref = 'xref\n';
  for (const [num, [ref, obj]] of [...changed].sort((a, b) => a[0] - b[0])) {
    const chunk = Buffer.concat([Buffer.from(`${num} ${ref.generationNumber} obj\n`), bytesOf(obj), Buffer.from('\nendobj\n')]);
    xref += `${num} 1\n${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n \n`;
    parts.push(chunk);
    offset += chunk.length;
  }
  const t = doc.context.trailerInfo;
  const trailer = doc.context.obj({ Size: doc.context.largestObjectNumber + 1, Root: root, Prev: Number(prev[1]) });
  if (t.Info) trailer.set(PDFName.of('Info'), t.Info);
  if (t.ID) trailer.set(PDFName.of('ID'), t.ID);
  parts.push(Buffer.from(`${xref}trailer\n`), bytesOf(trailer), Buffer.from(`\nstartxref\n${offset}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/**
 * Signs `doc` (already loaded and stamped by pdf-lib) by each signer in turn, at `at` (whole seconds: the signature
 * time has no finer precision). Returns the signed file.
 */
export async function signPdf(doc: PdfLib.PDFDocument, signers: PdfSigner[], at: Date): Promise<Buffer> {
  const l = await loadLibs();
  let pdf: Buffer | null = null;
  for (const [i, s] of signers.entries()) {
    const field = `Signature${i + 1}`;
    if (pdf === null) {
      addPlaceholder(l, doc, s, field, at);
      // A classic cross-reference table (no object streams), which the incremental updates after it extend.
      pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    } else {
      pdf = appendPlaceholder(l, doc, pdf, s, field, at);
    }
    pdf = await l.signpdf.sign(pdf, cmsSigner(l, s), at);
  }
  if (!pdf) throw new Error('no signer');
  return pdf;
}
