// Citizen portal, after filing: the status page behind the second factor, the supplement the citizen uploads
// there (back to processing, recorded as the citizen's action), withdrawal, and the satisfaction rating.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicantRef } from '../../src/dossiers/service.ts';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { passDraft } from '../dossiers/draft-support.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { Browser, PDF, errorSummary, textOf } from './portal-support.ts';
import crypto from 'node:crypto';
import { serverSecret } from '../../src/shared/secrets-store.ts';

const t = await testApp();
const ID = '001203004567';
let clock = Date.parse('2026-12-07T08:00:00+07:00');
/** Moves the server clock forward (staff actions may not be dated before the last one). */
const tick = (minutes = 10) => {
  clock += minutes * 60_000;
  t.setNow(new Date(clock).toISOString());
};

async function staff(id: string, type: string, who: string, body: object = {}) {
  tick();
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as: who, body });
  assert.ok(r.status < 300, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { code: string; state: number };
}

/** An online birth registration received and routed to the civil-status officer (state 4). */
async function processing(): Promise<{ id: string; code: string }> {
  tick();
  const s = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ idNumber: ID }) });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const r = await staff(s.body.id, 'receive_online', 'motcua');
  await staff(s.body.id, 'assign', 'motcua', { unitCode: 'VHXH' });
  return { id: s.body.id, code: r.code };
}

async function prove(b: Browser, ref: string, digits = '4567', action = '/tra-cuu') {
  await b.get(action);
  return b.post(action, { ma_ho_so: ref, bon_so_cuoi: digits });
}

test('the status page refuses a wrong second factor and shows the timeline for the right one', async () => {
  const { id, code } = await processing();
  const b = new Browser(t);
  const wrong = await prove(b, code, '0000');
  assert.equal(wrong.status, 404);
  assert.equal(errorSummary(wrong.body)[0]![0], '#ma_ho_so');
  assert.ok(errorSummary(wrong.body)[0]![1].startsWith('Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập'));
  assert.ok(wrong.body.includes(`value="${code}"`), 'the code typed is kept');
  assert.deepEqual([(await b.get(`/tra-cuu/ho-so/${id}`)).location], ['/tra-cuu'], 'no proof, no page');
  const unknown = await prove(b, '000.DEMO.XD.H55-261207-9999');
  assert.equal(unknown.status, 404, 'an unknown code answers the same');
  assert.equal(errorSummary(unknown.body)[0]![1], errorSummary(wrong.body)[0]![1]);
  const invalid = await prove(b, '', '45a');
  assert.deepEqual(errorSummary(invalid.body).map((e) => e[0]), ['#ma_ho_so', '#bon_so_cuoi']);

  const ok = await prove(b, code.toLowerCase());
  assert.deepEqual([ok.status, ok.location], [303, `/tra-cuu/ho-so/${id}`]);
  // The proof cookie is signed with the key kept in the database: another server process (or this one restarted)
  // accepts it.
  const [payload, mac] = b.cookies.get('xaso_tra_cuu')!.split('.');
  const key = await serverSecret(t.db, 'portal-proof');
  assert.equal(crypto.createHmac('sha256', key).update(payload!).digest('base64url'), mac);
  assert.deepEqual(await serverSecret(t.db, 'portal-proof'), key, 'made once');
  const page = await b.get(`/tra-cuu/ho-so/${id}`);
  assert.equal(page.status, 200);
  const text = textOf(page.body);
  assert.ok(text.includes(code) && text.includes('Đăng ký khai sinh') && text.includes('Đang xử lý'));
  assert.ok(text.includes('Hẹn trả kết quả'));
  const timeline = [...page.body.matchAll(/<li><time datetime="[^"]+">[^<]+<\/time>([^<]+)<\/li>/g)].map((m) => m[1]);
  assert.deepEqual(timeline, [
    'Bạn đã nộp hồ sơ trực tuyến.',
    'Trung tâm Phục vụ hành chính công đã tiếp nhận hồ sơ trực tuyến và cấp mã hồ sơ.',
    'Hồ sơ được chuyển đến bộ phận chuyên môn để giải quyết.',
  ]);
  assert.ok(!page.body.includes(ID) && !page.body.includes('Nguyễn Thị Lan'), 'no ID number, no officer name');
  assert.ok(text.includes('Hồ sơ đang được giải quyết. Bạn chưa cần làm gì'));

  // Before receipt there is no code: the submission reference works instead.
  tick();
  const s = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ idNumber: ID }) });
  const early = await prove(new Browser(t), s.body.id);
  assert.deepEqual([early.status, early.location], [303, `/tra-cuu/ho-so/${s.body.id}`]);
});

