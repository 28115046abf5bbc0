// Reform plan API: every endpoint's permissions (coordinator, head of the responsible unit, head of another unit,
// specialist, leader, other commune → 404), scoping in SQL, the 6 rõ flow assign → report → approve, sub-tasks,
// targets (computed ones refuse manual values), idempotent POSTs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { newKey } from '../support/app.ts';
import { importPlan, readPlanFile, SHIPPED_PLAN } from '../../src/reform/import.ts';

const t = await testApp();
const C = 'xuan-duong';
const NOW = '2026-03-02T09:00:00+07:00';
const { planId } = await importPlan(t.db, C, readPlanFile(SHIPPED_PLAN), new Date(NOW));
await importPlan(t.db, 'tan-lap', readPlanFile(SHIPPED_PLAN), new Date(NOW));
const unitId = async (code: string) => (await t.db.selectFrom('units').select('id').where('commune_id', '=', C).where('code', '=', code).executeTakeFirstOrThrow()).id;
const staffId = async (u: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
const taskId = async (key: string) => (await t.db.selectFrom('reform_tasks').select('id').where('plan_id', '=', planId).where('key', '=', key).executeTakeFirstOrThrow()).id;

test('plans: every officer of the commune reads the plan; another commune gets 404; targets carry measures', async () => {
  t.setNow(NOW);
  const list = await call(t, 'GET', '/api/v1/reform/plans', { as: 'hotich' });
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.items.map((p: { id: number }) => p.id), [planId]);
  const one = await call(t, 'GET', `/api/v1/reform/plans/${planId}?year=2026`, { as: 'diachinh' });
  assert.equal(one.status, 200, JSON.stringify(one.body));
  assert.equal(one.body.areas.length, 6);
  const tthc = one.body.areas[1];
  assert.equal(tthc.leadUnitName, 'Trung tâm Phục vụ hành chính công');
  const sat = tthc.targets.find((x: { key: string }) => x.key === 'thu-tuc-hanh-chinh.chi-tieu-9a');
  assert.equal(sat.source, 'computed');
  assert.equal(sat.measure, '5.4');
  const manual = one.body.areas[3].targets[0];
  assert.equal(manual.source, 'reported');
  assert.equal((await call(t, 'GET', `/api/v1/reform/plans/${planId}`, { as: 'tl.truongvhxh' })).status, 404);
  assert.equal((await call(t, 'GET', `/api/v1/reform/plans/${planId}/progress`, { as: 'tl.truongvhxh' })).status, 404);
  assert.equal((await call(t, 'GET', '/api/v1/reform/plans')).status, 401);
  t.setNow(null);
});

test('tasks are scoped in SQL: coordinator and leader see all, a unit sees its own and what is assigned to its people', async () => {
  t.setNow(NOW);
  const all = await call(t, 'GET', `/api/v1/reform/tasks?planId=${planId}&year=2026`, { as: 'truongvhxh' });
  const lead = await call(t, 'GET', `/api/v1/reform/tasks?planId=${planId}&year=2026`, { as: 'chutich' });
  const kt = await call(t, 'GET', `/api/v1/reform/tasks?planId=${planId}&year=2026`, { as: 'truongkt' });
  const spec = await call(t, 'GET', `/api/v1/reform/tasks?planId=${planId}&year=2026`, { as: 'diachinh' });
  assert.equal(all.body.items.length, lead.body.items.length);
  const ktUnit = await unitId('KT');
  assert.ok(kt.body.items.length > 0 && kt.body.items.length < all.body.items.length);
  assert.ok(kt.body.items.every((x: { responsibleUnitId: number }) => x.responsibleUnitId === ktUnit));
  assert.equal(spec.body.items.length, kt.body.items.length);
  const overdue = await call(t, 'GET', `/api/v1/reform/tasks?planId=${planId}&status=overdue`, { as: 'truongvhxh' });
  assert.equal(overdue.body.items.length, 7, 'on 02/03/2026: the six unit plans (15/01) and the annual plan (31/01)');
  const vp = await taskId('the-che.nhiem-vu-2@2026');
  assert.equal((await call(t, 'GET', `/api/v1/reform/tasks/${vp}`, { as: 'truongkt' })).status, 404, 'another unit\'s task');
  assert.equal((await call(t, 'GET', `/api/v1/reform/tasks/${vp}`, { as: 'tl.truongvhxh' })).status, 404, 'another commune');
  assert.equal((await call(t, 'GET', `/api/v1/reform/tasks/${vp}`, { as: 'chutich' })).status, 200);
  t.setNow(null);
});

