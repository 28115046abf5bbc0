// The pure rules of the inbound contract: the forwarded dossier's checks (each field, every fault), the request's
// hash (content, not key order), strict base64, the portal's key compared whole, the answers' shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBase64, parseHoSo, requestHash, unknownComponents, type Limits } from '../../src/inbound/core/hoso.ts';
import { INBOUND_ERRORS, accepted, inboundBodyLimit, portalKeyMatches, refusal } from '../../src/inbound/core/contract.ts';
import { sniffType } from '../../src/dossiers/uploads.ts';
import { hoso } from './support.ts';

const limits: Limits = {
  maxFileBytes: 1024, maxFiles: 3, accepted: ['application/pdf', 'image/jpeg', 'image/png'], sniff: sniffType, now: new Date('2026-12-07T02:00:00Z'),
};
const fields = (body: unknown) => {
  const r = parseHoSo(body, limits);
  return r.ok ? [] : r.errors.map((e) => e.field);
};

test('a well-formed dossier parses into what the dossier service takes', () => {
  const r = parseHoSo(hoso({ ChuHoSo: '  Lê   Thị Hồng ', SoGiayToChuHoSo: '001 190 004 567', SoDienThoai: '+84 912 345 678' }), limits);
  assert.ok(r.ok, JSON.stringify(r));
  const d = r.value;
  assert.deepEqual(d.applicant, { name: 'Lê Thị Hồng', idNumber: '001190004567', address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912345678', email: 'hong@example.vn' });
  assert.equal(d.filedAt.toISOString(), '2026-12-04T03:30:00.000Z', 'yyyyMMddHHmmss in Vietnam time (UTC+7)');
  assert.deepEqual([d.eid, d.subjectKind, d.summary, d.files.length, d.files[0]!.component, d.files[1]!.type], [true, 1, 'Đăng ký khai sinh cho con', 2, 'TO_KHAI', 'image/png']);
  assert.deepEqual(unknownComponents(d, [{ code: 'TO_KHAI' }]), [{ field: 'TaiLieuNop[1].MaThanhPhanHoSo', message: 'Thủ tục không có thành phần hồ sơ mã "GIAY_CHUNG_SINH".' }]);
  // 0/1 and codes may come as text; no files is allowed (the desk checks completeness at receipt).
  assert.ok(parseHoSo(hoso({ TaiKhoanDuocXacThucVoiVNeID: '0', LoaiDoiTuong: '2', TaiLieuNop: [] }), limits).ok);
});

test('each field at fault is reported once, by its contract name', () => {
  assert.deepEqual(fields('x'), ['HoSo']);
  assert.deepEqual(fields([]), ['HoSo']);
  const required = ['MaHoSo', 'MaTTHC', 'MaDonViTiepNhan', 'ChuHoSo', 'SoGiayToChuHoSo', 'LoaiDoiTuong', 'NgayNopHoSo', 'TaiKhoanDuocXacThucVoiVNeID', 'TaiLieuNop'];
  for (const f of required) assert.deepEqual(fields(hoso({ [f]: undefined })), [f], f);
  assert.deepEqual(fields({}).sort(), [...required].sort());
  assert.deepEqual(fields(hoso({ SoGiayToChuHoSo: '   ' })), ['SoGiayToChuHoSo']);
  assert.deepEqual(fields(hoso({ ChuHoSo: 42 })), ['ChuHoSo']);
  assert.deepEqual(fields(hoso({ NgayNopHoSo: '2026-12-04 10:30' })), ['NgayNopHoSo']);
  assert.deepEqual(fields(hoso({ NgayNopHoSo: '20260229103000' })), ['NgayNopHoSo'], 'no 29 February in 2026');
  assert.deepEqual(fields(hoso({ NgayNopHoSo: '20261207090500' })), [], 'within the tolerated clock difference');
  assert.deepEqual(fields(hoso({ NgayNopHoSo: '20261207090600' })), ['NgayNopHoSo'], 'later than now + 5 minutes');
  assert.deepEqual(fields(hoso({ TrichYeuHoSo: 'x'.repeat(1001) })), ['TrichYeuHoSo']);
  assert.deepEqual(fields(hoso({ DinhDanhCHS: [{ LoaiDinhDanh: 2, SoDinhDanh: 'B1234567' }, { LoaiDinhDanh: 3, SoDinhDanh: '1' }] })), ['DinhDanhCHS[1].LoaiDinhDanh']);
  const file = (over: Record<string, unknown>) => ({ TaiLieuNop: [{ TepDinhKemId: 'a', TenTepDinhKem: 'a.pdf', MaThanhPhanHoSo: 'TO_KHAI', LoaiTep: 'application/pdf', NoiDungTep: Buffer.from('%PDF-1.4').toString('base64'), ...over }] });
  assert.deepEqual(fields(hoso(file({}))), []);
  assert.deepEqual(fields(hoso(file({ NoiDungTep: Buffer.from('MZ executable').toString('base64'), LoaiTep: 'application/pdf' }))), ['TaiLieuNop[0].NoiDungTep'], 'type by content');
  assert.deepEqual(fields(hoso(file({ TenTepDinhKem: '' }))), ['TaiLieuNop[0].TenTepDinhKem']);
  assert.deepEqual(fields(hoso({ TaiLieuNop: Array.from({ length: 4 }, () => file({}).TaiLieuNop[0]) })), ['TaiLieuNop'], 'at most maxFiles');
  assert.deepEqual(fields(hoso({ TaiLieuNop: ['x'] })), ['TaiLieuNop[0]']);
});

test('a file over the limit makes the refusal FILE_TOO_LARGE; the limit is on the decoded bytes', () => {
  const of = (bytes: number) => parseHoSo(hoso({ TaiLieuNop: [{ TepDinhKemId: 'a', TenTepDinhKem: 'a.pdf', MaThanhPhanHoSo: 'TO_KHAI', LoaiTep: 'application/pdf',
    NoiDungTep: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(bytes - 5)]).toString('base64') }] }), limits);
  assert.ok(of(1024).ok);
  const r = of(1025);
  assert.ok(!r.ok && r.code === 'FILE_TOO_LARGE');
  assert.ok(inboundBodyLimit(10 * 1024 * 1024) > 5 * (10 * 1024 * 1024 * 4) / 3, 'the body holds five full-size files in base64');
});

