// What the citizen reads of the two entries that change no state (src/web/portal/timeline.ts): a fee paid (how much,
// how, the receipt) and a correction of their declaration (which answers, not the officer's reason). Pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventSentence } from '../../src/web/portal/timeline.ts';
import type { PublicEvent } from '../../src/dossiers/public.ts';

const at = new Date('2026-12-07T03:00:00Z');
const ev = (action: string, payload: Record<string, unknown>, actorRole = 'receiving_officer'): PublicEvent =>
  ({ seq: 2, action, at, toState: 2, actorRole, payload, recordedAt: at });

test('a fee paid says how much, how and the receipt number', () => {
  assert.equal(eventSentence(ev('fee_paid', { amountVnd: 10000, paymentMethod: 'online', receiptNo: '0000012/BL' }, 'system')),
    'Đã nộp phí, lệ phí 10.000 đồng trực tuyến (biên lai số 0000012/BL).');
  assert.match(eventSentence(ev('fee_paid', { amountVnd: 8000, paymentMethod: 'cash', receiptNo: '0000013/BL' })), /^Đã nộp phí, lệ phí 8\.000 .* tại Bộ phận Một cửa \(biên lai số 0000013\/BL\)\.$/);
});

test('a correction names the answers corrected, never the officer\'s reason', () => {
  const s = eventSentence(ev('correct_declaration', { reason: 'Ghi chú nội bộ', fields: ['Họ, chữ đệm, tên của trẻ', 'Giới tính'] }));
  assert.equal(s, 'Cán bộ đã đính chính tờ khai: Họ, chữ đệm, tên của trẻ; Giới tính.');
  assert.ok(!s.includes('nội bộ'));
  assert.equal(eventSentence(ev('correct_declaration', {})), 'Cán bộ đã đính chính tờ khai.');
});

test('a file attached names the file and its hash; a storage copy names the PDF/A made of it (issue 14)', () => {
  const sha = 'ab'.repeat(32), copy = 'cd'.repeat(32);
  assert.equal(eventSentence(ev('attach_file', { file: { component: 'TO_KHAI', fileName: 'to-khai.pdf', sha256: sha } }, 'citizen')),
    `Bạn đã đính kèm tệp to-khai.pdf (mã băm ${sha.slice(0, 12)}).`);
  assert.equal(eventSentence(ev('attach_file', { file: { component: 'TO_KHAI', fileName: 'to-khai.pdf', sha256: sha } })),
    `Đính kèm tệp to-khai.pdf (mã băm ${sha.slice(0, 12)}).`);
  assert.equal(eventSentence(ev('attach_file', { file: { component: 'TO_KHAI', fileName: 'to-khai.pdf', sha256: sha, version: 1, storageCopy: { sha256: copy, fileName: '1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf' } } }, 'system')),
    `Đã tạo bản lưu trữ PDF/A 1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf (mã băm ${copy.slice(0, 12)}) từ tệp to-khai.pdf.`);
});
