// The row validator of the import (pure): each rule refuses what breaks it, with a Vietnamese reason, and accepts the
// consistent rows; the projection of an imported dossier replays from its one entry; the progress line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkRow, type ProcedureRef, type RawRow, type ValidationContext } from '../../src/imports/core/validate.ts';
import { importedCounts, importedEntry, IMPORT_ACTION } from '../../src/imports/core/record.ts';
import { progressLine } from '../../src/imports/core/progress.ts';
import { replay } from '../../src/dossiers/core/projection.ts';

const v1: ProcedureRef = {
  code: '1.001193', version: 1, effectiveFrom: '2025-07-01', effectiveTo: '2026-07-01', fieldCode: 'HOTICH', authority: 'UBND xã',
  handlingUnitCode: 'VHXH', routingOnly: false, flags: { eligibleFullOnline: true, returnsPaperResult: true, hasFee: true },
};
const v2: ProcedureRef = { ...v1, version: 2, effectiveFrom: '2026-07-01', effectiveTo: null };
const ctx: ValidationContext = {
  procedures: new Map([['1.001193', [v1, v2]], ['CA.01', [{ ...v1, code: 'CA.01', routingOnly: true }]]]),
  unitCodes: new Set(['TTPVHCC', 'VHXH', 'KT']), unitNames: new Map([['phòng văn hóa - xã hội', 'VHXH']]), receivingUnitCode: 'TTPVHCC',
  now: new Date('2026-12-01T00:00:00Z'),
};
const returned: RawRow = {
  MaHoSo: '000.00.15.H12-260310-0042', MaTTHC: '1.001193', KenhThucHien: '1', ChuHoSo: 'Nguyễn Văn An', SoGiayToChuHoSo: '001090000001',
  TrangThaiHoSo: '10', NgayNopHoSo: '20260310080000', NgayTiepNhan: '20260310081500', NgayHenTra: '20260312170000',
  NgayKetThucXuLy: '20260311160000', NgayTra: '20260312090000', DuocThanhToanTrucTuyen: '1',
};
const reasons = (raw: RawRow) => { const c = checkRow(raw, [], ctx); return c.ok ? [] : c.reasons; };

test('a consistent returned dossier is accepted; its code is kept (code of the receipt date)', () => {
  const c = checkRow(returned, [], ctx);
  assert.ok(c.ok, JSON.stringify(c));
  assert.equal(c.row.code, returned.MaHoSo);
  assert.equal(c.row.externalCode, null);
  assert.equal(c.row.procedure.version, 1);
  assert.equal(c.row.unitCode, 'VHXH');
  assert.equal(c.row.paidOnline, true);
});

test('a code that is not a dossier code of the receipt date is kept as the external code', () => {
  for (const MaHoSo of ['HS-CU-000123', '000.00.15.H12-260311-0042']) {
    const c = checkRow({ ...returned, MaHoSo }, [], ctx);
    assert.ok(c.ok);
    assert.equal(c.row.code, null);
    assert.equal(c.row.externalCode, MaHoSo);
  }
});

test('the version in force at the receipt date; a procedure not in the catalogue or not received by the commune is refused', () => {
  const later = checkRow({ ...returned, NgayNopHoSo: '20260801080000', NgayTiepNhan: '20260801081500', NgayHenTra: '20260803170000', NgayKetThucXuLy: '20260802160000', NgayTra: '20260803090000' }, [], ctx);
  assert.ok(later.ok);
  assert.equal(later.row.procedure.version, 2);
  assert.match(reasons({ ...returned, MaTTHC: '9.999999' }).join(), /không có trong danh mục/);
  assert.match(reasons({ ...returned, MaTTHC: 'CA.01' }).join(), /cơ quan khác giải quyết/);
  assert.match(reasons({ ...returned, NgayNopHoSo: '20250310080000', NgayTiepNhan: '20250310081500', NgayHenTra: '20250312170000', NgayKetThucXuLy: '20250311160000', NgayTra: '20250312090000' }).join(), /không có phiên bản có hiệu lực vào ngày 10\/03\/2025/);
});

test('each broken rule gives its own reason, all of them together', () => {
  const cases: [Partial<RawRow>, RegExp][] = [
    [{ MaHoSo: '' }, /Thiếu mã hồ sơ/],
    [{ MaTTHC: '' }, /Thiếu mã thủ tục/],
    [{ KenhThucHien: '4' }, /KenhThucHien/],
    [{ ChuHoSo: ' ' }, /Thiếu họ tên/],
    [{ SoGiayToChuHoSo: '12345' }, /12 chữ số/],
    [{ TrangThaiHoSo: '11' }, /không thuộc danh mục 1–10/],
    [{ NgayTiepNhan: '2026-03-10' }, /NgayTiepNhan .* không đúng định dạng/],
    [{ NgayTra: '' }, /phải có NgayTra/],
    [{ NgayTra: '20260310070000', NgayKetThucXuLy: '' }, /phải có NgayKetThucXuLy/],
    [{ NgayTra: '20260311080000', NgayKetThucXuLy: '20260311160000' }, /NgayTra \(11\/03\/2026\) ở trước NgayKetThucXuLy/],
    [{ NgayTiepNhan: '20260309081500', NgayNopHoSo: '20260310080000' }, /NgayTiepNhan \(09\/03\/2026\) ở trước NgayNopHoSo/],
    [{ NgayHenTra: '20260301170000' }, /NgayHenTra .* ở trước NgayTiepNhan/],
    [{ NgayTra: '20261231090000' }, /ở sau thời điểm hiện tại/],
    [{ TrangThaiHoSo: '4' }, /chưa kết thúc xử lý, không có NgayKetThucXuLy/],
    [{ TrangThaiHoSo: '9' }, /Chỉ hồ sơ đã trả kết quả/],
    [{ TrangThaiHoSo: '1', KenhThucHien: '1', NgayTiepNhan: '20260310081500' }, /Chỉ hồ sơ nộp trực tuyến/],
    [{ DonViXuLy: 'Phòng Không Có' }, /DonViXuLy/],
    [{ DuocThanhToanTrucTuyen: '3' }, /DuocThanhToanTrucTuyen/],
    [{ Email: 'không-phải-thư' }, /Email/],
    [{ TrichYeuHoSo: 'x'.repeat(1001) }, /1000 ký tự/],
  ];
  for (const [change, reason] of cases) {
    const r = reasons({ ...returned, ...change } as RawRow);
    assert.ok(r.some((x) => reason.test(x)), `${JSON.stringify(change).slice(0, 80)}: ${r.join(' | ')}`);
  }
  // Several faults: every reason is reported, and no reason repeats the ID number.
  const many = reasons({ ...returned, KenhThucHien: '9', SoGiayToChuHoSo: '0010900000019', NgayTra: '' });
  assert.equal(many.length, 3, many.join(' | '));
  assert.ok(many.every((x) => !x.includes('0010900000019')));
});

