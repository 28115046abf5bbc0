// Who files an online dossier, bound to the e-identity of the citizen logged in (pure). The rules (our decisions,
// under NĐ 45/2020/NĐ-CP as amended by NĐ 118/2025 and NĐ 69/2024/NĐ-CP: the account that files online is the
// e-identity account, and the identity it proves is the filer's):
// - The filer's name and ID number come from the ID token, never from what the browser sends. A citizen files for
//   themselves (the applicant is the filer) or, by an explicit choice, for someone else ("nộp thay").
// - Nộp thay: the applicant is the person the dossier is for (name and ID number typed, checked by the applicant's
//   rules, dossiers/core/applicant.ts); the filer is recorded as their authorised person (người được ủy quyền, the
//   block of the receipt BM.01, TT 03/2025 Phụ lục I; domain.md §2.6), and the authorisation paper (văn bản ủy
//   quyền) becomes a required component of the dossier, added when the procedure does not list it.
// - The dossier is flagged "authenticated with e-identity" (TaiKhoanDuocXacThucVoiVNeID, QĐ 766 spec 4.5) and
//   belongs to the citizen ("Hồ sơ của tôi") only when the citizen who submits is the filer the draft records.
import type { Component } from '../../../catalogue/core/types.ts';
import { POWER_OF_ATTORNEY } from '../../../catalogue/seed/builders.ts';

/** The citizen logged in when the applicant step was saved, as their e-identity says (never typed). */
export interface Filer {
  citizenId: number;
  name: string;
  idNumber: string;
}

/** What the applicant step keeps in a draft's data (drafts.data) besides the applicant. */
export interface FilingData {
  applicant?: { name: string; idNumber: string };
  /** True when filed for someone else (nộp thay): the applicant is that person, the filer their authorised person. */
  onBehalf?: boolean;
  /** Present when the applicant step was saved by a logged-in citizen. */
  filer?: Filer;
}

/** What is recorded of a dossier filed with e-identity (table eid_filings). */
export interface EidFiling extends Filer {
  onBehalf: boolean;
}

/** The authorisation paper's component code, the one the shipped procedures list (catalogue/seed/builders.ts). */
export const AUTHORISATION_CODE = POWER_OF_ATTORNEY.code;

/** The components a draft uploads files for: nộp thay makes the authorisation paper required (added at the end
 *  when the procedure does not list it). `components` are the procedure's upload components. */
export function withAuthorisation(components: readonly Component[], d: FilingData): Component[] {
  if (!d.onBehalf) return [...components];
  const listed = components.some((c) => c.code === AUTHORISATION_CODE);
  const required = { ...POWER_OF_ATTORNEY, name: 'Văn bản ủy quyền nộp hồ sơ thay', required: true };
  return listed ? components.map((c) => (c.code === AUTHORISATION_CODE ? { ...c, required: true } : c)) : [...components, required];
}

/**
 * The filing to record when `citizenId` submits the draft: its filer is this citizen and, filing for themselves,
 * the applicant is them. Null otherwise (the dossier is then neither flagged nor theirs).
 */
export function eidFilingOf(d: FilingData, citizenId: number | null | undefined): EidFiling | null {
  const f = d.filer;
  if (citizenId == null || !f || f.citizenId !== citizenId || !d.applicant) return null;
  const onBehalf = d.onBehalf === true;
  if (!onBehalf && d.applicant.idNumber !== f.idNumber) return null;
  if (onBehalf && d.applicant.idNumber === f.idNumber) return null;
  return { citizenId: f.citizenId, name: f.name, idNumber: f.idNumber, onBehalf };
}

/**
 * Why this draft may not be submitted by this citizen (null when it may): a procedure that requires e-identity
 * needs a logged-in citizen who is the draft's filer; a logged-in citizen submits only what they declared.
 * The message says what to do; the applicant step is where to do it.
 */
export function filingProblem(d: FilingData, citizenId: number | null | undefined, eidRequired: boolean): string | null {
  if (citizenId == null) return eidRequired ? 'Đăng nhập bằng định danh điện tử để nộp hồ sơ' : null;
  if (eidFilingOf(d, citizenId)) return null;
  return 'Thông tin người nộp hồ sơ chưa được xác nhận bằng tài khoản định danh điện tử bạn đang đăng nhập: mở lại bước này và lưu';
}
