// Draws a result document: the documents' renderer (src/documents/pdf.ts: A4, the national motto header, Liberation
// Serif with full Vietnamese, the commune's name, title, fields, place and date, the signer's block). The signature
// stamp (verification code, QR code) is added on the last page by the signing step (src/signatures/stamp.ts).
import { renderPdf } from '../documents/pdf.ts';
import type { ResultDocument } from './core/build.ts';

export const renderResult = (r: ResultDocument): Promise<Buffer> => renderPdf(r.model);
