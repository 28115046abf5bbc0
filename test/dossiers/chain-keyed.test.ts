// The keyed hash chain (issue 13, finding 7) and the verification of one dossier's log, as properties: a keyed chain
// holds; any change of one entry, any unkeyed recomputation after a keyed link, a wrong key, a cut against a
// checkpoint and a rewrite of the unkeyed past against a checkpoint are each found at the right entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  canonicalJson, entryHash, firstFault, hashChain, keyedEntry, keyedEntryHash, verifyChain, type HashedEntry,
} from '../../src/dossiers/core/hash-chain.ts';
import { checkChain, type Link } from '../../src/integrity/core/verify.ts';

const KEY = randomBytes(32);
const entryArb = fc.record({ seq: fc.nat(), action: fc.string(), payload: fc.dictionary(fc.string(), fc.jsonValue()) });
const chainArb = fc.array(entryArb, { minLength: 1, maxLength: 12 });

/** Links with the stored sequence numbers and previous hashes, as the database keeps them. */
function links(chain: readonly HashedEntry[]): Link[] {
  return chain.map((c, i) => ({ ...c, seq: i + 1, prevHash: i === 0 ? null : (chain[i - 1] as HashedEntry).hash }));
}
const headOf = (l: readonly Link[]) => ({ count: l.length, hash: l.at(-1)?.hash ?? null });

describe('keyedEntryHash', () => {
  it('is HMAC-SHA256 with the chain key over the previous hash and the canonical JSON', () => {
    const e = keyedEntry({ b: 1, a: 'Đ' }, { name: 'Nguyễn Văn A', title: 'Công chức' });
    assert.equal(canonicalJson(e), '{"a":"Đ","actorName":"Nguyễn Văn A","actorTitle":"Công chức","b":1,"v":2}');
    assert.equal(keyedEntryHash(KEY, 'ab', e), createHmac('sha256', KEY).update('ab' + canonicalJson(e)).digest('hex'));
    assert.notEqual(keyedEntryHash(KEY, null, e), entryHash(null, e));
    assert.throws(() => keyedEntryHash(Buffer.alloc(8), null, e), TypeError);
  });
});

describe('the keyed chain', () => {
  it('holds for any entries', () => {
    fc.assert(fc.property(chainArb, (entries) => {
      const chain = hashChain(entries, null, KEY);
      assert.ok(chain.every((c) => c.keyed));
      assert.equal(verifyChain(chain, null, KEY), -1);
      assert.equal(checkChain(links(chain), headOf(links(chain)), KEY), null);
    }));
  });

  it('finds a changed entry at its place, even with every later hash recomputed unkeyed', () => {
    fc.assert(fc.property(chainArb, fc.nat(), fc.string(), (entries, at, note) => {
      const chain = hashChain(entries, null, KEY);
      const i = at % chain.length;
      const changed = chain.map((c, j) => (j === i ? { ...c, entry: { ...c.entry, note } } : c));
      assert.deepEqual(firstFault(changed, null, KEY), { index: i, fault: 'hash' });
      // The attacker recomputes the chain from i on the old, unkeyed way (knowing no key), versions marked or not.
      const forged = [...chain.slice(0, i), ...hashChain(changed.slice(i).map((c) => c.entry), chain[i - 1]?.hash ?? null)];
      if (i > 0) {
        assert.deepEqual(firstFault(forged, null, KEY), { index: i, fault: 'downgrade' });
        assert.equal(checkChain(links(forged), headOf(links(forged)), KEY)?.seq, i + 1);
      } else {
        // A whole log rewritten unkeyed looks like a log of before the keyed chain: only a checkpoint of the keyed
        // era (every entry of a dossier it does not list must be keyed) tells them apart.
        assert.equal(firstFault(forged, null, KEY), null);
        assert.deepEqual(checkChain(links(forged), headOf(links(forged)), KEY, null, true), { seq: 1, kind: 'downgrade' });
      }
      const marked = forged.map((c, j) => (j >= i ? { ...c, keyed: true } : c));
      assert.deepEqual(firstFault(marked, null, KEY), { index: i, fault: 'hash' });
    }));
  });

  it('does not hold under another key, nor without one', () => {
    fc.assert(fc.property(chainArb, (entries) => {
      const chain = hashChain(entries, null, KEY);
      assert.deepEqual(firstFault(chain, null, randomBytes(32)), { index: 0, fault: 'hash' });
      assert.deepEqual(firstFault(chain, null, null), { index: 0, fault: 'no_key' });
    }));
  });

  it('an unkeyed (version 1) past followed by keyed links holds; an unkeyed link after a keyed one does not', () => {
    fc.assert(fc.property(chainArb, chainArb, (old, recent) => {
      const past = hashChain(old);
      const now = hashChain(recent, past.at(-1)!.hash, KEY);
      assert.equal(verifyChain([...past, ...now], null, KEY), -1);
      const later = hashChain(old, now.at(-1)!.hash);
      assert.deepEqual(firstFault([...past, ...now, ...later], null, KEY), { index: past.length + now.length, fault: 'downgrade' });
      // Once a checkpoint made after the keyed chain began, unkeyed links past its count are a downgrade.
      assert.deepEqual(firstFault(past, null, KEY, past.length - 1), { index: past.length - 1, fault: 'downgrade' });
    }));
  });
});

