// temporary (h8): stamped output for a before/after byte comparison; deleted before the report.
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { stampLastPage } from '../src/signatures/stamp.ts';
const { default: PDFKit } = await import('pdfkit');
const k = new PDFKit({ size: 'A4', info: { CreationDate: new Date(0) } });
const chunks: Buffer[] = []; k.on('data', (c: Buffer) => chunks.push(c));
const done = new Promise<void>((r) => k.on('end', () => r()));
k.text('x'); k.end(); await done;
const doc = await PDFDocument.load(Buffer.concat(chunks), { updateMetadata: false });
await stampLastPage(doc, { url: 'http://127.0.0.1/xac-thuc?ma=ABCD-EFGH-JK', heading: 'Mã xác thực: ABCD-EFGH-JK', lines: ['Văn bản điện tử có chữ ký số của Hoàng Văn Nam, Chủ tịch UBND xã và của Ủy ban nhân dân xã Xuân Dương, ký lúc 07:00 01/02/2026.', 'Kiểm tra văn bản gốc: quét mã QR hoặc mở http://127.0.0.1/xac-thuc và nhập mã xác thực.'], warning: 'Ký bằng chứng thư số THỬ NGHIỆM của Xã Số: văn bản không có giá trị pháp lý.' });
const out = Buffer.from(await doc.save({ useObjectStreams: false }));
fs.writeFileSync(process.argv[2]!, out.toString('latin1').replace(/\/[A-Z]{6}\+/g, '/TAG+').replace(/\/ID \[[^\]]*\]/g, '/ID []').replace(/\/CreationDate \([^)]*\)/g, ''), 'latin1');
