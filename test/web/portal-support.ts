// A tiny cookie-keeping "browser" for the portal tests (app.inject): it remembers cookies, picks the CSRF token
// of the last page it read, posts urlencoded forms and multipart uploads, and reads a few things out of the HTML.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { TestApp } from '../support/app.ts';
import type { FormField } from '../../src/catalogue/core/types.ts';
import { codeListOf } from '../../src/dossiers/core/code-lists.ts';

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

/** A one-page PDF poppler reads (the file step pre-checks every upload: digitisation/precheck.ts). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const chunk = (name: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(name, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** A PNG header of a `w`×`h` photo at `dpi` (colour unless `gray`), with random image data (a new file each time). */
export function pngOf(w: number, h: number, dpi: number, o: { gray?: boolean } = {}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = o.gray ? 0 : 2;
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(Math.round(dpi / 0.0254), 0);
  phys.writeUInt32BE(Math.round(dpi / 0.0254), 4);
  phys[8] = 1;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('pHYs', phys),
    chunk('IDAT', crypto.randomBytes(64)), chunk('IEND', Buffer.alloc(0))]);
}
/** An A4 page photographed at 300 dpi, in colour. */
export const PNG = pngOf(2480, 3508, 300);

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

/** Birth dates and ID numbers of the persons of a tờ khai, plausible together (parents born before the child, every
 *  person their own ID number: src/dossiers/core/plausibility.ts). */
const PERSON: Record<string, { born: string; id: string }> = {
  child: { born: '2026-11-20', id: '001226001234' },
  mother: { born: '1995-03-14', id: '001195004321' },
  father: { born: '1993-07-02', id: '001093008765' },
};
const prefix = (name: string) => /^([a-z]+)[A-Z]/.exec(name)?.[1] ?? '';
/** Another person's ID number, from the field's name (distinct for distinct persons). */
const idFor = (name: string) => `0010${String([...prefix(name)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1e8, 7)).padStart(8, '0')}`;

/** A plausible answer to an e-form field of the catalogue, by its type, its code list and its person. */
export const answer = (f: FormField): string => {
  const list = codeListOf(f);
  if (list) return list === 'ethnicity' ? '01' : 'VN';
  const who = PERSON[prefix(f.name)];
  switch (f.type) {
    case 'date': return /DateOfBirth$/.test(f.name) ? (who?.born ?? '1990-05-15') : '2026-11-20';
    case 'number': return '1';
    case 'select': return f.options![0]!;
    case 'id_number': return who?.id ?? idFor(f.name);
    case 'phone': return '0987654321';
    case 'email': return 'me@example.com';
    case 'textarea': return 'Nội dung khai mẫu';
    case 'text': return `Giá trị ${f.name}`;
  }
};
