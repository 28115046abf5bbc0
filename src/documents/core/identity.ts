// What the receipt (BM.01, TT 03/2025 Phụ lục I; QĐ 3621/QĐ-BYT) prints of who filed the dossier besides the
// applicant of the dossier facts (core/model.ts): the reason a counter dossier has no ID number, and the
// authorised person who filed online for the applicant (nộp thay). Pure.
import type { DossierFacts } from './model.ts';

export interface FilingFacts {
  /** The applicant has an ID number, whether or not this reader may see it. */
  readonly hasIdNumber: boolean;
  /** Why a counter dossier has no ID number, as the receiving officer recorded it (the reason's label, the detail). */
  readonly idWaiver: { readonly label: string; readonly detail: string | null } | null;
  /** Filed online by an authorised person for the applicant, as their e-identity says; `idNumber` null when this
   *  reader may not see ID numbers. */
  readonly authorised: { readonly name: string; readonly idNumber: string | null } | null;
}

/** The facts of a dossier's forms, with who filed it when they were gathered (the receipt's). */
export type FiledDossierFacts = DossierFacts & Partial<FilingFacts>;

/** The ID row of a dossier without an ID number: the recorded reason. */
export const waiverText = (w: NonNullable<FilingFacts['idWaiver']>) =>
  `Không có (${w.detail ? `${w.label}: ${w.detail}` : w.label})`;
