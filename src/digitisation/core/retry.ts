// How long an OCR run may take, when a failed one is tried again, and what the officer reads about it (pure).
// A job is tried again with exponential backoff (1 min, 4 min, 16 min, then hourly); a file OCRmyPDF refuses as
// input (corrupt, encrypted, not an image) gets one more try only, anything else (a crash, a timeout, the program
// missing, an output that is not PDF/A) MAX_ATTEMPTS tries. The source file is never touched: a failed job says so.

import { backoffMs } from '../../shared/backoff.ts';

export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 3_600_000;
export const MAX_ATTEMPTS = 5;
export const MAX_INPUT_ATTEMPTS = 2;
/** Time allowed to one OCR run: a base plus a minute per page, at most an hour (300-dpi pages take 5–20 s each on
 *  2 cores: this is ample, and a stuck run still ends). */
export const BASE_TIMEOUT_MS = 2 * 60_000;
export const PER_PAGE_TIMEOUT_MS = 60_000;
export const MAX_TIMEOUT_MS = 3_600_000;
/** A claimed job is another worker's only after its run's time plus this margin (storing the result). */
export const LEASE_MARGIN_MS = 2 * 60_000;

export type OcrFailureKind = 'input' | 'timeout' | 'crash' | 'missing' | 'output' | 'interrupted' | 'storage';

export function ocrTimeoutMs(pages: number): number {
  return Math.min(MAX_TIMEOUT_MS, BASE_TIMEOUT_MS + PER_PAGE_TIMEOUT_MS * Math.max(1, Math.floor(pages)));
}

/** Delay before the next try, after `attempts` (≥ 1) failed tries. */
export const retryDelayMs = (attempts: number): number => backoffMs({ firstMs: FIRST_RETRY_MS, factor: 4, maxMs: MAX_RETRY_MS }, attempts);

export type AfterFailure = { status: 'queued'; nextAttemptAt: Date } | { status: 'failed' };

export function afterOcrFailure(attempts: number, now: Date, kind: OcrFailureKind): AfterFailure {
  const max = kind === 'input' ? MAX_INPUT_ATTEMPTS : MAX_ATTEMPTS;
  if (attempts >= max) return { status: 'failed' };
  return { status: 'queued', nextAttemptAt: new Date(+now + retryDelayMs(attempts)) };
}

/** What went wrong on one try, for the officer. */
export function failureMessage(kind: OcrFailureKind, o: { timeoutMs?: number; exitCode?: number | null } = {}): string {
  switch (kind) {
    case 'input': return 'Chương trình nhận dạng chữ không mở được tệp quét: tệp bị hỏng, có mật khẩu hoặc không phải ảnh quét.';
    case 'timeout': return `Nhận dạng chữ quá thời gian cho phép (${Math.round((o.timeoutMs ?? 0) / 60_000)} phút).`;
    case 'missing': return 'Máy chủ chưa cài chương trình nhận dạng chữ OCRmyPDF (gói ocrmypdf).';
    case 'output': return 'Bản lưu trữ tạo ra không đạt chuẩn PDF/A-2.';
    case 'storage': return 'Máy chủ không mở được tệp quét đã lưu (khóa mã hóa hoặc dữ liệu).';
    case 'interrupted': return 'Việc số hóa bị gián đoạn nhiều lần (máy chủ dừng giữa chừng).';
    case 'crash': return `Chương trình nhận dạng chữ dừng bất thường${o.exitCode != null ? ` (mã thoát ${o.exitCode})` : ''}.`;
  }
}

/** The message a failed job keeps: what went wrong, how often it was tried, and that the scan itself is safe. */
export function finalMessage(message: string, attempts: number): string {
  return `${message} Đã thử ${attempts} lần, không thành công. Tệp quét gốc vẫn được lưu nguyên vẹn: hãy quét lại hoặc báo quản trị hệ thống.`;
}

/** The PDF/A part a PDF's XMP metadata declares (pdfaid:part as attribute or element); null when none. */
export function declaredPdfAPart(pdfLatin1: string): number | null {
  const m = /pdfaid:part\s*=\s*["'](\d)["']|<pdfaid:part>\s*(\d)\s*<\/pdfaid:part>/.exec(pdfLatin1);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** The pages of pdftotext's output (pages end with a form feed). */
export function splitPages(text: string): string[] {
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}
