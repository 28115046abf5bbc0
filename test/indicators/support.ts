// Driving the real engine at chosen instants for the indicator tests: a counter intake of birth registration and
// an action, each asserting success.
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { passDraft } from '../dossiers/draft-support.ts';

export const KHAI_SINH = '1.001193'; // same day; received before 15:00 → due 17:00 the same day

export function engine(t: TestApp) {
  const e = {
    async intake(at: string, as = 'motcua', body: object = {}) {
      t.setNow(at);
      const r = await call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode: KHAI_SINH, applicant: applicant(), ...body } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    },
    async act(id: string, type: string, as: string, at: string, body: object = {}) {
      t.setNow(at);
      const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
      assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.body)}`);
    },
    /** Trình ký by `by`, then "Phê duyệt và ký số" by `signer`, both at `at`. */
    async sign(id: string, signer: string, at: string, by = 'hotich') {
      const s = await t.db.selectFrom('staff').select('id').where('username', '=', signer).executeTakeFirstOrThrow();
      t.setNow(at);
      await passDraft(t, id, by); // an online civil-status dossier: the applicant checks the draft first
      await e.act(id, 'submit_for_signature', by, at, { signerId: String(s.id) });
      await e.act(id, 'approve', signer, at);
    },
  };
  return e;
}
