// The one-page sample result the demo attaches as the draft result (component KET_QUA) of its older dossiers, so that
// their approval signs it as it is (src/results/service.ts resultPdfFor: an attached draft is signed as attached)
// instead of drawing each dossier's result: drawing costs about as much as signing, and a demo year has hundreds of
// results. It says that it is sample data; the signature stamp (verification code, QR code) is added under it.
import { fileURLToPath } from 'node:url';

const font = (name: string) => fileURLToPath(new URL(`../../assets/fonts/LiberationSerif-${name}.ttf`, import.meta.url));

/** An A4 page: the title of a result and a line saying that the content of the dossier's result is not printed. */
export async function sampleResultPdf(): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 }, info: { Title: 'Kết quả giải quyết thủ tục hành chính' } });
  doc.registerFont('regular', font('Regular'));
  doc.registerFont('bold', font('Bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('bold').fontSize(14).text('KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', { align: 'center' });
  doc.moveDown();
  doc.font('regular').fontSize(13).text(
    'Bản kết quả điện tử mẫu của dữ liệu thử nghiệm Xã Số. Nội dung kết quả của hồ sơ không được in trên bản mẫu này; '
    + 'mã xác thực và thông tin chữ ký số ở cuối trang.',
    { align: 'justify' },
  );
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
