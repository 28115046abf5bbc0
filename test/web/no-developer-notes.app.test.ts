// What users read carries no developer's note (issue 11): no "UNCERTAIN", no reference to the internal brief
// ("domain.md", "§", "vấn đề N"), no evidence tag ([V]/[S]/[M]), no "cần xác minh" left as a reminder, no metric
// key ("satisfaction-published") shown as text. The pages are crawled as a citizen and as each demo role (links
// followed breadth-first, GET only, a capped number of pages), with the spreadsheets and PDFs they link to; the
// official PDFs of a demo dossier and /openapi.json are read as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { DOSSIER_FORM_IDS } from '../../src/documents/core/model.ts';
import { renderNotice } from '../../src/notifications/core/messages.ts';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { generateDemoReform } from '../../src/demo/reform.ts';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { POPPLER, pdfText } from '../documents/pdf-helpers.ts';
import { Browser } from './staff-browser.ts';
import { HONG, citizenCookie } from '../identity/citizen-support.ts';
import { insertItem } from '../../src/datastore/store.ts';
import { putFile } from '../../src/dossiers/uploads.ts';
import { samplePdf } from '../signatures/support.ts';
import { ENGLISH_NOTE, KEY, NOTES, WORDS } from './developer-notes.ts';

const t = await testApp();
const NOW = new Date('2026-11-25T02:00:00Z');
t.setNow(NOW.toISOString());
await generateDemoActivity(t.db, NOW, 60);
await generateDemoReform(t.db, NOW);

interface Finding { where: string; note: string; excerpt: string }
const findings: Finding[] = [];

/** Records the notes in `text`, and the keys in `words` (the text without its data, e.g. a JSON editor). */
function scan(where: string, text: string, words?: string) {
  for (const [note, re] of NOTES) {
    const m = re.exec(text);
    if (m) findings.push({ where, note, excerpt: around(text, m.index) });
  }
  for (const m of (words ?? '').matchAll(KEY)) {
    if (!WORDS.has(m[0])) findings.push({ where, note: `key "${m[0]}"`, excerpt: around(words!, m.index!) });
  }
}
const around = (s: string, i: number) => s.slice(Math.max(0, i - 60), i + 60).replace(/\s+/g, ' ');

const entities = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** Data shown as data (a JSON editor, a code sample): its field names and ids are not words of the page. */
const DATA = /<(textarea|pre|code)\b[^>]*>[\s\S]*?<\/\1>/gi;

/** What a person reads of a page: the text between the tags (no script, style or comment), and the attributes
 *  that are read out or shown (title, alt, placeholder, aria-label, a button's value). */
export function visible(html: string): string {
  const body = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ');
  const attrs = [...body.matchAll(/\s(?:title|alt|placeholder|aria-label|aria-description)="([^"]*)"/g)].map((m) => m[1]);
  const buttons = [...body.matchAll(/<input\b[^>]*type="(?:submit|button)"[^>]*>/g)].map((m) => /value="([^"]*)"/.exec(m[0])?.[1] ?? '');
  return entities([body.replace(/<[^>]+>/g, ' '), ...attrs, ...buttons].join(' \n ')).replace(/[ \t\r\f\v]+/g, ' ');
}

/** A URL's shape: numbers, ids and query values folded, so that a list of 900 dossiers is read a few times, not 900. */
const shape = (url: string) => url.replace(/\?.*$/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\d+/g, ':n');

const SKIP = /^\/(can-bo\/dang-xuat|can-bo\/dang-nhap|assets\/|favicon)|\/(thanh-toan|rut-ho-so)(\/|$)/;

const cookieOf = (b: Browser) => [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Reads one answer as its reader would (a page, a PDF, a spreadsheet, JSON) and records the notes in it; the
 *  same-site links of a page are returned. `citizen`: staff-only notes ("chưa đối chiếu") count too. */
async function read(where: string, res: Awaited<ReturnType<typeof t.app.inject>>, url: string, citizen = false): Promise<string[]> {
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('text/html')) {
    const seen = visible(res.body);
    scan(where, seen, visible(res.body.replace(DATA, ' ')));
    const staffNote = /(chưa|đang được) đối chiếu/i.exec(seen);
    if (citizen && staffNote) findings.push({ where, note: 'a note for staff', excerpt: around(seen, staffNote.index) });
    return [...res.body.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)].map((m) => entities(m[1]!).replace(/#.*$/, ''));
  }
  // A file a person uploaded (the demo's one-line PDFs) is theirs, not ours: only generated PDFs are read.
  if (type.includes('application/pdf') && POPPLER && !/\/files\//.test(url)) scan(where, pdfRead(res.rawPayload));
  else if (type.includes('spreadsheetml')) scan(where, await sheetText(res.rawPayload));
  else if (type.includes('json')) scan(where, strings(res.json()));
  return [];
}

/** Crawls from `starts` as `b`, GET only, breadth-first, at most `cap` answers and `perShape` of one shape. */
async function crawl(who: string, b: Browser, starts: string[], cap: number, perShape = 3): Promise<number> {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue = [...starts];
  let count = 0;
  while (queue.length && count < cap) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const s = shape(url);
    if ((shapes.get(s) ?? 0) >= perShape && !starts.includes(url)) continue;
    shapes.set(s, (shapes.get(s) ?? 0) + 1);
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: cookieOf(b) } });
    count++;
    const links = res.statusCode >= 300 && res.statusCode < 400 ? [String(res.headers.location ?? '')] : await read(`${who} ${url}`, res, url, who === 'citizen');
    for (const href of links) if (href.startsWith('/') && !href.startsWith('//') && !SKIP.test(href) && !seen.has(href)) queue.push(href);
  }
  return count;
}

