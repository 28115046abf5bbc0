// A commune's catalogue choices reach the intake (migration 046): a procedure the commune does not offer at its desk is
// refused at the counter, online, and for a dossier forwarded by the national portal alike, with a Vietnamese reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { forgetCommuneChoices, setNotOffered } from '../../src/province/choices-store.ts';
import { KHAI_SINH, TTHN, helpers, newCoverage, refused } from '../dossiers/action-helpers.ts';

const t = await testApp();
const { intake } = helpers(t, newCoverage());

test('a procedure the commune does not offer is refused at intake; the others are received', async () => {
  await setNotOffered(t.db, 'tan-lap', [KHAI_SINH]);
  forgetCommuneChoices();
  try {
    refused(await intake(KHAI_SINH, '2026-12-21T08:00', 'tl.motcua'), 422, 'PROCEDURE_NOT_OFFERED');
    assert.equal((await intake(TTHN, '2026-12-21T08:10', 'tl.motcua')).status, 201);
    assert.equal((await intake(KHAI_SINH, '2026-12-21T08:20', 'motcua')).status, 201, 'another commune still offers it');
  } finally {
    await setNotOffered(t.db, 'tan-lap', []);
    forgetCommuneChoices();
  }
  assert.equal((await intake(KHAI_SINH, '2026-12-21T08:30', 'tl.motcua')).status, 201);
});
