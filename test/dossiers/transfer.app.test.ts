// Location-independent receipt end to end through the API (issue 16; NĐ 118/2025, domain.md §2.2): Xuân Dương's centre
// receives a birth registration for Tân Lập's authority, transfers it, sends the originals; Tân Lập processes it, signs,
// sends the paper result back; Xuân Dương returns it at its counter. Who sees what, and who may take which step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { deskSteps } from '../../src/kpi/centre-store.ts';
import { KHAI_SINH, TTHN, accepted, helpers, newCoverage, refused } from './action-helpers.ts';

const t = await testApp();
const { act, intake, get, staffId, submitAndSign } = helpers(t, newCoverage());

const row = (id: string) => t.db.selectFrom('dossiers as d')
  .leftJoin('units as u', 'u.id', 'd.current_unit_id')
  .select(['d.commune_id', 'd.receiving_commune_id', 'd.code', 'd.competent_authority', 'u.commune_id as unit_commune', 'u.code as unit_code'])
  .where('d.id', '=', id).executeTakeFirstOrThrow();

test('a dossier received for another commune travels there and back, with its paper, each commune doing its own steps', async () => {
  const d = await intake(KHAI_SINH, '2026-12-21T08:00');
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id as string;
  assert.ok((await get(id)).body.allowedActions.includes('transfer_to_competent'));

  // Bad transfers: the own commune, an unknown one, a specialist, no result place.
  refused(await act(id, 'transfer_to_competent', 'motcua', { communeId: 'xuan-duong', resultAt: 'receiving_centre' }, '2026-12-21T08:20'), 422, 'TRANSFER_TO_OWN_COMMUNE');
  refused(await act(id, 'transfer_to_competent', 'motcua', { communeId: 'khong-co', resultAt: 'receiving_centre' }), 422, 'UNKNOWN_COMMUNE');
  refused(await act(id, 'transfer_to_competent', 'motcua', { communeId: 'tan-lap' }), 400, 'VALIDATION_FAILED');
  refused(await act(id, 'transfer_to_competent', 'hotich', { communeId: 'tan-lap', resultAt: 'receiving_centre' }), 404, 'NOT_FOUND');
  // Before the transfer, the other commune does not know the dossier.
  refused(await act(id, 'assign', 'tl.motcua', { unitCode: 'VHXH' }), 404, 'NOT_FOUND');

  const tr = await act(id, 'transfer_to_competent', 'motcua', { communeId: 'tan-lap', resultAt: 'receiving_centre', note: 'Người nộp thường trú tại xã Tân Lập' }, '2026-12-21T08:30');
  accepted(tr, 2);
  const moved = await row(id);
  assert.deepEqual([moved.commune_id, moved.receiving_commune_id, moved.unit_commune, moved.unit_code], ['tan-lap', 'xuan-duong', 'tan-lap', 'TTPVHCC']);
  assert.match(moved.code!, /^000\.DEMO\.XD\.H55-/, 'the code keeps the receiving centre\'s prefix');
  assert.match(moved.competent_authority, /Tân Lập/);
  assert.equal(tr.body.transfer.competentCommune.id, 'tan-lap');
  refused(await act(id, 'transfer_to_competent', 'tl.motcua', { communeId: 'xuan-duong', resultAt: 'post' }), 409, 'ALREADY_TRANSFERRED');

  // The competent commune processes it; the receiving commune only follows.
  const tlView = await get(id, 'tl.motcua');
  assert.equal(tlView.status, 200);
  assert.ok(tlView.body.allowedActions.includes('assign'));
  refused(await act(id, 'assign', 'motcua', { unitCode: 'VHXH' }, '2026-12-21T09:00'), 403, 'RECEIVING_COMMUNE_ONLY_FOLLOWS');
  refused(await act(id, 'stop_processing', 'motcua', { reason: 'x' }), 403, 'RECEIVING_COMMUNE_ONLY_FOLLOWS');
  refused(await act(id, 'assign', 'hotich', { unitCode: 'VHXH' }), 404, 'NOT_FOUND'); // unit-bound staff of the receiving commune
  accepted(await act(id, 'assign', 'tl.motcua', { unitCode: 'VHXH', assigneeId: await staffId('tl.hotich') }, '2026-12-21T09:10'), 4);

  // The originals: sent by the receiving centre, received by the competent desk, each by name.
  refused(await act(id, 'send_papers', 'tl.motcua', { papers: 'x', carrier: 'y' }, '2026-12-21T09:20'), 403, 'NOT_PAPERS_SENDER');
  refused(await act(id, 'receive_papers', 'tl.motcua'), 409, 'NO_PAPERS_IN_TRANSIT');
  accepted(await act(id, 'send_papers', 'motcua', { papers: 'Bản chính Giấy chứng sinh', carrier: 'Bưu điện, vận đơn EB123456789VN' }, '2026-12-21T09:30'), 4);
  refused(await act(id, 'send_papers', 'motcua', { papers: 'x', carrier: 'y' }), 409, 'PAPERS_IN_TRANSIT');
  refused(await act(id, 'receive_papers', 'motcua'), 403, 'NOT_PAPERS_RECIPIENT');
  accepted(await act(id, 'receive_papers', 'tl.motcua', {}, '2026-12-22T08:00'), 4);

  // An internal proposal: the receiving commune sees that it happened, not what it says.
  const proposalText = 'Đủ điều kiện; ghi chú nội bộ: đã đối chiếu Sổ hộ tịch';
  accepted(await act(id, 'propose_result', 'tl.hotich', { proposalText, proposalOutcome: 'approve' }, '2026-12-22T08:30'), 4);
  const followed = await get(id, 'motcua');
  assert.equal(followed.status, 200);
  assert.ok(!JSON.stringify(followed.body.events).includes('ghi chú nội bộ'), 'no internal content for the receiving commune');
  const propose = followed.body.events.find((e: { action: string }) => e.action === 'propose_result');
  assert.deepEqual([propose.payload, propose.actorId], [{}, null]);
  assert.deepEqual(followed.body.allowedActions, ['send_papers'], 'only more paper to send while it is processed');
  assert.ok(JSON.stringify((await get(id, 'tl.motcua')).body.events).includes('ghi chú nội bộ'));
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' })).status, 404, 'the full log stays with the competent commune');

  // Signed and issued by the competent commune: the result goes to its desk, which sends the paper back.
  accepted(await submitAndSign(id, 'tl.chutich', 'tl.hotich', '2026-12-22T09:00'), 4);
  accepted(await act(id, 'issue_result', 'tl.hotich', {}, '2026-12-22T10:00'), 9);
  const issued = await row(id);
  assert.deepEqual([issued.unit_commune, issued.unit_code], ['tan-lap', 'TTPVHCC']);
  refused(await act(id, 'return_result', 'tl.motcua', { channel: 'counter' }, '2026-12-22T10:30'), 403, 'RESULT_RETURNED_AT_RECEIVING_CENTRE');
  refused(await act(id, 'return_result', 'motcua', { channel: 'counter' }), 409, 'RESULT_PAPERS_NOT_RECEIVED');
  refused(await act(id, 'send_papers', 'motcua', { papers: 'x', carrier: 'y' }), 403, 'NOT_PAPERS_SENDER');
  accepted(await act(id, 'send_papers', 'tl.motcua', { papers: 'Giấy khai sinh (bản chính)', carrier: 'Cán bộ Nguyễn Văn An mang trực tiếp' }, '2026-12-22T11:00'), 9);
  assert.deepEqual((await get(id, 'motcua')).body.allowedActions, ['receive_papers']);
  accepted(await act(id, 'receive_papers', 'motcua', {}, '2026-12-22T14:00'), 9);
  refused(await act(id, 'send_papers', 'tl.motcua', { papers: 'x', carrier: 'y' }), 409, 'RESULT_PAPERS_ALREADY_BACK');
  accepted(await act(id, 'return_result', 'motcua', { channel: 'counter' }, '2026-12-22T15:00'), 10);

  // The paper's road, by name; the history's chain intact; the figures count the dossier for the competent commune.
  const papers = await t.db.selectFrom('dossier_paper_transfers').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
  assert.deepEqual(papers.map((p) => [p.kind, p.from_commune_id, p.to_commune_id, p.received_at !== null]),
    [['originals', 'xuan-duong', 'tan-lap', true], ['result', 'tan-lap', 'xuan-duong', true]]);
  assert.equal(papers[0]!.sent_by, Number(await staffId('motcua')));
  assert.equal(papers[1]!.received_by, Number(await staffId('motcua')));
  const h = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'tl.motcua' });
  assert.equal(h.body.intact, true);
  const facts = await t.db.selectFrom('indicator_facts').select('commune_id').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(facts.commune_id, 'tan-lap');
  // The national portal's sync state moves with it: the competent commune's sync screen lists it, not the receiving one's.
  const sync = await t.db.selectFrom('dossier_sync').select('commune_id').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(sync.commune_id, 'tan-lap');
  // The desk's KPI keeps its own steps on the dossier it transferred (kpi/centre-store.ts, NĐ 335/2025: an officer by their work).
  const steps = await deskSteps(t.db, 'xuan-duong', [Number(await staffId('motcua'))], new Date('2026-12-21T00:00:00Z'), new Date('2026-12-23T00:00:00Z'));
  assert.deepEqual(steps.filter((x) => x.dossierId === id).map((x) => x.action).sort(), ['receive_counter', 'return_result']);
  const final = (await get(id, 'motcua')).body.transfer;
  assert.deepEqual([final.papers.length, final.papersInTransit, final.resultAt], [2, null, 'receiving_centre']);
});

