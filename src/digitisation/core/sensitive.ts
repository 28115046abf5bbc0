// Images of identity papers (pure): the ID card, passport, a portrait photo. They are sensitive personal data (biometric
// pages; NĐ 356/2025, Luật Bảo vệ dữ liệu cá nhân 91/2025): kept encrypted like every file (vault), shown only to the
// officers who need them, and every view logged (dossiers/store.ts logAccess). Who needs them: the one-stop officer
// who checks them at receipt, the specialist or unit head of the unit handling the dossier now, the commune's leader
// who signs. Not the CCHC coordinator, the administrator, nor an officer of a unit the dossier has left.
import { colourNeedOf } from './quality.ts';

/** Whether a component's files are images of identity papers: the catalogue's GIAY_TO_TUY_THAN, or any component
 *  whose colour need is a portrait photo (quality.ts colourNeedOf). */
export const isIdentityComponent = (c: { code: string; name: string; kind?: string }): boolean =>
  c.code === 'GIAY_TO_TUY_THAN' || colourNeedOf(c) === 'photo';

export interface Viewer {
  roles: readonly string[];
  unitId: number | null;
}

/** Whether the viewer may see identity images of a dossier now held by the unit `currentUnitId`. */
export function maySeeIdentityImages(v: Viewer, currentUnitId: number | null): boolean {
  if (v.roles.includes('receiving_officer') || v.roles.includes('leader')) return true;
  const handling = v.unitId !== null && v.unitId === currentUnitId;
  return handling && (v.roles.includes('specialist') || v.roles.includes('unit_head'));
}
