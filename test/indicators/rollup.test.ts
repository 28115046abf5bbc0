// The monthly rollup (core/rollup.ts) against the dossier-by-dossier rules, on generated dossiers (fast-check): for
// any period of whole months, the stored entries of the finished dossiers plus the live entries of the unfinished
// ones add up to the same counts, 2.1 / 5.4 tally and period report as countsOf / progressOf / reportCounts applied
// to every dossier; and the month-by-month tallies (the public trend) equal each month's own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { entriesOf, monthOf, monthSpan, monthsBetween, sumEntries, type RollupFacts, type WeightedEntry } from '../../src/indicators/core/rollup.ts';
import { reportCounts, type ReportCounts } from '../../src/indicators/core/period-report.ts';
import { periodOf, type PeriodSpec } from '../../src/indicators/core/periods.ts';
import { progressOf, type Period } from '../../src/indicators/core/progress.ts';
import { tallyAdd, type Tally } from '../../src/indicators/core/satisfaction.ts';

type D = RollupFacts & { fieldCode: string; procedureCode: string };

const instant = fc.integer({ min: Date.parse('2026-09-20T00:00:00Z'), max: Date.parse('2027-03-10T00:00:00Z') }).map((n) => new Date(n));
const COUNTS = ['received', 'received_online', 'eligible_full_online', 'fee_due', 'paid_online', 'e_result', 'digitised', 'complained'];
const dossier: fc.Arbitrary<D> = fc.record({
  channel: fc.constantFrom('direct', 'online', 'postal'),
  receivedAt: fc.option(instant, { nil: null, freq: 8 }),
  originalDueAt: fc.option(instant, { nil: null, freq: 8 }),
  finishedAt: fc.option(instant, { nil: null, freq: 2 }),
  pausedAt: fc.option(instant, { nil: null, freq: 2 }),
  returnedAt: fc.option(instant, { nil: null, freq: 2 }),
  supplementCount: fc.nat(2),
  lateBySupplementRule: fc.boolean(),
  counts: fc.subarray(COUNTS),
  fieldCode: fc.constantFrom('HOTICH', 'DATDAI'),
  procedureCode: fc.constantFrom('P1', 'P2', 'P3'),
});
const spec: fc.Arbitrary<PeriodSpec> = fc.oneof(
  fc.record({ year: fc.constantFrom(2026, 2027), month: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ year: fc.constantFrom(2026, 2027), quarter: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ year: fc.constantFrom(2026, 2027) }),
);

const weighted = (d: D, live?: string[]): WeightedEntry[] =>
  entriesOf(d, d.finishedAt ? undefined : live).map((e) => ({ ...e, n: 1, fieldCode: d.fieldCode, procedureCode: d.procedureCode }));

/** Dossier by dossier, as figures.ts's reference path does. */
function reference(list: D[], p: Period) {
  const counts: Record<string, number> = {};
  const tally: Tally = { onTime: 0, late: 0, complained: 0 };
  const report = new Map<string, ReportCounts>();
  for (const d of list) {
    if (d.receivedAt && d.receivedAt >= p.start && d.receivedAt < p.end) for (const c of d.counts) counts[c] = (counts[c] ?? 0) + 1;
    tallyAdd(tally, progressOf(d, p), d.counts.includes('complained'));
    const c = reportCounts({ ...d, fieldName: d.fieldCode, procedureName: d.procedureCode, channel: d.channel as 'direct' }, p);
    const k = `${d.fieldCode} ${d.procedureCode}`;
    const into = report.get(k) ?? report.set(k, { ...c, returned: 0, total: 0, carriedOver: 0, receivedOnline: 0, receivedDirect: 0, receivedPostal: 0, processedEarly: 0, processedOnTime: 0, processedLate: 0, inProgressOnTime: 0, inProgressLate: 0 }).get(k)!;
    for (const key of Object.keys(c) as (keyof ReportCounts)[]) into[key] += c[key];
  }
  return { counts, tally, report };
}

const nonZero = (m: Map<string, ReportCounts>) =>
  Object.fromEntries([...m].filter(([, c]) => Object.values(c).some((v) => typeof v === 'number' && v !== 0))
    .map(([k, c]) => [k, Object.fromEntries(Object.entries(c).filter(([key]) => key !== 'fieldCode' && key !== 'procedureCode'))]));

describe('monthly rollup', () => {
  it('periods of whole months are recognised, others are not', () => {
    assert.deepEqual(monthSpan(periodOf({ year: 2026, month: 12 })), { first: '2026-12', last: '2026-12' });
    assert.deepEqual(monthSpan(periodOf({ year: 2026, quarter: 4 })), { first: '2026-10', last: '2026-12' });
    assert.deepEqual(monthSpan(periodOf({ year: 2026 })), { first: '2026-01', last: '2026-12' });
    assert.equal(monthSpan({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') }), null, 'UTC months are not Vietnam months');
    assert.equal(monthOf(new Date('2026-11-30T17:00:00Z')), '2026-12', '00:00 on 1/12 in Vietnam');
  });

  it('an unfinished dossier is never stored; a finished one is stored whatever the period', () => {
    const d: RollupFacts = {
      channel: 'direct', receivedAt: new Date('2026-11-30T02:00:00Z'), originalDueAt: new Date('2026-12-02T10:00:00Z'), finishedAt: null,
      pausedAt: null, returnedAt: null, supplementCount: 0, lateBySupplementRule: false, counts: ['received'],
    };
    assert.deepEqual(entriesOf(d), []);
    const done = entriesOf({ ...d, finishedAt: new Date('2027-01-05T02:00:00Z') });
    assert.deepEqual(done.filter((e) => e.kind !== 'count').map((e) => [e.kind, e.month, e.label]),
      [['final', '2027-01', 'late'], ['open', '2026-11', 'on_time'], ['open', '2026-12', 'late']]);
  });

  it('property: rollup sums = dossier-by-dossier figures for any period of whole months', () => {
    fc.assert(fc.property(fc.array(dossier, { maxLength: 40 }), spec, (list, s) => {
      const p = periodOf(s);
      const span = monthSpan(p)!;
      const entries = list.flatMap((d) => weighted(d, [span.last]));
      const got = sumEntries(entries, span.first, span.last);
      const want = reference(list, p);
      assert.deepEqual(got.counts, want.counts);
      assert.deepEqual(got.tally, want.tally);
      assert.deepEqual(nonZero(got.report), nonZero(want.report));
    }), { numRuns: 300 });
  });

  it('property: the month-by-month tallies from one read equal each month on its own', () => {
    fc.assert(fc.property(fc.array(dossier, { maxLength: 30 }), (list) => {
      const months = monthsBetween('2026-09', '2027-03');
      const entries = list.flatMap((d) => weighted(d, months));
      for (const m of months) {
        const got = sumEntries(entries.filter((e) => e.month === m), m, m).tally;
        assert.deepEqual(got, reference(list, periodOf({ year: Number(m.slice(0, 4)), month: Number(m.slice(5)) })).tally, m);
      }
    }), { numRuns: 100 });
  });
});