test('assign → report with evidence → approve, each step by the right person; history kept', async () => {
  t.setNow(NOW);
  const id = await taskId('the-che.nhiem-vu-3@2026'); // VP leads, KT coordinates
  const kt = await unitId('KT');
  const dc = await staffId('diachinh');
  // Another unit's head and a specialist may not assign; other commune 404.
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { unitId: kt } })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'tl.truongvhxh', body: { unitId: kt } })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'chutich', body: { unitId: kt } })).status, 403);
  const key = 'reform-assign-1';
  const a = await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongvhxh', body: { unitId: kt, note: 'Giao Phòng Kinh tế chủ trì' }, key });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.responsibleUnitId, kt);
  const again = await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongvhxh', body: { unitId: kt, note: 'Giao Phòng Kinh tế chủ trì' }, key });
  assert.deepEqual(again.body, a.body, 'same key: same outcome, not a second change');
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { assigneeId: dc }, key: null })).status, 400, 'no Idempotency-Key');
  // The unit head now sees it and gives it to a person of the unit; a person of another unit is refused.
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { assigneeId: await staffId('hotich') } })).status, 422);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { unitId: await unitId('VP') } })).status, 403, 'a unit head cannot move it to another unit');
  const b = await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { assigneeId: dc, deadline: '2026-10-30' } });
  assert.equal(b.status, 200, JSON.stringify(b.body));
  assert.equal(b.body.assigneeName, 'Phạm Văn Đức');
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'diachinh', body: { deadline: '2026-10-01' } })).status, 403);
  // Progress: the assignee (and the head); not a specialist of another unit (404) nor the coordinator (403).
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'hotich', body: { progress: 10, note: 'x' } })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'truongvhxh', body: { progress: 10, note: 'x' } })).status, 403);
  const p1 = await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'diachinh', body: { progress: 40, note: 'Đã rà soát 12 quy định về đầu tư công.' } });
  assert.equal(p1.status, 200, JSON.stringify(p1.body));
  assert.equal(p1.body.status, 'in_progress');
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'diachinh', body: { progress: 100, note: 'Xong', submit: true } })).status, 422, 'evidence required');
  // Sub-task by the head; submitting with an open sub-task is refused.
  const sub = await call(t, 'POST', `/api/v1/reform/tasks/${id}/subtasks`, { as: 'truongkt', body: { title: 'Dự thảo quy định về thu hút đầu tư', deadline: '2026-09-30', assigneeId: dc, expectedResult: 'Dự thảo trình UBND xã' } });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  assert.equal(sub.body.parentId, id);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/subtasks`, { as: 'diachinh', body: { title: 'x', deadline: '2026-09-30', expectedResult: 'y' } })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/subtasks`, { as: 'truongkt', body: { title: 'x', deadline: '2026-12-30', expectedResult: 'y' } })).status, 422, 'after the parent');
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'diachinh', body: { progress: 100, note: 'Xong', evidence: 'QĐ số 12/QĐ-UBND', submit: true } })).status, 409);
  await call(t, 'POST', `/api/v1/reform/tasks/${sub.body.id}/progress`, { as: 'diachinh', body: { progress: 100, note: 'Đã trình', evidence: 'Tờ trình số 5/TTr-KT', submit: true } });
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${sub.body.id}/decision`, { as: 'truongkt', body: { approve: true } })).status, 200);
  t.setNow('2026-10-20T10:00:00+07:00');
  const s = await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'diachinh', body: { progress: 100, note: 'Hoàn thành rà soát.', evidence: 'Báo cáo số 30/BC-KT ngày 20/10/2026', submit: true } });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.status, 'awaiting_approval');
  // Approval: the authority is the responsible unit's head (now KT's); not the assignee, not the coordinator.
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'diachinh', body: { approve: true } })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'truongvhxh', body: { approve: true } })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'truongkt', body: { approve: false } })).status, 422, 'a return needs a reason');
  t.setNow('2026-11-02T10:00:00+07:00'); // approved after the deadline: still on time (delivered by it)
  const d = await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'truongkt', body: { approve: true, note: 'Đạt' } });
  assert.equal(d.status, 200);
  assert.equal(d.body.status, 'done');
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'truongkt', body: { approve: true } })).status, 409);
  const one = await call(t, 'GET', `/api/v1/reform/tasks/${id}`, { as: 'diachinh' });
  assert.deepEqual(one.body.history.map((e: { type: string }) => e.type), ['imported', 'assigned', 'assigned', 'progress', 'assigned', 'submitted', 'approved']);
  assert.equal(one.body.subtasks.length, 1);
  assert.equal(one.body.history[5].evidence, 'Báo cáo số 30/BC-KT ngày 20/10/2026');
  const prog = await call(t, 'GET', `/api/v1/reform/plans/${planId}/progress?year=2026`, { as: 'truongkt' });
  assert.equal(prog.status, 200);
  assert.ok(prog.body.byUnit.every((r: { label: string }) => r.label === 'Phòng Kinh tế'));
  assert.equal(prog.body.total.onTime, 1);
  t.setNow(null);
});

test('leader-approved tasks; returning a result reopens it', async () => {
  t.setNow(NOW);
  const id = await taskId('to-chuc.ke-hoach-nam@2026'); // authority: the chairman
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/progress`, { as: 'truongvhxh', body: { progress: 100, note: 'Dự thảo kế hoạch', evidence: 'Tờ trình 3/TTr-VHXH', submit: true } })).status, 200);
  assert.equal((await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'truongvhxh', body: { approve: true } })).status, 403);
  const r = await call(t, 'POST', `/api/v1/reform/tasks/${id}/decision`, { as: 'chutich', body: { approve: false, note: 'Bổ sung chỉ tiêu chuyển đổi số' } });
  assert.equal(r.body.status, 'overdue', 'returned after 31/01: overdue again');
  t.setNow(null);
});

