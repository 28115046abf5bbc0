// The commune's consolidated CCHC report of a period: accepted units' reports only, the live indicators, the plan
// task figures and the annex of submissions; the PDF read back with pdftotext, the .xlsx with exceljs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { flat, getPdf, pdfText, skipWithoutPoppler } from '../documents/pdf-helpers.ts';
import { consolidatedDocument, figureValue, type ConsolidatedInput } from '../../src/reform/reports/core/consolidated.ts';

const t = await testApp();
const B = '/api/v1/reform/reports';

async function flow() {
  t.setNow('2026-10-02T09:00:00+07:00');
  const c = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body: { kind: 'quarterly', year: 2026, quarter: 3, dueDate: '2026-10-15' } });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const sub = (u: string) => c.body.submissions.find((s: { unitCode: string }) => s.unitCode === u).id as string;
  const write = async (as: string, id: string, body: unknown) => assert.equal((await call(t, 'POST', `${B}/submissions/${id}/content`, { as, body })).status, 200);
  await write('truongkt', sub('KT'), { areas: { public_finance: 'Giải ngân đạt 92% kế hoạch vốn quý.' }, difficulties: 'Thiếu cán bộ kế toán.', proposals: 'Bổ sung biên chế kế toán.' });
  await write('giamdoc', sub('TTPVHCC'), { areas: { procedures: 'Bản nháp chưa nộp: không được vào báo cáo tổng hợp.' } });
  await write('truongvhxh', sub('VHXH'), { direction: 'Ban hành kế hoạch tuyên truyền CCHC.', areas: { civil_service: 'Bồi dưỡng kỹ năng số cho 4 công chức.' } });
  t.setNow('2026-10-10T09:00:00+07:00');
  for (const [as, u] of [['truongkt', 'KT'], ['truongvhxh', 'VHXH']]) assert.equal((await call(t, 'POST', `${B}/submissions/${sub(u!)}/submit`, { as, body: {} })).status, 200);
  t.setNow('2026-10-12T09:00:00+07:00');
  assert.equal((await call(t, 'POST', `${B}/submissions/${sub('KT')}/accept`, { as: 'truongvhxh', body: {} })).status, 200);
  assert.equal((await call(t, 'POST', `${B}/submissions/${sub('VHXH')}/accept`, { as: 'truongvhxh', body: {} })).status, 200);
  return c.body.id as string;
}

const id = await flow();

test('the consolidated PDF: national heading, title, accepted content by area, indicators, annex (pdftotext)', async (tc) => {
  t.setNow('2026-10-20T09:00:00+07:00');
  const r = await getPdf(t, `${B}/calls/${id}/consolidated.pdf`, 'truongvhxh');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(String(r.headers['content-disposition']), /bao-cao-cchc-xuan-duong-quarterly-2026-Q3\.pdf/);
  assert.equal((await getPdf(t, `${B}/calls/${id}/consolidated.pdf`, 'chutich')).status, 200);
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(r.body));
  for (const s of [
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG', 'Số: ……/BC-UBND',
    'BÁO CÁO', 'Kết quả thực hiện công tác cải cách hành chính quý III/2026', 'từ báo cáo của 2/6 cơ quan, đơn vị',
    'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'Ban hành kế hoạch tuyên truyền CCHC.', '5. Cải cách tài chính công', 'Giải ngân đạt 92% kế hoạch vốn quý.',
    'Bồi dưỡng kỹ năng số cho 4 công chức.', 'IV. KHÓ KHĂN, VƯỚNG MẮC', 'Thiếu cán bộ kế toán.', 'Bổ sung biên chế kế toán.',
    'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn', 'Nhiệm vụ của kế hoạch CCHC đến hạn trong kỳ', 'Chưa có nhiệm vụ đến hạn trong kỳ',
    'PHỤ LỤC', 'Phòng Kinh tế', 'Đã chấp nhận', '10/10/2026', 'Chưa nộp', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Hoàng Văn Nam',
  ]) assert.ok(text.includes(s), `missing: ${s}`);
  assert.ok(!text.includes('Bản nháp chưa nộp'), 'a draft is not consolidated');
  t.setNow(null);
});

test('the consolidated .xlsx reads back with the same rows', async () => {
  const res = await t.app.inject({ method: 'GET', url: `${B}/calls/${id}/consolidated.xlsx`, headers: { cookie: await t.login('truongvhxh') } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  assert.deepEqual(wb.worksheets.map((w) => w.name), ['Chỉ số', 'Nội dung', 'Đơn vị']);
  const cells = (name: string) => {
    const out: string[] = [];
    wb.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
    return out;
  };
  assert.ok(cells('Chỉ số')[0]!.startsWith('BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH QUÝ III/2026'));
  assert.ok(cells('Chỉ số').includes('Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (chỉ số 766 số 2.1)'));
  assert.ok(cells('Nội dung').includes('Giải ngân đạt 92% kế hoạch vốn quý.'));
  assert.ok(!cells('Nội dung').some((c) => c.includes('Bản nháp')));
  const units = cells('Đơn vị');
  assert.ok(units.includes('Phòng Kinh tế') && units.includes('Đã chấp nhận') && units.includes('Nháp') && units.includes('2026-10-10'));
});

test('pure: figures say "no data" instead of zero; a yearly plan lists the units\' tasks', () => {
  assert.equal(figureValue({ label: 'x', value: null, format: 'rate', note: 'Chưa có dữ liệu trong kỳ' }), 'Chưa có dữ liệu trong kỳ');
  assert.equal(figureValue({ label: 'x', value: 0.9234, format: 'rate' }), '92,34%');
  const input: ConsolidatedInput = {
    org: { communeName: 'Xã Xuân Dương', units: new Map(), staff: new Map() }, kind: 'unit_plan', periodName: 'năm 2026', year: 2026,
    start: new Date('2025-12-31T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z'),
    units: [{ code: 'KT', name: 'Phòng Kinh tế', status: 'accepted', submittedAt: new Date('2026-01-14T02:00:00Z'), lateDays: 0, files: 1 }],
    accepted: [{ unitName: 'Phòng Kinh tế', content: { direction: 'Hoàn thành nhiệm vụ.', tasks: [{ area: 'public_finance', text: 'Lập dự toán', deadline: '2026-03-31' }] } }],
    figures: [], leaderName: null, key: 'x', now: new Date('2026-01-20T02:00:00Z'),
  };
  const m = consolidatedDocument(input);
  assert.equal(m.title.lines[0]!.text, 'Tổng hợp kế hoạch cải cách hành chính năm 2026 của các cơ quan, đơn vị');
  const texts = m.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []));
  assert.ok(texts.includes('- Phòng Kinh tế: Lập dự toán (thời hạn 31/03/2026)'), texts.join('\n'));
});
