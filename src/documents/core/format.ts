// How the official documents write dates, times, names and labels in Vietnamese. Pure; Vietnam time (UTC+7)
// whatever the server's zone.
//
// Dates follow the presentation rule for administrative documents (NĐ 30/2020/NĐ-CP, Phụ lục I: days below 10
// and the months 1 and 2 take a leading zero: "ngày 05 tháng 02 năm 2026", "ngày 25 tháng 11 năm 2026").
import { VN_OFFSET_MS } from '../../calendar/core/vn-time.ts';
import type { HandoverResult } from '../../calendar/core/index.ts';
import type { Component } from '../../catalogue/core/types.ts';
import type { ReturnChannel } from '../../dossiers/core/index.ts';

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function parts(d: Date): Parts {
  const local = new Date(d.getTime() + VN_OFFSET_MS);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "ngày 25 tháng 11 năm 2026", "ngày 05 tháng 02 năm 2026". */
export function dateWords(d: Date): string {
  const p = parts(d);
  return `ngày ${two(p.day)} tháng ${p.month <= 2 ? two(p.month) : String(p.month)} năm ${p.year}`;
}

/** "17 giờ 00 phút, ngày 25 tháng 11 năm 2026". */
export function timeWords(d: Date): string {
  const p = parts(d);
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ${dateWords(d)}`;
}

/** "25/11/2026". */
export function dateShort(d: Date): string {
  const p = parts(d);
  return `${two(p.day)}/${two(p.month)}/${p.year}`;
}

/** "09:00 25/11/2026". */
export function dateTimeShort(d: Date): string {
  const p = parts(d);
  return `${two(p.hour)}:${two(p.minute)} ${dateShort(d)}`;
}

/** The year of an instant in Vietnam. */
export const vnYear = (d: Date) => parts(d).year;

/** Text as stored may come decomposed (NFD) from some keyboards; the fonts need precomposed letters. */
export const nfc = (s: string) => s.normalize('NFC');

/** Upper case for header lines ("Xã Xuân Dương" → "XÃ XUÂN DƯƠNG"). */
export const upper = (s: string) => nfc(s).toLocaleUpperCase('vi');

/**
 * A commune's name without the "Xã" prefix or a trailing parenthesis, for the place line and running text:
 * "Xã Xuân Dương" → "Xuân Dương"; "Xã Tân Lập (dữ liệu mẫu)" → "Tân Lập".
 */
export function placeName(communeName: string): string {
  return nfc(communeName).replace(/\s*\(.*\)\s*$/, '').replace(/^(xã|phường|đặc khu)\s+/i, '').trim();
}

/** "Xuân Dương, ngày 25 tháng 11 năm 2026". */
export const placeDate = (communeName: string, d: Date) => `${placeName(communeName)}, ${dateWords(d)}`;

/** "01" for counts in the forms ("Số lượng hồ sơ: 01 bộ"). */
export const count2 = (n: number) => two(n);

export const KIND_LABELS: Record<Component['kind'], string> = {
  original: 'bản chính',
  copy: 'bản sao',
  certified_copy: 'bản sao có chứng thực',
  shown: 'xuất trình bản chính để đối chiếu',
};

export const RETURN_CHANNEL_LABELS: Record<ReturnChannel, string> = {
  counter: 'Trực tiếp tại Bộ phận Một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến',
};

export const HANDOVER_RESULT_LABELS: Record<HandoverResult, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

/** What a blank to fill in by hand looks like in the forms. */
export const BLANK = '……………';

/** "08 giờ 30 phút, ngày 27/11/2026" (table cells). */
export function timeCompact(d: Date): string {
  const p = parts(d);
  return `${two(p.hour)} giờ ${two(p.minute)} phút, ngày ${dateShort(d)}`;
}
