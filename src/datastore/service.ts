// The citizen's own store (pages of "Hồ sơ của tôi" and the API): the items of the logged-in citizen, found by their
// personal ID number in SQL (store.ts), with the state each is in today; the download (in the access log); the
// time-limited links (core/shares.ts) and the public opening of one; the request to correct or delete a paper that is
// not a legal record, which is a personal-data request (src/privacy, answered within 2 working days, NĐ 356/2025).
// Another citizen's item does not exist for this one (404, as an unknown id).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { logAccess } from '../dossiers/store.ts';
import { Problem, notFound } from '../http/problem.ts';
import { submitRequest, type CitizenRef } from '../privacy/service.ts';
import { requestsOfItem } from '../privacy/store.ts';
import { claimAttempt, releaseAttempts, type AttemptPolicy } from '../shared/attempts-store.ts';
import {
  isTokenShape, itemView, mayAskChange, mayShare, newShareToken, shareExpiry, shareState, storeOrder, tokenHash, type ShareDays,
} from './core/shares.ts';
import {
  dossierCodes, insertShare, itemFile, itemOfOwner, itemsOfOwner, logShareOpen, lookupsOfOwner, revokeShare, shareByHash, shareOfItem,
  sharedItem, sharesOfItem,
} from './store.ts';

type Db = Kysely<Database>;

/** The access-log action of a citizen's download of their own store item (shown on "Dữ liệu cá nhân của tôi"). */
export const DOWNLOAD_ACTION = 'download_store_item';

const itemNotFound = () => notFound('giấy tờ trong kho dữ liệu');

/** The citizen's store: every item with its state today and its source dossier's code, and who looked into it. */
export async function myStore(db: Db, c: CitizenRef, now: Date) {
  const today = vnDate(now);
  const [items, lookups] = await Promise.all([itemsOfOwner(db, c.idNumber), lookupsOfOwner(db, c.idNumber)]);
  const codes = await dossierCodes(db, items.flatMap((i) => (i.source_dossier_id ? [i.source_dossier_id] : [])));
  return {
    items: storeOrder(items, today).map((i) => ({ ...i, view: itemView(i, today), dossierCode: i.source_dossier_id ? codes.get(i.source_dossier_id) ?? null : null })),
    lookups,
  };
}
export type MyStore = Awaited<ReturnType<typeof myStore>>;

/** One item of the citizen with its links and the requests about it; 404 when it is not theirs. */
export async function myItem(db: Db, c: CitizenRef, id: number, now: Date) {
  const item = await itemOfOwner(db, c.idNumber, id);
  if (!item) throw itemNotFound();
  const today = vnDate(now);
  const [shares, codes, requests] = await Promise.all([
    sharesOfItem(db, item.id), dossierCodes(db, item.source_dossier_id ? [item.source_dossier_id] : []), requestsOfItem(db, c.id, item.id),
  ]);
  return {
    item: { ...item, view: itemView(item, today), dossierCode: item.source_dossier_id ? codes.get(item.source_dossier_id) ?? null : null },
    shares: shares.map((s) => ({ ...s, opens: Number(s.opens ?? 0), state: shareState(s, now) })),
    requests,
    mayShare: mayShare(item, today),
    mayAskChange: mayAskChange(item),
  };
}
export type MyItem = Awaited<ReturnType<typeof myItem>>;

/** The file of the citizen's item, logged as theirs to read; a deleted item has none any more (410). */
export async function downloadItem(db: Db, c: CitizenRef, id: number) {
  const f = await itemFile(db, c.idNumber, id);
  if (!f) throw itemNotFound();
  if (f.status === 'deleted') throw new Problem(410, 'STORE_ITEM_DELETED', 'Giấy tờ này đã được xóa khỏi kho dữ liệu theo yêu cầu của bạn.');
  const item = await itemOfOwner(db, c.idNumber, id);
  await logAccess(db, `citizen:${c.id}`, DOWNLOAD_ACTION, item?.source_dossier_id ?? null, { storeItemId: id });
  return { content: f.content, contentType: f.content_type, fileName: f.file_name };
}

