// The staff's secrets under row-level security (issue 16, migration 051): the application role reads no password
// hash (column privileges), only one account's through staff_password_hash(), in '*' or the account's own commune;
// a TOTP factor is its commune's only. And the login flows still work, also for an account of another commune than
// the session cookie the browser still holds (the login runs in '*').
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { hashSync } from '@node-rs/argon2';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, hiddenFields } from '../web/staff-browser.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { ALL, NONE, withScope } from '../../src/db/scope.ts';
import { base32Decode, totp } from '../../src/identity/staff/core/totp.ts';

const A = 'xuan-duong';
const B = 'tan-lap';
const t = await testApp();
const owner = new pg.Pool({ connectionString: t.url, max: 1 });
after(() => owner.end());

const ownerValue = async <T>(text: string, values: unknown[] = []) => Object.values((await owner.query(text, values)).rows[0] as object)[0] as T;
const staffId = async (username: string) => Number(await ownerValue<string>('SELECT id FROM staff WHERE username = $1', [username]));
const storedHash = (id: number) => ownerValue<string>('SELECT password_hash FROM staff WHERE id = $1', [id]);
const denied = (e: { code?: string }) => e.code === '42501';

test('no query of the application role reads a password hash; every other column of staff stays readable', async () => {
  for (const scope of [ALL, A]) {
    await withScope(scope, async () => {
      await assert.rejects(sql`SELECT password_hash FROM staff`.execute(t.db), denied, `scope ${scope}`);
      await assert.rejects(t.db.selectFrom('staff').selectAll().execute(), denied, 'SELECT * names the hash too: name the columns');
      await assert.rejects(sql`SELECT id FROM staff WHERE password_hash LIKE '$argon2id$%'`.execute(t.db), denied, 'nor filter on it');
    });
  }
  // A new column of staff needs its own GRANT SELECT (column) (migration 051): all but the hash are readable.
  const columns = (await owner.query<{ c: string }>(`SELECT attname AS c FROM pg_attribute
    WHERE attrelid = 'staff'::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'password_hash'`)).rows.map((r) => r.c);
  assert.ok(columns.includes('username') && columns.includes('commune_id'));
  const r = await sql`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM staff`.execute(t.db);
  assert.ok(r.rows.length > 10);
  // Counting and writing need no hash: the directory's count, a new hash set by the commune's administrator.
  assert.ok(Number((await sql<{ n: number }>`SELECT count(*) AS n FROM staff`.execute(t.db)).rows[0]!.n) > 10);
});

test("staff_password_hash() answers for '*' and the account's own commune only; the rehash function alike", async () => {
  const [a, b] = [await staffId('hotich'), await staffId('tl.hotich')];
  const hashOf = (scope: string, id: number) =>
    withScope(scope, () => sql<{ h: string | null }>`SELECT staff_password_hash(${id}::bigint) AS h`.execute(t.db)).then((r) => r.rows[0]!.h);
  assert.equal(await hashOf(ALL, b), await storedHash(b));
  assert.equal(await hashOf(B, b), await storedHash(b));
  assert.equal(await hashOf(A, a), await storedHash(a));
  assert.equal(await hashOf(A, b), null, "commune A cannot read B's hash, even by asking for it");
  assert.equal(await hashOf(NONE, a), null, 'no scope, no hash');
  const replace = (scope: string, id: number, previous: string) =>
    withScope(scope, () => sql<{ ok: boolean }>`SELECT staff_replace_password_hash(${id}::bigint, ${previous}, 'x') AS ok`.execute(t.db)).then((r) => r.rows[0]!.ok);
  const before = await storedHash(b);
  assert.equal(await replace(A, b, before), false);
  assert.equal(await replace(B, b, 'not the hash'), false, 'only if unchanged meanwhile');
  assert.equal(await storedHash(b), before);
});

test("a TOTP factor is its commune's: another commune neither reads, resets nor plants one", async () => {
  await owner.query(`INSERT INTO staff_totp (staff_id, secret_enc) SELECT id, '\\x00' FROM staff WHERE username IN ('truongkt', 'tl.truongkt')`);
  const [a, b] = [await staffId('truongkt'), await staffId('tl.truongkt')];
  const seen = (scope: string) => withScope(scope, () => t.db.selectFrom('staff_totp').select('staff_id').where('staff_id', 'in', [a, b]).execute())
    .then((rows) => rows.map((r) => Number(r.staff_id)).sort());
  assert.deepEqual(await seen(A), [a]);
  assert.deepEqual(await seen(B), [b]);
  assert.deepEqual(await seen(ALL), [a, b].sort());
  assert.equal(Number((await withScope(A, () => t.db.deleteFrom('staff_totp').where('staff_id', '=', b).executeTakeFirst())).numDeletedRows), 0);
  const other = await staffId('tl.chutich');
  await withScope(A, () => assert.rejects(t.db.insertInto('staff_totp').values({ staff_id: other, secret_enc: Buffer.alloc(1) }).execute(), denied));
  await owner.query('DELETE FROM staff_totp WHERE staff_id = ANY($1)', [[a, b]]);
});

test('the login still works: a weaker hash is replaced, and a browser holding one commune\'s session logs into the other\'s account, with its TOTP', async () => {
  const id = await staffId('tl.diachinh');
  await owner.query('UPDATE staff SET password_hash = $1 WHERE id = $2', [hashSync(DEMO_PASSWORD, { memoryCost: 4096, timeCost: 1 }), id]);
  const api = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'tl.diachinh', password: DEMO_PASSWORD } });
  assert.equal(api.statusCode, 200);
  assert.match(await storedHash(id), /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 'rehashed at login');

  // tl.chutich turns the second factor on (their own commune's scope, the account page's API).
  t.setNow('2026-12-03T08:00:00Z');
  const as = { headers: { cookie: await t.login('tl.chutich') }, key: null };
  const setup = await call(t, 'POST', '/api/v1/auth/totp/setup', as);
  assert.equal(setup.status, 201);
  const key = base32Decode(setup.body.secret)!;
  assert.equal((await call(t, 'POST', '/api/v1/auth/totp/confirm', { ...as, body: { code: totp(key, new Date('2026-12-03T08:00:00Z')) } })).status, 200);

  // A browser still logged in as Xuân Dương's desk officer (a staff page: that commune's scope) logs in as Tân Lập's.
  for (const [username, factor] of [['tl.motcua', false], ['tl.chutich', true]] as const) {
    const br = await browserAs(t, 'motcua');
    const { fields } = hiddenFields((await br.get('/can-bo/ho-so')).body, '/can-bo/dang-xuat');
    const r = await br.post('/can-bo/dang-nhap', { _csrf: fields._csrf, username, password: DEMO_PASSWORD });
    assert.equal(r.status, 303, `${username}: ${r.body}`);
    if (factor) {
      assert.match(String(r.location), /ma-xac-thuc/);
      t.setNow('2026-12-03T08:00:30Z');
      const c = await br.submit(await br.get(r.location!), '/can-bo/dang-nhap/ma-xac-thuc', { code: totp(key, new Date('2026-12-03T08:00:30Z')) });
      assert.equal(c.status, 303, c.body);
    }
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `xaso_sid=${br.jar.get('xaso_sid')}` } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().communeId, B, `${username} is logged in`);
  }
  t.setNow(null);
});
