// The work list: sorted by due time (none last), keyset pages that neither skip nor repeat, filters, counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();

test('keyset pages cover every visible dossier once, in due order, with undated submissions last', async () => {
  const made: string[] = [];
  for (const [i, at] of ['2026-11-25T09:00:00+07:00', '2026-11-25T15:30:00+07:00', '2026-11-24T10:00:00+07:00', '2026-11-26T08:00:00+07:00'].entries()) {
    t.setNow(at);
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: i % 2 ? '1.004873' : '1.001193', applicant: applicant() } });
    made.push(r.body.id);
  }
  for (let i = 0; i < 3; i++) {
    const s = await call(t, 'POST', '/api/v1/public/submissions', { body: { communeId: 'xuan-duong', procedureCode: '1.001193', applicant: applicant() } });
    made.push(s.body.id);
  }
  const seen: { id: string; dueAt: string | null }[] = [];
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
  const dues = seen.map((s) => s.dueAt);
  const dated = dues.filter((d): d is string => d !== null);
  assert.deepEqual(dated, [...dated].sort(), 'ascending due times');
  assert.deepEqual(dues.slice(dated.length), [null, null, null], 'submissions without a due time come last');
  const counts = (await call(t, 'GET', '/api/v1/dossiers?limit=1', { as: 'motcua' })).body.countsByState;
  assert.deepEqual(counts, { 1: 3, 2: 4 });
  const filtered = await call(t, 'GET', '/api/v1/dossiers?state=1', { as: 'motcua' });
  assert.equal(filtered.body.items.length, 3);
  assert.ok(filtered.body.items.every((i: { state: number }) => i.state === 1));
  const late = await call(t, 'GET', `/api/v1/dossiers?dueBefore=${encodeURIComponent('2026-11-25T12:00:00+07:00')}`, { as: 'motcua' });
  assert.equal(late.body.items.length, 1, 'due before noon on the 25th: only the same-day intake of the 24th');
});