test('targets: the owner reports values with evidence; computed targets refuse it; other units 403, other commune 404', async () => {
  t.setNow(NOW);
  const byKey = async (key: string) => (await t.db.selectFrom('reform_targets').select('id').where('plan_id', '=', planId).where('key', '=', key).executeTakeFirstOrThrow()).id;
  const manual = await byKey('tai-chinh-cong.chi-tieu-4'); // KT owns public finance
  const computed = await byKey('thu-tuc-hanh-chinh.chi-tieu-5');
  const body = { value: 6.5, note: 'Chi trực tiếp giảm 6,5% so với bình quân 2021-2025', evidence: 'Báo cáo quyết toán 2025' };
  assert.equal((await call(t, 'POST', `/api/v1/reform/targets/${manual}/value`, { as: 'diachinh', body })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/reform/targets/${manual}/value`, { as: 'giamdoc', body })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/reform/targets/${manual}/value`, { as: 'tl.truongvhxh', body })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/reform/targets/${manual}/value`, { as: 'truongkt', body })).status, 200);
  assert.equal((await call(t, 'POST', `/api/v1/reform/targets/${computed}/value`, { as: 'truongvhxh', body })).status, 409);
  const plan = await call(t, 'GET', `/api/v1/reform/plans/${planId}`, { as: 'hotich' });
  const tg = plan.body.areas[4].targets[0];
  assert.equal(tg.current, 6.5);
  assert.equal(tg.met, false);
  assert.equal(tg.evidence, 'Báo cáo quyết toán 2025');
  t.setNow(null);
});

test('import through the API: coordinator only, repeatable', async () => {
  const file = readPlanFile(SHIPPED_PLAN) as Record<string, unknown>;
  assert.equal((await call(t, 'POST', '/api/v1/reform/plans/import', { as: 'truongkt', body: file })).status, 403);
  const r = await call(t, 'POST', '/api/v1/reform/plans/import', { as: 'truongvhxh', body: file });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.planId, planId);
  assert.equal(r.body.created, 0);
  assert.equal((await call(t, 'POST', '/api/v1/reform/plans/import', { as: 'truongvhxh', body: { ...file, areas: [] , key: 'x' } })).status, 200);
  assert.equal((await call(t, 'POST', '/api/v1/reform/plans/import', { as: 'truongvhxh', body: { key: 'bad' } })).status, 422);
  const mine = await call(t, 'GET', '/api/v1/reform/reminders', { as: 'truongkt' });
  assert.equal(mine.status, 200);
});

test('evidence files: the assignee or unit head attaches a PDF; others 403/404; content-checked; downloadable in scope', async () => {
  t.setNow(NOW);
  const id = await taskId('tai-chinh-cong.nhiem-vu-2@2026'); // KT
  await call(t, 'POST', `/api/v1/reform/tasks/${id}/assign`, { as: 'truongkt', body: { assigneeId: await staffId('diachinh') } });
  const upload = async (as: string, name: string, content: Buffer) => {
    const m = multipart(name, content, 'application/pdf');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/reform/tasks/${id}/files`, payload: m.payload,
      headers: { cookie: await t.login(as), 'content-type': m.contentType, 'idempotency-key': newKey() } });
    return { status: res.statusCode, body: res.json() };
  };
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  assert.equal((await upload('hotich', 'a.pdf', pdf)).status, 404, 'another unit');
  assert.equal((await upload('tl.truongkt', 'a.pdf', pdf)).status, 404, 'another commune');
  assert.equal((await upload('truongvhxh', 'a.pdf', pdf)).status, 403, 'the coordinator is not the assignee');
  assert.equal((await upload('diachinh', 'a.exe', Buffer.from('MZ...'))).status, 415);
  const ok = await upload('diachinh', 'Báo cáo tự chủ.pdf', pdf);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.fileName, 'Báo cáo tự chủ.pdf');
  const one = await call(t, 'GET', `/api/v1/reform/tasks/${id}`, { as: 'truongkt' });
  assert.equal(one.body.files.length, 1);
  assert.equal(one.body.history.at(-1).type, 'file_added');
  const dl = await t.app.inject({ method: 'GET', url: `/api/v1/reform/tasks/${id}/files/${ok.body.id}`, headers: { cookie: await t.login('chutich') } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await call(t, 'GET', `/api/v1/reform/tasks/${id}/files/${ok.body.id}`, { as: 'hotich' })).status, 404);
  t.setNow(null);
});
