// Issue 14, "Gợi ý điền tờ khai từ bản quét": a Giấy chứng sinh scanned at the counter, its storage copy made by the
// worker with a stand-in OCR text; the officer opens the suggestion (each value read beside the answer in force; the
// view access-logged), ticks some, and the declaration correction stores a new revision with those values and the
// reason "Điền theo bản quét <file>", the earlier answers kept. Who may and may not; a job not done, not this
// dossier's, a paper without a mapping; a dossier whose processing ended.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { testApp, newKey } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { browserAs, hiddenFields, text } from './staff-browser.ts';
import { errorSummary } from './portal-support.ts';
import { birthAnswers, fileBirth } from '../dossiers/birth-declaration.ts';
import { digitiseRound } from '../../src/digitisation/worker.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import { ComponentSection } from '../../src/web/staff/scan-section.tsx';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import { hasPoppler, textPdf } from '../digitisation/support.ts';

const t = await testApp();
const skip = hasPoppler ? false : 'poppler (pdftoppm) is not installed';

const OCR_TEXT = [
  'BỘ Y TẾ', 'GIẤY CHỨNG SINH',
  'Họ và tên mẹ/Người nuôi dưỡng: LÊ THỊ HỒNG', 'Năm sinh: 1990', 'Số CMND/Hộ chiếu: 012345678',
  'Đã sinh con vào lúc: 09 giờ 10 phút, ngày 20 tháng 11 năm 2026',
  'Tại: Bệnh viện Đa khoa tỉnh Thái Nguyên ..........',
  'Số con trong lần sinh này: 1 Giới tính của con: Nữ Cân nặng: 3100 gam',
  'Dự định đặt tên con là:', 'Nguyễn Minh Khôi', '\f',
].join('\n');
const storagePdf = await textPdf(1);
let ocrText = OCR_TEXT;
const ocr: OcrRunner = async () => ({ ok: true, pdf: storagePdf, text: ocrText });

const jobsOf = (id: string) => t.db.selectFrom('digitisation_jobs').select(['id', 'component_code', 'status', 'file_name']).where('dossier_id', '=', id).orderBy('id').execute();
const viewsOf = (id: string) => t.db.selectFrom('access_log').select(['actor', 'detail']).where('dossier_id', '=', id).where('action', '=', 'view_ocr_text').execute();

