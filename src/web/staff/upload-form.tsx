// The scan upload form of one component: the scanner's output, one PDF or several page images (JPEG, PNG) at once,
// with the number of pages the paper has (optional: then "thiếu trang" is checked). Images go through a second step
// (scan-arrange.tsx: order and rotation of the pages) before they become the component's master PDF. Multipart bodies
// are not parsed before the CSRF check, so the token (and the one-time key) travel in the action URL; the upload route
// hands the token to the check.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Component } from '../../catalogue/core/types.ts';
import { cleanFileName, sniffType, type AcceptedType } from '../../dossiers/uploads.ts';
import { Problem } from '../../http/problem.ts';
import { newFormKey } from './common.tsx';
import { Input } from '../fields.tsx';

/** Most page images one upload may carry, and most bytes in all (each file: at most 10 MB, the multipart limit). */
export const MAX_PAGE_FILES = 60;
export const MAX_TOTAL_BYTES = 80 * 1024 * 1024;

export const uploadAction = (dossierId: string, component: string, csrf: string) =>
  `/can-bo/ho-so/${dossierId}/tep?${new URLSearchParams({ component, key: newFormKey(), _csrf: csrf }).toString()}`;

export function UploadForm({ dossierId, component, csrf, error, rescan }: {
  dossierId: string; component: Component; csrf: string; error?: string; rescan?: boolean;
}) {
  const id = `file-${component.code}`;
  const hint = `${id}-hint`;
  return (
    <form method="post" action={uploadAction(dossierId, component.code, csrf)} enctype="multipart/form-data" class="upload-form">
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for={id}>{rescan ? 'Quét lại' : 'Tệp quét'}: {component.name}</label>
        <p class="hint" id={hint}>
          Một tệp PDF, hoặc nhiều ảnh trang (JPEG, PNG) chọn cùng lúc: sau khi tải lên, sắp xếp thứ tự và xoay trang. Mỗi tệp tối đa 10 MB.
        </p>
        {error && <p class="error-message" id={`${id}-error`}><span class="visually-hidden">Lỗi: </span>{error}</p>}
        <input
          id={id} name="file" type="file" multiple required accept="application/pdf,image/jpeg,image/png"
          aria-describedby={error ? `${hint} ${id}-error` : hint} aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <Input
        id={`pages-${component.code}`} name="expectedPages" type="number" inputmode="numeric" short
        label="Số trang của giấy tờ" hint="Để kiểm tra thiếu trang."
      />
      <button type="submit" class="button button--secondary">{rescan ? 'Tải lên bản quét mới' : 'Tải lên bản quét'}</button>
    </form>
  );
}

export interface UploadedFile { content: Buffer; fileName: string; type: AcceptedType; sha256: string }
export interface UploadRefused { message: string; status: number }
export interface ScanUpload { files: UploadedFile[]; expectedPages?: number }

const refuse = (message: string, status: number): UploadRefused => ({ message, status });

/** The expected page count typed in the form: a whole number from 1 to 1000; undefined when empty; null when wrong. */
export function expectedPagesOf(raw: string | undefined): number | undefined | null {
  const v = (raw ?? '').trim();
  if (!v) return undefined;
  return /^\d{1,4}$/.test(v) && Number(v) >= 1 && Number(v) <= 1000 ? Number(v) : null;
}

/** The files of a scan form post (one PDF, or page images), each checked by its content (PDF, JPEG or PNG, at most
 *  10 MB), with the expected page count; or why it was refused (the message for the page's error summary and the
 *  status to answer with). */
export async function readScanUpload(req: FastifyRequest): Promise<ScanUpload | UploadRefused> {
  if (!req.isMultipart()) return refuse('Cần gửi tệp bằng biểu mẫu tải tệp.', 415);
  const files: UploadedFile[] = [];
  let expected: string | undefined;
  let total = 0;
  try {
    for await (const part of req.parts({ limits: { files: MAX_PAGE_FILES + 1 } })) {
      if (part.type === 'field') {
        if (part.fieldname === 'expectedPages') expected = String(part.value);
        continue;
      }
      if (!part.filename) {
        part.file.resume();
        continue;
      }
      const content = await part.toBuffer();
      total += content.length;
      if (files.length >= MAX_PAGE_FILES) return refuse(`Tối đa ${MAX_PAGE_FILES} tệp ảnh trong một lần tải lên: hãy quét thành tệp PDF.`, 413);
      if (total > MAX_TOTAL_BYTES) return refuse(`Các tệp quá lớn: tổng cộng tối đa ${MAX_TOTAL_BYTES / 1024 / 1024} MB trong một lần tải lên.`, 413);
      if (content.length === 0) return refuse(`Tệp rỗng: ${cleanFileName(part.filename)}.`, 422);
      const type = sniffType(content);
      if (!type) return refuse(`Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp): ${cleanFileName(part.filename)} không phải.`, 415);
      files.push({ content, fileName: cleanFileName(part.filename), type, sha256: crypto.createHash('sha256').update(content).digest('hex') });
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('Tệp quá lớn: mỗi tệp tối đa 10 MB.', 413);
    if ((e as { code?: string }).code === 'FST_FILES_LIMIT') return refuse(`Tối đa ${MAX_PAGE_FILES} tệp ảnh trong một lần tải lên: hãy quét thành tệp PDF.`, 413);
    if (e instanceof Problem && e.code === 'INVALID_FILE_NAME') return refuse(e.title, 400);
    throw e;
  }
  if (!files.length) return refuse('Chưa chọn tệp.', 422);
  if (files.length > 1 && files.some((f) => f.type === 'application/pdf')) {
    return refuse('Chọn một tệp PDF, hoặc các ảnh trang (JPEG, PNG): không gộp PDF với tệp khác.', 422);
  }
  const expectedPages = expectedPagesOf(expected);
  if (expectedPages === null) return refuse('Số trang của giấy tờ phải là số nguyên từ 1 đến 1000.', 422);
  return { files, expectedPages };
}

/** The one file of a multipart form post, checked by its content (PDF, JPEG or PNG, at most 10 MB), or why it was
 *  refused (the message for the page's error summary and the status to answer with): other pages' single uploads. */
export async function readUpload(req: FastifyRequest): Promise<UploadedFile | UploadRefused> {
  if (!req.isMultipart()) return refuse('Cần gửi tệp bằng biểu mẫu tải tệp.', 415);
  let content: Buffer;
  let fileName: string;
  try {
    const part = await req.file();
    if (!part || !part.filename) return refuse('Chưa chọn tệp.', 422);
    content = await part.toBuffer();
    fileName = cleanFileName(part.filename);
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return refuse('Tệp quá lớn: tối đa 10 MB.', 413);
    if (e instanceof Problem && e.code === 'INVALID_FILE_NAME') return refuse(e.title, 400);
    throw e;
  }
  if (content.length === 0) return refuse('Tệp rỗng.', 422);
  const type = sniffType(content);
  if (!type) return refuse('Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).', 415);
  return { content, fileName, type, sha256: crypto.createHash('sha256').update(content).digest('hex') };
}

export const refused = <T extends object>(u: T | UploadRefused): u is UploadRefused => 'message' in u && 'status' in u;
