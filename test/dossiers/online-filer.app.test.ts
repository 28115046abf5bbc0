// Online submission through the public API binds the filer to the e-identity, as the portal does
// (src/dossiers/online-filer.ts): a procedure that requires e-identity (the default) is filed only by a citizen
// logged in on the portal, for themselves; the dossier is then flagged and in their "Hồ sơ của tôi", listed by its
// reference until it has a code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { citizenCookie } from '../identity/citizen-support.ts';
import { textOf } from '../web/portal-support.ts';

const t = await testApp();
t.setNow('2026-12-07T09:00:00+07:00');
const KHAI_SINH = '1.001193';
const HONG = { name: 'Lê Thị Hồng', idNumber: '001190004567' };
const BINH = { name: 'Nguyễn Văn Bình', idNumber: '019085012345' };
const count = async () => (await t.db.selectFrom('dossiers').select('id').where('channel', '=', 'online').execute()).length;
const file = (body: object, cookie?: string) =>
  call(t, 'POST', '/api/v1/public/submissions', { body: { communeId: 'xuan-duong', procedureCode: KHAI_SINH, ...body }, ...(cookie ? { headers: { cookie } } : {}) });

test('without the e-identity login: 403 EID_REQUIRED, in Vietnamese, and nothing filed', async () => {
  const before = await count();
  const r = await file({ applicant: applicant(HONG) });
  assert.equal(r.status, 403, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  assert.equal(r.body.code, 'EID_REQUIRED');
  assert.equal(r.body.title, 'Thủ tục này chỉ nộp trực tuyến được khi đăng nhập bằng tài khoản định danh điện tử.');
  assert.equal(await count(), before);
  // An unknown procedure is still told as such.
  assert.equal((await file({ procedureCode: '9.999999', applicant: applicant(HONG) })).body.code, 'UNKNOWN_PROCEDURE');
  // A staff session is no citizen's.
  assert.equal((await file({ applicant: applicant(HONG) }, await t.login('motcua'))).body.code, 'EID_REQUIRED');
});

test('logged in, for someone else or under another name: 403 APPLICANT_NOT_CITIZEN, nothing filed', async () => {
  const cookie = await citizenCookie(t, HONG);
  const before = await count();
  for (const who of [BINH, { ...HONG, name: BINH.name }, { ...BINH, name: HONG.name }]) {
    const r = await file({ applicant: applicant(who) }, cookie);
    assert.deepEqual([r.status, r.body.code], [403, 'APPLICANT_NOT_CITIZEN'], JSON.stringify(who));
  }
  assert.equal(await count(), before);
});

test('logged in, for themselves: filed, flagged as authenticated with e-identity, and in "Hồ sơ của tôi" by its reference', async () => {
  const cookie = await citizenCookie(t, HONG);
  const r = await file({ applicant: applicant({ ...HONG, name: '  Lê   Thị Hồng ', idNumber: '001 190 004 567' }) }, cookie);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = await t.db.selectFrom('dossiers').select(['applicant_name', 'applicant_id_number', 'authenticated_with_eid', 'reference']).where('id', '=', r.body.id).executeTakeFirstOrThrow();
  assert.deepEqual([d.applicant_name, d.applicant_id_number, d.authenticated_with_eid], [HONG.name, HONG.idNumber, true]);
  const f = await t.db.selectFrom('eid_filings').select(['full_name', 'id_number', 'on_behalf']).where('dossier_id', '=', r.body.id).executeTakeFirstOrThrow();
  assert.deepEqual(f, { full_name: HONG.name, id_number: HONG.idNumber, on_behalf: false });
  const mine = await t.app.inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { cookie } });
  assert.equal(mine.statusCode, 200);
  assert.ok(textOf(mine.body).includes(`Mã tra cứu ${d.reference} (chưa có mã hồ sơ, đang chờ tiếp nhận)`), 'listed by its reference');
  assert.ok(mine.body.includes(`/ho-so-cua-toi/ho-so/${r.body.id}`));
});
