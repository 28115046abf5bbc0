// Every endpoint's permissions: the OpenAPI document lists each operation, and each operation that declares
// a security requirement answers 401 without credentials. Role and scope rules are tested per endpoint below.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();
const UUID = '00000000-0000-4000-8000-000000000000';

function concrete(path: string): string {
  return path
    .replace(/\{id\}/g, UUID)
    .replace(/\{code\}/g, '1.001193')
    .replace(/\{year\}/g, '2026')
    .replace(/\{date\}/g, '2026-12-24')
    .replace(/\{fileId\}/g, '1');
}

test('every secured operation in the OpenAPI document refuses an anonymous caller with 401 problem+json', async () => {
  const doc = (await call(t, 'GET', '/openapi.json')).body;
  assert.equal(doc.openapi, '3.1.0');
  let secured = 0;
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op.security) continue;
      secured++;
      const r = await call(t, method.toUpperCase() as 'GET', concrete(path), { body: method === 'get' ? undefined : {} });
      assert.equal(r.status, 401, `${method.toUpperCase()} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.code, 'UNAUTHENTICATED');
    }
  }
  assert.ok(secured >= 25, `only ${secured} secured operations found`);
});

test('a revoked or unknown API key is refused; a valid one works', async () => {
  const bad = await call(t, 'GET', '/api/v1/auth/me', { headers: { authorization: 'Bearer xk_nope' } });
  assert.equal(bad.status, 401);
  const { createApiKey } = await import('../../src/identity/staff/auth.ts');
  const key = await createApiKey(t.db, { communeId: 'xuan-duong', unitId: null, name: 'Hệ thống thử', roles: ['cchc_coordinator'] });
  const ok = await call(t, 'GET', '/api/v1/auth/me', { headers: { authorization: `Bearer ${key}` } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.kind, 'api_key');
});

test('wrong password → 401 LOGIN_FAILED; logout ends the session', async () => {
  const r = await call(t, 'POST', '/api/v1/auth/login', { body: { username: 'motcua', password: 'sai' }, key: null });
  assert.equal(r.status, 401);
  assert.equal(r.body.code, 'LOGIN_FAILED');
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'truongkt', password: 'xaso-demo' } });
  const cookie = `xaso_sid=${login.cookies.find((c) => c.name === 'xaso_sid')!.value}`;
  assert.equal((await call(t, 'GET', '/api/v1/auth/me', { headers: { cookie } })).status, 200);
  assert.equal((await call(t, 'POST', '/api/v1/auth/logout', { headers: { cookie }, key: null })).status, 204);
  assert.equal((await call(t, 'GET', '/api/v1/auth/me', { headers: { cookie } })).status, 401);
});

test('only administrators publish procedure versions and edit the calendar', async () => {
  // The role is checked before the body is validated: a non-administrator learns nothing from validation.
  const pub = await call(t, 'POST', '/api/v1/procedures', { as: 'hotich', body: {} });
  assert.equal(pub.status, 403);
  const body = (await call(t, 'GET', '/api/v1/procedures/1.001193')).body;
  const { version: _v, ...input } = body;
  const denied = await call(t, 'POST', '/api/v1/procedures', { as: 'hotich', body: { ...input, effectiveFrom: '2027-01-01' } });
  assert.equal(denied.status, 403);
  // The catalogue is shared: a commune's administrator is refused too (by role level: test/http/permissions-shared.app.test.ts).
  const communeAdmin = await call(t, 'POST', '/api/v1/procedures', { as: 'admin', body: { ...input, effectiveFrom: '2027-01-01' } });
  assert.equal(communeAdmin.status, 403);
  assert.equal(communeAdmin.body.code, 'PROVINCE_ADMIN_ONLY');
  const day = { type: 'HOLIDAY', name: 'Nghỉ lễ địa phương', source: 'Quyết định thử nghiệm' };
  assert.equal((await call(t, 'PUT', '/api/v1/calendar/days/2026-12-24', { as: 'motcua', body: day })).status, 403);
  assert.equal((await call(t, 'PUT', '/api/v1/calendar/days/2026-12-24', { as: 'admin', body: day })).status, 200);
});

test('counter intake is for receiving officers only (ROLE_NOT_ALLOWED from the action table)', async () => {
  t.setNow('2026-11-25T09:00:00+07:00');
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'hotich', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(r.status, 403);
  assert.equal(r.body.code, 'ROLE_NOT_ALLOWED');
});

test('scoping: another commune never sees a dossier; a specialist sees only dossiers routed to their unit', async () => {
  t.setNow('2026-11-25T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const id = d.body.id as string;
  for (const who of ['tl.motcua', 'tl.admin', 'tl.chutich']) {
    const r = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: who });
    assert.equal(r.status, 404, who);
    const list = await call(t, 'GET', '/api/v1/dossiers', { as: who });
    assert.equal(list.body.items.some((i: { id: string }) => i.id === id), false, who);
    const act = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: who, body: { unitCode: 'VHXH' } });
    assert.equal(act.status, 404, who);
  }
  // Not yet routed: the civil-status specialist does not see it; after routing to VHXH they do, KT still not.
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'hotich' })).status, 404);
  await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'hotich' })).status, 200);
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'diachinh' })).status, 404);
  const kt = await call(t, 'GET', '/api/v1/dossiers', { as: 'diachinh' });
  assert.equal(kt.body.items.some((i: { id: string }) => i.id === id), false);
  // A specialist of another unit cannot act on it either (not visible → 404).
  const wrongUnit = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/request_supplement`, {
    as: 'diachinh', body: { items: ['x'], reason: 'y' },
  });
  assert.equal(wrongUnit.status, 404);
  // Staff lists are scoped too.
  const staff = await call(t, 'GET', '/api/v1/staff', { as: 'truongkt' });
  assert.ok(staff.body.every((s: { unitCode: string }) => s.unitCode === 'KT'));
  assert.equal((await call(t, 'GET', '/api/v1/staff', { as: 'hotich' })).status, 403);
});

