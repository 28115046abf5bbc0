// The action table against the law, twice: (1) the table equals a hand-written list of the legal rules, so an edit
// of the table that breaks the law fails here; (2) `decide` obeys the table for every action in every state.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTIONS, ACTION_TYPES, STATE_CODES, STATES, actionsFrom, decide, isTerminal, ruleOf, targetsOf,
  type ActionType, type FromState, type Role, type StateCode,
} from '../../../src/dossiers/core/index.ts';
import { NATURAL, PATHS, PATH_5_BEFORE_RECEIPT, more, run, stubCtx, transferredPath, type Dossier } from './fixtures.ts';
import { ENGLISH_NOTE, notesIn } from '../../web/developer-notes.ts';

type To = StateCode | 'unchanged' | readonly [afterReceipt: StateCode, beforeReceipt: StateCode];

/** Hand-written from domain.md §2.5–2.7 and the brief; independent of src/dossiers/core/actions.ts. `unverified`:
 *  domain.md could not confirm the article (or the form number) cited, so the row says so for developers. */
const LAW: Record<ActionType, { from: FromState[]; to: To; roles: Role[]; basis?: RegExp[]; unverified?: true }> = {
  submit_online: { from: [null], to: 1, roles: ['citizen', 'system'], unverified: true },
  receive_counter: { from: [null], to: 2, roles: ['receiving_officer'], basis: [/BM\.01/], unverified: true },
  receive_online: { from: [1], to: 2, roles: ['receiving_officer'], basis: [/BM\.01/], unverified: true },
  refuse_receipt: { from: [null, 1], to: 3, roles: ['receiving_officer'], basis: [/BM\.03/] },
  request_supplement_before_receipt: { from: [1], to: 5, roles: ['receiving_officer'], basis: [/BM\.02/] },
  assign: { from: [2, 4], to: 4, roles: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'], unverified: true },
  forward: { from: [4], to: 4, roles: ['specialist', 'unit_head', 'leader', 'cchc_coordinator'], unverified: true },
  request_supplement: { from: [2, 4], to: 5, roles: ['receiving_officer', 'specialist', 'unit_head'], basis: [/BM\.02/, /766/] },
  supplement_provided: { from: [5], to: [4, 1], roles: ['citizen', 'receiving_officer', 'system'] },
  request_financial_obligation: { from: [4], to: 6, roles: ['specialist', 'unit_head'], unverified: true },
  obligation_met: { from: [6], to: 4, roles: ['receiving_officer', 'system'] },
  propose_result: { from: [4], to: 'unchanged', roles: ['specialist'], unverified: true },
  // Trình ký, trả lại, phê duyệt và ký số (issue 11): NĐ 30/2020 (trình ký), NĐ 45/2020 Đ14 (kết quả điện tử ký số).
  submit_for_signature: { from: [4], to: 'unchanged', roles: ['specialist', 'unit_head'], unverified: true },
  send_back: { from: [4], to: 'unchanged', roles: ['unit_head', 'leader'], unverified: true },
  approve: { from: [4], to: 'unchanged', roles: ['unit_head', 'leader'], basis: [/NĐ 45\/2020 Đ14/], unverified: true },
  reject_not_eligible: { from: [4], to: 9, roles: ['specialist', 'unit_head', 'leader'], unverified: true },
  issue_result: { from: [4], to: 9, roles: ['specialist', 'unit_head', 'leader'], basis: [/NĐ 118\/2025 Đ22/] },
  return_result: { from: [9], to: 10, roles: ['receiving_officer', 'system'] },
  withdraw: { from: [1, 2, 4, 5, 6], to: 7, roles: ['citizen', 'receiving_officer'], unverified: true },
  stop_processing: {
    from: [2, 4, 5, 6], to: 8, roles: ['receiving_officer', 'system'],
    basis: [/NĐ 118\/2025 Đ21 k1/, /TT 03\/2025 Đ7/],
  },
  apologize_extend: { from: [2, 4, 5, 6], to: 'unchanged', roles: ['unit_head', 'leader'], basis: [/BM\.04/], unverified: true },
  // Issue 11, one workflow idiom: the officer's correction of the declaration while the dossier is open and undecided
  // (the desk at receipt, the specialist or unit head while processing); the fee paid online or in cash, logged.
  correct_declaration: { from: [1, 2, 4, 5, 6], to: 'unchanged', roles: ['receiving_officer', 'specialist', 'unit_head'], basis: [/NĐ 118\/2025/], unverified: true },
  fee_paid: { from: [1, 2, 4, 5, 6, 9], to: 'unchanged', roles: ['system', 'receiving_officer'], basis: [/Luật Phí và lệ phí 2015/, /NĐ 118\/2025 Đ24/], unverified: true },
  set_time_case: { from: [2, 4], to: 'unchanged', roles: ['receiving_officer', 'specialist', 'unit_head'], basis: [/Luật Hộ tịch 2014 Đ18 k2/, /NĐ 23\/2015 Đ21/] },
  send_draft: { from: [4], to: 'unchanged', roles: ['specialist', 'unit_head'], basis: [/dự thảo giấy tờ hộ tịch điện tử/, /01 ngày/], unverified: true },
  confirm_draft: { from: [4], to: 'unchanged', roles: ['citizen'], basis: [/coi như đồng ý/], unverified: true },
  request_draft_correction: { from: [4], to: 'unchanged', roles: ['citizen'], basis: [/xác nhận/], unverified: true },
  // A file attached, or its storage copy made (issue 14): recorded in any state once the dossier exists, changing none.
  attach_file: {
    from: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], to: 'unchanged', roles: ['receiving_officer', 'specialist', 'unit_head', 'citizen', 'system'],
    basis: [/NĐ 45\/2020 Đ9/, /9318\/VPCP-KSTT/], unverified: true,
  },
  // Issue 15: the applicant's name and residence from the population database (TT 117/2026/TT-BCA), while the dossier
  // is open and undecided, by who holds it (like the correction of the declaration).
  update_applicant: {
    from: [1, 2, 4, 5, 6], to: 'unchanged', roles: ['receiving_officer', 'specialist', 'unit_head'],
    basis: [/TT 117\/2026\/TT-BCA/, /NĐ 45\/2020/], unverified: true,
  },
  // Issue 16: location-independent receipt (NĐ 118/2025; NĐ 120/2025 for civil status): the desk transfers a received
  // dossier to the competent commune; the paper travels (sent, then received, by the desks), in any state after receipt
  // where paper can be on the road (also once the dossier ended: paper sent before must still be received).
  transfer_to_competent: { from: [2], to: 'unchanged', roles: ['receiving_officer'], basis: [/NĐ 118\/2025/, /địa giới/], unverified: true },
  send_papers: { from: [2, 4, 5, 6, 9], to: 'unchanged', roles: ['receiving_officer'], basis: [/NĐ 118\/2025/], unverified: true },
  receive_papers: { from: [2, 4, 5, 6, 7, 8, 9, 10], to: 'unchanged', roles: ['receiving_officer'], basis: [/NĐ 118\/2025/], unverified: true },
};

