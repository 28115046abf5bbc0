// Browser tests drive Debian's Chromium with playwright-core (never a downloaded browser), check every page
// with axe (WCAG 2.x A/AA) and save screenshots at 360 px and 1280 px to test-results/screenshots/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { testApp, type TestApp, type TestAppOptions } from '../support/app.ts';
import { requireKind } from '../support/kind.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Why browser tests cannot run here, or null when they can. */
export const browserMissing = fs.existsSync(CHROMIUM) ? null : `Chromium not found at ${CHROMIUM}: browser tests skipped (apt-get install chromium)`;

const SHOTS = path.resolve('test-results/screenshots');

export interface Site {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh browser profile (cookies), 360 px wide by default (a cheap phone); JavaScript on unless told. */
  context(width?: number, options?: { javaScript?: boolean }): Promise<BrowserContext>;
}

/** Contexts with JavaScript off: axe cannot run in them, so their pages are checked in a copy (see checkPage). */
const noScript = new WeakSet<BrowserContext>();
const checkers = new WeakMap<Browser, Page>();

/** The app listening on a loopback port that is also its public URL (stand-ins call back to it), and a browser. */
export async function site(o: Omit<TestAppOptions, 'listen'> = {}): Promise<Site> {
  requireKind('a browser', ['browser']);
  const t = await testApp({ ...o, listen: true });
  const base = t.base;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  after(() => browser.close());
  return {
    t,
    base,
    browser,
    context: async (width = 360, options = {}) => {
      const javaScriptEnabled = options.javaScript ?? true;
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN', baseURL: base, javaScriptEnabled });
      ctx.setDefaultTimeout(15_000);
      if (!javaScriptEnabled) noScript.add(ctx);
      return ctx;
    },
  };
}

/** The shapes of the pages axe passed in this process (see pageShape). */
const passed = new Set<string>();

/**
 * What axe's verdict depends on, without the data a page happens to show: every element with its attributes in
 * order, the text nodes reduced to "has text", and the values of the attributes that carry data (links, form
 * values, sources) with their digits replaced. Ids, labels and ARIA attributes are kept as they are. Two pages of
 * one shape get one verdict, so a journey pays for axe once per distinct page (in the signed-result journey, 18 of
 * 57 checks were repeats).
 */
const SHAPE_SCRIPT = `(() => {
  const DATA = new Set(['href', 'action', 'value', 'src', 'content', 'datetime', 'title']);
  const out = [String(window.innerWidth)];
  const walk = (n) => {
    if (n.nodeType === 3) { if (n.textContent.trim()) out.push('#t'); return; }
    if (n.nodeType !== 1) return;
    out.push('<' + n.tagName);
    for (const a of Array.from(n.attributes)) out.push(a.name + '=' + (DATA.has(a.name) ? a.value.replace(/[\\w+/=.-]{16,}|\\d+/g, '0') : a.value));
    for (const c of Array.from(n.childNodes)) walk(c);
    out.push('>');
  };
  walk(document.documentElement);
  return out.join('\\u0001');
})()`;
async function pageShape(page: Page): Promise<string> {
  // A string, not a function: the test loader would add helpers to a function that the page does not have.
  const shape = String(await page.evaluate(SHAPE_SCRIPT));
  return crypto.createHash('sha256').update(shape).digest('hex');
}

/** axe finds no WCAG 2.x A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const shape = await pageShape(page);
  if (passed.has(shape)) return;
  const r = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const found = r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(found, [], `accessibility violations on ${what}`);
  passed.add(shape);
}

/** Full-page screenshots at 360 px and 1280 px; the viewport is restored afterwards. */
export async function screenshots(page: Page, name: string) {
  if (process.env.XASO_SCREENSHOTS !== '1') return; // opt-in: they cost a third of a browser test's time
  fs.mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** No horizontal scrolling at 360 px (WCAG 1.4.10 reflow: a cheap phone). */
export async function expectReflow(page: Page, what: string) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (before) await page.setViewportSize(before);
  assert.ok(overflow <= 0, `${what}: ${overflow}px of horizontal scrolling at 360 px`);
}

/**
 * A page seen with JavaScript off is copied, as served, into a page with JavaScript on at the same origin (so its
 * stylesheet loads), because axe is a script: it cannot run where scripts are off.
 */
async function scriptable(page: Page): Promise<Page> {
  if (!noScript.has(page.context())) return page;
  const browser = page.context().browser()!;
  let checker = checkers.get(browser);
  if (!checker) {
    checker = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' })).newPage();
    checkers.set(browser, checker);
  }
  const html = await page.content();
  const copy = new URL('/__kiem-tra', page.url()).href;
  await checker.unroute('**/__kiem-tra');
  await checker.route('**/__kiem-tra', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await checker.goto(copy);
  return checker;
}

/** Every page of a path: accessible, no horizontal scrolling at 360 px, and photographed at 360 and 1280 px. */
export async function checkPage(page: Page, name: string) {
  const target = await scriptable(page);
  await expectAccessible(target, name);
  await expectReflow(target, name);
  await screenshots(target, name);
}

/** checkPage, with axe run at both widths a citizen or an officer uses: 360 px (a cheap phone) and 1280 px. */
export async function checkPageAtWidths(page: Page, name: string) {
  const target = await scriptable(page);
  const before = target.viewportSize();
  for (const width of [360, 1280]) {
    await target.setViewportSize({ width, height: 800 });
    await expectAccessible(target, `${name} at ${width} px`);
  }
  if (before) await target.setViewportSize(before);
  await expectReflow(target, name);
  await screenshots(target, name);
}
