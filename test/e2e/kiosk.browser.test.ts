// The evaluation at the counter in a real browser: the receiving officer opens the tablet screen, picks the dossier
// just returned, the citizen rates it; every page accessible (axe) and without personal data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';
import { applicant, call } from '../support/http.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

async function returnedDossier(): Promise<{ id: string; code: string }> {
  const t = s!.t;
  t.setNow('2026-12-07T09:00:00+07:00');
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const steps: [string, string, object][] = [
    ['assign', 'motcua', { unitCode: 'VHXH' }],
    ['propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' }],
    ['submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) }],
    ['approve', 'chutich', {}],
    ['issue_result', 'hotich', {}],
    ['return_result', 'motcua', { channel: 'counter' }],
  ];
  for (const [type, as, body] of steps) {
    const a = await call(t, 'POST', `/api/v1/dossiers/${r.body.id}/actions/${type}`, { as, body });
    assert.equal(a.status, 200, `${type}: ${JSON.stringify(a.body)}`);
  }
  return { id: r.body.id, code: r.body.code };
}

test('the counter tablet: officer starts, citizen rates, thanks', { skip, timeout: 120_000 }, async () => {
  const d = await returnedDossier();
  const tablet = await officer(s!, 'motcua');
  await tablet.setViewportSize({ width: 768, height: 1024 });
  await tablet.goto('/danh-gia/quay');
  await checkPage(tablet, 'kiosk-choose');
  await tablet.click(`a[href="/danh-gia/quay?ho_so=${d.id}"]`);
  await checkPage(tablet, 'kiosk-form');
  const body = await tablet.textContent('main');
  assert.ok(body!.includes(d.code) && body!.includes('1.001193'));
  assert.ok(!body!.includes('001203004567') && !body!.includes('Nguyễn Văn An'), 'no personal data on the tablet');
  await tablet.click('main button:has-text("Gửi đánh giá")');
  await checkPage(tablet, 'kiosk-error');
  await tablet.check('input[name="muc_do"][value="very_satisfied"]');
  await tablet.click('main button:has-text("Gửi đánh giá")');
  assert.ok(await tablet.isVisible('text=Cảm ơn ông/bà đã đánh giá'));
  await checkPage(tablet, 'kiosk-thanks');
  const rating = await s!.t.db.selectFrom('ratings').select(['channel', 'overall']).where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
  assert.deepEqual(rating, { channel: 'kiosk', overall: 'very_satisfied' });
});
