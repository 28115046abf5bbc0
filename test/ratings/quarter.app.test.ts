// The quarterly evaluation page (/can-bo/danh-gia-hai-long, web/staff/satisfaction.tsx): staff only, the commune's
// own ratings, the average score on the 18-point form with its band per unit; and the rating form's two criteria of
// the provincial portals (timeliness; the online service's convenience only for a dossier filed online), stored
// with the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { passDraft } from '../dossiers/draft-support.ts';
import { Browser, browserAs, text } from '../web/staff-browser.ts';
import { fileBirth } from '../dossiers/birth-declaration.ts';
import { saveRating } from '../../src/ratings/service.ts';
import { SCORED_CRITERIA } from '../../src/ratings/core/criteria.ts';

const t = await testApp();
const PAGE = '/can-bo/danh-gia-hai-long';

async function act(id: string, type: string, as: string, body: object = {}) {
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.equal(r.status, 200, `${type}: ${JSON.stringify(r.body)}`);
}

/** Processed by VHXH and returned by motcua; `online`: filed online with e-identity, else at the counter. */
async function returned(online: boolean): Promise<string> {
  let id: string;
  if (online) {
    id = (await fileBirth(t)).id;
    await act(id, 'receive_online', 'motcua');
  } else {
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    id = r.body.id as string;
  }
  await act(id, 'assign', 'motcua', { unitCode: 'VHXH' });
  await act(id, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await passDraft(t, id, 'hotich'); // online: the applicant checks the draft first
  await act(id, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) });
  await act(id, 'approve', 'chutich');
  await act(id, 'issue_result', 'hotich');
  await act(id, 'return_result', 'motcua', { channel: online ? 'online' : 'counter' });
  return id;
}

t.setNow('2026-11-25T09:00:00+07:00');
const counter = await returned(false);
const online = await returned(true);
const third = await returned(false);

test('staff only: anonymous is sent to the login; a malformed quarter goes back to the current one', async () => {
  const anon = new Browser(t);
  const r = await anon.get(PAGE);
  assert.equal(r.status, 303);
  assert.match(r.location ?? '', /^\/can-bo\/dang-nhap/);
  const b = await browserAs(t, 'hotich');
  const bad = await b.get(`${PAGE}?nam=20x6&quy=5`);
  assert.equal(bad.status, 303);
  assert.equal(bad.location, PAGE);
  assert.equal((await b.get(PAGE)).status, 200, 'any officer of the commune, like the dashboard');
});

test('the counter tablet asks timeliness always and the online convenience only for an online dossier', async () => {
  const b = await browserAs(t, 'motcua');
  const counterForm = await b.get(`/danh-gia/quay?ho_so=${counter}`);
  assert.equal(counterForm.status, 200);
  assert.ok(counterForm.body.includes('name="timeliness"') && !counterForm.body.includes('name="onlineConvenience"'));
  const onlineForm = await b.get(`/danh-gia/quay?ho_so=${online}`);
  assert.ok(onlineForm.body.includes('name="timeliness"') && onlineForm.body.includes('name="onlineConvenience"'));

  // Counter dossier: every legacy criterion "Tốt" (18), timeliness; a posted online convenience is dropped.
  const done = await b.submit(counterForm, '/danh-gia/quay', {
    muc_do: 'very_satisfied', ...Object.fromEntries(SCORED_CRITERIA.map((c) => [c.key, '2'])), timeliness: '2', onlineConvenience: '0',
  });
  assert.equal(done.status, 200, text(done.body).slice(0, 300));
  const stored = await t.db.selectFrom('ratings').select('criteria').where('dossier_id', '=', counter).executeTakeFirstOrThrow();
  assert.equal((stored.criteria as Record<string, number>).timeliness, 2);
  assert.ok(!('onlineConvenience' in (stored.criteria as object)));

  const onlineDone = await b.submit(onlineForm, '/danh-gia/quay', { muc_do: 'satisfied', ...Object.fromEntries(SCORED_CRITERIA.map((c) => [c.key, '1'])), onlineConvenience: '1' });
  assert.equal(onlineDone.status, 200);
  const s2 = await t.db.selectFrom('ratings').select('criteria').where('dossier_id', '=', online).executeTakeFirstOrThrow();
  assert.equal((s2.criteria as Record<string, number>).onlineConvenience, 1);
});

test('the quarter\'s score and band per unit and for the commune; another commune sees none of it', async () => {
  // The third dossier: a rating that answers only the overall question (not scored).
  assert.equal((await saveRating(t.db, third, { overall: 'satisfied', criteria: {}, comment: null }, new Date('2026-11-25T03:00:00Z'))).ok, true);
  // Counter 18, online 9, third unscored → (18 + 9) / 2 = 13.5 → Tốt, for the commune and for VHXH (all three were
  // processed there).
  const b = await browserAs(t, 'chutich');
  const page = await b.get(`${PAGE}?nam=2026&quy=4`);
  assert.equal(page.status, 200);
  const body = text(page.body);
  assert.match(body, /quý IV\/2026/);
  assert.match(body, /Toàn xã 3 2 13,50 Tốt/);
  assert.match(body, /Văn hóa[^0-9]*3 2 13,50 Tốt/);
  assert.match(body, /Mức độ đúng hạn trong xử lý, trả kết quả \(không tính vào thang 18 điểm\) 1 2,00/);
  assert.match(body, /Xuất sắc: trên 15 điểm; Tốt: từ 12 đến 15 điểm/);
  const before = await b.get(`${PAGE}?nam=2026&quy=3`);
  assert.match(text(before.body), /Toàn xã 0 0 — Chưa đủ dữ liệu/);

  const other = await browserAs(t, 'tl.motcua');
  assert.match(text((await other.get(`${PAGE}?nam=2026&quy=4`)).body), /Toàn xã 0 0 — Chưa đủ dữ liệu/);
  t.setNow(null);
});
