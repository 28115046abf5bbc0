// The name of a digitised file (pure). The digitisation guide of the Ministry of Science and Technology (late 2025,
// after Công văn 9318/VPCP-KSTT of 21/12/2025) recommends `CODE_YYYYMMDD_DESC.EXT` with a version suffix (V1 the
// original scan, V2 the first correction…). Here:
//
//   <procedure code>_<component code>_<YYYYMMDD, Vietnam date of the scan>_<Description>_V<n>.pdf
//   e.g. 1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf
//
// The description is the component's name without diacritics, in PascalCase, at most DESCRIPTION_MAX characters
// (whole words), without remarks in parentheses; the name is ASCII only, so it survives any archive or file system.
import { vnDate } from '../../calendar/core/vn-time.ts';

export const DESCRIPTION_MAX = 40;
/** When a component's name yields no letters at all. */
export const FALLBACK_DESCRIPTION = 'TaiLieu';

/** Vietnamese text without diacritics: "Đăng ký khai sinh" → "Dang ky khai sinh" (đ and Đ become d and D). */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/** The short ASCII description of a component's name: "Tờ khai đăng ký khai sinh" → "ToKhaiDangKyKhaiSinh". */
export function shortDescription(name: string, max = DESCRIPTION_MAX): string {
  const words = foldVietnamese(name.replace(/\([^)]*\)?/g, ' '))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  let out = '';
  for (const w of words) {
    if (out.length + w.length > max) break;
    out += w;
  }
  if (!out && words.length) out = words[0]!.slice(0, max); // one word longer than the limit
  return out || FALLBACK_DESCRIPTION;
}

/** A code as it may appear in a file name: letters, digits, dot, hyphen and underscore; anything else becomes "-". */
export function codePart(code: string): string {
  const c = foldVietnamese(code).replace(/[^A-Za-z0-9._-]/g, '-');
  return c || 'X';
}

export interface NameInput {
  procedureCode: string;
  componentCode: string;
  componentName: string;
  /** When the file was scanned (or received): its Vietnam date goes into the name. */
  at: Date;
  /** 1 for the first scan of this component in the dossier, 2 for the first re-scan… */
  version: number;
}

/** The storage copy's file name (see the top of the file). */
export function storageFileName(v: NameInput): string {
  if (!Number.isInteger(v.version) || v.version < 1) throw new RangeError(`version ${v.version}`);
  const day = vnDate(v.at).replace(/-/g, '');
  return `${codePart(v.procedureCode)}_${codePart(v.componentCode)}_${day}_${shortDescription(v.componentName)}_V${v.version}.pdf`;
}

/** The version and date a storage file name carries (null when it does not follow the rule). */
export function parseStorageFileName(name: string): { day: string; description: string; version: number } | null {
  const m = /_(\d{8})_([A-Za-z0-9]+)_V([1-9]\d*)\.pdf$/.exec(name);
  return m ? { day: m[1]!, description: m[2]!, version: Number(m[3]) } : null;
}
