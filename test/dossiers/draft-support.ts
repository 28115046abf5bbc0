// The draft e-certificate step of an online civil-status registration (dossiers/core/preconditions.ts draftToConfirm)
// for tests that walk a dossier to its result: the specialist sends the draft and the applicant confirms it, at the
// dossier's last action time (the app's clock is fixed in these tests). Does nothing for a dossier with no draft to
// send (filed at the counter, another field, a refusal).
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { act, reviveProjection } from '../../src/dossiers/service.ts';
import { idNumberOf, loadDossier } from '../../src/dossiers/store.ts';
import { call } from '../support/http.ts';
import type { TestApp } from '../support/app.ts';

export async function passDraft(t: TestApp, id: string, specialist: string): Promise<void> {
  const d = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: specialist });
  if (!(d.body.allowedActions as string[] | undefined)?.includes('send_draft')) return;
  const sent = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/send_draft`, { as: specialist, body: {} });
  assert.equal(sent.status, 200, `send_draft: ${JSON.stringify(sent.body)}`);
  await confirmDraft(t.db, id);
}

/** The applicant confirms the draft sent to them (as the portal's "Xác nhận thông tin đúng" does). */
export async function confirmDraft(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await loadDossier(trx, null, id);
    const idNumber = await idNumberOf(trx, id);
    assert.ok(row && idNumber, 'a dossier with the applicant\'s ID number');
    await act(trx, { citizen: idNumber }, id, 'confirm_draft', {}, reviveProjection(row.projection).lastActionAt);
  });
}
