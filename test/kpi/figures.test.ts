// Attribution of dossiers to officers from the action log (core/figures.ts), hand-built logs: the holder at an
// instant, the instant that places a dossier in a period, a late dossier charged to whoever held it when it went late.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countedAt, dossierItems, holderAt, type DossierFacts, type LogEvent } from '../../src/kpi/core/figures.ts';
import { SEEDED } from './rules-data.ts';

const at = (h: number) => new Date(Date.UTC(2026, 10, 9, h)); // 9 Nov 2026, h:00 UTC
const ev = (seq: number, action: string, actorId: string, h: number, toAssigneeId: string | null = null): LogEvent => ({ seq, action, actorId, at: at(h), toAssigneeId });
const dossier = (o: Partial<DossierFacts>): DossierFacts => ({
  id: 'd', code: 'X-1', fieldCode: 'HOTICH', state: 10, receivedAt: at(1), finishedAt: at(5), originalDueAt: at(8), extendedDueAt: null,
  pausedAt: null, supplementCount: 0, lateBySupplementRule: false, events: [], ...o,
});
const NOV = { start: new Date(Date.UTC(2026, 9, 31, 17)), end: new Date(Date.UTC(2026, 10, 30, 17)) };
const NOW = new Date(Date.UTC(2026, 11, 2));

describe('holderAt', () => {
  const log = [ev(1, 'receive_counter', '2', 1), ev(2, 'assign', '2', 2), ev(3, 'propose_result', '3', 4), ev(4, 'forward', '3', 6, '7'), ev(5, 'issue_result', '7', 9)];
  it('routed to a unit without an assignee: the first officer to take it up', () => assert.equal(holderAt(log, at(3)), 3));
  it('the officer who handled it last, then the named assignee of a forward', () => {
    assert.equal(holderAt(log, at(5)), 3);
    assert.equal(holderAt(log, at(7)), 7);
  });
  it('the one-stop desk and an approving leader never hold it', () => {
    assert.equal(holderAt([ev(1, 'receive_counter', '2', 1), ev(2, 'approve', '9', 2)], at(3)), null);
  });
});

describe('countedAt and dossierItems', () => {
  it('finished on time → its finish; late → its due time; neither yet → not counted', () => {
    assert.deepEqual(countedAt(dossier({}), NOW), at(5));
    assert.deepEqual(countedAt(dossier({ finishedAt: at(10) }), NOW), at(8));
    assert.equal(countedAt(dossier({ finishedAt: null, originalDueAt: new Date(Date.UTC(2026, 11, 5)) }), NOW), null);
  });
  it('withdrawn, stopped, refused or waiting for the citizen → not counted', () => {
    for (const state of [3, 7, 8]) assert.equal(countedAt(dossier({ state }), NOW), null);
    assert.equal(countedAt(dossier({ finishedAt: null, pausedAt: at(3) }), NOW), null);
  });
  it('a late dossier is charged to whoever held it when it fell due, not to the officer who finished it', () => {
    const log = [ev(1, 'receive_counter', '2', 1), ev(2, 'assign', '2', 2, '3'), ev(3, 'forward', '3', 9, '7'), ev(4, 'issue_result', '7', 10)];
    const [item] = dossierItems([dossier({ finishedAt: at(10), events: log })], NOV, NOW, SEEDED);
    assert.deepEqual([item!.holderId, item!.late, item!.completed, item!.delays], [3, true, true, 1]);
  });
  it('a missed apology date is a second delay; a second supplement request is a content error and late', () => {
    const log = [ev(1, 'assign', '2', 1, '3')];
    const [a] = dossierItems([dossier({ finishedAt: at(12), extendedDueAt: at(10), events: log })], NOV, NOW, SEEDED);
    assert.equal(a!.delays, 2);
    const [b] = dossierItems([dossier({ supplementCount: 2, events: log })], NOV, NOW, SEEDED);
    assert.deepEqual([b!.late, b!.qualityErrors], [true, 1]);
  });
  it('conversion coefficient by field (the commune\'s data): land ×2', () => {
    const [d] = dossierItems([dossier({ fieldCode: 'DATDAI', events: [ev(1, 'assign', '2', 1, '3')] })], NOV, NOW, SEEDED);
    assert.equal(d!.weight, 2);
  });
});
