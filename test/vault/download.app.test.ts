// Through the API: an attachment uploaded at the counter is stored encrypted and downloads as the original bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testApp, newKey } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { helpers, newCoverage, KHAI_SINH } from '../dossiers/action-helpers.ts';

const t = await testApp();
const { intake } = helpers(t, newCoverage());

test('an uploaded ID-card image is ciphertext in the database and the download gives back the same bytes', async () => {
  const d = await intake(KHAI_SINH, '2026-12-21T08:00');
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id as string;
  const proc = await t.db.selectFrom('procedures').select('data').where('code', '=', KHAI_SINH).orderBy('version', 'desc').executeTakeFirstOrThrow();
  const component = (proc.data as { components: { code: string }[] }).components[0]!.code;
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR CCCD 001204012345 '), crypto.randomBytes(4000)]);
  const m = multipart('cccd-mat-truoc.png', png, 'image/png');
  const up = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=scan`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  assert.equal(up.statusCode, 201, up.body);
  const sha = crypto.createHash('sha256').update(png).digest('hex');
  const row = await t.db.selectFrom('files').select(['content', 'key_version', 'size']).where('sha256', '=', sha).executeTakeFirstOrThrow();
  assert.ok(row.key_version !== null && row.key_version >= 1);
  assert.equal(row.size, png.length);
  assert.equal(row.content.includes(Buffer.from('001204012345')), false, 'the ID number is not readable in the database');
  const dl = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${up.json().id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'image/png');
  assert.deepEqual(dl.rawPayload, png);
  // Who may not see the dossier does not get the file either (the route's scoping is unchanged).
  const anon = await call(t, 'GET', `/api/v1/dossiers/${id}/files/${up.json().id}`, {});
  assert.equal(anon.status, 401);

  // A wrapped key that no key opens (tampered, or the key file of another installation): never other bytes, a 503
  // problem the officer can read.
  await t.db.updateTable('files').set({ wrapped_key: crypto.randomBytes(60) }).where('sha256', '=', sha).execute();
  const broken = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${up.json().id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(broken.statusCode, 503);
  assert.match(broken.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(broken.json().code, 'FILE_KEY_UNAVAILABLE');
  assert.match(broken.json().title, /thiếu hoặc sai khóa mã hóa/);
});
