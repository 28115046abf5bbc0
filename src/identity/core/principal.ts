// Who is calling: a staff member (session cookie) or a system (API key). Every query is scoped by it.
export const STAFF_ROLES = [
  'receiving_officer', // cán bộ tiếp nhận (một cửa)
  'specialist', // chuyên viên xử lý
  'unit_head', // trưởng phòng / thủ trưởng đơn vị
  'leader', // lãnh đạo UBND xã, người ký
  'cchc_coordinator', // đầu mối CCHC
  'admin', // quản trị hệ thống
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_NAMES_VI: Record<StaffRole, string> = {
  receiving_officer: 'Cán bộ tiếp nhận một cửa',
  specialist: 'Chuyên viên xử lý',
  unit_head: 'Trưởng đơn vị',
  leader: 'Lãnh đạo UBND xã (người ký)',
  cchc_coordinator: 'Đầu mối cải cách hành chính',
  admin: 'Quản trị hệ thống',
};

export interface Principal {
  kind: 'staff' | 'api_key';
  id: number;
  name: string;
  communeId: string;
  unitId: number | null;
  unitCode: string | null;
  roles: StaffRole[];
}

/** Stable text naming the caller, used as the idempotency-key namespace and in the access log. */
export const principalKey = (p: Principal) => `${p.kind}:${p.id}`;

export const hasRole = (p: Principal, ...roles: StaffRole[]) => roles.some((r) => p.roles.includes(r));

/** Staff who see every dossier of their commune; others (specialists) see only their unit's. */
export const seesWholeCommune = (p: Principal) =>
  hasRole(p, 'receiving_officer', 'leader', 'cchc_coordinator', 'admin');
