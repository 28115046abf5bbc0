// Issue 13, findings 7 and 8, as the history endpoint shows them: an entry edited with the append-only triggers off
// and the chain recomputed the old, unkeyed way is not `intact` (the keyed chain breaks at that entry); renaming an
// officer does not rewrite who acted in the past.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { rename, rewriteUnkeyed } from './attacker.ts';
import { forgetActorNames } from '../../src/dossiers/store.ts';

process.env.XASO_KEY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-keys-'));
const t = await testApp();
const KHAI_SINH = '1.001193';

async function routedDossier(): Promise<string> {
  t.setNow('2026-12-02T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const hotich = await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow();
  t.setNow('2026-12-02T08:30:00+07:00');
  const a = await call(t, 'POST', `/api/v1/dossiers/${d.body.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(hotich.id) } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  return d.body.id as string;
}

const history = async (id: string) => (await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' })).body;

test('an entry edited and the chain recomputed unkeyed: the history is not intact, from that entry', async () => {
  const untouched = await routedDossier();
  const first = await routedDossier();
  const second = await routedDossier();
  assert.equal((await history(first)).intact, true);

  await rewriteUnkeyed(t.url, first, 1, { note: 'sửa lén' });
  const h1 = await history(first);
  assert.equal(h1.intact, false);
  assert.equal(h1.firstBrokenSeq, 1);

  // The second entry rewritten; the first, untouched, still holds.
  await rewriteUnkeyed(t.url, second, 2, { note: 'sửa lén' });
  const h2 = await history(second);
  assert.equal(h2.intact, false);
  assert.equal(h2.firstBrokenSeq, 2);

  assert.equal((await history(untouched)).intact, true);
});

test('renaming an officer leaves who acted in the past unchanged', async () => {
  const id = await routedDossier();
  const before = await history(id);
  const oldName = before.events[0].actorName as string;
  assert.ok(oldName, 'the receiving officer is named');
  await rename(t.url, 'motcua', 'Tên Mới Sau Khi Đổi', 'Chức danh mới');
  // Renamed in the database directly: the names an officer's entries are signed with are kept 5 s (a rename through
  // the app forgets them at once, org/store.ts), so this process is told as the app would be.
  forgetActorNames();
  const after = await history(id);
  assert.deepEqual(after.events.map((e: { actorName: string }) => e.actorName), before.events.map((e: { actorName: string }) => e.actorName));
  assert.equal(after.events[0].actorName, oldName);
  assert.equal(after.intact, true, 'the stored name is part of the keyed entry and still verifies');
  // A new action is recorded under the new name.
  t.setNow('2026-12-02T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal((await history(d.body.id)).events[0].actorName, 'Tên Mới Sau Khi Đổi');
});
