// Work phones (migration 025): the commune's, a unit's and a staff member's, as the organisation API returns them
// and as only an administrator sets them (PUT …/phone), normalised by the applicant's phone rule, 422 PHONE_INVALID
// as problem+json for a number that is not Vietnamese, scoped to the administrator's commune. The demo organisation
// has the desk's and the commune's landlines (0208, Thái Nguyên) and a few officers' work phones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { workPhone } from '../../src/org/admin.ts';
import { Problem } from '../../src/http/problem.ts';

const t = await testApp();

const unitId = async (commune: string, code: string) =>
  (await t.db.selectFrom('units').select('id').where('commune_id', '=', commune).where('code', '=', code).executeTakeFirstOrThrow()).id;
const staffId = async (username: string) =>
  (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

test('the organisation API returns the demo phones: the commune, the one-stop desk, officers that have one', async () => {
  const org = await call(t, 'GET', '/api/v1/organisation', { as: 'motcua' });
  assert.equal(org.status, 200);
  assert.equal(org.body.commune.phone, '02083855100');
  const phones = Object.fromEntries((org.body.units as { code: string; phone: string | null }[]).map((u) => [u.code, u.phone]));
  assert.equal(phones.TTPVHCC, '02083855101');
  assert.equal(phones.VHXH, null);
  const staff = await call(t, 'GET', '/api/v1/staff', { as: 'admin' });
  const byName = Object.fromEntries((staff.body as { username: string; phone: string | null }[]).map((s) => [s.username, s.phone]));
  assert.equal(byName.hotich, '0912581203');
  assert.equal(byName.motcua, null);
  // The other commune has its own.
  const tl = await call(t, 'GET', '/api/v1/organisation', { as: 'tl.motcua' });
  assert.equal(tl.body.commune.phone, '02083866100');
});

test('only an administrator sets a phone: 401 anonymous, 403 for other roles, and nothing changes', async () => {
  const desk = await unitId('xuan-duong', 'TTPVHCC');
  const hotich = await staffId('hotich');
  const urls = ['/api/v1/organisation/phone', `/api/v1/units/${desk}/phone`, `/api/v1/staff/${hotich}/phone`];
  for (const url of urls) {
    const anon = await call(t, 'PUT', url, { body: { phone: '0912000000' } });
    assert.equal(anon.status, 401, url);
    for (const as of ['motcua', 'hotich', 'giamdoc', 'truongvhxh', 'chutich']) {
      const r = await call(t, 'PUT', url, { as, body: { phone: '0912000000' } });
      assert.equal(r.status, 403, `${as} ${url}`);
      assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    }
  }
  // A non-administrator learns nothing from validation either: a bad number is refused for the role first.
  assert.equal((await call(t, 'PUT', urls[0]!, { as: 'motcua', body: { phone: 'abc' } })).status, 403);
  const org = await call(t, 'GET', '/api/v1/organisation', { as: 'admin' });
  assert.equal(org.body.commune.phone, '02083855100');
  const row = await t.db.selectFrom('staff').select('phone').where('id', '=', hotich).executeTakeFirstOrThrow();
  assert.equal(row.phone, '0912581203');
});

test('the administrator sets, normalises and clears phones; a wrong number is 422 PHONE_INVALID naming the field', async () => {
  const vhxh = await unitId('xuan-duong', 'VHXH');
  const member = await staffId('diachinh');
  const unit = await call(t, 'PUT', `/api/v1/units/${vhxh}/phone`, { as: 'admin', body: { phone: '0208.3855.120' } });
  assert.deepEqual([unit.status, unit.body], [200, { phone: '02083855120' }]);
  const staff = await call(t, 'PUT', `/api/v1/staff/${member}/phone`, { as: 'admin', body: { phone: '+84 988 000 111' } });
  assert.deepEqual([staff.status, staff.body], [200, { phone: '0988000111' }]);
  const commune = await call(t, 'PUT', '/api/v1/organisation/phone', { as: 'admin', body: { phone: '0208 3855 199' } });
  assert.deepEqual([commune.status, commune.body], [200, { phone: '02083855199' }]);
  const org = await call(t, 'GET', '/api/v1/organisation', { as: 'admin' });
  assert.equal(org.body.commune.phone, '02083855199');
  assert.equal((org.body.units as { id: number; phone: string }[]).find((u) => u.id === vhxh)!.phone, '02083855120');

  for (const phone of ['12345', '0012345678', '091234567', '091234567890', '0912 345 67a', '+1 555 123 4567']) {
    const r = await call(t, 'PUT', `/api/v1/staff/${member}/phone`, { as: 'admin', body: { phone } });
    assert.equal(r.status, 422, phone);
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
    assert.equal(r.body.code, 'PHONE_INVALID');
    assert.match(r.body.title, /^Số điện thoại không đúng/);
    assert.deepEqual(r.body.errors?.map((e: { path: string }) => e.path), ['/phone']);
  }
  assert.equal((await t.db.selectFrom('staff').select('phone').where('id', '=', member).executeTakeFirstOrThrow()).phone, '0988000111');

  // Blank or null clears.
  assert.deepEqual((await call(t, 'PUT', `/api/v1/staff/${member}/phone`, { as: 'admin', body: { phone: '  ' } })).body, { phone: null });
  assert.deepEqual((await call(t, 'PUT', `/api/v1/units/${vhxh}/phone`, { as: 'admin', body: { phone: null } })).body, { phone: null });
  // The body is only the phone.
  assert.equal((await call(t, 'PUT', `/api/v1/units/${vhxh}/phone`, { as: 'admin', body: { phone: null, name: 'X' } })).status, 400);
});

test('another commune\'s unit or staff member is out of reach (404), and its phones are unchanged', async () => {
  const unit = await unitId('tan-lap', 'TTPVHCC');
  const member = await staffId('tl.hotich');
  const u = await call(t, 'PUT', `/api/v1/units/${unit}/phone`, { as: 'admin', body: { phone: '0912000000' } });
  assert.deepEqual([u.status, u.body.code], [404, 'NOT_FOUND']);
  const s = await call(t, 'PUT', `/api/v1/staff/${member}/phone`, { as: 'admin', body: { phone: '0912000000' } });
  assert.deepEqual([s.status, s.body.code], [404, 'NOT_FOUND']);
  assert.equal((await t.db.selectFrom('units').select('phone').where('id', '=', unit).executeTakeFirstOrThrow()).phone, '02083866101');
  assert.equal((await t.db.selectFrom('staff').select('phone').where('id', '=', member).executeTakeFirstOrThrow()).phone, '0912581204');
});

test('the database keeps only normalised phones (the CHECK of migration 025)', async () => {
  const member = await staffId('truongkt');
  for (const bad of ['0208 3855 100', '+84912345678', '0012345678', '']) {
    await assert.rejects(t.db.updateTable('staff').set({ phone: bad }).where('id', '=', member).execute(), /staff_phone_format/, bad);
  }
  await assert.rejects(t.db.updateTable('communes').set({ phone: 'x' }).where('id', '=', 'xuan-duong').execute(), /communes_phone_format/);
  await assert.rejects(t.db.updateTable('units').set({ phone: 'x' }).where('commune_id', '=', 'xuan-duong').execute(), /units_phone_format/);
});

test('property: every number the rule accepts is stored in the form the database accepts, and normalising twice changes nothing', () => {
  const digit = fc.constantFrom(...'0123456789');
  const sep = fc.constantFrom('', '', ' ', '.', '-');
  const typed = fc.tuple(
    fc.constantFrom('0', '+84', '+84 '),
    fc.constantFrom(...'123456789'),
    fc.array(fc.tuple(sep, digit), { minLength: 8, maxLength: 9 }),
  ).map(([lead, first, rest]) => `${lead}${first}${rest.map(([s, d]) => s + d).join('')}`);
  fc.assert(fc.property(typed, (phone) => {
    const stored = workPhone(phone);
    assert.ok(stored !== null && /^0[1-9][0-9]{8,9}$/.test(stored), `${phone} → ${stored}`);
    assert.equal(workPhone(stored), stored);
  }));
  fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => {
    try {
      const stored = workPhone(s);
      assert.ok(stored === null || /^0[1-9][0-9]{8,9}$/.test(stored), `${s} → ${stored}`);
    } catch (e) {
      assert.ok(e instanceof Problem && e.code === 'PHONE_INVALID', String(e));
    }
  }));
});
