// The demo's dossiers from the national portal: filed on the stand-in portal and forwarded to the inbound endpoint,
// waiting for the desk's receipt, known to the portal (so the sync's updates of them are valid there); a second call
// files nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { fileDemoInbound } from '../../src/demo/inbound.ts';

const t = await testApp({ listen: true, standIns: ['portal'] });
const portal = t.outside.portal.control!;

test('three dossiers arrive from the portal, awaiting receipt; calling it again files nothing', async () => {
  assert.equal(await fileDemoInbound(t.db, portal, ['xuan-duong']), 3);
  const rows = await t.db.selectFrom('inbound_dossiers as i').innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
    .select(['d.state', 'd.channel', 'd.external_code', 'i.portal_code']).where('i.commune_id', '=', 'xuan-duong').execute();
  assert.equal(rows.length, 3);
  for (const r of rows) {
    assert.deepEqual([r.state, r.channel, r.external_code], [1, 'online', r.portal_code]);
    assert.equal(portal.dossier(r.portal_code)?.filedHere, true, 'the portal holds what it forwarded');
  }
  const events = async () => (await t.db.selectFrom('dossier_events').select('seq').where('actor_id', '=', 'system:dvcqg').execute()).length;
  const before = await events();
  assert.equal(before, 3 + 4, 'three filings and four files, by the portal');
  assert.equal(await fileDemoInbound(t.db, portal, ['xuan-duong']), 0);
  assert.equal(await events(), before);
});