test('five wrong answers lock a code for a while, even for the right answer', async () => {
  const { code } = await processing();
  const b = new Browser(t);
  for (let i = 0; i < 5; i++) assert.equal((await prove(b, code, String(1000 + i))).status, 404);
  const locked = await prove(b, code);
  assert.equal(locked.status, 429);
  assert.ok(errorSummary(locked.body)[0]![1].includes('Đã nhập sai quá nhiều lần'));
  clock += 16 * 60_000;
  t.setNow(new Date(clock).toISOString());
  assert.equal((await prove(b, code)).status, 303, 'unlocked after 15 minutes');
});

test('supplement requested (state 5): the citizen sees what is missing, uploads it, and the dossier goes back to 4', async () => {
  const { id, code } = await processing();
  await staff(id, 'request_supplement', 'hotich', { items: ['Giấy chứng sinh (ảnh rõ nét, đủ 4 góc)'], reason: 'Ảnh giấy chứng sinh bị mờ, không đọc được' });
  const b = new Browser(t);
  await prove(b, code);
  const page = await b.get(`/tra-cuu/ho-so/${id}`);
  const text = textOf(page.body);
  assert.ok(text.includes('Bạn cần bổ sung hồ sơ'));
  assert.ok(text.includes('Lý do: Ảnh giấy chứng sinh bị mờ, không đọc được'));
  assert.ok(page.body.includes('<li>Giấy chứng sinh (ảnh rõ nét, đủ 4 góc)</li>'));
  assert.ok(text.includes('Cán bộ đề nghị bổ sung, hoàn thiện hồ sơ. Lý do: Ảnh giấy chứng sinh bị mờ'), 'timeline');
  assert.match(page.body, /enctype="multipart\/form-data"[^>]*action="\/tra-cuu\/ho-so\/[^"]+\/bo-sung\/tep\?_csrf=/);

  const nothing = await b.post(`/tra-cuu/ho-so/${id}/bo-sung`, { ghi_chu: '' });
  assert.equal(nothing.status, 400, 'nothing to send yet');
  const bad = await b.upload(`/tra-cuu/ho-so/${id}/bo-sung/tep`, { field: 'tep', name: 'anh.jpg', content: Buffer.from('GIF89a…') }, { thanh_phan: 'GIAY_CHUNG_SINH' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body).map((e) => e[0]), ['#tep']);
  assert.ok(errorSummary(bad.body)[0]![1].includes('không phải là tệp PDF, JPG hoặc PNG'));
  const up = await b.upload(`/tra-cuu/ho-so/${id}/bo-sung/tep`, { field: 'tep', name: 'giay-chung-sinh-ro.pdf', content: PDF }, { thanh_phan: 'GIAY_CHUNG_SINH' });
  assert.deepEqual([up.status, up.location], [303, `/tra-cuu/ho-so/${id}?xong=tai-len#bo-sung`]);
  const listed = await b.get(`/tra-cuu/ho-so/${id}?xong=tai-len`);
  assert.ok(listed.body.includes('giay-chung-sinh-ro.pdf'));
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' })).body.state, 5, 'uploading alone does not send');

  tick();
  const sent = await b.post(`/tra-cuu/ho-so/${id}/bo-sung`, { ghi_chu: 'Đã chụp lại giấy chứng sinh' });
  assert.deepEqual([sent.status, sent.location], [303, `/tra-cuu/ho-so/${id}?xong=bo-sung`]);
  const d = await t.db.selectFrom('dossiers').select(['state']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(d.state, 4, 'back to processing');
  const last = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual([last.action, last.from_state, last.to_state, last.actor_role, last.actor_id, last.payload],
    ['supplement_provided', 5, 4, 'citizen', applicantRef(ID), { note: 'Đã chụp lại giấy chứng sinh' }]);
  const files = await t.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', id).execute();
  assert.deepEqual(files.map((f) => [f.component_code, f.file_name, f.uploaded_by, f.reused]), [['GIAY_CHUNG_SINH', 'giay-chung-sinh-ro.pdf', null, false]]);
  const after = await b.get(`/tra-cuu/ho-so/${id}?xong=bo-sung`);
  assert.ok(textOf(after.body).includes('Đã gửi hồ sơ bổ sung.'));
  assert.ok(textOf(after.body).includes('Bạn đã gửi hồ sơ bổ sung.'), 'timeline says it was the citizen');
  assert.equal((await b.post(`/tra-cuu/ho-so/${id}/bo-sung`, { ghi_chu: 'lần nữa' })).status, 409, 'not twice');
});

test('the citizen can withdraw before a decision', async () => {
  const { id, code } = await processing();
  const b = new Browser(t);
  await prove(b, code);
  const confirm = await b.get(`/tra-cuu/ho-so/${id}/rut-ho-so`);
  assert.ok(confirm.body.includes('<h1>Bạn có chắc muốn rút hồ sơ?</h1>'));
  tick();
  const r = await b.post(`/tra-cuu/ho-so/${id}/rut-ho-so`, { ly_do: 'Đã làm ở xã khác' });
  assert.equal(r.status, 303);
  const last = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual([last.action, last.to_state, last.actor_role], ['withdraw', 7, 'citizen']);
});

