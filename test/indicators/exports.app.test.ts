// Exports of the period report (.xlsx, PDF) and the tracking book (.xlsx): read back with exceljs and pdftotext,
// the totals equal the JSON report; staff only, each commune its own figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { flat, getPdf, pdfInfo, pdfText, skipWithoutPoppler } from '../documents/pdf-helpers.ts';

const t = await testApp();
const KHAI_SINH = '1.001193'; // Hộ tịch (HOTICH)
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Q = 'year=2026&month=12';

async function intake(at: string, name = 'Nguyễn Văn An') {
  t.setNow(at);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

async function workbook(url: string, as: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(as) } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], XLSX);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="[A-Za-z0-9._-]+\.xlsx"$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0]!, disposition: String(res.headers['content-disposition']) };
}

/** The rows of a sheet as arrays of values (1-based columns dropped to 0-based). */
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
};

await intake('2026-12-07T09:00:00+07:00');
await intake('2026-12-08T09:00:00+07:00', 'Trần Thị Bình');
t.setNow('2026-12-20T09:00:00+07:00');

test('the period report as .xlsx: headers, a bold row per field with its subtotal, the procedures, the grand total = the JSON report', async () => {
  const json = await call(t, 'GET', `/api/v1/indicators/report?commune=xuan-duong&${Q}`);
  assert.equal(json.status, 200);
  const { ws, disposition } = await workbook(`/api/v1/indicators/report.xlsx?${Q}`, 'hotich');
  assert.match(disposition, /bao-cao-giai-quyet-ho-so-xuan-duong-2026-12\.xlsx/);
  const rows = rowsOf(ws);
  assert.match(String(rows[0]![0]), /BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ/);
  const head = rows.findIndex((r) => r.includes('Kỳ trước chuyển qua'));
  assert.ok(head >= 1, 'a header row');
  assert.ok(rows[head]!.includes('Trước hạn') && rows[head]!.includes('Đã trả kết quả'));
  assert.ok(rows[head - 1]!.includes('Đã giải quyết') && rows[head - 1]!.includes('Đang giải quyết'), 'the group headers above');
  assert.equal(ws.views[0]?.state, 'frozen', 'frozen header');
  assert.ok((ws.getColumn(2).width ?? 0) > 30, 'the name column is wide');
  const total = rows.find((r) => r[1] === 'Tổng cộng')!;
  assert.deepEqual(total.slice(3, 8), [json.body.carriedOver, json.body.receivedOnline, json.body.receivedDirect, json.body.receivedPostal, json.body.total]);
  assert.equal(total[7], 2);
  const field = rows.find((r) => r[2] === json.body.fields[0].fieldCode)!;
  assert.equal(field[7], json.body.fields[0].total, 'the field subtotal');
  const proc = rows.find((r) => r[2] === KHAI_SINH)!;
  assert.equal(proc[0], '1.1');
  assert.equal(proc[7], 2);
  const fieldRow = ws.getRow(rows.indexOf(field) + 1);
  assert.equal(fieldRow.getCell(2).font?.bold, true, 'subtotal rows are bold');
});

test('the period report as PDF: landscape, the procedure and the totals', async (c) => {
  const r = await getPdf(t, `/api/v1/indicators/report.pdf?${Q}`, 'chutich');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(String(r.headers['content-disposition']), /^attachment; filename="bao-cao-giai-quyet-ho-so-xuan-duong-2026-12\.pdf"$/);
  if (skipWithoutPoppler(c)) return;
  const info = pdfInfo(r.body);
  assert.ok(info.width > info.height, 'landscape');
  const text = flat(pdfText(r.body));
  assert.match(text, /BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ/);
  assert.match(text, /tháng 12\/2026/);
  assert.match(text, new RegExp(KHAI_SINH.replace(/\./g, '\\.')));
  assert.match(text, /TỔNG CỘNG/);
});

test('the tracking book as .xlsx: the rows of its PDF and the total', async () => {
  const { ws, disposition } = await workbook('/api/v1/tracking-book.xlsx?field=HOTICH&from=2026-12-01&to=2026-12-31', 'motcua');
  assert.match(disposition, /so-theo-doi-HOTICH-20261201-20261231\.xlsx/);
  const rows = rowsOf(ws);
  assert.ok(rows.some((r) => r.includes('Mã hồ sơ') && r.includes('Tên tổ chức, cá nhân')));
  const people = rows.filter((r) => typeof r[0] === 'number');
  assert.deepEqual(people.map((r) => r[3]), ['Nguyễn Văn An', 'Trần Thị Bình']);
  assert.ok(rows.some((r) => r[0] === 'Tổng số: 2 hồ sơ.'));
  const logged = await t.db.selectFrom('access_log').select('action').where('action', '=', 'export_tracking_book').execute();
  assert.equal(logged.length, 1, 'reading personal data is logged');
});

test('staff only; another commune sees its own (empty) figures; bad input is problem+json', async () => {
  for (const url of [`/api/v1/indicators/report.xlsx?${Q}`, `/api/v1/indicators/report.pdf?${Q}`, '/api/v1/tracking-book.xlsx?field=HOTICH&from=2026-12-01&to=2026-12-31']) {
    assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 401, url);
  }
  const { ws } = await workbook(`/api/v1/indicators/report.xlsx?${Q}`, 'tl.motcua');
  const rows = rowsOf(ws);
  assert.ok(!rows.some((r) => r[2] === KHAI_SINH), 'no row of Xuân Dương');
  assert.equal(rows.find((r) => r[1] === 'Tổng cộng')![7], 0);
  const book = await workbook('/api/v1/tracking-book.xlsx?field=HOTICH&from=2026-12-01&to=2026-12-31', 'tl.motcua');
  assert.ok(!rowsOf(book.ws).some((r) => r.includes('Nguyễn Văn An')));
  const bad = await call(t, 'GET', '/api/v1/tracking-book.xlsx?field=HOTICH&from=2026-12-31&to=2026-12-01', { as: 'motcua' });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'BAD_PERIOD');
});

test('the staff dashboard links to the downloads of the period shown', async () => {
  const page = await call(t, 'GET', '/can-bo/bang-dieu-khien?nam=2026&thang=12', { as: 'hotich' });
  assert.equal(page.status, 200);
  assert.match(page.body, /Tải báo cáo/);
  assert.match(page.body, /href="\/api\/v1\/indicators\/report\.xlsx\?year=2026&amp;month=12"/);
  assert.match(page.body, /href="\/api\/v1\/indicators\/report\.pdf\?year=2026&amp;month=12"/);
  assert.match(page.body, /<form method="get" action="\/api\/v1\/tracking-book"/);
  assert.match(page.body, /name="from" value="2026-12-01"/);
  assert.match(page.body, /name="to" value="2026-12-31"/);
  assert.match(page.body, /<option value="HOTICH"/);
  assert.match(page.body, /formaction="\/api\/v1\/tracking-book\.xlsx"/);
});