describe('checkChain: against the row head and the signed checkpoint', () => {
  it('a cut at the end with the head moved shows against the checkpoint only', () => {
    fc.assert(fc.property(fc.array(entryArb, { minLength: 2, maxLength: 12 }), fc.nat(), (entries, k) => {
      const all = links(hashChain(entries, null, KEY));
      const anchor = headOf(all);
      const cut = all.slice(0, 1 + (k % (all.length - 1)));
      assert.equal(checkChain(cut, headOf(cut), KEY), null, 'the chain alone cannot see it');
      assert.deepEqual(checkChain(cut, headOf(cut), KEY, anchor, true), { seq: cut.length + 1, kind: 'truncated' });
      // Not moving the head shows against the row already.
      assert.deepEqual(checkChain(cut, anchor, KEY), { seq: cut.length + 1, kind: 'head' });
      // More entries than at the checkpoint is the normal case.
      assert.equal(checkChain(all, anchor, KEY, headOf(cut), true), null);
    }));
  });

  it('a rewritten unkeyed past, recomputed, shows against the checkpoint', () => {
    fc.assert(fc.property(chainArb, fc.nat(), fc.string(), (entries, at, note) => {
      const old = hashChain(entries);
      const anchor = { count: old.length, hash: old.at(-1)!.hash };
      const i = at % old.length;
      const forged = links(hashChain(entries.map((e, j) => (j === i ? { ...e, note } : e))));
      if (forged.at(-1)!.hash === anchor.hash) return; // the note changed nothing (same canonical JSON)
      assert.equal(checkChain(forged, headOf(forged), KEY), null, 'the chain alone cannot see it');
      assert.deepEqual(checkChain(forged, headOf(forged), KEY, anchor, true), { seq: old.length, kind: 'rewritten' });
    }));
  });

  it('all-unkeyed entries after a checkpoint of the keyed era are a downgrade at the first of them', () => {
    fc.assert(fc.property(chainArb, chainArb, (before, after) => {
      const a = hashChain(before, null, KEY);
      const forged = links([...a, ...hashChain(after, a.at(-1)!.hash)]);
      assert.deepEqual(checkChain(forged, headOf(forged), KEY, headOf(links(a)), true), { seq: a.length + 1, kind: 'downgrade' });
      const fresh = links(hashChain(after));
      assert.deepEqual(checkChain(fresh, headOf(fresh), KEY, null, true), { seq: 1, kind: 'downgrade' });
    }));
  });

  it('a missing number, a wrong stored previous hash', () => {
    const all = links(hashChain([{ a: 1 }, { a: 2 }, { a: 3 }], null, KEY));
    assert.deepEqual(checkChain([all[0]!, all[2]!], headOf(all), KEY), { seq: 2, kind: 'gap' });
    const wrongPrev = all.map((l, i) => (i === 2 ? { ...l, prevHash: 'x' } : l));
    assert.deepEqual(checkChain(wrongPrev, headOf(all), KEY), { seq: 3, kind: 'prev_hash' });
  });
});