/** A generated PDF as its reader sees it: the text, and the properties a viewer shows (title, subject, keywords). */
function pdfRead(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-notes-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }).stdout;
    const props = info.split('\n').filter((l) => /^(Title|Subject|Keywords|Author):/.test(l)).join('\n');
    return `${props}\n${pdfText(pdf)}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function sheetText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? ''))));
  });
  return out.join('\n');
}

/** Every string of a JSON document (messages, labels, descriptions, and data people read through other programs). */
function strings(x: unknown): string {
  if (typeof x === 'string') return x;
  if (Array.isArray(x)) return x.map(strings).join('\n');
  if (x && typeof x === 'object') return Object.values(x).map(strings).join('\n');
  return '';
}

/** One line per note and page shape (a note on every dossier page is one line). */
function report(): string {
  const lines = new Map<string, string>();
  for (const f of findings) {
    const [who, url = ''] = f.where.split(' ');
    const k = `${f.note} @ ${shape(url || who!)}`;
    if (!lines.has(k)) lines.set(k, `- ${f.where}: ${f.note}: …${f.excerpt}…`);
  }
  return [...lines.values()].join('\n');
}

test('the visible text is what a person reads: tags, attributes and scripts are not', () => {
  const html = '<a href="/satisfaction-published" class="tile-grid" title="Chỉ số"><span data-k="a-b">Hài lòng</span></a>'
    + '<style>.a-b{}</style><script>x("c-d")</script><!-- domain.md §1 --><input type="submit" value="Lưu">';
  const v = visible(html);
  assert.match(v, /Hài lòng/);
  assert.match(v, /Chỉ số/);
  assert.match(v, /Lưu/);
  assert.doesNotMatch(v, /satisfaction|tile-grid|a-b|c-d|domain/);
  const sample = 'thước đo satisfaction-published, e-mail, tại https://x.vn/thu-tuc/1 (domain.md §11), trường hợp cần xác minh';
  scan('self-test', sample, sample);
  assert.deepEqual(findings.splice(0).map((f) => f.note), ['domain.md', '§', 'file of the code', 'key "satisfaction-published"']);
});

test('no developer note in the portal, the staff workspace, the forms of a dossier or the API description', async (c) => {
  let pages = 0;
  const codes = (await t.db.selectFrom('procedures').select('code').distinct().orderBy('code').execute()).map((r) => r.code);
  const citizen = new Browser(t);
  const read0 = await crawl('citizen', citizen, ['/', '/thu-tuc', '/cong-khai', '/phan-anh/cong-khai', '/tra-cuu', '/danh-gia',
    ...codes.map((code) => `/thu-tuc/${encodeURIComponent(code)}`)], 400);
  c.diagnostic(`citizen: ${read0} pages`);
  pages += read0;
  // A citizen logged in with e-identity: her dossiers, her data store (a result and a paper in it), an item's page and
  // her personal data.
  const hong = new Browser(t);
  const [cookieName, cookieValue] = (await citizenCookie(t, HONG)).split('=') as [string, string];
  hong.jar.set(cookieName, cookieValue);
  const sha = await putFile(t.db, await samplePdf('GIẤY KHAI SINH — bản điện tử thử nghiệm'), 'application/pdf');
  for (const kind of ['result', 'component'] as const) {
    await insertItem(t.db, {
      ownerIdNumber: HONG.idNumber, kind, typeCode: 'GIAY_KHAI_SINH', typeName: 'Giấy khai sinh', issuer: 'Ủy ban nhân dân xã Xuân Dương',
      numberSymbol: kind === 'result' ? 'ABCD-EFGH-JK' : null, validFrom: '2026-11-02', validTo: null, sha256: sha, fileName: 'giay-khai-sinh.pdf',
      sourceCommuneId: 'xuan-duong', sourceDossierId: null, sourceComponentCode: null, signedCode: null, legalRecord: kind === 'result', at: NOW,
    });
  }
  const read1 = await crawl('citizen (e-identity)', hong, ['/ho-so-cua-toi', '/ho-so-cua-toi/kho-du-lieu', '/ho-so-cua-toi/du-lieu-ca-nhan'], 60);
  c.diagnostic(`citizen with e-identity: ${read1} pages`);
  pages += read1;
  for (const role of ['motcua', 'hotich', 'truongvhxh', 'chutich', 'admin']) {
    const b = new Browser(t);
    await b.login(role);
    const n = await crawl(role, b, ['/can-bo/ho-so', '/can-bo/bang-dieu-khien', '/can-bo/cchc', '/can-bo/kpi', '/can-bo/quan-tri',
      ...codes.map((code) => `/thu-tuc/${encodeURIComponent(code)}`)], 250);
    c.diagnostic(`${role}: ${n} pages`);
    pages += n;
  }

  // The official forms: dossiers received, asked for more, refused, apologised for and stopped, so that each form exists.
  const intake = async (procedureCode: string, over: object = {}) => {
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode, applicant: applicant(), ...over } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const act = async (id: string, type: string, as: string, body: object) => {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
    assert.ok(r.status < 300, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const hotich = String((await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id);
  const [asked, refused, late, stopped] = [await intake('1.001193'), await intake('1.001193', { action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền' }),
    await intake('1.004873'), await intake('1.001193')];
  for (const id of [asked, late, stopped]) await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: hotich });
  await act(asked, 'request_supplement', 'hotich', { items: ['Giấy chứng sinh'], reason: 'Thiếu giấy chứng sinh' });
  await act(late, 'apologize_extend', 'truongvhxh', { reason: 'Cần thêm thời gian', newDueAt: '2026-12-10T17:00:00+07:00' });
  await act(stopped, 'stop_processing', 'motcua', { reason: 'Người nộp đề nghị dừng' });
  let pdfs = 0;
  for (const id of [asked, refused, late, stopped]) {
    for (const kind of DOSSIER_FORM_IDS) {
      const r = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/documents/${kind}`, headers: { cookie: await t.login('motcua') } });
      if (r.statusCode === 409) {
        scan(`motcua documents/${kind} (409)`, strings(r.json()));
        continue;
      }
      assert.equal(r.statusCode, 200, `${kind}: ${r.body.slice(0, 200)}`);
      pdfs++;
      if (POPPLER) scan(`motcua documents/${kind}`, pdfRead(r.rawPayload));
    }
  }
  const book = await t.app.inject({ method: 'GET', url: '/api/v1/tracking-book?field=HOTICH&from=2026-11-01&to=2026-11-30', headers: { cookie: await t.login('motcua') } });
  assert.equal(book.statusCode, 200, book.body.slice(0, 200));
  if (POPPLER) scan('motcua tracking-book', pdfRead(book.rawPayload));
  pdfs++;

  // The e-mails and SMS of the outbox (the demo year's and these dossiers'), as the citizen receives them.
  const notices = await t.db.selectFrom('notifications').select(['kind', 'channel', 'facts']).execute();
  for (const n of notices) scan(`${n.channel} ${n.kind}`, strings(renderNotice(n.facts, t.base)));
  assert.ok(notices.length > 0, 'the outbox has notices');

  const api = await t.app.inject({ method: 'GET', url: '/openapi.json' });
  assert.equal(api.statusCode, 200);
  scan('/openapi.json', strings(api.json()));
  // The action endpoints cite the action table's legal bases ("Căn cứ: …"): Vietnamese, no English note left in them.
  const actionOps = Object.entries(api.json().paths as Record<string, { post?: { description?: string } }>).filter(([path]) => /\/actions\//.test(path));
  assert.ok(actionOps.length >= 15, `${actionOps.length} action endpoints described`);
  for (const [path, ops] of actionOps) {
    const m = ENGLISH_NOTE.exec(ops.post?.description ?? '');
    if (m) findings.push({ where: `/openapi.json ${path}`, note: 'English note', excerpt: around(ops.post!.description!, m.index) });
  }

  // The API's answers (data and problem messages) to each GET it describes, with the ids at hand.
  const ids: Record<string, string[]> = { code: codes, id: [asked] };
  let answers = 0;
  for (const [template, ops] of Object.entries(api.json().paths as Record<string, { get?: unknown }>)) {
    if (!ops.get || template === '/openapi.json') continue;
    const params = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (params.some((x) => !ids[x])) continue;
    const urls = params.length ? ids[params[0]!]!.map((v) => template.replace(`{${params[0]}}`, encodeURIComponent(v))) : [template];
    for (const url of urls.filter((u) => !/\{/.test(u))) {
      for (const as of ['chutich', 'admin']) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(as) } });
        await read(`${as} ${url}`, res, url);
        answers++;
      }
    }
  }

  c.diagnostic(`${pages} pages and downloads crawled, ${pdfs} official PDFs${POPPLER ? '' : ' (not read: pdftotext missing)'}, ${notices.length} e-mails and SMS, /openapi.json, ${answers} API answers`);
  assert.ok(pages > 300, `only ${pages} pages crawled`);
  assert.equal(findings.length, 0, `developer notes users can read (${findings.length}):\n${report()}`);
});
