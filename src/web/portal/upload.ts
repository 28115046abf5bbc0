// Reading a portal upload (one file per form, multipart/form-data) and checking it: the type is decided by the
// content (sniffType), never by the name or the browser's claim; the size limit is the multipart limit
// (MAX_UPLOAD_BYTES, 10 MB). Errors are sentences for the citizen, shown next to the file field: also a file name
// with a control character, which the input guard refuses for every route (http/input-guard.ts guardMultipart).
import type { FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { cleanFileName, sniffType, type AcceptedType } from '../../dossiers/uploads.ts';

export interface Upload {
  fields: Record<string, string>;
  file: { name: string; content: Buffer; type: AcceptedType } | null;
  /** Why there is no usable file (Vietnamese), when there is none. */
  error: string | null;
}

export const MAX_MB = Math.round(MAX_UPLOAD_BYTES / 1024 / 1024);
export const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
export const FILE_HINT = `Tệp PDF, JPG hoặc PNG, tối đa ${MAX_MB} MB. Có thể chụp ảnh giấy tờ bằng điện thoại.`;

const errorCode = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '');

export async function readUpload(req: FastifyRequest, what: string): Promise<Upload> {
  const fields: Record<string, string> = {};
  if (!req.isMultipart()) return { fields, file: null, error: `Chọn tệp ${what} để tải lên` };
  let file: { name: string; content: Buffer } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer(); // throws past the size limit
        if (!file && part.filename) file = { name: part.filename, content };
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      }
    }
  } catch (e) {
    const code = errorCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { fields, file: null, error: `Tệp đã chọn phải nhỏ hơn ${MAX_MB} MB` };
    if (code === 'FST_FILES_LIMIT') return { fields, file: null, error: 'Mỗi lần chỉ tải lên một tệp' };
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return { fields, file: null, error: 'Biểu mẫu gửi lên không hợp lệ' };
    if (e instanceof Problem && e.code === 'INVALID_FILE_NAME') {
      return { fields, file: null, error: 'Tên tệp đã chọn có ký tự không hợp lệ (ký tự điều khiển). Đổi tên tệp rồi chọn lại' };
    }
    if (e instanceof Problem && e.code === 'INVALID_CHARACTERS') return { fields, file: null, error: 'Biểu mẫu gửi lên có ký tự không hợp lệ' };
    throw e;
  }
  if (!file) return { fields, file: null, error: `Chọn tệp ${what} để tải lên` };
  const name = cleanFileName(file.name);
  if (file.content.length === 0) return { fields, file: null, error: `Tệp “${name}” không có nội dung` };
  const type = sniffType(file.content);
  if (!type) {
    return {
      fields, file: null,
      error: `Tệp “${name}” không phải là tệp PDF, JPG hoặc PNG. Hệ thống kiểm tra theo nội dung tệp, không theo tên tệp.`,
    };
  }
  return { fields, file: { name, content: file.content, type }, error: null };
}
