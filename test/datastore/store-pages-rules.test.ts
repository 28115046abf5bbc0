// The rules of the citizen's store pages (src/datastore/core/shares.ts), as properties: a link opens exactly until its
// expiry unless revoked; a token is 43 base64url characters and only its hash is compared; an item's state today is one
// of five and agrees with isValidOn; only a valid item is shared; a legal record is never changed on request; the list
// puts usable items first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  SHARE_DAYS, isShareDays, isTokenShape, itemView, mayAskChange, mayShare, newShareToken, shareExpiry, shareState, storeOrder, tokenHash,
} from '../../src/datastore/core/shares.ts';
import { isValidOn } from '../../src/datastore/core/items.ts';

const day = fc.integer({ min: 0, max: 3650 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const status = fc.constantFrom('valid' as const, 'revoked' as const, 'deleted' as const);
const item = fc.record({ id: fc.nat(), status, valid_from: day, valid_to: fc.option(day, { nil: null }), legal_record: fc.boolean() });

test('a link opens from its making until its expiry (1, 7 or 30 days), never once revoked', () => {
  fc.assert(fc.property(fc.date({ min: new Date('2025-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }), fc.constantFrom(...SHARE_DAYS), fc.integer({ min: -10, max: 40 * 86_400_000 }), fc.boolean(), (at, days, offset, revoked) => {
    const s = { expires_at: shareExpiry(at, days), revoked_at: revoked ? at : null };
    const now = new Date(at.getTime() + offset);
    const state = shareState(s, now);
    if (revoked) assert.equal(state, 'revoked');
    else assert.equal(state === 'open', offset < days * 86_400_000);
  }));
  assert.deepEqual([1, 7, 30, 0, 2, 31].map(isShareDays), [true, true, true, false, false, false]);
});

test('tokens: 32 random bytes as 43 base64url characters, compared by their sha256 only', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const t = newShareToken();
    assert.ok(isTokenShape(t), t);
    assert.match(tokenHash(t), /^[0-9a-f]{64}$/);
    assert.notEqual(tokenHash(t), t);
    seen.add(t);
  }
  assert.equal(seen.size, 200);
  fc.assert(fc.property(fc.string(), (s) => !isTokenShape(s) || /^[A-Za-z0-9_-]{43}$/.test(s)));
  assert.ok(!isTokenShape('../../etc/passwd') && !isTokenShape(''));
});

test('an item\'s state today agrees with isValidOn; only a valid item is shared; a legal record is never changed on request', () => {
  fc.assert(fc.property(item, day, (i, today) => {
    const v = itemView(i, today);
    assert.equal(v === 'valid', isValidOn(i, today));
    if (i.status !== 'valid') assert.equal(v, i.status);
    assert.equal(mayShare(i, today), v === 'valid');
    if (i.legal_record) assert.equal(mayAskChange(i), false);
    else assert.equal(mayAskChange(i), i.status === 'valid');
  }));
  assert.equal(itemView({ status: 'valid', valid_from: '2026-03-10', valid_to: '2026-09-09' }, '2026-09-09'), 'valid', 'valid through its last day');
  assert.equal(itemView({ status: 'valid', valid_from: '2026-03-10', valid_to: '2026-09-09' }, '2026-09-10'), 'expired');
});

test('the list: usable items first, each group newest issue first, nothing lost', () => {
  fc.assert(fc.property(fc.uniqueArray(item, { selector: (i) => i.id, maxLength: 30 }), day, (items, today) => {
    const sorted = storeOrder(items, today);
    assert.equal(sorted.length, items.length);
    const usable = sorted.map((i) => itemView(i, today) === 'valid');
    assert.ok(usable.every((u, k) => k === 0 || !u || usable[k - 1]), 'no usable item after an unusable one');
    for (let k = 1; k < sorted.length; k++) {
      if (usable[k] === usable[k - 1]) assert.ok(sorted[k - 1]!.valid_from >= sorted[k]!.valid_from);
    }
  }));
});
