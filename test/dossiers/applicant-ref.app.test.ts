// Issue 13, finding 4: the applicant's reference in the log is a keyed hash of their ID number (the key kept out of the
// database), so a reader of the database or of the log cannot recover the number by trying candidates; dossiers filed
// under the old unkeyed reference still know their applicant; and roles that may not read ID numbers are not shown the
// references at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { act, applicantRef, legacyApplicantRef } from '../../src/dossiers/service.ts';
import { secretKey } from '../../src/shared/secret-key-store.ts';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';

const t = await testApp();
const ID = '001203004567';
/** What the attack did: try every ID number of a guessed province, sex/century and birth year (here 10 000 numbers
 *  around the right one) against the reference, as the unkeyed formula computes it. */
const guess = (ref: string) => {
  for (let n = 0; n < 10_000; n++) {
    const candidate = `0012030${String(n).padStart(5, '0')}`;
    if (legacyApplicantRef(candidate) === ref || `cd:${crypto.createHash('sha256').update(`xaso-applicant:${candidate}`).digest('hex').slice(0, 24)}` === ref) return candidate;
  }
  return null;
};

async function filed(idNumber = ID) {
  const r = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ idNumber }) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}
const rowsOf = async (id: string) => ({
  events: await t.db.selectFrom('dossier_events').select(['actor_id', 'actor_role', 'payload']).where('dossier_id', '=', id).orderBy('seq').execute(),
  dossier: await t.db.selectFrom('dossiers').select(['projection']).where('id', '=', id).executeTakeFirstOrThrow(),
});

test('the reference in the log and the projection is keyed: guessing ID numbers does not find it', async () => {
  const id = await filed();
  const { events, dossier } = await rowsOf(id);
  const ref = events[0]!.actor_id;
  assert.equal(events[0]!.actor_role, 'citizen');
  assert.equal(ref, applicantRef(ID));
  assert.equal((dossier.projection as { applicantId: string }).applicantId, ref);
  assert.equal(guess(ref), null, 'the ID number is not recovered from the reference');
  assert.equal(guess(legacyApplicantRef(ID)), ID, 'the same guess does recover it from the unkeyed reference');
  assert.ok(!JSON.stringify({ events, dossier }).includes(legacyApplicantRef(ID)), 'the unkeyed reference is written nowhere');
  // The key is none of the database's secrets: with the database alone, the reference is not recomputed.
  const secrets = await t.db.selectFrom('server_secrets').select(['name', 'value']).execute();
  for (const s of secrets) {
    assert.notEqual(crypto.createHmac('sha256', s.value).update(ID).digest('hex').slice(0, 32), ref.slice(3), s.name);
  }
  const otherKey = secretKey('applicant-ref', '/nonexistent', { XASO_SECRET_KEY: crypto.randomBytes(32).toString('hex') });
  assert.notEqual(crypto.createHmac('sha256', otherKey).update(ID).digest('hex').slice(0, 32), ref.slice(3), 'another key, another reference');
});

test('a dossier filed under the unkeyed reference still knows its applicant; the new entry carries the keyed one', async () => {
  const id = await filed();
  // As before issue 13: the projection holds the unkeyed reference (the hash-chained entries are never rewritten).
  const row = await t.db.selectFrom('dossiers').select('projection').where('id', '=', id).executeTakeFirstOrThrow();
  await t.db.updateTable('dossiers').set({ projection: JSON.stringify({ ...(row.projection as object), applicantId: legacyApplicantRef(ID) }) }).where('id', '=', id).execute();

  const someoneElse = t.db.transaction().execute((trx) => act(trx, { citizen: '001203009999' }, id, 'withdraw', {}, new Date()));
  await assert.rejects(someoneElse, (e: { status?: number; code?: string }) => e.status === 403 && e.code === 'NOT_YOUR_DOSSIER');
  const w = await t.db.transaction().execute((trx) => act(trx, { citizen: ID }, id, 'withdraw', {}, new Date()));
  assert.equal(w.row.state, 7, 'withdrawn by its applicant');
  const { events } = await rowsOf(id);
  assert.deepEqual(events.map((e) => [e.actor_role, e.actor_id]).at(-1), ['citizen', applicantRef(ID)]);
});

test('roles that may not read ID numbers are not shown the citizen references; the others are', async () => {
  const id = await filed();
  const legacy = await filed();
  const row = await t.db.selectFrom('dossiers').select('projection').where('id', '=', legacy).executeTakeFirstOrThrow();
  await t.db.updateTable('dossiers').set({ projection: JSON.stringify({ ...(row.projection as object), applicantId: legacyApplicantRef(ID) }) }).where('id', '=', legacy).execute();
  await t.db.transaction().execute((trx) => act(trx, { citizen: ID }, legacy, 'withdraw', {}, new Date()));

  for (const d of [id, legacy]) {
    for (const url of [`/api/v1/dossiers/${d}`, `/api/v1/dossiers/${d}/history`]) {
      const admin = await call(t, 'GET', url, { as: 'admin' });
      assert.equal(admin.status, 200, JSON.stringify(admin.body));
      const shown = JSON.stringify(admin.body);
      assert.ok(!/"(cd|ck):[0-9a-f]/.test(shown), `${url}: no reference for the administrator: ${shown.slice(0, 400)}`);
      assert.ok(!shown.includes('applicantId'), url);
      assert.ok(admin.body.events.some((e: { actorRole: string; actorId: string }) => e.actorRole === 'citizen' && e.actorId === 'citizen'));
    }
    const officer = await call(t, 'GET', `/api/v1/dossiers/${d}`, { as: 'motcua' });
    assert.equal(officer.body.events[0].actorId, applicantRef(ID), 'the receiving officer, who sees the ID number, sees the reference');
  }
});
