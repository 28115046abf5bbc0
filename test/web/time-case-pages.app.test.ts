// The time case through the staff pages, as the officers use them: the counter form offers the procedure's cases
// (only for a procedure that has some), the chosen one sets the appointment; the dossier page shows it, and the
// specialist sets another with a reason from the "Xác định trường hợp giải quyết" form (a reason is required).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { browserAs, formHtml, requiredPapers, text } from './staff-browser.ts';

const t = await testApp();
const MARRIAGE = '1.000894';
const KHAI_SINH = '1.001193';

test('the counter chooses the case; the specialist changes it with a reason', async () => {
  t.setNow('2026-12-14T09:00:00+07:00');
  const desk = await browserAs(t, 'motcua');
  const plain = await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`);
  assert.doesNotMatch(plain.body, /name="timeCase"/, 'no choice for a procedure with one time');
  const form = await desk.get(`/can-bo/tiep-nhan?procedure=${MARRIAGE}`);
  assert.match(text(form.body), /Trường hợp giải quyết/);
  assert.match(text(form.body), /Trường hợp thông thường: Trong ngày/);
  assert.match(text(form.body), /Trường hợp cần xác minh điều kiện kết hôn: 05 ngày làm việc/);
  const created = await desk.submit(form, '/can-bo/tiep-nhan', {
    procedureCode: MARRIAGE, ...requiredPapers(MARRIAGE), name: 'Hoàng Văn Tú', idNumber: '001095002222', timeCase: 'XAC_MINH', action: 'receive_counter',
  });
  assert.equal(created.status, 303, text(created.body).slice(0, 800));
  const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(created.location!)![1]!;
  const page = await desk.get(`/can-bo/ho-so/${id}`);
  assert.match(text(page.body), /Trường hợp giải quyết Trường hợp cần xác minh điều kiện kết hôn: 05 ngày làm việc/);
  assert.match(text(page.body), /Hẹn trả kết quả 09:00 ngày 21\/12\/2026/);

  // Routed to the civil-status officer, who finds verification is not needed after all.
  t.setNow('2026-12-14T09:30:00+07:00');
  const assign = await desk.submit(page, '/thao-tac/assign', { unitCode: 'VHXH', assigneeId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id) });
  assert.equal(assign.status, 303);
  const specialist = await browserAs(t, 'hotich');
  const sp = await specialist.get(`/can-bo/ho-so/${id}`);
  const caseForm = formHtml(sp.body, '/thao-tac/set_time_case');
  assert.match(caseForm, /<legend>Xác định trường hợp giải quyết<\/legend>/);
  t.setNow('2026-12-14T10:00:00+07:00');
  const noReason = await specialist.submit(sp, '/thao-tac/set_time_case', { timeCase: 'THONG_THUONG' });
  assert.equal(noReason.status, 422);
  assert.match(text(noReason.body), /Thiếu thông tin bắt buộc: Lý do/);
  const changed = await specialist.submit(sp, '/thao-tac/set_time_case', { timeCase: 'THONG_THUONG', reason: 'Đã tra cứu Cơ sở dữ liệu hộ tịch, không cần xác minh' });
  assert.equal(changed.status, 303, text(changed.body).slice(0, 800));
  const after = await specialist.get(`/can-bo/ho-so/${id}`);
  assert.doesNotMatch(text(after.body), /Trường hợp giải quyết Trường hợp cần xác minh/);
  assert.match(text(after.body), /Hẹn trả kết quả 17:00 ngày 14\/12\/2026/);
  t.setNow(null);
});
