// The citizen's data store rules (src/datastore/core/items.ts): validity of a document type (the 6-month marital
// status certificate, NĐ 123/2015/NĐ-CP Đ23), month arithmetic clamped to the month's end, when an item is usable, and
// which items are offered for a component when filing (never an expired, revoked or deleted item, never a type the
// component does not accept; the most recently issued first).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths, isValidOn, offersFor, reuseFlags, validTo, type ItemFacts } from '../../src/datastore/core/items.ts';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
const aDay = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }).map((t) => day(t - (t % 86_400_000)));
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

describe('addMonths', () => {
  it('vectors: plain, across the year, clamped to the month\'s last day (leap years too)', () => {
    assert.equal(addMonths('2026-03-10', 6), '2026-09-10');
    assert.equal(addMonths('2026-11-15', 3), '2027-02-15');
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addMonths('2027-08-31', 6), '2028-02-29', 'leap year');
    assert.equal(addMonths('2026-03-31', 1), '2026-04-30');
    assert.equal(addMonths('2026-01-31', 0), '2026-01-31');
  });
  it('property: the month moves by exactly n, the day is kept or clamped to the month\'s end, never later', () => {
    fc.assert(fc.property(aDay, fc.integer({ min: 0, max: 120 }), (d, n) => {
      const out = addMonths(d, n);
      const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
      const [oy, om, od] = out.split('-').map(Number) as [number, number, number];
      assert.equal(oy * 12 + om, y * 12 + m + n);
      assert.equal(od, Math.min(dd, daysInMonth(oy, om)));
      assert.ok(out >= d);
    }));
  });
  it('property: monotone in the start day', () => {
    fc.assert(fc.property(aDay, aDay, fc.integer({ min: 0, max: 24 }), (a, b, n) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(addMonths(lo, n) <= addMonths(hi, n));
    }));
  });
});

describe('validTo', () => {
  it('the marital status certificate is valid 6 months from its issue (BLDS 2015 Đ147–148): issued 10/3 → valid through 10/9', () => {
    assert.equal(validTo('GXN_TINH_TRANG_HON_NHAN', '2026-03-10'), '2026-09-10');
    assert.equal(validTo('GXN_TINH_TRANG_HON_NHAN', '2026-12-01'), '2027-06-01');
  });
  it('a type without a validity period never expires; an unknown type neither', () => {
    assert.equal(validTo('GIAY_KHAI_SINH', '2026-03-10'), null);
    assert.equal(validTo('KQ_1_001193', '2026-03-10'), null);
  });
  it('property: valid from its issue day to the corresponding day 6 months on, and a later issue never expires earlier', () => {
    fc.assert(fc.property(aDay, aDay, (a, b) => {
      const to = validTo('GXN_TINH_TRANG_HON_NHAN', a)!;
      assert.ok(to > a && to === addMonths(a, 6), `${a} → ${to}`);
      if (a <= b) assert.ok(to <= validTo('GXN_TINH_TRANG_HON_NHAN', b)!);
    }));
  });
  // Issued on the last days of August the 6 months end in February, which has no such day. BLDS 2015 Đ148: a period
  // in months then ends on that month's last day.
  it('month-end: issued 31/8 is valid through the last day of February', () => {
    assert.equal(validTo('GXN_TINH_TRANG_HON_NHAN', '2026-08-31'), '2027-02-28');
    assert.equal(validTo('GXN_TINH_TRANG_HON_NHAN', '2027-08-31'), '2028-02-29');
  });
});

