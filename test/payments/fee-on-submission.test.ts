// What the citizen reads about fees before paying (web/portal/payment-pages.tsx FeeOnSubmission, on "check your
// answers" and the confirmation page): the online rate of a procedure priced per channel, and a declared exempt group
// that asks no payment but is checked by the officer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { FeeOnSubmission } from '../../src/web/portal/payment-pages.tsx';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import type { Answers } from '../../src/payments/core/assess.ts';

const at = new Date('2026-12-07T02:00:00Z');
const stored = (code: string) => ({ ...findSeedProcedure(code, at)!, version: 1 });
const text = (code: string, answers: Answers = {}) =>
  renderToString(h(FeeOnSubmission, { proc: stored(code), answers, filedOn: '2026-12-07' })).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('the portal files online: a residence registration shows the online rate only', () => {
  const t = text('CA.LOCAL.001');
  assert.match(t, /Lệ phí đăng ký thường trú \(nộp hồ sơ trực tuyến\) 10\.000 đồng/);
  assert.match(t, /Tổng số tiền: 10\.000 đồng/);
  assert.doesNotMatch(t, /20\.000|trực tiếp/);
});

test('a declared exempt group: 0 đồng, why, and that the officer checks the papers (else the fee is due)', () => {
  const late = { childDateOfBirth: '2026-10-07' };
  assert.match(text('1.001193', { TO_KHAI: late }), /Tổng số tiền: 5\.000 đồng/);
  const t = text('1.001193', { TO_KHAI: { ...late, feeExemption: 'Người khuyết tật' } });
  assert.match(t, /Miễn lệ phí: người khuyết tật/);
  assert.match(t, /Bạn không phải nộp phí, lệ phí cho hồ sơ này\./);
  assert.match(t, /cán bộ sẽ kiểm tra giấy tờ chứng minh khi tiếp nhận hồ sơ\. Nếu không đủ căn cứ miễn, hồ sơ phải nộp lệ phí 5\.000 đồng/);
  assert.doesNotMatch(t, /Tổng số tiền/);
});
