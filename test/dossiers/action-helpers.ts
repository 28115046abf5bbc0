// Shared helpers of the lifecycle-action API tests (actions.app.test.ts, result-actions.app.test.ts): calling an
// action as a demo staff member or an API key, recording which actions were seen accepted and refused (so each
// file can assert its coverage), and checking a dossier's history and its replay.
import assert from 'node:assert/strict';
import { replay, reviveEvent } from '../../src/dossiers/core/index.ts';
import type { TestApp } from '../support/app.ts';
import { applicant, call, type Call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { passDraft } from './draft-support.ts';

export const KHAI_SINH = '1.001193'; // same day, VHXH
export const TTHN = '1.004873'; // xác nhận tình trạng hôn nhân: 3 working days, VHXH
export const LAND = 'DD.LOCAL.001'; // first land certificate: 20 working days, KT, pauses for financial obligations

/** An instant written in Vietnam local time ('2026-11-25T09:00') as the API prints it (UTC ISO). */
export const vn = (local: string): string => new Date(`${local}+07:00`).toISOString();

/** A demo username, or an API key (a system acting with the key's roles). */
export type Who = string | { key: string };

/** Accepted and refused calls per action type, by HTTP status. */
export interface Coverage {
  accepted: Set<string>;
  refused: Map<string, Set<number>>;
}

export const newCoverage = (): Coverage => ({ accepted: new Set(), refused: new Map() });

export function record(cov: Coverage, type: string, status: number): void {
  if (status < 300) cov.accepted.add(type);
  else cov.refused.set(type, (cov.refused.get(type) ?? new Set()).add(status));
}

export function helpers(t: TestApp, cov: Coverage) {
  const opts = (who: Who, body?: unknown) =>
    typeof who === 'string' ? { as: who, body } : { headers: { authorization: `Bearer ${who.key}` }, body };

  /** POST /api/v1/dossiers/:id/actions/<type>, at `at` (local time) when given. */
  async function act(id: string, type: string, who: Who, body: object = {}, at?: string): Promise<Call> {
    if (at) t.setNow(`${at}+07:00`);
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, opts(who, body));
    record(cov, type, r.status);
    return r;
  }

  /** Counter intake (receive_counter) at `at` (local time). */
  async function intake(procedureCode: string, at: string, who = 'motcua', over: Record<string, unknown> = {}): Promise<Call> {
    t.setNow(`${at}+07:00`);
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: who, body: { procedureCode, applicant: applicant(), ...over } });
    record(cov, (over.action as string | undefined) ?? 'receive_counter', r.status);
    return r;
  }

  /** Online submission (submit_online) at `at` (local time), by the applicant logged in with e-identity. */
  async function submit(procedureCode: string, at: string, name = 'Trần Thị Cúc'): Promise<Call> {
    t.setNow(`${at}+07:00`);
    const r = await fileOnline(t, { procedureCode, applicant: applicant({ name }) });
    record(cov, 'submit_online', r.status);
    return r;
  }

  const get = async (id: string, who: Who = 'motcua') => call(t, 'GET', `/api/v1/dossiers/${id}`, opts(who));

  async function staffId(username: string): Promise<string> {
    const r = await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return String(r.id);
  }

  /** GET /history is intact, the log is a gap-free chain of states ending in the dossier's state, and replaying
   *  the stored events through the core gives exactly the stored projection. Returns the action names. */
  async function assertConsistent(id: string): Promise<string[]> {
    const h = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' });
    assert.equal(h.status, 200, JSON.stringify(h.body));
    assert.equal(h.body.intact, true, `history of ${id}`);
    assert.equal(h.body.firstBrokenSeq, null);
    const evs = h.body.events as { seq: number; fromState: number | null; toState: number; action: string }[];
    evs.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      assert.equal(e.fromState, i === 0 ? null : evs[i - 1]!.toState, `event ${e.seq} (${e.action}) starts where the last ended`);
    });
    const d = await get(id);
    assert.equal(d.body.state, evs.at(-1)!.toState, 'state = last event toState');
    const rows = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();
    const replayed = replay(rows.map((r) => reviveEvent({
      type: r.action, seq: r.seq, at: new Date(r.at).toISOString(),
      actor: { id: r.actor_id, role: r.actor_role, unitCode: r.actor_unit },
      fromState: r.from_state, toState: r.to_state, payload: r.payload, changes: r.changes, handover: r.handover,
    })));
    const stored = await t.db.selectFrom('dossiers').select(['projection', 'state', 'event_count']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(JSON.stringify(replayed)), stored.projection, 'replay = stored projection');
    assert.equal(stored.state, replayed.state);
    assert.equal(stored.event_count, rows.length);
    return evs.map((e) => e.action);
  }

  /** Trình ký then "Phê duyệt và ký số": `by` submits the proposal to `signer`, who approves and signs it. */
  async function submitAndSign(id: string, signer: Who = 'chutich', by: Who = 'hotich', at?: string): Promise<Call> {
    const signerId = typeof signer === 'string' ? await staffId(signer) : '0';
    if (at) t.setNow(`${at}+07:00`);
    if (typeof by === 'string') await passDraft(t, id, by); // an online civil-status dossier: the applicant checks the draft
    const s = await act(id, 'submit_for_signature', by, { signerId });
    assert.equal(s.status, 200, `submit_for_signature: ${JSON.stringify(s.body)}`);
    return act(id, 'approve', signer, {});
  }

  return { act, intake, submit, get, staffId, assertConsistent, submitAndSign };
}

/** Asserts an accepted action: 200 and the resulting state. */
export function accepted(r: Call, state: number): void {
  assert.equal(r.status < 300, true, `expected success, got ${r.status} ${JSON.stringify(r.body)}`);
  assert.equal(r.body.state, state, JSON.stringify(r.body.events?.at(-1) ?? r.body));
}

/** Asserts a refusal as problem+json with its status and stable code. */
export function refused(r: Call, status: number, code: string): void {
  assert.equal(r.status, status, `expected ${status} ${code}, got ${r.status} ${JSON.stringify(r.body)}`);
  assert.equal(r.body.code, code);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
}

/** Every listed action was accepted at least once, refused for role/unit (403/404) and, unless exempt, for the
 *  state (409). */
export function assertCoverage(cov: Coverage, types: readonly string[], noStateRefusal: readonly string[] = []): void {
  for (const type of types) {
    assert.ok(cov.accepted.has(type), `${type} never accepted`);
    const statuses = cov.refused.get(type) ?? new Set<number>();
    assert.ok(statuses.has(403) || statuses.has(404), `${type} never refused for role/unit: ${[...statuses]}`);
    if (!noStateRefusal.includes(type)) assert.ok(statuses.has(409), `${type} never refused for state: ${[...statuses]}`);
  }
}