/** A birth filed online, the Giấy chứng sinh (and the tờ khai) scanned by the desk through the API; the worker at `iso`. */
async function scanned(day: string, run = true, scan = storagePdf): Promise<{ id: string; job: { id: string; file_name: string }; toKhai: string }> {
  t.setNow(`${day}T08:00:00+07:00`);
  const { id } = await fileBirth(t);
  for (const component of ['GIAY_CHUNG_SINH', 'TO_KHAI']) {
    const m = multipart(`${component}.pdf`, scan, 'application/pdf');
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=scan`, payload: m.payload,
      headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() } });
    assert.equal(r.statusCode, 201, r.body);
  }
  if (run) while ((await digitiseRound({ db: t.db, now: () => new Date(`${day}T08:10:00+07:00`) }, { ocr, limit: 50 })).claimed);
  t.setNow(`${day}T08:20:00+07:00`);
  const jobs = await jobsOf(id);
  const job = jobs.find((j) => j.component_code === 'GIAY_CHUNG_SINH')!;
  return { id, job: { id: String(job.id), file_name: job.file_name }, toKhai: String(jobs.find((j) => j.component_code === 'TO_KHAI')!.id) };
}

const fillPage = (id: string, jobId: string) => `/can-bo/ho-so/${id}/so-hoa/${jobId}/dien-to-khai`;

test('propose → tick → apply: a new revision with the ticked values and the reason, the rest as declared, the view logged', { skip }, async () => {
  const { id, job } = await scanned('2026-12-07');
  const url = fillPage(id, job.id);
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(url);
  assert.equal(page.status, 200, text(page.body).slice(0, 400));
  const shown = text(page.body);
  assert.match(shown, /Gợi ý điền tờ khai từ bản quét/);
  assert.match(shown, /Họ, chữ đệm, tên của trẻ : Nguyễn Minh Khôi Đang khai: Nguyễn Minh Khang/);
  assert.match(shown, /Giới tính của trẻ : Nữ Đang khai: Nam/);
  assert.match(shown, /Nơi sinh của trẻ : Bệnh viện Đa khoa tỉnh Thái Nguyên Đang khai: Trạm y tế xã Xuân Dương/);
  assert.match(shown, /Ngày, tháng, năm sinh của trẻ Bản quét ghi giống nội dung đang khai/, 'the same date: nothing to tick');
  assert.match(shown, /Số định danh cá nhân của người mẹ Không đọc được rõ trên bản quét: “012345678”/, 'a 9-digit old ID card number');
  assert.ok(!/name="apply" value="childDateOfBirth"/.test(page.body) && !/name="apply" value="motherIdNumber"/.test(page.body));
  assert.ok(!/ checked/.test(hiddenFields(page.body, '/dien-to-khai').action) && !/type="checkbox"[^>]* checked/.test(page.body), 'nothing ticked beforehand');
  assert.ok(page.body.includes(`Điền theo bản quét ${job.file_name}`), 'the reason is pre-filled');
  const views = await viewsOf(id);
  assert.equal(views.length, 1, 'reading the OCR text is logged');
  assert.deepEqual(views[0]!.detail, { jobId: job.id, component: 'GIAY_CHUNG_SINH' });

  // Nothing ticked: refused with the error summary, nothing stored.
  const none = await desk.submit(page, '/dien-to-khai', { reason: `Điền theo bản quét ${job.file_name}` });
  assert.equal(none.status, 422);
  assert.deepEqual(errorSummary(none.body), [['#apply', 'Chọn ít nhất một mục để điền vào tờ khai']]);
  // A value the e-form's rules refuse is named at its checkbox: none here, so apply two of the four offered.
  const fields = { ...hiddenFields(none.body, '/dien-to-khai').fields, apply: ['childFullName', 'childGender', 'motherIdNumber'], reason: `Điền theo bản quét ${job.file_name}` };
  const ok = await desk.post(url, fields);
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  assert.equal(ok.location, `/can-bo/ho-so/${id}?ok=declaration`);
  const again = await desk.post(url, fields);
  assert.equal(again.status, 303, 'the same form posted twice stores once');

  const d = await call(t, 'GET', `/api/v1/dossiers/${id}/declaration`, { as: 'motcua' });
  const answers = d.body.forms[0].answers;
  assert.deepEqual([d.body.revision, d.body.corrected.reason], [2, `Điền theo bản quét ${job.file_name}`]);
  assert.deepEqual([answers.childFullName, answers.childGender], ['Nguyễn Minh Khôi', 'Nữ'], 'the ticked values');
  const declared = birthAnswers().TO_KHAI;
  assert.deepEqual([answers.childPlaceOfBirth, answers.motherFullName, answers.motherIdNumber], [declared.childPlaceOfBirth, declared.motherFullName, declared.motherIdNumber], 'what was not ticked (or not offered) stays');
  assert.deepEqual(d.body.revisions.map((r: { revision: number; source: string }) => [r.revision, r.source]), [[1, 'online'], [2, 'correction']], 'the earlier answers kept');
  const events = await t.db.selectFrom('dossier_events').select(['action', 'actor_role', 'payload']).where('dossier_id', '=', id).where('action', '=', 'correct_declaration').execute();
  assert.equal(events.length, 1);
  assert.equal(events[0]!.actor_role, 'receiving_officer');
  assert.deepEqual((events[0]!.payload as { fields: string[] }).fields.length, 2);

  // The suggestion now: the applied values are the answers in force.
  assert.match(text((await desk.get(url)).body), /Họ, chữ đệm, tên của trẻ Bản quét ghi giống nội dung đang khai/);
  t.setNow(null);
});

test('the dossier page links the suggestion of a done scan of a mapped paper, for who may correct the declaration only', async () => {
  const proc = findSeedProcedure('1.001193', new Date('2026-12-07T03:00:00Z'))!;
  const paper = proc.components.find((c) => c.code === 'GIAY_CHUNG_SINH')!;
  const toKhai = proc.components.find((c) => c.code === 'TO_KHAI')!;
  const job = (status: 'done' | 'running', version: number, component = 'GIAY_CHUNG_SINH') => ({
    id: String(10 + version), component_code: component, version, file_name: `1.001193_${component}_V${version}.pdf`, status, findings: [], last_error: null, source_pages: 1, result_pages: 1,
  });
  const html = (o: { canCorrect: boolean; hidden?: boolean; jobs: ReturnType<typeof job>[]; c?: typeof paper }) => renderToString(ComponentSection({
    dossierId: 'd1', component: o.c ?? paper, files: [], jobs: o.jobs, hidden: o.hidden ?? false, canScan: true, canCorrect: o.canCorrect, csrf: 'x',
  }));
  assert.ok(html({ canCorrect: true, jobs: [job('running', 2), job('done', 1)] }).includes('href="/can-bo/ho-so/d1/so-hoa/11/dien-to-khai"'), 'the newest done version');
  assert.ok(!html({ canCorrect: false, jobs: [job('done', 1)] }).includes('dien-to-khai'), 'not for who may not correct');
  assert.ok(!html({ canCorrect: true, jobs: [job('running', 1)] }).includes('dien-to-khai'), 'not before the storage copy');
  assert.ok(!html({ canCorrect: true, jobs: [job('done', 1, 'TO_KHAI')], c: toKhai }).includes('dien-to-khai'), 'not for a paper without a mapping');
});

test('who may: the desk before transfer; not the leader, not the administrator, not a unit it never reached, not another commune', { skip }, async () => {
  const { id, job } = await scanned('2026-12-08');
  const url = fillPage(id, job.id);
  for (const [who, status] of [['chutich', 403], ['admin', 403], ['hotich', 404], ['tl.motcua', 404]] as const) {
    assert.equal((await (await browserAs(t, who)).get(url)).status, status, who);
  }
  const anon = await t.app.inject({ method: 'GET', url });
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap/);
  assert.equal((await viewsOf(id)).length, 0, 'a refused view reads nothing and logs nothing');
  // The leader cannot apply either (a form of the desk's page, with the leader's CSRF token).
  const form = hiddenFields((await (await browserAs(t, 'motcua')).get(url)).body, '/dien-to-khai');
  const leader = await browserAs(t, 'chutich');
  const csrf = /name="_csrf" value="([^"]+)"/.exec((await leader.get(`/can-bo/ho-so/${id}`)).body)![1]!;
  const r = await leader.post(url, { ...form.fields, _csrf: csrf, apply: ['childFullName'], reason: 'Điền theo bản quét' });
  assert.equal(r.status, 403);
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/declaration`, { as: 'motcua' })).body.revision, 1);
  t.setNow(null);
});

