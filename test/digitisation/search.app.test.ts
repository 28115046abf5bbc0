// Search by the scans' text through the app (issue 14): the API's `ocr` and the staff list's "Nội dung giấy tờ đã
// quét" find a dossier whose done scan holds the words typed without diacritics; who may (the desk of the commune) and
// who may not (another commune's desk, a specialist of a unit the dossier never reached, no session); bad input in
// Vietnamese (422 on the API, the error summary on the page); every search in the access log, without its words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { Browser, browserAs, text } from '../web/staff-browser.ts';
import { digitiseRound } from '../../src/digitisation/worker.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import { SEARCH_ACTION } from '../../src/digitisation/search-store.ts';
import { pngScan, scanAndEnqueue } from './support.ts';

const t = await testApp();
const TEXT = 'TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hường\nNơi cư trú: thôn Khuôn Mánh\f';
const ocr: OcrRunner = async () => ({ ok: true, pdf: Buffer.from('%PDF-1.7\n%%EOF'), text: TEXT });


t.setNow('2026-12-07T08:00:00+07:00');
const created = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
assert.equal(created.status, 201, JSON.stringify(created.body));
const id = created.body.id as string;
const code = created.body.code as string;
await scanAndEnqueue(t.db, id, pngScan(1), { now: new Date('2026-12-07T01:00:00Z') });
assert.equal((await digitiseRound({ db: t.db, now: () => new Date('2026-12-07T01:01:00Z') }, { ocr, limit: 10 })).done, 1);

const apiIds = async (as: string, q: string) => {
  const r = await call(t, 'GET', `/api/v1/dossiers?state=2&limit=200&ocr=${encodeURIComponent(q)}`, { as });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return (r.body.items as { id: string }[]).map((x) => x.id);
};
const listIds = (html: string) => [...new Set([...html.matchAll(/href="\/can-bo\/ho-so\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
const searches = (actor: string) => t.db.selectFrom('access_log').select(['dossier_id', 'detail']).where('action', '=', SEARCH_ACTION)
  .where('actor', '=', actor).orderBy('id').execute();
const staffKey = async (username: string) => `staff:${(await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id}`;

test('API: found by two words without diacritics, not by a word absent; the search logged without its words', async () => {
  assert.deepEqual(await apiIds('motcua', 'nguyen HUONG'), [id]);
  assert.deepEqual(await apiIds('motcua', 'khuôn mánh'), [id]);
  assert.deepEqual(await apiIds('motcua', 'huong tam'), []);
  const logged = await searches(await staffKey('motcua'));
  assert.equal(logged.length, 3 + 2, 'one entry per search, one per dossier shown');
  assert.deepEqual(logged.slice(0, 2).map((l) => [l.dossier_id, l.detail]), [[null, { words: 2, shown: 1 }], [id, { words: 2 }]]);
  assert.ok(!JSON.stringify(logged).match(/nguyen|huong|khuon|manh|tam/i), 'no word in the access log');
});

test('API: who may not find it: another commune, a unit the dossier never reached, no session; bad input', async () => {
  assert.deepEqual(await apiIds('tl.motcua', 'nguyen huong'), []);
  assert.deepEqual(await apiIds('diachinh', 'nguyen huong'), []);
  assert.equal((await call(t, 'GET', '/api/v1/dossiers?ocr=nguyen')).status, 401);
  const bad = await call(t, 'GET', '/api/v1/dossiers?ocr=a%20b', { as: 'motcua' });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'OCR_QUERY_INVALID');
  assert.equal(bad.body.title, 'Hãy nhập ít nhất một từ có từ 2 chữ cái hoặc chữ số trở lên.');
  assert.equal((await call(t, 'GET', `/api/v1/dossiers?ocr=${'x'.repeat(201)}`, { as: 'motcua' })).status, 400);
});

test('page: the field "Nội dung giấy tờ đã quét" filters the list; scoped; bad input in the error summary', async () => {
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get('/can-bo/ho-so?xem=tat-ca');
  assert.match(form.body, /<label for="ocr">Nội dung giấy tờ đã quét \(không bắt buộc\)<\/label>/);
  const hit = await desk.get('/can-bo/ho-so?xem=tat-ca&state=all&ocr=Nguyen+Thi+Huong');
  assert.equal(hit.status, 200);
  assert.deepEqual(listIds(hit.body), [id]);
  assert.ok(text(hit.body).includes(code));
  assert.match(hit.body, /value="Nguyen Thi Huong"/);
  assert.match(text(hit.body), /Chỉ hồ sơ có giấy tờ đã quét chứa tất cả 3 từ đã nhập/);
  assert.deepEqual(listIds((await desk.get('/can-bo/ho-so?state=all&ocr=huong+tam')).body), []);

  assert.deepEqual(listIds((await (await browserAs(t, 'tl.motcua')).get('/can-bo/ho-so?state=all&ocr=nguyen+huong')).body), []);
  assert.deepEqual(listIds((await (await browserAs(t, 'diachinh')).get('/can-bo/ho-so?state=all&ocr=nguyen+huong')).body), []);
  const anon = await new Browser(t).get('/can-bo/ho-so?ocr=nguyen');
  assert.equal(anon.status, 303);

  const bad = await desk.get('/can-bo/ho-so?state=all&ocr=a');
  assert.equal(bad.status, 400);
  assert.match(bad.body, /class="error-summary"[\s\S]*<a href="#ocr">Hãy nhập ít nhất một từ có từ 2 chữ cái hoặc chữ số trở lên\.<\/a>/);
  assert.match(bad.body, /id="ocr-error"/);
  assert.deepEqual(listIds(bad.body), []);

  const logged = await searches(await staffKey('motcua'));
  assert.ok(logged.some((l) => l.dossier_id === id && (l.detail as { words: number }).words === 3), 'the page search is logged');
});
