// The blind index of a scan's OCR text (pure): the set of its words as keyed hashes, so that the database can answer
// "which scans hold all these words" without ever holding the words. The OCR text is personal data (it is stored
// encrypted in `files`, migration 036); its words are too, so they never reach a table in clear.
//
//   word   the text folded (Vietnamese diacritics removed, đ → d: naming.ts foldVietnamese), lower case, cut at every
//          character that is neither a letter nor a digit; words shorter than MIN_WORD are dropped (they would
//          match nearly every scan), longer than MAX_WORD cut (OCR noise);
//   term   HMAC-SHA256(key, commune + "\n" + word), its first 8 bytes read as a signed 64-bit integer (a PostgreSQL
//          bigint). The key is derived from the server's secret key kept outside the database (search.ts): a reader
//          of the database alone cannot hash a guess to test it. The commune is in the hash so that the same word
//          gives different terms in two communes (their sets cannot be compared).
//
// What the index still tells a database reader: how many distinct words a scan has, and which scans of one commune
// share a term (a frequent term is likely a frequent word). Not which word.
import crypto from 'node:crypto';
import { foldVietnamese } from './naming.ts';

export const MIN_WORD = 2;
export const MAX_WORD = 40;
/** Most terms kept per scan (a 200-page scan of dense text has far fewer distinct words). */
export const MAX_TERMS = 20_000;
/** Most words one search may name. */
export const MAX_QUERY_WORDS = 10;
/** Longest search text accepted. */
export const MAX_QUERY_LENGTH = 200;

/** A word as indexed: folded, lower case. Idempotent. */
export const foldWord = (w: string): string => foldVietnamese(w.toLowerCase());

/** The distinct words of a text as indexed, in first-seen order. */
export function wordsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of foldWord(text).split(/[^\p{L}\p{N}]+/u)) {
    if ([...raw].length < MIN_WORD) continue;
    seen.add([...raw].slice(0, MAX_WORD).join(''));
  }
  return [...seen];
}

/** One word's term (see the head of this file), as the decimal text of a signed 64-bit integer. */
export function termOf(key: Buffer, communeId: string, word: string): string {
  return crypto.createHmac('sha256', key).update(`${communeId}\n${word}`).digest().readBigInt64BE(0).toString();
}

/** The terms of a text: one per distinct word, sorted (so equal word sets give equal arrays), at most MAX_TERMS. */
export function termsOf(key: Buffer, communeId: string, text: string): string[] {
  const terms = [...new Set(wordsOf(text).map((w) => termOf(key, communeId, w)))];
  return terms.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)).slice(0, MAX_TERMS);
}

/** The key's fingerprint, stored next to each row of terms: rows hashed with another key (the server's secret key
 *  was replaced) are known and hashed again (search.ts). Reveals nothing of the key. */
export const keyIdOf = (key: Buffer): string => crypto.createHmac('sha256', key).update('ocr-terms key id').digest('hex').slice(0, 16);

export type QueryCheck =
  | { ok: true; words: string[]; ignored: number }
  | { ok: false; message: string };

/** What an officer typed in "Nội dung giấy tờ đã quét": the words to find (all of them), or why it cannot be used.
 *  Words shorter than MIN_WORD are not indexed: they are ignored (and counted, to say so). */
export function checkQuery(input: string): QueryCheck {
  const text = input.trim();
  if (text.length > MAX_QUERY_LENGTH) return { ok: false, message: `Nội dung tìm kiếm quá dài: tối đa ${MAX_QUERY_LENGTH} ký tự.` };
  const all = foldWord(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const words = wordsOf(text);
  if (!words.length) return { ok: false, message: `Hãy nhập ít nhất một từ có từ ${MIN_WORD} chữ cái hoặc chữ số trở lên.` };
  if (words.length > MAX_QUERY_WORDS) return { ok: false, message: `Chỉ tìm được tối đa ${MAX_QUERY_WORDS} từ một lần.` };
  return { ok: true, words, ignored: all.filter((w) => [...w].length < MIN_WORD).length };
}
