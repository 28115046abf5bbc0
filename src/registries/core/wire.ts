// The provincial platform's (LGSP) JSON for the two national databases, read into our records (pure). The field
// names are the platform's (Vietnamese, as the provincial integrations publish them); dates come as dd/MM/yyyy and
// are read with the same rule as typed dates (compare.ts parseDate). A record we cannot read is no record.
import { parseDate, tidy } from './compare.ts';
import type { CivilStatusKind, CivilStatusQuery, CivilStatusRecord, PopulationRecord } from './registry.ts';

/** The service paths on the platform (relative to XASO_LGSP_URL). */
export const LGSP_PATHS = {
  token: '/oauth2/token',
  population: '/dancu/v1/cong-dan/tra-cuu',
  birth: '/hotich/v1/khai-sinh/xac-thuc',
  marriage: '/hotich/v1/ket-hon/xac-thuc',
} as const;

export const pathOfKind = (k: CivilStatusKind) => (k === 'birth' ? LGSP_PATHS.birth : LGSP_PATHS.marriage);

const s = (v: unknown) => (typeof v === 'string' ? tidy(v) : '');
const d = (v: unknown) => (typeof v === 'string' ? parseDate(v) : null);
/** YYYY-MM-DD → dd/MM/yyyy, as the platform writes dates. */
export const wireDate = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

export function populationOf(o: unknown): PopulationRecord | null {
  if (!o || typeof o !== 'object') return null;
  const c = o as Record<string, unknown>;
  const dob = d(c.ngaySinh);
  const sex = s(c.gioiTinh);
  if (!/^[0-9]{12}$/.test(s(c.soDinhDanh)) || !s(c.hoVaTen) || !dob || (sex !== 'Nam' && sex !== 'Nữ')) return null;
  return {
    idNumber: s(c.soDinhDanh), fullName: s(c.hoVaTen), dateOfBirth: dob, sex,
    permanentResidence: s(c.noiThuongTru), currentResidence: s(c.noiOHienTai), ethnicity: s(c.danToc), nationality: s(c.quocTich),
  };
}

/** The verification request's body for a record (without the caller, added by the client). */
export function civilStatusBody(q: CivilStatusQuery): Record<string, string> {
  return q.kind === 'birth'
    ? { soDangKy: tidy(q.number), quyenSo: tidy(q.book), hoTen: tidy(q.name), ngaySinh: wireDate(q.date) }
    : { soDangKy: tidy(q.number), quyenSo: tidy(q.book), hoTenChong: tidy(q.name), hoTenVo: tidy(q.otherName), ngayDangKy: wireDate(q.date) };
}

export function civilStatusOf(kind: CivilStatusKind, o: unknown): CivilStatusRecord | null {
  if (!o || typeof o !== 'object') return null;
  const c = o as Record<string, unknown>;
  const registeredOn = d(c.ngayDangKy);
  const number = s(c.soDangKy);
  if (!number || !registeredOn) return null;
  const base = { kind, number, book: s(c.quyenSo), registeredOn, registeredBy: s(c.noiDangKy) };
  if (kind === 'birth') {
    const name = s(c.hoTen);
    if (!name) return null;
    return { ...base, name, otherName: null, dateOfBirth: d(c.ngaySinh), mother: s(c.hoTenMe) || null, father: s(c.hoTenCha) || null };
  }
  const name = s(c.hoTenChong);
  const other = s(c.hoTenVo);
  if (!name || !other) return null;
  return { ...base, name, otherName: other, dateOfBirth: null, mother: null, father: null };
}
