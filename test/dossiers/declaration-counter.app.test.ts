// Counter intake through the API with the tờ khai and the checklist (POST /api/v1/dossiers `answers`, `received`):
// the answers are checked as online and stored as the declaration (source 'counter'); the checklist refuses a
// receipt without a required component (422 CHECKLIST_INCOMPLETE, nothing written) and is stored otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();
t.setNow('2026-12-07T09:00:00+07:00');
const TO_KHAI = {
  relationship: 'Mẹ',
  childFullName: 'Trương Gia Hân', childDateOfBirth: '2026-12-01', childGender: 'Nữ', childEthnicity: '01', childNationality: 'VN',
  childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', childHometown: 'Xã Xuân Dương, tỉnh Thái Nguyên',
};
const RECEIVED = [{ componentCode: 'TO_KHAI', copies: 1 }, { componentCode: 'GIAY_CHUNG_SINH', copies: 1 }, { componentCode: 'GIAY_TO_TUY_THAN', copies: 1 }];
const intake = (body: object, as = 'motcua') => call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode: '1.001193', applicant: applicant(), ...body } });
const dossiers = async () => (await t.db.selectFrom('dossiers').select('id').execute()).length;

test('answers and the checklist are stored with the counter dossier', async () => {
  const r = await intake({ answers: { TO_KHAI }, received: RECEIVED });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual([r.body.declaration?.source, r.body.declaration?.forms[0].answers.childFullName], ['counter', 'Trương Gia Hân']);
  const papers = await t.db.selectFrom('dossier_received_papers').select('component_code').where('dossier_id', '=', r.body.id).execute();
  assert.equal(papers.length, 3);
});

test('a required component missing, or a wrong answer, is refused and nothing is written', async () => {
  const before = await dossiers();
  const missing = await intake({ received: RECEIVED.slice(0, 1) });
  assert.deepEqual([missing.status, missing.body.code], [422, 'CHECKLIST_INCOMPLETE']);
  assert.deepEqual(missing.body.errors.map((e: { path: string }) => e.path), ['/body/received/GIAY_CHUNG_SINH', '/body/received/GIAY_TO_TUY_THAN']);
  const wrong = await intake({ answers: { TO_KHAI: { ...TO_KHAI, childDateOfBirth: '2027-01-01' } } });
  assert.deepEqual([wrong.status, wrong.body.code], [422, 'ANSWERS_INVALID']);
  assert.deepEqual(wrong.body.errors.map((e: { path: string }) => e.path), ['/body/answers/TO_KHAI/childDateOfBirth']);
  const copies = await intake({ received: [{ componentCode: 'TO_KHAI', copies: 0 }] });
  assert.equal(copies.status, 400);
  assert.equal(await dossiers(), before);
});

test('only the receiving officer files at the counter (403 for others, 401 anonymous)', async () => {
  assert.equal((await intake({ received: RECEIVED }, 'hotich')).status, 403);
  assert.equal((await call(t, 'POST', '/api/v1/dossiers', { body: { procedureCode: '1.001193', applicant: applicant(), received: RECEIVED } })).status, 401);
});
