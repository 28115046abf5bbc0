// The PAR self-assessment through the API: auto-filled sub-criteria from a small real dataset (dossiers driven through
// the engine), self-scoring by the owner unit only, overrides with a reason, evidence, submission, appraisal by the
// reviewer only, the dialogue, the final score, the comparison, template import — and who may call every endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { engine } from '../indicators/support.ts';
import { shippedTemplates } from '../../src/par/templates.ts';

const t = await testApp();
const { intake, act, sign } = engine(t);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
type Item = { code: string; auto: { points: number | null; figures: { numerator: number | null; denominator: number | null; rate: number | null; unavailable?: string } } | null; effectiveSelf: number | null; selfPoints: number | null; overrideReason: string | null; reviewPoints: number | null; finalPoints: number | null; canSelfScore: boolean; evidence: { url: string | null }[] };
const itemOf = (body: { areas: { criteria: { items: Item[] }[] }[] }, code: string) => body.areas.flatMap((a) => a.criteria.flatMap((c) => c.items)).find((i) => i.code === code)!;

let id = '';
const url = (path = '') => `/api/v1/par/assessments/${id}${path}`;
const item = (code: string, step: string) => url(`/items/${code}/${step}`);

test('auto-fill from the year\'s dossiers: on-time rate, online share, satisfaction, each with its source figures', async () => {
  const done = await intake('2026-12-07T09:00:00+07:00');
  await act(done, 'assign', 'motcua', '2026-12-07T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(done, 'propose_result', 'hotich', '2026-12-07T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(done, 'chutich', '2026-12-07T10:00:00+07:00');
  await act(done, 'issue_result', 'hotich', '2026-12-07T10:30:00+07:00');
  await intake('2026-12-08T09:00:00+07:00'); // never finished: late
  t.setNow('2026-12-10T09:00:00+07:00');

  assert.equal((await call(t, 'POST', '/api/v1/par/assessments', { as: 'truongkt', body: { year: 2026 } })).status, 403);
  assert.equal((await call(t, 'POST', '/api/v1/par/assessments', { as: 'chutich', body: { year: 2026 } })).status, 403);
  assert.equal((await call(t, 'POST', '/api/v1/par/assessments', { as: 'truongvhxh', body: { year: 2026 }, key: null })).status, 400, 'Idempotency-Key required');
  const r = await call(t, 'POST', '/api/v1/par/assessments', { as: 'truongvhxh', body: { year: 2026 } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  id = r.body.id;
  assert.equal(r.body.status, 'draft');
  assert.equal(r.body.totals.maxPoints, 100);
  assert.equal(r.body.areas.length, 7);
  const onTime = itemOf(r.body, '3.2.1'); // 766 2.1: 1 of 2 on time → 6 × min(1, 0.5 ÷ 1) = 3
  assert.deepEqual([onTime.auto!.figures.numerator, onTime.auto!.figures.denominator, onTime.auto!.figures.rate, onTime.auto!.points, onTime.effectiveSelf], [1, 2, 0.5, 3, 3]);
  const online = itemOf(r.body, '6.1.1'); // 0 of 2 received online
  assert.deepEqual([online.auto!.figures.numerator, online.auto!.figures.denominator, online.auto!.points], [0, 2, 0]);
  const satisfaction = itemOf(r.body, '3.4.1'); // 766 5.4 = 100 % − 50 % late = 50 % → below the lowest band
  assert.deepEqual([satisfaction.auto!.figures.rate, satisfaction.auto!.points], [0.5, 0]);
  const tasks = itemOf(r.body, '1.1.2');
  assert.ok(tasks.auto, 'plan-task completion is an auto sub-criterion');
  if (tasks.auto!.figures.denominator === 0) assert.match(tasks.auto!.figures.unavailable!, /nhiệm vụ/);
  assert.equal((await call(t, 'POST', '/api/v1/par/assessments', { as: 'truongvhxh', body: { year: 2026 } })).status, 409, 'one per year');
});

test('self-scoring: the owner unit edits only its own sub-criteria; the coordinator any; others nobody', async () => {
  const score = (as: string, code: string, body: object) => call(t, 'POST', item(code, 'self-score'), { as, body });
  assert.equal((await score('truongkt', '5.1.1', { points: 4, note: 'Đã công khai dự toán' })).status, 200);
  assert.equal((await score('diachinh', '5.2.1', { points: 3.5 })).status, 200, 'a specialist of the unit');
  assert.equal((await score('truongkt', '1.2.1', { points: 3 })).status, 403, 'another unit\'s sub-criterion');
  assert.equal((await score('hotich', '5.1.1', { points: 0 })).status, 403);
  assert.equal((await score('motcua', '5.1.1', { points: 0 })).status, 403);
  assert.equal((await score('admin', '5.1.1', { points: 0 })).status, 403, 'the reviewer does not self-score');
  assert.equal((await score('tl.truongkt', '5.1.1', { points: 0 })).status, 404, 'other commune');
  assert.equal((await score('tl.truongvhxh', '5.1.1', { points: 0 })).status, 404, 'other commune');
  assert.equal((await score('truongvhxh', '1.2.1', { points: 2.5 })).status, 200, 'the coordinator');
  const over = await score('truongkt', '5.2.1', { points: 4.5 });
  assert.deepEqual([over.status, over.body.code], [422, 'PAR_SCORE_INVALID']);
  assert.match(over.body.title, /không được vượt quá điểm tối đa \(4\)/);
  assert.equal((await score('truongkt', '5.1.1', { points: 2 })).body.code, 'PAR_SCORE_INVALID', 'full or none');
  const noReason = await score('truongvhxh', '3.2.1', { points: 6 });
  assert.deepEqual([noReason.status, noReason.body.code], [422, 'PAR_OVERRIDE_REASON_REQUIRED']);
  assert.equal((await score('truongvhxh', '3.2.1', { points: 6, reason: 'Hồ sơ trễ do lỗi hệ thống tỉnh, đã có xác nhận' })).status, 200);
  assert.equal((await score('truongvhxh', '3.2.1', { points: 3 })).status, 200, 'the auto value again needs no reason');
  assert.equal((await score('truongvhxh', '3.2.1', { points: 5.5, reason: 'Một hồ sơ trễ do lỗi đường truyền của tỉnh' })).status, 200);

  const v = await call(t, 'GET', url(), { as: 'truongkt' });
  assert.equal(v.status, 200);
  assert.equal(itemOf(v.body, '5.1.1').canSelfScore, true);
  assert.equal(itemOf(v.body, '1.2.1').canSelfScore, false);
  const o = itemOf(v.body, '3.2.1');
  assert.deepEqual([o.selfPoints, o.auto!.points, o.overrideReason], [5.5, 3, 'Một hồ sơ trễ do lỗi đường truyền của tỉnh']);
  assert.equal(v.body.totals.self, 4 + 3.5 + 2.5 + 5.5 + 0 + 0 + (itemOf(v.body, '3.1.1').effectiveSelf ?? 0) + (itemOf(v.body, '1.1.2').effectiveSelf ?? 0) + (itemOf(v.body, '3.2.3').effectiveSelf ?? 0) + (itemOf(v.body, '3.3.1').effectiveSelf ?? 0) + (itemOf(v.body, '6.1.2').effectiveSelf ?? 0) + (itemOf(v.body, '6.2.1').effectiveSelf ?? 0));
  const log = await call(t, 'GET', url('/items/3.2.1/log'), { as: 'motcua' });
  assert.deepEqual(log.body.items.map((l: { type: string }) => l.type), ['overridden', 'self_scored', 'overridden'], 'the refused attempt left nothing');
  assert.equal((await call(t, 'GET', url(), { as: 'tl.truongvhxh' })).status, 404);
  assert.equal((await call(t, 'GET', url('/items/3.2.1/log'), { as: 'tl.admin' })).status, 404);
  assert.equal((await call(t, 'GET', url())).status, 401);
});

test('evidence: a note or a file, by the owner unit; downloaded within the commune only', async () => {
  const note = await call(t, 'POST', item('5.1.1', 'evidence'), { as: 'truongkt', body: { note: 'QĐ 12/QĐ-UBND ngày 10/01/2026 công khai dự toán' } });
  assert.equal(note.status, 201, JSON.stringify(note.body));
  const m = multipart('bien-ban.pdf', PDF, 'application/pdf');
  const file = await call(t, 'POST', item('5.1.1', 'evidence'), { as: 'truongkt', body: m.payload, headers: { 'content-type': m.contentType } });
  assert.equal(file.status, 201, JSON.stringify(file.body));
  const png = multipart('x.txt', Buffer.from('not a pdf'));
  assert.equal((await call(t, 'POST', item('5.1.1', 'evidence'), { as: 'truongkt', body: png.payload, headers: { 'content-type': png.contentType } })).status, 415);
  assert.equal((await call(t, 'POST', item('1.2.1', 'evidence'), { as: 'truongkt', body: { note: 'x' } })).status, 403);
  assert.equal((await call(t, 'POST', item('5.1.1', 'evidence'), { as: 'tl.truongkt', body: { note: 'x' } })).status, 404);
  const v = await call(t, 'GET', url(), { as: 'truongkt' });
  const ev = itemOf(v.body, '5.1.1').evidence;
  assert.equal(ev.length, 2);
  const link = ev.find((e) => e.url)!.url!;
  const dl = await call(t, 'GET', link, { as: 'chutich' });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await call(t, 'GET', link, { as: 'tl.chutich' })).status, 404);
});

test('submit, appraise with explanations, the dialogue, revision and the final score', async () => {
  assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as: 'admin', body: { points: 4, note: 'Đủ' } })).status, 409, 'not submitted yet');
  for (const as of ['truongkt', 'admin', 'chutich']) assert.equal((await call(t, 'POST', url('/submit'), { as })).status, 403, as);
  assert.equal((await call(t, 'POST', url('/submit'), { as: 'tl.truongvhxh' })).status, 404);
  assert.equal((await call(t, 'POST', url('/submit'), { as: 'truongvhxh' })).status, 200);
  assert.equal((await call(t, 'POST', item('5.1.1', 'self-score'), { as: 'truongkt', body: { points: 4 } })).status, 409, 'frozen once submitted');
  assert.equal((await call(t, 'POST', url('/autofill'), { as: 'truongvhxh' })).status, 409);

  for (const as of ['truongvhxh', 'truongkt', 'chutich']) assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as, body: { points: 0, note: 'x' } })).status, 403, as);
  assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as: 'tl.admin', body: { points: 0, note: 'x' } })).status, 404);
  assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as: 'admin', body: { points: 0 } })).body.code, 'PAR_EXPLANATION_REQUIRED');
  assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as: 'admin', body: { points: 0, note: 'Chưa có biên bản niêm yết.' } })).status, 200);
  assert.equal((await call(t, 'POST', item('5.2.1', 'appraise'), { as: 'admin', body: { points: 3, note: 'Quy chế chưa cập nhật.' } })).status, 200);

  assert.equal((await call(t, 'POST', item('5.1.1', 'responses'), { as: 'truongkt', body: { text: 'Xã gửi bổ sung biên bản niêm yết ngày 12/01/2026.' } })).status, 200);
  assert.equal((await call(t, 'POST', item('1.2.1', 'responses'), { as: 'truongkt', body: { text: 'x' } })).status, 403);
  assert.equal((await call(t, 'POST', item('5.1.1', 'responses'), { as: 'admin', body: { text: 'x' } })).status, 403);
  assert.equal((await call(t, 'POST', item('5.1.1', 'responses'), { as: 'tl.truongkt', body: { text: 'x' } })).status, 404);
  assert.equal((await call(t, 'POST', item('5.1.1', 'appraise'), { as: 'admin', body: { points: 4, note: 'Chấp nhận giải trình.' } })).status, 200);
  const log = await call(t, 'GET', url('/items/5.1.1/log'), { as: 'truongkt' });
  assert.deepEqual(log.body.items.map((l: { type: string; side: string }) => `${l.type}/${l.side}`),
    ['self_scored/commune', 'evidence/commune', 'evidence/commune', 'appraised/reviewer', 'response/commune', 'revised/reviewer']);

  assert.equal((await call(t, 'POST', url('/finalize'), { as: 'truongvhxh' })).status, 403);
  assert.equal((await call(t, 'POST', url('/finalize'), { as: 'admin' })).status, 200);
  const v = await call(t, 'GET', url(), { as: 'truongkt' });
  assert.equal(v.body.status, 'final');
  assert.deepEqual([itemOf(v.body, '5.1.1').finalPoints, itemOf(v.body, '5.2.1').finalPoints, itemOf(v.body, '1.2.1').finalPoints], [4, 3, 2.5]);
  assert.equal(v.body.totals.final, Math.round((v.body.totals.self - 0.5) * 100) / 100, 'only 5.2.1 lost half a point');
  assert.equal(v.body.totals.review, 7);
});

