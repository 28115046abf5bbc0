// The inbound contract with the national public-service portal (Cổng Dịch vụ công quốc gia, DVCQG): who it is in a
// dossier's history, how its key is checked, and the answers it gets. The portal's own shape `{error_code, message}`
// (domain.md §10.2: "the response is {error_code, message}", error_code "0" = success), not our problem+json: this
// endpoint answers the portal's contract. Messages in Vietnamese, codes stable. Pure.
import crypto from 'node:crypto';
import type { Actor } from '../../dossiers/core/index.ts';

/** The portal as the actor of the entries it causes (the filing, its files): a system, no unit. */
export const PORTAL_ACTOR: Actor = { id: 'system:dvcqg', role: 'system', unitCode: null };
export const PORTAL_NAME = 'Cổng Dịch vụ công quốc gia';

/** Whether a dossier's history says it came from the national portal (its first entry is the portal's filing). */
export const filedOnNationalPortal = (events: readonly { actor_id: string }[]): boolean => events[0]?.actor_id === PORTAL_ACTOR.id;

/** At most this many files in one forwarded dossier (each up to the upload maximum, src/http/deps.ts). */
export const MAX_INBOUND_FILES = 5;

/** The body limit of the route: the files in base64 (4 characters per 3 bytes) and room for the other fields. */
export const inboundBodyLimit = (maxFileBytes: number) => MAX_INBOUND_FILES * Math.ceil(maxFileBytes / 3) * 4 + 256 * 1024;

/**
 * Whether `Authorization: Bearer <key>` carries the portal's key. Both sides are hashed first, so that the
 * comparison runs in constant time whatever their lengths (crypto.timingSafeEqual needs equal lengths).
 */
export function portalKeyMatches(header: string | undefined, key: string): boolean {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!m || !key) return false;
  const digest = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest();
  return crypto.timingSafeEqual(digest(m[1]!), digest(key));
}

export interface FieldError {
  /** The contract's field, with its place in a list: `TaiLieuNop[1].NoiDungTep`. */
  field: string;
  message: string;
}

/** The answer to the portal: HTTP status and the contract's body; `errors` lists every field at fault. */
export interface InboundAnswer {
  status: number;
  body: { error_code: string; message: string; MaHoSo?: string; errors?: FieldError[] };
}

export const INBOUND_ERRORS = {
  UNAUTHORIZED: { status: 401, message: 'Thiếu hoặc sai khóa xác thực của Cổng Dịch vụ công quốc gia.' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Sai khóa xác thực quá nhiều lần từ địa chỉ này; vui lòng thử lại sau 15 phút.' },
  INVALID_JSON: { status: 400, message: 'Nội dung gửi sang không phải JSON hợp lệ.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Nội dung phải gửi dưới dạng application/json.' },
  INVALID_FIELD: { status: 400, message: 'Hồ sơ gửi sang có thông tin không hợp lệ' },
  FILE_TOO_LARGE: { status: 413, message: 'Hồ sơ gửi sang có tệp vượt quá dung lượng cho phép' },
  UNKNOWN_UNIT: { status: 422, message: 'Mã đơn vị tiếp nhận không phải một xã trên hệ thống' },
  UNKNOWN_PROCEDURE: { status: 422, message: 'Thủ tục hành chính không có trong danh mục đang có hiệu lực của xã' },
  PROCEDURE_NOT_ONLINE: { status: 422, message: 'Thủ tục hành chính không tiếp nhận hồ sơ trực tuyến tại xã' },
  CONFLICT: { status: 409, message: 'Mã hồ sơ đã được gửi sang với nội dung khác; không tạo hồ sơ thứ hai' },
  INTERNAL_ERROR: { status: 500, message: 'Hệ thống của xã gặp lỗi khi nhận hồ sơ, vui lòng gửi lại sau.' },
} as const;
export type InboundErrorCode = keyof typeof INBOUND_ERRORS;

/** Wrong keys from one address: after 20 in 15 minutes the address is refused (429) until the window ends, so the key
 *  cannot be guessed (the real portal, at its own address, is not affected by someone else's guesses). */
export const INBOUND_KEY_POLICY = { kind: 'inbound-key', max: 20, windowMinutes: 15 } as const;

/** A refusal: the code's status and message, followed by each field's message (a portal that logs only `message`
 *  still sees them all). */
export function refusal(code: InboundErrorCode, errors: readonly FieldError[] = []): InboundAnswer {
  const { status, message } = INBOUND_ERRORS[code];
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return {
    status,
    body: { error_code: code, message: detail ? `${message}: ${detail}` : message, ...(errors.length ? { errors: [...errors] } : {}) },
  };
}

/** The answer to a dossier taken in, and to every replay of it: the same. */
export const accepted = (portalCode: string): InboundAnswer => ({
  status: 200,
  body: { error_code: '0', message: 'Xã đã nhận hồ sơ; hồ sơ chờ Bộ phận Một cửa tiếp nhận.', MaHoSo: portalCode },
});
