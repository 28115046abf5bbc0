// Dossier code (mã số hồ sơ): `<agency e-identifier>-<YYMMDD>-<NNNN>` (domain.md §2.4, [S]; TT 03/2025 Đ13,
// khoản 1–2 UNCERTAIN). YYMMDD is the receipt date in Vietnam (UTC+7, no daylight saving); NNNN is the receiving
// unit's sequence of that day, zero-padded to at least 4 digits and longer when needed. The counter itself lives
// in the database. The agency e-identifier (QĐ 20/2020/QĐ-TTg) comes from the provincial catalogue, never built
// here. Out of scope: the centralised-service form `…-YYMMDD-AAXXXX` (TT 04/2025), which this parser would read
// as a plain sequence.
import { vnDate } from '../../calendar/core/vn-time.ts';

/** Dot-separated upper-case letters and digits, e.g. `000.00.15.H12`; no hyphen (the code's separator). */
const AGENCY_ID = /^[A-Z0-9]+(?:\.[A-Z0-9]+)*$/;
/** Canonical sequence: exactly 4 digits, or 5+ digits without a leading zero. */
const CODE = /^([A-Z0-9]+(?:\.[A-Z0-9]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4}|[1-9]\d{4,})$/;

export interface ParsedDossierCode {
  readonly agencyId: string;
  /** Receipt date, Vietnam local, `YYYY-MM-DD`. */
  readonly receiptDate: string;
  readonly sequence: number;
}

/** Vietnam-local calendar date (`YYYY-MM-DD`) of an instant: the day key of the daily sequence. */
export function vietnamDate(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid receipt time');
  return vnDate(at);
}

export function formatDossierCode(agencyId: string, receivedAt: Date, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`Invalid sequence: ${sequence}`);
  return `${dossierCodePrefix(agencyId, receivedAt)}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The sequence's minimum digits (zero-padded; a 10,000th dossier of a day simply has five). The intake's last
 *  statement pads the same way in SQL (src/http/idempotency-store.ts; test/dossiers/lean-intake.app.test.ts). */
export const SEQUENCE_DIGITS = 4;

/** The code up to its sequence: `<agency e-identifier>-<YYMMDD>-`. */
export function dossierCodePrefix(agencyId: string, receivedAt: Date): string {
  if (!AGENCY_ID.test(agencyId)) throw new RangeError(`Invalid agency e-identifier: ${agencyId}`);
  const [y, m, d] = vietnamDate(receivedAt).split('-') as [string, string, string];
  return `${agencyId}-${y.slice(2)}${m}${d}-`;
}

/** Parses and validates a dossier code; null when it is not a well-formed code of a real date. */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  const m = CODE.exec(code);
  if (!m) return null;
  const [, agencyId, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  const receiptDate = `20${yy}-${mm}-${dd}`;
  const probe = new Date(`${receiptDate}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== receiptDate) return null;
  const sequence = Number(seq);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { agencyId, receiptDate, sequence };
}

export function isDossierCode(code: string): boolean {
  return parseDossierCode(code) !== null;
}
