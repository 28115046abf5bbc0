// Issue 14, the counter scan flow: page images uploaded at once, ordered and turned on the arrangement step, made one
// master PDF, judged at once (findings in the error summary), queued; a re-scan is V2 with V1 still listed; the
// worker's storage copy is shown (đã số hóa, download access-logged) or its error with "Thử lại"; the API's upload
// answers with the findings and job, and lists the jobs; who may and may not; the history entries with their sha256.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, newKey } from '../support/app.ts';
import { applicant, call, multipart } from '../support/http.ts';
import { browserAs, hiddenFields, text, type Browser, type Page } from './staff-browser.ts';
import { digitiseRound } from '../../src/digitisation/worker.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import { hasPoppler, imagesPdf, rasterise, textPdf } from '../digitisation/support.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const skip = hasPoppler ? false : 'poppler (pdftoppm) is not installed';

/** A counter dossier received by the desk. */
async function received(day: string): Promise<string> {
  t.setNow(`${day}T08:00:00+07:00`);
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body.id as string;
}

/** Posts several files (and fields) as the scan form does. */
async function uploadMany(b: Browser, url: string, files: { name: string; content: Buffer }[], fields: Record<string, string> = {}): Promise<Page> {
  const boundary = '----xasoscan' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...b.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await t.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  for (const c of res.cookies) b.jar.set(c.name, c.value);
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined };
}

const scanForm = async (b: Browser, id: string, component = 'TO_KHAI') => {
  const page = await b.get(`/can-bo/ho-so/${id}`);
  return hiddenFields(page.body, `/can-bo/ho-so/${id}/tep?component=${component}`).action;
};

const jobs = (id: string) => t.db.selectFrom('digitisation_jobs').selectAll().where('dossier_id', '=', id).orderBy('version').execute();
const fileEvents = async (id: string) => (await t.db.selectFrom('dossier_events').select(['action', 'actor_id', 'actor_role', 'payload'])
  .where('dossier_id', '=', id).where('action', '=', 'attach_file').orderBy('seq').execute()).map((e) => ({ ...e, file: (e.payload as { file: Record<string, unknown> }).file }));