test('the ID number is shown only to staff handling dossiers, and each showing is logged', async () => {
  t.setNow('2026-11-25T09:30:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(d.body.applicant.idNumber, '001203004567');
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${d.body.id}`, { as: 'motcua' })).status, 200);
  const log = await t.db.selectFrom('access_log').selectAll().where('dossier_id', '=', d.body.id).execute();
  assert.ok(log.some((l) => l.action === 'view_id_number'));
  const coordinatorKey = await (await import('../../src/identity/staff/auth.ts')).createApiKey(t.db, {
    communeId: 'xuan-duong', unitId: null, name: 'Báo cáo', roles: ['cchc_coordinator'],
  });
  const r = await call(t, 'GET', `/api/v1/dossiers/${d.body.id}`, { headers: { authorization: `Bearer ${coordinatorKey}` } });
  assert.equal(r.status, 200);
  assert.equal(r.body.applicant.idNumber, null);
});

test('an administrator issues an API key (shown once), lists it without the key, and revokes it', async () => {
  const denied = await call(t, 'POST', '/api/v1/api-keys', { as: 'motcua', body: { name: 'X', roles: ['specialist'] } });
  assert.equal(denied.status, 403);
  const made = await call(t, 'POST', '/api/v1/api-keys', { as: 'admin', body: { name: 'Phần mềm kế toán', roles: ['cchc_coordinator'], unitCode: 'VP' } });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.match(made.body.key, /^xk_/);
  const auth = { authorization: `Bearer ${made.body.key}` };
  assert.equal((await call(t, 'GET', '/api/v1/organisation', { headers: auth })).status, 200);
  const list = await call(t, 'GET', '/api/v1/api-keys', { as: 'admin' });
  assert.equal(JSON.stringify(list.body).includes(made.body.key), false, 'the key is never listed');
  assert.equal((await call(t, 'GET', '/api/v1/api-keys', { as: 'tl.admin' })).body.some((k: { id: number }) => k.id === made.body.id), false);
  assert.equal((await call(t, 'POST', `/api/v1/api-keys/${made.body.id}/revoke`, { as: 'tl.admin' })).status, 404);
  const revoked = await call(t, 'POST', `/api/v1/api-keys/${made.body.id}/revoke`, { as: 'admin' });
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revokedAt);
  assert.equal((await call(t, 'GET', '/api/v1/organisation', { headers: auth })).status, 401);
});

test('Trình ký, trả lại, phê duyệt và ký số: by role, by unit, and only the signer the proposal was submitted to', async () => {
  t.setNow('2026-11-26T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const id = d.body.id as string;
  const staffId = async (u: string) => String((await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id);
  const post = (type: string, who: string, body: object) => call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as: who, body });
  await post('assign', 'motcua', { unitCode: 'VHXH' });
  await post('propose_result', 'hotich', { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' });
  const signer = { signerId: await staffId('truongvhxh') };
  // Submitting: specialists and unit heads of the handling unit only.
  for (const [who, status] of [['motcua', 403], ['chutich', 403], ['admin', 403], ['diachinh', 404], ['truongkt', 404], ['tl.hotich', 404]] as const) {
    assert.equal((await post('submit_for_signature', who, signer)).status, status, `submit_for_signature by ${who}`);
  }
  assert.equal((await post('submit_for_signature', 'hotich', signer)).status, 200);
  // Sending back and signing: only the requested signer.
  for (const type of ['send_back', 'approve']) {
    for (const [who, status] of [['hotich', 403], ['motcua', 403], ['chutich', 403], ['truongkt', 404], ['tl.chutich', 404]] as const) {
      const r = await post(type, who, { reason: 'Xem lại' });
      assert.equal(r.status, status, `${type} by ${who}: ${JSON.stringify(r.body)}`);
    }
  }
  assert.equal((await post('send_back', 'truongvhxh', { reason: 'Xem lại căn cứ' })).status, 200);
});

test('Sửa tờ khai (correct_declaration): the desk at receipt, the assigned specialist or the unit head while processing', async () => {
  t.setNow('2026-11-27T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const id = d.body.id as string;
  // Answers the checks refuse: whoever gets past the permission gets 422, not 403/404.
  const put = (who: string) => call(t, 'PUT', `/api/v1/dossiers/${id}/declaration`, { as: who, body: { answers: { TO_KHAI: { childGender: 'X' } }, reason: 'Đối chiếu giấy tờ' } });
  const statuses = async (whos: readonly string[]) => Object.fromEntries(await Promise.all(whos.map(async (w) => [w, (await put(w)).status])));
  const everyone = ['motcua', 'giamdoc', 'hotich', 'truongvhxh', 'diachinh', 'chutich', 'admin', 'tl.motcua'] as const;
  assert.deepEqual(await statuses(everyone), {
    motcua: 422, giamdoc: 422, hotich: 404, truongvhxh: 403, diachinh: 404, chutich: 403, admin: 403, 'tl.motcua': 404,
  });
  const hotich = String((await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id);
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: hotich } })).status, 200);
  assert.deepEqual(await statuses(everyone), {
    motcua: 403, giamdoc: 403, hotich: 422, truongvhxh: 422, diachinh: 404, chutich: 403, admin: 403, 'tl.motcua': 404,
  });
  const refused = await put('motcua');
  assert.equal(refused.body.code, 'CORRECTION_NOT_ALLOWED');
  // No action endpoint takes it: the declaration's own endpoint does.
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/actions/correct_declaration`, { as: 'hotich', body: { reason: 'Sửa' } })).status, 404);
});

test('Nộp phí, lệ phí (fee_paid): only the payment flow records it; cash at the counter is the desk\'s', async () => {
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.004873', applicant: applicant() } });
  const id = d.body.id as string;
  for (const who of ['motcua', 'chutich', 'admin']) {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/fee_paid`, { as: who, body: { amountVnd: 10000, paymentMethod: 'cash', receiptNo: '1/BL' } });
    assert.equal(r.status, 404, `${who}: no endpoint`);
  }
  for (const who of ['hotich', 'truongvhxh', 'chutich', 'admin']) {
    assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/payments/cash`, { as: who, body: {} })).status, 403, `${who} takes no cash`);
  }
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/payments/cash`, { as: 'tl.motcua', body: {} })).status, 404, 'another commune');
  const cash = await call(t, 'POST', `/api/v1/dossiers/${id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(cash.status, 201, JSON.stringify(cash.body));
  const events = (await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' })).body.events as { action: string; actorRole: string }[];
  assert.deepEqual(events.map((e) => [e.action, e.actorRole]), [['receive_counter', 'receiving_officer'], ['fee_paid', 'receiving_officer']]);
});
