// The dossier action `update_applicant` (issue 15: "Dùng thông tin này" really updates the applicant; TT 117/2026/TT-BCA):
// no state change; the desk while the dossier is at the desk, then the assigned specialist or the head of the unit
// holding it; in the open, undecided states only; the fields changed and the lookup required; replayed like every
// entry. Plus the residence the forms are filled with (residenceOf).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTIONS, ERRORS, STATE_CODES, availableActions, decide, replay, type DossierErrorCode,
} from '../../src/dossiers/core/index.ts';
import {
  APPROVE, ASSIGN, ALL_ACTORS, PATHS, PROPOSE_GRANT, RECEIVE, SEND_DRAFT, SUBMIT, citizen, cmd, head, leader, more, officer, otherHead,
  run, specialist, stubCtx, type Dossier, type Step,
} from '../dossiers/core/fixtures.ts';
import { residenceOf } from '../../src/registries/core/compare.ts';

const UPDATE = (actor: typeof officer, payload: Record<string, unknown> = { fields: ['Nơi cư trú'], lookupId: 12 }): Step => ['update_applicant', actor, payload];

function refused(d: Dossier, step: Step, code: DossierErrorCode): void {
  const [type, actor, payload] = step;
  const r = decide(d.p, cmd(type, actor, d.now, payload), stubCtx());
  assert.ok(!r.ok, `${type} by ${actor.role} should be refused with ${code}`);
  assert.equal(r.error.code, code);
  assert.equal(r.error.status, ERRORS[code].status);
}

describe('update_applicant: who and when', () => {
  it('changes no state, records the fields and the lookup, and replays', () => {
    const received = run([RECEIVE]);
    const d = more(received, [UPDATE(officer)]);
    const e = d.events.at(-1)!;
    assert.deepEqual([d.p.state, d.p.version, e.type, e.fromState, e.toState], [2, 2, 'update_applicant', 2, 2]);
    assert.deepEqual(e.payload, { fields: ['Nơi cư trú'], lookupId: 12 });
    assert.deepEqual({ ...d.p, version: 1, lastActionAt: received.p.lastActionAt }, received.p, 'nothing else in the projection changes');
    assert.deepEqual(replay(d.events), d.p);
    assert.equal(ACTIONS.update_applicant.to, 'unchanged');
    assert.match(ACTIONS.update_applicant.legalBasis, /TT 117\/2026\/TT-BCA/);
  });

  it('the desk while the dossier is at the desk; once routed, the assigned specialist or the unit head, nobody else', () => {
    const submitted = run(PATHS[1]);
    assert.equal(more(submitted, [UPDATE(officer)]).p.state, 1);
    const received = run([RECEIVE]);
    refused(received, UPDATE(specialist), 'NOT_AT_YOUR_UNIT');
    const routed = run([RECEIVE, ASSIGN]);
    refused(routed, UPDATE(officer), 'ONLY_AT_DESK');
    refused(routed, UPDATE({ ...specialist, id: 'cv-9' }), 'NOT_ASSIGNED_TO_YOU');
    refused(routed, UPDATE(otherHead), 'NOT_AT_YOUR_UNIT');
    for (const who of [leader, citizen]) refused(routed, UPDATE(who), 'ROLE_NOT_ALLOWED');
    assert.equal(more(routed, [UPDATE(specialist), UPDATE(head)]).p.state, 4);
  });

  it('not once the decision is approved, nor in a closed state; the fields and the lookup are required', () => {
    const routed = run([RECEIVE, ASSIGN]);
    refused(more(routed, [PROPOSE_GRANT, SUBMIT, APPROVE]), UPDATE(specialist), 'DECISION_ALREADY_MADE');
    for (const s of [3, 7, 8, 9, 10] as const) refused(run(PATHS[s]), UPDATE(officer), 'ACTION_NOT_ALLOWED_IN_STATE');
    refused(routed, UPDATE(specialist, { fields: ['Nơi cư trú'] }), 'MISSING_FIELD');
    refused(routed, UPDATE(specialist, { lookupId: 3 }), 'MISSING_FIELD');
    refused(routed, UPDATE(specialist, { fields: ['Nơi cư trú'], lookupId: 0 }), 'INVALID_FIELD');
    refused(routed, UPDATE(specialist, { fields: [], lookupId: 3 }), 'INVALID_FIELD');
  });

  it('a draft result sent for the applicant\'s check must be sent again (the applicant changed)', () => {
    const d = run([RECEIVE, ASSIGN, PROPOSE_GRANT, SEND_DRAFT], stubCtx({ draftConfirmation: true }));
    const after = more(d, [UPDATE(specialist)], stubCtx({ draftConfirmation: true }));
    assert.equal(after.p.draftSentAt, null);
  });

  it('property: in any state, by any actor, accepted only by the table\'s roles from its states, and then the state is kept', () => {
    fc.assert(fc.property(fc.constantFrom(...STATE_CODES), fc.constantFrom(...ALL_ACTORS), (state, actor) => {
      const d = run(PATHS[state]);
      const r = decide(d.p, cmd('update_applicant', actor, d.now, { fields: ['Họ, chữ đệm và tên'], lookupId: 5 }), stubCtx());
      const allowed = availableActions(d.p, actor).includes('update_applicant');
      assert.equal(r.ok, allowed, `state ${state}, ${actor.role}`);
      if (r.ok) {
        assert.ok((ACTIONS.update_applicant.from as readonly number[]).includes(state));
        assert.ok((ACTIONS.update_applicant.roles as readonly string[]).includes(actor.role));
        assert.equal(r.next.state, state);
      }
    }), { numRuns: 200 });
  });
});

describe('the residence the forms are filled with', () => {
  it('where the person lives now, else their permanent residence', () => {
    assert.equal(residenceOf({ currentResidence: 'Nơi ở hiện tại', permanentResidence: 'Thường trú' }), 'Nơi ở hiện tại');
    assert.equal(residenceOf({ currentResidence: '', permanentResidence: 'Thường trú' }), 'Thường trú');
  });
});
