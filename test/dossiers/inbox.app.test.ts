// The work list: online submissions awaiting receipt first (by their receipt deadline), then by due time (none
// last), keyset pages that neither skip nor repeat (also across the two groups), filters, counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';

const t = await testApp();

test('keyset pages cover every visible dossier once: awaiting receipt first by receipt deadline, then by due time', async () => {
  const made: string[] = [];
  for (const [i, at] of ['2026-11-25T09:00:00+07:00', '2026-11-25T15:30:00+07:00', '2026-11-24T10:00:00+07:00', '2026-11-26T08:00:00+07:00'].entries()) {
    t.setNow(at);
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: i % 2 ? '1.004873' : '1.001193', applicant: applicant() } });
    made.push(r.body.id);
  }
  const submitted: string[] = [];
  for (const at of ['2026-11-26T16:00:00+07:00', '2026-11-26T09:00:00+07:00', '2026-11-27T10:00:00+07:00']) {
    t.setNow(at);
    const s = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant() });
    made.push(s.body.id);
    submitted.push(s.body.id);
  }
  t.setNow(null);
  const seen: { id: string; state: number; dueAt: string | null; receiptDueAt: string | null; reference: string; code: string | null }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/dossiers?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await call(t, 'GET', url, { as: 'motcua' });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    seen.push(...page.body.items);
    cursor = page.body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  assert.deepEqual(new Set(seen.map((s) => s.id)), new Set(made));
  assert.equal(seen.length, made.length, 'no repeats');
  assert.ok(seen.every((s) => /^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/.test(s.reference)), 'every dossier has a reference');
  assert.deepEqual(seen.slice(0, 3).map((s) => s.state), [1, 1, 1], 'the submissions awaiting receipt come first');
  // Submitted Thursday 09:00 → Friday 09:00; Thursday 16:00 → Friday 16:00; Friday 10:00 → Monday 10:00.
  assert.deepEqual(seen.slice(0, 3).map((s) => s.id), [submitted[1], submitted[0], submitted[2]], 'by receipt deadline');
  assert.deepEqual(seen.slice(0, 3).map((s) => s.receiptDueAt),
    ['2026-11-27T02:00:00.000Z', '2026-11-27T09:00:00.000Z', '2026-11-30T03:00:00.000Z']);
  const dues = seen.slice(3).map((s) => s.dueAt);
  assert.ok(dues.every((d) => d !== null));
  assert.deepEqual(dues, [...dues].sort(), 'then ascending due times');

  // A submission from before the receipt deadline existed sorts by its submission time, still among the first.
  await t.db.updateTable('dossiers').set({ receipt_due_at: null }).where('id', '=', submitted[2]!).execute();
  const first = await call(t, 'GET', '/api/v1/dossiers?limit=3', { as: 'motcua' });
  assert.deepEqual(first.body.items.map((i: { id: string }) => i.id), [submitted[1], submitted[2], submitted[0]], 'Friday 10:00 stands in');
  const counts = (await call(t, 'GET', '/api/v1/dossiers?limit=1', { as: 'motcua' })).body.countsByState;
  assert.deepEqual(counts, { 1: 3, 2: 4 });
  const filtered = await call(t, 'GET', '/api/v1/dossiers?state=1', { as: 'motcua' });
  assert.equal(filtered.body.items.length, 3);
  assert.ok(filtered.body.items.every((i: { state: number }) => i.state === 1));
  const late = await call(t, 'GET', `/api/v1/dossiers?dueBefore=${encodeURIComponent('2026-11-25T12:00:00+07:00')}`, { as: 'motcua' });
  assert.equal(late.body.items.length, 1, 'due before noon on the 25th: only the same-day intake of the 24th');
});