const ALL_FROM: FromState[] = [null, ...STATE_CODES];
const sortStates = (xs: readonly FromState[]) => [...xs].sort((a, b) => (a ?? 0) - (b ?? 0));

function lawTarget(type: ActionType, from: StateCode, received: boolean): StateCode {
  const to = LAW[type].to;
  if (to === 'unchanged') return from;
  if (typeof to === 'number') return to;
  return received ? to[0] : to[1];
}

describe('action table = the law', () => {
  for (const type of ACTION_TYPES) {
    it(`${type}: from-states, target, roles and legal basis`, () => {
      const rule = ACTIONS[type];
      assert.deepEqual(sortStates(rule.from), sortStates(LAW[type].from), 'from-states');
      assert.deepEqual([...rule.roles].sort(), [...LAW[type].roles].sort(), 'roles');
      const to = LAW[type].to;
      const expected = Array.isArray(to) ? { afterReceipt: to[0], beforeReceipt: to[1] } : to;
      assert.deepEqual(rule.to, expected, 'target');
      assert.ok(rule.legalBasis.length > 10, 'legal basis present');
      for (const re of LAW[type].basis ?? []) assert.match(rule.legalBasis, re);
      assert.match(rule.label, /[À-ỹ]/u, 'Vietnamese label with diacritics');
    });
  }

  it('legal bases are plain Vietnamese citations (they are shown); the doubts are in `unverified`, for developers', () => {
    for (const type of ACTION_TYPES) {
      const rule = ruleOf(type);
      assert.deepEqual(notesIn(rule.legalBasis), [], `${type}: ${rule.legalBasis}`);
      assert.doesNotMatch(rule.legalBasis, ENGLISH_NOTE, `${type}: ${rule.legalBasis}`);
      assert.equal(rule.unverified !== undefined, LAW[type].unverified === true, `${type}: unverified ${rule.unverified ?? '(none)'}`);
      if (rule.unverified) assert.match(rule.unverified, /not confirmed/, `${type}: says what is not confirmed`);
    }
  });

  it('lists every action once, and no admin in any row (separation of duties)', () => {
    assert.deepEqual(Object.keys(ACTIONS).sort(), [...ACTION_TYPES].sort());
    for (const type of ACTION_TYPES) assert.ok(!(ACTIONS[type].roles as readonly Role[]).includes('admin'));
  });

  it('every hand-over to a named unit requires that unit in the payload', () => {
    for (const type of ACTION_TYPES) {
      const rule = ruleOf(type);
      if (rule.handover === 'to_payload_unit') assert.ok(rule.requires.includes('unitCode'), type);
    }
  });

  it('terminal states (3, 7, 8, 10) have no way out; every other state has one', () => {
    assert.deepEqual(STATE_CODES.filter(isTerminal), [3, 7, 8, 10]);
    // A way out: an action leading to another state (a file's entry, attach_file, changes none and is recorded anywhere).
    const waysOut = (s: StateCode) => actionsFrom(s).filter((t) => targetsOf(t, s).some((to) => to !== s));
    for (const s of STATE_CODES) assert.equal(waysOut(s).length === 0, STATES[s].terminal, `state ${s}`);
    // A file's entry, and paper sent before the end still received by its recipient (location-independent receipt).
    const recordsOnly = (s: StateCode) => (s === 3 ? ['attach_file'] : ['attach_file', 'receive_papers']);
    for (const s of STATE_CODES.filter(isTerminal)) assert.deepEqual(actionsFrom(s), recordsOnly(s), `state ${s}`);
  });

  it('every state is reachable from "no dossier"', () => {
    const seen = new Set<FromState>([null]);
    let frontier: FromState[] = [null];
    while (frontier.length > 0) {
      const next: FromState[] = [];
      for (const s of frontier) {
        for (const t of actionsFrom(s)) {
          for (const to of targetsOf(t, s).filter((x) => !seen.has(x))) {
            seen.add(to);
            next.push(to);
          }
        }
      }
      frontier = next;
    }
    assert.deepEqual(sortStates([...seen]), ALL_FROM);
  });
});

