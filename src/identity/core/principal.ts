// Who is calling: a staff member (session cookie) or a system (API key). Every query is scoped by it.
export const STAFF_ROLES = [
  'receiving_officer', // cán bộ tiếp nhận (một cửa)
  'specialist', // chuyên viên xử lý
  'unit_head', // trưởng phòng / thủ trưởng đơn vị
  'leader', // lãnh đạo UBND xã, người ký
  'cchc_coordinator', // đầu mối CCHC
  'admin', // quản trị hệ thống (của xã)
  'province_admin', // quản trị cấp tỉnh: dữ liệu dùng chung (danh mục thủ tục, lịch của tỉnh và toàn quốc)
  'province_viewer', // theo dõi, chỉ đạo cấp tỉnh: xem chỉ số của mọi xã, không thao tác hồ sơ
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_NAMES_VI: Record<StaffRole, string> = {
  receiving_officer: 'Cán bộ tiếp nhận một cửa',
  specialist: 'Chuyên viên xử lý',
  unit_head: 'Trưởng đơn vị',
  leader: 'Lãnh đạo UBND xã (người ký)',
  cchc_coordinator: 'Đầu mối cải cách hành chính',
  admin: 'Quản trị hệ thống',
  province_admin: 'Quản trị cấp tỉnh',
  province_viewer: 'Theo dõi, chỉ đạo cấp tỉnh',
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

// ── Who edits what (issue 13, finding 5) ─────────────────────────────────────────────────────────────
// Shared data (the procedure catalogue every commune of the server charges by, the province's calendar days and
// the national calendar) is edited only at the province's level; a commune's own choices (its calendar days, its
// office hours, its units, staff and API keys) stay its administrator's. A commune administrator cannot give the
// province-level role, nor change an account that holds it (that would be the same escalation by another door).

/** Whether the caller edits data shared by the communes (catalogue, province and national calendar). */
export const editsSharedData = (p: Principal) => hasRole(p, 'province_admin');

/** The province-level roles: shared data, and every commune's figures and late dossiers. */
export const PROVINCE_ROLES: readonly StaffRole[] = ['province_admin', 'province_viewer'];
const isProvinceRole = (r: string) => (PROVINCE_ROLES as readonly string[]).includes(r);

/** The roles `granter` may give or take away: a province-level role only by the province's administrator (a commune's
 *  administrator giving `province_viewer` would let their staff read every commune's figures). */
export const grantableRoles = (granter: Principal): StaffRole[] =>
  STAFF_ROLES.filter((r) => !isProvinceRole(r) || editsSharedData(granter));

/** Whether `granter` may manage (edit, reset, deactivate) an account holding `roles`. */
export const mayManageAccount = (granter: Principal, roles: readonly string[]) =>
  !roles.some(isProvinceRole) || editsSharedData(granter);

export const CALENDAR_SCOPES = ['commune', 'province', 'national'] as const;
export type CalendarScope = (typeof CALENDAR_SCOPES)[number];

/** The calendar scopes the caller may edit: the commune's own days (its administrator), the province's and the
 *  national days (the province-level role). */
export const editableCalendarScopes = (p: Principal): CalendarScope[] =>
  CALENDAR_SCOPES.filter((s) => (s === 'commune' ? hasRole(p, 'admin') : editsSharedData(p)));
