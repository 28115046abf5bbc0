// Indicator 2.1 per dossier (domain.md §4 2.1, §2.7): end time, supplement time excluded, more than one supplement
// ⇒ late, an extension never makes a late dossier on time, open dossiers judged at the period's end.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { progressOf, type ProgressFacts, type Period } from '../../src/indicators/core/progress.ts';

const t = (s: string) => new Date(`${s}+07:00`);
const december: Period = { start: t('2026-12-01T00:00:00'), end: t('2027-01-01T00:00:00') };
const base: ProgressFacts = {
  receivedAt: t('2026-12-07T09:00:00'), originalDueAt: t('2026-12-10T17:00:00'), finishedAt: null, pausedAt: null,
  supplementCount: 0, lateBySupplementRule: false,
};
const d = (over: Partial<ProgressFacts>): ProgressFacts => ({ ...base, ...over });

describe('2.1 fixtures', () => {
  it('finished on an earlier day: early; on the due day: on time; after: late', () => {
    assert.equal(progressOf(d({ finishedAt: t('2026-12-09T10:00:00') }), december), 'early');
    assert.equal(progressOf(d({ finishedAt: t('2026-12-10T16:59:00') }), december), 'on_time');
    assert.equal(progressOf(d({ finishedAt: t('2026-12-10T17:00:00') }), december), 'on_time');
    assert.equal(progressOf(d({ finishedAt: t('2026-12-10T17:01:00') }), december), 'late');
  });
  it('still open: judged at the end of the period', () => {
    const november: Period = { start: t('2026-11-01T00:00:00'), end: t('2026-12-08T00:00:00') };
    assert.equal(progressOf(d({}), november), 'on_time', 'in progress, not yet due');
    assert.equal(progressOf(d({}), december), 'late', 'still open after the due time');
  });
  it('waiting for a supplement with no completion: ended at the request', () => {
    assert.equal(progressOf(d({ pausedAt: t('2026-12-08T10:00:00'), supplementCount: 1 }), december), 'on_time');
  });
  it('more than one supplement request after receipt: late whatever the times', () => {
    assert.equal(progressOf(d({ finishedAt: t('2026-12-08T10:00:00'), supplementCount: 2 }), december), 'late');
    assert.equal(progressOf(d({ finishedAt: t('2026-12-08T10:00:00'), lateBySupplementRule: true }), december), 'late');
  });
  it('an extension does not help: the original appointment is the measure', () => {
    // originalDueAt stays 10/12 even when the apology set a new appointment on 15/12.
    assert.equal(progressOf(d({ finishedAt: t('2026-12-14T10:00:00') }), december), 'late');
  });
  it('out of scope: never received, received after the period, finished before it', () => {
    assert.equal(progressOf(d({ receivedAt: null }), december), null);
    assert.equal(progressOf(d({ receivedAt: t('2027-01-02T08:00:00'), originalDueAt: t('2027-01-05T17:00:00') }), december), null);
    const november: Period = { start: t('2026-11-01T00:00:00'), end: t('2026-12-01T00:00:00') };
    assert.equal(progressOf(d({ receivedAt: t('2026-11-03T08:00:00'), finishedAt: t('2026-11-04T08:00:00') }), december), null);
    assert.equal(progressOf(d({ receivedAt: t('2026-11-03T08:00:00'), finishedAt: t('2026-11-04T08:00:00'), originalDueAt: t('2026-11-05T17:00:00') }), november), 'early');
  });
  it('a dossier finished after the period is judged at the period end in that period', () => {
    const early: Period = { start: t('2026-12-01T00:00:00'), end: t('2026-12-09T00:00:00') };
    assert.equal(progressOf(d({ finishedAt: t('2026-12-12T08:00:00') }), early), 'on_time', 'open on 9/12, due 10/12');
  });
});

describe('2.1 properties', () => {
  const instant = fc.integer({ min: Date.parse('2026-11-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') }).map((n) => new Date(n));
  // A finished dossier is no longer waiting: pausedAt only on open dossiers, as the projection keeps it.
  const facts = fc.record({
    receivedAt: fc.option(instant, { nil: null }), originalDueAt: fc.option(instant, { nil: null }),
    finishedAt: fc.option(instant, { nil: null }), pausedAt: fc.option(instant, { nil: null }),
    supplementCount: fc.nat(3), lateBySupplementRule: fc.boolean(),
  }).map((f) => (f.finishedAt ? { ...f, pausedAt: null } : f));
  it('finishing later never turns a late dossier into an on-time one', () => {
    fc.assert(fc.property(facts, fc.nat(10 * 86_400_000), (f, delta) => {
      const a = progressOf(f, december);
      if (a !== 'late' || !f.finishedAt) return;
      const later = progressOf({ ...f, finishedAt: new Date(f.finishedAt.getTime() + delta) }, december);
      assert.equal(later, 'late');
    }));
  });
  it('a later appointment never makes a dossier worse', () => {
    fc.assert(fc.property(facts, fc.nat(10 * 86_400_000), (f, delta) => {
      const a = progressOf(f, december);
      if (a === null || !f.originalDueAt) return;
      const laxer = progressOf({ ...f, originalDueAt: new Date(f.originalDueAt.getTime() + delta) }, december);
      if (a !== 'late') assert.notEqual(laxer, 'late');
      if (a === 'early') assert.equal(laxer, 'early');
    }));
  });
  it('more than one supplement is always late', () => {
    fc.assert(fc.property(facts, (f) => {
      const r = progressOf({ ...f, supplementCount: 2 }, december);
      assert.ok(r === null || r === 'late');
    }));
  });
});
