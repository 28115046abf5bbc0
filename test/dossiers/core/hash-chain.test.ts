// Hash chain over the action log: canonical JSON, and detection of a modified, removed or reordered entry.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, entryHash, hashChain, verifyChain } from '../../../src/dossiers/core/index.ts';
import { APPROVE, ASSIGN, SUBMIT, ISSUE, PROPOSE_GRANT, RECEIVE, run } from './fixtures.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined, writes dates as ISO strings, no whitespace', () => {
    const at = new Date('2026-03-02T01:00:00Z');
    assert.equal(
      canonicalJson({ b: 1, a: { d: [true, null, 'Đ'], c: at }, u: undefined }),
      '{"a":{"c":"2026-03-02T01:00:00.000Z","d":[true,null,"Đ"]},"b":1}',
    );
    assert.equal(canonicalJson({ b: 1, a: 2 }), canonicalJson({ a: 2, b: 1 }));
  });

  it('refuses values JSON would change silently', () => {
    for (const bad of [NaN, Infinity, 1n, () => 1, new Map(), new Date('x'), { x: Symbol('s') }]) {
      assert.throws(() => canonicalJson(bad), TypeError);
    }
  });

  it('agrees with JSON.parse for plain JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      assert.deepEqual(JSON.parse(canonicalJson(v)), JSON.parse(JSON.stringify(v)));
    }));
  });
});

describe('entryHash and verifyChain', () => {
  const entries = run([RECEIVE, ASSIGN, PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE]).events;
  const chain = hashChain(entries);

  it('is sha256 hex over prevHash + canonical JSON', () => {
    const first = createHash('sha256').update(canonicalJson(entries[0])).digest('hex');
    assert.equal(chain[0]?.hash, first);
    assert.equal(entryHash(null, entries[0] as object), first);
    assert.equal(chain[1]?.hash, createHash('sha256').update(first + canonicalJson(entries[1])).digest('hex'));
    assert.match(first, /^[0-9a-f]{64}$/);
  });

  it('an intact chain verifies', () => {
    assert.equal(verifyChain(chain), -1);
    assert.equal(verifyChain([]), -1);
  });

  it('detects a modified entry', () => {
    const tampered = chain.map((c, i) => (i === 2 ? { ...c, entry: { ...c.entry, at: new Date(0) } } : c));
    assert.equal(verifyChain(tampered), 2);
  });

  it('detects a removed entry', () => {
    assert.equal(verifyChain(chain.filter((_, i) => i !== 1)), 1);
    assert.equal(verifyChain(chain.slice(1)), 0);
  });

  it('detects reordered entries', () => {
    const swapped = [chain[0], chain[2], chain[1], chain[3], chain[4]].filter((c) => c !== undefined);
    assert.equal(verifyChain(swapped), 1);
  });

  it('continues a chain from a stored head hash', () => {
    const head = chain[2]?.hash ?? null;
    const rest = hashChain(entries.slice(3), head);
    assert.deepEqual(rest.map((c) => c.hash), chain.slice(3).map((c) => c.hash));
    assert.equal(verifyChain(rest, head), -1);
  });
});
