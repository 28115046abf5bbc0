// The centre comments' pure rules (core/centre.ts): who counts as seconded, the centre's figures from hand-built logs
// (and their properties), the checks of the content for a draft and for sending, the states draft → sent.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DESK_ACTIONS, centreFigures, checkCentreContent, checkSecondmentDates, nextCentreStatus, normalContent, secondmentIn, type DeskEvent, type Secondment,
} from '../../src/kpi/core/centre.ts';
import type { DossierFacts, LogEvent } from '../../src/kpi/core/figures.ts';

const NOV = { start: new Date(Date.UTC(2026, 9, 31, 17)), end: new Date(Date.UTC(2026, 10, 30, 17)) };
const NOW = new Date(Date.UTC(2026, 11, 2));
const day = (d: number, h = 2) => new Date(Date.UTC(2026, 10, d, h)); // d Nov 2026, 9:00 Vietnam time
const ev = (seq: number, action: string, actorId: string, at: Date): LogEvent => ({ seq, action, actorId, at, toAssigneeId: null });
const dossier = (id: string, o: Partial<DossierFacts>): DossierFacts => ({
  id, code: id, fieldCode: 'HOTICH', state: 10, receivedAt: day(9), finishedAt: day(9, 5), originalDueAt: day(9, 10), extendedDueAt: null,
  pausedAt: null, supplementCount: 0, lateBySupplementRule: false, events: [ev(1, 'receive_counter', '5', day(9))], ...o,
});
const desk = (dossierId: string, action: string, at: Date): DeskEvent => ({ dossierId, action, at });

describe('secondmentIn', () => {
  const sec = (startsOn: string, endsOn: string | null, homeUnitId = 2, staffId = 5): Secondment => ({ staffId, homeUnitId, startsOn, endsOn });
  it('a secondment overlapping the period, even by a day, is in force; the latest begun wins', () => {
    assert.equal(secondmentIn([sec('2026-11-30', null)], 5, '2026-11-01', '2026-12-01')?.homeUnitId, 2);
    assert.equal(secondmentIn([sec('2025-01-01', '2026-11-01')], 5, '2026-11-01', '2026-12-01')?.homeUnitId, 2, 'the last day is inclusive');
    assert.equal(secondmentIn([sec('2025-01-01', '2026-06-30', 2), sec('2026-07-01', null, 3)], 5, '2026-06-01', '2026-12-01')?.homeUnitId, 3);
  });
  it('none before it began, after it ended, or for another officer', () => {
    assert.equal(secondmentIn([sec('2026-12-01', null)], 5, '2026-11-01', '2026-12-01'), null, 'the end day is exclusive');
    assert.equal(secondmentIn([sec('2025-01-01', '2026-10-31')], 5, '2026-11-01', '2026-12-01'), null);
    assert.equal(secondmentIn([sec('2025-01-01', null, 2, 6)], 5, '2026-11-01', '2026-12-01'), null);
  });
  it('dates: real days, the end not before the start (the 12–36 months term has exceptions: not enforced)', () => {
    assert.equal(checkSecondmentDates('2026-01-01', null), null);
    assert.equal(checkSecondmentDates('2026-01-01', '2026-01-01'), null);
    assert.match(checkSecondmentDates('2026-02-30', null)!, /Ngày bắt đầu/);
    assert.match(checkSecondmentDates('2026-03-01', '2026-02-28')!, /phải từ ngày bắt đầu/);
  });
});

describe('centreFigures (hand-built)', () => {
  it('counts the officer\'s own desk steps in the period, the dossiers they received that settle in it, ratings and petitions', () => {
    const events = [
      desk('a', 'receive_counter', day(9)), desk('b', 'receive_online', day(10)), desk('c', 'receive_counter', day(12)),
      desk('x', 'refuse_receipt', day(11)), desk('y', 'request_supplement_before_receipt', day(11)), desk('y', 'request_supplement_before_receipt', day(13)),
      desk('a', 'return_result', day(9, 6)), desk('old', 'return_result', day(1)),
      desk('z', 'receive_counter', new Date(Date.UTC(2026, 9, 20))), // October: not counted
    ];
    const dossiers = [
      dossier('a', {}), // on time
      dossier('b', { receivedAt: day(10), finishedAt: day(11), originalDueAt: day(10, 10), events: [ev(1, 'receive_online', '5', day(10))] }), // late
      dossier('c', { receivedAt: day(12), finishedAt: null, state: 4, originalDueAt: day(20), events: [ev(1, 'receive_counter', '5', day(12))] }), // late, unfinished
      dossier('other', { events: [ev(1, 'receive_counter', '6', day(9))] }), // received by someone else
    ];
    const f = centreFigures({
      staffId: 5, events, dossiers,
      ratings: [{ dossierId: 'a', overall: 'dissatisfied', attitude: 0, at: day(15) }, { dossierId: 'b', overall: 'satisfied', attitude: 2, at: day(16) },
        { dossierId: 'a', overall: 'dissatisfied', attitude: null, at: new Date(Date.UTC(2026, 11, 1)) }],
      petitions: [{ dossierId: 'b', at: day(20) }],
    }, NOV, NOW);
    assert.deepEqual(f, { received: 3, refused: 1, supplementRequests: 2, returned: 2, settled: 3, onTime: 1, late: 2, ratings: 2, dissatisfied: 1, poorAttitude: 1, petitions: 1 });
  });
});

