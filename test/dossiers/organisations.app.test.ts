// The three organisations of a dossier (domain.md §2.2): where the citizen was helped (the support point), where it
// was received (the receiving unit, the code prefix), who decides (the competent authority); and the second,
// external code (MaHoSoKhac) of a dossier that came from another system, one dossier per external code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline, HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00');
const TTHN = '1.004873';
const intake = (over: Record<string, unknown> = {}, as = 'motcua') =>
  call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode: TTHN, applicant: applicant(), ...over } });

test('at the counter the desk is the support point and the receiving unit; the authority is the procedure\'s', async () => {
  const r = await intake();
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.supportPoint, { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', kind: 'desk' });
  assert.equal(r.body.receivingUnit, 'TTPVHCC');
  assert.match(r.body.competentAuthority, /Ủy ban nhân dân/);
  assert.equal(r.body.externalCode, null);
  const page = await call(t, 'GET', `/can-bo/ho-so/${r.body.id}`, { as: 'motcua' });
  assert.match(page.body, /Nơi hỗ trợ người nộp/);
  assert.match(page.body, /Cơ quan có thẩm quyền giải quyết/);
});

test('helped elsewhere: the community team is the support point, the desk still receives; an unknown point is refused', async () => {
  const r = await intake({ supportPoint: 'TCNSCD' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.supportPoint, { code: 'TCNSCD', name: 'Tổ công nghệ số cộng đồng xã', kind: 'community_team' });
  assert.equal(r.body.receivingUnit, 'TTPVHCC');
  const bad = await intake({ supportPoint: 'KHONG_CO' });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'UNKNOWN_SUPPORT_POINT');
  // Each commune has its own support points (Tân Lập's team has the same code, its own row).
  const other = await intake({ supportPoint: 'TCNSCD' }, 'tl.motcua');
  assert.equal(other.status, 201);
  assert.equal(other.body.supportPoint.code, 'TCNSCD');
});

test('filed online alone: no support point, and none is invented at receipt', async () => {
  const r = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ name: HONG.name, idNumber: HONG.idNumber }) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const received = await call(t, 'POST', `/api/v1/dossiers/${r.body.id}/actions/receive_online`, { as: 'motcua', body: {} });
  assert.equal(received.status, 200, JSON.stringify(received.body));
  assert.equal(received.body.supportPoint, null);
  assert.equal(received.body.receivingUnit, 'TTPVHCC');
});

test('the portal link of a support point carries it into the draft; an unknown one is ignored', async () => {
  const { b } = await loginAs(t, HONG);
  const s = await b.get('/nop-ho-so/1.001193?diem-ho-tro=TCNSCD');
  assert.equal(s.status, 200);
  assert.match(s.body, /Bạn đang được hỗ trợ nộp hồ sơ tại <strong>Tổ công nghệ số cộng đồng xã<\/strong>/);
  const r = await b.post('/nop-ho-so/1.001193', { diemHoTro: 'TCNSCD' });
  assert.equal(r.status, 303);
  const id = /\/nop-ho-so\/([0-9a-f-]{36})\//.exec(r.location!)![1]!;
  const draft = await t.db.selectFrom('drafts').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual((draft.data as { supportPoint?: unknown }).supportPoint, { code: 'TCNSCD', name: 'Tổ công nghệ số cộng đồng xã' });
  const unknown = await b.get('/nop-ho-so/1.001193?diem-ho-tro=KHONG_CO');
  assert.doesNotMatch(unknown.body, /được hỗ trợ nộp hồ sơ tại/);
});

test('the external code: stored, shown, found, and a second dossier with it is refused', async () => {
  const externalCode = 'H21.77-241206-0001';
  const r = await intake({ externalCode });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.externalCode, externalCode);
  const again = await intake({ externalCode });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'EXTERNAL_CODE_EXISTS');
  const n = await t.db.selectFrom('dossiers').select((eb) => eb.fn.countAll<string>().as('n')).where('external_code', '=', externalCode).executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 1);
  const open = await call(t, 'GET', `/can-bo/ho-so/${externalCode}`, { as: 'motcua' });
  assert.equal(open.status, 303);
  assert.equal(open.headers.location, `/can-bo/ho-so/${r.body.id}`);
  assert.equal((await call(t, 'GET', `/can-bo/ho-so/${externalCode}`, { as: 'tl.motcua' })).status, 404, 'not another commune\'s');
  assert.equal((await intake({ externalCode: 'có dấu cách' })).status, 400);
});
