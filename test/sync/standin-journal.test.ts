// The stand-in national portal remembers what it accepted across restarts (its journal file), as the real portal
// would: after Xã Số restarts, its updates of a dossier the portal already holds are valid updates, a message id it
// answered is answered the same, the codes it gives dossiers filed on it go on from where they were — and the journal
// holds no applicant data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { startStandInPortal } from '../../src/outside/portal-standin.ts';
import { PORTAL_PATHS } from '../../src/sync/core/contract.ts';
import { mapHoSo } from '../../src/sync/core/mapping.ts';
import { PATHS, sourceOf } from './sources.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-portal-'));
const journal = path.join(dir, 'cong-dvcqg-gia-lap.jsonl');
const o = { token: 't0k3n', inboundKey: 'k', inboundUrl: 'http://127.0.0.1:9/nowhere', journal };

const send = async (url: string, endpoint: 'create' | 'update', body: unknown, id: string) => {
  const r = await fetch(`${url}${PORTAL_PATHS[endpoint]}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, 'x-message-id': id },
  });
  return (await r.json()) as { error_code: string };
};

test('after a restart the portal still knows its dossiers, its answered message ids and its filing numbers', async () => {
  const s = sourceOf(PATHS[0]!, { channel: 'direct', id: '001190004567', portal: false, minutes: [] });
  const created = mapHoSo(s, 1, 'https://xaso.example');
  const first = crypto.randomUUID();
  let portal = await startStandInPortal(o);
  assert.equal((await send(portal.url, 'create', [created], first)).error_code, '0');
  const filed = await portal.file({ procedureCode: '1.001193', communeId: 'xuan-duong', applicantName: 'Lê Thị Hồng', idNumber: '001190004567', files: [] });
  await portal.stop();

  portal = await startStandInPortal(o);
  try {
    assert.equal((await send(portal.url, 'create', [created], first)).error_code, '0', 'the same message id, answered the same');
    assert.equal((await send(portal.url, 'create', [created], crypto.randomUUID())).error_code, 'HO_SO_DA_TON_TAI', 'the dossier is still there');
    assert.equal((await send(portal.url, 'update', [mapHoSo(s, 2, 'https://xaso.example')], crypto.randomUUID())).error_code, '0');
    assert.equal(portal.dossier(filed.code)?.filedHere, true);
    const next = await portal.file({ procedureCode: '1.001193', communeId: 'xuan-duong', applicantName: 'Lê Thị Hồng', idNumber: '001190004567', files: [] });
    assert.notEqual(next.code, filed.code, 'a new filing number');
  } finally {
    await portal.stop();
  }
  const text = fs.readFileSync(journal, 'utf8');
  assert.doesNotMatch(text, /001190004567|Nguyễn Văn A|0912345678/, 'no applicant data in the journal');
  fs.rmSync(dir, { recursive: true, force: true });
});