describe('decide obeys the table in every state', () => {
  const plain = stubCtx();
  const draftCtx = stubCtx({ draftConfirmation: true });

  for (const type of ACTION_TYPES) {
    it(`${type}`, () => {
      const { actor: usual, payload, setup, actorIn, draft, transferred } = NATURAL[type];
      // The draft actions on an online civil-status dossier in state 4 (the paths to 9 and 10 need no draft).
      const ctxIn = (from: FromState) => (draft && from === 4 ? draftCtx : plain);
      for (const from of ALL_FROM) {
        const actor = (from !== null && actorIn?.[from]) || usual;
        const ctx = ctxIn(from);
        let d: Dossier | null = from === null ? null : run(transferred ? transferredPath(from, transferred) : PATHS[from], ctx);
        if (d && from === 4 && setup) d = more(d, setup, ctx);
        const at = d ? d.now : new Date('2026-03-02T01:00:00Z');
        const r = decide(d?.p ?? null, { type, actor, at, payload }, ctx);
        const allowed = LAW[type].from.includes(from);
        if (allowed) {
          assert.ok(r.ok, `${type} from ${from} should succeed: ${r.ok ? '' : r.error.code}`);
          const expected = from === null ? (LAW[type].to as StateCode) : lawTarget(type, from, true);
          assert.equal(r.next.state, expected, `${type} from ${from}`);
        } else {
          assert.ok(!r.ok, `${type} from ${from} must be refused`);
          assert.equal(r.error.code, from === null ? 'DOSSIER_NOT_FOUND' : 'ACTION_NOT_ALLOWED_IN_STATE');
          assert.equal(r.error.status, from === null ? 404 : 409);
        }
      }
    });
  }

  it('state 5 before receipt: supplement goes back to 1; stop and apology need a received dossier', () => {
    const ctx = plain;
    const d = run(PATH_5_BEFORE_RECEIPT, ctx);
    assert.equal(d.p.state, 5);
    const provided = decide(d.p, { type: 'supplement_provided', actor: NATURAL.supplement_provided.actor, at: d.now }, ctx);
    assert.ok(provided.ok);
    assert.equal(provided.next.state, lawTarget('supplement_provided', 5, false));
    for (const type of ['stop_processing', 'apologize_extend'] as const) {
      const r = decide(d.p, { type, actor: NATURAL[type].actor, at: d.now, payload: NATURAL[type].payload }, ctx);
      assert.ok(!r.ok && r.error.code === 'NOT_YET_RECEIVED', type);
    }
    const w = decide(d.p, { type: 'withdraw', actor: NATURAL.withdraw.actor, at: d.now }, ctx);
    assert.ok(w.ok && w.next.state === 7);
  });
});