test('property: any 12-digit ID number with a wrong digit count, or any text not a date, is reported on its field alone', () => {
  fc.assert(fc.property(fc.stringMatching(/^[0-9]{1,20}$/).filter((s) => s.length !== 12), (id) => {
    assert.deepEqual(fields(hoso({ SoGiayToChuHoSo: id, DinhDanhCHS: undefined })), ['SoGiayToChuHoSo']);
  }));
  fc.assert(fc.property(fc.string({ maxLength: 20 }).filter((s) => !/^\d{14}$/.test(s)), (s) => {
    assert.deepEqual(fields(hoso({ NgayNopHoSo: s })), ['NgayNopHoSo']);
  }));
});

test('property: the request hash depends on content, not on key order', () => {
  fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })), fc.string({ maxLength: 8 }), (o, extra) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    assert.equal(requestHash(o), requestHash(reversed));
    const changed = { ...o, [`${extra}#`]: 'giá trị khác ¤' };
    assert.notEqual(requestHash(o), requestHash(changed));
  }));
});

test('property: strict base64 accepts exactly what Buffer encodes', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
    const b64 = Buffer.from(bytes).toString('base64');
    assert.ok(isBase64(b64));
    if (b64.length) assert.ok(!isBase64(b64.slice(1)));
  }));
  for (const bad of ['abc', 'ab=c', '=abc', 'ab c', 'a===', 'YQ==YQ==']) assert.ok(!isBase64(bad), bad);
  assert.ok(isBase64('A'.repeat(20_000_000)), 'linear on megabytes');
});

test('the portal\'s key must match whole, in a Bearer header', () => {
  const key = 'k3y-Of-The-Portal_0123456789';
  assert.ok(portalKeyMatches(`Bearer ${key}`, key));
  assert.ok(portalKeyMatches(`bearer ${key}`, key));
  for (const h of [undefined, '', key, `Basic ${key}`, `Bearer ${key}x`, `Bearer ${key.slice(1)}`, 'Bearer ', `Bearer ${key} extra`]) {
    assert.ok(!portalKeyMatches(h, key), String(h));
  }
  assert.ok(!portalKeyMatches('Bearer ', ''), 'no key configured: nothing opens it');
});

test('answers: the contract\'s shape, Vietnamese messages, stable codes', () => {
  assert.deepEqual(accepted('X-1').body, { error_code: '0', message: 'Xã đã nhận hồ sơ; hồ sơ chờ Bộ phận Một cửa tiếp nhận.', MaHoSo: 'X-1' });
  const r = refusal('CONFLICT', [{ field: 'MaHoSo', message: 'Đã gửi.' }]);
  assert.deepEqual(r, { status: 409, body: { error_code: 'CONFLICT', message: `${INBOUND_ERRORS.CONFLICT.message}: MaHoSo: Đã gửi.`, errors: [{ field: 'MaHoSo', message: 'Đã gửi.' }] } });
  for (const [code, e] of Object.entries(INBOUND_ERRORS)) {
    assert.match(code, /^[A-Z_]+$/);
    assert.ok(e.status >= 400 && /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(e.message), code);
  }
});
