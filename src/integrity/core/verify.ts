// Verifying one dossier's action log (pure): the links of the hash chain (src/dossiers/core/hash-chain.ts), the
// sequence numbers, the stored previous hashes, the head the dossier row keeps, and the head a signed checkpoint
// recorded (src/integrity/checkpoints.ts). The result is the first broken entry and what is wrong with it.
import { firstFault, type HashedEntry } from '../../dossiers/core/hash-chain.ts';

/** One stored log entry as the verifier sees it: its number, version, stored hashes and hashed content. */
export interface Link extends HashedEntry {
  readonly seq: number;
  readonly prevHash: string | null;
}

/** A dossier's head: how many entries and the last hash (the dossier row's event_count / last_hash, or a checkpoint's). */
export interface Head {
  readonly count: number;
  readonly hash: string | null;
}

export type BreakKind =
  | 'gap' // an entry number is missing or out of order
  | 'prev_hash' // the stored previous hash is not the previous entry's hash
  | 'hash' // the content or the hash was changed (the link does not recompute)
  | 'downgrade' // an unkeyed entry where only keyed entries may be
  | 'no_key' // a keyed entry and no chain key to check it with
  | 'head' // the dossier row's head is not the last entry
  | 'truncated' // fewer entries than the checkpoint recorded
  | 'rewritten' // the entry at the checkpoint's count has another hash than the checkpoint recorded
  | 'deleted'; // the dossier is gone but the checkpoint recorded it

export interface Break {
  /** The first entry found broken (for 'truncated' and 'head': the first missing one). */
  readonly seq: number;
  readonly kind: BreakKind;
}

/** What each kind of break means, as the verification report and the history page say it. */
export const BREAK_TEXT: Record<BreakKind, string> = {
  gap: 'thiếu mục hoặc sai thứ tự số mục',
  prev_hash: 'mã băm của mục trước ghi trong mục này không khớp',
  hash: 'nội dung hoặc mã băm của mục đã bị sửa',
  downgrade: 'mục không có khóa xác thực ở vị trí chỉ được phép có mục có khóa (nghi bị viết lại)',
  no_key: 'không có khóa chuỗi để kiểm tra mục có khóa',
  head: 'số mục hoặc mã băm cuối ghi trên hồ sơ không khớp với nhật ký',
  truncated: 'nhật ký ít mục hơn so với điểm kiểm tra đã ký (bị cắt bớt)',
  rewritten: 'nhật ký đến mục này khác với điểm kiểm tra đã ký (bị viết lại)',
  deleted: 'hồ sơ đã có trong điểm kiểm tra đã ký nhưng không còn trong cơ sở dữ liệu',
};

/**
 * The first break of a dossier's log, or null when it holds. `head`: the dossier row's; `anchor`: the latest signed
 * checkpoint's head of this dossier, if it recorded one; `keyedOnly`: the checkpoint was made after migration 032, so
 * every entry after its count (all entries of a dossier it does not list) must be keyed.
 */
export function checkChain(
  links: readonly Link[], head: Head, key: Uint8Array | null, anchor: Head | null = null, keyedOnly = false,
): Break | null {
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as Link;
    if (l.seq !== i + 1) return { seq: i + 1, kind: 'gap' };
    if (l.prevHash !== (i === 0 ? null : (links[i - 1] as Link).hash)) return { seq: l.seq, kind: 'prev_hash' };
  }
  const keyedFrom = keyedOnly ? (anchor?.count ?? 0) : Infinity;
  const fault = firstFault(links, null, key, keyedFrom);
  // An entry at or before the checkpoint's count was rewritten unkeyed and the chain recomputed: the anchor shows it
  // (reported at the anchor, the last entry the checkpoint vouches for), unless a link already broke before it.
  if (anchor && anchor.count > 0 && links.length >= anchor.count && links[anchor.count - 1]?.hash !== anchor.hash) {
    if (!fault || fault.index >= anchor.count) return { seq: anchor.count, kind: 'rewritten' };
  }
  if (fault) return { seq: fault.index + 1, kind: fault.fault };
  if (anchor && links.length < anchor.count) return { seq: links.length + 1, kind: 'truncated' };
  if (head.count !== links.length || (links.at(-1)?.hash ?? null) !== head.hash) {
    return { seq: Math.min(head.count, links.length) + 1, kind: 'head' };
  }
  return null;
}

/**
 * The checkpoint's incremental check (src/integrity/incremental.ts): only the entries appended after the head a
 * signed checkpoint vouched for (`anchor`: count and hash; null when none was signed). `links`: the stored entries
 * numbered after `anchor.count`, in order; `earlier`: the number of an entry written since the previous checkpoint
 * AT OR BEFORE the signed count (an old position filled again: a rewrite), if any. The new entries must continue
 * the numbers, the first must name the signed hash as its previous hash, each must be keyed and recompute, and the
 * dossier row's head must be the last one. Tampering with the entries before the anchor is `xaso verify`'s to find.
 */
export function checkTail(links: readonly Link[], head: Head, key: Uint8Array | null, anchor: Head | null, earlier: number | null = null): Break | null {
  if (earlier !== null) return { seq: earlier, kind: 'rewritten' };
  const from = anchor?.count ?? 0;
  for (let i = 0; i < links.length; i++) {
    const l = links[i] as Link;
    if (l.seq !== from + i + 1) return { seq: from + i + 1, kind: 'gap' };
    if (l.prevHash !== (i === 0 ? (anchor?.hash ?? null) : (links[i - 1] as Link).hash)) return { seq: l.seq, kind: 'prev_hash' };
  }
  const fault = firstFault(links, anchor?.hash ?? null, key, 0);
  if (fault) return { seq: from + fault.index + 1, kind: fault.fault };
  if (head.count < from) return { seq: head.count + 1, kind: 'truncated' };
  if (head.count !== from + links.length || (links.length ? (links.at(-1) as Link).hash : (anchor?.hash ?? null)) !== head.hash) {
    return { seq: Math.min(head.count, from + links.length) + 1, kind: 'head' };
  }
  return null;
}

/** A chain against one more signed head of the same dossier (a checkpoint file holds several over time): the chain
 *  must still have that many entries, and the entry at that count that hash. */
export function anchorBreak(links: readonly Link[], anchor: Head): Break | null {
  if (anchor.count === 0) return null;
  if (links.length < anchor.count) return { seq: links.length + 1, kind: 'truncated' };
  if ((links[anchor.count - 1] as Link).hash !== anchor.hash) return { seq: anchor.count, kind: 'rewritten' };
  return null;
}
