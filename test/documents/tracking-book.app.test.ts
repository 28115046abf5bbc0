// The tracking book (Sổ theo dõi hồ sơ, domain.md §2.6 item 7): one field and period, landscape, several pages
// with the table header repeated, scoped like the inbox (commune; a specialist only their unit's dossiers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { assertPdf, assertRenders, flat, getPdf, pdfInfo, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const t = await testApp();
const KHAI_SINH = '1.001193'; // Hộ tịch (HOTICH), VHXH
const BAN_SAO = '2.000815'; // Chứng thực (CHUNGTHUC)

async function intake(local: string, procedureCode: string, name: string) {
  t.setNow(`${local}+07:00`);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode, applicant: applicant({ name }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}
async function act(id: string, type: string, as: string, body: object, local: string) {
  t.setNow(`${local}+07:00`);
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.ok(r.status < 300, JSON.stringify(r.body));
}
const book = (query: string, as?: string) => getPdf(t, `/api/v1/tracking-book?${query}`, as);

// 45 civil-status dossiers over Tue 05 – Thu 07/01/2027, two certified copies the same days, one the day after.
const inBook: { id: string; code: string }[] = [];
const outOfField: string[] = [];
for (const day of ['05', '06', '07']) {
  for (let k = 0; k < 15; k++) {
    const time = `${String(8 + Math.floor(k / 4)).padStart(2, '0')}:${String((k % 4) * 15).padStart(2, '0')}`;
    inBook.push(await intake(`2027-01-${day}T${time}`, KHAI_SINH, `Người nộp số ${inBook.length + 1}`));
  }
  outOfField.push((await intake(`2027-01-${day}T14:00`, BAN_SAO, 'Phạm Thị Chứng Thực')).code);
}
const nextDay = (await intake('2027-01-08T08:00', KHAI_SINH, 'Người nộp ngày sau')).code;
// Three go to the culture and society unit; one of them is returned by post, one withdrawn.
for (const d of inBook.slice(0, 3)) await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH' }, '2027-01-07T15:00');
const first = inBook[0]!.id;
await act(first, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' }, '2027-01-07T15:05');
await act(first, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) }, '2027-01-07T15:05');
await act(first, 'approve', 'chutich', {}, '2027-01-07T15:06');
await act(first, 'issue_result', 'hotich', {}, '2027-01-07T15:10');
await act(first, 'return_result', 'motcua', { channel: 'post' }, '2027-01-07T15:15');
await act(inBook[3]!.id, 'withdraw', 'motcua', { reason: 'Công dân xin rút' }, '2027-01-07T15:20');

test('the book of a field and period: all its dossiers, in receipt order, over several landscape pages', async (tc) => {
  const r = await book('field=HOTICH&from=2027-01-05&to=2027-01-07', 'motcua');
  assertPdf(r, 'so-theo-doi-HOTICH-20270105-20270107');
  const logged = await t.db.selectFrom('access_log').select(['detail']).where('action', '=', 'print_tracking_book').execute();
  assert.deepEqual(logged.at(-1)?.detail, { field: 'HOTICH', from: '2027-01-05', to: '2027-01-07', rows: 45 });
  if (skipWithoutPoppler(tc)) return;
  const info = pdfInfo(r.body);
  assert.ok(info.width > info.height, 'landscape');
  assert.ok(info.pages >= 2, `${info.pages} pages`);
  const text = pdfText(r.body);
  const all = flat(text);
  for (const s of [
    'ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Số: ……/STD-TTPVHCC', 'SỔ THEO DÕI HỒ SƠ', 'Lĩnh vực: Hộ tịch', 'Từ ngày 05/01/2027 đến ngày 07/01/2027',
    'Người nộp số 1', 'Đăng ký khai sinh', 'Phòng Văn hóa', 'Thôn Đồng Tâm', '0912345678',
    '(rút hồ sơ)', 'Qua dịch vụ', 'Tổng số: 45 hồ sơ.', 'NGƯỜI LẬP SỔ', 'Nguyễn Thị Lan',
  ]) assert.ok(all.includes(s), `missing "${s}"`);
  // Every dossier once, in receipt order; nothing of another field or outside the period.
  const positions = inBook.map((d) => text.indexOf(d.code));
  assert.ok(positions.every((p) => p >= 0), 'every code is printed');
  assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'receipt order');
  for (const code of [...outOfField, nextDay]) assert.ok(!text.includes(code), code);
  // The table header is repeated on every page; the page number from page 2 on.
  for (let page = 1; page <= info.pages; page++) {
    const p = flat(pdfText(r.body, { first: page, last: page }));
    for (const h of ['STT', 'Mã hồ sơ', 'Tên thủ tục', 'Tên tổ chức, cá', 'Nhận và trả kết quả', 'Phương thức']) {
      assert.ok(p.includes(h), `page ${page} lacks "${h}"`);
    }
    if (page > 1) assert.match(p, new RegExp(`^ ?${page} `), `page number on page ${page}`);
  }
  assertRenders(r.body, 1, true);
  assertRenders(r.body, 2, true);
});

test('scoping: a specialist sees only their unit’s dossiers, another unit none, another commune none', async (tc) => {
  const mine = await book('field=HOTICH&from=2027-01-05&to=2027-01-07', 'hotich');
  const other = await book('field=HOTICH&from=2027-01-05&to=2027-01-07', 'diachinh');
  const commune = await book('field=HOTICH&from=2027-01-05&to=2027-01-07', 'tl.motcua');
  for (const r of [mine, other, commune]) assertPdf(r, 'so-theo-doi-HOTICH');
  if (skipWithoutPoppler(tc)) return;
  const m = flat(pdfText(mine.body));
  assert.ok(m.includes('Tổng số: 3 hồ sơ.'), m);
  assert.ok(m.includes('Phạm vi: các hồ sơ đã chuyển đến Phòng Văn hóa - Xã hội.'));
  for (const d of inBook.slice(0, 3)) assert.ok(m.includes(d.code));
  assert.ok(!m.includes(inBook[3]!.code));
  const o = flat(pdfText(other.body));
  assert.ok(o.includes('Tổng số: 0 hồ sơ.') && o.includes('Không có hồ sơ nào được tiếp nhận'));
  const c = flat(pdfText(commune.body));
  assert.ok(c.includes('ỦY BAN NHÂN DÂN XÃ TÂN LẬP'), 'the caller’s own commune');
  assert.ok(c.includes('Tổng số: 0 hồ sơ.'));
});

test('bad requests: unknown field, reversed or too long period, impossible date, anonymous caller', async () => {
  const unknown = await book('field=KHONGCO&from=2027-01-05&to=2027-01-07', 'motcua');
  assert.equal(unknown.status, 422);
  assert.equal(unknown.json.code, 'UNKNOWN_FIELD');
  assert.equal((await book('field=HOTICH&from=2027-01-07&to=2027-01-05', 'motcua')).json.code, 'BAD_PERIOD');
  assert.equal((await book('field=HOTICH&from=2026-01-01&to=2027-01-05', 'motcua')).json.code, 'PERIOD_TOO_LONG');
  const bad = await book('field=HOTICH&from=2027-02-30&to=2027-03-01', 'motcua');
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 'VALIDATION_FAILED');
  const anon = await book('field=HOTICH&from=2027-01-05&to=2027-01-07');
  assert.equal(anon.status, 401);
  assert.equal(anon.json.code, 'UNAUTHENTICATED');
});
