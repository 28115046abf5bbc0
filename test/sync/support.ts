// Shared helpers of the sync tests: the worker's deps on a test app with a clock of our own, delivering every due
// message, and the stand-in portal's handle.
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.ts';
import { deliverRound, type SyncWorkerDeps } from '../../src/sync/worker.ts';
import type { PortalStandIn } from '../../src/outside/portal-standin.ts';

export function syncDeps(t: TestApp, clock: { now: Date }): SyncWorkerDeps {
  return { db: t.db, now: () => clock.now, portal: t.outside.portal };
}

export function standIn(t: TestApp): PortalStandIn {
  const s = t.outside.portal.control;
  assert.ok(s, 'the portal stand-in runs');
  return s;
}

/** The demo year's messages were written when the template was loaded: out of the way, so each test sees its own. */
export async function clearBacklog(t: TestApp): Promise<void> {
  await t.db.updateTable('sync_messages').set({ status: 'delivered' }).where('status', '<>', 'delivered').execute();
}

/** Delivery rounds until nothing more is due at the clock's time; the failures seen. */
export async function drain(deps: SyncWorkerDeps): Promise<{ code: string; message: string }[]> {
  const failures: { code: string; message: string }[] = [];
  for (let i = 0; i < 200; i++) {
    const r = await deliverRound(deps, { onFailure: (_id, code, message) => failures.push({ code, message }) });
    if (!r.claimed) return failures;
  }
  assert.fail('the outbox did not drain');
}

/** The dossier's messages, in order. */
export async function messagesOf(t: TestApp, dossierId: string) {
  return t.db.selectFrom('sync_messages').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
}
