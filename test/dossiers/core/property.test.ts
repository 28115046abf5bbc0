// Property: for random command sequences, decide only takes transitions the table allows, keeps the invariants of
// the rules, and replay(events) rebuilds exactly the projection decide returned (also after a JSON round trip).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTIONS, ACTION_TYPES, EventLogError, actionsFrom, decide, hashChain, isTerminal, replay, reviveEvent, ruleOf, targetsOf, verifyChain,
  type ActionEvent, type ActionType, type Actor, type DossierProjection, type FromState, type PayloadInput,
} from '../../../src/dossiers/core/index.ts';
import {
  ALL_ACTORS, APPROVE, signedApproval, ASSIGN, SUBMIT, DAY, DESK, ISSUE, KT, PROPOSE_GRANT, PROVIDED, RECEIVE, SUPPLEMENT, T0, VHXH, leader,
  officer, run, stubCtx,
} from './fixtures.ts';

const often = (percent: number) => fc.integer({ min: 1, max: 100 }).map((n) => n <= percent);

// Mostly well-formed commands (an allowed action, a plausible actor at the dossier's unit, a full payload), so the
// sequences get deep into the lifecycle; sometimes anything at all, so refusals are exercised too.
const stepArb = fc.record({
  biased: often(90),
  guided: often(50),
  avoidEnding: often(90),
  atUnit: often(80),
  action: fc.nat(),
  actor: fc.nat(),
  variant: fc.nat(),
  dropRequired: often(5),
  gapMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

const scenarioArb = fc.record({
  allowSecondSupplement: fc.boolean(),
  pausingStates: fc.subarray(['supplement', 'financial_obligation'] as const),
  steps: fc.array(stepArb, { maxLength: 60 }),
});

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length] as T;

type StepDraw = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

/** The usual next step towards a result: drawn half of the time, so results and returns are exercised. */
function nextStep(p: DossierProjection | null, s: StepDraw): ActionType | null {
  switch (p?.state ?? null) {
    case null: return pick(['receive_counter', 'submit_online'] as const, s.action);
    case 1: return 'receive_online';
    case 2: return 'assign';
    case 4:
      if (!p?.proposal) return 'propose_result';
      if (!p.approvedBy && !p.signatureRequestedOf) return 'submit_for_signature';
      if (!p.approvedBy) return 'approve';
      return p.proposal.outcome === 'approve' ? 'issue_result' : 'reject_not_eligible';
    case 5: return 'supplement_provided';
    case 6: return 'obligation_met';
    case 9: return 'return_result';
    default: return null;
  }
}

function chooseAction(p: DossierProjection | null, s: StepDraw): ActionType {
  const state = p?.state ?? null;
  const allowed = actionsFrom(state);
  if (!s.biased || allowed.length === 0) return pick(ACTION_TYPES, s.action);
  const next = s.guided ? nextStep(p, s) : null;
  if (next) return next;
  const goingOn = allowed.filter((t) => !targetsOf(t, state).some(isTerminal));
  return pick(s.avoidEnding && goingOn.length > 0 ? goingOn : allowed, s.action);
}

function chooseActor(p: DossierProjection | null, type: ActionType, s: StepDraw): Actor {
  if (!s.biased) return pick(ALL_ACTORS, s.actor);
  const role = pick(ACTIONS[type].roles, s.actor);
  const id = role === 'citizen' ? pick(['cd-1', 'cd-1', 'cd-2'], s.actor >> 3) : `${role}-${(s.actor >> 3) % 2}`;
  const unitCode = s.atUnit && p ? p.currentUnitCode : pick([DESK, VHXH, KT, null], s.actor >> 5);
  return { id, role, unitCode };
}

/** A payload with every field an action may need, varied by `v`. */
function payloadFor(v: number, at: Date): PayloadInput {
  return {
    reason: 'Lý do thử nghiệm',
    items: ['Giấy tờ cần bổ sung'],
    unitCode: pick([DESK, VHXH, KT], v),
    assigneeId: pick([undefined, 'cv-1', 'cv-2'], v >> 2),
    amountVnd: 8000,
    description: 'Lệ phí',
    proposalText: 'Nội dung đề xuất',
    proposalOutcome: pick(['approve', 'reject'], v >> 4),
    channel: pick(['counter', 'post', 'online'], v >> 5),
    newDueAt: new Date(at.getTime() + (pick([-1, 2, 4, 8, 12], v >> 7) * DAY)),
    applicantId: 'cd-1',
    signerId: pick(['unit_head-0', 'leader-1', 'specialist-0'], v >> 9),
    // The correction of the declaration and the fee's payment (issue 11: actions of the table like the others).
    revision: 2,
    fields: ['Ngày sinh'],
    paymentMethod: pick(['online', 'cash'], v >> 11),
    receiptNo: '0000012/BL',
    orderRef: 'XS0001',
    // The applicant's update from the population database (issue 15).
    lookupId: 1 + (v % 5),
  };
}

describe('replay', () => {
  it('rebuilds the projection decide returned for a full lifecycle', () => {
    const d = run([
      RECEIVE, ASSIGN, SUPPLEMENT, PROVIDED,
      ['apologize_extend', leader, { reason: 'Chờ xác minh', newDueAt: new Date(T0.getTime() + 9 * DAY) }],
      PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE, ['return_result', officer, { channel: 'post' }],
    ]);
    assert.equal(d.p.state, 10);
    assert.deepEqual(replay(d.events), d.p);
    assert.deepEqual(replay(d.events.slice(0, 4)), run([RECEIVE, ASSIGN, SUPPLEMENT, PROVIDED]).p);
  });

  it('refuses a log with a missing or reordered event', () => {
    const { events } = run([RECEIVE, ASSIGN, PROPOSE_GRANT]);
    assert.throws(() => replay([events[0], events[2]].filter((e) => e !== undefined)), EventLogError);
    assert.throws(() => replay([events[1], events[0]].filter((e) => e !== undefined)), EventLogError);
    assert.throws(() => replay([]), EventLogError);
  });
});

describe('random command sequences', () => {
  it('stay on the table, keep the invariants, and replay to the same projection', () => {
    fc.assert(
      fc.property(scenarioArb, ({ allowSecondSupplement, pausingStates, steps }) => {
        const ctx = stubCtx({ allowSecondSupplement, pausingStates });
        let p = null as DossierProjection | null;
        const events: ActionEvent[] = [];
        let at = T0;
        for (const s of steps) {
          at = new Date(at.getTime() + s.gapMinutes * 60_000);
          const state: FromState = p?.state ?? null;
          const type: ActionType = chooseAction(p, s);
          const rule = ruleOf(type);
          const payload: Record<string, unknown> = { ...payloadFor(s.variant, at) };
          if (s.dropRequired && rule.requires.length > 0) delete payload[pick(rule.requires, s.variant)];

          const decided = decide(p, { type, actor: chooseActor(p, type, s), at, payload }, ctx);
          if (!decided.ok) continue;
          const r = type === 'approve' ? signedApproval(p, decided.event) : decided; // as the service signs
          assert.ok(rule.from.includes(state), `${type} taken from ${state}`);
          assert.ok(targetsOf(type, state).includes(r.next.state), `${type}: ${state} → ${r.next.state}`);
          assert.equal(r.event.fromState, state);
          assert.equal(r.event.toState, r.next.state);
          checkInvariants(r.next, allowSecondSupplement, [...events, r.event]);
          p = r.next;
          events.push(r.event);
        }
        if (p === null) return;
        assert.deepEqual(replay(events), p);
        const stored = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
        assert.deepEqual(replay(stored.map(reviveEvent)), p);
        assert.equal(verifyChain(hashChain(events)), -1);
      }),
      { numRuns: 400 },
    );
  });
});

function checkInvariants(p: DossierProjection, allowSecond: boolean, events: readonly ActionEvent[]): void {
  if (!allowSecond) assert.ok(p.supplementCount <= 1, 'at most one supplement after receipt');
  assert.equal(p.lateBySupplementRule, p.supplementCount > 1);
  assert.ok(p.extensionCount <= 1, 'at most one extension');
  assert.equal(p.extendedDueAt !== null, p.extensionCount === 1);
  if (p.receivedAt) assert.ok(p.dueAt && p.originalDueAt && p.dueAt >= p.originalDueAt);
  if (p.pausedAt) assert.ok(p.state === 5 || p.state === 6 || p.state === 7 || p.state === 8, `paused in ${p.state}`);
  if (p.state === 9 || p.state === 10) assert.ok(p.outcome !== null && p.approvedBy !== null && p.resultIssuedAt);
  if (p.state === 9 || p.state === 10) assert.ok(p.signedResultCode, 'a result is issued signed');
  if (p.signatureRequestedOf !== null) assert.ok(p.proposal !== null && p.approvedBy === null, 'only an unsigned proposal awaits a signature');
  if (p.returnChannel === 'online') assert.ok(p.signedResultCode, 'an online return has the signed result');
  if ([3, 7, 8, 9, 10].includes(p.state)) assert.ok(p.finishedAt !== null);
  // A submission awaiting receipt always has its receipt deadline, after the action that brought it to the desk
  // (core/receipt.ts); a correction or a payment meanwhile does not move it.
  if (p.state === 1) {
    const entered = [...events].reverse().find((e) => e.fromState !== 1)!;
    assert.ok(p.receiptDueAt !== null && p.receiptDueAt > entered.at, 'receipt deadline');
  }
}