test('only a procedure receivable anywhere in the province is transferred; a result sent by post is returned by the competent commune', async () => {
  const other = await intake(TTHN, '2026-12-23T08:00');
  assert.equal(other.status, 201);
  assert.ok(!(await get(other.body.id)).body.allowedActions.includes('transfer_to_competent'));
  refused(await act(other.body.id, 'transfer_to_competent', 'motcua', { communeId: 'tan-lap', resultAt: 'post' }, '2026-12-23T08:10'), 409, 'NOT_RECEIVABLE_ANYWHERE');

  const d = await intake(KHAI_SINH, '2026-12-23T09:00');
  const id = d.body.id as string;
  accepted(await act(id, 'transfer_to_competent', 'motcua', { communeId: 'tan-lap', resultAt: 'post' }, '2026-12-23T09:10'), 2);
  accepted(await act(id, 'assign', 'tl.motcua', { unitCode: 'VHXH', assigneeId: await staffId('tl.hotich') }, '2026-12-23T09:20'), 4);
  accepted(await act(id, 'propose_result', 'tl.hotich', { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' }, '2026-12-23T09:30'), 4);
  accepted(await submitAndSign(id, 'tl.chutich', 'tl.hotich', '2026-12-23T10:00'), 4);
  accepted(await act(id, 'issue_result', 'tl.hotich', {}, '2026-12-23T10:30'), 9);
  refused(await act(id, 'send_papers', 'tl.motcua', { papers: 'x', carrier: 'y' }, '2026-12-23T11:00'), 409, 'RESULT_NOT_AT_RECEIVING_CENTRE');
  refused(await act(id, 'return_result', 'motcua', { channel: 'post' }), 403, 'RECEIVING_COMMUNE_ONLY_FOLLOWS');
  accepted(await act(id, 'return_result', 'tl.motcua', { channel: 'post' }, '2026-12-23T11:00'), 10);
});

test('a commune of neither side never sees a transferred dossier', async () => {
  await t.db.insertInto('communes').values({ id: 'xa-thu-ba', name: 'Xã Thứ Ba', province: 'Bắc Kạn', agency_code: '000.DEMO.TB.H55', agency_code_is_demo: true }).execute();
  const d = await intake(KHAI_SINH, '2026-12-24T08:00');
  refused(await act(d.body.id, 'transfer_to_competent', 'motcua', { communeId: 'xa-thu-ba', resultAt: 'post' }, '2026-12-24T08:10'), 422, 'UNKNOWN_COMMUNE');
});