describe('isValidOn and offersFor', () => {
  const item = (o: Partial<ItemFacts>): ItemFacts => ({
    id: 1, kind: 'result', type_code: 'GXN_TINH_TRANG_HON_NHAN', status: 'valid', valid_from: '2026-03-10', valid_to: '2026-09-09', ...o,
  });
  it('vectors: usable from its first to its last day, never revoked or deleted, never before issue', () => {
    assert.equal(isValidOn(item({}), '2026-03-10'), true);
    assert.equal(isValidOn(item({}), '2026-09-09'), true);
    assert.equal(isValidOn(item({}), '2026-09-10'), false, 'expired');
    assert.equal(isValidOn(item({}), '2026-03-09'), false, 'not issued yet');
    assert.equal(isValidOn(item({ status: 'revoked' }), '2026-05-01'), false);
    assert.equal(isValidOn(item({ status: 'deleted' }), '2026-05-01'), false);
    assert.equal(isValidOn(item({ valid_to: null }), '2099-01-01'), true);
  });
  it('vectors: a component is offered the valid items of the types it accepts, newest issue first, ties newest item', () => {
    const items = [
      item({ id: 1, valid_from: '2026-03-10', valid_to: '2026-09-09' }),
      item({ id: 2, valid_from: '2026-05-01', valid_to: '2026-10-31' }),
      item({ id: 3, valid_from: '2026-05-01', valid_to: '2026-10-31' }),
      item({ id: 4, valid_from: '2026-06-01', valid_to: '2026-11-30', status: 'revoked' }),
      item({ id: 5, type_code: 'GIAY_KHAI_SINH', valid_to: null }),
      item({ id: 6, valid_from: '2025-01-01', valid_to: '2025-06-30' }),
    ];
    assert.deepEqual(offersFor({ accepts: ['GXN_TINH_TRANG_HON_NHAN'] }, items, '2026-06-15').map((i) => i.id), [3, 2, 1]);
    assert.deepEqual(offersFor({ accepts: ['GXN_TINH_TRANG_HON_NHAN'] }, items, '2026-09-10').map((i) => i.id), [3, 2], 'item 1 expired on 9/9');
    assert.deepEqual(offersFor({}, items, '2026-06-15'), [], 'accepting no type: nothing offered');
    assert.deepEqual(offersFor({ accepts: ['GIAY_KHAI_SINH'] }, items, '2026-06-15').map((i) => i.id), [5]);
  });
  const anyItem = fc.record({
    id: fc.integer({ min: 1, max: 1000 }), kind: fc.constantFrom('result' as const, 'component' as const),
    type_code: fc.constantFrom('GXN_TINH_TRANG_HON_NHAN', 'GIAY_KHAI_SINH', 'GCN_KET_HON'),
    status: fc.constantFrom('valid' as const, 'revoked' as const, 'deleted' as const),
    valid_from: aDay, valid_to: fc.option(aDay, { nil: null }),
  });
  it('property: never an expired, revoked, deleted, not-yet-valid item or a type not accepted; every usable one offered, newest first', () => {
    fc.assert(fc.property(fc.array(anyItem, { maxLength: 12 }), fc.subarray(['GXN_TINH_TRANG_HON_NHAN', 'GIAY_KHAI_SINH', 'GCN_KET_HON']), aDay,
      (items, accepts, today) => {
        const offered = offersFor({ accepts: accepts.length ? accepts : undefined }, items, today);
        for (const i of offered) {
          assert.ok(accepts.includes(i.type_code));
          assert.equal(i.status, 'valid');
          assert.ok(i.valid_from <= today && (i.valid_to === null || today <= i.valid_to));
        }
        assert.equal(offered.length, items.filter((i) => accepts.includes(i.type_code) && isValidOn(i, today)).length);
        for (let k = 1; k < offered.length; k++) assert.ok(offered[k - 1]!.valid_from >= offered[k]!.valid_from);
      }));
  });
  it('reuseFlags: reused, from the store, and the code of the earlier result it replaces (MaKetQuaThayThe)', () => {
    assert.deepEqual(reuseFlags({ id: 7, signed_code: 'ABCDEFGHJK', number_symbol: '12/2026' }), { reused: true, fromStore: true, storeItemId: 7, replacesWith: 'ABCDEFGHJK' });
    assert.equal(reuseFlags({ id: 7, signed_code: null, number_symbol: '12/2026' }).replacesWith, '12/2026');
    assert.equal(reuseFlags({ id: 7, signed_code: null, number_symbol: null }).replacesWith, 'KHO-7');
  });
});
