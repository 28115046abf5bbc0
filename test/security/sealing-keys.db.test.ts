// Second-factor secrets and signers' private keys are sealed under a key derived from the secret key kept outside the
// database (issue 13): the database's own server secrets no longer open them, so a dump alone reveals neither. Values
// an earlier release sealed under the database's key still open, and are sealed again at the next start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testDb } from '../support/db.ts';
import { cachedSecret } from '../../src/shared/secrets-store.ts';
import { seal, unseal } from '../../src/shared/seal.ts';
import { checkLoginCode, confirmEnrolment, pendingSecret, resealTotpSecrets, startEnrolment } from '../../src/identity/staff/totp-store.ts';
import { credentialKey, insertCredential, resealSigningKeys } from '../../src/signatures/credentials-store.ts';
import { totp } from '../../src/identity/staff/core/totp.ts';

const { db } = await testDb();
const staff = await db.selectFrom('staff').select('id').orderBy('id').limit(2).execute();
const opensWith = (key: Buffer, sealed: Buffer, aad = '') => {
  try {
    unseal(key, sealed, aad);
    return true;
  } catch {
    return false;
  }
};

test('a new second-factor secret does not open with the database\'s own key; it works for enrolment and login', async () => {
  const id = staff[0]!.id;
  const secret = (await startEnrolment(db, id))!;
  const row = await db.selectFrom('staff_totp').select('secret_enc').where('staff_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(opensWith(await cachedSecret(db, 'totp-key'), row.secret_enc), false, 'the database\'s key does not open it');
  assert.deepEqual(await pendingSecret(db, id), secret);
  const now = new Date('2026-12-07T01:00:00Z');
  assert.equal(await confirmEnrolment(db, id, totp(secret, now), now), null);
});

test('a secret sealed by an earlier release (under the database\'s key) still works, and is sealed again at start', async () => {
  const id = staff[1]!.id;
  const secret = crypto.randomBytes(20);
  const legacy = seal(await cachedSecret(db, 'totp-key'), secret);
  await db.insertInto('staff_totp').values({ staff_id: id, secret_enc: legacy, confirmed_at: new Date('2026-01-01T00:00:00Z'), last_step: null }).execute();
  const now = new Date('2026-12-07T02:00:00Z');
  assert.equal(await checkLoginCode(db, id, totp(secret, now), now), true, 'the old seal opens');
  assert.equal(await resealTotpSecrets(db), 1, 'sealed again');
  assert.equal(await resealTotpSecrets(db), 0, 'once');
  const row = await db.selectFrom('staff_totp').select('secret_enc').where('staff_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(opensWith(await cachedSecret(db, 'totp-key'), row.secret_enc), false);
  const later = new Date('2026-12-07T02:05:00Z');
  assert.equal(await checkLoginCode(db, id, totp(secret, later), later), true, 'and still works');
});

test('a signer\'s private key: new ones sealed outside the database\'s reach; an old one opens and is sealed again', async () => {
  const keyDer = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' });
  const base = { source: 'imported' as const, subject: 'CN=Thử', issuer: 'CN=Thử', serial: '01', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01'), certificatePem: '-', chainPem: '', createdBy: null };
  const c = (await insertCredential(db, { ...base, holder: { kind: 'organisation', communeId: 'xuan-duong' }, fingerprint: 'a'.repeat(64), keyDer }))!;
  const stored = await db.selectFrom('signing_credentials').select('key_sealed').where('id', '=', c.id).executeTakeFirstOrThrow();
  assert.equal(opensWith(await cachedSecret(db, 'signing-key'), stored.key_sealed, `signing-credential:${c.fingerprint}`), false);
  assert.deepEqual(await credentialKey(db, c), keyDer);
  // As an earlier release stored it (written as the owner would have; the application may rewrite only this column).
  await db.updateTable('signing_credentials').set({ key_sealed: seal(await cachedSecret(db, 'signing-key'), keyDer, `signing-credential:${c.fingerprint}`) })
    .where('id', '=', c.id).execute();
  assert.deepEqual(await credentialKey(db, c), keyDer, 'the old seal opens');
  assert.equal(await resealSigningKeys(db), 1);
  assert.deepEqual(await credentialKey(db, c), keyDer, 'and still opens after');
  assert.equal(await resealSigningKeys(db), 0);
});
