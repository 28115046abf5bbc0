// The citizen's data store, its rules (pure): what a returned dossier puts into the applicant's store, how long an
// item stays valid, which items stand for a component when filing, and the reuse flags a component taken from the
// store carries. NĐ 45/2020/NĐ-CP Điều 16 (as amended by NĐ 118/2025 Điều 40 khoản 8): each person's store holds the
// e-results issued to them and their digitised papers; an authority must not ask again for a paper it already holds
// in a valid form. 766 spec 4.3–4.4: DuocTaiSuDung, DuocLayTuKhoDMQG, MaKetQuaThayThe.
import { documentType } from '../../catalogue/core/document-types.ts';
import type { Component, ProcedureVersionInput } from '../../catalogue/core/types.ts';

export type ItemKind = 'result' | 'component';
export type ItemStatus = 'valid' | 'revoked' | 'deleted';

/** An item as the rules see it. Dates are 'YYYY-MM-DD' (Vietnam's calendar day). */
export interface ItemFacts {
  id: number;
  kind: ItemKind;
  type_code: string;
  status: ItemStatus;
  valid_from: string;
  valid_to: string | null;
}

/** The type a procedure's result is kept under: its `resultCode`, else a type of its own no component accepts. */
export function resultTypeOf(p: Pick<ProcedureVersionInput, 'code' | 'resultCode' | 'resultType'>): { code: string; name: string } {
  const t = p.resultCode ? documentType(p.resultCode) : undefined;
  if (t) return { code: t.code, name: t.name };
  return { code: `KQ_${p.code.replace(/[^A-Z0-9]/gi, '_').toUpperCase()}`, name: p.resultType };
}

/** Adds whole months to a date, clamped to the month's last day (31/8 + 6 months = 28/2 or 29/2). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day a document of this type issued on `issued` is valid, or null when it does not expire. A period in
 *  months starts the day after the issue and ends on the corresponding day of its last month, or on that month's last
 *  day when it has none (Bộ luật Dân sự 2015, Điều 147–148): "có giá trị 6 tháng kể từ ngày cấp" issued 10/3 → valid
 *  through 10/9; issued 31/8 → through the last day of February. */
export function validTo(typeCode: string, issued: string): string | null {
  const months = documentType(typeCode)?.validMonths;
  return months ? addMonths(issued, months) : null;
}

/** An item is usable on `today` when it is neither revoked nor deleted and `today` is within its validity. */
export const isValidOn = (item: Pick<ItemFacts, 'status' | 'valid_from' | 'valid_to'>, today: string): boolean =>
  item.status === 'valid' && item.valid_from <= today && (item.valid_to === null || today <= item.valid_to);

/** The items that stand for a component on `today`: valid items of a type it accepts, the most recently issued first
 *  (ties: the newest item). A component that accepts no type is never offered anything. */
export function offersFor<T extends ItemFacts>(component: Pick<Component, 'accepts'>, items: readonly T[], today: string): T[] {
  const accepts = new Set(component.accepts ?? []);
  return items
    .filter((i) => accepts.has(i.type_code) && isValidOn(i, today))
    .sort((a, b) => b.valid_from.localeCompare(a.valid_from) || b.id - a.id);
}

/** The components whose own digitised file is kept in the applicant's store when the dossier is returned. */
export const keptComponents = (components: readonly Component[]): Array<Component & { keepAs: string }> =>
  components.filter((c): c is Component & { keepAs: string } => typeof c.keepAs === 'string' && documentType(c.keepAs) !== undefined);

/** The flags of a dossier component taken from the store (766 spec 4.3–4.4): reused (DuocTaiSuDung), taken from the
 *  store (DuocLayTuKhoDMQG: our store is the province's, synced with the national one, NĐ 45/2020 Đ16), and the code
 *  of the earlier result it replaces (MaKetQuaThayThe: the e-result's verification code, else the item's number). */
export function reuseFlags(item: { id: number; signed_code: string | null; number_symbol: string | null }) {
  return { reused: true, fromStore: true, storeItemId: item.id, replacesWith: item.signed_code ?? item.number_symbol ?? `KHO-${item.id}` };
}
