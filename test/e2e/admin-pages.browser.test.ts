// The administrator's pages in a real browser: every page reachable from /can-bo/quan-tri (two links deep) passes
// axe, reflows at 360 px and is photographed; plus adding a holiday through the calendar form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('every administration page is accessible', { skip, timeout: 600_000 }, async () => {
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

test('a commune day off is added through the calendar form, with the error summary on a mistake', { skip, timeout: 120_000 }, async () => {
  const admin = await officer(s!, 'admin');
  await admin.goto('/can-bo/quan-tri/lich?year=2027');
  await admin.fill('#date', '2027-03-15');
  await admin.click('#day-form ~ form button[type=submit]');
  assert.ok(await admin.isVisible('.error-summary'), 'missing type, name and source');
  await checkPage(admin, 'admin-calendar-error');
  await admin.selectOption('#type', 'HOLIDAY');
  await admin.fill('#name', 'Nghỉ lễ hội truyền thống xã Xuân Dương');
  await admin.fill('#source', 'Quyết định số 12/QĐ-UBND ngày 01/03/2027 của UBND xã Xuân Dương');
  await admin.click('#day-form ~ form button[type=submit]');
  assert.match(admin.url(), /ok=1/);
  await checkPage(admin, 'admin-calendar-saved');
  assert.ok(await admin.isVisible('td:has-text("Nghỉ lễ hội truyền thống xã Xuân Dương")'));
  const day = await s!.t.db.selectFrom('calendar_days').select(['type', 'scope']).where('date', '=', '2027-03-15').where('scope', '=', 'commune').executeTakeFirst();
  assert.deepEqual(day, { type: 'HOLIDAY', scope: 'commune' });
});

