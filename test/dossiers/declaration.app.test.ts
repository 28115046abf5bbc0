// Issue 11 through the API and the staff pages: an online submission gets a short reference and a receipt deadline;
// its e-form answers are dossier data (GET /api/v1/dossiers/:id and the staff dossier page show the declaration);
// implausible answers are refused with their messages; the reference works in the status lookup (with its lockout)
// before and after receipt; the receiving inbox shows it first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { textOf } from '../web/portal-support.ts';
import { birthAnswers } from './birth-declaration.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const REFERENCE = /^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

const ANSWERS = birthAnswers();
const MOTHER = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });

/** Filed by the mother, logged in with e-identity (the procedure requires it). */
const submit = (answers: object, over: object = {}) => fileOnline(t, { procedureCode: KHAI_SINH, applicant: MOTHER, answers, ...over });
const count = async () => (await t.db.selectFrom('dossiers').select('id').execute()).length;

let id = '';
let reference = '';

test('an online submission gets a reference and a receipt deadline, and its answers become the dossier’s declaration', async () => {
  t.setNow('2026-12-07T09:00:00+07:00'); // Monday
  const s = await submit(ANSWERS);
  assert.equal(s.status, 201, JSON.stringify(s.body));
  ({ id, reference } = s.body);
  assert.match(reference, REFERENCE);
  assert.equal(s.body.receiptDueAt, '2026-12-08T02:00:00.000Z', 'received or refused within one working day: Tuesday 09:00');

  const d = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  assert.deepEqual([d.body.code, d.body.reference, d.body.receiptDueAt], [null, reference, '2026-12-08T02:00:00.000Z']);
  const decl = d.body.declaration;
  assert.deepEqual([decl.revision, decl.source, decl.procedureVersion], [1, 'online', d.body.procedure.version]);
  const form = decl.forms[0];
  assert.deepEqual([form.componentCode, form.componentName], ['TO_KHAI', 'Tờ khai đăng ký khai sinh']);
  assert.deepEqual(form.sections.map((s: { title: string }) => s.title),
    ['Thông tin của người yêu cầu', 'Quan hệ với người được khai sinh', 'Thông tin của trẻ', 'Thông tin của người mẹ', 'Thông tin của người cha',
      'Người được đăng ký hộ tịch thuộc đối tượng được miễn lệ phí']);
  const field = (name: string) => form.sections.flatMap((s: { fields: object[] }) => s.fields).find((f: { name: string }) => f.name === name);
  assert.deepEqual(field('childDateOfBirth'), {
    name: 'childDateOfBirth', label: 'Ngày, tháng, năm sinh của trẻ', type: 'date', codeList: null, value: '2026-11-20', text: '20/11/2026',
  });
  assert.deepEqual([field('childEthnicity').value, field('childEthnicity').text, field('childEthnicity').codeList], ['01', 'Kinh', 'ethnicity']);
  assert.deepEqual([field('motherNationality').value, field('motherNationality').text], ['VN', 'Việt Nam']);
  assert.deepEqual([field('requesterFullName').text, field('requesterIdNumber').text], ['Lê Thị Hồng', '001190004567'], 'the requester is the applicant');
  assert.equal(form.answers.fatherIdNumber, '001088012345');
  const logged = await t.db.selectFrom('access_log').select('action').where('dossier_id', '=', id).execute();
  assert.ok(logged.some((l) => l.action === 'view_declaration'), 'showing other people’s ID numbers is logged');

  // Staff who do not handle dossiers see the declaration without the ID numbers.
  const admin = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'admin' });
  const hidden = admin.body.declaration.forms[0];
  assert.equal(hidden.answers.motherIdNumber, undefined);
  assert.equal(hidden.sections.flatMap((s: { fields: object[] }) => s.fields).find((f: { name: string }) => f.name === 'fatherIdNumber').value, null);

  // The first notice carries the reference and the receipt deadline.
  const notice = await t.db.selectFrom('notifications').select('facts').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual([notice.facts.reference, notice.facts.receiptDueAt], [reference, '2026-12-08T02:00:00.000Z']);
});

test('the staff dossier page shows the declaration near the top, and the reference where the code will be', async () => {
  const page = await t.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(page.statusCode, 200);
  const text = textOf(page.body);
  assert.ok(page.body.includes(`<h1>Hồ sơ ${reference}</h1>`));
  assert.ok(text.includes(`Mã tra cứu ${reference}`));
  assert.ok(text.includes('Hạn tiếp nhận hoặc từ chối 09:00 ngày 08/12/2026'));
  assert.ok(text.indexOf('Tờ khai') < text.indexOf('Thành phần hồ sơ'), 'the declaration before the papers');
  for (const s of ['Thông tin của trẻ', 'Họ, chữ đệm, tên của trẻ Nguyễn Minh Khang', 'Ngày, tháng, năm sinh của trẻ 20/11/2026',
    'Dân tộc của trẻ Kinh', 'Quốc tịch của trẻ Việt Nam', 'Số định danh cá nhân của người cha 001088012345']) {
    assert.ok(text.includes(s), s);
  }
  const byReference = await t.app.inject({ method: 'GET', url: `/can-bo/ho-so/${reference.toLowerCase()}`, headers: { cookie: await t.login('motcua') } });
  assert.deepEqual([byReference.statusCode, byReference.headers.location], [303, `/can-bo/ho-so/${id}`], 'the reference read out at the counter opens it');
  const inbox = textOf((await t.app.inject({ method: 'GET', url: '/can-bo/ho-so', headers: { cookie: await t.login('motcua') } })).body);
  assert.ok(inbox.includes(`${reference} Mã tra cứu, chưa có mã hồ sơ`), 'no more "Chưa có mã"');
  assert.ok(inbox.includes('Tiếp nhận trước 09:00 ngày 08/12/2026'), 'the receipt deadline');
  assert.ok(!inbox.includes('Chưa có mã'));
});

