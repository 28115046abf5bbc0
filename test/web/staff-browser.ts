// A minimal "browser" for the staff page tests: a cookie jar over app.inject, urlencoded and multipart form
// posts, and string helpers to read the hidden fields (CSRF token, one-time key) of a form in the HTML.
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { seedProcedures } from '../../src/catalogue/seed/index.ts';

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
}

type Fields = Record<string, string | string[] | undefined>;

const unescape = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The HTML of the first POST form whose action contains `action` (e.g. "/thao-tac/assign"). */
export function formHtml(html: string, action: string): string {
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const open = /^<form\b[^>]*>/.exec(m[0])![0];
    const a = /action="([^"]*)"/.exec(open)?.[1];
    if (/method="post"/.test(open) && a !== undefined && unescape(a).includes(action)) return m[0];
  }
  assert.fail(`no form with action containing ${action}`);
}

/** The hidden inputs of a form (name → value), and its unescaped action URL. */
export function hiddenFields(html: string, action: string): { fields: Record<string, string>; action: string } {
  const form = formHtml(html, action);
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) fields[name] = unescape(value);
  }
  return { fields, action: unescape(/action="([^"]*)"/.exec(form)![1]!) };
}

/** The text of a page without tags, with whitespace collapsed (for "the page says …" checks). */
export const text = (html: string) => unescape(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

export class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly t: TestApp) {}

  private cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: { cookies: { name: string; value: string; expires?: Date; maxAge?: number }[] }) {
    for (const c of res.cookies) {
      const gone = c.value === '' || (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0;
      if (gone) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
  }

  async get(url: string): Promise<Page> {
    const res = await this.t.app.inject({ method: 'GET', url, headers: { cookie: this.cookie() } });
    this.keep(res);
    return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
  }

  /** Posts urlencoded fields (repeated names as arrays) as a browser would. */
  async post(url: string, fields: Fields): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) body.append(k, x);
    const res = await this.t.app.inject({
      method: 'POST', url, payload: body.toString(),
      headers: { cookie: this.cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    this.keep(res);
    return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
  }

  /** Fills the form of `page` whose action contains `action`: its hidden fields plus `fields`, then posts it. */
  async submit(page: Page, action: string, fields: Fields = {}): Promise<Page> {
    const f = hiddenFields(page.body, action);
    return this.post(f.action, { ...f.fields, ...fields });
  }

  async upload(url: string, fileName: string, content: Buffer): Promise<Page> {
    const boundary = '----xasoweb' + Math.random().toString(16).slice(2);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await this.t.app.inject({
      method: 'POST', url, payload, headers: { cookie: this.cookie(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    this.keep(res);
    return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
  }

  /** Logs in through the login page; asserts success. */
  async login(username: string, password = DEMO_PASSWORD): Promise<void> {
    const page = await this.get('/can-bo/dang-nhap');
    const r = await this.submit(page, '/can-bo/dang-nhap', { username, password });
    assert.equal(r.status, 303, `login ${username}: ${text(r.body).slice(0, 300)}`);
    assert.ok(this.jar.has('xaso_sid'));
  }
}

export async function browserAs(t: TestApp, username: string): Promise<Browser> {
  const b = new Browser(t);
  await b.login(username);
  return b;
}

/** The counter intake's checklist with every required paper of a procedure ticked (as the page shows it once a
 *  procedure is chosen): the fields to add to a receipt's form post. */
export function requiredPapers(code: string): { checklist: string; received: string[] } {
  const proc = seedProcedures.find((p) => p.code === code);
  assert.ok(proc, `no procedure ${code}`);
  return { checklist: code, received: proc.components.filter((c) => c.required).map((c) => c.code) };
}
