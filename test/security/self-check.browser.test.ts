// The security self-check page in a real browser: axe, reflow at 360 px, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from '../e2e/browser.ts';
import { officer } from '../e2e/steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('the security self-check page is accessible', { skip, timeout: 120_000 }, async () => {
  const admin = await officer(s!, 'admin');
  const res = await admin.goto('/can-bo/quan-tri/an-toan');
  assert.equal(res?.status(), 200);
  assert.ok(await admin.isVisible('#control-backup'));
  await checkPage(admin, 'admin-security-self-check');
});
