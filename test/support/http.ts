// Small helpers for calling the app in tests.
import type { TestApp } from './app.ts';
import { newKey } from './app.ts';

export interface Call {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Record<string, unknown>;
}

export async function call(
  t: TestApp,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  opts: { as?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Call> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) headers.cookie = await t.login(opts.as);
  if (method !== 'GET' && opts.key !== null) headers['idempotency-key'] = opts.key ?? newKey();
  const res = await t.app.inject({ method, url, headers, ...(opts.body !== undefined ? { payload: opts.body as object } : {}) });
  let body: unknown = res.body;
  try {
    body = res.json();
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** A multipart/form-data body with one file field named "file". */
export function multipart(fileName: string, content: Buffer, type = 'application/octet-stream') {
  const boundary = '----xaso' + Math.random().toString(16).slice(2);
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const applicant = (over: Record<string, unknown> = {}) => ({
  name: 'Nguyễn Văn An',
  idNumber: '001203004567',
  address: 'Thôn Đồng Tâm, xã Xuân Dương',
  phone: '0912345678',
  ...over,
});