test('comparison with the previous year, per area', async () => {
  const r = await call(t, 'POST', '/api/v1/par/assessments', { as: 'truongvhxh', body: { year: 2025 } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal((await call(t, 'POST', `/api/v1/par/assessments/${r.body.id}/items/5.1.1/self-score`, { as: 'truongkt', body: { points: 0 } })).status, 200);
  assert.equal((await call(t, 'POST', `/api/v1/par/assessments/${r.body.id}/items/5.2.1/self-score`, { as: 'truongkt', body: { points: 1 } })).status, 200);
  const c = await call(t, 'GET', '/api/v1/par/comparison?year=2026', { as: 'diachinh' });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const finance = c.body.areas.find((a: { code: string }) => a.code === '5');
  assert.deepEqual([finance.current, finance.previous, finance.change, finance.maxPoints], [7, 1, 6, 8]);
  assert.deepEqual([c.body.currentStatus, c.body.previousStatus], ['final', 'draft']);
  const other = await call(t, 'GET', '/api/v1/par/comparison?year=2026', { as: 'tl.chutich' });
  assert.deepEqual([other.body.total.current, other.body.total.previous], [null, null], 'scoped to the commune');
  assert.equal((await call(t, 'GET', '/api/v1/par/assessments', { as: 'tl.chutich' })).body.items.length, 0);
  assert.equal((await call(t, 'GET', '/api/v1/par/assessments', { as: 'hotich' })).body.items.length, 2);
});

test('templates: viewed by staff, imported by an administrator, idempotent, refused when invalid or in use', async () => {
  const list = await call(t, 'GET', '/api/v1/par/templates', { as: 'hotich' });
  assert.equal(list.status, 200);
  const tid = list.body.items[0].id;
  const tree = await call(t, 'GET', `/api/v1/par/templates/${tid}`, { as: 'hotich' });
  assert.equal(tree.body.nodes.filter((n: { level: string }) => n.level === 'area').length, 7);
  assert.equal((await call(t, 'GET', '/api/v1/par/templates')).status, 401);
  const file = shippedTemplates()[0]!;
  assert.equal((await call(t, 'POST', '/api/v1/par/templates', { as: 'truongvhxh', body: file })).status, 403);
  assert.deepEqual((await call(t, 'POST', '/api/v1/par/templates', { as: 'admin', body: file })).body, { id: tid, created: false });
  const changed = { ...file, name: `${file.name} (sửa)` };
  assert.equal((await call(t, 'POST', '/api/v1/par/templates', { as: 'admin', body: changed })).body.code, 'TEMPLATE_IN_USE');
  const next = await call(t, 'POST', '/api/v1/par/templates', { as: 'admin', body: { ...changed, effectiveYear: 2027 } });
  assert.deepEqual([next.status, next.body.created], [200, true]);
  const again = await call(t, 'POST', '/api/v1/par/templates', { as: 'admin', body: { ...changed, effectiveYear: 2027, note: 'Bản sửa' } });
  assert.deepEqual([again.status, again.body.id], [200, next.body.id], 'an unused template is replaced');
  const doc = await call(t, 'GET', '/openapi.json');
  for (const path of ['/api/v1/par/assessments/{id}/items/{code}/self-score', '/api/v1/par/comparison', '/api/v1/par/templates']) assert.ok(doc.body.paths[path], path);
  const bad = { ...file, effectiveYear: 2028, areas: [{ ...file.areas[0]!, maxPoints: 99 }] };
  const r = await call(t, 'POST', '/api/v1/par/templates', { as: 'admin', body: bad });
  assert.deepEqual([r.status, r.body.code], [422, 'TEMPLATE_INVALID']);
  t.setNow(null);
});
