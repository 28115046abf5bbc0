// `npm run bench:signing`: how long the digital signing of one result takes (the demo signs every approved dossier).
// Not a test: it prints milliseconds per signed document (also as JSON to bench-results/signing.json).
// Each document goes through what signDocument() does outside the database (src/signatures/service.ts): the PDF
// loaded by pdf-lib, the verification stamp with its QR code on the last page (stamp.ts), then the signer's and the
// agency's PAdES signatures (pades.ts), with certificates of the local test CA. A one-page A4 result drawn by
// pdfkit with the embedded Vietnamese font stands for the result, as the tests' samplePdf() does.
// BENCH_DOCUMENTS (default 50) documents after BENCH_WARMUP (default 3) warm-up ones; `node --cpu-prof --import tsx
// bench/signing.ts` profiles it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestAuthority, issueTestCertificate, type KeyAndCertificate } from '../src/outside/ca-standin.ts';
import { signingKey } from '../src/signatures/signing-keys.ts';
import { loadLibs, signPdf, type PdfSigner } from '../src/signatures/pades.ts';
import { stampLastPage } from '../src/signatures/stamp.ts';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r1 = (n: number) => Math.round(n * 10) / 10;

async function resultPdf(): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 42 } });
  doc.registerFont('serif', path.join(root, 'assets/fonts/LiberationSerif-Regular.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('serif').fontSize(13).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.text('Độc lập - Tự do - Hạnh phúc', { align: 'center' }).moveDown();
  doc.fontSize(16).text('GIẤY CHỨNG NHẬN KẾT HÔN', { align: 'center' }).moveDown();
  for (let i = 0; i < 12; i++) doc.fontSize(13).text(`Dòng ${i + 1}: họ, chữ đệm, tên; ngày, tháng, năm sinh; dân tộc; quốc tịch; nơi cư trú.`);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function main() {
  const now = new Date();
  const ca = await createTestAuthority(now);
  const subject = { organisation: 'Ủy ban nhân dân xã Xuân Dương', province: 'Thái Nguyên' };
  const person = await issueTestCertificate(ca, { kind: 'person', commonName: 'Hoàng Văn Nam', title: 'Chủ tịch', ...subject }, now);
  const agency = await issueTestCertificate(ca, { kind: 'organisation', commonName: subject.organisation, ...subject }, now);
  // The signing service opens each credential's key once (signing-keys.ts): so does the bench.
  const keys = [await signingKey({ id: 1, fingerprint: 'person' }, () => person.keyDer), await signingKey({ id: 2, fingerprint: 'agency' }, () => agency.keyDer)];
  const signerOf = (id: number, c: KeyAndCertificate, name: string, reason: string): PdfSigner => ({
    key: keys[id - 1]!,
    certificatePem: c.certificatePem, chainPem: ca.certificatePem, name, reason, location: 'Xã Xuân Dương, Thái Nguyên',
  });
  const { pdfLib } = await loadLibs();
  const pdf = await resultPdf();
  const one = async (i: number) => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    const doc = await pdfLib.PDFDocument.load(pdf, { updateMetadata: false });
    const code = `A${String(i).padStart(8, '0')}`;
    await stampLastPage(doc, {
      url: `http://127.0.0.1:3000/xac-thuc?ma=${code}`,
      heading: `Mã xác thực: ${code}`,
      lines: [
        `Văn bản điện tử có chữ ký số của Hoàng Văn Nam, Chủ tịch và của ${subject.organisation}, ký lúc ${at.toISOString()}.`,
        'Kiểm tra văn bản gốc: quét mã QR hoặc mở http://127.0.0.1:3000/xac-thuc và nhập mã xác thực.',
      ],
      warning: 'Ký bằng chứng thư số THỬ NGHIỆM của Xã Số: văn bản không có giá trị pháp lý.',
    });
    return signPdf(doc, [
      signerOf(1, person, 'Hoàng Văn Nam', 'Ký số: Giấy chứng nhận kết hôn'),
      signerOf(2, agency, subject.organisation, 'Chữ ký số của cơ quan: Giấy chứng nhận kết hôn'),
    ], at);
  };
  for (let i = 0; i < WARMUP; i++) await one(i);
  const times: number[] = [];
  let bytes = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < DOCUMENTS; i++) {
    const s = performance.now();
    bytes += (await one(WARMUP + i)).length;
    times.push(performance.now() - s);
  }
  const total = performance.now() - start;
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const result = {
    // The process's CPU time: on a busy machine (shared cores), steadier than the wall-clock time.
    documents: DOCUMENTS, msPerDocument: r1(total / DOCUMENTS), cpuMsPerDocument: r1((used.user + used.system) / 1000 / DOCUMENTS), medianMs: r1(times[Math.floor(times.length / 2)]!),
    maxMs: r1(times.at(-1)!), averageBytes: Math.round(bytes / DOCUMENTS), load: os.loadavg().map((x) => r1(x)),
  };
  console.log(`Ký số ${DOCUMENTS} văn bản: ${result.msPerDocument} ms/văn bản (CPU ${result.cpuMsPerDocument} ms; trung vị ${result.medianMs} ms, chậm nhất ${result.maxMs} ms), tải máy ${result.load.join(' ')}`);
  const out = path.join(root, 'bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'signing.json'), JSON.stringify(result, null, 2) + '\n');
}

await main();
