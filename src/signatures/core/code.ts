// The verification code (mã xác thực) printed on a signed document and typed by whoever checks it: 10 characters from
// an alphabet without look-alikes (no 0, O, 1, I, L, and no U beside V), grouped 4-4-2 as `XD7K-4Q2M-92`. Nine are
// random (30⁹ ≈ 2⁴⁴), the tenth is a Luhn mod N check character, so that a mistyped character or most swapped
// neighbours are told at once ("check the code") instead of being looked up and counted as a guess.
import crypto from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = CODE_ALPHABET.length;
export const CODE_LENGTH = 10;
/** What the database stores (no dashes). */
export const CODE_PATTERN = /^[2-9A-HJKMNP-TV-Z]{10}$/;

const valueOf = (c: string): number => CODE_ALPHABET.indexOf(c);

/** Luhn mod N sum of `chars`, the rightmost character weighted `first` (2 when a check character is to follow). */
function luhnSum(chars: string, first: 1 | 2): number {
  let factor: number = first;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const addend = factor * valueOf(chars[i]!);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum;
}

/** The check character for a payload of alphabet characters. */
export function checkCharacter(payload: string): string {
  return CODE_ALPHABET[(N - (luhnSum(payload, 2) % N)) % N]!;
}

/** True when `code` (10 alphabet characters, no dashes) carries a right check character. */
export function hasValidCheck(code: string): boolean {
  return CODE_PATTERN.test(code) && luhnSum(code, 1) % N === 0;
}

/** A new random code (no dashes). `random` gives random bytes (tests pass their own). */
export function newCode(random: (n: number) => Buffer = crypto.randomBytes): string {
  let payload = '';
  while (payload.length < CODE_LENGTH - 1) {
    for (const b of random(16)) {
      // Rejection sampling: 240 = 8 × 30, so every character is equally likely.
      if (b < 240 && payload.length < CODE_LENGTH - 1) payload += CODE_ALPHABET[b % N];
    }
  }
  return payload + checkCharacter(payload);
}

/** `XD7K4Q2M92` → `XD7K-4Q2M-92`. */
export const formatCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

export type CodeError = 'empty' | 'length' | 'characters' | 'check';

/**
 * What a person typed (or the QR link carried), as a stored code: case, spaces and dashes do not matter. An error
 * says what is wrong, without a database lookup.
 */
export function parseCode(input: string): { ok: true; code: string } | { ok: false; error: CodeError } {
  const s = input.normalize('NFKC').toUpperCase().replace(/[\s\-–—.]/g, '');
  if (!s) return { ok: false, error: 'empty' };
  if (![...s].every((c) => CODE_ALPHABET.includes(c))) return { ok: false, error: 'characters' };
  if (s.length !== CODE_LENGTH) return { ok: false, error: 'length' };
  if (!hasValidCheck(s)) return { ok: false, error: 'check' };
  return { ok: true, code: s };
}

/** What to tell a person whose code was refused (Vietnamese). */
export const CODE_ERROR_MESSAGE: Record<CodeError, string> = {
  empty: 'Nhập mã xác thực in trên văn bản',
  length: 'Mã xác thực gồm 10 ký tự, ví dụ XD7K-4Q2M-92',
  characters: 'Mã xác thực chỉ gồm chữ cái và chữ số, không có chữ O, I, L, U và số 0, 1. Kiểm tra lại mã in trên văn bản',
  check: 'Mã xác thực không đúng. Kiểm tra lại từng ký tự của mã in trên văn bản',
};
