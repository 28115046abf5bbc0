// Reusing what the citizen's data store holds (NĐ 45/2020/NĐ-CP Điều 16 as amended by NĐ 118/2025 Điều 40 khoản 8:
// an authority must not ask again for a paper it already holds in a valid form): the offers while filing online, the
// check that an item still stands for a component when it is used, and the counter's lookup, logged with who, when
// and why in the same transaction as the read (TT 117/2026/TT-BCA). The rules are in core/items.ts; SQL in store.ts
// and lookup-store.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Component } from '../catalogue/core/types.ts';
import { Problem } from '../http/problem.ts';
import { vnDate } from '../calendar/core/index.ts';
import { attachFile } from '../dossiers/uploads.ts';
import { isValidOn, offersFor, reuseFlags } from './core/items.ts';
import { itemOfOwner, itemsOfOwner, logLookup, type StoreItemRow } from './store.ts';
import { lookedUpOwner } from './lookup-store.ts';
import { S } from '../dossiers/core/index.ts';
import type { DossierRow } from '../dossiers/store.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';

type Db = Kysely<Database>;
type Accepting = Pick<Component, 'code' | 'name' | 'accepts'>;

/** The types any of these components accepts. */
const acceptedTypes = (components: readonly Accepting[]) => [...new Set(components.flatMap((c) => c.accepts ?? []))];

/** Per component that accepts a type, the owner's items that stand for it on `today` (offersFor), the most recently
 *  issued first; components with no offer are absent. One query on the owner's index for all components. */
export async function offersByComponent(db: Db, ownerIdNumber: string, components: readonly Accepting[], today: string): Promise<Map<string, StoreItemRow[]>> {
  const types = acceptedTypes(components);
  const out = new Map<string, StoreItemRow[]>();
  if (!types.length) return out;
  const items = await itemsOfOwner(db, ownerIdNumber, { typeCodes: types });
  for (const c of components) {
    const offers = offersFor(c, items, today);
    if (offers.length) out.set(c.code, offers);
  }
  return out;
}

/** Why an item may not stand for a component on `today`, as a problem; null when it may. */
export function itemProblem(item: StoreItemRow | undefined, component: Accepting, today: string): Problem | null {
  if (!item) return new Problem(404, 'ITEM_NOT_FOUND', 'Không tìm thấy giấy tờ này trong kho dữ liệu của người nộp.');
  if (!isValidOn(item, today)) {
    return new Problem(409, 'ITEM_NOT_VALID', `${item.type_name} ${item.number_symbol ?? ''} không còn giá trị sử dụng (đã hết hạn, bị thu hồi hoặc đã xóa).`.replace(/\s+/g, ' '));
  }
  if (!(component.accepts ?? []).includes(item.type_code)) {
    return new Problem(422, 'ITEM_NOT_ACCEPTED', `${item.type_name} không dùng được cho thành phần “${component.name}”.`);
  }
  return null;
}

/** The item of the owner that stands for the component, locked until commit; throws the problem otherwise. */
export async function usableItem(trx: Db, ownerIdNumber: string, itemId: number, component: Accepting, today: string): Promise<StoreItemRow> {
  const item = await itemOfOwner(trx, ownerIdNumber, itemId, true);
  const why = itemProblem(item, component, today);
  if (why) throw why;
  return item!;
}

/** Attaches a store item to a dossier component with the reuse flags (DuocTaiSuDung, DuocLayTuKhoDMQG,
 *  MaKetQuaThayThe: 766 spec 4.3–4.4). */
export function attachItem(trx: Db, dossierId: string, componentCode: string, item: StoreItemRow, uploadedBy: number | null, at: Date) {
  const f = reuseFlags(item);
  return attachFile(trx, {
    dossierId, componentCode, fileName: item.file_name, sha256: item.sha256, source: 'store', uploadedBy,
    storeItem: { id: f.storeItemId, replacesWith: f.replacesWith }, at,
  });
}

// ── The counter's lookup ──────────────────────────────────────────────────────────────────────────────────────────

/** The states in which a dossier's components may still be given a file: submitted online and waiting for receipt,
 *  received, being processed, or waiting for a supplement (as the counter's scan form, dossier-routes.tsx). */
export const STORE_USE_STATES: readonly number[] = [S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED];

/**
 * Who may look into the applicant's store for a dossier (and attach what is found), and when: a person (an API key is
 * no one to log, TT 117/2026), the receiving officer of a dossier they see, or the specialist or unit head of the unit
 * handling it; only while its components may still be given a file. Throws the problem otherwise.
 */
