// The open-data page in a real browser, on a phone without JavaScript: reached from the public figures page,
// accessible (axe), no horizontal scrolling at 360 px, and its download links answer with the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from '../e2e/browser.ts';
import { phone } from '../e2e/steps.ts';
import { DATASETS } from '../../src/opendata/core/datasets.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('/du-lieu-mo from /cong-khai, its datasets and their downloads', { skip, timeout: 120_000 }, async () => {
  const page = await phone(s!);
  await page.goto('/cong-khai');
  await page.locator('main').getByRole('link', { name: 'Dữ liệu mở' }).click();
  assert.match(page.url(), /\/du-lieu-mo$/);
  await checkPage(page, 'open-data');
  for (const d of DATASETS) assert.ok(await page.isVisible(`h2:has-text("${d.title}")`), d.title);
  const href = await page.locator(`#${DATASETS[0]!.id} a:has-text("Tải tệp JSON")`).getAttribute('href');
  const r = await page.request.get(href!);
  assert.equal(r.status(), 200);
  assert.ok(Array.isArray(await r.json()));
});