test('implausible or unknown answers are refused with their messages, and nothing is filed', async () => {
  const before = await count();
  const wrong = await submit({
    TO_KHAI: {
      ...ANSWERS.TO_KHAI, motherDateOfBirth: '25/11/2026', fatherIdNumber: '001190004567',
      fatherEthnicity: 'Xuân Dương', nickname: 'Bi',
    },
  });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.code, 'ANSWERS_INVALID');
  assert.deepEqual(wrong.body.errors, [
    { path: '/body/answers/TO_KHAI/fatherEthnicity', message: 'Chọn dân tộc của người cha trong danh sách 54 dân tộc Việt Nam' },
    { path: '/body/answers/TO_KHAI/nickname', message: 'Tờ khai không có mục này' },
    { path: '/body/answers/TO_KHAI/motherDateOfBirth', message: 'Ngày sinh của người mẹ phải trước ngày sinh của trẻ (20/11/2026)' },
    { path: '/body/answers/TO_KHAI/fatherIdNumber', message: 'Số định danh cá nhân của người cha trùng với số của người mẹ: mỗi người có một số riêng' },
  ]);
  const future = await submit({ TO_KHAI: { ...ANSWERS.TO_KHAI, childDateOfBirth: '2026-12-24' } });
  assert.deepEqual(future.body.errors, [
    { path: '/body/answers/TO_KHAI/childDateOfBirth', message: 'Ngày, tháng, năm sinh của trẻ không được sau ngày hôm nay (07/12/2026)' },
  ]);
  const missing = await submit({ TO_KHAI: { childFullName: 'Nguyễn Minh Khang' } });
  assert.equal(missing.status, 422);
  assert.ok(missing.body.errors.some((e: { path: string; message: string }) => e.path.endsWith('/childDateOfBirth') && e.message === 'Nhập ngày, tháng, năm sinh của trẻ'));
  const noForm = await submit({ GIAY_KHAC: { a: 'b' } });
  assert.deepEqual(noForm.body.errors.at(-1), { path: '/body/answers/GIAY_KHAC', message: 'Thủ tục không có tờ khai này' });
  assert.equal(await count(), before, 'no dossier from refused answers');
  // Without answers (an older integration), the submission is filed without a declaration.
  const bare = await submit(undefined as never, { answers: undefined });
  assert.equal(bare.status, 201);
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${bare.body.id}`, { as: 'motcua' })).body.declaration, null);
});

test('the reference works in the status lookup, however typed, behind the lockout, before and after receipt', async () => {
  const typed = reference.toLowerCase().replace(/-/g, ' ');
  const status = (code: string, idLast4 = '4567') =>
    call(t, 'GET', `/api/v1/public/status?code=${encodeURIComponent(code)}&idLast4=${idLast4}`);
  const ok = await status(typed);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual([ok.body.code, ok.body.reference, ok.body.state, ok.body.receiptDueAt], [null, reference, 1, '2026-12-08T02:00:00.000Z']);
  assert.equal((await status(reference, '0000')).status, 404);

  // The portal: the reference on /tra-cuu opens the status page.
  const form = await t.app.inject({ method: 'GET', url: `/tra-cuu?ma=${reference}` });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const post = await t.app.inject({
    method: 'POST', url: '/tra-cuu', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, ma_ho_so: typed, bon_so_cuoi: '4567' }).toString(),
  });
  assert.deepEqual([post.statusCode, post.headers.location], [303, `/tra-cuu/ho-so/${id}`]);
  const proof = post.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const page = textOf((await t.app.inject({ method: 'GET', url: `/tra-cuu/ho-so/${id}`, headers: { cookie: `${cookie}; ${proof}` } })).body);
  assert.ok(page.includes(`Mã tra cứu ${reference}`) && page.includes('Hạn tiếp nhận hồ sơ 09:00 ngày 08/12/2026'), page.slice(0, 600));
  assert.ok(!page.includes(id), 'never the internal id');

  // After receipt the code is the dossier's name; the reference still finds it.
  t.setNow('2026-12-07T10:00:00+07:00');
  const received = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/receive_online`, { as: 'motcua', body: {} });
  assert.equal(received.status, 200, JSON.stringify(received.body));
  const code = received.body.code as string;
  const after = await status(reference);
  assert.deepEqual([after.body.code, after.body.reference, after.body.receiptDueAt], [code, reference, null]);
  assert.equal((await status(code)).body.reference, reference);

  // 5 wrong answers lock the reference, however it is typed (one subject), even for the right digits.
  for (let i = 0; i < 4; i++) assert.equal((await status(i % 2 ? typed : reference, '1111')).status, 404);
  assert.equal((await status(reference, '0000')).status, 404);
  const locked = await status(typed);
  assert.deepEqual([locked.status, locked.body.code], [429, 'LOOKUP_LOCKED']);
  assert.equal((await status(code)).status, 200, 'the code is its own subject');
  t.setNow(null);
});

test('the database draws references: the format the core reads, never twice', async () => {
  const { rows } = await sql<{ r: string }>`SELECT dossier_reference() AS r FROM generate_series(1, 200)`.execute(t.db);
  assert.ok(rows.every((x) => REFERENCE.test(x.r)));
  assert.equal(new Set(rows.map((x) => x.r)).size, rows.length);
  const all = await t.db.selectFrom('dossiers').select('reference').execute();
  assert.equal(new Set(all.map((x) => x.reference)).size, all.length, 'unique over every dossier, the demo year included');
});
