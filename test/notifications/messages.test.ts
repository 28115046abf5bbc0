// The notice texts (pure): which changes call for a notice, and what each kind says. Every notice names the agency,
// the officer and the times (NĐ 224/2026 Đ15 k1 điểm g), carries the status link, and never an ID number.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noticeFacts, noticeKind, renderNotice, type NoticeFacts } from '../../src/notifications/core/messages.ts';
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from '../../src/notifications/core/retry.ts';
import { recipientsOf } from '../../src/notifications/enqueue.ts';
import { describe as describeError } from '../../src/notifications/channels.ts';

const URL = 'https://dvc.xuanduong.example';
const CODE = '000.DEMO.XD.H55-261125-0001';
const dossier = {
  id: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b', code: CODE, applicant_name: 'Nguyễn Văn An',
  received_at: new Date('2026-11-25T02:00:00Z'), due_at: new Date('2026-11-27T10:00:00Z'), finished_at: null, returned_at: null,
};
const names = {
  procedureName: 'Đăng ký khai sinh', communeName: 'Xã Xuân Dương', handlingUnit: 'Phòng Văn hóa - Xã hội',
  officer: { name: 'Nguyễn Thị Lan', title: 'Công chức tiếp nhận', unit: 'Trung tâm Phục vụ hành chính công' },
};
const event = (action: string, from: number | null, to: number, payload: object = {}) => ({ action, from_state: from, to_state: to, at: new Date('2026-11-25T02:00:00Z'), payload });
const facts = (action: string, from: number | null, to: number, payload: object = {}, over: Partial<NoticeFacts> = {}) =>
  ({ ...noticeFacts(dossier, event(action, from, to, payload), names), ...over });

/** What every notice must contain (Đ15 k1 g) and must not. */
function assertCommon(n: ReturnType<typeof renderNotice>) {
  for (const t of [n.text, n.short]) {
    assert.ok(t.includes(`${URL}/tra-cuu?ma=${encodeURIComponent(CODE)}`), 'status link');
    assert.doesNotMatch(t, /(?<![\d.-])\d{9}(?:\d{3})?(?![\d.-])/, 'no ID-like number');
  }
  assert.match(n.text, /Ủy ban nhân dân xã Xuân Dương/);
  assert.match(n.text, /Cán bộ tiếp nhận, xử lý: Nguyễn Thị Lan, Công chức tiếp nhận \(Trung tâm Phục vụ hành chính công\)/);
  assert.match(n.text, /Thời gian tiếp nhận: 09:00 ngày 25\/11\/2026/);
  assert.match(n.text, /Thời hạn trả kết quả: 17:00 ngày 27\/11\/2026/);
  assert.match(n.text, /^Kính gửi ông\/bà Nguyễn Văn An,/);
  assert.match(n.short, /^UBND xã Xuân Dương: /);
}

test('which changes call for a notice: every status change and the apology, nothing else', () => {
  assert.equal(noticeKind('receive_counter', null, 2), 'status');
  assert.equal(noticeKind('submit_online', null, 1), 'status');
  assert.equal(noticeKind('assign', 2, 4), 'status');
  assert.equal(noticeKind('request_supplement', 4, 5), 'supplement');
  assert.equal(noticeKind('request_supplement_before_receipt', 1, 5), 'supplement');
  assert.equal(noticeKind('issue_result', 4, 9), 'result');
  assert.equal(noticeKind('reject_not_eligible', 4, 9), 'result');
  assert.equal(noticeKind('return_result', 9, 10), 'returned');
  assert.equal(noticeKind('apologize_extend', 4, 4), 'apology');
  assert.equal(noticeKind('forward', 4, 4), null);
  assert.equal(noticeKind('propose_result', 4, 4), null);
  assert.equal(noticeKind('approve', 4, 4), null);
});

test('receipt: agency, officer, time received and promised return time', () => {
  const n = renderNotice(facts('receive_counter', null, 2), URL);
  assertCommon(n);
  assert.equal(n.subject, `Hồ sơ đã được tiếp nhận - hồ sơ ${CODE}`);
  assert.match(n.text, /Trạng thái: Được tiếp nhận/);
  assert.match(n.text, /Thủ tục: Đăng ký khai sinh/);
  assert.match(n.short, /Hẹn trả: 17:00 ngày 27\/11\/2026\. Cán bộ: Nguyễn Thị Lan\./);
});