test('the dates each state needs (domain.md §2.5): states 1–10 with their minimal rows are accepted', () => {
  const base = { MaHoSo: 'X1', MaTTHC: '1.001193', KenhThucHien: '2', ChuHoSo: 'A' };
  const minimal: Record<number, RawRow> = {
    1: { ...base, TrangThaiHoSo: '1', NgayNopHoSo: '20260310080000' },
    2: { ...base, TrangThaiHoSo: '2', NgayTiepNhan: '20260310080000', NgayHenTra: '20260312080000' },
    3: { ...base, TrangThaiHoSo: '3', NgayNopHoSo: '20260310080000', NgayTuChoi: '20260310090000' },
    7: { ...base, TrangThaiHoSo: '7', NgayTiepNhan: '20260310080000', NgayKetThucXuLy: '20260311080000' },
    8: { ...base, TrangThaiHoSo: '8', NgayTiepNhan: '20260310080000', NgayKetThucXuLy: '20260311080000' },
    9: { ...base, TrangThaiHoSo: '9', NgayTiepNhan: '20260310080000', NgayHenTra: '20260312080000', NgayKetThucXuLy: '20260311080000' },
  };
  for (const s of [4, 5, 6]) minimal[s] = { ...minimal[2]!, TrangThaiHoSo: String(s) };
  minimal[10] = { ...minimal[9]!, TrangThaiHoSo: '10', NgayTra: '20260312080000' };
  for (let s = 1; s <= 10; s++) {
    const c = checkRow(minimal[s]!, [], ctx);
    assert.ok(c.ok, `${s}: ${c.ok ? '' : c.reasons.join(' | ')}`);
    assert.equal(c.row.receivedAt === null, s === 1 || s === 3, String(s));
    // The projection replays from the one entry and holds the state and times.
    const e = importedEntry(c.row, { applicantId: null, receivingUnitCode: 'TTPVHCC', at: new Date('2026-12-01T00:00:00Z'), file: 'f.csv', row: 2 });
    assert.equal(e.event.type, IMPORT_ACTION);
    assert.deepEqual(replay([e.event]), e.projection);
    assert.equal(e.projection.state, s);
    assert.equal(e.projection.pausedState, s === 5 ? 'supplement' : s === 6 ? 'financial_obligation' : null);
    // Never received, never counted (countsOf).
    assert.equal(importedCounts(c.row).includes('received'), c.row.receivedAt !== null);
  }
});

test('property: a row is accepted exactly when it has no reason, and an accepted row keeps its dates in order', () => {
  const time = fc.option(fc.integer({ min: 0, max: 400 }).map((d) => { const t = new Date(Date.UTC(2025, 11, 1) + d * 86_400_000); return t.toISOString().replace(/[-:T]/g, '').slice(0, 14); }), { nil: '' });
  fc.assert(fc.property(fc.integer({ min: 0, max: 11 }), time, time, time, time, time, (state, nop, tiep, hen, ket, tra) => {
    const c = checkRow({ MaHoSo: 'P', MaTTHC: '1.001193', KenhThucHien: '2', ChuHoSo: 'B', TrangThaiHoSo: String(state), NgayNopHoSo: nop, NgayTiepNhan: tiep, NgayHenTra: hen, NgayKetThucXuLy: ket, NgayTra: tra }, [], ctx);
    if (!c.ok) { assert.ok(c.reasons.length > 0); return; }
    const r = c.row;
    assert.ok(r.state >= 1 && r.state <= 10);
    if (r.receivedAt && r.finishedAt) assert.ok(r.finishedAt >= r.receivedAt);
    if (r.finishedAt && r.returnedAt) assert.ok(r.returnedAt >= r.finishedAt);
    if (r.state === 10) assert.ok(r.returnedAt);
    else assert.equal(r.returnedAt, null);
  }), { numRuns: 500 });
});

test('progress line: share, rate, time left', () => {
  assert.equal(progressLine({ done: 500, total: 1000, doneThisRun: 500, seconds: 10 }, 10), '[#####-----] 50 % 500/1.000 dòng · 50 dòng/giây · còn khoảng 10 giây');
  assert.match(progressLine({ done: 0, total: 10, doneThisRun: 0, seconds: 0 }, 0), /^0 % 0\/10 dòng · 0 dòng\/giây · còn khoảng —$/);
});