describe('centreFigures (properties)', () => {
  const arbEvent = fc.record({
    dossierId: fc.constantFrom('a', 'b', 'c', 'd'),
    action: fc.constantFrom(...DESK_ACTIONS, 'assign', 'issue_result'),
    at: fc.date({ min: new Date(Date.UTC(2026, 9, 1)), max: new Date(Date.UTC(2026, 11, 31)), noInvalidDate: true }),
  });
  const arbDossier = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd'),
    receiver: fc.constantFrom('5', '6'),
    dueDay: fc.integer({ min: 1, max: 30 }),
    finishDay: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  }).map((d) => dossier(d.id, {
    receivedAt: day(1), originalDueAt: day(d.dueDay), finishedAt: d.finishDay === null ? null : day(d.finishDay), state: d.finishDay === null ? 4 : 10,
    events: [ev(1, 'receive_counter', d.receiver, day(1))],
  }));
  it('on time + late = settled; every count is within the steps and dossiers given; other officers change nothing', () => {
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 30 }), fc.array(arbDossier, { maxLength: 8 }), (events, dossiers) => {
      const f = centreFigures({ staffId: 5, events, dossiers, ratings: [], petitions: [] }, NOV, NOW);
      assert.equal(f.onTime + f.late, f.settled);
      assert.ok(f.settled <= dossiers.filter((d) => d.events[0]!.actorId === '5').length);
      assert.ok(f.received + f.refused + f.returned + f.supplementRequests <= events.length);
      const others = dossiers.map((d) => ({ ...d, events: d.events.map((e) => ({ ...e, actorId: '6' })) }));
      assert.equal(centreFigures({ staffId: 5, events, dossiers: others, ratings: [], petitions: [] }, NOV, NOW).settled, 0);
    }));
  });
  it('a step outside the period never counts', () => {
    fc.assert(fc.property(fc.array(arbEvent, { maxLength: 30 }), (events) => {
      const outside = events.filter((e) => e.at < NOV.start || e.at >= NOV.end);
      const f = centreFigures({ staffId: 5, events: outside, dossiers: [], ratings: [], petitions: [] }, NOV, NOW);
      assert.equal(f.received + f.refused + f.returned + f.supplementRequests, 0);
    }));
  });
});

describe('the content and the states', () => {
  it('a draft may be empty; sending needs attitude, discipline and a proposed level', () => {
    assert.deepEqual(checkCentreContent({}, 'save'), []);
    assert.deepEqual(checkCentreContent({ attitude: '  ' }, 'send').map((e) => e.field), ['attitude', 'discipline', 'proposedRating']);
    assert.deepEqual(checkCentreContent({ attitude: 'Tốt', discipline: 'Tốt', proposedRating: 'good' }, 'send'), []);
  });
  it('a level outside the decree\'s four and over-long texts are refused, even in a draft', () => {
    assert.deepEqual(checkCentreContent({ proposedRating: 'kha' }, 'save').map((e) => e.field), ['proposedRating']);
    assert.deepEqual(checkCentreContent({ other: 'x'.repeat(4001) }, 'save').map((e) => e.field), ['other']);
    for (const e of checkCentreContent({ proposedRating: 'kha', attitude: '' }, 'send')) assert.match(e.message, /^[A-ZĐÂ]/u, 'a Vietnamese sentence');
  });
  it('draft → draft → sent; what was sent is final', () => {
    assert.deepEqual(nextCentreStatus(null, 'save'), { ok: true, status: 'draft' });
    assert.deepEqual(nextCentreStatus('draft', 'save'), { ok: true, status: 'draft' });
    assert.deepEqual(nextCentreStatus('draft', 'send'), { ok: true, status: 'sent' });
    assert.deepEqual(nextCentreStatus(null, 'send'), { ok: true, status: 'sent' });
    for (const step of ['save', 'send'] as const) assert.deepEqual(nextCentreStatus('sent', step), { ok: false, code: 'CENTRE_COMMENTS_SENT' });
  });
  it('stored content is trimmed, an empty level is none', () => {
    assert.deepEqual(normalContent({ attitude: ' Niềm nở ', proposedRating: '' }), { attitude: 'Niềm nở', discipline: '', other: '', proposedRating: null });
  });
});