test('supplement request: what is missing and why', () => {
  const n = renderNotice(facts('request_supplement', 4, 5, { items: ['Giấy chứng sinh bản chính', 'Tờ khai có chữ ký'], reason: 'Thiếu giấy chứng sinh' }), URL);
  assertCommon(n);
  assert.equal(n.subject, `Yêu cầu bổ sung, hoàn thiện hồ sơ - hồ sơ ${CODE}`);
  assert.match(n.text, /\n {2}1\. Giấy chứng sinh bản chính\n {2}2\. Tờ khai có chữ ký\nLý do: Thiếu giấy chứng sinh\./);
  assert.match(n.short, /Cần bổ sung: Giấy chứng sinh bản chính; Tờ khai có chữ ký\./);
});

test('apology: the reason and the new appointment', () => {
  const n = renderNotice(facts('apologize_extend', 4, 4, { reason: 'Cần xác minh thêm', newDueAt: '2026-12-02T10:00:00.000Z' }), URL);
  assertCommon(n);
  assert.equal(n.subject, `Thư xin lỗi và hẹn lại ngày trả kết quả - hồ sơ ${CODE}`);
  assert.match(n.text, /xin lỗi ông\/bà vì hồ sơ chưa được giải quyết đúng thời hạn/);
  assert.match(n.text, /Lý do: Cần xác minh thêm\./);
  assert.match(n.text, /Ngày hẹn trả kết quả mới: 17:00 ngày 02\/12\/2026\./);
  assert.match(n.short, /Hẹn trả mới: 17:00 ngày 02\/12\/2026\./);
});

test('result ready (state 9), refusal as not eligible, and returned (state 10)', () => {
  const done = { finishedAt: '2026-11-26T08:00:00.000Z' };
  const ready = renderNotice(facts('issue_result', 4, 9, {}, done), URL);
  assertCommon(ready);
  assert.equal(ready.subject, `Đã có kết quả giải quyết hồ sơ - hồ sơ ${CODE}`);
  assert.match(ready.text, /Trạng thái: Đã xử lý xong/);
  assert.match(ready.text, /Thời gian giải quyết xong: 15:00 ngày 26\/11\/2026/);

  const no = renderNotice(facts('reject_not_eligible', 4, 9, { reason: 'Không thuộc thẩm quyền' }, done), URL);
  assertCommon(no);
  assert.match(no.text, /không đủ điều kiện giải quyết.*\nLý do: Không thuộc thẩm quyền\./);

  const back = renderNotice(facts('return_result', 9, 10, { channel: 'post' }, { ...done, returnedAt: '2026-11-27T01:00:00.000Z' }), URL);
  assertCommon(back);
  assert.equal(back.subject, `Đã trả kết quả - hồ sơ ${CODE}`);
  assert.match(back.text, /Kết quả đã được trả cho ông\/bà qua dịch vụ bưu chính\./);
  assert.match(back.text, /Thời gian trả kết quả: 08:00 ngày 27\/11\/2026/);
});

