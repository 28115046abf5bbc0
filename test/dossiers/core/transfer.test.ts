// Location-independent receipt, the pure rules (core/transfer.ts): which commune takes which step of a transferred
// dossier, and the history rules of the paper's road (NĐ 118/2025; domain.md §2.2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTION_TYPES, communeSideCheck, decide, type ActionType } from '../../../src/dossiers/core/index.ts';
import { ASSIGN, ISSUE, APPROVE, PROPOSE_GRANT, RECEIVE, SEND_PAPERS, SUBMIT, officer, more, run, stubCtx, transferStep } from './fixtures.ts';

const A = 'xuan-duong', B = 'tan-lap', C = 'xa-khac';
const ctx = stubCtx();
const code = (p: Parameters<typeof communeSideCheck>[0], type: ActionType, caller: string, holding = B) =>
  communeSideCheck(p, type, { holding, receiving: A, caller })?.code ?? null;

describe('which commune takes which step', () => {
  const sent = run([RECEIVE, transferStep('receiving_centre'), ASSIGN], ctx);
  const processed = more(sent, [PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE], ctx);

  it('the receiving commune only follows: every step but its paper and the return is refused', () => {
    for (const type of ACTION_TYPES.filter((t) => !['send_papers', 'receive_papers', 'return_result'].includes(t))) {
      assert.equal(code(sent.p, type, A), 'RECEIVING_COMMUNE_ONLY_FOLLOWS', type);
      assert.equal(code(sent.p, type, B), null, type);
    }
  });

  it('a third commune never reaches the dossier', () => {
    fc.assert(fc.property(fc.constantFrom(...ACTION_TYPES), (type) => code(sent.p, type, C) === 'DOSSIER_NOT_FOUND'));
  });

  it('the originals leave the receiving centre; the paper result leaves the competent commune', () => {
    assert.equal(code(sent.p, 'send_papers', A), null);
    assert.equal(code(sent.p, 'send_papers', B), 'NOT_PAPERS_SENDER');
    assert.equal(code(processed.p, 'send_papers', B), null);
    assert.equal(code(processed.p, 'send_papers', A), 'NOT_PAPERS_SENDER');
  });

  it('the result is returned where the citizen asked', () => {
    assert.equal(code(processed.p, 'return_result', B), 'RESULT_RETURNED_AT_RECEIVING_CENTRE');
    assert.equal(code(processed.p, 'return_result', A), null);
    const byPost = more(run([RECEIVE, transferStep('post'), ASSIGN], ctx), [PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE], ctx);
    assert.equal(code(byPost.p, 'return_result', B), null);
    assert.equal(code(byPost.p, 'return_result', A), 'RECEIVING_COMMUNE_ONLY_FOLLOWS');
  });

  it('a dossier that never left: its commune does everything, as before', () => {
    const home = run([RECEIVE, ASSIGN], ctx);
    for (const type of ACTION_TYPES) assert.equal(code(home.p, type, A, A), null, type);
  });
});

describe('the paper on the road', () => {
  it('one parcel at a time; received by its recipient; the return waits for the paper result', () => {
    let d = run([RECEIVE, transferStep('receiving_centre'), ASSIGN, SEND_PAPERS], ctx);
    assert.equal(d.p.papersInTransit, 'to_competent');
    const again = decide(d.p, { type: 'send_papers', actor: officer, at: d.now, payload: { papers: 'x', carrier: 'y' } }, ctx);
    assert.ok(!again.ok && again.error.code === 'PAPERS_IN_TRANSIT');
    d = more(d, [['receive_papers', officer], PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE], ctx);
    assert.equal(d.p.papersInTransit, null);
    const early = decide(d.p, { type: 'return_result', actor: officer, at: d.now, payload: { channel: 'counter' } }, ctx);
    assert.ok(!early.ok && early.error.code === 'RESULT_PAPERS_NOT_RECEIVED');
    d = more(d, [SEND_PAPERS, ['receive_papers', officer]], ctx);
    assert.ok(d.p.resultPapersReceivedAt);
    assert.ok(decide(d.p, { type: 'return_result', actor: officer, at: d.now, payload: { channel: 'counter' } }, ctx).ok);
  });

  it('the transfer happens once, needs a procedure receivable anywhere, and lands at the competent desk', () => {
    const d = run([RECEIVE], ctx);
    const step = transferStep('post');
    const no = decide(d.p, { type: 'transfer_to_competent', actor: officer, at: d.now, payload: step[2] }, stubCtx({ receivableAnywhere: false }));
    assert.ok(!no.ok && no.error.code === 'NOT_RECEIVABLE_ANYWHERE');
    const yes = decide(d.p, { type: 'transfer_to_competent', actor: officer, at: d.now, payload: step[2] }, ctx);
    assert.ok(yes.ok);
    assert.equal(yes.event.handover?.toCommune, 'tan-lap');
    assert.equal(yes.next.competentCommuneId, 'tan-lap');
    const twice = decide(yes.next, { type: 'transfer_to_competent', actor: officer, at: d.now, payload: step[2] }, ctx);
    assert.ok(!twice.ok && twice.error.code === 'ALREADY_TRANSFERRED');
  });
});