const pdfinfo = (pdf: Buffer, args: string[] = []) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-t-'));
  try {
    fs.writeFileSync(path.join(dir, 'f.pdf'), pdf);
    return spawnSync('pdfinfo', [...args, path.join(dir, 'f.pdf')], { encoding: 'utf8' }).stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const storagePdf = await textPdf(1);
const succeed: OcrRunner = async () => ({ ok: true, pdf: storagePdf, text: 'Tờ khai đăng ký khai sinh, họ và tên Trần Minh Đức\f' });
const refuse: OcrRunner = async () => ({ ok: false, kind: 'input', exitCode: 2, detail: 'PriorOcrFoundError' });
/** One round of the worker at `iso` (the app's clock is set by the tests: jobs are due by it). */
const worker = (ocr: OcrRunner, iso: string) => digitiseRound({ db: t.db, now: () => new Date(iso) }, { ocr, limit: 50 });

test('page images: uploaded at once, reordered and turned, made one master PDF, judged at once; the history says so', { skip }, async () => {
  const id = await received('2026-12-07');
  const desk = await browserAs(t, 'motcua');
  const [p1, p2] = rasterise(await textPdf(2), 150); // 150 dpi: below the guide's 200
  const arrange = await uploadMany(desk, await scanForm(desk, id), [{ name: 'trang-1.png', content: p1! }, { name: 'trang-2.png', content: p2! }], { expectedPages: '3' });
  assert.equal(arrange.status, 200, text(arrange.body).slice(0, 400));
  assert.match(text(arrange.body), /Sắp xếp, xoay trang: Tờ khai đăng ký khai sinh/);
  const form = hiddenFields(arrange.body, '/tep/sap-xep');
  assert.equal((arrange.body.match(/name="page" value="[0-9a-f]{64}"/g) ?? []).length, 2);
  // The previews are the officer's own pages only: a signed link; a forged signature is not found.
  const preview = /src="(\/can-bo\/ho-so\/[^"]+\/tep\/trang\/[0-9a-f]{64}\?sig=[^"]+)"/.exec(arrange.body)![1]!.replace(/&amp;/g, '&');
  assert.equal((await desk.get(preview)).status, 200);
  assert.equal((await desk.get(preview.replace(/sig=.*/, 'sig=forged'))).status, 404);
  const otherDesk = await browserAs(t, 'giamdoc'); // another one-stop officer: the link is not theirs
  assert.equal((await otherDesk.get(preview)).status, 404);
  const shas = [...arrange.body.matchAll(/name="page" value="([0-9a-f]{64})"/g)].map((m) => m[1]!);

  // A wrong order is refused on the same step, with the typed values.
  const dup = await desk.post(form.action, { ...form.fields, page: shas, pageName: ['trang-1.png', 'trang-2.png'], order: ['1', '1'], rotate: ['0', '0'] });
  assert.equal(dup.status, 422);
  assert.match(text(dup.body), /Có lỗi cần sửa .*thứ tự 1 trùng với trang 1/);
  // A page list that was not uploaded here (another hash) is refused.
  const forged = await desk.post(form.action, { ...hiddenFields(dup.body, '/tep/sap-xep').fields, page: [shas[0]!, 'a'.repeat(64)], order: ['1', '2'], rotate: ['0', '0'] });
  assert.equal(forged.status, 400);

  // Who may not scan (the leader) cannot save an arrangement either.
  const leader = await browserAs(t, 'chutich');
  const leaderPage = await leader.get(`/can-bo/ho-so/${id}`);
  assert.ok(!leaderPage.body.includes('/tep?'), 'no scan form for the leader');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(leaderPage.body)![1]!;
  assert.equal((await leader.post(form.action, { ...form.fields, _csrf: csrf, page: shas, order: ['1', '2'], rotate: ['0', '0'] })).status, 403);

  // Page 2 first, page 1 turned a quarter to the right.
  const again = hiddenFields(dup.body, '/tep/sap-xep');
  const saved = await desk.post(again.action, { ...again.fields, page: shas, pageName: ['trang-1.png', 'trang-2.png'], order: ['2', '1'], rotate: ['90', '0'] });
  assert.equal(saved.status, 303, text(saved.body).slice(0, 600));
  assert.equal(saved.location, `/can-bo/ho-so/${id}?ok=upload&tp=TO_KHAI#tp-TO_KHAI`);
  const shown = await desk.get(saved.location!);
  const page = text(shown.body.replace(/<wbr\s*\/?>/g, '')); // long names and hashes may break on a phone
  assert.match(page, /Có lỗi cần sửa .*Bản quét V1: Độ phân giải thấp: 150 dpi/);
  assert.match(page, /Thiếu trang: tệp có 2 trang, cần 3 trang/);
  assert.match(page, /Đang số hóa/);
  assert.match(page, /Tìm trong kho dữ liệu của người nộp/, 'a component that accepts a stored paper links to the store search');
  assert.ok(shown.body.includes(`/can-bo/ho-so/${id}/kho-du-lieu?component=GCN_KET_HON_CHA_ME`));

  // One file (the master PDF), one job; page 1 of the master is the second image, page 2 the first one, turned.
  const files = await t.db.selectFrom('dossier_files').select(['id', 'sha256', 'file_name']).where('dossier_id', '=', id).execute();
  assert.equal(files.length, 1);
  const [job] = await jobs(id);
  assert.equal(job!.version, 1);
  assert.equal(job!.source_pages, 2);
  assert.equal(job!.source_sha256, files[0]!.sha256);
  assert.deepEqual(job!.findings.map((f) => f.code).sort(), ['LOW_DPI', 'MISSING_PAGES']);
  const master = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${files[0]!.id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(master.statusCode, 200);
  const info = pdfinfo(master.rawPayload, ['-f', '1', '-l', '2']);
  assert.match(info, /Page +1 rot: +0\n/);
  assert.match(info, /Page +2 rot: +90\n/, 'the first image, turned, is the second page');
  const [entry] = await fileEvents(id);
  assert.equal(entry!.actor_role, 'receiving_officer');
  assert.deepEqual(entry!.file, { component: 'TO_KHAI', fileName: files[0]!.file_name, sha256: files[0]!.sha256, version: 1, pages: [shas[1], `${shas[0]}@90`] });
  assert.match(page, new RegExp(`Đính kèm tệp .*mã băm SHA-256 ${files[0]!.sha256}`));
  t.setNow(null);
});

test('a re-scan is V2, V1 stays listed; the storage copy is shown and downloaded (logged); a failed one can be tried again', { skip }, async () => {
  const id = await received('2026-12-08');
  const desk = await browserAs(t, 'motcua');
  const scan = (dpi: number) => rasterise(storagePdf, dpi);
  const v1 = await desk.upload(await scanForm(desk, id), 'to-khai.pdf', await imagesPdf(scan(200)));
  assert.equal(v1.status, 303);
  const v2 = await desk.upload(await scanForm(desk, id), 'to-khai-quet-lai.pdf', await imagesPdf(scan(300)));
  assert.equal(v2.status, 303);
  assert.deepEqual((await jobs(id)).map((j) => [j.version, j.file_name.replace(/^.*_(\d{8})_/, '')]), [[1, 'ToKhaiDangKyKhaiSinh_V1.pdf'], [2, 'ToKhaiDangKyKhaiSinh_V2.pdf']]);
  await worker(succeed, '2026-12-08T08:10:00+07:00');
  t.setNow('2026-12-08T08:20:00+07:00');
  const page = await desk.get(`/can-bo/ho-so/${id}`);
  assert.match(text(page.body), /Bản số hóa V2 Đã số hóa Bản lưu trữ PDF\/A có lớp chữ \(1 trang\)/);
  assert.match(text(page.body), /Các phiên bản trước \(1\)/);
  assert.match(text(page.body), /Đã tạo bản lưu trữ PDF\/A/);
  const [j1, j2] = await jobs(id);
  const link = `/api/v1/dossiers/${id}/digitisation/${j2!.id}/file`;
  assert.ok(page.body.includes(link));
  const dl = await t.app.inject({ method: 'GET', url: link, headers: { cookie: await t.login('motcua') } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(String(dl.headers['content-disposition']), /_V2\.pdf$/);
  const logged = await t.db.selectFrom('access_log').select(['action', 'detail']).where('dossier_id', '=', id).where('action', '=', 'download_storage_copy').execute();
  assert.equal(logged.length, 1);
  // The history: two attachments by the officer, two storage copies by the system, each with both hashes.
  const entries = await fileEvents(id);
  assert.deepEqual(entries.map((e) => [e.actor_role, e.file.version, !!e.file.storageCopy]), [
    ['receiving_officer', 1, false], ['receiving_officer', 2, false], ['system', 1, true], ['system', 2, true],
  ]);
  assert.equal((entries[3]!.file.storageCopy as { sha256: string }).sha256, j2!.result_sha256);
  assert.ok(j1!.result_sha256);

  // A failed storage copy: its reason and the way on (thử lại, quét lại); "Thử lại" queues it again.
  const id2 = await received('2026-12-09');
  await desk.upload(await scanForm(desk, id2), 'to-khai.pdf', await imagesPdf(scan(200)));
  await worker(refuse, '2026-12-09T08:05:00+07:00');
  await worker(refuse, '2026-12-09T08:10:00+07:00'); // the retry is due a minute after the first try
  t.setNow('2026-12-09T08:20:00+07:00');
  const failed = await desk.get(`/can-bo/ho-so/${id2}`);
  assert.match(text(failed.body), /Lỗi số hóa Chương trình nhận dạng chữ không mở được tệp quét.*Tệp quét gốc vẫn được lưu nguyên vẹn/);
  assert.match(text(failed.body), /hoặc quét lại/);
  const retry = await desk.submit(failed, '/thu-lai');
  assert.equal(retry.status, 303);
  assert.match(text((await desk.get(retry.location!)).body), /Đã đưa bản quét vào hàng đợi số hóa lại/);
  assert.equal((await jobs(id2))[0]!.status, 'queued');
  // Tried again by someone who may not scan (the leader): refused.
  const leader = await browserAs(t, 'chutich');
  const theirs = await leader.get(`/can-bo/ho-so/${id2}`);
  assert.ok(!theirs.body.includes('/thu-lai'), 'the leader has no retry button');
  assert.equal((await leader.post(`/can-bo/ho-so/${id2}/so-hoa/${(await jobs(id2))[0]!.id}/thu-lai`, { ...hiddenFields(failed.body, '/thu-lai').fields })).status, 403);
  t.setNow(null);
});

test('the API: an upload answers with its findings and job; the jobs and the PDF/A are listed and downloaded, scoped like the dossier', { skip }, async () => {
  const id = await received('2026-12-10');
  const up = async (who: string, content: Buffer, q = 'component=TO_KHAI') => {
    const m = multipart('to-khai.pdf', content, 'application/pdf');
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files?${q}`, payload: m.payload,
      headers: { cookie: await t.login(who), 'content-type': m.contentType, 'idempotency-key': newKey() } });
    return { status: r.statusCode, body: r.json() };
  };
  const grey = await imagesPdf(rasterise(storagePdf, 200, { gray: true }));
  const r = await up('motcua', grey, 'component=GIAY_CHUNG_SINH&expectedPages=2');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.digitisation.version, 1);
  assert.equal(r.body.digitisation.status, 'queued');
  assert.match(r.body.digitisation.storageFileName, /^1\.001193_GIAY_CHUNG_SINH_20261210_.*_V1\.pdf$/);
  assert.deepEqual(r.body.digitisation.findings.map((f: { code: string }) => f.code), ['MISSING_PAGES'], 'an ordinary paper in grey at 200 dpi: only the page count');
  assert.equal(r.body.digitisation.findings[0].message, 'Thiếu trang: tệp có 1 trang, cần 2 trang.');

  const list = await call(t, 'GET', `/api/v1/dossiers/${id}/digitisation`, { as: 'motcua' });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.jobs.map((j: { component: string; version: number; status: string }) => [j.component, j.version, j.status]), [['GIAY_CHUNG_SINH', 1, 'queued']]);
  assert.match(list.body.jobs[0].sourceSha256, /^[0-9a-f]{64}$/);
  const file = `/api/v1/dossiers/${id}/digitisation/${list.body.jobs[0].id}/file`;
  assert.equal((await call(t, 'GET', file, { as: 'motcua' })).body.code, 'STORAGE_COPY_NOT_READY');

  // Who may not: another commune's staff and a unit the dossier never reached see nothing; anonymous: 401.
  for (const who of ['tl.motcua', 'diachinh']) {
    assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/digitisation`, { as: who })).status, 404, who);
    assert.equal((await call(t, 'GET', file, { as: who })).status, 404, who);
    assert.equal((await up(who, grey)).status, 404, who);
  }
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/digitisation`)).status, 401);
  assert.equal((await up('chutich', grey)).status, 403, 'a leader does not upload');
  t.setNow(null);
});

test('identity images: shown to the desk, the unit handling the dossier and the leader only; every view logged', { skip }, async () => {
  const id = await received('2026-12-11');
  const png = rasterise(storagePdf, 100)[0]!;
  const m = multipart('cccd.png', png, 'image/png');
  const r = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files?component=GIAY_TO_TUY_THAN`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() } });
  assert.equal(r.statusCode, 201, r.body);
  const url = `/api/v1/dossiers/${id}/files/${r.json().id}`;
  const status = async (who: string) => (await call(t, 'GET', url, { as: who })).status;
  assert.equal(await status('motcua'), 200);
  assert.equal(await status('chutich'), 200);
  assert.equal(await status('admin'), 403, 'the administrator sees every dossier, not its ID images');
  assert.equal(await status('truongvhxh'), 403, 'a coordinator of reform sees the dossier, not its ID images, before it reaches the unit');
  const admin = await browserAs(t, 'admin');
  const page = await admin.get(`/can-bo/ho-so/${id}`);
  if (page.status === 200) {
    assert.ok(!page.body.includes(url), 'no link for who may not see');
    assert.match(text(page.body), /chỉ cán bộ tiếp nhận, cán bộ của đơn vị đang giải quyết hồ sơ và lãnh đạo Ủy ban được xem/);
  }
  // Routed to the unit: its specialist and head see them.
  const assign = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal(assign.status, 200, JSON.stringify(assign.body));
  assert.equal(await status('hotich'), 200);
  assert.equal(await status('truongvhxh'), 200);
  const views = await t.db.selectFrom('access_log').select(['actor', 'detail']).where('dossier_id', '=', id).where('action', '=', 'download_file').execute();
  assert.equal(views.length, 4);
  assert.ok(views.every((v) => (v.detail as { identityImage?: boolean }).identityImage === true));
  t.setNow(null);
});