export function checkStoreUse(p: Principal, row: Pick<DossierRow, 'state' | 'current_unit_id'>): void {
  const handling = p.unitId !== null && p.unitId === row.current_unit_id && hasRole(p, 'specialist', 'unit_head');
  if (p.kind !== 'staff' || !(hasRole(p, 'receiving_officer') || handling)) {
    throw new Problem(403, 'STORE_LOOKUP_NOT_ALLOWED', 'Chỉ cán bộ tiếp nhận hoặc cán bộ của đơn vị đang giải quyết hồ sơ mới được tra cứu kho dữ liệu của người nộp.');
  }
  if (!STORE_USE_STATES.includes(row.state)) {
    throw new Problem(409, 'STORE_LOOKUP_NOT_NOW', 'Hồ sơ ở trạng thái này không còn nhận thêm giấy tờ, nên không tra cứu kho dữ liệu cho hồ sơ.');
  }
}

/** An item as the API and the lookup page give it (no file content, no owner). */
export const itemJson = (i: StoreItemRow) => ({
  id: i.id, kind: i.kind, typeCode: i.type_code, typeName: i.type_name, issuer: i.issuer, numberSymbol: i.number_symbol,
  validFrom: i.valid_from, validTo: i.valid_to, signedCode: i.signed_code, fileName: i.file_name,
});
export type ItemJson = ReturnType<typeof itemJson>;

export interface LookupInput {
  ownerIdNumber: string;
  reason: string;
  /** The component looked up for, when one: its items come first. */
  component: Accepting | null;
}

export interface LookupResult {
  /** Valid items of a type the component accepts (empty without a component). */
  forComponent: StoreItemRow[];
  /** The owner's other valid items. */
  others: StoreItemRow[];
}

export const ID_NUMBER = /^[0-9]{12}$/;
export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** The lookup's input errors (field → Vietnamese message), empty when it may run. */
export function lookupErrors(v: { idNumber: string; reason: string }): { field: 'idNumber' | 'reason'; message: string }[] {
  const out: { field: 'idNumber' | 'reason'; message: string }[] = [];
  if (!ID_NUMBER.test(v.idNumber)) out.push({ field: 'idNumber', message: 'Số định danh cá nhân gồm đúng 12 chữ số' });
  const n = v.reason.trim().length;
  if (n === 0) out.push({ field: 'reason', message: 'Nhập lý do tra cứu kho dữ liệu (bắt buộc theo Thông tư 117/2026/TT-BCA)' });
  else if (n < REASON_MIN) out.push({ field: 'reason', message: `Lý do tra cứu phải có ít nhất ${REASON_MIN} ký tự` });
  else if (n > REASON_MAX) out.push({ field: 'reason', message: `Lý do tra cứu không quá ${REASON_MAX} ký tự` });
  return out;
}

/**
 * An officer's look into a person's store for a dossier: the valid items, those that stand for the component first.
 * Logged (who, when, why, how many found) in the same transaction as the read, also when nothing is found:
 * TT 117/2026/TT-BCA, the record of each use of population data. `staffId`: a staff member (an API key is no person).
 */
export async function lookupStore(
  trx: Db, who: { staffId: number; communeId: string }, dossierId: string | null, v: LookupInput, today: string, now: Date,
): Promise<LookupResult> {
  const items = (await itemsOfOwner(trx, v.ownerIdNumber)).filter((i) => isValidOn(i, today));
  const forComponent = v.component ? offersFor(v.component, items, today) : [];
  const taken = new Set(forComponent.map((i) => i.id));
  const others = items.filter((i) => !taken.has(i.id));
  await logLookup(trx, {
    ownerIdNumber: v.ownerIdNumber, staffId: who.staffId, communeId: who.communeId, dossierId,
    reason: v.reason.trim(), found: items.length, at: now,
  });
  return { forComponent, others };
}

/** Attaches an item an officer found for this dossier to a component: only an item whose owner was looked up (and
 *  logged) for this dossier, still valid and of a type the component accepts. */
export async function attachLookedUp(
  trx: Db, dossierId: string, component: Accepting, itemId: number, staffId: number, now: Date,
) {
  const owner = await lookedUpOwner(trx, dossierId, itemId);
  if (!owner) throw new Problem(404, 'ITEM_NOT_FOUND', 'Không tìm thấy giấy tờ này trong kết quả tra cứu kho dữ liệu của hồ sơ. Hãy tra cứu lại.');
  const item = await usableItem(trx, owner, itemId, component, vnDate(now));
  return { item, file: await attachItem(trx, dossierId, component.code, item, staffId, now) };
}
