// The standard period report: carried over, received by channel, processed early / on time / late, in progress,
// returned; by field and procedure, with totals that add up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { periodReport, type ReportDossier } from '../../src/indicators/core/period-report.ts';
import type { Period } from '../../src/indicators/core/progress.ts';

const t = (s: string) => new Date(`${s}+07:00`);
const december: Period = { start: t('2026-12-01T00:00:00'), end: t('2027-01-01T00:00:00') };
const base: ReportDossier = {
  fieldCode: 'HOTICH', fieldName: 'Hộ tịch', procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh', channel: 'direct',
  receivedAt: t('2026-12-07T09:00:00'), originalDueAt: t('2026-12-07T17:00:00'), finishedAt: null, pausedAt: null, returnedAt: null,
  supplementCount: 0, lateBySupplementRule: false,
};
const d = (o: Partial<ReportDossier>): ReportDossier => ({ ...base, ...o });

describe('period report', () => {
  it('hand-computed fixture', () => {
    const r = periodReport([
      d({ receivedAt: t('2026-11-28T09:00:00'), originalDueAt: t('2026-12-03T17:00:00'), finishedAt: t('2026-12-02T10:00:00'), returnedAt: t('2026-12-02T14:00:00') }), // carried over, early, returned
      d({ channel: 'online', finishedAt: t('2026-12-07T16:00:00') }), // online, on time
      d({ channel: 'postal', finishedAt: t('2026-12-08T09:00:00') }), // postal, late
      d({ originalDueAt: t('2027-01-05T17:00:00') }), // in progress, on time
      d({}), // in progress and late at the end of December
      d({ receivedAt: t('2026-11-02T09:00:00'), originalDueAt: t('2026-11-02T17:00:00'), finishedAt: t('2026-11-02T15:00:00'), returnedAt: t('2026-11-03T09:00:00') }), // all in November: nothing
      d({ fieldCode: 'CHUNGTHUC', fieldName: 'Chứng thực', procedureCode: '2.000815', procedureName: 'Chứng thực bản sao', finishedAt: t('2026-12-07T10:00:00'), returnedAt: t('2026-12-07T10:05:00') }),
    ], december);
    assert.deepEqual(
      [r.carriedOver, r.receivedOnline, r.receivedDirect, r.receivedPostal, r.total, r.processedEarly, r.processedOnTime, r.processedLate, r.inProgressOnTime, r.inProgressLate, r.returned],
      [1, 1, 3, 1, 6, 1, 2, 1, 1, 1, 2],
    );
    assert.deepEqual(r.fields.map((f) => [f.fieldName, f.total]), [['Chứng thực', 1], ['Hộ tịch', 5]], 'sorted by Vietnamese name');
    assert.equal(r.fields[1]!.procedures[0]!.code, '1.001193');
  });
  it('property: every dossier in scope is either processed or in progress, and the parts add up', () => {
    const instant = fc.integer({ min: Date.parse('2026-10-01T00:00:00Z'), max: Date.parse('2027-02-01T00:00:00Z') }).map((n) => new Date(n));
    const dossier = fc.record({
      channel: fc.constantFrom('direct' as const, 'online' as const, 'postal' as const), receivedAt: fc.option(instant, { nil: null }),
      originalDueAt: fc.option(instant, { nil: null }), finishedAt: fc.option(instant, { nil: null }), returnedAt: fc.option(instant, { nil: null }),
      supplementCount: fc.nat(2), fieldCode: fc.constantFrom('A', 'B'),
    }).map((x) => d({ ...x, fieldName: x.fieldCode }));
    fc.assert(fc.property(fc.array(dossier, { maxLength: 40 }), (list) => {
      const r = periodReport(list, december);
      assert.equal(r.total, r.carriedOver + r.receivedOnline + r.receivedDirect + r.receivedPostal);
      assert.equal(r.total, r.processedEarly + r.processedOnTime + r.processedLate + r.inProgressOnTime + r.inProgressLate);
      assert.equal(r.total, r.fields.reduce((s, f) => s + f.total, 0));
      for (const f of r.fields) assert.equal(f.total, f.procedures.reduce((s, p) => s + p.total, 0));
    }));
  });
});
