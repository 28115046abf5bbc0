// Guessing the portal's key: wrong keys are counted per client address; after INBOUND_KEY_POLICY.max of them in the
// window, that address is refused (429, the contract's shape) even with the right key until the window ends, and
// nothing is written. The window over, the right key works again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { INBOUND_KEY_POLICY } from '../../src/inbound/core/contract.ts';
import { forward, hoso } from './support.ts';

const t = await testApp();
t.setNow('2026-12-07T10:00:00+07:00');

test('wrong keys from one address lock it out for the window, even for the right key; nothing is written', async () => {
  const body = hoso();
  for (let i = 0; i < INBOUND_KEY_POLICY.max; i++) {
    const r = await forward(t, body, { key: `doan-${i}` });
    assert.equal(r.status, 401, `guess ${i + 1}`);
  }
  const locked = await forward(t, body);
  assert.equal(locked.status, 429);
  assert.equal(locked.body.error_code, 'TOO_MANY_ATTEMPTS');
  assert.match(locked.body.message, /quá nhiều lần/);
  assert.equal((await t.db.selectFrom('inbound_dossiers').select('id').execute()).length, 0);
  t.setNow('2026-12-07T10:16:00+07:00');
  const after = await forward(t, body);
  assert.equal(after.status, 200, JSON.stringify(after.body));
});
