// A tiny cookie-keeping "browser" for the portal tests (app.inject): it remembers cookies, picks the CSRF token
// of the last page it read, posts urlencoded forms and multipart uploads, and reads a few things out of the HTML.
import crypto from 'node:crypto';
import type { TestApp } from '../support/app.ts';
import type { FormField } from '../../src/catalogue/core/types.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
}

export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(private readonly t: TestApp) {}

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { statusCode: number; body: string; headers: Record<string, unknown>; cookies: { name: string; value: string; maxAge?: number }[] }): Page {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? /[?&]_csrf=([^"&]+)/.exec(res.body)?.[1];
    if (token) this.csrf = decodeURIComponent(token);
    const location = res.headers.location;
    return { status: res.statusCode, body: res.body, location: typeof location === 'string' ? location : undefined };
  }

  async get(url: string): Promise<Page> {
    return this.keep(await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.header() } }));
  }

  /** GET, following redirects. */
  async open(url: string): Promise<Page & { url: string }> {
    let r = await this.get(url);
    let at = url;
    for (let i = 0; r.location && i < 5; i++) {
      at = r.location;
      r = await this.get(r.location);
    }
    return { ...r, url: at };
  }

  /** POST an urlencoded form with the current CSRF token (unless `csrf: false`). */
  async post(url: string, form: Record<string, string> = {}, o: { csrf?: boolean } = {}): Promise<Page> {
    const fields = o.csrf === false ? form : { _csrf: this.csrf, ...form };
    return this.keep(await this.t.app.inject({
      method: 'POST', url, payload: new URLSearchParams(fields).toString(),
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' },
    }));
  }

  /** POST a multipart form (fields first, then one file), the CSRF token in the query as the pages do. */
  async upload(url: string, file: { field: string; name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}): Promise<Page> {
    const boundary = '----xasoportal' + crypto.randomBytes(6).toString('hex');
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
    const sep = url.includes('?') ? '&' : '?';
    return this.keep(await this.t.app.inject({
      method: 'POST', url: `${url}${sep}_csrf=${encodeURIComponent(this.csrf)}`, payload: Buffer.concat(parts),
      headers: { cookie: this.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    }));
  }
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);

/** The page's text without tags, spaces collapsed (for "the page says …" checks). */
export const textOf = (html: string) =>
  html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

/** Links of the error summary: [href, message]. */
export function errorSummary(html: string): [string, string][] {
  const box = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...box.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1]!, m[2]!]);
}

/** The value attribute of the input named `name`. */
export const inputValue = (html: string, name: string) => new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];

/** A plausible answer to an e-form field of the catalogue, by its type. */
export const answer = (f: FormField): string => {
  switch (f.type) {
    case 'date': return '2026-11-20';
    case 'number': return '1';
    case 'select': return f.options![0]!;
    case 'id_number': return '001226001234';
    case 'phone': return '0987654321';
    case 'email': return 'me@example.com';
    case 'textarea': return 'Nội dung khai mẫu';
    case 'text': return `Giá trị ${f.name}`;
  }
};
