// The citizen's store as the citizen reads it, and the time-limited links to one item (pure). A share link carries a
// random token (32 bytes, base64url); only its sha256 is kept, so the database never holds a working link. A link
// opens while it is neither revoked nor expired and its item is still valid (not revoked or deleted): expiry is
// checked against the server's clock at each opening. Our decisions (NĐ 45/2020/NĐ-CP Điều 16 lets the owner share
// their documents; it does not fix how): 1, 7 or 30 days, the owner's choice; the link shows the document and its
// metadata, never the owner's ID number.
import crypto from 'node:crypto';
import { isValidOn, type ItemStatus } from './items.ts';

/** The lifetimes a citizen may choose for a link, in days. */
export const SHARE_DAYS = [1, 7, 30] as const;
export type ShareDays = (typeof SHARE_DAYS)[number];
export const isShareDays = (n: number): n is ShareDays => (SHARE_DAYS as readonly number[]).includes(n);

/** A new link's token: 32 random bytes, base64url (43 characters). */
export const newShareToken = (): string => crypto.randomBytes(32).toString('base64url');
/** What the database keeps of a token. */
export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token, 'utf8').digest('hex');
/** A token as a link carries it (anything else is not looked up). */
export const isTokenShape = (s: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(s);

/** When a link made at `at` for `days` days stops opening. */
export const shareExpiry = (at: Date, days: ShareDays): Date => new Date(at.getTime() + days * 86_400_000);

export type ShareState = 'open' | 'expired' | 'revoked';
/** A link's state at `now`: revoked wins over expired (the owner's act is what the list should say). */
export const shareState = (s: { expires_at: Date; revoked_at: Date | null }, now: Date): ShareState =>
  s.revoked_at ? 'revoked' : now.getTime() >= s.expires_at.getTime() ? 'expired' : 'open';
export const SHARE_STATE_LABEL: Record<ShareState, string> = { open: 'Đang mở', expired: 'Đã hết hạn', revoked: 'Đã thu hồi' };

/** What the owner reads of an item on `today` ('YYYY-MM-DD', Vietnam's day). */
export type ItemView = 'valid' | 'not_yet' | 'expired' | 'revoked' | 'deleted';
export function itemView(i: { status: ItemStatus; valid_from: string; valid_to: string | null }, today: string): ItemView {
  if (i.status !== 'valid') return i.status;
  if (isValidOn(i, today)) return 'valid';
  return today < i.valid_from ? 'not_yet' : 'expired';
}
export const ITEM_VIEW_LABEL: Record<ItemView, string> = {
  valid: 'Còn hiệu lực', not_yet: 'Chưa có hiệu lực', expired: 'Hết hạn', revoked: 'Đã thu hồi', deleted: 'Đã xóa',
};

/** Only an item usable today can be shared (a link to a revoked or expired paper would mislead its reader). */
export const mayShare = (i: { status: ItemStatus; valid_from: string; valid_to: string | null }, today: string): boolean =>
  itemView(i, today) === 'valid';

/** The owner may ask to correct or delete what is not a legal record (their own digitised papers); a result issued by
 *  an authority is corrected through the procedure that corrects it (Luật Bảo vệ dữ liệu cá nhân 91/2025 Đ4; NĐ
 *  45/2020 Đ16: a result in the store keeps the legal value of the paper). */
export const mayAskChange = (i: { legal_record: boolean; status: ItemStatus }): boolean => !i.legal_record && i.status === 'valid';

/** The owner's list: usable items first, then the others; within each, the most recently issued first. */
export function storeOrder<T extends { id: number; status: ItemStatus; valid_from: string; valid_to: string | null }>(items: readonly T[], today: string): T[] {
  const rank = (i: T) => (itemView(i, today) === 'valid' ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.valid_from.localeCompare(a.valid_from) || b.id - a.id);
}
