// Procedures listed for guidance and routing only (catalogue `routingOnly`): residence registration and confirmation,
// decided by Công an xã under Luật Cư trú 2020, not by the People's Committee. The commune receives no dossier of
// them — at the counter (received or refused), online through the portal or the public API — the counter's intake
// list hides them, the portal's procedure page guides the citizen to the police instead of offering to file online,
// and migration 026 marks the versions an earlier release stored.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { kyselyFor } from '../../src/db/connect.ts';
import { forgetProcedures } from '../../src/catalogue/store.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { Browser, textOf } from '../web/portal-support.ts';
import { browserAs } from '../web/staff-browser.ts';

const t = await testApp();
const THUONG_TRU = 'CA.LOCAL.001';
const ROUTING_ONLY = ['CA.LOCAL.001', 'CA.LOCAL.002', 'CA.LOCAL.003'];
const CITIZEN = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });

/** A refusal of ROUTING_ONLY_PROCEDURE whose Vietnamese message sends the citizen to the police. */
function refusedAsRoutingOnly(r: { status: number; body: Record<string, unknown> }) {
  assert.equal(r.status, 409, JSON.stringify(r.body));
  assert.equal(r.body.code, 'ROUTING_ONLY_PROCEDURE');
  assert.match(String(r.body.detail ?? r.body.title), /Công an/);
  assert.match(String(r.body.detail ?? r.body.title), /không tiếp nhận hồ sơ/);
}

const dossierCount = async () => Number((await t.db.selectFrom('dossiers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('the counter: neither received nor refused (409 ROUTING_ONLY_PROCEDURE naming Công an), nothing written', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const before = await dossierCount();
  for (const code of ROUTING_ONLY) {
    refusedAsRoutingOnly(await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: code, applicant: applicant() } }));
  }
  refusedAsRoutingOnly(await call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua', body: { procedureCode: THUONG_TRU, applicant: applicant(), action: 'refuse_receipt', reason: 'Thủ tục do Công an xã giải quyết' },
  }));
  assert.equal(await dossierCount(), before);
  // the commune's own procedures are received as before
  const own = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.004873', applicant: applicant() } });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  t.setNow(null);
});

test('online: the filing start page is 404 and the public submissions API refuses it', async () => {
  const b = new Browser(t);
  for (const code of ROUTING_ONLY) assert.equal((await b.get(`/nop-ho-so/${code}`)).status, 404, code);
  await b.get('/'); // a page with the form token
  assert.equal((await b.post(`/nop-ho-so/${THUONG_TRU}`)).status, 404);
  const before = await dossierCount();
  refusedAsRoutingOnly(await fileOnline(t, { procedureCode: THUONG_TRU, applicant: CITIZEN, answers: {} }));
  assert.equal(await dossierCount(), before);
});

test('the portal\'s procedure page guides the citizen to Công an, with no "Nộp hồ sơ trực tuyến" link', async () => {
  const b = new Browser(t);
  for (const code of ROUTING_ONLY) {
    const page = await b.get(`/thu-tuc/${code}`);
    assert.equal(page.status, 200, code);
    assert.match(textOf(page.body), /Thủ tục do Công an cấp xã giải quyết/);
    assert.match(textOf(page.body), /Ủy ban nhân dân xã không tiếp nhận hồ sơ của thủ tục này\. Vui lòng nộp hồ sơ tại Công an cấp xã/);
    assert.ok(!page.body.includes('/nop-ho-so/'), `${code}: no link to file online`);
    assert.ok(!page.body.includes('>Nộp hồ sơ trực tuyến</a>'), code);
  }
  // a procedure the commune receives online keeps its button
  assert.ok((await b.get('/thu-tuc/1.001193')).body.includes('href="/nop-ho-so/1.001193"'));
});

test('the counter\'s intake page lists no routing-only procedure, even when searched for', async () => {
  const officer = await browserAs(t, 'motcua');
  const all = await officer.get('/can-bo/tiep-nhan');
  assert.equal(all.status, 200);
  assert.ok(!all.body.includes('CA.LOCAL'), 'none in the full list');
  assert.ok(all.body.includes('value="1.001193"'), 'the commune\'s procedures are listed');
  for (const q of ['thuong tru', 'tạm trú', 'CA.LOCAL.003']) {
    const found = await officer.get(`/can-bo/tiep-nhan?q=${encodeURIComponent(q)}`);
    assert.equal(found.status, 200);
    assert.ok(!/<option value="CA\.LOCAL|\(CA\.LOCAL/.test(found.body), q); // only the search box echoes the words
  }
  // while the portal's catalogue lists them, for guidance
  assert.ok((await new Browser(t).get('/thu-tuc?q=thuong+tru')).body.includes('href="/thu-tuc/CA.LOCAL.001"'));
});

test('migration 026 marks the residence versions an earlier release stored, and only them', async () => {
  // As the owner, as migrations run (the application role may not write the catalogue).
  const owner = kyselyFor(new pg.Pool({ connectionString: t.url, max: 2 }));
  after(() => owner.destroy());
  const migration = fs.readFileSync(new URL('../../src/db/migrations/026_routing_only.sql', import.meta.url), 'utf8');
  const stored = async () => new Map((await owner.selectFrom('procedures').select(['code', 'version', 'data']).execute())
    .map((r) => [`${r.code} ${r.version}`, r.data as { routingOnly?: boolean }]));
  const shipped = await stored();
  // What an earlier release stored: the residence versions without the marker, and one more version of them (a later
  // one, as an administrator may have added) without it either.
  await sql`UPDATE procedures SET data = data - 'routingOnly' WHERE code LIKE 'CA.LOCAL.%'`.execute(owner);
  const old = await owner.selectFrom('procedures').selectAll().where('code', '=', 'CA.LOCAL.002').executeTakeFirstOrThrow();
  await owner.updateTable('procedures').set({ effective_to: '2027-07-01' }).where('code', '=', 'CA.LOCAL.002').execute();
  await owner.insertInto('procedures').values({
    code: 'CA.LOCAL.002', version: old.version + 1, effective_from: '2027-07-01', effective_to: null, name: old.name, field_code: old.field_code,
    field_name: old.field_name, handling_unit_code: old.handling_unit_code, data: JSON.stringify({ ...(old.data as object), version: old.version + 1, effectiveFrom: '2027-07-01' }),
  }).execute();
  const before = await stored();
  assert.ok([...before].every(([, d]) => d.routingOnly === undefined), 'no version marked before the migration');

  await sql.raw(migration).execute(owner);
  const after1 = await stored();
  assert.equal(after1.size, shipped.size + 1);
  for (const [key, d] of after1) {
    const residence = key.startsWith('CA.LOCAL.');
    assert.equal(d.routingOnly, residence ? true : undefined, key);
    if (!residence || key !== `CA.LOCAL.002 ${old.version + 1}`) assert.deepEqual(d, shipped.get(key), `${key}: as the current seed stores it`);
  }
  assert.equal([...after1.keys()].filter((k) => k.startsWith('CA.LOCAL.')).length, 4);
  await sql.raw(migration).execute(owner);
  assert.deepEqual(await stored(), after1, 'run twice, the same');
  // the application reads the marker (after the restart that follows a migration): the later version is refused too
  forgetProcedures();
  t.setNow('2027-07-02T09:00:00+07:00');
  refusedAsRoutingOnly(await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: 'CA.LOCAL.002', applicant: applicant() } }));
  t.setNow(null);
});