test('an e-result returned online: the notice says it can be downloaded and gives the status page link with the code', () => {
  const done = { finishedAt: '2026-11-26T08:00:00.000Z', returnedAt: '2026-11-27T01:00:00.000Z' };
  const online = renderNotice(facts('return_result', 9, 10, { channel: 'online' }, done), URL);
  assert.match(online.text, /Kết quả đã được trả cho ông\/bà trực tuyến/);
  assert.match(online.text, /tải kết quả điện tử \(tệp PDF có chữ ký số/);
  const link = `${URL}/tra-cuu?ma=${encodeURIComponent(CODE)}`;
  assert.ok(online.text.includes(`Tải kết quả điện tử: ${link}`), online.text);
  assert.ok(online.short.endsWith(`Tải kết quả: ${link}`), online.short);
  // Returned at the counter or by post: no download offered.
  const post = renderNotice(facts('return_result', 9, 10, { channel: 'post' }, done), URL);
  assert.doesNotMatch(post.text, /Tải kết quả/);
});

test('before receipt: no code yet, the first notice carries the reference, its lookup link and the receipt deadline; the citizen’s own action names no officer', () => {
  const REF = 'HS-7K4Q-2M9P';
  const submitted = { ...dossier, code: null, reference: REF, received_at: null, due_at: null, receipt_due_at: new Date('2026-11-26T02:00:00Z') };
  const f = { ...noticeFacts(submitted, event('submit_online', null, 1), names), officer: null };
  const n = renderNotice(f, URL);
  assert.match(n.text, new RegExp(`Mã tra cứu: ${REF}`));
  assert.match(n.text, /Mã tra cứu hồ sơ: HS-7K4Q-2M9P\. Ông\/bà dùng mã này để tra cứu/);
  assert.match(n.text, /tiếp nhận hoặc trả lời chậm nhất 09:00 ngày 26\/11\/2026\./);
  assert.match(n.text, /Hạn tiếp nhận hồ sơ: 09:00 ngày 26\/11\/2026/);
  for (const t of [n.text, n.short]) assert.ok(t.includes(`${URL}/tra-cuu?ma=${REF}`), 'a working lookup link');
  assert.match(n.short, /\(hồ sơ HS-7K4Q-2M9P\)/, 'the SMS names the reference');
  assert.doesNotMatch(n.text, new RegExp(dossier.id), 'never the internal id');
  assert.doesNotMatch(n.text, /Cán bộ tiếp nhận, xử lý/);
  assert.equal(n.subject, `Đã nhận hồ sơ nộp trực tuyến - hồ sơ ${REF}`);
  // Facts stored in the outbox before references existed still render: the link carries the id the lookup also
  // takes, but no line names the dossier by it.
  const old = renderNotice({ ...f, reference: undefined, receiptDueAt: undefined }, URL);
  assert.ok(old.text.includes(`${URL}/tra-cuu?ma=${dossier.id}`));
  assert.equal(old.text.split(dossier.id).length, 2, 'the id only in the link');
  assert.doesNotMatch(old.text, /Mã tra cứu:/);
  // After receipt, the code is the dossier's name: the deadline of receipt is not repeated.
  const received = renderNotice(noticeFacts({ ...dossier, reference: REF, receipt_due_at: submitted.receipt_due_at }, event('receive_online', 1, 2), names), URL);
  assertCommon(received);
  assert.doesNotMatch(received.text, /Hạn tiếp nhận|Mã tra cứu/);
});

test('other status changes read too (stop, withdrawal, refusal, financial obligation)', () => {
  assert.match(renderNotice(facts('stop_processing', 4, 8, { reason: 'Công dân đề nghị' }), URL).text, /dừng giải quyết\.\nLý do: Công dân đề nghị\./);
  assert.match(renderNotice(facts('withdraw', 4, 7), URL).subject, /^Hồ sơ đã được rút/);
  assert.match(renderNotice(facts('refuse_receipt', null, 3, { reason: 'Sai thẩm quyền' }), URL).text, /không được tiếp nhận\.\nLý do: Sai thẩm quyền\./);
  assert.match(renderNotice(facts('request_financial_obligation', 4, 6, { description: 'Lệ phí trước bạ', amountVnd: 500000 }), URL).text,
    /nghĩa vụ tài chính: Lệ phí trước bạ, số tiền 500\.000 đồng\./);
});

test('recipients: e-mail if given, SMS if a phone', () => {
  assert.deepEqual(recipientsOf({ email: 'an@example.vn', phone: '0912 345 678' }), [
    { channel: 'email', recipient: 'an@example.vn' }, { channel: 'sms', recipient: '0912345678' },
  ]);
  assert.deepEqual(recipientsOf({ phone: null, email: null }), []);
  assert.deepEqual(recipientsOf(null), []);
});

test('backoff: doubles from 30 s, capped; gives up after the last attempt or on a permanent refusal', () => {
  assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
  assert.equal(retryDelayMs(40), 6 * 3_600_000);
  const now = new Date('2026-11-25T02:00:00Z');
  assert.deepEqual(afterFailure(1, now, false), { status: 'pending', nextAttemptAt: new Date('2026-11-25T02:00:30Z') });
  assert.deepEqual(afterFailure(MAX_ATTEMPTS, now, false), { status: 'failed' });
  assert.deepEqual(afterFailure(1, now, true), { status: 'failed' });
});

test('delivery errors keep no address or phone number (they reach the log)', () => {
  const e = Object.assign(new Error('Recipient command failed: 550 5.1.1 <an@example.vn>: unknown user\nmore'), { code: 'EENVELOPE', responseCode: 550 });
  assert.equal(describeError(e), 'EENVELOPE SMTP 550 Recipient command failed: 550 5.1.1 <…@…>: unknown user');
  assert.equal(describeError(new Error('bad number 0912 345 678')), 'bad number …');
});
