// Issue 16 (scale): the province's figures read province-wide (one statement per kind of input, grouped by commune:
// province/set-figures.ts) are the figures each commune's own reads give (the per-commune computation, kept as the
// reference), on a generated year of activity in the two demo communes (dossiers, ratings, petitions, payments)
// and a third commune with nothing, for every month of the year, the year, and the current month with its
// unfinished dossiers; the set-based way sends a fixed number of statements whatever the number of communes; and a
// cache entry whose minute has passed is served at once while one new computation replaces it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { ensureRollup } from '../../src/indicators/rollup-store.ts';
import { provinceFigures, type ProvinceFigures } from '../../src/province/service.ts';
import { onboardCommune } from '../../src/province/onboard.ts';
import { cachedProvinceFigures, forgetProvinceFigures } from '../../src/province/access.ts';
import { readCommuneFile } from '../../src/province/core/commune-file.ts';
import type { PeriodSpec } from '../../src/indicators/core/periods.ts';
import { testDb } from '../support/db.ts';

const { db, url } = await testDb();
const NOW = new Date('2026-12-01T03:00:00Z');
const PROVINCE = 'Thái Nguyên';

/** What the pages and the JSON show, without when and how fast it was computed. */
const shown = (f: ProvinceFigures) => ({ rows: f.rows, average: f.average, targets: [...f.targets.entries()].sort(), groups: f.groups });

test('a year of activity in several communes', async () => {
  await ensureRollup(db, 'xuan-duong');
  const r = await generateDemoActivity(db, NOW, 400);
  assert.ok(r.dossiers >= 350, `${r.dossiers} dossiers`);
  const file = readCommuneFile(JSON.parse(fs.readFileSync('docs/examples/commune.json', 'utf8')));
  assert.ok(file.ok, JSON.stringify(file));
  const added = await onboardCommune(db, file.file, { actor: null });
  assert.ok(added.ok, JSON.stringify(added));
  const communes = await db.selectFrom('communes').select('id').where('province', '=', PROVINCE).execute();
  assert.ok(communes.length >= 3, 'two demo communes with activity and one without');
  const rated = await db.selectFrom('ratings').select(({ fn }) => fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.ok(Number(rated.n) > 20, 'ratings to count');
});

const specs: PeriodSpec[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 1 })),
  { year: 2026 }, { year: 2025, month: 12 },
];

test('the set-based figures equal the per-commune ones, for every month, the year and the current month', async () => {
  for (const spec of specs) {
    const [set, one] = await Promise.all([provinceFigures(db, PROVINCE, spec, NOW), provinceFigures(db, PROVINCE, spec, NOW, { perCommune: true })]);
    assert.deepEqual(shown(set), shown(one), JSON.stringify(spec));
  }
  // Figures to compare, not empty ones: the demo communes have received dossiers, ratings and a score.
  const year = await provinceFigures(db, PROVINCE, { year: 2026 }, NOW);
  const busy = year.rows.filter((r) => r.received > 0);
  assert.ok(busy.length >= 2 && busy.every((r) => r.ratings > 0 && r.score !== null && r.onTime !== null), JSON.stringify(busy));
});

test('the set-based figures send a fixed number of statements, whatever the number of communes', async () => {
  const pg = await import('pg');
  let sent = 0;
  const counted = new pg.default.Pool({ connectionString: url, max: 4 });
  counted.on('connect', (c) => {
    const query = c.query.bind(c) as (...a: unknown[]) => unknown;
    (c as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => { sent++; return query(...a); };
  });
  const { Kysely, PostgresDialect } = await import('kysely');
  const k = new Kysely<never>({ dialect: new PostgresDialect({ pool: counted }) }) as unknown as typeof db;
  try {
    await provinceFigures(k, PROVINCE, { year: 2026, month: 11 }, NOW); // warm: rollups built, calendars cached
    sent = 0;
    await provinceFigures(k, PROVINCE, { year: 2026, month: 11 }, NOW);
    const setBased = sent;
    sent = 0;
    await provinceFigures(k, PROVINCE, { year: 2026, month: 11 }, NOW, { perCommune: true });
    assert.ok(setBased <= 12, `${setBased} statements for the province`);
    assert.ok(sent > setBased * 2, `per commune: ${sent}`);
  } finally {
    await k.destroy();
  }
});

test('a passed minute serves the last figures at once and one computation in the background replaces them', async () => {
  forgetProvinceFigures();
  const spec = { year: 2026, month: 11 };
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
  const first = await cachedProvinceFigures(db, PROVINCE, spec, at(0));
  assert.equal(first.computedAt.getTime(), at(0).getTime());
  const [a, b] = await Promise.all([cachedProvinceFigures(db, PROVINCE, spec, at(1.5)), cachedProvinceFigures(db, PROVINCE, spec, at(1.5))]);
  assert.equal(a, first, 'the last figures, at once');
  assert.equal(b, first);
  let next = first;
  for (let i = 0; i < 200 && next === first; i++) {
    await new Promise((r) => setTimeout(r, 50));
    next = await cachedProvinceFigures(db, PROVINCE, spec, at(1.5));
  }
  assert.equal(next.computedAt.getTime(), at(1.5).getTime(), 'replaced by the computation started at 1.5 min');
  // Older than ten minutes: computed before answering.
  assert.equal((await cachedProvinceFigures(db, PROVINCE, spec, at(30))).computedAt.getTime(), at(30).getTime());
  forgetProvinceFigures();
});
