// Petitions API: filing, each step and its clock, permissions and scope, publication, like/dislike once per browser,
// the dossier link counting in 766 5.4, and 5.2/5.3 from a hand-computed fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { petitionMeasures } from '../../src/petitions/measures.ts';

const t = await testApp();
const C = 'xuan-duong';
const body = (o: Record<string, unknown> = {}) => ({ communeId: C, name: 'Nguyễn Văn Bình', content: 'Cán bộ hẹn trả kết quả nhưng đến nay chưa có.', ...o });

async function file(o: Record<string, unknown> = {}) {
  const r = await call(t, 'POST', '/api/v1/public/petitions', { body: body(o) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.reference, /^PAKN-\d{4}-[2-9A-Z]{6}$/);
  return r.body as { id: string; reference: string };
}
const unitId = async (code: string) => (await t.db.selectFrom('units').select('id').where('commune_id', '=', C).where('code', '=', code).executeTakeFirstOrThrow()).id;

test('filing is idempotent; the staff list shows the 2/5/15 working-day limits', async () => {
  t.setNow('2026-12-07T09:00:00+07:00'); // Monday
  const r1 = await call(t, 'POST', '/api/v1/public/petitions', { body: body(), key: 'petition-key-1' });
  const r2 = await call(t, 'POST', '/api/v1/public/petitions', { body: body(), key: 'petition-key-1' });
  assert.equal(r1.status, 201);
  assert.deepEqual(r2.body, r1.body);
  const one = await call(t, 'GET', `/api/v1/petitions/${r1.body.id}`, { as: 'motcua' });
  assert.equal(one.status, 200);
  const p = one.body.petition;
  assert.equal(p.refuseBy, new Date('2026-12-09T09:00:00+07:00').toISOString());
  assert.equal(p.askMoreBy, new Date('2026-12-14T09:00:00+07:00').toISOString());
  assert.equal(p.answerBy, new Date('2026-12-28T09:00:00+07:00').toISOString());
  assert.equal(p.status, 'open');
  assert.deepEqual(one.body.events.map((e: { type: string }) => e.type), ['received']);
  t.setNow(null);
});

test('other commune and unassigned specialist get 404; specialist answers once assigned but cannot publish (403)', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const { id } = await file();
  assert.equal((await call(t, 'GET', `/api/v1/petitions/${id}`, { as: 'tl.motcua' })).status, 404);
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/answer`, { as: 'tl.motcua', body: { text: 'x' } })).status, 404);
  assert.equal((await call(t, 'GET', `/api/v1/petitions/${id}`, { as: 'hotich' })).status, 404);
  assert.equal((await call(t, 'GET', '/api/v1/petitions', { as: 'hotich' })).body.items.some((i: { id: string }) => i.id === id), false);
  const a = await call(t, 'POST', `/api/v1/petitions/${id}/assign`, { as: 'motcua', body: { unitId: await unitId('VHXH') } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/assign`, { as: 'hotich', body: { unitId: await unitId('VHXH') } })).status, 403);
  t.setNow('2026-12-10T10:00:00+07:00');
  const ans = await call(t, 'POST', `/api/v1/petitions/${id}/answer`, { as: 'hotich', body: { text: 'Hồ sơ đã có kết quả, mời ông đến nhận.' } });
  assert.equal(ans.status, 200, JSON.stringify(ans.body));
  assert.equal(ans.body.status, 'answered');
  assert.equal(ans.body.publishBy, new Date('2026-12-14T10:00:00+07:00').toISOString());
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/publish`, { as: 'hotich', body: {} })).status, 403);
  // Assigning to another commune's unit is refused.
  const other = (await t.db.selectFrom('units').select('id').where('commune_id', '!=', C).executeTakeFirstOrThrow()).id;
  const { id: id2 } = await file();
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id2}/assign`, { as: 'motcua', body: { unitId: other } })).status, 422);
  t.setNow(null);
});

