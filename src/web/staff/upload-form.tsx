// The scan upload form of one component. Multipart bodies are not parsed before the CSRF check, so the
// token (and the one-time key) travel in the action URL; the upload route hands the token to the check.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Component } from '../../catalogue/core/types.ts';
import { cleanFileName, sniffType, type AcceptedType } from '../../dossiers/uploads.ts';
import { Problem } from '../../http/problem.ts';
import { newFormKey } from './common.tsx';
import { Input } from '../fields.tsx';

export const uploadAction = (dossierId: string, component: string, csrf: string) =>
  `/can-bo/ho-so/${dossierId}/tep?${new URLSearchParams({ component, key: newFormKey(), _csrf: csrf }).toString()}`;

export function UploadForm({ dossierId, component, csrf, error }: { dossierId: string; component: Component; csrf: string; error?: string }) {
  const id = `file-${component.code}`;
  return (
    <form method="post" action={uploadAction(dossierId, component.code, csrf)} enctype="multipart/form-data" class="upload-form">
      <Input
        id={id} name="file" type="file" label={`Tệp quét: ${component.name}`} hint="PDF, JPEG hoặc PNG, tối đa 10 MB."
        accept="application/pdf,image/jpeg,image/png" required error={error}
      />
      <button type="submit" class="button button--secondary">Đính kèm bản quét</button>
    </form>
  );
}

export interface UploadedFile { content: Buffer; fileName: string; type: AcceptedType; sha256: string }
export interface UploadRefused { message: string; status: number }

/** The one file of a multipart form post, checked by its content (PDF, JPEG or PNG, at most 10 MB), or why it was
 *  refused (the message for the page's error summary and the status to answer with). */
export async function readUpload(req: FastifyRequest): Promise<UploadedFile | UploadRefused> {
  if (!req.isMultipart()) return { message: 'Cần gửi tệp bằng biểu mẫu tải tệp.', status: 415 };
  let content: Buffer;
  let fileName: string;
  try {
    const part = await req.file();
    if (!part || !part.filename) return { message: 'Chưa chọn tệp.', status: 422 };
    content = await part.toBuffer();
    fileName = cleanFileName(part.filename);
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { message: 'Tệp quá lớn: tối đa 10 MB.', status: 413 };
    if (e instanceof Problem && e.code === 'INVALID_FILE_NAME') return { message: e.title, status: 400 };
    throw e;
  }
  if (content.length === 0) return { message: 'Tệp rỗng.', status: 422 };
  const type = sniffType(content);
  if (!type) return { message: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).', status: 415 };
  return { content, fileName, type, sha256: crypto.createHash('sha256').update(content).digest('hex') };
}

export const refused = (u: UploadedFile | UploadRefused): u is UploadRefused => 'message' in u;
