// Who may file a procedure online (catalogue field onlineIdentity): e-identity required unless the version says
// otherwise; the shipped procedures keep the default without naming it; an exception only for a procedure filed online.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Value } from '@sinclair/typebox/value';
import { validateProcedure } from '../../src/catalogue/core/validate.ts';
import { OnlineIdentitySchema, ProcedureVersionSchema, onlineIdentityOf, type ProcedureVersionInput } from '../../src/catalogue/core/types.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';

const at = new Date('2026-01-15T03:00:00Z');
const seed = (code: string): ProcedureVersionInput => structuredClone(findSeedProcedure(code, at)!);
const BIRTH = '1.001193'; // online
const COPY = '2.000815'; // direct only

test('absent, the field means "e-identity required": the seeds need not name it', () => {
  const p = seed(BIRTH);
  assert.equal(p.onlineIdentity, undefined);
  assert.equal(onlineIdentityOf(p), 'eid');
  assert.equal(onlineIdentityOf({ ...p, onlineIdentity: 'eid_or_other' }), 'eid_or_other');
  assert.ok(!(ProcedureVersionSchema.required as string[] | undefined)?.includes('onlineIdentity'), 'optional in the schema');
  assert.deepEqual(['eid', 'eid_or_other', 'password'].map((v) => Value.Check(OnlineIdentitySchema, v)), [true, true, false]);
});

test('validation: a known value, and the exception only for a procedure filed online', () => {
  assert.deepEqual(validateProcedure({ ...seed(BIRTH), onlineIdentity: 'eid_or_other' }), []);
  assert.deepEqual(validateProcedure({ ...seed(COPY), onlineIdentity: 'eid' }), [], 'the default may be written anywhere');
  const codes = (p: ProcedureVersionInput) => validateProcedure(p).map((i) => [i.path, i.code]);
  assert.deepEqual(codes({ ...seed(COPY), onlineIdentity: 'eid_or_other' }), [['onlineIdentity', 'online_identity.not_online']]);
  assert.deepEqual(codes({ ...seed(BIRTH), onlineIdentity: 'password' as never }), [['onlineIdentity', 'online_identity.invalid']]);
});