test('refused: a job not done, another dossier’s, a paper without a mapping; a dossier whose processing ended', { skip }, async () => {
  const waiting = await scanned('2026-12-09', false);
  const desk = await browserAs(t, 'motcua');
  assert.equal((await desk.get(fillPage(waiting.id, waiting.job.id))).status, 409, 'before the storage copy');
  const { id, job, toKhai } = await scanned('2026-12-10');
  assert.equal((await desk.get(fillPage(waiting.id, job.id))).status, 404, 'a job of another dossier');
  assert.equal((await desk.get(fillPage(id, toKhai))).status, 404, 'the tờ khai scan has no mapping');
  assert.equal((await desk.get(fillPage(id, 'abc'))).status, 404);
  const page = await desk.get(fillPage(id, job.id));
  assert.equal(page.status, 200);
  // A value the declaration's rules refuse (a birth after the filing) is named at its checkbox; nothing stored.
  ocrText = OCR_TEXT.replace('ngày 20 tháng 11 năm 2026', 'ngày 25 tháng 12 năm 2026');
  const future = await scanned('2026-12-10', true, await textPdf(2)); // other bytes: OCRed anew (the same ones reuse a copy)
  ocrText = OCR_TEXT;
  const futurePage = await desk.get(fillPage(future.id, future.job.id));
  const wrong = await desk.submit(futurePage, '/dien-to-khai', { apply: ['childDateOfBirth'], reason: 'Điền theo bản quét' });
  assert.equal(wrong.status, 422, text(wrong.body).slice(0, 300));
  const summary = errorSummary(wrong.body);
  assert.equal(summary[0]?.[0], '#apply-childDateOfBirth', JSON.stringify(summary));
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${future.id}/declaration`, { as: 'motcua' })).body.revision, 1);

  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/actions/receive_online`, { as: 'motcua', body: {} })).status, 200);
  const stopped = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/stop_processing`, { as: 'motcua', body: { reason: 'Người nộp đề nghị dừng' } });
  assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
  assert.equal((await desk.get(fillPage(id, job.id))).status, 409, 'locked once processing ended');
  const late = await desk.submit(page, '/dien-to-khai', { apply: ['childFullName'] });
  assert.equal(late.status, 409);
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/declaration`, { as: 'motcua' })).body.revision, 1);
  t.setNow(null);
});
