// The administrator's pages in a real browser: every page reachable from /can-bo/quan-tri (two links deep) passes
// axe, reflows at 360 px and is photographed; plus adding a holiday through the calendar form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('every administration page is accessible', { skip, timeout: 240_000 }, async () => {
  const admin = await officer(s!, 'admin');
  const seen = new Set<string>();
  let frontier = ['/can-bo/quan-tri'];
  for (let depth = 0; depth < 3 && frontier.length; depth++) {
    const next: string[] = [];
    for (const url of frontier) {
      if (seen.has(url) || seen.size >= 40) continue;
      seen.add(url);
      const res = await admin.goto(url);
      assert.equal(res?.status(), 200, url);
      const name = `admin${url.replace('/can-bo/quan-tri', '').replace(/[^a-z0-9]+/gi, '-') || '-home'}`;
      await checkPage(admin, name.slice(0, 80));
      const links = await admin.locator('main a[href^="/can-bo/quan-tri"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      next.push(...links.map((h) => h.split('#')[0]!).filter((h) => !seen.has(h)));
    }
    frontier = [...new Set(next)];
  }
  assert.ok(seen.size >= 5, `visited ${[...seen].join(', ')}`);
});
