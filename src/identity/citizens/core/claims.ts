// What Xã Số reads from an e-identity ID token, and how the claims are named. VNeID's own claim names are not
// public; these are ours, served by the stand-in and mapped here in one place for a real issuer:
//   sub               the issuer's stable subject
//   so_dinh_danh      số định danh cá nhân, 12 digits (Luật Căn cước 2023)
//   name              full name (OIDC standard claim)
//   birthdate         date of birth, YYYY-MM-DD (OIDC standard claim)
//   muc_do_dinh_danh  level of assurance of the e-identity account, 1 or 2 (NĐ 69/2024)
// Scopes asked for: `openid profile vneid` (`vneid` carries so_dinh_danh and muc_do_dinh_danh).

export const OIDC_SCOPE = 'openid profile vneid';
export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'birthdate'],
  vneid: ['so_dinh_danh', 'muc_do_dinh_danh'],
} as const;

/** A citizen as proven by the ID token. */
export interface CitizenIdentity {
  issuer: string;
  subject: string;
  idNumber: string;
  name: string;
  birthdate: string | null;
  level: number | null;
}

export class IdentityClaimsError extends Error {}

/** The identity in verified ID token claims; throws IdentityClaimsError when a required claim is missing or malformed. */
export function identityFromClaims(c: Record<string, unknown>): CitizenIdentity {
  const idNumber = c.so_dinh_danh;
  if (typeof idNumber !== 'string' || !/^\d{12}$/.test(idNumber)) throw new IdentityClaimsError('so_dinh_danh missing or not 12 digits');
  const name = typeof c.name === 'string' ? c.name.trim() : '';
  if (!name || name.length > 200) throw new IdentityClaimsError('name missing');
  if (typeof c.sub !== 'string' || !c.sub || typeof c.iss !== 'string') throw new IdentityClaimsError('sub or iss missing');
  const birthdate = typeof c.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.birthdate) ? c.birthdate : null;
  const lv = Number(c.muc_do_dinh_danh);
  return { issuer: c.iss, subject: c.sub, idNumber, name, birthdate, level: lv === 1 || lv === 2 ? lv : null };
}
