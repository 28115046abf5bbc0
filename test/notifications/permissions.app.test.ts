// Who sees the notices: the outbox of a dossier for any staff member who may see the dossier (404 otherwise), the
// commune's outbox (API and workspace page) for one-stop officers and administrators of that commune only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { CITIZEN_COOKIE, startCitizenSession } from '../../src/identity/citizens/accounts.ts';
import { KHAI_SINH, act, deliverThroughApp, intake } from './support.ts';

const t = await testApp({ standIns: ['messaging'] });
const at = '2026-11-25T09:00:00+07:00';
const id = await intake(t, at, { email: 'an@example.vn', phone: '0912345678' });
const other = await intake(t, at, { email: 'lap@example.vn' }, 'tl.motcua'); // the second demo commune

test('GET /dossiers/:id/notifications: staff who see the dossier; others get 404, anonymous 401', async () => {
  const r = await call(t, 'GET', `/api/v1/dossiers/${id}/notifications`, { as: 'motcua' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.items.map((n: { channel: string; recipient: string; status: string; kind: string }) => [n.kind, n.channel, n.recipient, n.status]), [
    ['status', 'email', 'an@example.vn', 'pending'], ['status', 'sms', '0912345678', 'pending'],
  ]);
  assert.match(r.body.items[0].subject, /^Hồ sơ đã được tiếp nhận - hồ sơ /);

  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/notifications`)).status, 401);
  const notRouted = await call(t, 'GET', `/api/v1/dossiers/${id}/notifications`, { as: 'hotich' });
  assert.equal(notRouted.status, 404, 'a specialist sees only dossiers routed to the unit');
  assert.equal(notRouted.body.code, 'NOT_FOUND');
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/notifications`, { as: 'tl.motcua' })).status, 404, 'other commune');
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${other}/notifications`, { as: 'admin' })).status, 404, 'other commune');

  await act(t, id, 'assign', { unitCode: 'VHXH' });
  const routed = await call(t, 'GET', `/api/v1/dossiers/${id}/notifications`, { as: 'hotich' });
  assert.equal(routed.status, 200);
  assert.equal(routed.body.items.length, 4);
});

test('GET /notifications: one-stop officers and administrators, their commune only', async () => {
  for (const who of ['motcua', 'admin']) {
    const r = await call(t, 'GET', '/api/v1/notifications', { as: who });
    assert.equal(r.status, 200, who);
    const dossiers = new Set(r.body.items.map((n: { dossierId: string }) => n.dossierId));
    assert.deepEqual([...dossiers], [id], `${who} sees the commune's notices only`);
  }
  const tl = await call(t, 'GET', '/api/v1/notifications', { as: 'tl.admin' });
  assert.deepEqual(tl.body.items.map((n: { dossierId: string }) => n.dossierId), [other]);
  for (const who of ['hotich', 'chutich', 'truongvhxh']) {
    const r = await call(t, 'GET', '/api/v1/notifications', { as: who });
    assert.equal(r.status, 403, who);
    assert.equal(r.body.code, 'FORBIDDEN');
  }
});

test('workspace page: the list and one notice with the copy the stand-in mailbox received', async () => {
  const r = await deliverThroughApp(t, new Date(Date.parse(at) + 60_000));
  assert.equal(r.delivered, 5, JSON.stringify(r));
  const [email] = await t.db.selectFrom('notifications').select(['message_id', 'status']).where('dossier_id', '=', id).orderBy('id').execute();
  assert.equal(email!.status, 'delivered');

  const list = await call(t, 'GET', '/can-bo/thong-bao', { as: 'motcua' });
  assert.equal(list.status, 200);
  assert.match(list.body, /an@example\.vn/);
  assert.match(list.body, /Hồ sơ đã được tiếp nhận - hồ sơ /);
  assert.match(list.body, /Đã gửi/);
  assert.doesNotMatch(list.body, /lap@example\.vn/, 'not the other commune’s');
  assert.match(list.body, /hộp thư giả lập/);

  const read = await call(t, 'GET', `/can-bo/thong-bao/${email!.message_id}`, { as: 'admin' });
  assert.equal(read.status, 200);
  assert.match(read.body, /Bản hộp thư giả lập đã nhận/);
  assert.ok(read.body.includes(`${email!.message_id}@localhost`), 'the Message-ID as received');
  assert.match(read.body, /Kính gửi ông\/bà Nguyễn Văn An,/);
  assert.match(read.body, /Cán bộ tiếp nhận, xử lý: Nguyễn Thị Lan/);
  assert.doesNotMatch(read.body, /001203004567/);

  const sms = await t.db.selectFrom('notifications').select('message_id').where('dossier_id', '=', id).where('channel', '=', 'sms').executeTakeFirstOrThrow();
  const smsPage = await call(t, 'GET', `/can-bo/thong-bao/${sms.message_id}`, { as: 'motcua' });
  assert.match(smsPage.body, /Bản cổng tin nhắn giả lập đã nhận/);
  assert.match(smsPage.body, /UBND xã Xuân Dương: Hồ sơ đã được tiếp nhận/);
});

test('workspace page: other roles 403, no session → login, another commune’s notice 404', async () => {
  for (const who of ['hotich', 'chutich']) {
    assert.equal((await call(t, 'GET', '/can-bo/thong-bao', { as: who })).status, 403, who);
  }
  const anon = await call(t, 'GET', '/can-bo/thong-bao');
  assert.equal(anon.status, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap\?next=/);
  const [email] = await t.db.selectFrom('notifications').select('message_id').where('dossier_id', '=', id).orderBy('id').execute();
  assert.equal((await call(t, 'GET', `/can-bo/thong-bao/${email!.message_id}`, { as: 'tl.admin' })).status, 404);
  assert.equal((await call(t, 'GET', '/can-bo/thong-bao/not-a-uuid', { as: 'admin' })).status, 404);
  assert.equal((await call(t, 'GET', `/can-bo/thong-bao/${email!.message_id}`, { as: 'hotich' })).status, 403);
});

test('workspace page: a notice of a dossier not yet received names it by its reference, never by its id', async () => {
  // Filed online by the applicant logged in with e-identity (the session the login would open).
  const now = '2026-11-26T09:00:00+07:00';
  t.setNow(now);
  const a = applicant({ name: 'Trần Thị Cúc', idNumber: '001190001234', email: 'cuc@example.vn' });
  const who = { issuer: 'test', subject: 'cuc', idNumber: a.idNumber, name: a.name, birthdate: null, level: 2 };
  const { token } = await startCitizenSession(t.db, who, new Date(now));
  const filed = await call(t, 'POST', '/api/v1/public/submissions', {
    headers: { cookie: `${CITIZEN_COOKIE}=${token}` },
    body: { communeId: 'xuan-duong', procedureCode: KHAI_SINH, applicant: a },
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const { id: online, reference } = filed.body as { id: string; reference: string };
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ');
  const list = text(String((await call(t, 'GET', '/can-bo/thong-bao', { as: 'motcua' })).body));
  assert.ok(list.includes(reference), 'the reference names the dossier');
  assert.doesNotMatch(list, /Chưa có mã/);
  assert.doesNotMatch(list, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i, 'no internal id');
  const [n] = await t.db.selectFrom('notifications').select('message_id').where('dossier_id', '=', online).orderBy('id').execute();
  assert.ok(n, 'the submission notice');
  const read = text(String((await call(t, 'GET', `/can-bo/thong-bao/${n.message_id}`, { as: 'motcua' })).body));
  assert.match(read, new RegExp(`Mã tra cứu hồ sơ\\s*${reference}`));
});
