// A multipart file whose name holds NUL or another control character is refused with a 4xx (issue 13), whichever
// route reads it: the rule is the input guard's (http/input-guard.ts guardMultipart), wrapped around the request's
// multipart readers. Nothing is stored; the API answers 400 INVALID_FILE_NAME; a portal form shows the message next
// to its file field; an ordinary name still goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant, call, multipart } from '../support/http.ts';
import { browserAs } from '../web/staff-browser.ts';
import { Browser, PDF, errorSummary } from '../web/portal-support.ts';

const t = await testApp();
const BAD = ['giay\u0000.pdf', '\u0000', 'giay\u0001chung sinh.pdf', 'giay\r\n.pdf'.replace('\r\n', '\u001b'), 'a\u007f.pdf'];
const files = async () => (await sql<{ n: number }>`select count(*)::int as n from dossier_files`.execute(t.db)).rows[0]!.n;

const created = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
assert.equal(created.status, 201, JSON.stringify(created.body));
const id = created.body.id as string;

async function apiUpload(name: string) {
  const m = multipart(name, Buffer.from('%PDF-1.7\n%%EOF'), 'application/pdf');
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=GIAY_CHUNG_SINH`,
    headers: { cookie: await t.login('motcua'), 'idempotency-key': crypto.randomUUID(), 'content-type': m.contentType }, payload: m.payload,
  });
  return { status: res.statusCode, body: res.json() };
}

test('API: a file name with NUL or a control character is 400 INVALID_FILE_NAME and stores nothing', async () => {
  const before = await files();
  for (const name of BAD) {
    const r = await apiUpload(name);
    assert.equal(r.status, 400, `${JSON.stringify(name)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.code, 'INVALID_FILE_NAME');
    assert.match(r.body.title, /Tên tệp chứa ký tự không hợp lệ/);
    assert.deepEqual(r.body.errors?.map((e: { path: string }) => e.path), ['/body/file']);
  }
  assert.equal(await files(), before);
  const ok = await apiUpload('giấy chứng sinh (bản chụp).pdf');
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.fileName, 'giấy chứng sinh (bản chụp).pdf');
});

test('API: the same name written as filename*= (RFC 5987, %00) is refused too', async () => {
  const boundary = 'xaso' + crypto.randomBytes(6).toString('hex');
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''giay%00.pdf\r\n`
    + `Content-Type: application/pdf\r\n\r\n%PDF-1.7\n%%EOF\r\n--${boundary}--\r\n`);
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=GIAY_CHUNG_SINH`,
    headers: { cookie: await t.login('motcua'), 'idempotency-key': crypto.randomUUID(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload,
  });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().code, 'INVALID_FILE_NAME');
});

test('a staff page upload (scan of a component) answers 4xx, not 500, and stores nothing', async () => {
  const before = await files();
  const officer = await browserAs(t, 'motcua');
  const page = await officer.get(`/can-bo/ho-so/${id}`);
  assert.equal(page.status, 200);
  const csrf = /[?;]_csrf=([^"&]+)/.exec(page.body)?.[1];
  assert.ok(csrf, 'the dossier page has an upload form');
  const r = await officer.upload(`/can-bo/ho-so/${id}/tep?component=GIAY_CHUNG_SINH&key=f-${crypto.randomUUID()}&_csrf=${csrf}`, 'scan\u0000.pdf', PDF);
  assert.ok(r.status >= 400 && r.status < 500, `status ${r.status}`);
  assert.equal(await files(), before);
});

test('portal: the file field shows the message, and the page is a 4xx', async () => {
  const citizen = new Browser(t);
  await citizen.get('/xac-thuc');
  const r = await citizen.upload('/xac-thuc/tep', { field: 'tep', name: 'van ban\u0000.pdf', content: PDF, type: 'application/pdf' });
  assert.equal(r.status, 400, r.body.slice(0, 500));
  assert.ok(errorSummary(r.body).some(([, m]) => m.includes('Tên tệp đã chọn có ký tự không hợp lệ')), JSON.stringify(errorSummary(r.body)));
});

test('a multipart form field with NUL never reaches the handler: a 4xx', async () => {
  const boundary = 'xaso' + crypto.randomBytes(6).toString('hex');
  const payload = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ma"\r\n\r\nAB\u0000CD\r\n`
    + `--${boundary}\r\nContent-Disposition: form-data; name="tep"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n%%EOF\r\n--${boundary}--\r\n`);
  const citizen = new Browser(t);
  await citizen.get('/xac-thuc');
  const res = await t.app.inject({
    method: 'POST', url: `/xac-thuc/so-sanh?_csrf=${encodeURIComponent(citizen.csrf)}`, payload,
    headers: { cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.ok(res.statusCode >= 400 && res.statusCode < 500, `status ${res.statusCode}`);
});