test('steps follow the status: refuse needs a reason, nothing after refusal; late refusal is not on time', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const { id } = await file();
  const noReason = await call(t, 'POST', `/api/v1/petitions/${id}/refuse`, { as: 'motcua', body: {} });
  assert.equal(noReason.status, 422);
  t.setNow('2026-12-10T09:00:00+07:00'); // after the 2-working-day limit (Wed 9, 09:00)
  const r = await call(t, 'POST', `/api/v1/petitions/${id}/refuse`, { as: 'motcua', body: { text: 'Không thuộc thẩm quyền của xã.' } });
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'refused');
  assert.equal(r.body.onTime, false);
  const again = await call(t, 'POST', `/api/v1/petitions/${id}/answer`, { as: 'motcua', body: { text: 'x' } });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'PETITION_STEP_NOT_ALLOWED');
  t.setNow(null);
});

test('ask for more once; answer and publish on time; the public list shows it; like/dislike once per browser', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const { id } = await file();
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/ask_more`, { as: 'motcua', body: { text: 'Xin cho biết mã hồ sơ.' } })).status, 200);
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/ask_more`, { as: 'motcua', body: { text: 'Lần nữa.' } })).status, 409);
  // Not published yet: not public, and no reactions.
  assert.equal((await call(t, 'POST', `/api/v1/public/petitions/${id}/reaction`, { body: { communeId: C, reaction: 'like' } })).status, 404);
  t.setNow('2026-12-11T09:00:00+07:00');
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/answer`, { as: 'motcua', body: { text: 'Đã trả lời.' } })).status, 200);
  t.setNow('2026-12-14T09:00:00+07:00');
  const pub = await call(t, 'POST', `/api/v1/petitions/${id}/publish`, { as: 'chutich', body: {} });
  assert.equal(pub.status, 200);
  assert.equal(pub.body.onTime, true);
  const list = await call(t, 'GET', `/api/v1/public/petitions?communeId=${C}`);
  const item = list.body.items.find((i: { id: string }) => i.id === id);
  assert.equal(item.answer, 'Đã trả lời.');
  assert.equal('petitionerName' in item, false);
  const like = await call(t, 'POST', `/api/v1/public/petitions/${id}/reaction`, { body: { communeId: C, reaction: 'like' } });
  assert.equal(like.status, 200);
  const cookie = String(like.headers['set-cookie']).split(';')[0]!;
  const twice = await call(t, 'POST', `/api/v1/public/petitions/${id}/reaction`, { body: { communeId: C, reaction: 'dislike' }, headers: { cookie } });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.code, 'ALREADY_REACTED');
  assert.equal((await call(t, 'POST', `/api/v1/public/petitions/${id}/reaction`, { body: { communeId: 'tan-lap', reaction: 'like' } })).status, 404);
  const other = await call(t, 'POST', `/api/v1/public/petitions/${id}/reaction`, { body: { communeId: C, reaction: 'dislike' } });
  assert.equal(other.status, 200);
  const after = (await call(t, 'GET', `/api/v1/public/petitions?communeId=${C}`)).body.items.find((i: { id: string }) => i.id === id);
  assert.deepEqual([after.likes, after.dislikes], [1, 1]);
  t.setNow(null);
});

test('a petition about a dossier of the commune links it and marks it complained (766 5.4)', async () => {
  const proc = await t.db.selectFrom('procedures').select('code').executeTakeFirstOrThrow();
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: proc.code, applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const { id } = await file({ dossierCode: d.body.code.toLowerCase() });
  const row = await t.db.selectFrom('petitions').select('dossier_id').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.dossier_id, d.body.id);
  const facts = await t.db.selectFrom('indicator_facts').select('counts').where('dossier_id', '=', d.body.id).executeTakeFirstOrThrow();
  assert.ok(facts.counts.some((c) => /complain/.test(c)), JSON.stringify(facts.counts));
});

test('5.2 and 5.3 from a hand-computed fixture (October 2026)', async () => {
  const at = (s: string) => new Date(`${s}+07:00`);
  let n = 0;
  const put = (communeId: string, o: Record<string, unknown>) => t.db.insertInto('petitions').values({
    commune_id: communeId, reference: `PAKN-FIX-${++n}`, content: 'Nội dung', petitioner_name: 'A', channel: 'portal', received_at: at('2026-10-05T09:00:00'), ...o,
  }).returning('id').executeTakeFirstOrThrow();
  const answered = { answered_at: at('2026-10-12T09:00:00'), answer: 'Đã trả lời', published_at: at('2026-10-13T09:00:00') };
  // Our commune's own rows only: start from a commune with no other petitions in October (tests above use December).
  await put(C, answered); // A: on time, satisfied
  await put(C, { refused_at: at('2026-10-09T09:00:00') }); // B: refused after Wed 7 → late
  const c = await put(C, answered); // C: on time, more dislikes than likes → not satisfied
  await put(C, { ...answered, published_at: at('2026-10-19T09:00:00') }); // D: published after Wed 14 → late
  await put(C, { received_at: at('2026-09-14T09:00:00'), answered_at: at('2026-09-21T09:00:00'), published_at: at('2026-09-22T09:00:00') }); // E: closed before → out
  await put(C, { received_at: at('2026-10-19T09:00:00') }); // F: open at period end, answer due 9 Nov → on time, satisfied
  await put(C, { received_at: at('2026-09-07T09:00:00') }); // H: open since September, never answered → late
  await put(C, { ...answered, repeated_dissatisfied: true }); // I: on time, came back dissatisfied → not satisfied
  await put('tan-lap', { refused_at: at('2026-10-30T09:00:00') }); // G: other commune → out
  await put(C, { received_at: at('2026-11-02T09:00:00') }); // after the period → out
  for (const [v, r] of [['a', 'like'], ['b', 'dislike'], ['c', 'dislike']] as const) {
    await t.db.insertInto('petition_reactions').values({ petition_id: c.id, voter_hash: v, reaction: r, at: at('2026-10-14T09:00:00') }).execute();
  }
  const m = await petitionMeasures(t.db, C, { start: at('2026-10-01T00:00:00'), end: at('2026-11-01T00:00:00') }, at('2026-12-01T00:00:00'));
  assert.deepEqual(m['5.2'], { numerator: 4, denominator: 7 }); // A C F I of A B C D F H I
  assert.deepEqual(m['5.3'], { numerator: 2, denominator: 7 }); // A F
  const none = await petitionMeasures(t.db, C, { start: at('2025-01-01T00:00:00'), end: at('2025-02-01T00:00:00') }, at('2026-12-01T00:00:00'));
  assert.ok('unavailable' in none['5.2']);
});

test('demo petitions: mostly on time, measurable by 5.2/5.3', async () => {
  const { generateDemoPetitions } = await import('../../src/demo/petitions.ts');
  const now = new Date('2026-12-01T00:00:00+07:00');
  const n = await generateDemoPetitions(t.db, 'tan-lap', now, 3);
  assert.ok(n >= 30, `${n}`);
  const m = await petitionMeasures(t.db, 'tan-lap', { start: new Date('2025-12-01T00:00:00+07:00'), end: now }, now);
  assert.ok(!('unavailable' in m['5.2']) && m['5.2'].denominator >= 30);
  const rate = m['5.2'].numerator / m['5.2'].denominator;
  assert.ok(rate > 0.5 && rate < 1, `5.2 = ${rate}`);
  const published = await t.db.selectFrom('petitions').select('id').where('commune_id', '=', 'tan-lap').where('published_at', 'is not', null).execute();
  assert.ok(published.length > n / 2);
});

test('an officer records a counter or phone petition: its clock starts when it reached the commune; only petition handlers may', async () => {
  t.setNow('2026-12-09T10:00:00+07:00'); // Wednesday
  const b = { channel: 'phone', name: 'Trần Thị Yến', content: 'Gọi điện phản ánh: chờ ở quầy lâu vào sáng thứ Hai.', receivedAt: '2026-12-07T09:00:00+07:00' };
  const r = await call(t, 'POST', '/api/v1/petitions', { as: 'motcua', body: b });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const one = await call(t, 'GET', `/api/v1/petitions/${r.body.id}`, { as: 'motcua' });
  assert.equal(one.body.petition.channel, 'phone');
  assert.equal(one.body.petition.refuseBy, new Date('2026-12-09T09:00:00+07:00').toISOString()); // 2 working days from Monday
  assert.equal(one.body.events[0].actorName, 'Nguyễn Thị Lan');
  for (const as of ['hotich', 'diachinh']) assert.equal((await call(t, 'POST', '/api/v1/petitions', { as, body: b })).status, 403, as);
  assert.equal((await call(t, 'POST', '/api/v1/petitions', { body: b })).status, 401);
  assert.equal((await call(t, 'POST', '/api/v1/petitions', { as: 'motcua', body: { ...b, receivedAt: '2026-12-10T09:00:00+07:00' } })).body.code, 'RECEIVED_AT_INVALID');
  assert.equal((await call(t, 'POST', '/api/v1/petitions', { as: 'motcua', body: { ...b, channel: 'portal' } })).status, 400);
  // Another commune's officer records into their own commune, never ours.
  const other = await call(t, 'POST', '/api/v1/petitions', { as: 'tl.motcua', body: b });
  assert.equal((await call(t, 'GET', `/api/v1/petitions/${other.body.id}`, { as: 'motcua' })).status, 404);
  t.setNow(null);
});

test('a petitioner back with the same matter, still dissatisfied: recorded once after the answer, and 5.3 counts it', async () => {
  t.setNow('2026-08-03T09:00:00+07:00');
  const { id } = await file();
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/repeat`, { as: 'motcua', body: { text: 'Chưa hài lòng' } })).status, 409); // nothing answered yet
  await call(t, 'POST', `/api/v1/petitions/${id}/answer`, { as: 'motcua', body: { text: 'Đã trả lời.' } });
  await call(t, 'POST', `/api/v1/petitions/${id}/publish`, { as: 'motcua', body: {} });
  const period = { start: new Date('2026-08-01T00:00:00+07:00'), end: new Date('2026-09-01T00:00:00+07:00') };
  const before = await petitionMeasures(t.db, C, period, new Date('2026-08-03T10:00:00+07:00'));
  assert.deepEqual(before['5.3'], { numerator: 1, denominator: 1 });
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/repeat`, { as: 'hotich', body: { text: 'x' } })).status, 404); // not their unit's
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/repeat`, { as: 'motcua', body: {} })).body.code, 'TEXT_REQUIRED');
  const r = await call(t, 'POST', `/api/v1/petitions/${id}/repeat`, { as: 'motcua', body: { text: 'Ông Bình quay lại, vẫn chưa nhận được kết quả.' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal((await call(t, 'POST', `/api/v1/petitions/${id}/repeat`, { as: 'motcua', body: { text: 'lần nữa' } })).status, 409);
  const after = await petitionMeasures(t.db, C, period, new Date('2026-08-03T10:00:00+07:00'));
  assert.deepEqual(after['5.3'], { numerator: 0, denominator: 1 });
  assert.deepEqual(after['5.2'], { numerator: 1, denominator: 1 }); // handled on time all the same
  t.setNow(null);
});

test('5.2 over the current month is read at the injected clock, not the machine\'s: an open petition not yet due is not late', async () => {
  // Tân Lập, a month nobody else files in here: one phone petition, unanswered, its 15 working days still running.
  t.setNow('2025-03-03T09:00:00+07:00');
  const filed = await call(t, 'POST', '/api/v1/petitions', {
    as: 'tl.motcua', body: { channel: 'phone', name: 'Trần Thị Yến', content: 'Đường vào thôn bị ngập.', receivedAt: '2025-03-03T08:30:00+07:00' },
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const read = async () => {
    const r = await call(t, 'GET', '/api/v1/indicators/766?commune=tan-lap&year=2025&month=3', { as: 'tl.motcua' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.groups.flatMap((g: { indicators: { id: string }[] }) => g.indicators).find((i: { id: string }) => i.id === '5.2');
  };
  const early = await read();
  assert.deepEqual([early.numerator, early.denominator], [1, 1], 'on 3 March it is on time');
  t.setNow('2025-04-15T09:00:00+07:00'); // the month is over, the petition still unanswered: late
  const late = await read();
  assert.deepEqual([late.numerator, late.denominator], [0, 1]);
  t.setNow(null);
});
