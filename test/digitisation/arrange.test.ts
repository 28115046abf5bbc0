// The arrangement of a counter scan's page images (order, rotation) and who may see identity images: rules, with
// property tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ROTATIONS, arrangePages, pageRef } from '../../src/digitisation/core/arrange.ts';
import { isIdentityComponent, maySeeIdentityImages } from '../../src/digitisation/core/sensitive.ts';

test('any permutation of 1..n with any rotations puts the pages in that order, each with its turn', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(
      fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }),
      fc.array(fc.constantFrom(...ROTATIONS), { minLength: n, maxLength: n }),
    )),
    ([orders, rotations]) => {
      const r = arrangePages(orders.length, orders.map(String), rotations.map(String));
      assert.ok(r.ok);
      assert.equal(r.pages.length, orders.length);
      r.pages.forEach((p, position) => {
        assert.equal(orders[p.index], position + 1);
        assert.equal(p.rotate, rotations[p.index]);
      });
    },
  ));
});

test('an order repeated, missing, out of range or not a number, or a rotation not a quarter turn, is refused with the page named', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 30 }), fc.nat(), (n, k) => {
    const orders = Array.from({ length: n }, (_, i) => String(i + 1));
    orders[k % n] = orders[(k + 1) % n]!; // one repeated
    const r = arrangePages(n, orders, orders.map(() => '0'));
    assert.ok(!r.ok);
    assert.match(r.errors[0]!.message, /^Trang \d+: thứ tự \d+ trùng với trang \d+\.$/);
  }));
  for (const [orders, rotations, re] of [
    [['0', '1'], ['0', '0'], /thứ tự phải là số từ 1 đến 2/],
    [['1', '3'], ['0', '0'], /Trang 2: thứ tự phải là số từ 1 đến 2/],
    [['1', 'hai'], ['0', '0'], /Trang 2: thứ tự/],
    [['1', '2'], ['45', '0'], /Trang 1: chọn góc xoay 0, 90, 180 hoặc 270 độ/],
  ] as const) {
    const r = arrangePages(2, orders, rotations);
    assert.ok(!r.ok);
    assert.match(r.errors.map((e) => e.message).join(' '), re);
  }
  assert.deepEqual(arrangePages(2, [' 2 ', '1'], ['', '270']), { ok: true, pages: [{ index: 1, rotate: 270 }, { index: 0, rotate: 0 }] });
  assert.equal(pageRef('a'.repeat(64), 0), 'a'.repeat(64));
  assert.equal(pageRef('a'.repeat(64), 90), `${'a'.repeat(64)}@90`);
});

test('identity images: the ID paper and portrait components; seen by the desk, the leader, the unit handling the dossier', () => {
  assert.ok(isIdentityComponent({ code: 'GIAY_TO_TUY_THAN', name: 'Giấy tờ tùy thân' }));
  assert.ok(isIdentityComponent({ code: 'ANH', name: 'Ảnh chân dung 4x6' }));
  assert.ok(isIdentityComponent({ code: 'CCCD', name: 'Bản sao thẻ Căn cước' }));
  assert.ok(!isIdentityComponent({ code: 'TO_KHAI', name: 'Tờ khai đăng ký khai sinh' }));
  const roles = ['receiving_officer', 'specialist', 'unit_head', 'leader', 'cchc_coordinator', 'admin'] as const;
  fc.assert(fc.property(fc.subarray([...roles]), fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }), fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    (rs, unitId, current) => {
      const may = maySeeIdentityImages({ roles: rs, unitId }, current);
      const expected = rs.includes('receiving_officer') || rs.includes('leader')
        || ((rs.includes('specialist') || rs.includes('unit_head')) && unitId !== null && unitId === current);
      assert.equal(may, expected);
      if (rs.every((r) => r === 'admin' || r === 'cchc_coordinator')) assert.equal(may, false);
    }));
});
