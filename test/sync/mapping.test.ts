// The mapping (src/sync/core/mapping.ts) against the contract's independent checks (src/sync/core/contract.ts), on
// generated dossiers of every status path; dates in Vietnam time; the reconciliation's comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkHoSo, checkStep, isContractDate, PORTAL_ERRORS, transitionAllowed } from '../../src/sync/core/contract.ts';
import { batches, contractDate, endpointFor, mapHoSo, mapSteps } from '../../src/sync/core/mapping.ts';
import { PATHS, T0, sourceOf } from './sources.ts';
import { compareCounts } from '../../src/sync/core/reconcile.ts';

const arbSource = fc.record({
  path: fc.constantFrom(...PATHS),
  channel: fc.constantFrom('direct' as const, 'online' as const, 'postal' as const),
  id: fc.oneof(fc.constant(null), fc.stringMatching(/^\d{12}$/), fc.stringMatching(/^[A-Z]\d{7}$/)),
  minutes: fc.array(fc.integer({ min: 0, max: 60 * 24 * 5 }), { minLength: 7, maxLength: 7 }),
}).map((r) => sourceOf(r.path, { ...r, portal: r.path[0]![1] === 1 }));

test('every message of every status path passes the contract, and consecutive statuses are legal transitions', () => {
  fc.assert(fc.property(arbSource, (s) => {
    let prev: number | null = null;
    for (const e of s.events) {
      const h = mapHoSo(s, e.seq, 'https://xaso.example');
      assert.equal(checkHoSo(h), null, `${e.action}: ${JSON.stringify(checkHoSo(h))}`);
      if (prev !== null) assert.ok(transitionAllowed(prev, h.TrangThaiHoSo as number), `${prev} → ${String(h.TrangThaiHoSo)}`);
      prev = h.TrangThaiHoSo as number;
      mapSteps(s, e.seq, e.seq).forEach((st, i) => assert.equal(checkStep(st, i), null));
    }
    assert.equal(endpointFor('create', s), s.portalCode ? 'update' : 'create', 'a dossier filed on the portal is only updated');
  }), { numRuns: 300 });
});

test('a wrong mapping fails the contract', () => {
  const s = sourceOf(PATHS[0]!, { channel: 'direct', id: '001099012345', portal: false, minutes: [] });
  const h = mapHoSo(s, 4, 'https://xaso.example');
  const broken: [string, unknown, string][] = [
    ['NgayTiepNhan', new Date(T0).toISOString(), PORTAL_ERRORS.BAD_FORMAT],
    ['TrangThaiHoSo', 11, PORTAL_ERRORS.BAD_CODE],
    ['KenhThucHien', 'direct', PORTAL_ERRORS.BAD_CODE],
    ['TaiKhoanDuocXacThucVoiVNeID', true, PORTAL_ERRORS.BAD_CODE],
    ['NgayTra', undefined, PORTAL_ERRORS.MISSING_FIELD],
    ['DinhDanhCHS', [{ LoaiDinhDanh: 1, SoDinhDanh: '12345' }], PORTAL_ERRORS.BAD_FORMAT],
    ['MaHoSo', 'HS-ABCD-EFGH', PORTAL_ERRORS.BAD_FORMAT],
  ];
  for (const [field, value, code] of broken) {
    const bad = { ...h, [field]: value };
    if (value === undefined) delete bad[field];
    assert.equal(checkHoSo(bad)?.error_code, code, field);
  }
  assert.equal(transitionAllowed(10, 9), false, 'no going back from 10');
  assert.equal(transitionAllowed(3, 2), false);
});

test('the fields say where they come from: flags, fees, results, supplements, steps', () => {
  const s = sourceOf(PATHS[4]!, { channel: 'direct', id: '001099012345', portal: false, minutes: [] });
  const h = mapHoSo(s, 7, 'https://xaso.example');
  assert.deepEqual(h.TaiLieuNop, [{ TepDinhKemId: '1', TenTepDinhKem: 'to-khai.pdf', MaThanhPhanHoSo: 'TOKHAI', IsDeleted: 0, DuocSoHoa: 1, DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 1, MaKetQuaThayThe: 'KQ1' }]);
  assert.deepEqual(h.DSKetNoiCSDL, [{ MaCSDL: '7' }]);
  assert.equal((h.DanhSachGiayToKetQua as { DuongDanTepTinKetQua: string }[])[0]!.DuongDanTepTinKetQua, 'https://xaso.example/xac-thuc/tai-ve?ma=ABCD-EFGH');
  assert.equal((h.DanhSachHoSoBoSung as unknown[]).length, 1);
  assert.equal(h.DuocThanhToanTrucTuyen, 3);
  assert.equal(mapSteps(s, 1, 7).length, 7);
  assert.deepEqual(batches([...Array(23).keys()], 10).map((b) => b.length), [10, 10, 3]);
});

test('dates are yyyyMMddHHmmss in Vietnam time', () => {
  assert.equal(contractDate(new Date('2026-12-31T17:30:05Z')), '20270101003005');
  fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => isContractDate(contractDate(d))));
});

test('reconciliation lists exactly the (day, status) pairs whose counts differ', () => {
  const count = fc.record({ day: fc.constantFrom('2026-12-01', '2026-12-02'), status: fc.integer({ min: 1, max: 10 }), n: fc.integer({ min: 1, max: 5 }) });
  fc.assert(fc.property(fc.array(count), fc.array(count), (ours, portal) => {
    const diff = compareCounts(ours, portal);
    const sum = (xs: { n: number }[]) => xs.reduce((a, x) => a + x.n, 0);
    assert.equal(diff.reduce((a, d) => a + d.ours - d.portal, 0), sum(ours) - sum(portal));
    assert.ok(diff.every((d) => d.ours !== d.portal));
    assert.deepEqual(compareCounts(ours, ours), []);
  }));
});
