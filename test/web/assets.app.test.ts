// The site's own files: the stylesheet and the icon every browser asks for (no 404 on any page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';

const t = await testApp();

test('/favicon.ico is an icon, cached for a day', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'image/x-icon');
  assert.match(String(r.headers['cache-control']), /max-age=86400/);
  assert.deepEqual([...r.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
});

test('/assets/site.css is the stylesheet', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/assets/site.css' });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /^text\/css/);
});
