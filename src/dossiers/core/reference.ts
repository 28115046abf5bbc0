// The dossier reference (mã tra cứu): a short random name every dossier gets when it is created, e.g. HS-7K4Q-2M9P,
// that the applicant uses (confirmation page, first notice, status lookup, "Hồ sơ của tôi") until the dossier code
// exists. The code is issued only at receipt (domain.md §2.4: one code per dossier after receipt) and is then the
// dossier's name; the reference keeps working in the lookup. The UUID stays the internal id.
//
// Eight characters of a 32-letter alphabet without 0/O and 1/I (read aloud over the phone, typed from an SMS):
// 40 random bits, so neither guessable nor in sequence; the lookup also asks for the last 4 digits of the ID number
// and locks a reference after 5 wrong answers. The database draws it (dossier_reference(), migration 018, from
// gen_random_uuid()'s random bytes) and keeps it unique. Pure: this module only reads and writes the format.

/** The same alphabet as petition references (src/petitions/store.ts). */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const REFERENCE_PREFIX = 'HS';
/** The canonical form, as stored: HS-XXXX-XXXX. */
export const REFERENCE_PATTERN = /^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/;

/** The canonical reference of 8 alphabet characters. */
export function formatReference(chars: string): string {
  if (chars.length !== 8 || [...chars].some((c) => !REFERENCE_ALPHABET.includes(c))) throw new RangeError(`Not a reference: ${chars}`);
  return `${REFERENCE_PREFIX}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * The reference a person typed, in canonical form, or null when the text is not one: any case, spaces, dots or
 * hyphens anywhere, with or without the prefix ("hs 7k4q 2m9p", "7K4Q2M9P" → "HS-7K4Q-2M9P"). Never confused
 * with a dossier code (those have digits, dots and hyphens in other places: `…-YYMMDD-NNNN`) or a UUID.
 */
export function parseReference(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s.\-–_]/g, '');
  const body = compact.length === 10 && compact.startsWith(REFERENCE_PREFIX) ? compact.slice(2) : compact;
  if (body.length !== 8 || [...body].some((c) => !REFERENCE_ALPHABET.includes(c))) return null;
  return formatReference(body);
}

export const isReference = (s: string): boolean => REFERENCE_PATTERN.test(s);
