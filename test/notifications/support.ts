// Helpers of the notification tests: a delivery round with its own clock and its own stand-ins (mailbox folder,
// SMS log), counter intakes with chosen applicant addresses, and the outbox rows of a dossier.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { startMessaging } from '../../src/outside/messaging.ts';
import { deliverRound, type RoundOptions } from '../../src/notifications/worker.ts';
import { channelsFor } from '../../src/notifications/channels.ts';
import type { Principal } from '../../src/identity/core/principal.ts';
import type { TestApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

export const PUBLIC_URL = 'http://xaso.test';
export const KHAI_SINH = '1.001193';

/** Stand-ins of our own (so the test can look into their folders) and a worker clock of our own. */
export async function delivery(t: TestApp) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-notice-test-'));
  const started = await startMessaging({ dataDir });
  after(async () => {
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  let now = new Date();
  const deps = { db: t.db, now: () => now, publicUrl: PUBLIC_URL, messaging: started.settings };
  return {
    messaging: started.settings,
    mailboxDir: started.settings.mailboxDir!,
    smsLogDir: started.settings.smsLogDir!,
    setNow(d: Date | string) {
      now = new Date(d);
    },
    now: () => now,
    round: (opts: RoundOptions = {}) => deliverRound(deps, opts),
  };
}

/** Counter intake by `motcua` at `at` (ISO), applicant with the given addresses; returns the dossier id. */
export async function intake(t: TestApp, at: string, contact: { email?: string; phone?: string }, as = 'motcua'): Promise<string> {
  t.setNow(at);
  const a = applicant({ phone: undefined, ...contact });
  const r = await call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode: KHAI_SINH, applicant: a } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

export async function act(t: TestApp, id: string, type: string, body: object = {}, as = 'motcua') {
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.ok(r.status < 300, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

export function outbox(t: TestApp, dossierId: string) {
  return t.db.selectFrom('notifications').selectAll().where('dossier_id', '=', dossierId).orderBy('id').execute();
}

/** The Principal of a demo staff member, for calling the service directly. */
export async function principalOf(t: TestApp, username: string): Promise<Principal> {
  const s = await t.db
    .selectFrom('staff as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.full_name', 's.commune_id', 's.unit_id', 'u.code', 's.roles'])
    .where('s.username', '=', username)
    .executeTakeFirstOrThrow();
  return { kind: 'staff', id: Number(s.id), name: s.full_name, communeId: s.commune_id, unitId: s.unit_id, unitCode: s.code, roles: s.roles as Principal['roles'] };
}

/** One delivery round through the app's own stand-ins (found on /health), as the server's worker does: what an
 *  end-to-end test calls to have the notices of its actions delivered to the stand-in mailbox. */
export async function deliverThroughApp(t: TestApp, now = new Date()) {
  const h = await call(t, 'GET', '/health');
  const url = (name: string) => (h.body.connections as { name: string; url: string }[]).find((c) => c.name === name)!.url;
  const messaging = { smtpUrl: url('mail'), mailFrom: 'xaso@localhost', mailboxDir: null, smsUrl: url('sms'), smsLogDir: null };
  const channels = channelsFor(messaging);
  try {
    return await deliverRound({ db: t.db, now: () => now, publicUrl: PUBLIC_URL, messaging }, { channels });
  } finally {
    channels.close();
  }
}