test('bad input: wrong type by content, oversized, corrupt PDF, a 40-page scan, an OCR crash: a clear message, nothing lost, still processable', { skip }, async () => {
  const id = await received('2026-12-14');
  const desk = await browserAs(t, 'motcua');
  const wrong = await desk.upload(await scanForm(desk, id), 'to-khai.pdf', Buffer.from('MZ\x90\x00 this is an executable'));
  assert.equal(wrong.status, 415);
  assert.match(text(wrong.body), /Chỉ nhận tệp PDF, JPEG hoặc PNG \(kiểm tra theo nội dung tệp\)/);
  const big = await desk.upload(await scanForm(desk, id), 'to-khai.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 32)]));
  assert.equal(big.status, 413);
  assert.match(text(big.body), /Tệp quá lớn: mỗi tệp tối đa 10 MB/);
  const mixed = await uploadMany(desk, await scanForm(desk, id), [{ name: 'a.pdf', content: storagePdf }, { name: 'b.png', content: rasterise(storagePdf, 50)[0]! }]);
  assert.equal(mixed.status, 422);
  assert.match(text(mixed.body), /không gộp PDF với tệp khác/);
  assert.equal((await jobs(id)).length, 0, 'nothing stored for a refused upload');

  // A corrupt PDF is kept (nothing lost) and the officer reads at once that it cannot be read.
  const corrupt = await desk.upload(await scanForm(desk, id), 'hong.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R'));
  assert.equal(corrupt.status, 303);
  assert.match(text((await desk.get(corrupt.location!)).body), /Có lỗi cần sửa .*Không đọc được tệp: tệp bị hỏng/);

  // A 40-page scan: measured, queued with a time limit for 40 pages, no error.
  const page = rasterise(storagePdf, 200)[0]!;
  const forty = await imagesPdf(Array.from({ length: 40 }, () => page));
  const big40 = await desk.upload(await scanForm(desk, id, 'GIAY_CHUNG_SINH'), 'bon-muoi-trang.pdf', forty);
  assert.equal(big40.status, 303, text(big40.body).slice(0, 300));
  const j40 = (await jobs(id)).find((j) => j.component_code === 'GIAY_CHUNG_SINH')!;
  assert.equal(j40.source_pages, 40);
  assert.equal(j40.timeout_seconds, 42 * 60);

  // The OCR program crashes on every job: retried, the dossier goes on meanwhile (routed), the sources intact.
  const crash: OcrRunner = async () => ({ ok: false, kind: 'crash', exitCode: -11, detail: 'Segmentation fault' });
  await worker(crash, '2026-12-14T08:30:00+07:00');
  t.setNow('2026-12-14T09:00:00+07:00');
  const afterCrash = await jobs(id);
  assert.ok(afterCrash.every((j) => j.status === 'queued' && j.attempts === 1 && j.last_error), JSON.stringify(afterCrash.map((j) => [j.status, j.attempts])));
  assert.match(afterCrash.find((j) => j.component_code === 'GIAY_CHUNG_SINH')!.last_error!, /Chương trình nhận dạng chữ dừng bất thường \(mã thoát -11\)/);
  const assign = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal(assign.status, 200, 'the dossier is still processable');
  const stored = await t.db.selectFrom('dossier_files').select('sha256').where('dossier_id', '=', id).execute();
  assert.equal(stored.length, 2);
  t.setNow(null);
});