/** A new link to the citizen's item, open `days` days. The token is returned once and never kept (only its hash). */
export async function createShare(trx: Db, c: CitizenRef, id: number, days: ShareDays, now: Date) {
  const item = await itemOfOwner(trx, c.idNumber, id, true);
  if (!item) throw itemNotFound();
  if (!mayShare(item, vnDate(now))) throw new Problem(409, 'STORE_ITEM_NOT_SHAREABLE', 'Chỉ chia sẻ được giấy tờ còn hiệu lực.');
  const token = newShareToken();
  const s = await insertShare(trx, { itemId: item.id, tokenSha256: tokenHash(token), citizenId: c.id, at: now, expiresAt: shareExpiry(now, days) });
  return { shareId: s.id, token, expiresAt: s.expires_at };
}

/** Closes a link of the citizen's item at once (closing a closed link again does nothing). */
export async function revokeMyShare(trx: Db, c: CitizenRef, id: number, shareId: number, now: Date) {
  const item = await itemOfOwner(trx, c.idNumber, id, true);
  if (!item || !(await shareOfItem(trx, item.id, shareId))) throw notFound('liên kết chia sẻ');
  await revokeShare(trx, item.id, shareId, now);
  return { shareId };
}

/** Guesses at share tokens: 30 unknown tokens from one address within 15 minutes lock that address for the rest of the
 *  window (a token has 256 bits: guessing is hopeless anyway; this keeps the lookups cheap). */
export const SHARE_POLICY: AttemptPolicy = { kind: 'share-ip', max: 30, windowMinutes: 15 };

export type Opened =
  | { ok: true; item: NonNullable<Awaited<ReturnType<typeof sharedItem>>> }
  | { ok: false; error: 'not_found' | 'closed' | 'locked' };

/** Opens a shared link (no login): the item and its file while the link is open, each opening logged. */
export async function openShare(db: Db, token: string, o: { ip: string; now: Date }): Promise<Opened> {
  if (!isTokenShape(token)) return { ok: false, error: 'not_found' };
  const claim = await claimAttempt(db, SHARE_POLICY, o.ip, o.now);
  if (!claim.ok) return { ok: false, error: 'locked' };
  const hash = tokenHash(token);
  const item = await sharedItem(db, hash, o.now);
  if (item) {
    await releaseAttempts(db, claim.claims); // a real link is not a guess
    await logShareOpen(db, item.share_id, o.now);
    return { ok: true, item };
  }
  const known = await shareByHash(db, hash);
  if (known) await releaseAttempts(db, claim.claims);
  return { ok: false, error: known ? 'closed' : 'not_found' };
}

/** The citizen asks to correct or delete a paper of their store that is not a legal record: a personal-data request
 *  about that item, to the commune that holds it. */
export async function askChange(
  trx: Db, c: CitizenRef, id: number, input: { kind: 'correction' | 'deletion'; detail: string; rightValue?: string }, now: Date,
) {
  const item = await itemOfOwner(trx, c.idNumber, id, true);
  if (!item) throw itemNotFound();
  if (!mayAskChange(item)) {
    throw new Problem(409, 'STORE_ITEM_LEGAL_RECORD', item.legal_record
      ? 'Kết quả giải quyết thủ tục do cơ quan nhà nước cấp không xóa hoặc sửa theo yêu cầu; việc cải chính thực hiện theo thủ tục cải chính.'
      : 'Giấy tờ này đã bị thu hồi hoặc đã xóa.');
  }
  return submitRequest(trx, item.source_commune_id, c, {
    kind: input.kind, item: `${item.type_name} trong kho dữ liệu`, rightValue: input.rightValue, detail: input.detail, storeItemId: item.id,
  }, now);
}
