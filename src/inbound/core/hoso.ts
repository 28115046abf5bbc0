// A dossier filed on the national portal and forwarded to the commune: the `HoSo` subset of the inbound contract
// (field meanings: domain.md §10.2, the sync contract's HoSo; dates yyyyMMddHHmmss in Vietnam time), checked field by
// field with a Vietnamese message each, and turned into what the dossier service takes. Pure: the limits, the
// accepted file types and the content sniffer (src/dossiers/uploads.ts sniffType, the portal upload's rule: the type
// is decided by the content, never by the name or the sender's claim) are given by the caller.
//
// Our decisions where the contract is silent:
// - Fields of HoSo we do not use (TenTTHC, MaLinhVuc…) are ignored, but they are part of the request's hash: the same
//   MaHoSo with any other content is a conflict.
// - SoGiayToChuHoSo is the applicant's 12-digit personal ID number (số định danh cá nhân), whatever LoaiDoiTuong
//   (1 citizen … 4 organisation): for an organisation, the person who files for it. A DinhDanhCHS entry of type 1
//   must be that same number.
// - The applicant's name, address, phone and e-mail follow the rules of every other door (dossiers/core/applicant.ts).
// - Files: PDF, JPEG or PNG by content, each up to the upload maximum, at most MAX_INBOUND_FILES; a dossier may come
//   without files (the one-stop desk checks completeness at receipt and may ask for a supplement before receipt).
// - NgayNopHoSo may not be later than the time of arrival (a few minutes of clock difference allowed).
import crypto from 'node:crypto';
import { checkApplicant, checkIdNumber, type Applicant } from '../../dossiers/core/applicant.ts';
import { canonicalJson } from '../../dossiers/core/hash-chain.ts';
import { parseGatewayDate } from '../../payments/core/protocol.ts';
import type { FieldError } from './contract.ts';

export interface InboundFile {
  /** TepDinhKemId: the portal's id of the file. */
  portalId: string;
  name: string;
  component: string;
  type: string;
  content: Buffer;
}

export interface InboundDossier {
  portalCode: string;
  procedureCode: string;
  communeId: string;
  applicant: Applicant & { idNumber: string };
  subjectKind: 1 | 2 | 3 | 4;
  /** MaDoiTuong: the applicant's account on the portal, when given. */
  portalUserId: string | null;
  /** TrichYeuHoSo. */
  summary: string | null;
  /** NgayNopHoSo: when the citizen filed it on the portal. */
  filedAt: Date;
  /** TaiKhoanDuocXacThucVoiVNeID = 1. */
  eid: boolean;
  files: InboundFile[];
}

export interface Limits {
  maxFileBytes: number;
  maxFiles: number;
  /** The MIME types accepted (LoaiTep). */
  accepted: readonly string[];
  /** The type a file's content is (magic bytes), or null. */
  sniff(content: Buffer): string | null;
  now: Date;
}

export type Parsed =
  | { ok: true; value: InboundDossier }
  | { ok: false; code: 'INVALID_FIELD' | 'FILE_TOO_LARGE'; errors: FieldError[] };

/** Clock difference tolerated between the portal and us for NgayNopHoSo. */
export const CLOCK_SKEW_MS = 5 * 60_000;
export const MAX_SUMMARY = 1000; // TrichYeuHoSo ≤ 1000 characters (domain.md §10.2)
export const MAX_FILE_NAME = 4000; // TenTepDinhKem ≤ 4000 characters (domain.md §10.2)

const PORTAL_CODE = /^[0-9A-Za-z][0-9A-Za-z._\-/]{0,59}$/;
const PROCEDURE_CODE = /^[0-9A-Z][0-9A-Z.]{2,40}$/; // as the catalogue's codes (catalogue/core/types.ts)
const COMMUNE_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,59}$/;
const COMPONENT_CODE = /^[A-Z0-9_]{1,40}$/; // as the catalogue's component codes

/** Strict base64 (RFC 4648 §4, padded), checked in one pass: a pattern with a repeated group would overflow the
 *  regular expression engine's stack on a file of megabytes. */
export function isBase64(s: string): boolean {
  if (s.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(s)) return false;
  const pad = s.indexOf('=');
  return pad === -1 || (pad >= s.length - 2 && s.slice(pad) === '='.repeat(s.length - pad));
}

/** sha256 (hex) of the request's canonical JSON: key order and spacing do not matter, content does. */
export const requestHash = (body: unknown): string => crypto.createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Longer than `max` characters (code points), without spreading a long text. */
const tooLong = (s: string, max: number) => s.length > max && (s.length > 2 * max || [...s].length > max);

/** The bytes a base64 text decodes to, without decoding it. */
const decodedLength = (b64: string) => (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);

/** A 0/1 flag, as a number or its text. */
const flag = (v: unknown): 0 | 1 | null => (v === 0 || v === '0' ? 0 : v === 1 || v === '1' ? 1 : null);

/** A small whole number in 1..max, as a number or its text. */
function code(v: unknown, max: number): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

