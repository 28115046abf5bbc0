// The stop notice (Thông báo dừng giải quyết hồ sơ, NĐ 118/2025 Đ21; TT 03/2025 Đ7) states what happens to the
// fees paid: the amount, how and when it was paid and the e-receipt's number, read from the payment ledger; a
// dossier with nothing paid has nothing to settle; one whose fee was recorded as exempt says so. Read back from the
// PDF (pdftotext).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { receiptNumber } from '../../src/payments/core/ledger.ts';
import { assertPdf, flat, getPdf, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const t = await testApp();
const TTHN = '1.004873'; // 10.000 đ collected at submission ("thu trước")
const KHAI_SINH = '1.001193';

const at = (local: string) => t.setNow(`${local}+07:00`);
async function intake(procedureCode: string, when: string) {
  at(when);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode, applicant: applicant() } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}
async function stop(id: string, when: string) {
  at(when);
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/stop_processing`, {
    as: 'motcua', body: { reason: 'Công dân đề nghị dừng giải quyết hồ sơ' },
  });
  assert.ok(r.status < 300, `stop_processing: ${r.status} ${JSON.stringify(r.body)}`);
}
async function noticeText(tc: Parameters<typeof skipWithoutPoppler>[0], id: string, code: string) {
  const r = await getPdf(t, `/api/v1/dossiers/${id}/documents/stop-notice`, 'motcua');
  assertPdf(r, `thong-bao-dung-${code}`);
  return skipWithoutPoppler(tc) ? null : flat(pdfText(r.body));
}

test('a stopped dossier whose fee was paid in cash: the notice states the amount, the receipt number and how the money is handled', async (tc) => {
  const d = await intake(TTHN, '2026-12-01T08:00');
  at('2026-12-01T08:05');
  const paid = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.equal(paid.body.amountVnd, 10_000);
  await stop(d.id, '2026-12-01T09:00');
  const text = await noticeText(tc, d.id, d.code);
  if (text === null) return;
  const expected = `Về phí, lệ phí: người nộp hồ sơ đã nộp 10.000 đồng (tiền mặt, ngày 01/12/2026, biên lai số ${receiptNumber(paid.body.entryId)}).`;
  assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
  assert.ok(text.includes('Phí, lệ phí đã nộp được xử lý theo quy định của Luật Phí và lệ phí năm 2015'), text);
  assert.ok(text.includes('liên hệ Trung tâm Phục vụ hành chính công xã Xuân Dương để được hướng dẫn'), text);
  assert.ok(!text.includes('không phát sinh phí, lệ phí phải xử lý'), text);
});

test('a stopped dossier with no payment: nothing to settle', async (tc) => {
  const d = await intake(TTHN, '2026-12-02T08:00');
  await stop(d.id, '2026-12-02T09:00');
  const text = await noticeText(tc, d.id, d.code);
  if (text === null) return;
  assert.ok(text.includes('Về phí, lệ phí: không phát sinh phí, lệ phí phải xử lý.'), text);
  assert.ok(!text.includes('biên lai số'), text);
});

test('a stopped dossier whose fee was recorded as exempt (0 đ): the notice says it is exempt', async (tc) => {
  const d = await intake(KHAI_SINH, '2026-12-03T08:00');
  at('2026-12-03T08:05');
  const exempt = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, {
    as: 'motcua', body: { exemption: 'Đăng ký khai sinh đúng hạn (trong thời hạn 60 ngày kể từ ngày sinh)' },
  });
  assert.equal(exempt.status, 201, JSON.stringify(exempt.body));
  assert.deepEqual([exempt.body.amountVnd, exempt.body.method], [0, 'exempt']);
  await stop(d.id, '2026-12-03T09:00');
  const text = await noticeText(tc, d.id, d.code);
  if (text === null) return;
  assert.ok(text.includes('Về phí, lệ phí: Hồ sơ được miễn phí, lệ phí.'), text);
});

test('the fees of another commune\'s dossier are not read: its stop notice is not found', async () => {
  const d = await intake(TTHN, '2026-12-04T08:00');
  await stop(d.id, '2026-12-04T09:00');
  const other = await getPdf(t, `/api/v1/dossiers/${d.id}/documents/stop-notice`, 'tl.motcua');
  assert.equal(other.status, 404);
});
