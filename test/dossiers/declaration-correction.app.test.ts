// An officer corrects a dossier's declaration (PUT /api/v1/dossiers/:id/declaration): a new revision with who, when
// and why, the previous one kept; an entry in the dossier's hash-chained history that later actions number after;
// the citizen's checks (422 ANSWERS_INVALID with paths); who may and when (the receiving officer at the desk, the
// assigned specialist while processing, nobody once closed or decided); GET with its revisions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, newKey } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { replay, reviveEvent } from '../../src/dossiers/core/index.ts';
import { birthAnswers } from './birth-declaration.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const ANSWERS = birthAnswers();
const MOTHER = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });
const url = (id: string) => `/api/v1/dossiers/${id}/declaration`;
const put = (id: string, as: string | undefined, body: object, key?: string) => call(t, 'PUT', url(id), { as, body, key });
const fix = (over: Record<string, string>, reason = 'Người nộp khai nhầm, đã đối chiếu giấy chứng sinh') => ({ answers: { TO_KHAI: { ...ANSWERS.TO_KHAI, ...over } }, reason });
const history = async (id: string) => (await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' })).body;
const field = (d: { forms: { sections: { fields: { name: string; text: string }[] }[] }[] }, name: string) =>
  d.forms[0]!.sections.flatMap((s) => s.fields).find((f) => f.name === name)!;

t.setNow('2026-12-07T09:00:00+07:00');
const filed = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: MOTHER, answers: ANSWERS });
assert.equal(filed.status, 201, JSON.stringify(filed.body));
const id: string = filed.body.id;
const hotich = String((await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id);

test('the receiving officer corrects a submitted declaration: a new revision, the old one kept, an entry in the history', async () => {
  t.setNow('2026-12-07T10:00:00+07:00');
  const key = newKey();
  const r = await put(id, 'motcua', fix({ childFullName: 'Nguyễn Minh Khôi' }), key);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual([r.body.revision, r.body.source], [2, 'correction']);
  assert.equal(field(r.body, 'childFullName').text, 'Nguyễn Minh Khôi');
  assert.ok(r.body.corrected.byName, 'the officer is named');
  assert.equal(r.body.corrected.reason, 'Người nộp khai nhầm, đã đối chiếu giấy chứng sinh');
  assert.equal(r.body.corrected.at, '2026-12-07T03:00:00.000Z');
  assert.deepEqual(r.body.revisions.map((x: { revision: number; source: string }) => [x.revision, x.source]), [[1, 'online'], [2, 'correction']]);

  const replayed = await put(id, 'motcua', fix({ childFullName: 'Nguyễn Minh Khôi' }), key);
  assert.equal(replayed.status, 200);
  assert.equal(replayed.headers['idempotency-replayed'], 'true', 'the same key answers the first response');

  const rows = await t.db.selectFrom('dossier_answers').select(['revision', 'forms', 'recorded_by', 'reason']).where('dossier_id', '=', id).orderBy('revision').execute();
  assert.equal(rows.length, 2, 'one correction, not two');
  assert.equal((rows[0]!.forms as { answers: Record<string, string> }[])[0]!.answers.childFullName, 'Nguyễn Minh Khang', 'the applicant’s revision is kept');
  assert.equal((rows[1]!.forms as { answers: Record<string, string> }[])[0]!.answers.childFullName, 'Nguyễn Minh Khôi');
  assert.equal((rows[1]!.forms as { answers: Record<string, string> }[])[0]!.answers.requesterFullName, 'Lê Thị Hồng', 'the requester stays the applicant');

  const d = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  assert.equal(d.body.declaration.revision, 2);
  // An action of the table like the others: in the dossier's events, by the desk, and offered while it may be taken.
  const logged = d.body.events.find((e: { action: string }) => e.action === 'correct_declaration');
  assert.deepEqual([logged?.actionName, logged?.actorRole, logged?.payload.revision], ['Sửa tờ khai', 'receiving_officer', 2]);
  assert.ok(d.body.allowedActions.includes('correct_declaration'));
  assert.equal(field(d.body.declaration, 'childFullName').text, 'Nguyễn Minh Khôi');

  const h = await history(id);
  assert.equal(h.intact, true, 'the chain verifies with the correction in it');
  const last = h.events.at(-1);
  assert.deepEqual([last.action, last.actionName, last.fromState, last.toState], ['correct_declaration', 'Sửa tờ khai', 1, 1]);
  assert.equal(last.payload.reason, 'Người nộp khai nhầm, đã đối chiếu giấy chứng sinh');
  assert.deepEqual(last.payload.fields, ['Họ, chữ đệm, tên của trẻ']);
  assert.ok(!JSON.stringify(last.payload).includes('Khôi'), 'values stay out of the log');

  const g = await call(t, 'GET', url(id), { as: 'motcua' });
  assert.equal(g.status, 200);
  assert.equal(g.body.revisions.length, 2);
});

test('wrong answers are refused as the citizen’s are (422 ANSWERS_INVALID with paths); no change and no reason are refused too', async () => {
  const bad = await put(id, 'motcua', fix({ motherDateOfBirth: '2027-01-01', childDateOfBirth: '31/02/2026' }));
  assert.equal(bad.status, 422, JSON.stringify(bad.body));
  assert.equal(bad.body.code, 'ANSWERS_INVALID');
  const paths = bad.body.errors.map((e: { path: string }) => e.path);
  assert.ok(paths.includes('/body/answers/TO_KHAI/childDateOfBirth'), paths.join());
  const implausible = await put(id, 'motcua', fix({ childFullName: 'Nguyễn Minh Khôi', fatherIdNumber: '001190004567' }));
  assert.equal(implausible.status, 422);
  assert.deepEqual(implausible.body.errors.map((e: { path: string }) => e.path), ['/body/answers/TO_KHAI/fatherIdNumber']);
  assert.match(implausible.body.errors[0].message, /trùng với số của người mẹ/);
  const same = await put(id, 'motcua', fix({ childFullName: 'Nguyễn Minh Khôi' }));
  assert.deepEqual([same.status, same.body.code], [422, 'NOTHING_CHANGED']);
  const noReason = await put(id, 'motcua', { answers: ANSWERS, reason: '' });
  assert.equal(noReason.status, 400);
  const blank = await put(id, 'motcua', fix({ childGender: 'Nữ' }, '   '));
  assert.deepEqual([blank.status, blank.body.code], [422, 'REASON_REQUIRED']);
  const unknown = await put(id, 'motcua', { answers: { KHAC: { x: '1' } }, reason: 'Thử' });
  assert.equal(unknown.status, 422);
  const rows = await t.db.selectFrom('dossier_answers').select('revision').where('dossier_id', '=', id).execute();
  assert.equal(rows.length, 2, 'nothing stored');
});

test('who may correct: anonymous 401, another commune or another unit 404, roles that do not handle it 403', async () => {
  assert.equal((await put(id, undefined, fix({ childGender: 'Nữ' }))).status, 401);
  assert.equal((await call(t, 'GET', url(id))).status, 401);
  for (const who of ['tl.motcua', 'tl.chutich']) {
    assert.equal((await put(id, who, fix({ childGender: 'Nữ' }))).status, 404, who);
    assert.equal((await call(t, 'GET', url(id), { as: who })).status, 404, who);
  }
  assert.equal((await put(id, 'hotich', fix({ childGender: 'Nữ' }))).status, 404, 'a specialist before it reaches their unit');
  for (const who of ['admin', 'chutich']) {
    const r = await put(id, who, fix({ childGender: 'Nữ' }));
    assert.deepEqual([r.status, r.body.code], [403, 'CORRECTION_NOT_ALLOWED'], who);
  }
  const hidden = await call(t, 'GET', url(id), { as: 'admin' });
  assert.equal(hidden.status, 200, 'staff who do not handle dossiers read it…');
  assert.equal(hidden.body.forms[0].answers.fatherIdNumber, undefined, '…without other people’s ID numbers');
  // A citizen's session is not a staff session.
  const citizen = await t.app.inject({ method: 'PUT', url: url(id), headers: { 'idempotency-key': newKey() }, payload: fix({ childGender: 'Nữ' }) });
  assert.equal(citizen.statusCode, 401);
});

test('while processing, the assigned specialist corrects (not the desk, not another unit); later actions follow; closed is locked', async () => {
  t.setNow('2026-12-07T11:00:00+07:00');
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${id}/actions/receive_online`, { as: 'motcua', body: {} })).status, 200);
  const atReceipt = await put(id, 'motcua', fix({ childFullName: 'Nguyễn Minh Khôi', childPlaceOfBirth: 'Bệnh viện Đa khoa tỉnh' }));
  assert.equal(atReceipt.status, 200, 'at receipt, the desk still corrects');
  assert.equal(atReceipt.body.revision, 3);
  t.setNow('2026-12-07T11:30:00+07:00');
  const assigned = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: hotich } });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));

  const desk = await put(id, 'motcua', fix({ childGender: 'Nữ' }));
  assert.deepEqual([desk.status, desk.body.code], [403, 'CORRECTION_NOT_ALLOWED']);
  assert.equal((await put(id, 'diachinh', fix({ childGender: 'Nữ' }))).status, 404, 'a specialist of another unit');
  const mine = await put(id, 'hotich', fix({ childFullName: 'Nguyễn Minh Khôi', childPlaceOfBirth: 'Bệnh viện Đa khoa tỉnh', childGender: 'Nữ' }, 'Sai giới tính'));
  assert.equal(mine.status, 200, JSON.stringify(mine.body));
  assert.equal(mine.body.revision, 4);

  t.setNow('2026-12-07T14:00:00+07:00');
  const stopped = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/stop_processing`, { as: 'motcua', body: { reason: 'Người nộp đề nghị dừng' } });
  assert.equal(stopped.status, 200, `an action after corrections numbers after them: ${JSON.stringify(stopped.body)}`);
  const h = await history(id);
  assert.equal(h.intact, true);
  assert.deepEqual(h.events.map((e: { seq: number }) => e.seq), h.events.map((_: unknown, i: number) => i + 1));
  assert.equal(h.events.filter((e: { action: string }) => e.action === 'correct_declaration').length, 3);

  // The corrections are actions of the table (issue 11, one workflow idiom): replaying the log as stored gives the
  // stored projection, with nothing renamed.
  const rows = await t.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();
  const replayed = replay(rows.map((r) => reviveEvent({
    type: r.action, seq: r.seq, fromState: r.from_state, toState: r.to_state,
    at: r.at.toISOString(), payload: r.payload, changes: r.changes, handover: r.handover, actor: { id: r.actor_id, role: r.actor_role, unitCode: r.actor_unit },
  })));
  const stored = await t.db.selectFrom('dossiers').select('projection').where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(JSON.stringify(replayed)), stored.projection, 'replay = stored projection');

  const locked = await put(id, 'hotich', fix({ childGender: 'Nam' }));
  assert.deepEqual([locked.status, locked.body.code], [409, 'DECLARATION_LOCKED']);
});