test('rating: only once the result is returned, one per dossier, editable for 7 days', async () => {
  const { id, code } = await processing();
  const b = new Browser(t);
  await prove(b, code);
  const early = await b.get(`/danh-gia/${id}`);
  assert.ok(textOf(early.body).includes('Chưa thể đánh giá'));
  assert.equal((await b.post(`/danh-gia/${id}`, { muc_do: 'satisfied' })).status, 409);
  assert.equal(await t.db.selectFrom('ratings').select('dossier_id').where('dossier_id', '=', id).executeTakeFirst(), undefined);

  await staff(id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện đăng ký khai sinh', proposalOutcome: 'approve' });
  await passDraft(t, id, 'hotich'); // online: the applicant checks the draft first
  await staff(id, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'truongvhxh').executeTakeFirstOrThrow()).id) });
  await staff(id, 'approve', 'truongvhxh');
  await staff(id, 'issue_result', 'hotich');
  await staff(id, 'return_result', 'motcua', { channel: 'counter' });

  const status = await b.get(`/tra-cuu/ho-so/${id}`);
  assert.ok(textOf(status.body).includes('Đã trả kết quả') && status.body.includes(`href="/danh-gia/${id}"`));

  // From the link on the receipt: asks for the second factor first.
  const c = new Browser(t);
  const ask = await c.get(`/danh-gia?ma=${encodeURIComponent(code)}`);
  assert.ok(ask.body.includes(`value="${code}"`));
  assert.deepEqual([(await c.get(`/danh-gia/${id}`)).location], ['/danh-gia']);
  const proven = await prove(c, code, '4567', '/danh-gia');
  assert.deepEqual([proven.status, proven.location], [303, `/danh-gia/${id}`]);
  const form = await c.get(`/danh-gia/${id}`);
  assert.ok(form.body.includes('<legend>Nhìn chung, bạn có hài lòng với việc giải quyết hồ sơ này không?</legend>'));
  for (const l of ['Rất hài lòng', 'Hài lòng', 'Không hài lòng', 'Thái độ của cán bộ, công chức', 'Việc công khai thủ tục hành chính']) assert.ok(form.body.includes(l), l);

  const missing = await c.post(`/danh-gia/${id}`, { attitude: '2' });
  assert.equal(missing.status, 400);
  assert.deepEqual(errorSummary(missing.body), [['#muc_do', 'Chọn mức độ hài lòng của bạn']]);
  assert.match(missing.body, /id="attitude-\d" name="attitude" value="2" checked/);

  tick();
  const first = await c.post(`/danh-gia/${id}`, { muc_do: 'satisfied', attitude: '2', totalTime: '1', publication: '', y_kien: 'Cán bộ nhiệt tình' });
  assert.equal(first.status, 200);
  assert.ok(textOf(first.body).includes('Đánh giá của bạn đã được ghi nhận.'));
  const row = await t.db.selectFrom('ratings').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([row.overall, row.criteria, row.comment, row.channel], ['satisfied', { attitude: 2, totalTime: 1 }, 'Cán bộ nhiệt tình', 'portal']);

  tick(60 * 24 * 3); // three days later: still editable
  const again = await c.get(`/danh-gia/${id}`);
  assert.ok(textOf(again.body).includes('Bạn đã đánh giá hồ sơ này lúc'));
  assert.match(again.body, /name="muc_do" value="satisfied" checked/);
  const edit = await c.post(`/danh-gia/${id}`, { muc_do: 'very_satisfied', attitude: '2' });
  assert.ok(textOf(edit.body).includes('Đánh giá của bạn đã được cập nhật.'));
  const rows = await t.db.selectFrom('ratings').selectAll().where('dossier_id', '=', id).execute();
  assert.equal(rows.length, 1, 'one rating per dossier');
  assert.deepEqual([rows[0]!.overall, rows[0]!.criteria, rows[0]!.comment], ['very_satisfied', { attitude: 2 }, null]);
  assert.equal(+rows[0]!.created_at, +row.created_at, 'first rating time kept');

  tick(60 * 24 * 5); // eight days after the first rating: final
  await prove(c, code, '4567', '/danh-gia'); // the 30-minute proof has long expired in real life; renew it
  const locked = await c.get(`/danh-gia/${id}`);
  assert.ok(textOf(locked.body).includes('không thể sửa nữa'));
  const late = await c.post(`/danh-gia/${id}`, { muc_do: 'dissatisfied' });
  assert.equal(late.status, 409);
  assert.equal((await t.db.selectFrom('ratings').select('overall').where('dossier_id', '=', id).executeTakeFirstOrThrow()).overall, 'very_satisfied');
});
