// The demo's dossiers from the national portal: created through the inbound service, waiting for the desk's receipt,
// and a second run (a replay of the same portal codes) writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { generateDemoInbound } from '../../src/demo/inbound.ts';

const { db } = await testDb();
const now = new Date('2026-12-07T10:00:00+07:00');

test('three dossiers arrive from the portal, awaiting receipt; running it again adds nothing', async () => {
  assert.equal(await generateDemoInbound(db, 'xuan-duong', now), 3);
  const rows = await db.selectFrom('inbound_dossiers as i').innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .select(['d.state', 'd.channel', 'd.external_code', 'i.portal_code']).where('i.commune_id', '=', 'xuan-duong').execute();
  assert.equal(rows.length, 3);
  for (const r of rows) assert.deepEqual([r.state, r.channel, r.external_code], [1, 'online', r.portal_code]);
  const events = async () => (await db.selectFrom('dossier_events').select('seq').where('actor_id', '=', 'system:dvcqg').execute()).length;
  const before = await events();
  assert.equal(before, 3 + 4, 'three filings and four files, by the portal');
  assert.equal(await generateDemoInbound(db, 'xuan-duong', now), 3);
  assert.equal(await events(), before);
  assert.equal((await db.selectFrom('inbound_dossiers').select('id').execute()).length, 3);
});