/** Checks the forwarded dossier's fields; every field at fault is reported, not only the first. */
export function parseHoSo(body: unknown, limits: Limits): Parsed {
  if (!isObject(body)) return { ok: false, code: 'INVALID_FIELD', errors: [{ field: 'HoSo', message: 'Nội dung gửi sang phải là một hồ sơ (đối tượng JSON).' }] };
  const errors: FieldError[] = [];
  let tooLarge = false;
  const err = (field: string, message: string) => errors.push({ field, message });

  const text = (field: string, label: string, re: RegExp, required = true): string | null => {
    const v = body[field];
    if (v === undefined || v === null || v === '') {
      if (required) err(field, `Thiếu ${label}.`);
      return null;
    }
    if (typeof v !== 'string' || !re.test(v.trim())) {
      err(field, `${label[0]!.toUpperCase()}${label.slice(1)} không đúng định dạng.`);
      return null;
    }
    return v.trim();
  };
  const portalCode = text('MaHoSo', 'mã hồ sơ trên Cổng', PORTAL_CODE);
  const procedureCode = text('MaTTHC', 'mã thủ tục hành chính', PROCEDURE_CODE);
  const communeId = text('MaDonViTiepNhan', 'mã đơn vị tiếp nhận', COMMUNE_CODE);

  // The applicant: the same rules and messages as the counter and the portal (name, ID number, address, phone, e-mail).
  const APPLICANT: [keyof Applicant, string][] = [['name', 'ChuHoSo'], ['idNumber', 'SoGiayToChuHoSo'], ['address', 'DiaChi'], ['phone', 'SoDienThoai'], ['email', 'Email']];
  const given: Record<string, unknown> = {};
  for (const [ours, theirs] of APPLICANT) {
    const v = body[theirs];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') err(theirs, 'Phải là chuỗi ký tự.');
    else given[ours] = v;
  }
  const checked = checkApplicant(given, 'counter');
  for (const e of checked.errors) if (typeof given[e.field] === 'string') err(APPLICANT.find(([o]) => o === e.field)![1], e.message);
  const reported = (field: string) => errors.some((e) => e.field === field);
  if (!checked.values.name && !reported('ChuHoSo')) err('ChuHoSo', 'Thiếu họ tên chủ hồ sơ.');
  if (!checked.values.idNumber && !reported('SoGiayToChuHoSo')) err('SoGiayToChuHoSo', 'Thiếu số định danh cá nhân của chủ hồ sơ.');

  const subjectKind = code(body.LoaiDoiTuong, 4);
  if (subjectKind === null) err('LoaiDoiTuong', 'Loại đối tượng phải là 1 (công dân), 2 (doanh nghiệp), 3 (cơ quan nhà nước) hoặc 4 (tổ chức).');

  let portalUserId: string | null = null;
  if (body.MaDoiTuong !== undefined && body.MaDoiTuong !== null && body.MaDoiTuong !== '') {
    if (typeof body.MaDoiTuong !== 'string' || tooLong(body.MaDoiTuong, 100)) err('MaDoiTuong', 'Mã đối tượng phải là chuỗi ký tự, tối đa 100 ký tự.');
    else portalUserId = body.MaDoiTuong.trim();
  }
  let summary: string | null = null;
  if (body.TrichYeuHoSo !== undefined && body.TrichYeuHoSo !== null && body.TrichYeuHoSo !== '') {
    if (typeof body.TrichYeuHoSo !== 'string' || tooLong(body.TrichYeuHoSo, MAX_SUMMARY)) {
      err('TrichYeuHoSo', `Trích yếu hồ sơ phải là chuỗi ký tự, tối đa ${MAX_SUMMARY} ký tự.`);
    } else summary = body.TrichYeuHoSo.normalize('NFC').trim() || null;
  }

  let filedAt: Date | null = null;
  if (body.NgayNopHoSo === undefined || body.NgayNopHoSo === null || body.NgayNopHoSo === '') err('NgayNopHoSo', 'Thiếu ngày nộp hồ sơ.');
  else {
    filedAt = typeof body.NgayNopHoSo === 'string' ? parseGatewayDate(body.NgayNopHoSo) : null;
    if (!filedAt) err('NgayNopHoSo', 'Ngày nộp hồ sơ phải theo định dạng yyyyMMddHHmmss (giờ Việt Nam), là một thời điểm có thật.');
    else if (filedAt.getTime() > limits.now.getTime() + CLOCK_SKEW_MS) {
      err('NgayNopHoSo', 'Ngày nộp hồ sơ ở sau thời điểm hiện tại.');
      filedAt = null;
    }
  }

  const eid = flag(body.TaiKhoanDuocXacThucVoiVNeID);
  if (eid === null) err('TaiKhoanDuocXacThucVoiVNeID', 'Phải là 0 hoặc 1.');

  const idNumber = checked.values.idNumber;
  if (body.DinhDanhCHS !== undefined && body.DinhDanhCHS !== null) {
    if (!Array.isArray(body.DinhDanhCHS) || body.DinhDanhCHS.length > 10) err('DinhDanhCHS', 'Phải là danh sách, tối đa 10 định danh.');
    else {
      body.DinhDanhCHS.forEach((x: unknown, i) => {
        const at = `DinhDanhCHS[${i}]`;
        const kind = isObject(x) ? code(x.LoaiDinhDanh, 2) : null;
        if (!isObject(x) || kind === null) return err(`${at}.LoaiDinhDanh`, 'Loại định danh phải là 1 (số định danh cá nhân) hoặc 2 (giấy tờ khác).');
        const no = x.SoDinhDanh;
        if (typeof no !== 'string' || !no.trim() || tooLong(no, 40)) return err(`${at}.SoDinhDanh`, 'Thiếu hoặc sai số định danh.');
        if (kind !== 1) return;
        const id = checkIdNumber(no);
        if (id.error) err(`${at}.SoDinhDanh`, id.error);
        else if (idNumber && id.value !== idNumber) err(`${at}.SoDinhDanh`, 'Số định danh cá nhân khác với SoGiayToChuHoSo.');
      });
    }
  }

  const files: InboundFile[] = [];
  if (!Array.isArray(body.TaiLieuNop)) err('TaiLieuNop', 'Thiếu danh sách tài liệu nộp (có thể là danh sách rỗng).');
  else if (body.TaiLieuNop.length > limits.maxFiles) err('TaiLieuNop', `Mỗi hồ sơ gửi sang tối đa ${limits.maxFiles} tệp.`);
  else {
    const ids = new Set<string>();
    const maxMb = Math.round(limits.maxFileBytes / 1024 / 1024);
    body.TaiLieuNop.forEach((x: unknown, i) => {
      const at = `TaiLieuNop[${i}]`;
      if (!isObject(x)) return err(at, 'Mỗi tài liệu phải là một đối tượng JSON.');
      const before = errors.length;
      const id = x.TepDinhKemId;
      const portalId = typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : typeof id === 'string' ? id.trim() : '';
      if (!portalId || tooLong(portalId, 100)) err(`${at}.TepDinhKemId`, 'Thiếu hoặc sai mã tệp đính kèm (tối đa 100 ký tự).');
      else if (ids.has(portalId)) err(`${at}.TepDinhKemId`, 'Mã tệp đính kèm bị trùng trong hồ sơ.');
      else ids.add(portalId);
      const name = x.TenTepDinhKem;
      if (typeof name !== 'string' || !name.trim() || tooLong(name, MAX_FILE_NAME)) err(`${at}.TenTepDinhKem`, `Thiếu tên tệp, hoặc tên dài quá ${MAX_FILE_NAME} ký tự.`);
      const component = x.MaThanhPhanHoSo;
      if (typeof component !== 'string' || !COMPONENT_CODE.test(component)) err(`${at}.MaThanhPhanHoSo`, 'Thiếu hoặc sai mã thành phần hồ sơ.');
      const type = x.LoaiTep;
      if (typeof type !== 'string' || !limits.accepted.includes(type)) err(`${at}.LoaiTep`, `Loại tệp phải là một trong: ${limits.accepted.join(', ')}.`);
      const b64 = x.NoiDungTep;
      let content: Buffer | null = null;
      if (typeof b64 !== 'string' || !b64 || !isBase64(b64)) err(`${at}.NoiDungTep`, 'Thiếu nội dung tệp, hoặc nội dung không phải base64.');
      else if (decodedLength(b64) > limits.maxFileBytes) {
        tooLarge = true;
        err(`${at}.NoiDungTep`, `Tệp lớn hơn ${maxMb} MB.`);
      } else {
        content = Buffer.from(b64, 'base64');
        const found = limits.sniff(content);
        if (!found) err(`${at}.NoiDungTep`, 'Nội dung tệp không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung, không theo tên tệp).');
        else if (typeof type === 'string' && limits.accepted.includes(type) && found !== type) err(`${at}.LoaiTep`, `Nội dung tệp là ${found}, khác loại tệp khai báo.`);
      }
      if (errors.length === before && content) {
        files.push({ portalId, name: (name as string).trim(), component: component as string, type: type as string, content });
      }
    });
  }

  if (errors.length) return { ok: false, code: tooLarge ? 'FILE_TOO_LARGE' : 'INVALID_FIELD', errors };
  return {
    ok: true,
    value: {
      portalCode: portalCode!, procedureCode: procedureCode!, communeId: communeId!,
      applicant: { ...checked.applicant!, idNumber: idNumber },
      subjectKind: subjectKind as 1 | 2 | 3 | 4, portalUserId, summary, filedAt: filedAt!, eid: eid === 1, files,
    },
  };
}

/** The files whose component is not one of the procedure version's (the version in force at filing). */
export function unknownComponents(d: InboundDossier, components: readonly { code: string }[]): FieldError[] {
  const known = new Set(components.map((c) => c.code));
  return d.files.flatMap((f, i) => (known.has(f.component) ? [] : [{
    field: `TaiLieuNop[${i}].MaThanhPhanHoSo`,
    message: `Thủ tục không có thành phần hồ sơ mã "${f.component}".`,
  }]));
}
