// A signed document as the public sees it on /xac-thuc and GET /api/v1/public/verify, and its status: valid,
// revoked (thu hồi, with the reason and time) or replaced (thay thế, by the document of another code). Pure.
// Legal basis: an electronic result has the legal value of the paper one when it carries the digital signatures of
// the competent person and agency (NĐ 45/2020/NĐ-CP Điều 14, as amended by NĐ 107/2021/NĐ-CP); a digital signature
// is checked against the signed data and the signer's certificate (Luật Giao dịch điện tử 2023; NĐ 130/2018/NĐ-CP on
// digital signatures and certification services). This page adds the check a citizen or an agency receiving the
// paper copy can make without software: is this the file the commune signed, and does it still stand.

export type DocumentStatus = 'valid' | 'revoked' | 'replaced';

export interface VerifiedDocument {
  /** Stored form, no dashes. */
  code: string;
  title: string;
  /** The issuing agency as named at signing, e.g. "Ủy ban nhân dân xã Xuân Dương". */
  agency: string;
  signerName: string;
  signerTitle: string;
  signedAt: Date;
  status: DocumentStatus;
  /** When it was revoked or replaced. */
  statusAt: Date | null;
  reason: string | null;
  /** The code of the document that replaces it. */
  replacedBy: string | null;
  /** The code of the document it replaces. */
  replaces: string | null;
  sha256: string;
  size: number;
  /** Signed with the local test CA's certificates: no legal value. */
  testCertificates: boolean;
}

export const STATUS_LABEL: Record<DocumentStatus, string> = {
  valid: 'Còn hiệu lực',
  revoked: 'Đã bị thu hồi',
  replaced: 'Đã được thay thế',
};

/** The agency that signs a commune's results: its People's Committee ("Xã Xuân Dương" → "Ủy ban nhân dân xã Xuân Dương"). */
export function agencyOf(communeName: string): string {
  const name = communeName.trim();
  return `Ủy ban nhân dân ${name.charAt(0).toLocaleLowerCase('vi') + name.slice(1)}`;
}

/** The longest reason for a revocation or replacement. */
export const MAX_REASON = 1000;
